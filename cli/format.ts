/** How the CLI prints things: task events as terminal lines, goals and tasks as short rows. */
import { streamParts, type TextRange } from '../core/output-streams';
import type { Goal, TaskEvent } from './api-types';

const MAX_OUTPUT_LINES = 40;

function indent(text: string, prefix: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const shown = lines.length > MAX_OUTPUT_LINES ? [...lines.slice(0, MAX_OUTPUT_LINES), `… (${lines.length - MAX_OUTPUT_LINES} more lines)`] : lines;
  return shown.map((l) => `${prefix}${l}`);
}

const isRanges = (value: unknown): value is TextRange[] =>
  Array.isArray(value) && value.every((r) => Array.isArray(r) && r.length === 2 && r.every((n) => typeof n === 'number'));

/**
 * A finished command's output from offset `from` on, each line marked by its stream (`│` stdout, `!`
 * stderr), capped like `indent`.
 */
function outputLines(output: string, ranges: unknown, prefix: string, from = 0): string[] {
  const lines = streamParts(output, isRanges(ranges) ? ranges : undefined, from).flatMap(({ stream, text }) =>
    text.replace(/\n$/, '').split('\n').map((line) => `${prefix}  ${stream === 'stderr' ? '!' : '│'} ${line}`),
  );
  return lines.length > MAX_OUTPUT_LINES ? [...lines.slice(0, MAX_OUTPUT_LINES), `${prefix}  … (${lines.length - MAX_OUTPUT_LINES} more lines)`] : lines;
}

/** One event of a task log as printable lines (output is createLogFormatter's); `label` prefixes each (e.g. the subtask id). */
function formatEvent(event: TaskEvent, label: string, opts: { statuses?: boolean } = {}): string[] {
  const p = `  [${label}] `;
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'status':
      return opts.statuses ? [`${p}${event.message}`] : [];
    case 'step_proposed':
      return [`${p}${event.message}${typeof data.risk === 'string' && data.risk !== 'low' ? `   (${data.risk} risk)` : ''}`];
    case 'approval_requested':
      return [`${p}⏸ ${event.message}`, `${p}  answer with: ananta approve ${event.taskId}  (or --reject)`];
    case 'verdict':
      return [`${p}${data.success === false ? '✗' : '✓'} ${event.message}`];
    case 'error':
      return [`${p}error: ${event.message}`];
    default:
      return [`${p}${event.message}`];
  }
}

/** Where one step's output stands in the printed log. */
interface StepOutput {
  /** All live output received for the step (printed, or held back in `partial`). */
  seen: string;
  /** The step's final record was printed: live output arriving after it (it is batched) is dropped. */
  closed: boolean;
  /** The end of the last live chunk when it stopped mid-line, held back until its line is complete. */
  partial: string;
  /** How the held-back text is marked: `│` stdout, `!` stderr. */
  partialMark: string;
}

const stepIndexOf = (event: TaskEvent): number | undefined => {
  const index = event.data?.['stepIndex'];
  return typeof index === 'number' ? index : undefined;
};

/**
 * Prints task logs showing each command's output once, as the dashboard does: live `output` events as
 * they come (stderr marked `!`), whole lines only; the step's final record (command_finished, which
 * carries the whole output) then adds what live output had not shown yet, and live output arriving
 * after it is dropped, even when the next step has begun. Steps are told apart by `data.stepIndex`
 * where events carry it (output, manual steps), else by counting the task's `step_proposed` events
 * (the agent loop numbers its steps from 1, one proposal each).
 */
export function createLogFormatter(opts: { statuses?: boolean } = {}) {
  const proposed = new Map<string, number>();
  const steps = new Map<string, StepOutput>();
  const stepOf = (taskId: string, index: number) => {
    const key = `${taskId}#${index}`;
    let step = steps.get(key);
    if (!step) steps.set(key, (step = { seen: '', closed: false, partial: '', partialMark: '│' }));
    return step;
  };
  /** Output held back mid-line is printed before anything else of its task. */
  const flushHeld = (taskId: string, p: string) =>
    [...steps.entries()].filter(([key, step]) => key.startsWith(`${taskId}#`) && step.partial).flatMap(([, step]) => {
      const lines = indent(step.partial, `${p}  ${step.partialMark} `);
      step.partial = '';
      return lines;
    });

  return (event: TaskEvent, label: string): string[] => {
    const p = `  [${label}] `;
    if (event.type === 'step_proposed') proposed.set(event.taskId, (proposed.get(event.taskId) ?? 0) + 1);
    const index = stepIndexOf(event) ?? proposed.get(event.taskId) ?? 0;
    if (event.type === 'output') {
      const step = stepOf(event.taskId, index);
      if (step.closed) return [];
      step.seen += event.message;
      const mark = event.data?.['stream'] === 'stderr' ? '!' : '│';
      // A switch of stream ends the held-back line: it is printed with its own mark first.
      const switched = step.partial && step.partialMark !== mark ? indent(step.partial, `${p}  ${step.partialMark} `) : [];
      const text = (switched.length ? '' : step.partial) + event.message;
      const end = text.lastIndexOf('\n') + 1;
      step.partial = text.slice(end);
      step.partialMark = mark;
      return [...switched, ...(end > 0 ? indent(text.slice(0, end), `${p}  ${mark} `) : [])];
    }
    if (event.type === 'command_finished') {
      const step = stepOf(event.taskId, index);
      step.closed = true;
      const output = typeof event.data?.['output'] === 'string' ? event.data['output'] : '';
      // What was printed already; the rest of the final copy follows (a held-back line included).
      const printed = step.seen.length - step.partial.length;
      const from = output.startsWith(step.seen.slice(0, printed)) ? printed : output.length;
      step.partial = '';
      const rest = output.slice(from).trim() ? outputLines(output, event.data?.['stderrRanges'], p, from) : [];
      return [...flushHeld(event.taskId, p), ...rest, `${p}${event.message}${event.data?.['truncated'] ? ' (output truncated)' : ''}`];
    }
    return [...flushHeld(event.taskId, p), ...formatEvent(event, label, opts)];
  };
}

export function formatUsage(usage: Goal['usage']): string {
  return `${usage.calls} LLM call(s), ${usage.tokens} tokens, $${usage.costUsd.toFixed(4)}`;
}

export function formatPlan(goal: Goal): string[] {
  return [
    'Plan:',
    ...goal.plan.map((s) => `  ${s.id}. ${s.title}${s.dependsOn.length ? `   (after ${s.dependsOn.join(', ')})` : ''}`),
  ];
}

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}
