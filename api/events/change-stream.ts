/**
 * Goal and task changes as server-sent events, for the dashboard's live lists: `event: goal` /
 * `event: task` with the row's new status, filtered to what the caller may see (an operator: its
 * teams). The rows come from the process's one ChangeHub; a stream resuming with Last-Event-ID first
 * reads what changed since that point itself. A first `event: ready` says the stream is watching;
 * heartbeat comments keep proxies from closing it. `id:` is the point reached.
 */
import { on } from 'node:events';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import type { SseEvent } from '../http/route';
import { inScope, teamScope } from '../teams/team-scope';
import { changeHub, OVERLAP_MS, readChanges, SentWindow, type ChangeBatch } from './change-hub';
import type { GoalChange, TaskChange } from './changes';

const presentGoal = (g: GoalChange) => ({ id: g.id, status: g.status, teamId: g.teamId, updatedAt: g.updatedAt.toISOString() });
const presentTask = (t: TaskChange) => ({
  id: t.id, goalId: t.goalId, title: t.title, status: t.status, teamId: t.teamId, updatedAt: t.updatedAt.toISOString(),
});

export async function streamChanges(
  app: ApiContext,
  principal: Principal,
  opts: { since?: Date; signal: AbortSignal },
): Promise<AsyncIterable<SseEvent>> {
  const scope = await teamScope(app, principal);
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

  function toEvents(rows: { goals: GoalChange[]; tasks: TaskChange[] }, cursor: Date): SseEvent[] {
    const out: SseEvent[] = [];
    for (const g of rows.goals) if (inScope(scope, g.teamId) && sent.fresh(`goal:${g.id}`, g.updatedAt)) out.push({ event: 'goal', data: presentGoal(g) });
    for (const t of rows.tasks) if (inScope(scope, t.teamId) && sent.fresh(`task:${t.id}`, t.updatedAt)) out.push({ event: 'task', data: presentTask(t) });
    sent.forgetBefore(cursor.getTime() - 2 * OVERLAP_MS);
    // The point reached goes on the last event, so a reconnect resumes after everything sent.
    if (out.length) out[out.length - 1] = { ...out[out.length - 1], id: cursor.toISOString() };
    return out;
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
        cursor = batch.cursor;
        yield* toEvents(batch, cursor);
        if (Date.now() - lastBeat >= app.options.sseHeartbeatMs) {
          lastBeat = Date.now();
          yield { comment: 'heartbeat' };
        }
      }
    } catch (err) {
      if (!signal.aborted) throw err; // a client going away ends the iteration with an AbortError
    } finally {
      await batches.return?.(); // stop listening to the hub
    }
  }
  return events();
}
