/**
 * A pinned task whose worker stays away for hours, on the time-skipping test server: the task waits
 * `blocked` on durable timers (backing off to five minutes, so the history stays bounded), says once what
 * it waits for, and runs its command on the worker's own queue as soon as the registry shows it online.
 */
import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createLlmActivities, type StoreActivities } from '../../activities';
import { createPolicyActivities } from '../../activities/policy';
import type { ExecResult } from '../../activities/exec';
import type { PinResolution, WorkerActivities } from '../../activities/workers';
import type { RunCommandInput, TaskInput, TaskResult, TaskSettings } from '../../core/types';
import { temporalTestServerPath } from '../../scripts/lib/temporal-binaries';
import { createScriptedProvider } from '../fakes/scripted-provider';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } });
});
afterAll(() => env?.teardown());

const settings: TaskSettings = {
  maxSteps: 3, allowNetwork: false, approvalPolicy: 'never', approvalTimeoutSeconds: 3600,
  approvalTimeoutDecision: 'reject', commandTimeoutSeconds: 60, outputCapBytes: 4096,
};

test('a task pinned to an absent worker waits hours on durable timers, then runs on that worker once it is online', async () => {
  const taskQueue = 'ts-pinning-wait';
  const ownQueue = 'ts-pinning-wait-worker-box-a';
  // The worker comes back two hours (of skipped workflow time) after the first check.
  let firstCheckMs: number | undefined;
  const resolveWorkerPin = jest.fn<Promise<PinResolution>, Parameters<WorkerActivities['resolveWorkerPin']>>(async () => {
    const now = Context.current().info.scheduledTimestampMs;
    firstCheckMs ??= now;
    return now - firstCheckMs < 2 * 3600_000
      ? { online: false, reason: 'worker box-a is offline' }
      : { online: true, workerId: 'w-a', name: 'box-a', taskQueue: ownQueue };
  });
  const recordTaskAgent = jest.fn<Promise<void>, Parameters<WorkerActivities['recordTaskAgent']>>(async () => undefined);
  const runCommand = jest.fn<Promise<ExecResult>, [RunCommandInput]>(async () => ({
    exitCode: 0, output: 'hello', truncated: false, timedOut: false, durationMs: 1, lostAttempts: 0, worker: 'box-a',
  }));
  const store: StoreActivities = {
    recordGoal: jest.fn(async () => undefined), recordTask: jest.fn(async () => undefined),
    recordTaskEvent: jest.fn(async () => undefined), recordTaskStatus: jest.fn(async () => undefined),
  };
  const provider = createScriptedProvider({
    propose_step: [
      { kind: 'command', reasoning: 'greet', command: 'echo hello' },
      { kind: 'done', success: true, summary: 'greeted' },
    ],
  });
  const hub = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('../../workflows'),
    activities: { ...createLlmActivities({ provider }), ...createPolicyActivities(), ...store, resolveWorkerPin, recordTaskAgent },
  });
  // The pinned worker polls only its own queue: nothing on the shared queues runs commands.
  const boxA = await Worker.create({ connection: env.nativeConnection, taskQueue: ownQueue, activities: { runCommand } });
  const input: TaskInput = {
    taskId: 't-pin', goalId: 'g-pin', goal: 'greet', title: 'Greet', description: 'say hello', settings,
    queues: { workflows: taskQueue, llm: taskQueue, exec: taskQueue }, pin: { workerId: 'w-a' },
  };
  const handle = await env.client.workflow.start<(i: TaskInput) => Promise<TaskResult>>('taskWorkflow', { workflowId: 'task-pin-wait', taskQueue, args: [input] });
  const result = await hub.runUntil(boxA.runUntil(handle.result()));

  expect(result.status).toBe('completed');
  // Checks back off (1 s, 2 s … 5 min): two hours away cost a few dozen checks, not thousands.
  expect(resolveWorkerPin.mock.calls.length).toBeGreaterThan(20);
  expect(resolveWorkerPin.mock.calls.length).toBeLessThan(40);
  expect(resolveWorkerPin.mock.calls[0][0]).toEqual({ pin: { workerId: 'w-a' } });
  expect(runCommand).toHaveBeenCalledTimes(1);
  expect(recordTaskAgent).toHaveBeenCalledWith({ taskId: 't-pin', agent: 'box-a' });

  const statuses = (store.recordTaskStatus as jest.Mock).mock.calls.map(([c]) => c.status);
  expect(statuses).toEqual(['proposing', 'blocked', 'in_progress', 'proposing', 'completed']);
  const events = (store.recordTaskEvent as jest.Mock).mock.calls.map(([c]) => c);
  expect(events.filter((e) => e.type === 'waiting_for_worker')).toEqual([
    expect.objectContaining({ message: 'waiting for worker w-a: worker box-a is offline', data: { pin: { workerId: 'w-a' }, reason: 'worker box-a is offline' } }),
  ]);
  expect(events.filter((e) => e.type === 'worker_available')).toHaveLength(1);
  expect(events.find((e) => e.type === 'command_finished')?.data).toMatchObject({ exitCode: 0, worker: 'box-a' });

  const history = await handle.fetchHistory();
  const times = history.events!.map((e) => Number(e.eventTime!.seconds));
  expect(times.at(-1)! - times[0]).toBeGreaterThan(2 * 3600);
  expect(history.events!.length).toBeLessThan(600);
}, 180_000);
