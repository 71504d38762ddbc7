/** Every command waiting for a person, oldest first; reloaded when the live feed reports a change. */
import { Component, inject, type OnInit, signal } from '@angular/core';
import { PendingApprovals, type WaitingTask } from '../../core/pending-approvals';
import { liveReload } from '../../core/live-events';
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
        @for (t of list; track t.taskId) {
          <app-approval-card [taskId]="t.taskId" (decided)="load()" />
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
  private readonly pending = inject(PendingApprovals);

  protected readonly tasks = signal<WaitingTask[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  constructor() {
    liveReload(() => this.load()); // goals too: a goal's status says when one of its tasks waits
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.tasks.set(await this.pending.list());
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
