/**
 * The home view's read model: everything on it comes from the public list endpoints in one round of
 * calls, and the counting is a pure function so it can be tested without HTTP.
 */
import { inject, Injectable } from '@angular/core';
import { Api } from './api';
import { GOAL_STATUSES, type GoalStatus, type GoalSummary, type TaskRow, type UsageRow, type Worker } from './api-types';
import { PendingApprovals, type WaitingTask } from './pending-approvals';

/** Statuses in which a task is being worked on right now. */
export const ACTIVE_TASK_STATUSES: readonly string[] = ['assigned', 'proposing', 'in_progress'];

export interface Failure { kind: 'goal' | 'task'; id: string; goalId: string; title: string; detail: string; at: string }

export interface HomeSummary {
  goalCounts: Array<{ status: GoalStatus; count: number }>;
  goalTotal: number;
  running: TaskRow[];
  approvals: WaitingTask[];
  workersOnline: number;
  workersTotal: number;
  spendTodayUsd: number;
  tokensToday: number;
  failures: Failure[];
}

/** `YYYY-MM-DD` of today in UTC: the API's day buckets are UTC days. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

export function summarize(input: {
  goals: GoalSummary[];
  tasks: TaskRow[];
  approvals: WaitingTask[];
  workers: Worker[];
  usageToday: UsageRow[];
}): HomeSummary {
  const counts = new Map<GoalStatus, number>(GOAL_STATUSES.map((s) => [s, 0]));
  for (const g of input.goals) counts.set(g.status, (counts.get(g.status) ?? 0) + 1);
  const failures: Failure[] = [
    ...input.goals
      .filter((g) => g.status === 'failed')
      .map((g) => ({ kind: 'goal' as const, id: g.id, goalId: g.id, title: g.goal, detail: g.error?.detail ?? '', at: g.updatedAt })),
    ...input.tasks
      .filter((t) => t.status === 'failed')
      .map((t) => ({ kind: 'task' as const, id: t.id, goalId: t.goalId, title: t.title, detail: t.error?.detail ?? '', at: t.updatedAt })),
  ];
  return {
    goalCounts: GOAL_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    goalTotal: input.goals.length,
    running: input.tasks.filter((t) => ACTIVE_TASK_STATUSES.includes(t.status)),
    approvals: input.approvals,
    workersOnline: input.workers.filter((w) => w.status === 'online').length,
    workersTotal: input.workers.length,
    spendTodayUsd: input.usageToday.reduce((sum, u) => sum + u.costUsd, 0),
    tokensToday: input.usageToday.reduce((sum, u) => sum + u.inputTokens + u.outputTokens, 0),
    failures: failures.sort((a, b) => b.at.localeCompare(a.at)).slice(0, 6),
  };
}

@Injectable({ providedIn: 'root' })
export class HomeData {
  private readonly api = inject(Api);
  private readonly pending = inject(PendingApprovals);

  async load(now = new Date()): Promise<HomeSummary> {
    const [goals, tasks, approvals, workers, usage] = await Promise.all([
      this.api.listGoals({ limit: 200 }),
      this.api.listTasks({ limit: 200 }),
      this.pending.list(),
      this.api.listWorkers(),
      this.api.usage('day', todayUtc(now)),
    ]);
    return summarize({ goals: goals.items, tasks: tasks.items, approvals, workers: workers.items, usageToday: usage.items });
  }
}
