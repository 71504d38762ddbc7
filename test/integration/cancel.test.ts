/**
 * Cancelling a goal stops its running command: the sandboxed process tree is gone, the task and the
 * goal end `cancelled`, and dependents never start.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { pauseGoalUpdate, resumeGoalUpdate } from '../../core/messages';
import type { GoalState } from '../../core/types';
import { getTask } from '../../db/queries/tasks';
import { startPlatform, waitForGoal, type Platform } from '../support/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ store: 'pglite' });
  await platform.startWorkers();
});
afterAll(() => platform?.close());

const processesMatching = (marker: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
};

async function eventually(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('cancel stops the running command: its process is gone and the goal ends cancelled', async () => {
  const marker = `ananta-cancel-${randomBytes(4).toString('hex')}`;
  const handle = await platform.startGoal({ goal: `Wait with \`sleep 300; echo ${marker}\`. Then report with \`echo never\`` });
  await waitForGoal(handle, (s) => s.subtasks[0]?.status === 'in_progress');
  await eventually(() => processesMatching(marker).length > 0);

  await handle.cancel();
  const state: GoalState = await handle.result();
  expect(state.status).toBe('cancelled');
  expect(state.subtasks.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  await eventually(() => processesMatching(marker).length === 0, 5_000);
  expect(await getTask(platform.database.db, state.subtasks[0].taskId)).toMatchObject({ status: 'cancelled' });
});

test('pause holds new work until resume; a second pause is an invalid transition', async () => {
  const handle = await platform.startGoal({ goal: 'Wait with `sleep 2`. Then report with `echo after`' });
  await waitForGoal(handle, (s) => s.subtasks[0]?.status === 'in_progress');
  const paused: GoalState = await handle.executeUpdate(pauseGoalUpdate);
  expect(paused.status).toBe('paused');
  const again = await handle.executeUpdate(pauseGoalUpdate).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((again as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'invalid_transition' });

  // The running command finishes, but the next subtask does not start while paused.
  await new Promise((r) => setTimeout(r, 4000));
  const held = await waitForGoal(handle, () => true);
  expect(held.status).toBe('paused');
  expect(held.subtasks[1].status).toBe('todo');

  const resumed: GoalState = await handle.executeUpdate(resumeGoalUpdate);
  expect(resumed.status).not.toBe('paused');
  expect((await handle.result()).status).toBe('completed');
}, 60_000);
