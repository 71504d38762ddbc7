/** A goal or task status as a coloured label; the text itself carries the meaning (not only the colour). */
import { Component, computed, input } from '@angular/core';

@Component({
  selector: 'app-status-badge',
  template: `<span class="badge" [class]="'badge badge-' + status()" [attr.data-status]="status()">{{ label() }}</span>`,
})
export class StatusBadge {
  readonly status = input.required<string>();
  protected readonly label = computed(() => this.status().replace(/_/g, ' '));
}
