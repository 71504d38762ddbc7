/**
 * The deterministic offline planner's rules, as pure functions: split a goal into clauses, and turn a
 * clause into a safe shell command. No model is involved, and every answer says so.
 */
export const OFFLINE_NOTE = 'offline planner: deterministic rules, no LLM was called';

const FILE_RE = /\b([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z0-9]{1,8})\b/;
const BACKTICK_RE = /`([^`]+)`/g;

/** Splits "Create a hello.txt with a greeting and verify it" into its clauses, in order. */
export function splitIntoClauses(goal: string): string[] {
  // Backticked commands stay whole: hide them behind placeholders while splitting.
  const commands: string[] = [];
  const masked = goal.replace(BACKTICK_RE, (m) => `\u0000${commands.push(m) - 1}\u0000`);
  // NUL marks where a masked command was taken out: it cannot occur in a typed goal.
  // oxlint-disable-next-line no-control-regex
  const unmask = (text: string) => text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => commands[Number(i)]);
  const clauses: string[] = [];
  for (const sentence of masked.split(/(?<=[.!?;])\s+|\n+/)) {
    for (const part of sentence.split(/\s*(?:,\s*)?\b(?:and then|then|and)\b\s+/i)) {
      const clause = part.replace(/[.!?;]+$/, '').trim();
      if (!clause) continue;
      if (clause.split(/\s+/).length >= 2 || clause.includes('\u0000')) clauses.push(clause);
      else if (clauses.length > 0) clauses[clauses.length - 1] += ` and ${clause}`;
      else clauses.push(clause);
    }
  }
  return clauses.map(unmask);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const firstFileName = (text: string): string | undefined => FILE_RE.exec(text)?.[1];

/** Commands written in backticks are taken literally, in order: the way to steer the offline planner. */
export function explicitCommands(text: string): string[] {
  return [...text.matchAll(BACKTICK_RE)].map((m) => m[1].trim()).filter(Boolean);
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The safe command the offline planner proposes for a clause, or undefined when nothing fits. */
export function commandForClause(clause: string, goal: string): string | undefined {
  const lower = clause.toLowerCase();
  const file = firstFileName(clause) ?? (/\b(it|them|the file)\b/.test(lower) ? firstFileName(goal) : undefined);
  if (file && /\b(create|write|make|add|generate|save)\b/.test(lower)) {
    const greeting = /\b(greet|greeting|hello|welcome)\b/.test(lower);
    const content = greeting ? 'Hello from Ananta!' : clause;
    return `printf '%s\\n' ${quote(content)} > ${quote(file)}`;
  }
  if (file && /\b(verify|check|confirm|test|validate|show|read|print|display)\b/.test(lower)) {
    return `test -s ${quote(file)} && cat ${quote(file)}`;
  }
  if (/\b(list|inventory)\b/.test(lower)) return 'ls -la';
  return undefined;
}
