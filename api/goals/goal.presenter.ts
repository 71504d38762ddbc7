/**
 * Read model of one goal (style rule 18): live state from the goal workflow's query while it runs;
 * the stored projection (goal row + task rows) once it has finished, or when no worker can answer
 * the query in time. Both shapes come out identical, flagged by `live`.
 */
import { goalStateQuery } from '../../core/messages';
import { isTerminalGoal } from '../../core/statuses';
import type { GoalState } from '../../core/types';
import { getGoal, isBacklogGoalRow, listGoals, type GoalRow, type ListGoalsInput } from '../../db/queries/goals';
import { listTasksOfGoal } from '../../db/queries/tasks';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { isoString } from '../shared/common.schemas';
import { queryWithin, temporalUiUrl } from '../temporal/workflow-messages';
import type { GoalView } from './goals.schemas';

function summary(app: ApiContext, row: GoalRow) {
  return {
    id: row.id,
    goal: row.goal,
    status: row.status,
    teamId: row.teamId,
    plan: row.plan,
    usage: row.usage,
    error: row.error,
    workflowId: row.workflowId,
    temporalUiUrl: temporalUiUrl(app.config.temporal, row.workflowId),
    createdAt: isoString(row.createdAt),
    updatedAt: isoString(row.updatedAt),
  };
}

export function presentGoalState(app: ApiContext, row: GoalRow, state: GoalState): GoalView {
  return {
    ...summary(app, row),
    status: state.status,
    plan: state.plan,
    usage: state.usage,
    error: state.error ?? null,
    subtasks: state.subtasks.map((s) => ({
      id: s.id, taskId: s.taskId, title: s.title, status: s.status, dependsOn: s.dependsOn, origin: s.origin, attempt: s.attempt, error: s.error,
    })),
    ...(state.pendingBudget ? { pendingBudget: state.pendingBudget } : {}),
    ...(state.externalUpdates?.length ? { externalUpdates: state.externalUpdates } : {}),
    live: true,
  };
}

async function presentStored(app: ApiContext, row: GoalRow): Promise<GoalView> {
  const tasks = await listTasksOfGoal(app.db, row.id);
  return {
    ...summary(app, row),
    subtasks: tasks.map((t) => ({
      id: t.subtaskId, taskId: t.id, title: t.title, status: t.status, dependsOn: t.dependsOn, origin: t.origin, attempt: t.attempt, error: t.error ?? undefined,
    })),
    live: false,
  };
}

export async function findGoalRow(app: ApiContext, id: string): Promise<GoalRow> {
  const row = await getGoal(app.db, id);
  if (!row || isBacklogGoalRow(row)) throw new NotFoundError('Goal', id);
  return row;
}

export async function getGoalView(app: ApiContext, id: string, row?: GoalRow): Promise<GoalView> {
  row ??= await findGoalRow(app, id);
  if (isTerminalGoal(row.status)) return presentStored(app, row);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  const state = await queryWithin(app.temporal, handle, goalStateQuery, app.options.queryTimeoutMs);
  return state ? presentGoalState(app, row, state) : presentStored(app, row);
}

export async function listGoalsView(app: ApiContext, query: ListGoalsInput) {
  const page = await listGoals(app.db, query);
  return { items: page.items.map((row) => summary(app, row)), nextCursor: page.nextCursor };
}
