/**
 * Heartbeats for a running command, and what a retry learns from them.
 *
 * Heartbeats do three jobs: they let the server notice a dead worker (heartbeat timeout → retry on
 * another worker), they are the only way a running activity hears that it was cancelled, and their
 * details survive the attempt. So we beat once at the start (marking "this attempt began"), then at
 * most every second while the command runs, carrying the tail of its output. A later attempt that
 * finds those details knows earlier attempts were lost, and says so in its output instead of
 * silently running the command twice.
 */
import type { Context } from '@temporalio/activity';

/** Details recorded with every heartbeat of runCommand. */
export interface RunCommandHeartbeat {
  /** The last 8 KiB (characters) of the attempt's output. */
  outputSoFar: string;
  attempt: number;
}

const HEARTBEAT_INTERVAL_MS = 1000;
const TAIL_CHARS = 8 * 1024;
const NOTE_CHARS = 500;

export interface ProgressReporter {
  /** Notes new output; heartbeats if the last beat is at least a second old. */
  record(chunk: string): void;
  stop(): void;
}

export function startProgressReporter(ctx: Pick<Context, 'heartbeat'>, attempt: number): ProgressReporter {
  let tail = '';
  let lastBeat = 0;
  const beat = () => {
    lastBeat = Date.now();
    ctx.heartbeat({ outputSoFar: tail, attempt } satisfies RunCommandHeartbeat);
  };
  const beatIfDue = () => {
    if (Date.now() - lastBeat >= HEARTBEAT_INTERVAL_MS) beat();
  };
  beat();
  // Silent commands (`sleep 30`) must keep beating too, or cancellation would never reach them.
  const ticker = setInterval(beatIfDue, HEARTBEAT_INTERVAL_MS / 4);
  return {
    record(chunk) {
      tail = (tail + chunk).slice(-TAIL_CHARS);
      beatIfDue();
    },
    stop() {
      clearInterval(ticker);
    },
  };
}

/**
 * When an earlier attempt heartbeated and then vanished (its worker stopped), the note that starts
 * this attempt's output: how much the lost attempt had printed, shortened, then `[re-running]`.
 */
export function lostAttemptNote(info: { attempt: number; heartbeatDetails: unknown }): string | undefined {
  if (info.attempt <= 1 || info.heartbeatDetails == null) return undefined;
  const details = info.heartbeatDetails as Partial<RunCommandHeartbeat>;
  const soFar = typeof details.outputSoFar === 'string' ? details.outputSoFar : '';
  const shortened = soFar.length > NOTE_CHARS ? `…${soFar.slice(-NOTE_CHARS)}` : soFar;
  return `[previous attempt lost (worker stopped); output so far: ${JSON.stringify(shortened)}]\n[re-running]\n`;
}
