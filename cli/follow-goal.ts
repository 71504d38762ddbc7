/**
 * `ananta goal` follows a goal until it ends: the plan once it exists, each subtask's status changes,
 * and each started task's log (proposed commands, approvals, output, verdicts), polled from the API.
 * Polling (not SSE) because one goal has several tasks and the CLI wants them interleaved in one view.
 */
import { isTerminalTask, TERMINAL_GOAL_STATUSES, type GoalStatus, type TaskStatus } from '../core/statuses';
import type { ApiClient } from './api-client';
import type { Goal, TaskLog } from './api-types';
import { createLogFormatter, formatPlan, formatUsage } from './format';

export interface FollowOptions {
  print: (line: string) => void;
  pollMs?: number;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function followGoal(api: ApiClient, goalId: string, opts: FollowOptions): Promise<Goal> {
  const { print, pollMs = 1000 } = opts;
  let lastStatus: GoalStatus | undefined;
  let planShown = false;
  const subtaskStatus = new Map<string, string>();
  const afterSeq = new Map<string, number>();
  const format = createLogFormatter();

  const printLogs = async (goal: Goal) => {
    for (const s of goal.subtasks) {
      if (s.status === 'todo' && !afterSeq.has(s.taskId)) continue;
      const after = afterSeq.get(s.taskId);
      const log = await api.request<TaskLog>('GET', `/tasks/${encodeURIComponent(s.taskId)}/logs${after === undefined ? '' : `?afterSeq=${after}`}`);
      for (const event of log.items) format(event, s.id).forEach((line) => print(line));
      if (log.lastSeq !== null) afterSeq.set(s.taskId, log.lastSeq);
    }
  };

  for (;;) {
    const goal = await api.request<Goal>('GET', `/goals/${encodeURIComponent(goalId)}`);
    const over = TERMINAL_GOAL_STATUSES.includes(goal.status);
    // The end is told once, by the summary below, after the last subtask's log.
    if (goal.status !== lastStatus && !over) print(`goal ${goal.status}`);
    lastStatus = goal.status;
    if (!planShown && goal.plan.length > 0) {
      formatPlan(goal).forEach((line) => print(line));
      planShown = true;
    }
    // A subtask that started shows its status before its log; one that ended, after it (its commands
    // and verdict come first, as they happened).
    const changed = goal.subtasks.filter((s) => subtaskStatus.get(s.id) !== s.status);
    const printStatus = (s: Goal['subtasks'][number]) => {
      subtaskStatus.set(s.id, s.status);
      const why = s.error ? ` — ${s.error.code}: ${s.error.detail}` : '';
      print(`  [${s.id}] ${s.status}${s.origin === 'followup' && s.status === 'todo' ? ` (follow-up: ${s.title})` : ''}${why}`);
    };
    const ended = (s: Goal['subtasks'][number]) => isTerminalTask(s.status as TaskStatus);
    changed.filter((s) => !ended(s)).forEach(printStatus);
    await printLogs(goal);
    changed.filter(ended).forEach(printStatus);
    if (over) {
      const done = goal.subtasks.filter((s) => s.status === 'completed').length;
      print(`goal ${goal.status}: ${done}/${goal.subtasks.length} subtask(s) completed · ${formatUsage(goal.usage)}`);
      if (goal.error) print(`  reason: ${goal.error.code}: ${goal.error.detail}`);
      return goal;
    }
    if (opts.signal?.aborted) return goal;
    await sleep(pollMs);
  }
}
