/**
 * The autopilot's status read model: the live workflow query while it runs, its final state once it
 * has stopped, and an empty "stopped" view when it never ran. A missing worker must not hang the GET,
 * so the query is bounded and a running autopilot that cannot answer is shown with `live: false`.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { autopilotStatusQuery, autopilotWorkflowId, type AutopilotState } from '../../core/autopilot-messages';
import type { ApiContext } from '../context';
import { queryWithin } from '../temporal/workflow-messages';
import type { AutopilotStatusView } from './autopilot.schemas';

export function presentAutopilot(teamId: string | undefined, state: AutopilotState | undefined, running: boolean): AutopilotStatusView {
  return {
    workflowId: autopilotWorkflowId(teamId),
    teamId: teamId ?? null,
    running,
    status: running ? (state?.status === 'stopped' ? 'stopping' : (state?.status ?? 'running')) : 'stopped',
    live: state !== undefined,
    maxConcurrency: state?.maxConcurrency ?? null,
    securityLevel: state?.securityLevel ?? null,
    inFlight: running ? (state?.inFlight ?? []) : [],
    maxObservedInFlight: state?.maxObservedInFlight ?? 0,
    started: state?.started ?? 0,
    completed: state?.completed ?? 0,
    failed: state?.failed ?? 0,
    ticks: state?.ticks ?? 0,
    lastTickAt: state?.lastTickAt ?? null,
    recent: state?.recent ?? [],
    runs: state?.runs ?? 0,
    circuits: Object.entries(state?.circuits ?? {}).map(([worker, c]) => ({
      worker, consecutiveFailures: c.consecutiveFailures, opened: c.opened,
      open: c.openUntil !== undefined && Date.parse(c.openUntil) > Date.now(), openUntil: c.openUntil ?? null,
    })),
    circuitOpenSeconds: state?.circuitOpenSeconds ?? null,
    heldUntil: running && state?.heldUntil && Date.parse(state.heldUntil) > Date.now() ? state.heldUntil : null,
  };
}

/** True when the autopilot's workflow exists and has not closed. */
export async function autopilotRunning(app: ApiContext, teamId: string | undefined): Promise<boolean> {
  try {
    return (await app.temporal.workflow.getHandle(autopilotWorkflowId(teamId)).describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

export async function getAutopilotStatus(app: ApiContext, teamId: string | undefined): Promise<AutopilotStatusView> {
  const handle = app.temporal.workflow.getHandle(autopilotWorkflowId(teamId));
  let status: string;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return presentAutopilot(teamId, undefined, false);
    throw err;
  }
  if (status === 'RUNNING') return presentAutopilot(teamId, await queryWithin(app.temporal, handle, autopilotStatusQuery, app.options.queryTimeoutMs), true);
  // A stopped autopilot returned its final state; a terminated or failed one has none to show.
  const final = status === 'COMPLETED' ? ((await handle.result().catch(() => undefined)) as AutopilotState | undefined) : undefined;
  return presentAutopilot(teamId, final, false);
}
