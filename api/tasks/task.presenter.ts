/**
 * Read models of tasks: the stored projection for lists, plus the task workflow's live query (steps,
 * pending approval) for a single task when a worker can answer in time.
 */
import { taskStateQuery } from '../../core/messages';
import type { TaskState } from '../../core/types';
import { listTaskEvents, type TaskEventRow } from '../../db/queries/task-events';
import { getTask, listTasks, type ListTasksInput, type TaskRow } from '../../db/queries/tasks';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { isoString } from '../shared/common.schemas';
import { queryWithin, temporalUiUrl } from '../temporal/workflow-messages';
import type { TaskView } from './tasks.schemas';

export function presentTaskRow(row: TaskRow) {
  return { ...row, createdAt: isoString(row.createdAt), updatedAt: isoString(row.updatedAt) };
}

export function presentTask(app: ApiContext, row: TaskRow, state?: TaskState): TaskView {
  return {
    ...presentTaskRow(row),
    temporalUiUrl: temporalUiUrl(app.config.temporal, row.workflowId),
    ...(state
      ? {
          status: state.status,
          steps: state.steps,
          pendingApproval: state.pendingApproval ?? null,
          verdict: state.verdict ?? row.verdict,
          error: state.error ?? row.error,
          usage: state.usage,
          live: true,
        }
      : { pendingApproval: null, live: false }),
  };
}

export async function findTaskRow(app: ApiContext, id: string): Promise<TaskRow> {
  const row = await getTask(app.db, id);
  if (!row) throw new NotFoundError('Task', id);
  return row;
}

export async function getTaskView(app: ApiContext, id: string): Promise<TaskView> {
  const row = await findTaskRow(app, id);
  if (row.status === 'todo') return presentTask(app, row); // its workflow has not started yet
  const handle = app.temporal.workflow.getHandle(row.workflowId);
  return presentTask(app, row, await queryWithin(app.temporal, handle, taskStateQuery, app.options.queryTimeoutMs));
}

export async function listTasksView(app: ApiContext, query: ListTasksInput) {
  const page = await listTasks(app.db, query);
  return { items: page.items.map(presentTaskRow), nextCursor: page.nextCursor };
}

export const presentEvent = (e: TaskEventRow) => ({
  seq: e.seq, taskId: e.taskId, type: e.type, message: e.message, data: e.data, createdAt: isoString(e.createdAt),
});

/** A task's log. Events may be written before the task row exists, so 404 only when there is neither. */
export async function getTaskLogs(app: ApiContext, id: string, opts: { afterSeq?: number; limit?: number }) {
  const events = await listTaskEvents(app.db, id, opts);
  if (events.length === 0 && opts.afterSeq === undefined) await findTaskRow(app, id);
  return { items: events.map(presentEvent), lastSeq: events.at(-1)?.seq ?? opts.afterSeq ?? null };
}
