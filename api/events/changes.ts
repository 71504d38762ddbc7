/**
 * The store reads behind GET /events/stream: goal and task rows whose `updated_at` moved past a point.
 * Every projection write sets `updated_at = now()` (db/queries/goals.ts, tasks.ts), so this one column
 * tells what changed on PostgreSQL and PGlite alike, without triggers or LISTEN/NOTIFY (which PGlite
 * in another process could not deliver). They live here rather than in db/queries because only this
 * stream reads the tables this way.
 */
import { and, asc, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { goals, tasks, type GoalStatus, type TaskStatus } from '../../db/schema';

export interface GoalChange { id: string; status: GoalStatus; teamId: string | null; updatedAt: Date }
export interface TaskChange { id: string; goalId: string; title: string; status: TaskStatus; teamId: string | null; updatedAt: Date }

/** Most rows read per table per poll; a burst beyond it is picked up by the next polls. */
export const CHANGE_BATCH = 500;

/** null scope: every team; a set: only rows of those teams (an empty set sees nothing). */
export type Scope = ReadonlySet<string> | null;

function scoped(column: typeof goals.teamId | typeof tasks.teamId, scope: Scope): SQL | undefined {
  if (scope === null) return undefined;
  return scope.size ? inArray(column, [...scope]) : sql`false`;
}

export function goalsChangedSince(db: Db, since: Date, scope: Scope): Promise<GoalChange[]> {
  return db
    .select({ id: goals.id, status: goals.status, teamId: goals.teamId, updatedAt: goals.updatedAt })
    .from(goals)
    .where(and(gt(goals.updatedAt, since), scoped(goals.teamId, scope)))
    .orderBy(asc(goals.updatedAt))
    .limit(CHANGE_BATCH);
}

export function tasksChangedSince(db: Db, since: Date, scope: Scope): Promise<TaskChange[]> {
  return db
    .select({ id: tasks.id, goalId: tasks.goalId, title: tasks.title, status: tasks.status, teamId: tasks.teamId, updatedAt: tasks.updatedAt })
    .from(tasks)
    .where(and(gt(tasks.updatedAt, since), scoped(tasks.teamId, scope)))
    .orderBy(asc(tasks.updatedAt))
    .limit(CHANGE_BATCH);
}

/** The newest `updated_at` in either table (the store's clock, not ours), or the epoch when both are empty. */
export async function latestChange(db: Db): Promise<Date> {
  const [g] = await db.select({ at: sql`max(${goals.updatedAt})`.mapWith(goals.updatedAt) }).from(goals);
  const [t] = await db.select({ at: sql`max(${tasks.updatedAt})`.mapWith(tasks.updatedAt) }).from(tasks);
  const times = [g?.at, t?.at].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return new Date(times.length ? Math.max(...times) : 0);
}
