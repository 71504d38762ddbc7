/**
 * Renders a prompt template's `{{variables}}` and wraps the result as a delimited section of a system
 * prompt. Rendering is plain text substitution from an allowlist in one pass: no expressions, helpers
 * or partials, so a template can never run code, and a value that itself contains `{{goal}}` (a goal's
 * text is user input) is not expanded again. Placeholders outside the allowlist stay in the text as
 * written, so a template author sees what was not filled instead of a silent gap.
 */
import { clip } from './prompts';

/**
 * The variables the planner and proposer fill (kept equal to api/templates' KNOWN_TEMPLATE_VARIABLES,
 * which decides the `unknown_variables` warning; a unit test holds them together).
 */
export const PROMPT_TEMPLATE_VARIABLES = ['goal', 'context', 'task', 'title', 'description', 'team', 'role', 'priority', 'subtasks', 'history'] as const;
export type PromptTemplateVariable = (typeof PROMPT_TEMPLATE_VARIABLES)[number];
/** Values for one call; a known variable without a value (no task while planning) renders empty. */
export type PromptTemplateValues = Partial<Record<PromptTemplateVariable, string>>;

/** The rendered template's share of a system prompt; longer text keeps its head and tail with a marker. */
export const TEMPLATE_CHARS = 6000;
/** Per variable value, so one long value (a goal's context) cannot crowd out the rest of the template. */
export const TEMPLATE_VALUE_CHARS = 4000;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;
const KNOWN = new Set<string>(PROMPT_TEMPLATE_VARIABLES);

export function renderPromptTemplate(body: string, values: PromptTemplateValues): string {
  const rendered = body.replace(PLACEHOLDER, (whole, name: string) =>
    KNOWN.has(name) ? clip(values[name as PromptTemplateVariable] ?? '', TEMPLATE_VALUE_CHARS) : whole);
  return clip(rendered, TEMPLATE_CHARS);
}

/**
 * The system prompt with the rendered template appended between markers, after the built-in
 * instructions, so the answer format those demand still holds whatever the template says.
 */
export function withTemplateSection(prompt: { system: string; prompt: string }, name: string, rendered: string): { system: string; prompt: string } {
  const section = [
    `--- Team instructions (prompt template "${name}") ---`,
    rendered,
    '--- End of team instructions. The answer format above still applies. ---',
  ].join('\n');
  return { system: `${prompt.system}\n\n${section}`, prompt: prompt.prompt };
}
