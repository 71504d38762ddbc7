/** All goals, newest first, filtered by status and refreshed every 2 s. */
import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, input, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { GOAL_STATUSES, type GoalStatus, type GoalSummary } from '../../core/api-types';
import { pollEvery } from '../../core/poll';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { StatusBadge } from '../../shared/status-badge';

@Component({
  selector: 'app-goal-list',
  imports: [RouterLink, DatePipe, DecimalPipe, ProblemAlert, StatusBadge],
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

  private readonly poller = pollEvery(2000, () => this.load());

  ngOnInit(): void {
    const fromLink = this.statusParam();
    if (fromLink && (GOAL_STATUSES as readonly string[]).includes(fromLink)) this.status.set(fromLink as GoalStatus);
    this.poller.start();
  }

  protected setStatus(value: string): void {
    this.status.set(value as GoalStatus | '');
    this.goals.set(null);
    this.poller.now();
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
