/**
 * Human approval of risky commands, on the real server: a high-risk command waits in
 * `waiting_approval`; after approve it runs, after reject it never runs and the task fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { approveStepUpdate, externalUpdateSignal, taskStateQuery } from '../../core/messages';
import { taskWorkflowId } from '../../core/task-queues';
import type { GoalState, TaskState } from '../../core/types';
import { listTaskEvents } from '../../db/queries/task-events';
import { getTask } from '../../db/queries/tasks';
import { startPlatform, uniqueId, waitForGoal, type Platform } from '../support/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.startWorkers();
});
afterAll(() => platform?.close());

async function startScratchGoal() {
  const goalId = uniqueId('g');
  const workspace = path.join(platform.config.workspacesDir, goalId);
  fs.mkdirSync(path.join(workspace, 'scratch'), { recursive: true });
  const handle = await platform.startGoal({ goalId, goal: 'Clean up with `rm -rf scratch`' });
  const waiting = await waitForGoal(handle, (s) => s.status === 'waiting_approval');
  const task = platform.client.workflow.getHandle(taskWorkflowId(waiting.subtasks[0].taskId));
  return { handle, task, workspace, waiting };
}

test('a high-risk command waits for approval and runs once approved', async () => {
  const { handle, task, workspace, waiting } = await startScratchGoal();
  expect(waiting.subtasks[0].status).toBe('waiting_approval');
  const pending = (await task.query(taskStateQuery)).pendingApproval;
  expect(pending).toMatchObject({ command: 'rm -rf scratch', risk: 'high' });
  // The store's task row follows the live status, so `GET /tasks?status=waiting_approval` finds it.
  expect(await getTask(platform.database.db, waiting.subtasks[0].taskId)).toMatchObject({ status: 'waiting_approval' });
  expect(fs.existsSync(path.join(workspace, 'scratch'))).toBe(true);

  // News about the goal's subject (a tracked issue edited) lands in the live state while it waits.
  await handle.signal(externalUpdateSignal, { source: 'jira', deliveryId: 'd1', summary: 'jira:issue_updated: PROJ-1', receivedAt: '2026-11-25T00:00:00Z' });
  expect((await waitForGoal(handle, (s) => (s.externalUpdates?.length ?? 0) > 0)).externalUpdates).toEqual([
    { source: 'jira', deliveryId: 'd1', summary: 'jira:issue_updated: PROJ-1', receivedAt: '2026-11-25T00:00:00Z' },
  ]);

  const after: TaskState = await task.executeUpdate(approveStepUpdate, { args: [{ decision: 'approve', comment: 'fine' }] });
  expect(after.steps[0].approval).toMatchObject({ decision: 'approve', by: 'human' });
  const state: GoalState = await handle.result();
  expect(state.status).toBe('completed');
  expect(fs.existsSync(path.join(workspace, 'scratch'))).toBe(false);
});

test('a rejected command never runs and the task fails', async () => {
  const { handle, task, workspace } = await startScratchGoal();
  await task.executeUpdate(approveStepUpdate, { args: [{ decision: 'reject', comment: 'no' }] });
  const state: GoalState = await handle.result();
  expect(state.status).toBe('failed');
  expect(state.subtasks[0]).toMatchObject({ status: 'failed', error: { code: 'task_failed' } });
  expect(fs.existsSync(path.join(workspace, 'scratch'))).toBe(true);
  const events = await listTaskEvents(platform.database.db, state.subtasks[0].taskId, {});
  expect(events.map((e) => e.type)).toContain('approval_decided');
  expect(events.map((e) => e.type)).not.toContain('command_finished');
});

test('approving when nothing waits is refused with no_pending_approval', async () => {
  const handle = await platform.startGoal({ goal: 'Wait with `sleep 3`' });
  const running = await waitForGoal(handle, (s) => s.subtasks[0]?.status === 'in_progress');
  const task = platform.client.workflow.getHandle(taskWorkflowId(running.subtasks[0].taskId));
  const err = await task.executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((err as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'no_pending_approval' });
  expect((await handle.result()).status).toBe('completed');
});
