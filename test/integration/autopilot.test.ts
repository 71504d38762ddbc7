/**
 * The autopilot on the real Temporal server and store, with a scripted LLM: manual tasks (as a Scrum
 * setup or a webhook files them, under a backlog goal row) run in dependency order, never more than
 * maxConcurrency at once; plan tasks of goals are left to their goals; stop ends it; and it continues
 * as new carrying its counters.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { LlmRequest } from '../../activities/llm/provider';
import {
  autopilotStatusQuery, autopilotWorkflowId, stopAutopilotUpdate, tickAutopilotUpdate, type AutopilotInput, type AutopilotState,
} from '../../core/autopilot-messages';
import { approveStepUpdate } from '../../core/messages';
import { taskWorkflowId } from '../../core/task-queues';
import type { ProposeStepInput } from '../../core/types';
import { insertGoal } from '../../db/queries/goals';
import { getTask, listTasksOfGoal, upsertTask } from '../../db/queries/tasks';
import type { autopilotWorkflow } from '../../workflows';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, uniqueId, type Platform } from '../support/platform';

/** Each task appends start/end marks with its id (the title's first word) to order.txt, then says done. */
function stepAnswer(request: LlmRequest): unknown {
  const input = request.input as ProposeStepInput;
  const id = input.title.split(' ')[0];
  if (input.history.length === 0) return { kind: 'command', reasoning: 'record order', command: `echo start-${id} >> order.txt; sleep 1; echo end-${id} >> order.txt` };
  return { kind: 'done', success: input.history[0].exitCode === 0, summary: `${id} done` };
}

const provider = createScriptedProvider({ propose_step: stepAnswer });

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ provider });
  await platform.startWorkers();
});
afterAll(() => platform?.close());

type Item = { id: string; dependsOn?: string[]; origin?: 'manual' | 'plan'; status?: 'todo' | 'failed' };

/** A team's backlog: a placeholder goal row (no workflow) and its tasks, as POST /teams/setup-scrum files them. */
async function backlog(teamId: string, items: Item[]): Promise<string> {
  const goalId = `backlog-${teamId}`;
  const { db } = platform.database;
  await insertGoal(db, {
    id: goalId, goal: `Backlog of ${teamId}`, teamId, workflowId: goalId, status: 'paused', budget: platform.config.defaults.budget, autopilot: false,
  });
  for (const item of items) {
    const id = `${goalId}.${item.id}`;
    await upsertTask(db, {
      id, goalId, subtaskId: item.id, title: `${item.id} task`, description: `do ${item.id}`, status: item.status ?? 'todo',
      dependsOn: item.dependsOn ?? [], origin: item.origin ?? 'manual', depth: 0, attempt: 0, workflowId: taskWorkflowId(id), teamId,
    });
  }
  return goalId;
}

function startAutopilot(teamId: string, extra: Partial<AutopilotInput> = {}): Promise<WorkflowHandle<typeof autopilotWorkflow>> {
  return platform.client.workflow.start<typeof autopilotWorkflow>('autopilotWorkflow', {
    workflowId: autopilotWorkflowId(teamId), taskQueue: platform.config.taskQueues.workflows,
    args: [{ queues: platform.config.taskQueues, teamId, maxConcurrency: 2, securityLevel: 'aggressive', task: platform.config.defaults.task, tickSeconds: 1, ...extra }],
  });
}

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

const statuses = async (goalId: string) => Object.fromEntries((await listTasksOfGoal(platform.database.db, goalId)).map((r) => [r.subtaskId, r.status]));

test('manual tasks run in dependency order with at most maxConcurrency (2) in flight; plan tasks and blocked ones are left alone', async () => {
  const teamId = uniqueId('team');
  const goalId = await backlog(teamId, [
    { id: 'a' }, { id: 'b', dependsOn: ['a'] }, { id: 'c', dependsOn: ['a'] }, { id: 'd', dependsOn: ['b', 'c'] }, { id: 'e' },
    { id: 'p', origin: 'plan' }, { id: 'x', status: 'failed' }, { id: 'y', dependsOn: ['x'] },
  ]);
  const handle = await startAutopilot(teamId);
  const done = await until(() => statuses(goalId), (s) => ['a', 'b', 'c', 'd', 'e'].every((id) => ['completed', 'failed'].includes(s[id])));
  expect(done).toEqual({ a: 'completed', b: 'completed', c: 'completed', d: 'completed', e: 'completed', p: 'todo', x: 'failed', y: 'todo' });

  const order = fs.readFileSync(path.join(platform.config.workspacesDir, goalId, 'order.txt'), 'utf8').trim().split('\n');
  const at = (mark: string) => order.indexOf(mark);
  expect(at('end-a')).toBeLessThan(at('start-b'));
  expect(at('end-a')).toBeLessThan(at('start-c'));
  expect(at('end-b')).toBeLessThan(at('start-d'));
  expect(at('end-c')).toBeLessThan(at('start-d'));
  // Never more than two tasks between their start and end marks.
  let open = 0;
  let most = 0;
  for (const line of order) {
    open += line.startsWith('start-') ? 1 : -1;
    most = Math.max(most, open);
  }
  expect(most).toBeLessThanOrEqual(2);

  // A row reads completed as soon as its task says so; the autopilot counts it once the child has returned.
  const status = await until(() => handle.query(autopilotStatusQuery), (s) => s.completed + s.failed === 5);
  expect(status).toMatchObject({ status: 'running', teamId, maxConcurrency: 2, started: 5, completed: 5, failed: 0, inFlight: [], maxObservedInFlight: 2 });
  const row = await getTask(platform.database.db, `${goalId}.a`);
  expect(row).toMatchObject({ status: 'completed', attempt: 1, workflowId: taskWorkflowId(`${goalId}.a`), verdict: { success: true, summary: 'a done' } });

  const stopped = await handle.executeUpdate(stopAutopilotUpdate);
  expect(stopped.status).not.toBe('running');
  const final = await handle.result();
  expect(final).toMatchObject({ status: 'stopped', maxObservedInFlight: 2, completed: 5 });
});

test('maxConcurrency 1 runs one task at a time; stop lets the task in flight finish, then the workflow ends', async () => {
  const teamId = uniqueId('team');
  const goalId = await backlog(teamId, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  // The safe level holds the first task at its approval, so the stop surely comes while it is in flight.
  const handle = await startAutopilot(teamId, { maxConcurrency: 1, securityLevel: 'safe' });
  const first = await until(() => handle.query(autopilotStatusQuery), (s) => s.inFlight.length === 1);
  const stopping = await handle.executeUpdate(stopAutopilotUpdate);
  expect(stopping.status).toBe('stopping');
  await expect(handle.executeUpdate(tickAutopilotUpdate)).rejects.toMatchObject({ cause: { type: 'invalid_transition', message: expect.stringContaining('stopping') } });
  const task = platform.client.workflow.getHandle(first.inFlight[0].workflowId);
  await until(() => getTask(platform.database.db, first.inFlight[0].taskId), (r) => r?.status === 'waiting_approval');
  await task.executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] });
  const final: AutopilotState = await handle.result();
  expect(final).toMatchObject({ status: 'stopped', started: 1, completed: 1, maxObservedInFlight: 1, inFlight: [] });
  const s = await statuses(goalId);
  expect(Object.values(s).sort()).toEqual(['completed', 'todo', 'todo']);
});

test('a tick Update answers after a look that started the new task; the safe level waits for approval', async () => {
  const teamId = uniqueId('team');
  const goalId = await backlog(teamId, []);
  const handle = await startAutopilot(teamId, { securityLevel: 'safe', tickSeconds: 3600 });
  await until(() => handle.query(autopilotStatusQuery), (s) => s.ticks >= 1);
  await backlog(teamId, [{ id: 'a' }]);
  const ticked = await handle.executeUpdate(tickAutopilotUpdate);
  expect(ticked.inFlight.map((t) => t.taskId)).toEqual([`${goalId}.a`]);
  await until(() => getTask(platform.database.db, `${goalId}.a`), (r) => r?.status === 'waiting_approval');
  await platform.client.workflow.getHandle(taskWorkflowId(`${goalId}.a`)).executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] });
  await until(() => getTask(platform.database.db, `${goalId}.a`), (r) => r?.status === 'completed');
  await handle.executeUpdate(stopAutopilotUpdate);
  expect(await handle.result()).toMatchObject({ status: 'stopped', completed: 1 });
});

test('it continues as new between ticks, carrying its counters, and keeps running tasks', async () => {
  const teamId = uniqueId('team');
  const goalId = await backlog(teamId, [{ id: 'a' }, { id: 'b', dependsOn: ['a'] }]);
  const handle = await startAutopilot(teamId, { ticksPerRun: 2 });
  await until(() => statuses(goalId), (s) => s.b === 'completed');
  const status = await until(() => platform.client.workflow.getHandle(handle.workflowId).query(autopilotStatusQuery), (s) => s.runs >= 2 && s.completed === 2);
  expect(status).toMatchObject({ status: 'running', completed: 2, started: 2 });
  await platform.client.workflow.getHandle(handle.workflowId).executeUpdate(stopAutopilotUpdate);
  expect(await platform.client.workflow.getHandle(handle.workflowId).result()).toMatchObject({ status: 'stopped', completed: 2 });
});

test('a task cancelled while it waits for approval is recorded cancelled, and its dependents stay todo', async () => {
  const teamId = uniqueId('team');
  const goalId = await backlog(teamId, [{ id: 'a' }, { id: 'b', dependsOn: ['a'] }]);
  // The safe level asks a person about every command, so the task waits for approval here.
  const safe = await startAutopilot(teamId, { securityLevel: 'safe' });
  await until(() => getTask(platform.database.db, `${goalId}.a`), (r) => r?.status === 'waiting_approval');
  await platform.client.workflow.getHandle(taskWorkflowId(`${goalId}.a`)).cancel();
  const status = await until(() => safe.query(autopilotStatusQuery), (s) => s.failed === 1);
  expect(status.recent).toEqual([expect.objectContaining({ taskId: `${goalId}.a`, status: 'cancelled', error: { code: 'cancelled', detail: 'the task was cancelled' } })]);
  expect(await statuses(goalId)).toEqual({ a: 'cancelled', b: 'todo' });
  await safe.executeUpdate(stopAutopilotUpdate);
  expect(await safe.result()).toMatchObject({ status: 'stopped', started: 1, failed: 1 });
});
