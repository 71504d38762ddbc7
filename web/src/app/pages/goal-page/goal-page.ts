/**
 * One goal: its plan as a dependency graph (columns by depth), the subtasks with their live status and
 * log, usage, the steering buttons and a link to its workflow in the Temporal Web UI. The goal is read
 * again when the live feed reports a change of it or its tasks, and every 5 s while it is not finished;
 * each started subtask's log streams on its own.
 */
import { DecimalPipe } from '@angular/common';
import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Api, type GoalAction } from '../../core/api';
import { TERMINAL_STATUSES, type Goal, type GoalSubtask } from '../../core/api-types';
import { liveReload } from '../../core/live-events';
import { pollEvery } from '../../core/poll';
import { toProblem, type ProblemView } from '../../core/problem';
import { ApprovalCard } from '../../shared/approval-card';
import { ProblemAlert } from '../../shared/problem-alert';
import { StatusBadge } from '../../shared/status-badge';
import { TaskLog } from './task-log';

export interface GraphNode { id: string; title: string; dependsOn: string[]; status: string }

/** Groups subtasks into columns: a node sits one column right of its deepest dependency. */
export function planColumns(nodes: readonly GraphNode[]): GraphNode[][] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    if (!node || seen.has(id)) return 0; // unknown dependency or a cycle: the API rejects both, draw flat
    seen.add(id);
    const d = node.dependsOn.length ? 1 + Math.max(...node.dependsOn.map((dep) => depthOf(dep, seen))) : 0;
    depth.set(id, d);
    return d;
  };
  const columns: GraphNode[][] = [];
  for (const n of nodes) (columns[depthOf(n.id, new Set())] ??= []).push(n);
  return columns.filter(Boolean);
}

/** Subtasks whose log is worth opening by itself: they have started. */
const STARTED = (s: GoalSubtask) => !['todo', 'blocked'].includes(s.status);

@Component({
  selector: 'app-goal-page',
  imports: [DecimalPipe, ProblemAlert, StatusBadge, TaskLog, ApprovalCard],
  templateUrl: './goal-page.html',
})
export class GoalPage {
  private readonly api = inject(Api);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly goal = signal<Goal | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly actionProblem = signal<ProblemView | null>(null);
  protected readonly busy = signal<GoalAction | null>(null);
  protected readonly openLogs = signal<ReadonlySet<string>>(new Set());
  private readonly autoOpened = new Set<string>();

  protected readonly finished = computed(() => TERMINAL_STATUSES.includes(this.goal()?.status ?? ''));
  protected readonly columns = computed(() => {
    const g = this.goal();
    if (!g) return [];
    const status = new Map(g.subtasks.map((s) => [s.id, s.status as string]));
    const planned = g.plan.map((p) => ({ id: p.id, title: p.title, dependsOn: p.dependsOn, status: status.get(p.id) ?? 'todo' }));
    const followups = g.subtasks.filter((s) => !g.plan.some((p) => p.id === s.id));
    return planColumns([...planned, ...followups.map((s) => ({ id: s.id, title: s.title, dependsOn: s.dependsOn, status: s.status }))]);
  });

  /**
   * Row changes of this goal and its tasks arrive at once on the live feed; the slower poll picks up
   * what only the running workflow knows (its live query: budget waits, external updates).
   */
  private readonly poller = pollEvery(5000, () => this.load());

  constructor() {
    liveReload(() => this.poller.now(), { match: (c) => c.id === this.id() || c.goalId === this.id() });
    effect(() => {
      this.id(); // runs once the route's id is bound, and again for a new goal id (same component, new route)
      untracked(() => {
        this.goal.set(null);
        this.openLogs.set(new Set());
        this.autoOpened.clear();
        this.poller.now();
      });
    });
  }

  protected toggleLog(taskId: string): void {
    this.openLogs.update((open) => {
      const next = new Set(open);
      if (!next.delete(taskId)) next.add(taskId);
      return next;
    });
  }

  protected async act(action: GoalAction): Promise<void> {
    this.busy.set(action);
    this.actionProblem.set(null);
    try {
      this.goal.set(await this.api.goalAction(this.id(), action));
    } catch (err) {
      this.actionProblem.set(toProblem(err));
    } finally {
      this.busy.set(null);
    }
  }

  private async load(): Promise<void> {
    const id = this.id();
    if (this.finished() && this.goal()?.id === id) return; // a finished goal no longer changes
    try {
      const goal = await this.api.getGoal(id);
      if (goal.id !== this.id()) return;
      this.goal.set(goal);
      this.problem.set(null);
      const started = goal.subtasks.filter((s) => STARTED(s) && !this.autoOpened.has(s.taskId));
      if (started.length) {
        started.forEach((s) => this.autoOpened.add(s.taskId));
        this.openLogs.update((open) => new Set([...open, ...started.map((s) => s.taskId)]));
      }
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
