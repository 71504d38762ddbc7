/**
 * One command waiting for a person: what it runs, its risk class and why, the task it belongs to, and
 * approve / reject with an optional comment. The answer is a Temporal Update behind the API, so a
 * 409 (already decided, or no longer waiting) comes back as a readable problem.
 */
import { Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api } from '../core/api';
import type { Task } from '../core/api-types';
import { toProblem, type ProblemView } from '../core/problem';
import { ProblemAlert } from './problem-alert';

@Component({
  selector: 'app-approval-card',
  imports: [FormsModule, RouterLink, ProblemAlert],
  templateUrl: './approval-card.html',
})
export class ApprovalCard {
  private readonly api = inject(Api);

  readonly taskId = input.required<string>();
  readonly showGoalLink = input(true);
  readonly decided = output<'approve' | 'reject'>();

  protected readonly task = signal<Task | null>(null);
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);

  constructor() {
    effect(() => {
      const id = this.taskId();
      untracked(() => void this.load(id));
    });
  }

  protected async decide(decision: 'approve' | 'reject'): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.decide(this.taskId(), decision, this.comment().trim() || undefined);
      this.decided.emit(decision);
      await this.load(this.taskId());
    } catch (err) {
      this.problem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      this.task.set(await this.api.getTask(id));
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
