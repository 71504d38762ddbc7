/** The registered workers: online unless a heartbeat is overdue, with their queue and capabilities. */
import { DatePipe } from '@angular/common';
import { Component, computed, inject, type OnInit, signal } from '@angular/core';
import { Api } from '../../core/api';
import type { Worker } from '../../core/api-types';
import { pollEvery } from '../../core/poll';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-workers',
  imports: [DatePipe, ProblemAlert],
  template: `
    <div class="page-head">
      <h1>Workers</h1>
      @if (workers(); as list) {
        <span class="count" role="status">{{ online() }} of {{ list.length }} online</span>
      }
    </div>
    <app-problem-alert [problem]="problem()" />
    @if (workers(); as list) {
      <div class="table-wrap">
        <table class="workers">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Task queue</th><th scope="col">Capabilities</th><th scope="col">Last seen</th></tr>
          </thead>
          <tbody>
            @for (w of list; track w.id) {
              <tr [attr.data-worker-id]="w.id">
                <td>{{ w.name }}@if (w.url) {<div class="muted small">{{ w.url }}</div>}</td>
                <td><span class="badge" [class.badge-completed]="w.status === 'online'" [class.badge-failed]="w.status === 'offline'">{{ w.status }}</span></td>
                <td><code>{{ w.taskQueue }}</code><div class="muted small">up to {{ w.maxConcurrency }} at once</div></td>
                <td>{{ w.capabilities.join(', ') || '—' }}</td>
                <td>{{ w.lastSeen | date: 'short' }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="5" class="empty">
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

  private readonly poller = pollEvery(5000, async () => {
    try {
      this.workers.set((await this.api.listWorkers()).items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  });

  ngOnInit(): void {
    this.poller.start();
  }
}
