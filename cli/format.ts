/** How the CLI prints things: task events as terminal lines, goals and tasks as short rows. */
import type { Goal, TaskEvent } from './api-types';

const MAX_OUTPUT_LINES = 40;

function indent(text: string, prefix: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const shown = lines.length > MAX_OUTPUT_LINES ? [...lines.slice(0, MAX_OUTPUT_LINES), `… (${lines.length - MAX_OUTPUT_LINES} more lines)`] : lines;
  return shown.map((l) => `${prefix}${l}`);
}

/** One event of a task log as printable lines; `label` prefixes each (e.g. the subtask id). */
export function formatEvent(event: TaskEvent, label: string, opts: { statuses?: boolean } = {}): string[] {
  const p = `  [${label}] `;
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'status':
      return opts.statuses ? [`${p}${event.message}`] : [];
    case 'step_proposed':
      return [`${p}${event.message}${typeof data.risk === 'string' && data.risk !== 'low' ? `   (${data.risk} risk)` : ''}`];
    case 'approval_requested':
      return [`${p}⏸ ${event.message}`, `${p}  answer with: ananta approve ${event.taskId}  (or --reject)`];
    case 'command_finished': {
      const out = typeof data.output === 'string' && data.output.trim() ? indent(data.output, `${p}  │ `) : [];
      return [...out, `${p}${event.message}${data.truncated ? ' (output truncated)' : ''}`];
    }
    case 'verdict':
      return [`${p}${data.success === false ? '✗' : '✓'} ${event.message}`];
    case 'error':
      return [`${p}error: ${event.message}`];
    default:
      return [`${p}${event.message}`];
  }
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
