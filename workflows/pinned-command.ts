/**
 * Running a command on a pinned worker. Before each attempt the registry says which online worker
 * matches the pin (by id, or one with all the capabilities) and so which task queue to use. With none
 * online the task is visibly waiting — status `blocked` and a `waiting_for_worker` event naming the pin —
 * and checks again on a durable timer (backing off to five minutes), so a task can wait out a
 * worker's absence of days. A worker that dies mid-command (heartbeat timeout) or never picks the command
 * up (schedule-to-start timeout) sends the task back to waiting; the command runs again once a matching
 * worker is online, and the result counts the lost attempts.
 */
import { TimeoutType } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, TimeoutFailure, isCancellation, sleep } from '@temporalio/workflow';
import type { ExecResult } from '../activities/exec';
import type { RunCommandInput, WorkerPin } from '../core/types';
import type { ActivityProfiles } from './activity-profiles';
import type { TaskRun } from './task-run';

/** Application errors (not a lost worker) get this many attempts in all, as the shared queue's retry policy gives. */
const MAX_FAILED_ATTEMPTS = 3;
const NON_RETRYABLE = ['sandbox_unavailable', 'invalid_input'];

export function describePin(pin: WorkerPin): string {
  const parts = [pin.workerId ? `worker ${pin.workerId}` : undefined, pin.capabilities?.length ? `capabilities ${pin.capabilities.join(', ')}` : undefined];
  return parts.filter(Boolean).join(' with ') || 'any worker';
}

/**
 * Seconds before the n-th re-check (1-based): 1, 2, 4 … up to five minutes. Each check costs about a
 * dozen history events, so a worker away for a day adds some 3,500 events, not 17,000.
 */
const recheckDelaySeconds = (n: number): number => Math.min(300, 2 ** (n - 1));

const workerLost = (err: unknown): boolean => err instanceof ActivityFailure && err.cause instanceof TimeoutFailure;

const permanent = (err: unknown): boolean => {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && (cause.nonRetryable || NON_RETRYABLE.includes(cause.type ?? ''));
};

export interface PinnedCommandOptions {
  pin: WorkerPin;
  run: TaskRun;
  profiles: Pick<ActivityProfiles, 'workers' | 'pinnedShell'>;
  command: RunCommandInput;
}

export async function runPinnedCommand({ pin, run, profiles, command }: PinnedCommandOptions): Promise<ExecResult> {
  const step = `s${command.stepIndex}`;
  let lost = 0;
  let failed = 0;
  let waits = 0;
  let waitRounds = 0;
  let lostWorker: { workerId: string; sinceMs: number } | undefined;
  for (;;) {
    const target = await profiles.workers.resolveWorkerPin({ pin, ...(lostWorker ? { lost: lostWorker } : {}) });
    if (!target.online) {
      if (waits === 0) {
        waitRounds += 1;
        await run.setStatus('blocked');
        await run.event(`${step}-wait${waitRounds}`, 'waiting_for_worker', `waiting for ${describePin(pin)}: ${target.reason}`, { pin: { ...pin }, reason: target.reason });
      }
      waits += 1;
      await sleep(recheckDelaySeconds(waits) * 1000);
      continue;
    }
    if (waits > 0) {
      waits = 0;
      await run.event(`${step}-wait${waitRounds}-over`, 'worker_available', `worker ${target.name} is online`, { workerId: target.workerId, name: target.name });
    }
    await run.setStatus('in_progress');
    try {
      const result = await profiles.pinnedShell(target.taskQueue, command.timeoutSeconds).runCommand(command);
      return { ...result, lostAttempts: result.lostAttempts + lost };
    } catch (err) {
      if (isCancellation(err) || permanent(err)) throw err;
      if (workerLost(err)) {
        lost += 1;
        // Workflow time is deterministic; the registry compares it with the worker's next heartbeat.
        lostWorker = { workerId: target.workerId, sinceMs: Date.now() };
        const unstarted = ((err as ActivityFailure).cause as TimeoutFailure).timeoutType === TimeoutType.SCHEDULE_TO_START;
        const what = unstarted ? 'did not pick the command up (busy or gone)' : 'stopped answering mid-command';
        await run.event(`${step}-lost${lost}`, 'worker_lost', `worker ${target.name} ${what}; the command will run again`, {
          workerId: target.workerId, name: target.name, detail: (err as ActivityFailure).cause?.message ?? 'timed out',
        });
        continue;
      }
      failed += 1;
      if (failed >= MAX_FAILED_ATTEMPTS) throw err;
      await sleep(1000);
    }
  }
}
