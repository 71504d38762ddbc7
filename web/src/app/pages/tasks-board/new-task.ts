/**
 * A manual task for the board: what to do, its priority, its team and what it waits for. It lands in
 * `todo`, where the team's autopilot picks it up. Validation is the API's; its problems are shown.
 */
import { Component, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../../core/api';
import type { NewTask as NewTaskBody, TaskRow, Team } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-new-task',
  imports: [FormsModule, ProblemAlert],
  template: `
    <details class="card new-task" [open]="open()" (toggle)="open.set($any($event.target).open)">
      <summary>New task</summary>
      <form (ngSubmit)="submit()" aria-label="New task">
        <div aria-live="polite"><app-problem-alert [problem]="problem()" /></div>
        <label for="task-description">What to do</label>
        <textarea id="task-description" name="description" rows="3" [ngModel]="description()" (ngModelChange)="description.set($event)" required></textarea>
        <div class="form-grid">
          <div><label for="task-title">Title (optional)</label><input id="task-title" name="title" autocomplete="off" [ngModel]="title()" (ngModelChange)="title.set($event)" /></div>
          <div>
            <label for="task-priority">Priority</label>
            <select id="task-priority" name="priority" [ngModel]="priority()" (ngModelChange)="priority.set($event)">
              <option value="low">low</option><option value="medium">medium</option><option value="high">high</option>
            </select>
          </div>
          <div>
            <label for="task-team">Team</label>
            <select id="task-team" name="team" [ngModel]="teamId()" (ngModelChange)="teamId.set($event)">
              <option value="">None</option>
              @for (t of teams(); track t.id) { <option [value]="t.id">{{ t.name }}</option> }
            </select>
          </div>
          @if (waitable().length) {
            <div>
              <label for="task-depends">Waits for</label>
              <select id="task-depends" name="dependsOn" multiple [ngModel]="dependsOn()" (ngModelChange)="dependsOn.set($event)">
                @for (t of waitable(); track t.id) { <option [value]="t.id">{{ t.title }}</option> }
              </select>
            </div>
          }
        </div>
        <button type="submit" class="primary" [disabled]="busy()">Add to backlog</button>
      </form>
    </details>
  `,
})
export class NewTask {
  private readonly api = inject(Api);

  readonly teams = input<Team[]>([]);
  /** Tasks a new one may wait for (not finished yet). */
  readonly waitable = input<TaskRow[]>([]);
  readonly created = output<TaskRow>();

  protected readonly open = signal(false);
  protected readonly description = signal('');
  protected readonly title = signal('');
  protected readonly priority = signal<NewTaskBody['priority']>('medium');
  protected readonly teamId = signal('');
  protected readonly dependsOn = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);

  body(): NewTaskBody {
    return {
      description: this.description(),
      priority: this.priority(),
      dependsOn: this.dependsOn(),
      ...(this.title().trim() ? { title: this.title().trim() } : {}),
      ...(this.teamId() ? { teamId: this.teamId() } : {}),
    };
  }

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.created.emit(await this.api.createTask(this.body()));
      this.description.set('');
      this.title.set('');
      this.dependsOn.set([]);
    } catch (err) {
      this.problem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
