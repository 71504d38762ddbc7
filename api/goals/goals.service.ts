/**
 * Goal write paths: start a goal (store row first, then its workflow) and pause/resume/cancel it.
 * The workflow id is the business key `goal-<goalId>`, started with REJECT_DUPLICATE, so a repeated
 * request (same Idempotency-Key) can never start the work twice; "already started" means "accepted".
 */
import { createHash, randomUUID } from 'node:crypto';
import { buildGoalInput } from '../../core/goal-input';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MESSAGE_ERRORS, pauseGoalUpdate, raiseBudgetUpdate, resumeGoalUpdate } from '../../core/messages';
import { isTerminalGoal } from '../../core/statuses';
import type { PlannedSubtask } from '../../core/types';
import { updateGoalProjection } from '../../db/queries/goals';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ConflictError, UnavailableError } from '../errors/domain-errors';
import { assertCanUseTeam } from '../teams/team-scope';
import { isRunning, messageError, temporalUiUrl, withinDeadline } from '../temporal/workflow-messages';
import { goalDefaults } from '../planner/planner-settings.service';
import { findGoalRow, getGoalView, presentGoalState } from './goal.presenter';
import { assertPinTarget, recordAndStartGoal } from './goal-start';
import { lookUpUsdPerToken } from './price-hint';
import type { CreateGoalBody, GoalView, RaiseBudgetBody } from './goals.schemas';

export interface StartGoalRequest extends CreateGoalBody {
  /** A plan made beforehand (auto-planner); the workflow then skips planning. */
  plan?: PlannedSubtask[];
  goalId?: string;
}

/** Same user + same key → same goal id; a key from another user never collides. */
const idFromKey = (userId: string, key: string): string =>
  createHash('sha256').update(`${userId}\n${key}`).digest('hex').slice(0, 32);

export async function startGoal(app: ApiContext, principal: Principal, request: StartGoalRequest, idempotencyKey?: string) {
  await assertCanUseTeam(app, principal, request.teamId);
  await assertPinTarget(app, request.pin);
  const goalId = request.goalId ?? (idempotencyKey ? idFromKey(principal.userId, idempotencyKey) : randomUUID());
  // The auto-planner settings (stored, admin-set) override the env defaults of budget and autopilot.
  const defaults = await goalDefaults(app);
  // Only a USD limit needs the price before the first call; other goals skip the lookup.
  const costLimited = (request.budget?.maxCostUsd ?? defaults.config.defaults.budget.maxCostUsd) !== undefined;
  const usdPerTokenHint = costLimited ? await lookUpUsdPerToken(app, { teamId: request.teamId, templateId: request.templateId }) : undefined;
  const input = buildGoalInput(defaults.config, {
    goalId,
    goal: request.goal,
    context: request.context,
    teamId: request.teamId,
    templateId: request.templateId,
    autopilot: request.autopilot ?? defaults.autopilot,
    budget: request.budget,
    maxConcurrency: request.maxConcurrency,
    task: { allowNetwork: request.allowNetwork, approvalPolicy: request.approvalPolicy },
    plan: request.plan,
    pin: request.pin,
    usdPerTokenHint,
  });
  let started: Awaited<ReturnType<typeof recordAndStartGoal>>;
  try {
    started = await recordAndStartGoal(app, input, { createdBy: principal.userId });
  } catch (err) {
    const detail = `the goal workflow could not be started: ${(err as Error).message}`;
    await updateGoalProjection(app.db, { id: goalId, status: 'failed', error: { code: 'temporal_unavailable', detail } });
    throw new UnavailableError('temporal_unavailable', detail, { goalId });
  }
  const { row, workflowId } = started;
  return { id: goalId, workflowId, status: row.status, temporalUiUrl: temporalUiUrl(app.config.temporal, workflowId) };
}

export async function changeGoal(app: ApiContext, id: string, action: 'pause' | 'resume'): Promise<GoalView> {
  const row = await findGoalRow(app, id);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  try {
    const update = action === 'pause' ? pauseGoalUpdate : resumeGoalUpdate;
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(update));
    return presentGoalState(app, row, state);
  } catch (err) {
    throw await messageError(err, async () => (await findGoalRow(app, id)).status);
  }
}

/**
 * Raises the budget of a goal that waits on budget_exceeded, so it (or its task) makes the call it held
 * back. Nothing waiting is a conflict (no_pending_budget); a limit that does not go up is invalid input.
 */
export async function raiseGoalBudget(app: ApiContext, id: string, raise: RaiseBudgetBody): Promise<GoalView> {
  const row = await findGoalRow(app, id);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  try {
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(raiseBudgetUpdate, { args: [raise] }));
    return presentGoalState(app, row, state);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === MESSAGE_ERRORS.noPendingBudget) {
      const reported = err.cause.details?.[0];
      throw new ConflictError(MESSAGE_ERRORS.noPendingBudget, err.cause.message, { currentStatus: typeof reported === 'string' ? reported : row.status });
    }
    throw await messageError(err, async () => (await findGoalRow(app, id)).status);
  }
}

/**
 * Requests cancellation: the goal workflow cancels its running tasks (their commands are killed) and
 * then closes as `cancelled`. The answer is the goal as it is a moment later, which may still show
 * the cancellation in progress.
 */
export async function cancelGoal(app: ApiContext, id: string): Promise<GoalView> {
  const row = await findGoalRow(app, id);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  // A goal reports its final status a moment before its workflow closes: both must say "still open".
  const current = await getGoalView(app, id, row);
  if (isTerminalGoal(current.status) || !(await isRunning(handle))) {
    const status = isTerminalGoal(current.status) ? current.status : (await findGoalRow(app, id)).status;
    throw new ConflictError('invalid_transition', `cannot cancel: the goal is ${status}`, { currentStatus: status });
  }
  await handle.cancel();
  const deadline = Date.now() + app.options.queryTimeoutMs;
  while (Date.now() < deadline && (await isRunning(handle))) await new Promise((r) => setTimeout(r, 100));
  return getGoalView(app, id);
}
