/**
 * Streams a running command's output into the task log while it runs, so `stream-logs` shows it live.
 * Chunks are batched (at most one write per task step every `flushMs`) and keyed by step, activity,
 * attempt and batch number, so a retried write never duplicates a line and a command run again (a new
 * activity, after its pinned worker was lost) never has its lines taken for the lost run's.
 */
import type { Db } from '../db/client';
import { appendTaskEvent } from '../db/queries/task-events';

export interface OutputChunk {
  taskId: string;
  goalId: string;
  stepIndex: number;
  attempt: number;
  activityId?: string;
  chunk: string;
}

interface Pending {
  info: OutputChunk;
  text: string;
  batch: number;
  timer?: NodeJS.Timeout;
}

export function createOutputSink(db: Db, flushMs = 500) {
  const pending = new Map<string, Pending>();

  const flush = async (key: string) => {
    const p = pending.get(key);
    if (!p || !p.text) return;
    const text = p.text;
    p.text = '';
    p.timer = undefined;
    p.batch += 1;
    const { taskId, goalId, stepIndex, attempt, activityId } = p.info;
    const run = activityId ? `-x${activityId}` : '';
    await appendTaskEvent(db, {
      taskId, goalId, key: `s${stepIndex}${run}-a${attempt}-out${p.batch}`, type: 'output', message: text, data: { stepIndex, attempt },
    }).catch(() => undefined); // live output is best effort; the final output is recorded by the workflow
  };

  return {
    write(info: OutputChunk): void {
      const key = `${info.taskId}:${info.stepIndex}:${info.activityId ?? ''}:${info.attempt}`;
      const p = pending.get(key) ?? { info, text: '', batch: 0 };
      pending.set(key, p);
      p.text += info.chunk;
      p.timer ??= setTimeout(() => void flush(key), flushMs);
    },
    async close(): Promise<void> {
      for (const [key, p] of pending) {
        if (p.timer) clearTimeout(p.timer);
        await flush(key);
      }
      pending.clear();
    },
  };
}
