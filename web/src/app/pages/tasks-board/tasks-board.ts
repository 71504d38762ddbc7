/** Every task in a column by its status, with the moves the state machine may allow; reloaded when the live feed reports a task change. */
import { Component, computed, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import type { TaskAction, TaskRow } from '../../core/api-types';
import { liveReload } from '../../core/live-events';
import { toProblem, type ProblemView } from '../../core/problem';
import { LiveStatus } from '../../shared/live-status';
import { ProblemAlert } from '../../shared/problem-alert';
import { actionProblem, actionsFor, toColumns } from './board';

@Component({
  selector: 'app-tasks-board',
  imports: [RouterLink, ProblemAlert, LiveStatus],
  templateUrl: './tasks-board.html',
})
export class TasksBoard implements OnInit {
  private readonly api = inject(Api);

  protected readonly tasks = signal<TaskRow[] | null>(null);
  protected readonly columns = computed(() => toColumns(this.tasks() ?? []));
  protected readonly hideEmpty = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);
  /** The last refused or failed move, kept until the next move so it can be read. */
  protected readonly actionError = signal<ProblemView | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly actionsFor = actionsFor;

  constructor() {
    liveReload(() => this.load(), { kinds: ['task'] });
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async act(task: TaskRow, action: TaskAction): Promise<void> {
    this.busy.set(task.id);
    this.actionError.set(null);
    try {
      const result = await this.api.taskAction(task.id, action);
      this.tasks.update((list) => list?.map((t) => (t.id === task.id ? { ...t, status: result.status } : t)) ?? null);
    } catch (err) {
      this.actionError.set(actionProblem(task, action, err));
    } finally {
      this.busy.set(null);
      void this.load();
    }
  }

  private async load(): Promise<void> {
    try {
      this.tasks.set((await this.api.listTasks({ limit: 200 })).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
