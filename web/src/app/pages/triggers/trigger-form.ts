/** Create or edit one trigger. The saved trigger is emitted; the secret field is emptied after each save. */
import { Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../../core/api';
import { TRIGGER_SOURCES, type Team, type Template, type Trigger } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';
import { formFrom, toTriggerInput, type TriggerFormValue } from './trigger-form-model';

@Component({
  selector: 'app-trigger-form',
  imports: [FormsModule, ProblemAlert],
  templateUrl: './trigger-form.html',
})
export class TriggerForm {
  private readonly api = inject(Api);

  readonly trigger = input<Trigger | null>(null);
  readonly teams = input<Team[]>([]);
  readonly templates = input<Template[]>([]);
  readonly saved = output<Trigger>();

  protected readonly sources = TRIGGER_SOURCES;
  protected readonly form = signal<TriggerFormValue>(formFrom(null));
  protected readonly busy = signal(false);
  protected readonly problem = signal<ProblemView | null>(null);

  constructor() {
    effect(() => {
      const t = this.trigger();
      untracked(() => {
        this.form.set(formFrom(t));
        this.problem.set(null);
      });
    });
  }

  protected set<K extends keyof TriggerFormValue>(key: K, value: TriggerFormValue[K]): void {
    this.form.update((f) => ({ ...f, [key]: value }));
  }

  protected async submit(): Promise<void> {
    const existing = this.trigger();
    this.busy.set(true);
    this.problem.set(null);
    try {
      const body = toTriggerInput(this.form(), existing);
      const result = existing ? await this.api.updateTrigger(existing.id, body) : await this.api.createTrigger(body);
      this.form.set(formFrom(result));
      this.saved.emit(result);
    } catch (err) {
      this.problem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
