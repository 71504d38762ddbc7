/**
 * The live log of a task as server-sent events: replay every stored event (or those after
 * Last-Event-ID), then poll the store for new ones. Events are read from the store, not from Temporal,
 * because the store is where activities append them (command output included). The stream ends —
 * after one last drain — once the task is over, with a final `end` event: when its stored status is
 * terminal, or (checked less often) when its workflow has closed, in case the goal has not yet
 * recorded the final status. It stops polling as soon as the client goes away.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { isTerminalTask, type TaskStatus } from '../../core/statuses';
import type { TaskResult } from '../../core/types';
import { listTaskEvents } from '../../db/queries/task-events';
import { getTask } from '../../db/queries/tasks';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import type { SseEvent } from '../http/route';
import { presentEvent } from './task.presenter';

const BATCH = 500;
/** Ask Temporal whether the workflow closed on every Nth poll only; the store answers the rest. */
const WORKFLOW_CHECK_EVERY = 4;

/** The final status of a closed task workflow, or undefined while it runs (or before it starts). */
async function closedStatus(app: ApiContext, workflowId: string): Promise<TaskStatus | undefined> {
  const handle = app.temporal.workflow.getHandle(workflowId);
  try {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') return undefined;
    if (status.name === 'CANCELLED') return 'cancelled';
    if (status.name === 'COMPLETED') return ((await handle.result()) as TaskResult).status;
    return 'failed';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    app.logger.debug({ err, workflowId }, 'could not describe the task workflow');
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function streamTaskLogs(app: ApiContext, id: string, opts: { afterSeq?: number; signal: AbortSignal }): Promise<AsyncIterable<SseEvent>> {
  const exists = (await getTask(app.db, id)) ?? (await listTaskEvents(app.db, id, { limit: 1 }))[0];
  if (!exists) throw new NotFoundError('Task', id);
  const { ssePollMs, sseHeartbeatMs } = app.options;
  const { signal } = opts;

  async function* drain(state: { after?: number }): AsyncGenerator<SseEvent> {
    for (;;) {
      const events = await listTaskEvents(app.db, id, { afterSeq: state.after, limit: BATCH });
      for (const e of events) {
        state.after = e.seq;
        yield { id: e.seq, event: e.type, data: presentEvent(e) };
      }
      if (events.length < BATCH || signal.aborted) return;
    }
  }

  async function* events(): AsyncGenerator<SseEvent> {
    const state = { after: opts.afterSeq };
    let lastBeat = Date.now();
    yield { comment: `log of task ${id}` };
    for (let poll = 1; !signal.aborted; poll++) {
      yield* drain(state);
      const task = await getTask(app.db, id);
      let final = task && isTerminalTask(task.status) ? task.status : undefined;
      if (!final && task && poll % WORKFLOW_CHECK_EVERY === 0) final = await closedStatus(app, task.workflowId);
      if (final) {
        yield* drain(state); // whatever was appended between the drain and the status read
        yield { event: 'end', data: { taskId: id, status: final } };
        return;
      }
      if (Date.now() - lastBeat >= sseHeartbeatMs) {
        lastBeat = Date.now();
        yield { comment: 'heartbeat' };
      }
      await sleep(ssePollMs, signal);
    }
  }
  return events();
}
