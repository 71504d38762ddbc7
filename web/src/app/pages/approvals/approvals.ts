/** Every command waiting for a person, oldest first, refreshed every 2 s. */
import { Component, inject, type OnInit, signal } from '@angular/core';
import { Api } from '../../core/api';
import type { TaskSummary } from '../../core/api-types';
import { pollEvery } from '../../core/poll';
import { toProblem, type ProblemView } from '../../core/problem';
import { ApprovalCard } from '../../shared/approval-card';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-approvals',
  imports: [ApprovalCard, ProblemAlert],
  template: `
    <div class="page-head">
      <h1>Approvals</h1>
      @if (tasks(); as list) {
        <span class="count" role="status">{{ list.length }} waiting</span>
      }
    </div>
    <app-problem-alert [problem]="problem()" />
    @if (tasks(); as list) {
      <div class="approvals">
        @for (t of list; track t.id) {
          <app-approval-card [taskId]="t.id" (decided)="poller.now()" />
        } @empty {
          <p class="empty">Nothing waits for approval. Risky commands show up here as soon as an agent proposes one.</p>
        }
      </div>
    } @else if (!problem()) {
      <p class="loading" role="status">Loading approvals…</p>
    }
  `,
})
export class Approvals implements OnInit {
  private readonly api = inject(Api);

  protected readonly tasks = signal<TaskSummary[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly poller = pollEvery(2000, () => this.load());

  ngOnInit(): void {
    this.poller.start();
  }

  private async load(): Promise<void> {
    try {
      const page = await this.api.listTasks({ status: 'waiting_approval', limit: 200 });
      // Oldest first: the longest wait is the most urgent.
      this.tasks.set([...page.items].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)));
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
