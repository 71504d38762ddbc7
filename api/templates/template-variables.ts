/**
 * The `{{variables}}` a prompt template may use. The planner and proposer fill these; anything else in
 * a template would stay literally in the prompt, so it is reported as a warning (not refused: a
 * template may be written before the variable it needs is supported).
 */
export const KNOWN_TEMPLATE_VARIABLES = ['goal', 'context', 'task', 'title', 'description', 'team', 'role', 'priority', 'subtasks', 'history'] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/** The distinct placeholder names in a template body, in order of first use. */
export function placeholders(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export type TemplateWarning = { type: 'unknown_variables'; variables: string[] };

/** Placeholders that are neither known nor declared by the template itself. */
export function templateWarnings(body: string, declared: readonly string[] = []): TemplateWarning[] {
  const known = new Set<string>([...KNOWN_TEMPLATE_VARIABLES, ...declared]);
  const unknown = placeholders(body).filter((name) => !known.has(name));
  return unknown.length ? [{ type: 'unknown_variables', variables: unknown }] : [];
}
