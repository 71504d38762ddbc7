/**
 * The live log of a task as server-sent events: replay every stored event (or those after
 * Last-Event-ID), then poll the store for new ones. Events are read from the store, not from Temporal,
 * because the store is where activities append them (command output included). The stream ends —
 * after one last drain — once the task's status is terminal, with a final `end` event; it stops
 * polling as soon as the client goes away.
 */
import { isTerminalTask } from '../../core/statuses';
import { listTaskEvents } from '../../db/queries/task-events';
import { getTask } from '../../db/queries/tasks';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import type { SseEvent } from '../http/route';
import { presentEvent } from './task.presenter';

const BATCH = 500;

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
    while (!signal.aborted) {
      yield* drain(state);
      const task = await getTask(app.db, id);
      if (task && isTerminalTask(task.status)) {
        yield* drain(state); // whatever was appended between the drain and the status read
        yield { event: 'end', data: { taskId: id, status: task.status } };
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
