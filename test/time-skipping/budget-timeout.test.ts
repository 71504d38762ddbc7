/**
 * A budget nobody raises, on the time-skipping test server: the goal (before planning) or its task
 * (before a proposal) waits an approval timeout (an hour, skipped) in waiting_approval, then fails
 * with budget_exceeded, and the call it held back is never made.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createLlmActivities, type StoreActivities } from '../../activities';
import { createPolicyActivities } from '../../activities/policy';
import type { createExecActivities } from '../../activities/exec';
import { STATUS_ATTR } from '../../core/search-attributes';
import type { GoalInput, GoalState, RunCommandInput, TaskInput, TaskResult, TaskSettings } from '../../core/types';
import { emptyUsage } from '../../core/usage';
import { temporalTestServerPath } from '../../scripts/lib/temporal-binaries';
import { createScriptedProvider } from '../fakes/scripted-provider';

type ExecActivities = ReturnType<typeof createExecActivities>;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } });
  // The goal workflow keeps its status in a custom search attribute, which the test server must know.
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes: { AnantaStatus: 2 } });
});
afterAll(() => env?.teardown());

const settings: TaskSettings = {
  maxSteps: 3, allowNetwork: false, approvalPolicy: 'high_risk', approvalTimeoutSeconds: 3600,
  approvalTimeoutDecision: 'reject', commandTimeoutSeconds: 60, outputCapBytes: 8192,
};

async function workerFor(taskQueue: string) {
  const provider = createScriptedProvider({
    plan: [{ subtasks: [{ id: 's1', title: 'Count', description: 'count', dependsOn: [] }] }],
    propose_step: [{ kind: 'command', reasoning: 'count', command: 'seq 1 1000' }, { kind: 'done', success: true, summary: 'counted' }],
  });
  const runCommand = jest.fn<ReturnType<ExecActivities['runCommand']>, [RunCommandInput]>(async () => ({
    exitCode: 0, output: 'x'.repeat(4000), truncated: false, timedOut: false, durationMs: 1, lostAttempts: 0,
  }));
  const store: StoreActivities = { recordGoal: jest.fn(async () => undefined), recordTask: jest.fn(async () => undefined), recordTaskEvent: jest.fn(async () => undefined), recordTaskStatus: jest.fn(async () => undefined) };
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('../../workflows'), maxCachedWorkflows: 0,
    activities: { ...createLlmActivities({ provider }), ...createPolicyActivities(), ...store, runCommand },
  });
  return { worker, provider, runCommand, store };
}

test('a goal whose planning would exceed the budget waits an hour (skipped), then fails with budget_exceeded without planning', async () => {
  const taskQueue = 'ts-budget-goal';
  const { worker, provider, store } = await workerFor(taskQueue);
  const input: GoalInput = {
    goalId: 'g-budget-timeout', goal: 'Count to a thousand', autopilot: false, maxConcurrency: 1,
    budget: { maxTokens: 100, maxSubtasks: 5, maxFollowupDepth: 1 }, task: settings,
    queues: { workflows: taskQueue, llm: taskQueue, exec: taskQueue },
  };
  const started = Date.now();
  const state = await worker.runUntil(env.client.workflow.execute<(i: GoalInput) => Promise<GoalState>>('goalWorkflow', {
    workflowId: 'goal-budget-timeout', taskQueue, args: [input], typedSearchAttributes: [{ key: STATUS_ATTR, value: 'planning' }],
  }));
  expect(state.status).toBe('failed');
  expect(state.error).toMatchObject({ code: 'budget_exceeded', detail: expect.stringContaining('planning would exceed') });
  expect(state.pendingBudget).toBeUndefined();
  expect(provider.requests).toHaveLength(0);
  expect(store.recordGoal).toHaveBeenCalledWith(expect.objectContaining({ status: 'waiting_approval' }));
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('a task whose next proposal would exceed the budget waits an hour (skipped), then fails with budget_exceeded', async () => {
  const taskQueue = 'ts-budget-task';
  const { worker, provider, runCommand, store } = await workerFor(taskQueue);
  const input: TaskInput = {
    taskId: 't-budget', goalId: 'g-budget', goal: 'count', title: 'Count', description: 'count to a thousand', settings,
    budget: { maxTokens: 1000, spent: emptyUsage() }, queues: { workflows: taskQueue, llm: taskQueue, exec: taskQueue },
  };
  const result = await worker.runUntil(env.client.workflow.execute<(i: TaskInput) => Promise<TaskResult>>('taskWorkflow', {
    workflowId: 'task-budget-timeout', taskQueue, args: [input],
  }));
  expect(result.status).toBe('failed');
  expect(result.error).toMatchObject({ code: 'budget_exceeded' });
  expect(runCommand).toHaveBeenCalledTimes(1);
  expect(provider.requests.filter((r) => r.purpose === 'propose_step')).toHaveLength(1);
  expect(store.recordTaskEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'approval_decided', message: 'budget not raised within 3600s' }));
});
