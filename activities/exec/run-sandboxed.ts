/**
 * runSandboxed: runs one agent command in its workspace under bubblewrap and reports how it ended.
 *
 * Contract:
 * - The command gets a writable workspace (created if missing), a read-only host, no network unless
 *   allowed, and a scrubbed environment (see sandbox-args).
 * - It leads its own process group (`detached`), so a timeout or an abort can kill everything it
 *   started, background jobs included: SIGTERM to the group, SIGKILL 2 s later. Under bwrap, killing
 *   the outer process also tears down the sandbox's PID namespace, and with it every process inside.
 * - A timeout is a result (exit 124, `timedOut`), not an error; an abort (activity cancelled) rejects
 *   with the signal's reason once the process tree is gone.
 * - Without bubblewrap it refuses (SandboxUnavailableError) unless `unsafeNoSandbox` is set; then it
 *   runs the shell directly and says so at the top of the output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCappedOutput, type OutputStream } from './capped-output';
import { appendStderrRange, prefixRanges, type TextRange } from '../../core/output-streams';
import { locateBwrap, locateShell, SandboxUnavailableError } from './locate-sandbox';
import { buildSandboxArgs, SANDBOX_PATH, scrubbedEnv } from './sandbox-args';

export interface RunSandboxedOptions {
  command: string;
  workspaceDir: string;
  /** The platform's data dir (databases, secrets): hidden from the command. */
  dataDir: string;
  allowNetwork: boolean;
  timeoutSeconds: number;
  outputCapBytes: number;
  /** Extra environment variables, e.g. ANANTA_TASK_ID and ANANTA_GOAL_ID. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Live output as it comes, tagged with its stream; the platform's own notices come as stderr. */
  onOutput?: (chunk: string, stream: OutputStream) => void;
  unsafeNoSandbox: boolean;
  bwrapPath?: string;
}

export interface RunSandboxedResult {
  exitCode: number;
  /** stdout and stderr interleaved as they came. */
  output: string;
  /** Where stderr lies in `output`; absent when the streams switched too often to keep track. */
  stderrRanges?: TextRange[];
  truncated: boolean;
  timedOut: boolean;
  durationMs: number;
}

export const UNSANDBOXED_NOTICE = '[ran WITHOUT a sandbox: ANANTA_UNSAFE_NO_SANDBOX=true]\n';
const KILL_GRACE_MS = 2000;

export async function runSandboxed(opts: RunSandboxedOptions): Promise<RunSandboxedResult> {
  const started = Date.now();
  const bwrap = await locateBwrap(opts.bwrapPath);
  if (!bwrap && !opts.unsafeNoSandbox) throw new SandboxUnavailableError(opts.bwrapPath);
  opts.signal?.throwIfAborted();

  const workspaceDir = path.resolve(opts.workspaceDir);
  const dataDir = path.resolve(opts.dataDir);
  await fs.promises.mkdir(workspaceDir, { recursive: true });
  const env = scrubbedEnv({ workspaceDir, extras: opts.env });
  const shell = await locateShell();
  const out = createCappedOutput(opts.outputCapBytes, opts.onOutput);
  if (!bwrap) opts.onOutput?.(UNSANDBOXED_NOTICE, 'stderr');

  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  const spawnOpts = { cwd: workspaceDir, detached: true, stdio };
  const sandboxArgs = (): string[] =>
    buildSandboxArgs({
      command: opts.command,
      workspaceDir,
      dataDir: fs.existsSync(dataDir) ? dataDir : undefined,
      allowNetwork: opts.allowNetwork,
      env,
      shell,
    });
  const child = bwrap
    ? spawn(bwrap, sandboxArgs(), { ...spawnOpts, env: { PATH: SANDBOX_PATH } })
    : spawn(shell, ['-c', opts.command], { ...spawnOpts, env });

  const end = await supervise(child, (chunk, stream) => out.push(chunk, stream), opts.timeoutSeconds * 1000, opts.signal);
  if (end.aborted) throw opts.signal?.reason ?? new Error('command aborted');

  // The platform's own notices count as stderr, as they do in the live log.
  const notice = bwrap ? '' : UNSANDBOXED_NOTICE;
  let output = notice + out.text();
  let stderrRanges = prefixRanges(out.stderrRanges(), notice.length, true);
  if (end.timedOut) {
    const killed = `\n[killed: timed out after ${opts.timeoutSeconds}s]\n`;
    stderrRanges = appendStderrRange(stderrRanges, output.length, killed.length);
    output += killed;
  }
  return {
    exitCode: end.timedOut ? 124 : end.exitCode,
    output,
    ...(stderrRanges ? { stderrRanges } : {}),
    truncated: out.truncated,
    timedOut: end.timedOut,
    durationMs: Date.now() - started,
  };
}

interface Ending {
  exitCode: number;
  timedOut: boolean;
  aborted: boolean;
}

/** Waits for the child and its output, enforcing the timeout and the abort signal on its whole group. */
function supervise(child: ChildProcess, onData: (b: Buffer, stream: OutputStream) => void, timeoutMs: number, signal?: AbortSignal) {
  return new Promise<Ending>((resolve, reject) => {
    let timedOut = false;
    let aborted = false;
    const timers: NodeJS.Timeout[] = [];
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      timers.push(setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS));
    };
    const onAbort = () => {
      aborted = true;
      stop();
    };
    const cleanup = () => {
      timers.forEach(clearTimeout);
      signal?.removeEventListener('abort', onAbort);
    };

    timers.push(setTimeout(() => ((timedOut = true), stop()), timeoutMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    child.stdout?.on('data', (b: Buffer) => onData(b, 'stdout'));
    child.stderr?.on('data', (b: Buffer) => onData(b, 'stderr'));
    child.on('error', (err) => {
      cleanup();
      reject(err);
    });
    child.on('exit', () => {
      // Whatever the command left running in its group dies with it, as it would in the sandbox.
      killGroup('SIGKILL');
      // A process that escaped the group may still hold the pipes open: stop waiting for it.
      timers.push(setTimeout(() => (child.stdout?.destroy(), child.stderr?.destroy()), KILL_GRACE_MS));
    });
    child.on('close', (code, sig) => {
      cleanup();
      const bySignal = sig ? 128 + (os.constants.signals[sig] ?? 0) : 1;
      resolve({ exitCode: code ?? bySignal, timedOut, aborted });
    });
  });
}
