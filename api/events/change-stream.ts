/**
 * Row changes as server-sent events, for the dashboard's live pages: `event: goal` / `event: task` with
 * the row's new status, `event: worker` on a heartbeat or registration, `event: delivery` when a webhook
 * delivery is recorded or its goal starts — filtered to what the caller may see (an operator: its
 * teams; a delivery belongs to its trigger's team; workers are listed to every role). The rows come
 * from the process's one ChangeHub; a stream resuming with Last-Event-ID first reads what changed since
 * that point itself. A first `event: ready` says the stream is watching; heartbeat comments keep proxies
 * from closing it. `id:` is the point reached.
 *
 * The caller is checked again at every heartbeat, as a new request would be (`recheck`): a token that
 * expired, a deleted user, a revoked API key ends the stream with `event: unauthorized`, and a changed
 * team membership changes what the rest of the stream shows. The client reconnects with a fresh token.
 */
import { on } from 'node:events';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { UnauthorizedError } from '../errors/domain-errors';
import type { SseEvent } from '../http/route';
import { inScope, teamScope } from '../teams/team-scope';
import { changeHub, OVERLAP_MS, readChanges, SentWindow, type ChangeBatch } from './change-hub';
import type { Changes, DeliveryChange, GoalChange, TaskChange, WorkerChange } from './changes';

const iso = (d: Date) => d.toISOString();
const presentGoal = (g: GoalChange) => ({ id: g.id, status: g.status, teamId: g.teamId, updatedAt: iso(g.updatedAt) });
const presentTask = (t: TaskChange) => ({ id: t.id, goalId: t.goalId, title: t.title, status: t.status, teamId: t.teamId, updatedAt: iso(t.updatedAt) });
const presentWorker = (w: WorkerChange) => ({ id: w.id, name: w.name, currentLoad: w.currentLoad, lastSeenAt: iso(w.lastSeenAt), updatedAt: iso(w.updatedAt) });
const presentDelivery = (d: DeliveryChange) => ({
  id: d.id, triggerId: d.triggerId, outcome: d.outcome, startStatus: d.startStatus, goalId: d.goalId, count: d.count, teamId: d.teamId, updatedAt: iso(d.updatedAt),
});

export interface StreamOptions {
  since?: Date;
  signal: AbortSignal;
  /** Authenticates the caller again (its token as sent); throws UnauthorizedError when it no longer may. */
  recheck?: () => Promise<Principal>;
}

export async function streamChanges(app: ApiContext, principal: Principal, opts: StreamOptions): Promise<AsyncIterable<SseEvent>> {
  let scope = await teamScope(app, principal);
  const { signal } = opts;
  const hub = changeHub(app);
  // Listen before asking where the hub is, so no batch falls between the two.
  const batches = on(hub, 'batch', { signal }) as AsyncIterableIterator<[ChangeBatch]>;
  let joinedAt: Date;
  try {
    joinedAt = await hub.join();
  } catch (err) {
    await batches.return?.();
    throw err;
  }
  // Rows of a catch-up read may come again in the hub's next batches: each version is sent once.
  const sent = new SentWindow();

  function toEvents(rows: Changes, cursor: Date): SseEvent[] {
    const out: SseEvent[] = [];
    const fresh = (key: string, at: Date) => sent.fresh(key, at);
    for (const g of rows.goals) if (inScope(scope, g.teamId) && fresh(`goal:${g.id}`, g.updatedAt)) out.push({ event: 'goal', data: presentGoal(g) });
    for (const t of rows.tasks) if (inScope(scope, t.teamId) && fresh(`task:${t.id}`, t.updatedAt)) out.push({ event: 'task', data: presentTask(t) });
    for (const w of rows.workers) if (fresh(`worker:${w.id}`, w.updatedAt)) out.push({ event: 'worker', data: presentWorker(w) });
    for (const d of rows.deliveries) if (inScope(scope, d.teamId) && fresh(`delivery:${d.id}`, d.updatedAt)) out.push({ event: 'delivery', data: presentDelivery(d) });
    sent.forgetBefore(cursor.getTime() - 2 * OVERLAP_MS);
    // The point reached goes on the last event, so a reconnect resumes after everything sent.
    if (out.length) out[out.length - 1] = { ...out[out.length - 1], id: cursor.toISOString() };
    return out;
  }

  /** The caller as of now, or the reason it may no longer listen. */
  async function stillAllowed(): Promise<UnauthorizedError | null> {
    if (!opts.recheck) return null;
    try {
      scope = await teamScope(app, await opts.recheck());
      return null;
    } catch (err) {
      if (err instanceof UnauthorizedError) return err;
      throw err;
    }
  }

  async function* events(): AsyncGenerator<SseEvent> {
    try {
      let cursor = joinedAt;
      if (opts.since && opts.since < joinedAt) {
        yield* toEvents(await readChanges(app, opts.since, scope), joinedAt);
      }
      yield { event: 'ready', id: cursor.toISOString(), data: { since: cursor.toISOString() } };
      let lastBeat = Date.now();
      for await (const [batch] of batches) {
        if (Date.now() - lastBeat >= app.options.sseHeartbeatMs) {
          lastBeat = Date.now();
          // Checked before this batch is shown, so nothing reaches a caller who has lost access.
          const refused = await stillAllowed();
          if (refused) {
            yield { event: 'unauthorized', data: { code: refused.code, detail: refused.message } };
            return;
          }
          yield { comment: 'heartbeat' };
        }
        cursor = batch.cursor;
        yield* toEvents(batch, cursor);
      }
    } catch (err) {
      if (!signal.aborted) throw err; // a client going away ends the iteration with an AbortError
    } finally {
      await batches.return?.(); // stop listening to the hub
    }
  }
  return events();
}
