/** All goals, newest first, filtered by status; reloaded when the live feed reports a goal change. */
import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, input, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { GOAL_STATUSES, type GoalStatus, type GoalSummary } from '../../core/api-types';
import { liveReload } from '../../core/live-events';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { LiveStatus } from '../../shared/live-status';
import { StatusBadge } from '../../shared/status-badge';

@Component({
  selector: 'app-goal-list',
  imports: [RouterLink, DatePipe, DecimalPipe, ProblemAlert, StatusBadge, LiveStatus],
  templateUrl: './goal-list.html',
})
export class GoalList implements OnInit {
  private readonly api = inject(Api);

  /** `?status=` from a link (the home page's counts), bound by the router. */
  readonly statusParam = input<string | undefined>(undefined, { alias: 'status' });

  protected readonly statuses = GOAL_STATUSES;
  protected readonly status = signal<GoalStatus | ''>('');
  protected readonly goals = signal<GoalSummary[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);

  constructor() {
    liveReload(() => this.load(), { kinds: ['goal'] });
  }

  ngOnInit(): void {
    const fromLink = this.statusParam();
    if (fromLink && (GOAL_STATUSES as readonly string[]).includes(fromLink)) this.status.set(fromLink as GoalStatus);
    void this.load();
  }

  protected setStatus(value: string): void {
    this.status.set(value as GoalStatus | '');
    this.goals.set(null);
    void this.load();
  }

  private async load(): Promise<void> {
    const status = this.status();
    try {
      const page = await this.api.listGoals({ status });
      if (status !== this.status()) return; // the filter changed while this page was loading
      this.goals.set(page.items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
