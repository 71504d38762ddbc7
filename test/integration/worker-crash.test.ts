/**
 * Durability: the exec worker is killed with SIGKILL in the middle of a command. The command's
 * heartbeats stop, Temporal retries it on a new worker, and the goal completes — with exactly one
 * recorded success, and the lost attempt noted in its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { GoalState } from '../../core/types';
import { listTaskEvents } from '../../db/queries/task-events';
import { startPlatform, uniqueId, waitForGoal, type Platform } from '../support/platform';

let platform: Platform;
const children: ChildProcess[] = [];

beforeAll(async () => {
  platform = await startPlatform({ queues: ['workflows', 'llm'] });
  await platform.startWorkers();
});
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
  await platform?.close();
});

/** An exec worker in its own process group, so SIGKILL takes the whole tree the way a crash would. */
function startExecWorker(): ChildProcess {
  const { env } = platform.config;
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['workers/main.ts', '--queues', 'exec'], {
    detached: true,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS, ANANTA_TASK_QUEUE_PREFIX: env.ANANTA_TASK_QUEUE_PREFIX,
      ANANTA_DATA_DIR: platform.config.dataDir, LOG_LEVEL: 'warn', ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
    },
  });
  children.push(child);
  return child;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a worker killed with SIGKILL mid-command: the goal completes on a new worker with one recorded success', async () => {
  const goalId = uniqueId('g');
  const attempts = path.join(platform.config.workspacesDir, goalId, 'attempts.txt');
  const first = startExecWorker();
  const handle = await platform.startGoal({ goalId, goal: 'Work with `echo attempt >> attempts.txt; sleep 4; echo ok`' });
  await waitFor(() => fs.existsSync(attempts), 60_000);

  process.kill(-first.pid!, 'SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const midway = await waitForGoal(handle, () => true);
  expect(midway.subtasks[0].status).toBe('in_progress');

  startExecWorker();
  const state: GoalState = await handle.result();
  expect(state.status).toBe('completed');
  expect(fs.readFileSync(attempts, 'utf8')).toBe('attempt\nattempt\n');

  const events = await listTaskEvents(platform.database.db, state.subtasks[0].taskId, {});
  const finished = events.filter((e) => e.type === 'command_finished');
  expect(finished).toHaveLength(1);
  expect(finished[0].data).toMatchObject({ exitCode: 0, lostAttempts: 1 });
  expect(String((finished[0].data as { output: string }).output)).toMatch(/previous attempt lost/);
}, 120_000);
