import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveEvents, type LiveChange } from '../../core/live-events';
import { TriggerDeliveries } from './trigger-deliveries';

const delivery = (id: string, outcome: string) => ({
  id, source: 'generic', triggerId: 't1', deliveryId: id, outcome, reason: null, goalId: null, startStatus: null, count: 1, createdAt: '2026-12-01T10:00:00.000Z',
});

describe('TriggerDeliveries', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('reloads when a delivery of this trigger arrives on the live feed, and only then (no timer)', async () => {
    const changes = new Subject<LiveChange>();
    TestBed.configureTestingModule({
      imports: [TriggerDeliveries],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: LiveEvents, useValue: { changes$: changes, connected: signal(true) } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TriggerDeliveries);
    fixture.componentRef.setInput('triggerId', 't1');
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/triggers/t1/deliveries').flush({ items: [], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('No deliveries yet');

    changes.next({ kind: 'delivery', id: 'd0', triggerId: 'other', outcome: 'accepted', updatedAt: 'x' });
    await new Promise((r) => setTimeout(r, 3500)); // longer than the old 3 s poll: nothing is asked for
    backend.expectNone((r) => r.url === '/triggers/t1/deliveries');

    changes.next({ kind: 'delivery', id: 'd1', triggerId: 't1', outcome: 'accepted', updatedAt: 'y' });
    await new Promise((r) => setTimeout(r, 400));
    backend.expectOne((r) => r.url === '/triggers/t1/deliveries').flush({ items: [delivery('d1', 'accepted')], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    expect(el.querySelector('tr[data-outcome=accepted]')).not.toBeNull();
    fixture.destroy();
  }, 10_000);
});
