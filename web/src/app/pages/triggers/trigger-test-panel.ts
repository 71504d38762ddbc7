/** Parses a sample payload as a source would (`POST /triggers/test`) and shows what it would create; nothing is created. */
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Api } from '../../core/api';
import { TRIGGER_SOURCES, type TriggerSource, type TriggerTestResult } from '../../core/api-types';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

const SAMPLE = '{\n  "goal": "List the files"\n}';

@Component({
  selector: 'app-trigger-test-panel',
  imports: [FormsModule, ProblemAlert],
  template: `
    <form class="card test-panel" (ngSubmit)="run()" aria-labelledby="test-h">
      <h2 id="test-h">Test a payload</h2>
      <label for="test-source">Source</label>
      <select id="test-source" name="source" [ngModel]="source()" (ngModelChange)="source.set($event)">
        @for (s of sources; track s) { <option [value]="s">{{ s }}</option> }
      </select>
      <label for="test-payload">Payload (JSON)</label>
      <textarea id="test-payload" name="payload" rows="6" [attr.aria-invalid]="!!jsonError()" aria-describedby="test-json-error"
        [ngModel]="payload()" (ngModelChange)="payload.set($event)"></textarea>
      @if (jsonError()) { <p id="test-json-error" class="error-text">{{ jsonError() }}</p> }
      <button type="submit" [disabled]="busy()">Test</button>
      <div aria-live="polite">
        <app-problem-alert [problem]="problem()" />
        @if (result(); as r) {
          <div class="result test-result" [attr.data-would-create]="r.wouldCreate">
            <strong>{{ r.wouldCreate ? 'Would create a goal' : 'Would create nothing' }}</strong>
            @if (r.goal) { <div>Goal: <q>{{ r.goal }}</q></div> }
            @if (r.reason) { <div class="muted">{{ r.reason }}</div> }
            @if (r.parsedTasks.length) {
              <ul>
                @for (t of r.parsedTasks; track $index) {
                  <li><strong>{{ t.title }}</strong> <span class="muted small">({{ t.priority }})</span>@if (t.description) {<div class="small">{{ t.description }}</div>}</li>
                }
              </ul>
            }
          </div>
        }
      </div>
    </form>
  `,
})
export class TriggerTestPanel {
  private readonly api = inject(Api);

  /** The selected trigger's source, when there is one. */
  readonly initialSource = input<TriggerSource>('generic');

  protected readonly sources = TRIGGER_SOURCES;
  protected readonly source = signal<TriggerSource>('generic');
  protected readonly payload = signal(SAMPLE);
  protected readonly jsonError = signal<string | null>(null);
  protected readonly result = signal<TriggerTestResult | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    effect(() => {
      const s = this.initialSource();
      untracked(() => this.source.set(s));
    });
  }

  protected async run(): Promise<void> {
    this.result.set(null);
    this.problem.set(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.payload());
      this.jsonError.set(null);
    } catch (err) {
      this.jsonError.set(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.busy.set(true);
    try {
      this.result.set(await this.api.testTrigger(this.source(), parsed));
    } catch (err) {
      this.problem.set(toProblem(err));
    } finally {
      this.busy.set(false);
    }
  }
}
