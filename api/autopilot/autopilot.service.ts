/**
 * Autopilot write paths. The loop itself is a workflow (workflows/autopilot.ts); these only start it
 * or send it an Update. Start is idempotent: a second start of a running autopilot is an Update that
 * applies the new settings (and calls off a pending stop), answered with its status. A stopped
 * autopilot may be started again, so the id reuse policy allows a new run once the old one closed,
 * while a running one is never started twice (the server refuses the duplicate start).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  autopilotWorkflowId, resetCircuitsUpdate, startAutopilotUpdate, stopAutopilotUpdate, tickAutopilotUpdate, type AutopilotInput,
} from '../../core/autopilot-messages';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ConflictError } from '../errors/domain-errors';
import { assertCanUseTeam, assertTeamsExist } from '../teams/team-scope';
import { messageError, withinDeadline } from '../temporal/workflow-messages';
import { autopilotRunning, getAutopilotStatus, presentAutopilot } from './autopilot-status.presenter';
import type { AutopilotStatusView, StartAutopilotRequest } from './autopilot.schemas';

/** An operator acts for its own teams only; unknown teams are 404. */
export async function assertAutopilotScope(app: ApiContext, principal: Principal, teamId: string | undefined): Promise<void> {
  await assertCanUseTeam(app, principal, teamId);
  if (teamId !== undefined) await assertTeamsExist(app, [teamId]);
}

export async function autopilotStatus(app: ApiContext, principal: Principal, teamId: string | undefined): Promise<AutopilotStatusView> {
  await assertAutopilotScope(app, principal, teamId);
  return getAutopilotStatus(app, teamId);
}

const stoppedStatus = async () => 'stopped';

export async function startAutopilot(app: ApiContext, principal: Principal, request: StartAutopilotRequest): Promise<AutopilotStatusView> {
  const { teamId } = request;
  await assertAutopilotScope(app, principal, teamId);
  const input: AutopilotInput = {
    queues: app.config.taskQueues, teamId, task: app.config.defaults.task,
    maxConcurrency: request.maxConcurrency ?? app.config.defaults.maxConcurrency, securityLevel: request.securityLevel ?? 'balanced',
    ...(request.circuitOpenSeconds !== undefined ? { circuitOpenSeconds: request.circuitOpenSeconds } : {}),
  };
  const handle = app.temporal.workflow.getHandle(autopilotWorkflowId(teamId));
  try {
    await app.temporal.workflow.start('autopilotWorkflow', {
      workflowId: autopilotWorkflowId(teamId), taskQueue: app.config.taskQueues.workflows, args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    try {
      const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () =>
        handle.executeUpdate(startAutopilotUpdate, { args: [{ maxConcurrency: request.maxConcurrency, securityLevel: request.securityLevel, circuitOpenSeconds: request.circuitOpenSeconds }] }));
      return { ...presentAutopilot(teamId, state, true), alreadyRunning: true };
    } catch (updateErr) {
      throw await messageError(updateErr, stoppedStatus);
    }
  }
  return { ...(await getAutopilotStatus(app, teamId)), alreadyRunning: false };
}

/** Stopping is idempotent: a stopped autopilot answers with its status. */
export async function stopAutopilot(app: ApiContext, principal: Principal, teamId: string | undefined): Promise<AutopilotStatusView> {
  await assertAutopilotScope(app, principal, teamId);
  if (!(await autopilotRunning(app, teamId))) return getAutopilotStatus(app, teamId);
  const handle = app.temporal.workflow.getHandle(autopilotWorkflowId(teamId));
  try {
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(stopAutopilotUpdate));
    return presentAutopilot(teamId, state, true);
  } catch (err) {
    const mapped = await messageError(err, stoppedStatus);
    // It finished between our check and the Update: that is the stop the caller asked for.
    if (mapped instanceof ConflictError) return getAutopilotStatus(app, teamId);
    throw mapped;
  }
}

/** Looks for runnable tasks now; answers once the tasks that look found have started. */
export async function tickAutopilot(app: ApiContext, principal: Principal, teamId: string | undefined): Promise<AutopilotStatusView> {
  await assertAutopilotScope(app, principal, teamId);
  if (!(await autopilotRunning(app, teamId))) {
    throw new ConflictError('invalid_transition', 'cannot tick: the autopilot is not running', { currentStatus: 'stopped' });
  }
  const handle = app.temporal.workflow.getHandle(autopilotWorkflowId(teamId));
  try {
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(tickAutopilotUpdate));
    return presentAutopilot(teamId, state, true);
  } catch (err) {
    throw await messageError(err, stoppedStatus);
  }
}

/** Closes the circuits of every worker (or one) of a running autopilot, so it dispatches again at once. */
export async function resetAutopilotCircuits(app: ApiContext, principal: Principal, teamId: string | undefined, worker: string | undefined): Promise<AutopilotStatusView> {
  await assertAutopilotScope(app, principal, teamId);
  if (!(await autopilotRunning(app, teamId))) {
    throw new ConflictError('invalid_transition', 'cannot reset circuits: the autopilot is not running', { currentStatus: 'stopped' });
  }
  const handle = app.temporal.workflow.getHandle(autopilotWorkflowId(teamId));
  try {
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(resetCircuitsUpdate, { args: [{ worker }] }));
    return presentAutopilot(teamId, state, true);
  } catch (err) {
    throw await messageError(err, stoppedStatus);
  }
}
