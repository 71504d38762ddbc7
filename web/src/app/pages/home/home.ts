/** The landing page: what the agents are doing right now, reloaded when the live feed reports a change. */
import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { HomeData, type HomeSummary } from '../../core/home-summary';
import { liveReload } from '../../core/live-events';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { LiveStatus } from '../../shared/live-status';
import { StatusBadge } from '../../shared/status-badge';

@Component({
  selector: 'app-home',
  imports: [RouterLink, CurrencyPipe, DatePipe, DecimalPipe, ProblemAlert, StatusBadge, LiveStatus],
  templateUrl: './home.html',
})
export class Home implements OnInit {
  private readonly data = inject(HomeData);

  protected readonly summary = signal<HomeSummary | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);

  constructor() {
    liveReload(() => this.load());
    // Heartbeats come every few seconds and rarely change the online count: looked at now and then.
    liveReload(() => this.load(), { kinds: ['worker'], quietMs: 10_000 });
  }

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.summary.set(await this.data.load());
      this.problem.set(null);
    } catch (err) {
      // The last good numbers stay on screen under the error.
      this.problem.set(toProblem(err));
    }
  }
}
