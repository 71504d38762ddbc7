/**
 * One watcher of the store per API process, shared by every open GET /events/stream: it polls the
 * goal, task, worker and delivery rows changed since the last poll (changes.ts) every `ssePollMs` and emits them as one
 * `batch`, so the store sees one pair of queries per interval however many dashboards are open. It
 * runs only while someone listens and stops after the last one leaves.
 *
 * `updated_at` is `now()` of the writing transaction, i.e. its start, so a row may appear with a time
 * slightly behind what was already read. Each poll therefore looks back OVERLAP_MS and skips rows
 * already emitted with the same `updated_at`.
 */
import { EventEmitter } from 'node:events';
import type { ApiContext } from '../context';
import {
  CHANGE_BATCH, deliveriesChangedAfter, goalsChangedAfter, latestChange, tasksChangedAfter, workersChangedAfter, type ChangePoint, type Changes, type Scope,
} from './changes';

export const OVERLAP_MS = 2000;

export interface ChangeBatch extends Changes {
  /** The point reached: everything changed up to here has been emitted (the `id:` a client resumes from). */
  cursor: Date;
}

/** What was sent inside the look-back window: `goal:<id>` → updated_at (ms). */
export class SentWindow {
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

/** The kinds of row, as `<kind>:<id>` keys of a SentWindow, in the order a batch lists them. */
export const CHANGE_KINDS = [['goal', 'goals'], ['task', 'tasks'], ['worker', 'workers'], ['delivery', 'deliveries']] as const;

/** Every row changed after `from` in the caller's scope, every watched table, paged by (updated_at, id). */
export async function readChanges(app: Pick<ApiContext, 'db'>, from: Date, scope: Scope): Promise<Changes> {
  async function all<R extends { id: string; updatedAt: Date }>(read: (p: ChangePoint) => Promise<R[]>): Promise<R[]> {
    const rows: R[] = [];
    for (let point: ChangePoint = { at: from, id: '' }; ; ) {
      const page = await read(point);
      rows.push(...page);
      const last = page[page.length - 1];
      if (page.length < CHANGE_BATCH || !last) return rows;
      point = { at: last.updatedAt, id: last.id };
    }
  }
  const [goals, tasks, workers, deliveries] = await Promise.all([
    all((p) => goalsChangedAfter(app.db, p, scope)),
    all((p) => tasksChangedAfter(app.db, p, scope)),
    all((p) => workersChangedAfter(app.db, p)),
    all((p) => deliveriesChangedAfter(app.db, p, scope)),
  ]);
  return { goals, tasks, workers, deliveries };
}

export class ChangeHub extends EventEmitter<{ batch: [ChangeBatch] }> {
  private running = false;
  private cursor: Date | undefined;
  private readonly window = new SentWindow();

  constructor(private readonly app: ApiContext) {
    super();
    this.setMaxListeners(0); // one listener per open stream
  }

  /** The point the hub has reached (starting it if needed), so a new stream knows where it joined. */
  async join(): Promise<Date> {
    if (!this.cursor) await this.prime();
    if (!this.running) void this.loop();
    return this.cursor!;
  }

  /** Starts from the newest change in the store; what is already in the look-back window is old news. */
  private async prime(): Promise<void> {
    const latest = await latestChange(this.app.db);
    if (this.cursor) return; // another stream primed it meanwhile
    const recent = await readChanges(this.app, new Date(latest.getTime() - OVERLAP_MS), null);
    for (const [kind, key] of CHANGE_KINDS) for (const row of recent[key]) this.window.fresh(`${kind}:${row.id}`, row.updatedAt);
    this.cursor = latest;
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.listenerCount('batch') > 0) {
        await new Promise((r) => setTimeout(r, this.app.options.ssePollMs));
        try {
          this.emit('batch', await this.poll());
        } catch (err) {
          // The next poll tries again from the same point; streams only see a late batch.
          this.app.logger.warn({ err }, 'events stream: reading changes failed');
        }
      }
    } finally {
      // Nobody listens: forget the point, so the next stream starts from the store's present, not from
      // whatever changed while nobody was watching.
      this.running = false;
      this.cursor = undefined;
      this.window.forgetBefore(Number.POSITIVE_INFINITY);
    }
  }

  private async poll(): Promise<ChangeBatch> {
    const cursor = this.cursor!;
    const rows = await readChanges(this.app, new Date(cursor.getTime() - OVERLAP_MS), null);
    let newest = cursor.getTime();
    const fresh = <R extends { id: string; updatedAt: Date }>(kind: string, list: R[]): R[] =>
      list.filter((row) => {
        newest = Math.max(newest, row.updatedAt.getTime());
        return this.window.fresh(`${kind}:${row.id}`, row.updatedAt);
      });
    const batch: Changes = {
      goals: fresh('goal', rows.goals),
      tasks: fresh('task', rows.tasks),
      workers: fresh('worker', rows.workers),
      deliveries: fresh('delivery', rows.deliveries),
    };
    this.cursor = new Date(newest);
    this.window.forgetBefore(newest - OVERLAP_MS);
    return { ...batch, cursor: this.cursor };
  }
}

const hubs = new WeakMap<ApiContext, ChangeHub>();

/** The app's hub (one per API process and app). */
export function changeHub(app: ApiContext): ChangeHub {
  let hub = hubs.get(app);
  if (!hub) hubs.set(app, (hub = new ChangeHub(app)));
  return hub;
}
