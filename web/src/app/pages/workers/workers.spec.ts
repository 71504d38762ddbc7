import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveEvents, type LiveChange } from '../../core/live-events';
import { Workers } from './workers';

const worker = (load: number | null) => ({
  id: 'w1', name: 'builder-1', url: null, status: 'online', lastSeen: '2026-12-01T10:00:00.000Z', taskQueue: 'q', capabilities: ['shell'], maxConcurrency: 2, load,
});

describe('Workers', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('reloads when a heartbeat arrives on the live feed, not on goal or task changes', async () => {
    const changes = new Subject<LiveChange>();
    TestBed.configureTestingModule({
      imports: [Workers],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: LiveEvents, useValue: { changes$: changes, connected: signal(true) } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Workers);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/agents').flush({ items: [worker(0)], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-worker-id=w1] .load')!.textContent!.trim()).toBe('0');

    changes.next({ kind: 'goal', id: 'g1', status: 'running', updatedAt: 'x' });
    await new Promise((r) => setTimeout(r, 400));
    backend.expectNone((r) => r.url === '/agents');

    changes.next({ kind: 'worker', id: 'w1', updatedAt: 'y' });
    await new Promise((r) => setTimeout(r, 400));
    backend.expectOne((r) => r.url === '/agents').flush({ items: [worker(2)], nextCursor: null });
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    expect(el.querySelector('[data-worker-id=w1] .load')!.textContent!.trim()).toBe('2');
    expect(el.textContent).toContain('1 of 1 online');
    fixture.destroy();
  });

  it('shows the API’s problem when the list cannot be read', async () => {
    TestBed.configureTestingModule({
      imports: [Workers],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: LiveEvents, useValue: { changes$: new Subject(), connected: signal(false) } }],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Workers);
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Loading workers');
    backend.expectOne((r) => r.url === '/agents').flush(
      { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: 'You are not allowed to do this' },
      { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'application/problem+json' } },
    );
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')!.textContent).toContain('You are not allowed to do this');
    fixture.destroy();
  });
});
