/**
 * Every task in a column by its status. A card moves by drag and drop (the column it lands in names
 * the intervention: board.ts dropAction) or by its buttons, which keyboard users reach with Tab. The
 * card only changes column when the API agrees; a refused move is explained and the card stays.
 * Reloaded when the live feed reports a task change.
 */
import { CdkDrag, CdkDropList, type CdkDragDrop } from '@angular/cdk/drag-drop';
import { Component, computed, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import type { TaskAction, TaskRow, TaskStatus, Team } from '../../core/api-types';
import { liveReload } from '../../core/live-events';
import { toProblem, type ProblemView } from '../../core/problem';
import { LiveStatus } from '../../shared/live-status';
import { ProblemAlert } from '../../shared/problem-alert';
import { actionProblem, actionsFor, BOARD_COLUMNS, dropAction, noMoveProblem, toColumns } from './board';
import { NewTask } from './new-task';

@Component({
  selector: 'app-tasks-board',
  imports: [RouterLink, ProblemAlert, LiveStatus, CdkDropList, CdkDrag, NewTask],
  templateUrl: './tasks-board.html',
})
export class TasksBoard implements OnInit {
  private readonly api = inject(Api);

  protected readonly tasks = signal<TaskRow[] | null>(null);
  protected readonly columns = computed(() => toColumns(this.tasks() ?? []));
  /** On a phone ten mostly empty columns are a long scroll: start with the empty ones hidden there. */
  protected readonly hideEmpty = signal(typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches);
  protected readonly problem = signal<ProblemView | null>(null);
  /** The last refused or failed move, kept until the next move so it can be read. */
  protected readonly actionError = signal<ProblemView | null>(null);
  /** What the last move did, for screen readers and for the eye after a drop. */
  protected readonly moved = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly actionsFor = actionsFor;
  protected readonly dropListIds = BOARD_COLUMNS.map((s) => `column-${s}`);
  protected readonly teams = signal<Team[]>([]);
  /** What a new task may wait for: anything not finished. */
  protected readonly waitable = computed(() => (this.tasks() ?? []).filter((t) => !['completed', 'failed', 'cancelled'].includes(t.status)));

  constructor() {
    liveReload(() => this.load(), { kinds: ['task'] });
  }

  ngOnInit(): void {
    void this.load();
    this.api.listTeams().then((p) => this.teams.set(p.items), () => undefined); // the form works without teams
  }

  protected taskCreated(task: TaskRow): void {
    this.moved.set(`“${task.title}” added to the backlog (to do).`);
    void this.load();
  }

  /** A card dropped on a column: the move that column stands for, or why there is none. */
  protected dropped(event: CdkDragDrop<TaskStatus, TaskStatus, TaskRow>): void {
    const task = event.item.data;
    const to = event.container.data;
    if (event.previousContainer === event.container) return;
    const action = dropAction(task.status, to);
    if (!action) {
      this.moved.set('');
      this.actionError.set(noMoveProblem(task, task.status, to));
      return;
    }
    void this.act(task, action);
  }

  protected async act(task: TaskRow, action: TaskAction): Promise<void> {
    this.busy.set(task.id);
    this.actionError.set(null);
    this.moved.set('');
    try {
      const result = await this.api.taskAction(task.id, action);
      this.tasks.update((list) => list?.map((t) => (t.id === task.id ? { ...t, status: result.status } : t)) ?? null);
      this.moved.set(`“${task.title}”: ${action} done, now ${result.status.replace(/_/g, ' ')}.`);
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
