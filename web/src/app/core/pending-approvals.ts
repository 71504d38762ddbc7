/**
 * Finds every command waiting for a person. The task list's status is a projection that may lag
 * behind the running workflow, so goals waiting for approval are also read live (their subtasks come
 * from the workflow) and the two are merged. Oldest first: the longest wait is the most urgent.
 */
import { inject, Injectable } from '@angular/core';
import { Api } from './api';

export interface WaitingTask {
  taskId: string;
  goalId: string;
  title: string;
  /** When the task (or its goal) last changed: roughly how long it has been waiting. */
  since: string;
}

@Injectable({ providedIn: 'root' })
export class PendingApprovals {
  private readonly api = inject(Api);

  async list(): Promise<WaitingTask[]> {
    const [tasks, goals] = await Promise.all([
      this.api.listTasks({ status: 'waiting_approval', limit: 200 }),
      this.api.listGoals({ status: 'waiting_approval', limit: 200 }),
    ]);
    const waiting = new Map<string, WaitingTask>();
    for (const t of tasks.items) waiting.set(t.id, { taskId: t.id, goalId: t.goalId, title: t.title, since: t.updatedAt });
    const live = await Promise.all(goals.items.map((g) => this.api.getGoal(g.id).catch(() => null)));
    for (const goal of live) {
      for (const s of goal?.subtasks ?? []) {
        if (goal && s.status === 'waiting_approval' && !waiting.has(s.taskId)) {
          waiting.set(s.taskId, { taskId: s.taskId, goalId: goal.id, title: s.title, since: goal.updatedAt });
        }
      }
    }
    return [...waiting.values()].sort((a, b) => a.since.localeCompare(b.since));
  }
}
