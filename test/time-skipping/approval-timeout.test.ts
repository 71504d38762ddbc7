/**
 * Long waits on the time-skipping test server: an approval nobody answers for an hour ends in the
 * configured decision, without the test sleeping. One suite here runs with maxCachedWorkflows: 0, so
 * every activation replays the task's history from the start.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createLlmActivities, type StoreActivities } from '../../activities';
import { createPolicyActivities } from '../../activities/policy';
import type { createExecActivities } from '../../activities/exec';
import type { RunCommandInput, TaskInput, TaskResult, TaskSettings } from '../../core/types';
import { temporalTestServerPath } from '../../scripts/lib/temporal-binaries';
import { createScriptedProvider } from '../fakes/scripted-provider';

type ExecActivities = ReturnType<typeof createExecActivities>;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } });
});
afterAll(() => env?.teardown());

const settings: TaskSettings = {
  maxSteps: 3, allowNetwork: false, approvalPolicy: 'high_risk', approvalTimeoutSeconds: 3600,
  approvalTimeoutDecision: 'reject', commandTimeoutSeconds: 60, outputCapBytes: 4096,
};

async function runTask(name: string, overrides: Partial<TaskSettings>) {
  const taskQueue = `ts-${name}`;
  const provider = createScriptedProvider({
    propose_step: [
      { kind: 'command', reasoning: 'clean up', command: 'rm -rf build' },
      (r: { input: unknown }) => ({ kind: 'done', success: !(r.input as { history: { rejected?: boolean }[] }).history[0].rejected, summary: 'end' }),
    ],
  });
  const runCommand = jest.fn<ReturnType<ExecActivities['runCommand']>, [RunCommandInput]>(async () => ({
    exitCode: 0, output: 'removed', truncated: false, timedOut: false, durationMs: 1, lostAttempts: 0,
  }));
  const store: StoreActivities = { recordGoal: jest.fn(async () => undefined), recordTask: jest.fn(async () => undefined), recordTaskEvent: jest.fn(async () => undefined), recordTaskStatus: jest.fn(async () => undefined) };
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('../../workflows'), maxCachedWorkflows: 0,
    activities: { ...createLlmActivities({ provider }), ...createPolicyActivities(), ...store, runCommand },
  });
  const input: TaskInput = {
    taskId: `t-${name}`, goalId: `g-${name}`, goal: 'tidy up', title: 'Clean', description: 'remove the build dir',
    settings: { ...settings, ...overrides }, queues: { workflows: taskQueue, llm: taskQueue, exec: taskQueue },
  };
  const started = Date.now();
  const result = await worker.runUntil(env.client.workflow.execute<(i: TaskInput) => Promise<TaskResult>>('taskWorkflow', {
    workflowId: `task-${name}`, taskQueue, args: [input],
  }));
  return { result, runCommand, wallMs: Date.now() - started, store };
}

test('an unanswered approval times out after an hour (skipped) and the command never runs', async () => {
  const { result, runCommand, wallMs, store } = await runTask('timeout-reject', {});
  expect(result.status).toBe('failed');
  expect(runCommand).not.toHaveBeenCalled();
  expect(store.recordTaskEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'approval_decided', message: 'reject (timeout)' }));
  expect(wallMs).toBeLessThan(30_000);
});

test('a deployment may decide that a timed-out approval approves; then the command runs', async () => {
  const { result, runCommand } = await runTask('timeout-approve', { approvalTimeoutDecision: 'approve' });
  expect(runCommand).toHaveBeenCalledTimes(1);
  expect(runCommand.mock.calls[0][0]).toMatchObject({ command: 'rm -rf build' });
  expect(result.status).toBe('completed');
});
