/** Shows an API problem readably: its title, its detail and, for validation failures, each field's message. */
import { Component, input } from '@angular/core';
import type { ProblemView } from '../core/problem';

@Component({
  selector: 'app-problem-alert',
  template: `
    @if (problem(); as p) {
      <div class="alert" role="alert">
        <strong>{{ p.title }}</strong>
        @if (p.status) {
          <span class="muted"> ({{ p.status }}{{ p.code ? ', ' + p.code : '' }})</span>
        }
        @if (p.detail) {
          <p class="problem-detail">{{ p.detail }}</p>
        }
        @if (p.errors.length) {
          <ul class="problem-errors">
            @for (e of p.errors; track $index) {
              <li>
                @if (e.path) {
                  <code>{{ e.path }}</code>:
                }
                {{ e.message }}
              </li>
            }
          </ul>
        }
      </div>
    }
  `,
})
export class ProblemAlert {
  readonly problem = input<ProblemView | null>(null);
}
