import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Auth } from './auth';
import { liveReload, LiveEvents, type LiveChange } from './live-events';

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      c.close();
    },
  });
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('LiveEvents', () => {
  let live: LiveEvents;
  let calls: Array<Record<string, string>>;

  beforeEach(() => {
    sessionStorage.setItem('ananta.token', 'jwt-1');
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    live = TestBed.inject(LiveEvents);
    live.reconnectMs = 1;
    calls = [];
    const answers = [
      'id: 2026-12-01T10:00:00.000Z\nevent: ready\ndata: {}\n\nevent: task\nid: 2026-12-01T10:00:01.000Z\ndata: {"id":"g1.s1","goalId":"g1","status":"paused","teamId":null,"updatedAt":"x"}\n\n',
      ': heartbeat\n\nevent: goal\ndata: {"id":"g1","status":"running","teamId":null,"updatedAt":"y"}\n\n',
    ];
    live.fetchFn = (async (_url: string, init?: RequestInit) => {
      calls.push(init?.headers as Record<string, string>);
      return new Response(streamOf(answers.shift() ?? ''), { headers: { 'content-type': 'text/event-stream' } });
    }) as typeof fetch;
  });

  it('delivers goal and task changes, with the token, and resumes from the last event id after the stream ends', async () => {
    const got: LiveChange[] = [];
    const sub = live.changes$.subscribe((c) => got.push(c));
    await until(() => got.length === 2);
    sub.unsubscribe();
    expect(got[0]).toEqual({ kind: 'task', id: 'g1.s1', goalId: 'g1', status: 'paused', teamId: null, updatedAt: 'x' });
    expect(got[1]).toMatchObject({ kind: 'goal', id: 'g1', status: 'running' });
    expect(calls[0]).toMatchObject({ Authorization: 'Bearer jwt-1' });
    expect(calls[0]!['Last-Event-ID']).toBeUndefined();
    expect(calls[1]!['Last-Event-ID']).toBe('2026-12-01T10:00:01.000Z');
    expect(live.connected()).toBe(false);
  });

  it('liveReload calls back once for a burst of changes of the kinds asked for', async () => {
    let reloads = 0;
    @Component({ selector: 'app-probe', template: '' })
    class Probe {
      constructor() {
        liveReload(() => reloads++, { kinds: ['task'], quietMs: 20 });
      }
    }
    const fixture = TestBed.createComponent(Probe);
    await until(() => reloads === 1);
    await new Promise((r) => setTimeout(r, 60));
    expect(reloads).toBe(1); // the goal change in the second answer is not a task change
    fixture.destroy();
  });

  it('replaces a connection that went silent (no heartbeat) and resumes from its last event id', async () => {
    live.staleMs = 30;
    calls = [];
    let opened = 0;
    live.fetchFn = (async (_url: string, init?: RequestInit) => {
      calls.push(init?.headers as Record<string, string>);
      opened++;
      const first = opened === 1;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(first
            ? 'id: 2026-12-01T10:00:00.000Z\nevent: ready\ndata: {}\n\n'
            : 'event: task\ndata: {"id":"late","goalId":"g","status":"todo","teamId":null,"updatedAt":"z"}\n\n'));
          // Then silence, open until the client gives up on it.
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }) as typeof fetch;
    const got: LiveChange[] = [];
    const sub = live.changes$.subscribe((c) => got.push(c));
    await until(() => got.length === 1);
    sub.unsubscribe();
    expect(got[0]).toMatchObject({ kind: 'task', id: 'late' });
    expect(calls[1]!['Last-Event-ID']).toBe('2026-12-01T10:00:00.000Z');
  });

  it('carries worker and delivery changes too', async () => {
    live.fetchFn = (async () =>
      new Response(streamOf('event: ready\ndata: {}\n\nevent: worker\ndata: {"id":"w1","name":"b","currentLoad":1,"lastSeenAt":"t","updatedAt":"t"}\n\n' +
        'event: delivery\ndata: {"id":"d1","triggerId":"t1","outcome":"accepted","goalId":"g","updatedAt":"u"}\n\n'))) as typeof fetch;
    const got: LiveChange[] = [];
    const sub = live.changes$.subscribe((c) => got.push(c));
    await until(() => got.length >= 2);
    sub.unsubscribe();
    expect(got[0]).toMatchObject({ kind: 'worker', id: 'w1' });
    expect(got[1]).toMatchObject({ kind: 'delivery', id: 'd1', triggerId: 't1', outcome: 'accepted' });
  });

  it('when the server ends the stream with event: unauthorized, refreshes the session and reconnects with the new token', async () => {
    const auth = TestBed.inject(Auth);
    const refresh = vi.spyOn(auth, 'refresh').mockImplementation(async () => {
      sessionStorage.setItem('ananta.token', 'jwt-2');
      (auth as unknown as { current: { set(v: string): void } }).current.set('jwt-2');
      return 'jwt-2';
    });
    const answers = ['event: ready\ndata: {}\n\nevent: unauthorized\ndata: {"code":"token_expired"}\n\n', 'event: ready\ndata: {}\n\n'];
    calls = [];
    live.fetchFn = (async (_url: string, init?: RequestInit) => {
      calls.push(init?.headers as Record<string, string>);
      return new Response(streamOf(answers.shift() ?? ''), { headers: { 'content-type': 'text/event-stream' } });
    }) as typeof fetch;
    const sub = live.changes$.subscribe();
    await until(() => calls.length >= 2);
    sub.unsubscribe();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(calls[0]).toMatchObject({ Authorization: 'Bearer jwt-1' });
    expect(calls[1]).toMatchObject({ Authorization: 'Bearer jwt-2' });
  });
});
