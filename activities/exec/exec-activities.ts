/**
 * The command-execution activity group: runs an agent's shell command in its goal's workspace,
 * inside the bubblewrap sandbox.
 *
 * Each goal gets one workspace, `<workspacesDir>/<goalId>`, shared by its tasks. The activity
 * heartbeats its output, streams it live through `onOutput`, and cooperates with cancellation: a
 * cancelled activity kills the command's whole process tree, then rethrows the CancelledFailure.
 * Permanent problems are non-retryable ApplicationFailures: `invalid_input` (a goal id that could
 * escape the workspaces dir, bad limits) and `sandbox_unavailable` (bubblewrap missing).
 * A retry after a lost attempt runs the command again and reports `lostAttempts`.
 */
import { ApplicationFailure, CancelledFailure, Context, log } from '@temporalio/activity';
import path from 'node:path';
import { prefixRanges } from '../../core/output-streams';
import type { RunCommandInput, RunCommandResult } from '../../core/types';
import { lostAttemptNote, startProgressReporter } from './attempt-progress';
import { SandboxUnavailableError } from './locate-sandbox';
import type { OutputStream } from './capped-output';
import { runSandboxed } from './run-sandboxed';

export interface OutputChunkInfo {
  taskId: string;
  goalId: string;
  stepIndex: number;
  attempt: number;
  /** Temporal's id of this activity in its workflow: a pinned command run again after a lost worker is a new activity. */
  activityId?: string;
  chunk: string;
  /** Which of the command's streams printed it; the platform's own notes (a lost attempt) say stderr. */
  stream: OutputStream;
}

export interface ExecActivityDeps {
  workspacesDir: string;
  dataDir: string;
  unsafeNoSandbox: boolean;
  bwrapPath?: string;
  /** Live output (best effort: failures are logged; the final output is in the result). */
  onOutput?: (info: OutputChunkInfo) => Promise<void> | void;
  /** The registered name of this worker, returned with each result so the task records who ran it. */
  workerName?: string;
  /** Told when a command starts (+1) and ends (-1): the load a registered worker reports in heartbeats. */
  onLoad?: (delta: 1 | -1) => void;
}

/** A command's result and, on a registered worker, that worker's name. */
export type ExecResult = RunCommandResult & { worker?: string };

/** A goal id names a directory; `..`, `/` or anything exotic could point it elsewhere. */
const SAFE_GOAL_ID = /^[A-Za-z0-9._-]+$/;

const invalidInput = (message: string) => ApplicationFailure.create({ type: 'invalid_input', message, nonRetryable: true });

function validate(input: RunCommandInput): void {
  if (!SAFE_GOAL_ID.test(input.goalId) || input.goalId === '.' || input.goalId === '..') {
    throw invalidInput(`goalId ${JSON.stringify(input.goalId)} is not a safe directory name (allowed: A-Z a-z 0-9 . _ -)`);
  }
  if (!(input.timeoutSeconds > 0) || !Number.isFinite(input.timeoutSeconds)) {
    throw invalidInput(`timeoutSeconds must be a positive number, got ${input.timeoutSeconds}`);
  }
  if (!Number.isInteger(input.outputCapBytes) || input.outputCapBytes < 0) {
    throw invalidInput(`outputCapBytes must be a non-negative integer, got ${input.outputCapBytes}`);
  }
}

export function createExecActivities(deps: ExecActivityDeps) {
  return {
    async runCommand(input: RunCommandInput): Promise<ExecResult> {
      validate(input);
      const ctx = Context.current();
      const { attempt } = ctx.info;
      const { taskId, goalId, stepIndex } = input;
      const note = lostAttemptNote(ctx.info);
      const lostAttempts = note ? attempt - 1 : 0;
      const live = (chunk: string, stream: OutputStream) => {
        if (!deps.onOutput) return;
        Promise.resolve()
          .then(() => deps.onOutput?.({ taskId, goalId, stepIndex, attempt, activityId: ctx.info.activityId, chunk, stream }))
          .catch((err: unknown) => log.warn('live output listener failed', { taskId, stepIndex, error: String(err) }));
      };
      if (note) live(note, 'stderr');

      log.info('running command', { taskId, goalId, stepIndex, attempt, lostAttempts, sandboxed: !deps.unsafeNoSandbox });
      const progress = startProgressReporter(ctx, attempt);
      deps.onLoad?.(1);
      try {
        const result = await runSandboxed({
          command: input.command,
          workspaceDir: path.join(path.resolve(deps.workspacesDir), goalId),
          dataDir: deps.dataDir,
          allowNetwork: input.allowNetwork,
          timeoutSeconds: input.timeoutSeconds,
          outputCapBytes: input.outputCapBytes,
          env: { ANANTA_TASK_ID: taskId, ANANTA_GOAL_ID: goalId },
          signal: ctx.cancellationSignal,
          onOutput: (chunk, stream) => {
            progress.record(chunk);
            live(chunk, stream);
          },
          unsafeNoSandbox: deps.unsafeNoSandbox,
          bwrapPath: deps.bwrapPath,
        });
        log.info('command finished', { taskId, stepIndex, exitCode: result.exitCode, timedOut: result.timedOut });
        return { ...result, output: (note ?? '') + result.output, stderrRanges: prefixRanges(result.stderrRanges, note?.length ?? 0, true), lostAttempts, ...(deps.workerName ? { worker: deps.workerName } : {}) };
      } catch (err) {
        if (err instanceof SandboxUnavailableError) {
          log.error('refusing to run: no sandbox', { taskId, stepIndex, error: err.message });
          throw ApplicationFailure.create({ type: 'sandbox_unavailable', message: err.message, nonRetryable: true });
        }
        if (ctx.cancellationSignal.aborted) {
          // runSandboxed rejects only once the process tree is gone, so cleanup is done: report the cancellation.
          log.info('command cancelled; process tree killed', { taskId, stepIndex });
          throw err instanceof CancelledFailure ? err : new CancelledFailure(String(ctx.cancellationSignal.reason ?? err));
        }
        throw err;
      } finally {
        deps.onLoad?.(-1);
        progress.stop();
      }
    },
  };
}

export type ExecActivities = ReturnType<typeof createExecActivities>;
