/**
 * The store reads behind GET /events/stream: goal and task rows whose `updated_at` moved past a point.
 * Every projection write sets `updated_at = now()` (db/queries/goals.ts, tasks.ts), so this one column
 * tells what changed on PostgreSQL and PGlite alike, without triggers or LISTEN/NOTIFY (which PGlite
 * in another process could not deliver). They live here rather than in db/queries because only this
 * stream reads the tables this way.
 */
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { goals, tasks, type GoalStatus, type TaskStatus } from '../../db/schema';

export interface GoalChange { id: string; status: GoalStatus; teamId: string | null; updatedAt: Date }
export interface TaskChange { id: string; goalId: string; title: string; status: TaskStatus; teamId: string | null; updatedAt: Date }

/** Most rows read per query; a poll pages on (keyset: updated_at, id) until a page is short. */
export const CHANGE_BATCH = 500;

/**
 * A point in the change order. Rows written by one transaction share its `now()`, so a timestamp
 * alone cannot page through a burst bigger than a batch; the id breaks the tie.
 */
export interface ChangePoint { at: Date; id: string }

/** null scope: every team; a set: only rows of those teams (an empty set sees nothing). */
export type Scope = ReadonlySet<string> | null;

function scoped(column: typeof goals.teamId | typeof tasks.teamId, scope: Scope): SQL | undefined {
  if (scope === null) return undefined;
  return scope.size ? inArray(column, [...scope]) : sql`false`;
}

type Table = typeof goals | typeof tasks;

const after = (t: Table, p: ChangePoint): SQL | undefined => or(gt(t.updatedAt, p.at), and(eq(t.updatedAt, p.at), gt(t.id, p.id)));

/** Goal rows changed after `point`, oldest change first, at most CHANGE_BATCH. */
export function goalsChangedAfter(db: Db, point: ChangePoint, scope: Scope): Promise<GoalChange[]> {
  return db
    .select({ id: goals.id, status: goals.status, teamId: goals.teamId, updatedAt: goals.updatedAt })
    .from(goals)
    .where(and(after(goals, point), scoped(goals.teamId, scope)))
    .orderBy(asc(goals.updatedAt), asc(goals.id))
    .limit(CHANGE_BATCH);
}

/** Task rows changed after `point`, oldest change first, at most CHANGE_BATCH. */
export function tasksChangedAfter(db: Db, point: ChangePoint, scope: Scope): Promise<TaskChange[]> {
  return db
    .select({ id: tasks.id, goalId: tasks.goalId, title: tasks.title, status: tasks.status, teamId: tasks.teamId, updatedAt: tasks.updatedAt })
    .from(tasks)
    .where(and(after(tasks, point), scoped(tasks.teamId, scope)))
    .orderBy(asc(tasks.updatedAt), asc(tasks.id))
    .limit(CHANGE_BATCH);
}

/** The newest `updated_at` in either table (the store's clock, not ours), or the epoch when both are empty. */
export async function latestChange(db: Db): Promise<Date> {
  const [g] = await db.select({ at: sql`max(${goals.updatedAt})`.mapWith(goals.updatedAt) }).from(goals);
  const [t] = await db.select({ at: sql`max(${tasks.updatedAt})`.mapWith(tasks.updatedAt) }).from(tasks);
  const times = [g?.at, t?.at].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return new Date(times.length ? Math.max(...times) : 0);
}
