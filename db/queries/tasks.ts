/**
 * Tasks: the projection of each subtask, upserted by activities whenever its state changes, and the
 * filtered, paginated reads behind GET /tasks.
 */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { ErrorInfo } from '../../core/types';
import type { Usage } from '../../core/usage';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { tasks, type TaskOrigin, type TaskPriority, type TaskStatus } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type TaskVerdict = { success: boolean; summary: string };

export type TaskRow = {
  id: string;
  goalId: string;
  subtaskId: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  dependsOn: string[];
  origin: TaskOrigin;
  depth: number;
  attempt: number;
  workflowId: string;
  teamId: string | null;
  agent: string | null;
  pinnedWorkerId: string | null;
  requiredCapabilities: string[];
  parentTaskId: string | null;
  verdict: TaskVerdict | null;
  error: ErrorInfo | null;
  usage: Usage;
  createdAt: Date;
  updatedAt: Date;
};

const taskColumns = {
  id: tasks.id,
  goalId: tasks.goalId,
  subtaskId: tasks.subtaskId,
  title: tasks.title,
  description: tasks.description,
  status: tasks.status,
  priority: tasks.priority,
  dependsOn: tasks.dependsOn,
  origin: tasks.origin,
  depth: tasks.depth,
  attempt: tasks.attempt,
  workflowId: tasks.workflowId,
  teamId: tasks.teamId,
  agent: tasks.agent,
  pinnedWorkerId: tasks.pinnedWorkerId,
  requiredCapabilities: tasks.requiredCapabilities,
  parentTaskId: tasks.parentTaskId,
  verdict: tasks.verdict,
  error: tasks.error,
  usage: tasks.usage,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

export type UpsertTaskInput = {
  id: string;
  goalId: string;
  subtaskId: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority?: TaskPriority;
  dependsOn: string[];
  origin: TaskOrigin;
  depth: number;
  attempt: number;
  workflowId: string;
  teamId?: string | null;
  agent?: string | null;
  pinnedWorkerId?: string | null;
  requiredCapabilities?: string[];
  parentTaskId?: string | null;
  verdict?: TaskVerdict | null;
  error?: ErrorInfo | null;
  usage?: Usage;
};

/** Creates the task or overwrites every field given (absent optional fields keep their value). */
export async function upsertTask(db: Db, input: UpsertTaskInput): Promise<void> {
  const { id: _id, ...fields } = input;
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await driverErrors(
    db
      .insert(tasks)
      .values(input)
      .onConflictDoUpdate({ target: tasks.id, set: { ...set, updatedAt: sql`now()` } }),
  );
}

/**
 * Sets the live status of an existing task row (the agent loop's proposing/waiting_approval/in_progress…),
 * so lists filtered by status show what the workflow is doing. A missing row is left alone: the goal
 * creates rows, the task only moves them.
 */
export async function updateTaskStatus(db: Db, input: { id: string; status: TaskStatus }): Promise<void> {
  await db.update(tasks).set({ status: input.status, updatedAt: sql`now()` }).where(eq(tasks.id, input.id));
}

export async function getTask(db: Db, id: string): Promise<TaskRow | undefined> {
  const [row] = await db.select(taskColumns).from(tasks).where(eq(tasks.id, id));
  return row;
}

/**
 * Inserts tasks that do not exist yet and leaves existing ones untouched (ids derived from a webhook
 * delivery: a repeat or the recovery loop must create nothing twice, nor reset a task already run).
 * Returns the ids that were new.
 */
export async function insertTasksIfAbsent(db: Db, rows: UpsertTaskInput[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await driverErrors(db.insert(tasks).values(rows).onConflictDoNothing({ target: tasks.id }).returning({ id: tasks.id }));
  return inserted.map((r) => r.id);
}

/** Tasks that exist among `ids`. */
export async function findExistingTaskIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.select({ id: tasks.id }).from(tasks).where(inArray(tasks.id, ids))).map((r) => r.id);
}

export type TaskFields = {
  title?: string;
  description?: string;
  priority?: TaskPriority;
  dependsOn?: string[];
  pinnedWorkerId?: string | null;
  requiredCapabilities?: string[];
};

/** Changes the given fields of a task (never its status); undefined for an unknown id. */
export async function updateTaskFields(db: Db, id: string, fields: TaskFields): Promise<TaskRow | undefined> {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const [row] = await driverErrors(db.update(tasks).set({ ...set, updatedAt: sql`now()` }).where(eq(tasks.id, id)).returning(taskColumns));
  return row;
}

/**
 * Moves a task from one of `from` to `to` (an intervention on a task no workflow runs), only if it is
 * still in one of them; undefined when it was not (someone moved it first).
 */
export async function transitionTask(db: Db, id: string, from: TaskStatus[], to: TaskStatus, extra: { attempt?: number; error?: null } = {}): Promise<TaskRow | undefined> {
  const [row] = await db
    .update(tasks)
    .set({ status: to, ...extra, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, id), inArray(tasks.status, from)))
    .returning(taskColumns);
  return row;
}

/**
 * A manual step's hold on a task no workflow runs: moves it from exactly the (status, workflowId) it was
 * read with to in_progress under the step's workflow id, so the autopilot's claim (todo only) and any
 * intervention (conditional on the status) cannot take it meanwhile; false when someone moved it first.
 */
export async function holdTaskForStep(db: Db, id: string, seen: { status: TaskStatus; workflowId: string }, stepWorkflowId: string): Promise<boolean> {
  const held = await db
    .update(tasks)
    .set({ status: 'in_progress', workflowId: stepWorkflowId, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, id), eq(tasks.status, seen.status), eq(tasks.workflowId, seen.workflowId)))
    .returning({ id: tasks.id });
  return held.length > 0;
}

/** Gives a task held by a manual step back the status and workflow id it had (only while the step holds it). */
export async function releaseStepHold(db: Db, id: string, stepWorkflowId: string, restore: { status: TaskStatus; workflowId: string }): Promise<void> {
  await db
    .update(tasks)
    .set({ status: restore.status, workflowId: restore.workflowId, updatedAt: sql`now()` })
    .where(and(eq(tasks.id, id), eq(tasks.workflowId, stepWorkflowId), eq(tasks.status, 'in_progress')));
}

/** Follow-ups already filed under a task, for the duplicate check of POST /tasks/{id}/followups. */
export async function listChildTasks(db: Db, parentTaskId: string): Promise<TaskRow[]> {
  return db.select(taskColumns).from(tasks).where(eq(tasks.parentTaskId, parentTaskId)).orderBy(asc(tasks.createdAt), asc(tasks.id));
}

export type ListTasksInput = {
  /** One status or any of several. */
  status?: TaskStatus | TaskStatus[];
  teamId?: string;
  /** Any of these teams (an operator's scope); an empty list matches nothing. */
  teamIds?: readonly string[];
  goalId?: string;
  agent?: string;
  /** Created at or after. */
  since?: Date;
  /** Created strictly before. */
  until?: Date;
  limit?: number;
  cursor?: string;
};

export async function listTasks(db: Db, opts: ListTasksInput = {}): Promise<Page<TaskRow>> {
  const limit = pageLimit(opts.limit);
  const status = opts.status === undefined ? undefined : Array.isArray(opts.status) ? opts.status : [opts.status];
  const rows = await db
    .select(taskColumns)
    .from(tasks)
    .where(
      and(
        status ? inArray(tasks.status, status) : undefined,
        opts.teamId !== undefined ? eq(tasks.teamId, opts.teamId) : undefined,
        opts.teamIds !== undefined ? (opts.teamIds.length ? inArray(tasks.teamId, [...opts.teamIds]) : sql`false`) : undefined,
        opts.goalId !== undefined ? eq(tasks.goalId, opts.goalId) : undefined,
        opts.agent !== undefined ? eq(tasks.agent, opts.agent) : undefined,
        opts.since ? gte(tasks.createdAt, opts.since) : undefined,
        opts.until ? lt(tasks.createdAt, opts.until) : undefined,
        afterCursor(tasks, opts.cursor),
      ),
    )
    .orderBy(...newestFirst(tasks))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** Every task of a goal, oldest first (the order they were planned in). */
export async function listTasksOfGoal(db: Db, goalId: string): Promise<TaskRow[]> {
  return db.select(taskColumns).from(tasks).where(eq(tasks.goalId, goalId)).orderBy(asc(tasks.createdAt), asc(tasks.id));
}
