import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from 'vitest';
import type { AutopilotStatus } from '../../core/admin-types';
import { Autopilot } from './autopilot';

const stopped: AutopilotStatus = {
  workflowId: 'autopilot-global', teamId: null, running: false, status: 'stopped', live: false, maxConcurrency: null, securityLevel: null,
  inFlight: [], maxObservedInFlight: 0, started: 0, completed: 0, failed: 0, ticks: 0, lastTickAt: null, recent: [], runs: 0,
};
const tick = () => new Promise((r) => setTimeout(r));

describe('Autopilot page', () => {
  it('shows the status, starts with the chosen settings and shows the running state it gets back', async () => {
    TestBed.configureTestingModule({ imports: [Autopilot], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Autopilot);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/tasks/autopilot/status').flush(stopped);
    backend.expectOne((r) => r.url === '/teams').flush({ items: [{ id: 't1', name: 'Blue' }], nextCursor: null });
    await tick();
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=autopilot-state]')!.textContent).toBe('stopped');

    const concurrency = el.querySelector<HTMLInputElement>('#ap-concurrency')!;
    concurrency.value = '3';
    concurrency.dispatchEvent(new Event('input'));
    const level = el.querySelector<HTMLSelectElement>('#ap-level')!;
    level.value = 'safe';
    level.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const start = backend.expectOne({ method: 'POST', url: '/tasks/autopilot/start' });
    expect(start.request.body).toEqual({ maxConcurrency: 3, securityLevel: 'safe' });
    start.flush({ ...stopped, running: true, status: 'running', live: true, maxConcurrency: 3, securityLevel: 'safe' });
    await tick();
    backend.expectOne((r) => r.url === '/tasks/autopilot/status').flush({ ...stopped, running: true, status: 'running', live: true, maxConcurrency: 3, securityLevel: 'safe' });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('[data-testid=autopilot-state]')!.textContent).toBe('running');
    expect(el.textContent).toContain('Autopilot started.');
    expect(el.querySelector('button.danger')!.textContent).toContain('Stop');
    fixture.destroy();
  });

  it('asks for the team’s autopilot when a team is picked, and shows a refusal readably', async () => {
    TestBed.configureTestingModule({ imports: [Autopilot], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Autopilot);
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/tasks/autopilot/status').flush(stopped);
    backend.expectOne((r) => r.url === '/teams').flush({ items: [{ id: 't1', name: 'Blue' }], nextCursor: null });
    await tick();
    fixture.detectChanges();
    const select = (fixture.nativeElement as HTMLElement).querySelector<HTMLSelectElement>('#autopilot-team')!;
    select.value = 't1';
    select.dispatchEvent(new Event('change'));
    const req = backend.expectOne((r) => r.url === '/tasks/autopilot/status');
    expect(req.request.params.get('teamId')).toBe('t1');
    req.flush({ title: 'Not Found', status: 404, detail: 'Team t1 not found', code: 'not_found' }, { status: 404, statusText: 'Not Found' });
    await tick();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')!.textContent).toContain('Team t1 not found');
    fixture.destroy();
  });
});

describe('Autopilot circuits', () => {
  it('lists each worker’s circuit and resets an open one', async () => {
    TestBed.configureTestingModule({ imports: [Autopilot], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(Autopilot);
    fixture.detectChanges();
    const running = { ...stopped, running: true, status: 'running' as const, live: true, maxConcurrency: 2, securityLevel: 'balanced' as const };
    const circuits = [
      { worker: 'w-1', consecutiveFailures: 3, open: true, openUntil: '2026-12-01T11:00:00Z', opened: 1 },
      { worker: 'shared', consecutiveFailures: 0, open: false, openUntil: null, opened: 0 },
    ];
    backend.expectOne((r) => r.url === '/tasks/autopilot/status').flush({ ...running, circuits, heldUntil: '2026-12-01T11:00:00Z', circuitOpenSeconds: 60 });
    backend.expectOne((r) => r.url === '/teams').flush({ items: [], nextCursor: null });
    await tick();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-circuit=w-1]')!.textContent).toContain('open');
    expect(el.querySelector('[data-circuit=shared]')!.textContent).toContain('closed');
    expect(el.querySelector('[data-circuit=shared] button')).toBeNull();
    expect(el.textContent).toContain('nothing starts until');

    el.querySelector<HTMLButtonElement>('[data-circuit=w-1] button')!.click();
    const reset = backend.expectOne({ method: 'POST', url: '/tasks/autopilot/circuits/reset' });
    expect(reset.request.body).toEqual({ worker: 'w-1' });
    reset.flush({ ...running, circuits: circuits.map((c) => ({ ...c, open: false, consecutiveFailures: 0 })), heldUntil: null });
    await tick();
    backend.expectOne((r) => r.url === '/tasks/autopilot/status').flush({ ...running, circuits: circuits.map((c) => ({ ...c, open: false, consecutiveFailures: 0 })), heldUntil: null });
    await tick();
    fixture.detectChanges();
    expect(el.querySelector('[data-circuit=w-1]')!.textContent).toContain('closed');
    expect(el.textContent).toContain('Circuit of w-1 reset.');
    fixture.destroy();
  });
});
