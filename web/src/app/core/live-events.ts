/**
 * The API's live feed of goal, task, worker and webhook-delivery changes (GET /events/stream), shared
 * by every page that lists them: one connection while anyone listens, reconnecting after a drop and
 * resuming from the last event id, so nothing changed in between is missed. Pages reload what they
 * show when it says so (`liveReload`), instead of polling on a timer. The server re-checks the token
 * at each heartbeat and ends the stream with `event: unauthorized` once it no longer holds; the feed
 * then refreshes the session (or ends it) before reconnecting.
 */
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { auditTime, filter, Observable, share } from 'rxjs';
import { Auth } from './auth';
import { readEventStream, SseHttpError } from './sse';

export const LIVE_KINDS = ['goal', 'task', 'worker', 'delivery'] as const;

/** One changed row. `status` is a goal's or task's; a delivery carries its `triggerId` and `outcome`. */
export interface LiveChange {
  kind: (typeof LIVE_KINDS)[number];
  id: string;
  status?: string;
  goalId?: string | null;
  triggerId?: string | null;
  outcome?: string;
  teamId?: string | null;
  updatedAt: string;
}

const isKind = (event: string | undefined): event is LiveChange['kind'] => (LIVE_KINDS as readonly string[]).includes(event ?? '');

/** How long to wait before reconnecting after the stream ended or failed. */
export const RECONNECT_MS = 2000;
/**
 * The server sends a heartbeat every 15 s; a connection silent for this long has died somewhere on
 * the way (a proxy, a sleeping laptop) without saying so, and is replaced.
 */
export const STALE_MS = 45_000;

@Injectable({ providedIn: 'root' })
export class LiveEvents {
  private readonly auth = inject(Auth);
  /** Replaced in tests. */
  fetchFn: typeof fetch = (...args) => fetch(...args);
  reconnectMs = RECONNECT_MS;
  staleMs = STALE_MS;

  /** True while the stream is open (the server said `ready`). */
  readonly connected = signal(false);

  readonly changes$: Observable<LiveChange> = new Observable<LiveChange>((subscriber) => {
    const controller = new AbortController();
    void this.run(controller.signal, (change) => subscriber.next(change));
    return () => {
      controller.abort();
      this.connected.set(false);
    };
  }).pipe(share());

  private async run(signal: AbortSignal, emit: (c: LiveChange) => void): Promise<void> {
    let lastEventId: string | undefined;
    while (!signal.aborted) {
      // One connection: aborted with the whole feed, or by the watchdog when it goes silent.
      const connection = new AbortController();
      const stop = () => connection.abort();
      signal.addEventListener('abort', stop, { once: true });
      let watchdog = setTimeout(stop, this.staleMs);
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(stop, this.staleMs);
      };
      let refused = false;
      try {
        await readEventStream('/events/stream', { token: this.auth.token(), signal: connection.signal, lastEventId, fetchFn: this.fetchFn, onChunk: alive }, (m) => {
          if (m.id) lastEventId = m.id;
          if (m.event === 'ready') return this.connected.set(true);
          if (m.event === 'unauthorized') return void (refused = true);
          if (!isKind(m.event)) return;
          emit({ kind: m.event, ...(JSON.parse(m.data) as Omit<LiveChange, 'kind'>) });
        });
        // The server stopped trusting this token mid-stream: a fresh one, or the session is over.
        if (refused && !signal.aborted && !(await this.auth.refresh())) {
          this.connected.set(false);
          return this.auth.expired();
        }
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof SseHttpError && err.status === 401) {
          // A fresh token (silent refresh) lets us go on; without one the session is over.
          if (!(await this.auth.refresh())) return this.auth.expired();
        }
      } finally {
        clearTimeout(watchdog);
        signal.removeEventListener('abort', stop);
      }
      this.connected.set(false);
      if (!signal.aborted) await new Promise((r) => setTimeout(r, this.reconnectMs));
    }
  }
}

/**
 * Calls `reload` when a change the caller cares about arrives, at most once per `quietMs` (a burst of
 * changes is one reload), until the calling component is destroyed. Call it in a constructor.
 */
export function liveReload(
  reload: () => unknown,
  opts: { kinds?: Array<LiveChange['kind']>; match?: (c: LiveChange) => boolean; quietMs?: number } = {},
): void {
  const kinds = opts.kinds ?? ['goal', 'task'];
  const sub = inject(LiveEvents)
    .changes$.pipe(
      filter((c) => kinds.includes(c.kind) && (opts.match?.(c) ?? true)),
      auditTime(opts.quietMs ?? 300),
    )
    .subscribe(() => void reload());
  inject(DestroyRef).onDestroy(() => sub.unsubscribe());
}
