/**
 * Goal and task changes as server-sent events, for the dashboard's live lists. The stream polls the
 * store (changes.ts) every `ssePollMs` and sends `event: goal` / `event: task` with the row's new
 * status; `id:` is the point reached, so a reconnect with Last-Event-ID misses nothing. A first
 * `event: ready` says the stream is watching; heartbeat comments keep proxies from closing it.
 *
 * `updated_at` is `now()` of the writing transaction, i.e. its start, so a row may appear with a time
 * slightly behind what was already read. Each poll therefore looks back OVERLAP_MS and skips rows
 * already sent with the same `updated_at`.
 */
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import type { SseEvent } from '../http/route';
import { teamScope } from '../teams/team-scope';
import { CHANGE_BATCH, goalsChangedAfter, latestChange, tasksChangedAfter, type ChangePoint, type GoalChange, type Scope, type TaskChange } from './changes';

const OVERLAP_MS = 2000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

const presentGoal = (g: GoalChange) => ({ id: g.id, status: g.status, teamId: g.teamId, updatedAt: g.updatedAt.toISOString() });
const presentTask = (t: TaskChange) => ({
  id: t.id, goalId: t.goalId, title: t.title, status: t.status, teamId: t.teamId, updatedAt: t.updatedAt.toISOString(),
});

/** What was sent inside the look-back window: `goal:<id>` → updated_at (ms). */
class SentWindow {
  private readonly sent = new Map<string, number>();

  /** True when this version of the row was not sent yet (and records it). */
  fresh(key: string, at: Date): boolean {
    if (this.sent.get(key) === at.getTime()) return false;
    this.sent.set(key, at.getTime());
    return true;
  }

  forgetBefore(ms: number): void {
    for (const [key, at] of this.sent) if (at < ms) this.sent.delete(key);
  }
}

export async function streamChanges(
  app: ApiContext,
  principal: Principal,
  opts: { since?: Date; signal: AbortSignal },
): Promise<AsyncIterable<SseEvent>> {
  const scope: Scope = await teamScope(app, principal);
  const { ssePollMs, sseHeartbeatMs } = app.options;
  const { signal } = opts;
  const window = new SentWindow();
  let cursor = opts.since ?? (await latestChange(app.db));

  /** Every row of one table changed after `from`, page by page. */
  async function readAll<R extends { id: string; updatedAt: Date }>(read: (p: ChangePoint) => Promise<R[]>, from: Date): Promise<R[]> {
    const rows: R[] = [];
    for (let point: ChangePoint = { at: from, id: '' }; ; ) {
      const page = await read(point);
      rows.push(...page);
      const last = page[page.length - 1];
      if (page.length < CHANGE_BATCH || !last || signal.aborted) return rows;
      point = { at: last.updatedAt, id: last.id };
    }
  }

  async function poll(): Promise<SseEvent[]> {
    const from = new Date(cursor.getTime() - OVERLAP_MS);
    const [goalRows, taskRows] = await Promise.all([
      readAll((p) => goalsChangedAfter(app.db, p, scope), from),
      readAll((p) => tasksChangedAfter(app.db, p, scope), from),
    ]);
    const out: SseEvent[] = [];
    let newest = cursor.getTime();
    for (const g of goalRows) {
      newest = Math.max(newest, g.updatedAt.getTime());
      if (window.fresh(`goal:${g.id}`, g.updatedAt)) out.push({ event: 'goal', data: presentGoal(g) });
    }
    for (const t of taskRows) {
      newest = Math.max(newest, t.updatedAt.getTime());
      if (window.fresh(`task:${t.id}`, t.updatedAt)) out.push({ event: 'task', data: presentTask(t) });
    }
    cursor = new Date(newest);
    window.forgetBefore(newest - OVERLAP_MS);
    // The point reached goes on the last event, so a reconnect resumes after everything sent.
    if (out.length) out[out.length - 1] = { ...out[out.length - 1], id: cursor.toISOString() };
    return out;
  }

  async function* events(): AsyncGenerator<SseEvent> {
    // Rows already in the look-back window when a fresh stream starts are old news: remember, do not send.
    if (!opts.since) await poll();
    yield { event: 'ready', id: cursor.toISOString(), data: { since: cursor.toISOString() } };
    let lastBeat = Date.now();
    while (!signal.aborted) {
      await sleep(ssePollMs, signal);
      if (signal.aborted) return;
      yield* await poll();
      if (Date.now() - lastBeat >= sseHeartbeatMs) {
        lastBeat = Date.now();
        yield { comment: 'heartbeat' };
      }
    }
  }
  return events();
}
