/** The runCommand activity in a MockActivityEnvironment, on the real bubblewrap. */
import { ApplicationFailure, CancelledFailure, type Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import path from 'node:path';
import type { RunCommandInput, RunCommandResult } from '../../core/types';
import type { RunCommandHeartbeat } from './attempt-progress';
import { createExecActivities, type ExecActivityDeps, type ExecResult, type OutputChunkInfo } from './exec-activities';
import { makeSandboxDirs, pids, uniqueSleep, waitFor, type SandboxDirs } from './test-sandbox-dirs';

let dirs: SandboxDirs;
beforeAll(() => (dirs = makeSandboxDirs()));
afterAll(() => dirs.cleanup());

const quiet = { logger: new DefaultLogger('ERROR', () => undefined) };
const mockEnv = (info: Partial<Info> = {}) => new MockActivityEnvironment(info, quiet);

const input = (command: string, extra: Partial<RunCommandInput> = {}): RunCommandInput => ({
  taskId: 'task-1',
  goalId: 'goal-1',
  stepIndex: 0,
  command,
  allowNetwork: false,
  timeoutSeconds: 20,
  outputCapBytes: 64 * 1024,
  ...extra,
});

const activities = (extra: Partial<ExecActivityDeps> = {}) =>
  createExecActivities({ workspacesDir: dirs.workspacesDir, dataDir: dirs.dataDir, unsafeNoSandbox: false, ...extra });

/** MockActivityEnvironment.run cannot infer the result type of a method-shaped activity. */
const runIn = (env: MockActivityEnvironment, acts: ReturnType<typeof activities>, args: RunCommandInput) =>
  env.run(acts.runCommand, args) as Promise<RunCommandResult>;

it('runs the command in <workspacesDir>/<goalId>', async () => {
  const result = await runIn(mockEnv(), activities(), input('pwd; echo "$ANANTA_TASK_ID $ANANTA_GOAL_ID"'));
  expect(result).toMatchObject({ exitCode: 0, timedOut: false, truncated: false, lostAttempts: 0 });
  expect(result.output).toBe(`${path.join(dirs.workspacesDir, 'goal-1')}\ntask-1 goal-1\n`);
});

it('heartbeats the output so far, and streams it live', async () => {
  const env = mockEnv();
  const beats: RunCommandHeartbeat[] = [];
  env.on('heartbeat', (d: RunCommandHeartbeat) => beats.push(d));
  const live: OutputChunkInfo[] = [];
  const acts = activities({ onOutput: (info) => void live.push(info) });
  const result = await runIn(env, acts, input('echo first-line; sleep 2; echo second-line', { stepIndex: 4 }));
  expect(result.output).toBe('first-line\nsecond-line\n');
  expect(beats[0]).toEqual({ outputSoFar: '', attempt: 1 });
  expect(beats.some((b) => b.outputSoFar.includes('first-line'))).toBe(true);
  expect(live.map((c) => c.chunk).join('')).toBe('first-line\nsecond-line\n');
  expect(live[0]).toMatchObject({ taskId: 'task-1', goalId: 'goal-1', stepIndex: 4, attempt: 1, stream: 'stdout' });
});

it('on cancellation kills the process tree and rethrows the CancelledFailure', async () => {
  const env = mockEnv();
  const marker = uniqueSleep();
  const started = Date.now();
  const running = runIn(env, activities(), input(`${marker} & sleep 30`));
  await waitFor(() => pids(marker).length > 0);
  env.cancel();
  const err = await running.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CancelledFailure);
  expect(pids(marker)).toEqual([]);
  expect(Date.now() - started).toBeLessThan(10_000);
});

it('reports an attempt lost with its worker, and what it had printed', async () => {
  const env = mockEnv({ attempt: 2, heartbeatDetails: { outputSoFar: 'step one done\n', attempt: 1 } });
  const result = await runIn(env, activities(), input('echo again'));
  expect(result.lostAttempts).toBe(1);
  expect(result.output).toBe(
    '[previous attempt lost (worker stopped); output so far: "step one done\\n"]\n[re-running]\nagain\n',
  );
});

it('shortens a long lost-attempt output in the note', async () => {
  const env = mockEnv({ attempt: 3, heartbeatDetails: { outputSoFar: 'x'.repeat(5000), attempt: 2 } });
  const result = await runIn(env, activities(), input('true'));
  expect(result.lostAttempts).toBe(2);
  expect(result.output.length).toBeLessThan(700);
  expect(result.output).toMatch(/^\[previous attempt lost \(worker stopped\); output so far: "…x+"\]\n\[re-running\]\n$/);
});

describe('permanent failures are non-retryable ApplicationFailures', () => {
  it.each(['..', '.', '../etc', 'a/b', 'goal 1', ''])('invalid_input for goalId %j', async (goalId) => {
    const err = await runIn(mockEnv(), activities(), input('true', { goalId })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'invalid_input', nonRetryable: true });
  });

  it('sandbox_unavailable when bubblewrap is missing', async () => {
    const acts = activities({ bwrapPath: '/nonexistent/bwrap' });
    const err = await runIn(mockEnv(), acts, input('true')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'sandbox_unavailable', nonRetryable: true });
    expect((err as Error).message).toMatch(/bubblewrap/);
  });
});

test('a registered worker names itself in the result and counts the command in its load while it runs', async () => {
  const loads: number[] = [];
  let load = 0;
  const acts = activities({ workerName: 'box-a', onLoad: (delta) => loads.push((load += delta)) });
  const result = (await mockEnv().run(acts.runCommand, input('echo hi'))) as ExecResult;
  expect(result).toMatchObject({ exitCode: 0, worker: 'box-a' });
  expect(loads).toEqual([1, 0]);
  const anonymous = (await mockEnv().run(activities().runCommand, input('true'))) as ExecResult;
  expect(anonymous.worker).toBeUndefined();
});
