/**
 * The one way a goal comes to life: its store row, then its workflow. Both steps are idempotent — the
 * row is keyed by the goal id and the workflow id is `goal-<goalId>`, started with REJECT_DUPLICATE — so
 * a repeated request, a webhook redelivery or the recovery loop can all call this without ever starting
 * the work twice. "Already started" counts as success. Any other failure to start is thrown to the
 * caller, who decides what it means (a 503 for a person, a pending delivery for a webhook).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { GOAL_ID_ATTR, STATUS_ATTR, TEAM_ATTR } from '../../core/search-attributes';
import { goalWorkflowId } from '../../core/task-queues';
import type { GoalInput, WorkerPin } from '../../core/types';
import { getWorker } from '../../db/queries/workers';
import { insertGoal, type GoalRow } from '../../db/queries/goals';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';

/** Team value in the search attribute when a goal has none, so "no team" is searchable too. */
export const NO_TEAM = 'none';

export interface GoalStartOptions {
  createdBy: string;
  /** Give up waiting for Temporal after this many ms (the start may still happen later). */
  timeoutMs?: number;
}

/**
 * A pin must name a worker that exists (it may be offline: the goal then waits for it). Capabilities
 * need no registered worker yet, since a capable one may register later.
 */
export async function assertPinTarget(app: Pick<ApiContext, 'db'>, pin: WorkerPin | undefined): Promise<void> {
  // 404 like every other unknown id in a body (POST /tasks pinnedWorkerId, teamId).
  if (pin?.workerId !== undefined && !(await getWorker(app.db, pin.workerId))) throw new NotFoundError('Worker', pin.workerId);
}

export async function recordAndStartGoal(
  app: Pick<ApiContext, 'db' | 'temporal' | 'config'>,
  input: GoalInput,
  opts: GoalStartOptions,
): Promise<{ row: GoalRow; workflowId: string }> {
  const workflowId = goalWorkflowId(input.goalId);
  const row = await insertGoal(app.db, {
    id: input.goalId, goal: input.goal, context: input.context, teamId: input.teamId, templateId: input.templateId, workflowId,
    status: 'planning', budget: input.budget, autopilot: input.autopilot, createdBy: opts.createdBy, plan: input.plan,
  });
  const start = () =>
    app.temporal.workflow.start('goalWorkflow', {
      workflowId,
      taskQueue: app.config.taskQueues.workflows,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: GOAL_ID_ATTR, value: input.goalId },
        { key: TEAM_ATTR, value: input.teamId ?? NO_TEAM },
        { key: STATUS_ATTR, value: 'planning' },
      ],
    });
  try {
    await (opts.timeoutMs ? app.temporal.withDeadline(Date.now() + opts.timeoutMs, start) : start());
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { row, workflowId };
}
