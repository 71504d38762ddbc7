/**
 * The registered workers: online unless a heartbeat is overdue, with their queue, load and
 * capabilities. Heartbeats and registrations arrive on the live feed (`event: worker`) and reload the
 * list at once. A worker that stops beating writes nothing, so no event says it went offline: a slow
 * timer re-reads the list to let the API's overdue verdict show.
 */
import { DatePipe } from '@angular/common';
import { Component, computed, inject, type OnInit, signal } from '@angular/core';
import { Api } from '../../core/api';
import type { Worker } from '../../core/api-types';
import { liveReload } from '../../core/live-events';
import { pollEvery } from '../../core/poll';
import { LiveStatus } from '../../shared/live-status';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

/** The API calls a worker offline 30 s or more after its last heartbeat; this is how late the page may notice. */
export const OVERDUE_CHECK_MS = 30_000;

@Component({
  selector: 'app-workers',
  imports: [DatePipe, ProblemAlert, LiveStatus],
  template: `
    <div class="page-head">
      <h1>Workers</h1>
      @if (workers(); as list) {
        <span class="count" role="status">{{ online() }} of {{ list.length }} online</span>
      }
      <app-live-status />
    </div>
    <app-problem-alert [problem]="problem()" />
    @if (workers(); as list) {
      <div class="table-wrap">
        <table class="workers">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Task queue</th><th scope="col">Load</th><th scope="col">Capabilities</th><th scope="col">Last seen</th></tr>
          </thead>
          <tbody>
            @for (w of list; track w.id) {
              <tr [attr.data-worker-id]="w.id">
                <td>{{ w.name }}@if (w.url) {<div class="muted small">{{ w.url }}</div>}</td>
                <td><span class="badge" [class.badge-completed]="w.status === 'online'" [class.badge-failed]="w.status === 'offline'">{{ w.status }}</span></td>
                <td><code>{{ w.taskQueue }}</code><div class="muted small">up to {{ w.maxConcurrency }} at once</div></td>
                <td class="load">{{ w.load ?? '—' }}</td>
                <td>{{ w.capabilities.join(', ') || '—' }}</td>
                <td>{{ w.lastSeen | date: 'short' }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6" class="empty">
                  No worker has registered with the hub. Workers started with <code>npm start</code> poll Temporal directly;
                  remote workers appear here once they call <code>POST /register</code>.
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (!problem()) {
      <p class="loading" role="status">Loading workers…</p>
    }
  `,
})
export class Workers implements OnInit {
  private readonly api = inject(Api);

  protected readonly workers = signal<Worker[] | null>(null);
  protected readonly online = computed(() => (this.workers() ?? []).filter((w) => w.status === 'online').length);
  protected readonly problem = signal<ProblemView | null>(null);

  /** Only for heartbeats that stop (see above); everything that is written arrives on the live feed. */
  private readonly poller = pollEvery(OVERDUE_CHECK_MS, async () => {
    try {
      this.workers.set((await this.api.listWorkers()).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  });

  constructor() {
    liveReload(() => this.poller.now(), { kinds: ['worker'] });
  }

  ngOnInit(): void {
    this.poller.start();
  }
}
