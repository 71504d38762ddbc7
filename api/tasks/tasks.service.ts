/**
 * Task write paths. A task is a child workflow of its goal: pause/resume/approve are Updates on the
 * task workflow, cancel cancels that workflow (the goal then records it cancelled), and retry is an
 * Update on the goal, which owns the schedule and starts the next attempt. A manual task (run by the
 * autopilot) that no workflow runs right now moves on its stored row instead (manual-task-actions.ts).
 */
import { approveStepUpdate, pauseTaskUpdate, resumeTaskUpdate, retrySubtaskUpdate, type ApproveStepArgs } from '../../core/messages';
import { isTerminalTask, type TaskStatus } from '../../core/statuses';
import { goalWorkflowId } from '../../core/task-queues';
import type { ApiContext } from '../context';
import { ConflictError } from '../errors/domain-errors';
import { isRunning, messageError, withinDeadline } from '../temporal/workflow-messages';
import { applyManualAction, isStoredMove, type ManualAction } from './manual-task-actions';
import { findTaskRow, presentTask } from './task.presenter';
import type { TaskView } from './tasks.schemas';

export type TaskAction = 'pause' | 'resume' | 'cancel' | 'retry';

export interface TaskActionResult {
  id: string;
  action: TaskAction;
  status: TaskStatus;
}

const lastStatus = (app: ApiContext, id: string) => async () => (await findTaskRow(app, id)).status;

/**
 * A manual task that is not running is moved on its row; a paused one whose workflow still runs
 * (paused mid-run) is resumed by that workflow.
 */
async function manualMove(app: ApiContext, id: string, action: ManualAction): Promise<TaskActionResult | undefined> {
  const row = await findTaskRow(app, id);
  if (row.origin !== 'manual' || !isStoredMove(action, row.status)) return undefined;
  if (row.status === 'paused' && row.attempt > 0 && (await isRunning(app.temporal.workflow.getHandle(row.workflowId)))) return undefined;
  return applyManualAction(app, row, action);
}

export async function changeTask(app: ApiContext, id: string, action: 'pause' | 'resume'): Promise<TaskActionResult> {
  const manual = await manualMove(app, id, action);
  if (manual) return manual;
  const row = await findTaskRow(app, id);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  try {
    const update = action === 'pause' ? pauseTaskUpdate : resumeTaskUpdate;
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(update));
    return { id, action, status: state.status };
  } catch (err) {
    throw await messageError(err, lastStatus(app, id));
  }
}

export async function cancelTask(app: ApiContext, id: string): Promise<TaskActionResult> {
  const manual = await manualMove(app, id, 'cancel');
  if (manual) return manual;
  const row = await findTaskRow(app, id);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  if (isTerminalTask(row.status) || !(await isRunning(handle))) {
    const current = await findTaskRow(app, id);
    throw new ConflictError('invalid_transition', `cannot cancel: the task is ${current.status}`, { currentStatus: current.status });
  }
  await handle.cancel();
  // The task's own workflow closes first; its goal records the final status in the store a moment later.
  const deadline = Date.now() + app.options.queryTimeoutMs;
  while (Date.now() < deadline && (await isRunning(handle))) await new Promise((r) => setTimeout(r, 100));
  const closed = (await handle.describe()).status.name === 'CANCELLED';
  return { id, action: 'cancel', status: closed ? 'cancelled' : (await findTaskRow(app, id)).status };
}

/** Runs a failed or cancelled subtask again, as a new attempt, while its goal is still running. */
export async function retryTask(app: ApiContext, id: string): Promise<TaskActionResult> {
  const row = await findTaskRow(app, id);
  // A manual task has no goal to schedule it again: back to todo, and the autopilot takes it.
  if (row.origin === 'manual') {
    if (isStoredMove('retry', row.status)) return applyManualAction(app, row, 'retry');
    throw new ConflictError('invalid_transition', `cannot retry: the task is ${row.status}`, { currentStatus: row.status });
  }
  const goal = app.temporal.workflow.getHandle(goalWorkflowId(row.goalId));
  try {
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () =>
      goal.executeUpdate(retrySubtaskUpdate, { args: [{ subtaskId: row.subtaskId }] }));
    const subtask = state.subtasks.find((s) => s.id === row.subtaskId);
    return { id, action: 'retry', status: subtask?.status ?? 'todo' };
  } catch (err) {
    throw await messageError(err, lastStatus(app, id));
  }
}

export async function approveTask(app: ApiContext, id: string, args: ApproveStepArgs): Promise<TaskView> {
  const row = await findTaskRow(app, id);
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  try {
    const state = await withinDeadline(app.temporal, app.options.updateTimeoutMs, () => handle.executeUpdate(approveStepUpdate, { args: [args] }));
    return presentTask(app, row, state);
  } catch (err) {
    throw await messageError(err, lastStatus(app, id), 'no_pending_approval');
  }
}
