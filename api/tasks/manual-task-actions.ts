/**
 * Interventions on a manual task that no workflow is running (not started yet, or finished): a small
 * state machine on the stored row. Running ones (claimed by the autopilot) are handled by their task
 * workflow, as for any task. Each move is a conditional update from the statuses it allows, so a
 * racing autopilot claim and an intervention never both win; the loser gets 409 invalid_transition
 * with the status it found.
 *
 *   pause   todo | blocked        → paused      (the autopilot picks only todo tasks)
 *   resume  paused                → todo
 *   cancel  todo | blocked | paused → cancelled
 *   retry   failed | cancelled    → todo, as a new attempt (the autopilot takes it again)
 */
import type { TaskStatus } from '../../core/statuses';
import { transitionTask, type TaskRow } from '../../db/queries/tasks';
import type { ApiContext } from '../context';
import { ConflictError } from '../errors/domain-errors';
import { findTaskRow } from './task.presenter';

export type ManualAction = 'pause' | 'resume' | 'cancel' | 'retry';

export const MANUAL_TRANSITIONS: Record<ManualAction, { from: TaskStatus[]; to: TaskStatus }> = {
  pause: { from: ['todo', 'blocked'], to: 'paused' },
  resume: { from: ['paused'], to: 'todo' },
  cancel: { from: ['todo', 'blocked', 'paused'], to: 'cancelled' },
  retry: { from: ['failed', 'cancelled'], to: 'todo' },
};

/** Whether `action` on a manual task in `status` is a stored-row move (no workflow to talk to). */
export const isStoredMove = (action: ManualAction, status: TaskStatus): boolean => MANUAL_TRANSITIONS[action].from.includes(status);

export async function applyManualAction(app: ApiContext, row: TaskRow, action: ManualAction): Promise<{ id: string; action: ManualAction; status: TaskStatus }> {
  const { from, to } = MANUAL_TRANSITIONS[action];
  // A retry is a new attempt: its workflow gets a new id (task-<id>-r<n>), the error of the last one goes.
  const extra = action === 'retry' ? { attempt: Math.max(1, row.attempt) + 1, error: null } : {};
  const moved = await transitionTask(app.db, row.id, from, to, extra);
  if (!moved) {
    const current = (await findTaskRow(app, row.id)).status;
    throw new ConflictError('invalid_transition', `cannot ${action}: the task is ${current}`, { currentStatus: current });
  }
  return { id: row.id, action, status: moved.status };
}
