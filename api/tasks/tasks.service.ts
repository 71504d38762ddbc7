/**
 * Task write paths. A task is a child workflow of its goal: pause/resume/approve are Updates on the
 * task workflow, cancel cancels that workflow (the goal then records it cancelled), and retry is an
 * Update on the goal, which owns the schedule and starts the next attempt.
 */
import { approveStepUpdate, pauseTaskUpdate, resumeTaskUpdate, retrySubtaskUpdate, type ApproveStepArgs } from '../../core/messages';
import { isTerminalTask, type TaskStatus } from '../../core/statuses';
import { goalWorkflowId } from '../../core/task-queues';
import type { ApiContext } from '../context';
import { ConflictError } from '../errors/domain-errors';
import { isRunning, messageError, withinDeadline } from '../temporal/workflow-messages';
import { findTaskRow, presentTask } from './task.presenter';
import type { TaskView } from './tasks.schemas';

export type TaskAction = 'pause' | 'resume' | 'cancel' | 'retry';

export interface TaskActionResult {
  id: string;
  action: TaskAction;
  status: TaskStatus;
}

const lastStatus = (app: ApiContext, id: string) => async () => (await findTaskRow(app, id)).status;

export async function changeTask(app: ApiContext, id: string, action: 'pause' | 'resume'): Promise<TaskActionResult> {
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
