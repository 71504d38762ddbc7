/** Prompts for vendor models. Each asks for exactly one JSON object matching activities/llm/schemas.ts. */
import type { DetectFollowupsInput, PlanGoalInput, ProposeStepInput } from '../../core/types';

const JSON_ONLY = 'Answer with one JSON object and nothing else.';

/** Per command output in a prompt: its start and (mostly) its end, where errors and results usually are. */
export const OUTPUT_CHARS = 4000;
/** All step outputs of one prompt together; older steps lose their output first. */
export const HISTORY_OUTPUT_CHARS = 24_000;
export const CONTEXT_CHARS = 8000;

/**
 * Cuts long text before it enters a prompt, keeping its head and tail with a marker saying how much is
 * missing, so the model knows it sees an excerpt and a command's noisy output cannot crowd out the task.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `\n[… ${text.length - max} characters cut …]\n`;
  const head = Math.floor(max / 4);
  return `${text.slice(0, head)}${marker}${text.slice(text.length - (max - head))}`;
}

/** Step outputs clipped one by one, then dropped from the oldest on while the history is still too long. */
function historyOutputs(history: ProposeStepInput['history']): (string | undefined)[] {
  const outputs = history.map((h) => (h.output === undefined ? undefined : clip(h.output, OUTPUT_CHARS)));
  let total = outputs.reduce((n, o) => n + (o?.length ?? 0), 0);
  for (let i = 0; i < outputs.length - 1 && total > HISTORY_OUTPUT_CHARS; i++) {
    const o = outputs[i];
    if (!o) continue;
    total -= o.length;
    outputs[i] = `[output of this older step left out: ${o.length} characters]`;
  }
  return outputs;
}

export function planPrompt(input: PlanGoalInput): { system: string; prompt: string } {
  return {
    system: `You plan software and operations goals into at most ${input.maxSubtasks} subtasks that a shell agent can do. ${JSON_ONLY} Shape: {"subtasks":[{"id":"s1","title":"…","description":"…","dependsOn":[]}]}. Ids are short slugs; dependsOn lists ids of earlier subtasks; no cycles.`,
    prompt: `Goal: ${input.goal}${input.context ? `\nContext: ${clip(input.context, CONTEXT_CHARS)}` : ''}`,
  };
}

export function stepPrompt(input: ProposeStepInput): { system: string; prompt: string } {
  const outputs = historyOutputs(input.history);
  const history = input.history
    .map((h, i) => `#${i + 1} $ ${h.command}\n${h.rejected ? '(rejected by a human; not run)' : `exit ${h.exitCode}\n${outputs[i] ?? ''}`}`)
    .join('\n\n');
  return {
    system: `You are a careful shell agent working in a sandboxed workspace directory (the current directory). Propose ONE bash command at a time, or finish. ${JSON_ONLY} Shapes: {"kind":"command","reasoning":"…","command":"…"} or {"kind":"done","success":true,"summary":"…"}. Steps left: ${input.stepsLeft}.`,
    prompt: `Goal: ${input.goal}\nTask: ${input.title}\n${input.description}\n\nHistory:\n${history || '(none yet)'}`,
  };
}

export function followupsPrompt(input: DetectFollowupsInput): { system: string; prompt: string } {
  return {
    system: `You review finished work and list follow-up tasks that are clearly needed to reach the goal, or none. Do not repeat existing tasks. ${JSON_ONLY} Shape: {"followups":[{"description":"…","priority":"medium"}]}.`,
    prompt: `Goal: ${input.goal}\nFinished task: ${input.task.title}\n${input.task.summary ?? ''}\nLast output:\n${clip(input.task.lastOutput ?? '', OUTPUT_CHARS)}\n\nExisting tasks:\n${input.existing.map((e) => `- ${e}`).join('\n')}`,
  };
}

/**
 * The one repair attempt after a malformed answer: the same instructions, the rejected answer and what
 * was wrong with it. The answer is cut short so a runaway reply cannot blow up the second prompt.
 */
export function repairPrompt(original: { system: string; prompt: string }, answer: string, problem: string): { system: string; prompt: string } {
  const shown = answer.length > 4000 ? `${answer.slice(0, 4000)}\n[… ${answer.length - 4000} more characters cut]` : answer;
  return {
    system: original.system,
    prompt: `${original.prompt}\n\nYour previous answer was rejected.\nPrevious answer:\n${shown}\n\nProblems: ${problem}\n\nAnswer with JSON only: one JSON object of the shape described, and nothing else.`,
  };
}
