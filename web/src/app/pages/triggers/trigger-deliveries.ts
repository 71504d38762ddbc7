/**
 * A trigger's recent deliveries with their outcome (accepted, duplicate, ignored, rejected). Each
 * delivery the receiver records, and each goal it starts, arrives on the live feed (`event: delivery`)
 * and reloads the list; nothing polls.
 */
import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import type { WebhookDelivery } from '../../core/api-types';
import { liveReload } from '../../core/live-events';
import { toProblem, type ProblemView } from '../../core/problem';
import { ProblemAlert } from '../../shared/problem-alert';

@Component({
  selector: 'app-trigger-deliveries',
  imports: [DatePipe, RouterLink, ProblemAlert],
  template: `
    <section aria-labelledby="deliveries-h">
      <h2 id="deliveries-h">Recent deliveries</h2>
      <app-problem-alert [problem]="problem()" />
      @if (deliveries(); as list) {
        <div class="table-wrap">
          <table class="deliveries">
            <thead><tr><th scope="col">Delivery</th><th scope="col">Outcome</th><th scope="col">Goal</th><th scope="col">Received</th></tr></thead>
            <tbody>
              @for (d of list; track d.id) {
                <tr [attr.data-outcome]="d.outcome">
                  <td><code>{{ d.deliveryId ?? d.id }}</code></td>
                  <td>
                    <span [class]="'outcome-' + d.outcome">{{ d.outcome }}</span>
                    @if (d.reason) { <div class="muted small">{{ d.reason }}</div> }
                    @if (d.startStatus === 'failed') { <div class="error-text small">the goal did not start</div> }
                  </td>
                  <td>
                    @if (d.goalId) { <a [routerLink]="['/goals', d.goalId]">open goal</a> } @else { — }
                  </td>
                  <td>{{ d.createdAt | date: 'medium' }}</td>
                </tr>
              } @empty {
                <tr><td colspan="4" class="empty">No deliveries yet. Point the sender at the URL above, or send one with curl.</td></tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (!problem()) {
        <p class="loading" role="status">Loading deliveries…</p>
      }
    </section>
  `,
})
export class TriggerDeliveries {
  private readonly api = inject(Api);

  readonly triggerId = input.required<string>();

  protected readonly deliveries = signal<WebhookDelivery[] | null>(null);
  protected readonly problem = signal<ProblemView | null>(null);

  constructor() {
    liveReload(() => this.load(), { kinds: ['delivery'], match: (c) => c.triggerId === this.triggerId() });
    effect(() => {
      this.triggerId();
      untracked(() => {
        this.deliveries.set(null);
        void this.load();
      });
    });
  }

  private async load(): Promise<void> {
    const id = this.triggerId();
    try {
      const page = await this.api.listDeliveries(id);
      if (id !== this.triggerId()) return;
      this.deliveries.set(page.items);
      this.problem.set(null);
    } catch (err) {
      this.problem.set(toProblem(err));
    }
  }
}
