/**
 * The store reads behind GET /events/stream: goal, task, worker and webhook-delivery rows that moved
 * past a point. Every projection write sets `updated_at = now()` (db/queries/goals.ts, tasks.ts,
 * webhook-deliveries.ts), so that one column tells what changed on PostgreSQL and PGlite alike, without
 * triggers or LISTEN/NOTIFY (which PGlite in another process could not deliver). A worker's heartbeat
 * moves only `last_seen_at`, so a worker changes at the later of the two. They live here rather than in
 * db/queries because only this stream reads the tables this way.
 */
import { and, asc, eq, gt, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { goals, tasks, triggers, webhookDeliveries, workers, type DeliveryOutcome, type DeliveryStartStatus, type GoalStatus, type TaskStatus } from '../../db/schema';

export interface GoalChange { id: string; status: GoalStatus; teamId: string | null; updatedAt: Date }
export interface TaskChange { id: string; goalId: string; title: string; status: TaskStatus; teamId: string | null; updatedAt: Date }
/** `updatedAt` is when the row last changed: a heartbeat (lastSeenAt) or a registration. */
export interface WorkerChange { id: string; name: string; currentLoad: number | null; lastSeenAt: Date; updatedAt: Date }
/** `teamId` is the team of the delivery's trigger (a delivery has none of its own). */
export interface DeliveryChange {
  id: string; triggerId: string | null; outcome: DeliveryOutcome; startStatus: DeliveryStartStatus | null; goalId: string | null; count: number;
  teamId: string | null; updatedAt: Date;
}

/** Everything one read found, by kind. */
export interface Changes { goals: GoalChange[]; tasks: TaskChange[]; workers: WorkerChange[]; deliveries: DeliveryChange[] }

/** Most rows read per query; a poll pages on (keyset: updated_at, id) until a page is short. */
export const CHANGE_BATCH = 500;

/**
 * A point in the change order. Rows written by one transaction share its `now()`, so a timestamp
 * alone cannot page through a burst bigger than a batch; the id breaks the tie.
 */
export interface ChangePoint { at: Date; id: string }

/** null scope: every team; a set: only rows of those teams (an empty set sees nothing). */
export type Scope = ReadonlySet<string> | null;

type TeamColumn = typeof goals.teamId | typeof tasks.teamId | typeof triggers.teamId;

function scoped(column: TeamColumn, scope: Scope): SQL | undefined {
  if (scope === null) return undefined;
  return scope.size ? inArray(column, [...scope]) : sql`false`;
}

/** Rows whose change time (a column or expression) is after the point, ties broken by id. */
function after(at: SQL | AnyColumn, id: AnyColumn, p: ChangePoint): SQL | undefined {
  // Compared as timestamptz text: the same on both stores, whether `at` is a column or an expression.
  const point = sql`${p.at.toISOString()}::timestamptz`;
  return or(sql`${at} > ${point}`, and(sql`${at} = ${point}`, gt(id, p.id)));
}

/** Goal rows changed after `point`, oldest change first, at most CHANGE_BATCH. */
export function goalsChangedAfter(db: Db, point: ChangePoint, scope: Scope): Promise<GoalChange[]> {
  return db
    .select({ id: goals.id, status: goals.status, teamId: goals.teamId, updatedAt: goals.updatedAt })
    .from(goals)
    .where(and(after(goals.updatedAt, goals.id, point), scoped(goals.teamId, scope)))
    .orderBy(asc(goals.updatedAt), asc(goals.id))
    .limit(CHANGE_BATCH);
}

/** Task rows changed after `point`, oldest change first, at most CHANGE_BATCH. */
export function tasksChangedAfter(db: Db, point: ChangePoint, scope: Scope): Promise<TaskChange[]> {
  return db
    .select({ id: tasks.id, goalId: tasks.goalId, title: tasks.title, status: tasks.status, teamId: tasks.teamId, updatedAt: tasks.updatedAt })
    .from(tasks)
    .where(and(after(tasks.updatedAt, tasks.id, point), scoped(tasks.teamId, scope)))
    .orderBy(asc(tasks.updatedAt), asc(tasks.id))
    .limit(CHANGE_BATCH);
}

const workerChangedAt = sql`greatest(${workers.lastSeenAt}, ${workers.updatedAt})`;

/** Worker rows changed (heartbeat or registration) after `point`. Every role may list workers, so no scope. */
export function workersChangedAfter(db: Db, point: ChangePoint): Promise<WorkerChange[]> {
  return db
    .select({
      id: workers.id, name: workers.name, currentLoad: workers.currentLoad, lastSeenAt: workers.lastSeenAt,
      updatedAt: workerChangedAt.mapWith(workers.updatedAt),
    })
    .from(workers)
    .where(after(workerChangedAt, workers.id, point))
    .orderBy(asc(workerChangedAt), asc(workers.id))
    .limit(CHANGE_BATCH);
}

/** Delivery rows recorded or changed after `point`, in the scope of their trigger's team. */
export function deliveriesChangedAfter(db: Db, point: ChangePoint, scope: Scope): Promise<DeliveryChange[]> {
  const d = webhookDeliveries;
  return db
    .select({
      id: d.id, triggerId: d.triggerId, outcome: d.outcome, startStatus: d.startStatus, goalId: d.goalId, count: d.count,
      teamId: triggers.teamId, updatedAt: d.updatedAt,
    })
    .from(d)
    .leftJoin(triggers, eq(triggers.id, d.triggerId))
    .where(and(after(d.updatedAt, d.id, point), scoped(triggers.teamId, scope)))
    .orderBy(asc(d.updatedAt), asc(d.id))
    .limit(CHANGE_BATCH);
}

/** The newest change in any watched table (the store's clock, not ours), or the epoch when all are empty. */
export async function latestChange(db: Db): Promise<Date> {
  const newest = async (expr: SQL, table: typeof goals | typeof tasks | typeof workers | typeof webhookDeliveries): Promise<Date | undefined> => {
    const [row] = await db.select({ at: sql`max(${expr})`.mapWith(goals.updatedAt) }).from(table);
    return row?.at;
  };
  const found = await Promise.all([
    newest(sql`${goals.updatedAt}`, goals),
    newest(sql`${tasks.updatedAt}`, tasks),
    newest(workerChangedAt, workers),
    newest(sql`${webhookDeliveries.updatedAt}`, webhookDeliveries),
  ]);
  const times = found.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return new Date(times.length ? Math.max(...times) : 0);
}
