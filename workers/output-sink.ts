/**
 * Streams a running command's output into the task log while it runs, so `stream-logs` shows it live.
 * Chunks are batched (at most one write per task step every `flushMs`) and keyed by step, activity,
 * attempt and batch number, so a retried write never duplicates a line and a command run again (a new
 * activity, after its pinned worker was lost) never has its lines taken for the lost run's.
 *
 * A batch holds one stream: when a command switches between stdout and stderr the batch so far is
 * written at once, so each `output` event says which stream printed it (`data.stream`) and the log
 * keeps their order. Writes of one step are chained, so a quick switch cannot reorder them.
 */
import type { OutputChunkInfo } from '../activities/exec';
import type { Db } from '../db/client';
import { appendTaskEvent } from '../db/queries/task-events';

interface Pending {
  info: OutputChunkInfo;
  text: string;
  batch: number;
  timer?: NodeJS.Timeout;
  /** The step's last write: the next one waits for it. */
  written: Promise<void>;
}

export function createOutputSink(db: Db, flushMs = 500) {
  const pending = new Map<string, Pending>();

  const flush = (p: Pending): Promise<void> => {
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
    if (!p.text) return p.written;
    const text = p.text;
    p.text = '';
    p.batch += 1;
    const { taskId, goalId, stepIndex, attempt, activityId, stream } = p.info;
    const key = `s${stepIndex}${activityId ? `-x${activityId}` : ''}-a${attempt}-out${p.batch}`;
    p.written = p.written.then(() =>
      appendTaskEvent(db, { taskId, goalId, key, type: 'output', message: text, data: { stepIndex, attempt, stream } })
        .then(() => undefined)
        .catch(() => undefined), // live output is best effort; the final output is recorded by the workflow
    );
    return p.written;
  };

  return {
    write(info: OutputChunkInfo): void {
      const key = `${info.taskId}:${info.stepIndex}:${info.activityId ?? ''}:${info.attempt}`;
      const p = pending.get(key) ?? { info, text: '', batch: 0, written: Promise.resolve() };
      pending.set(key, p);
      if (p.text && p.info.stream !== info.stream) void flush(p);
      p.info = info;
      p.text += info.chunk;
      p.timer ??= setTimeout(() => void flush(p), flushMs);
    },
    async close(): Promise<void> {
      await Promise.all([...pending.values()].map(flush));
      pending.clear();
    },
  };
}
