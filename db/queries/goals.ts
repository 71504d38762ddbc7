/**
 * Goals: the row is created when the goal is accepted and then kept current by the workflow's
 * projection activity. Both writes are idempotent, so Temporal may retry them freely.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { ErrorInfo, GoalBudget, PlannedSubtask } from '../../core/types';
import type { Usage } from '../../core/usage';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { goals, type GoalStatus } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type GoalRow = {
  id: string;
  goal: string;
  context: string | null;
  teamId: string | null;
  templateId: string | null;
  workflowId: string;
  status: GoalStatus;
  plan: PlannedSubtask[];
  usage: Usage;
  error: ErrorInfo | null;
  budget: GoalBudget;
  autopilot: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const goalColumns = {
  id: goals.id,
  goal: goals.goal,
  context: goals.context,
  teamId: goals.teamId,
  templateId: goals.templateId,
  workflowId: goals.workflowId,
  status: goals.status,
  plan: goals.plan,
  usage: goals.usage,
  error: goals.error,
  budget: goals.budget,
  autopilot: goals.autopilot,
  createdBy: goals.createdBy,
  createdAt: goals.createdAt,
  updatedAt: goals.updatedAt,
};

export type InsertGoalInput = {
  id: string;
  goal: string;
  context?: string;
  teamId?: string;
  templateId?: string;
  workflowId: string;
  status: GoalStatus;
  budget: GoalBudget;
  autopilot: boolean;
  createdBy?: string;
  plan?: PlannedSubtask[];
};

/** Inserts the goal; if a goal with this id exists already, returns that one unchanged. */
export async function insertGoal(db: Db, input: InsertGoalInput): Promise<GoalRow> {
  const [inserted] = await driverErrors(
    db.insert(goals).values(input).onConflictDoNothing({ target: goals.id }).returning(goalColumns),
  );
  if (inserted) return inserted;
  const existing = await getGoal(db, input.id);
  if (!existing) throw new Error(`Goal ${input.id} conflicted on insert but cannot be read`);
  return existing;
}

export type GoalProjection = {
  id: string;
  status?: GoalStatus;
  plan?: PlannedSubtask[];
  usage?: Usage;
  /** null clears a previous error. */
  error?: ErrorInfo | null;
};

/** Overwrites the given fields (absent ones stay); repeating the same update changes nothing else. */
export async function updateGoalProjection(db: Db, input: GoalProjection): Promise<void> {
  const { id, ...fields } = input;
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await db
    .update(goals)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(goals.id, id));
}

export async function getGoal(db: Db, id: string): Promise<GoalRow | undefined> {
  const [row] = await db.select(goalColumns).from(goals).where(eq(goals.id, id));
  return row;
}

export type ListGoalsInput = {
  teamId?: string;
  /** Only goals of these teams (an operator's scope); filtered in the query, so a page is always full. */
  teamIds?: readonly string[];
  status?: GoalStatus;
  limit?: number;
  cursor?: string;
};

/**
 * A backlog row (manual tasks of a team hang off it, since tasks.goal_id is NOT NULL) has no workflow of
 * its own: its workflowId is its own id. It is a filing place, not a goal, so goal lists and views skip it.
 */
export const isBacklogGoalRow = (row: Pick<GoalRow, 'id' | 'workflowId'>): boolean => row.workflowId === row.id;

export async function listGoals(db: Db, opts: ListGoalsInput = {}): Promise<Page<GoalRow>> {
  const limit = pageLimit(opts.limit);
  if (opts.teamIds?.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .select(goalColumns)
    .from(goals)
    .where(
      and(
        opts.teamId !== undefined ? eq(goals.teamId, opts.teamId) : undefined,
        opts.teamIds !== undefined ? inArray(goals.teamId, [...opts.teamIds]) : undefined,
        opts.status !== undefined ? eq(goals.status, opts.status) : undefined,
        ne(goals.workflowId, goals.id),
        afterCursor(goals, opts.cursor),
      ),
    )
    .orderBy(...newestFirst(goals))
    .limit(limit + 1);
  return toPage(rows, limit);
}
