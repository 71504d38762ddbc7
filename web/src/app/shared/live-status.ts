/** Says whether the page is following the API's live feed, so a stale list is never mistaken for a current one. */
import { Component, inject } from '@angular/core';
import { LiveEvents } from '../core/live-events';

@Component({
  selector: 'app-live-status',
  template: `<span class="live-status muted small" [class.on]="live.connected()" role="status">{{ live.connected() ? 'Live' : 'Connecting…' }}</span>`,
})
export class LiveStatus {
  protected readonly live = inject(LiveEvents);
}
