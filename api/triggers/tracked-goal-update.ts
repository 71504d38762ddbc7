/**
 * Tells a running goal that the issue it was started from changed (a Jira update of a tracked issue),
 * instead of starting a second goal for the same issue. A signal, because the sender needs no answer;
 * a goal that has already finished simply is not told (the delivery is still recorded).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { externalUpdateSignal } from '../../core/messages';
import { goalWorkflowId } from '../../core/task-queues';
import type { ApiContext } from '../context';

export interface TrackedUpdate {
  source: string;
  deliveryId: string;
  summary: string;
}

/** Returns whether the running goal received the update. */
export async function notifyTrackedGoal(app: Pick<ApiContext, 'temporal' | 'logger'>, goalId: string, update: TrackedUpdate): Promise<boolean> {
  try {
    await app.temporal.workflow.getHandle(goalWorkflowId(goalId)).signal(externalUpdateSignal, { ...update, receivedAt: new Date().toISOString() });
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false; // finished (or never started): nothing to tell
    app.logger.warn({ err, goalId }, 'could not tell the goal about an update of its issue');
    return false;
  }
}
