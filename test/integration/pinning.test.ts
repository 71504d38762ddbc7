/**
 * Pinning end to end, as the issue asks: two real worker processes register with the API (`tsx
 * workers/main.ts`, different names and capabilities), a goal pinned to worker A runs a command that
 * takes a few seconds, A is killed with SIGKILL mid-command. Over HTTP the task shows it waits for its
 * worker (blocked, a waiting_for_worker event naming the pin) and A is listed offline; A restarts under
 * the same name, and the goal completes with the command's success recorded by A — never by B, which
 * was online and polling the shared queue the whole time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { startPlatform, type Platform } from '../support/platform';

const REGISTRATION = 'registration-token-for-pinning';
let platform: Platform;
let api: TestApi;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // A worker silent for 3 s is offline, so the test sees A go offline quickly.
  platform = await startPlatform({ queues: ['workflows', 'llm'], env: { ANANTA_REGISTRATION_TOKEN: REGISTRATION, ANANTA_WORKER_OFFLINE_SECONDS: '3' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
}, 60_000);
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
  await api?.close();
  await platform?.close();
});

/** A registered command worker in its own process group, so SIGKILL takes its whole tree the way a crash would. */
function startWorker(name: string, capabilities: string): ChildProcess {
  const { env } = platform.config;
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['workers/main.ts', '--queues', 'exec'], {
    detached: true,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS, ANANTA_TASK_QUEUE_PREFIX: env.ANANTA_TASK_QUEUE_PREFIX,
      ANANTA_DATA_DIR: platform.config.dataDir, LOG_LEVEL: 'warn', ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
      ANANTA_HUB_URL: api.url, ANANTA_REGISTRATION_TOKEN: REGISTRATION, ANANTA_WORKER_NAME: name, ANANTA_WORKER_CAPABILITIES: capabilities,
      ANANTA_WORKER_HEARTBEAT_SECONDS: '1',
    },
  });
  children.push(Object.assign(child, { workerName: name }));
  return child;
}

type Agent = { id: string; name: string; status: string; capabilities: string[] };
const agents = async () => (await json(await api.request('GET', '/agents'))).items as Agent[];
const agentNamed = async (name: string) => (await agents()).find((w) => w.name === name);
const logs = async (taskId: string) =>
  (await json(await api.request('GET', `/tasks/${taskId}/logs`))).items as Array<{ type: string; message: string; data: Record<string, unknown> }>;

test('POST /goals with a pin to an unknown worker is 404 (as in POST /tasks); a pin naming nothing is 422', async () => {
  const unknown = await api.request('POST', '/goals', { body: { goal: 'Create a hello.txt', pin: { workerId: 'no-such-worker' } } });
  expect(unknown.status).toBe(404);
  expect(await json(unknown)).toMatchObject({ code: 'not_found', detail: 'Worker no-such-worker not found' });
  expect((await api.request('POST', '/goals', { body: { goal: 'Create a hello.txt', pin: {} } })).status).toBe(422);
});

test('a task pinned to worker A waits while A is dead and finishes on A when it re-registers, never on B', async () => {
  let workerA = startWorker('pin-a', 'gpu');
  startWorker('pin-b', 'docker');
  await eventually(agents, (items) => ['pin-a', 'pin-b'].every((n) => items.some((w) => w.name === n && w.status === 'online')), 60_000);
  const a = (await agentNamed('pin-a'))!;
  expect(a.capabilities).toEqual(['gpu']);

  const created = await api.request('POST', '/goals', {
    body: { goal: 'Work with `echo attempt >> attempts.txt; echo started; sleep 4; echo ok`', autopilot: false, pin: { workerId: a.id } },
  });
  expect(created.status).toBe(201);
  const goalId = (await json(created)).id as string;
  const attempts = path.join(platform.config.workspacesDir, goalId, 'attempts.txt');
  const taskId = `${goalId}.s1`;
  // The lost run's live output reached the task's log before the kill.
  await eventually(() => logs(taskId), (items) => (items ?? []).some((e) => e.type === 'output' && e.message.includes('started')), 60_000);

  process.kill(-workerA.pid!, 'SIGKILL');
  await new Promise((r) => workerA.once('exit', r));

  const blocked = await eventually(async () => json(await api.request('GET', `/tasks/${taskId}`)), (t) => t.status === 'blocked', 60_000);
  expect(blocked.agent).toBeNull();
  // The status is written just before the event that says what the task waits for.
  const waiting = (await eventually(() => logs(taskId), (items) => items.some((e) => e.type === 'waiting_for_worker'), 10_000))
    .filter((e) => e.type === 'waiting_for_worker');
  expect(waiting.at(-1)!.data).toMatchObject({ pin: { workerId: a.id }, reason: expect.stringMatching(/pin-a is offline/) });
  expect((await logs(taskId)).some((e) => e.type === 'worker_lost')).toBe(true);
  await eventually(() => agentNamed('pin-a'), (w) => w?.status === 'offline', 30_000);
  expect((await json(await api.request('GET', `/goals/${goalId}`))).status).toBe('running');

  workerA = startWorker('pin-a', 'gpu');
  const goal = await eventually(async () => json(await api.request('GET', `/goals/${goalId}`)), (g) => ['completed', 'failed', 'cancelled'].includes(g.status), 120_000);
  expect(goal.status).toBe('completed');
  expect((await agentNamed('pin-a'))).toMatchObject({ id: a.id, status: 'online' });

  const task = await json(await api.request('GET', `/tasks/${taskId}`));
  expect(task).toMatchObject({ status: 'completed', agent: 'pin-a', pinnedWorkerId: a.id, requiredCapabilities: [] });
  expect(fs.readFileSync(attempts, 'utf8')).toBe('attempt\nattempt\n');
  const events = await logs(taskId);
  const finished = events.filter((e) => e.type === 'command_finished');
  expect(finished).toHaveLength(1);
  expect(finished[0].data).toMatchObject({ exitCode: 0, worker: 'pin-a', lostAttempts: 1 });
  expect(events.some((e) => e.type === 'worker_available')).toBe(true);
  // Both runs' live output is in the log: the re-run's lines are not mistaken for the lost run's.
  expect(events.filter((e) => e.type === 'output' && e.message.includes('started'))).toHaveLength(2);
  expect(events.some((e) => e.type === 'output' && e.message.includes('ok'))).toBe(true);
  const byAgent = await json(await api.request('GET', `/tasks?goalId=${goalId}&agent=pin-b`));
  expect(byAgent.items).toEqual([]);
}, 240_000);

test('a goal pinned to a capability runs on the worker that has it', async () => {
  if (!children.some((c) => c.exitCode === null && c.signalCode === null && (c as ChildProcess & { workerName?: string }).workerName === 'pin-b')) startWorker('pin-b', 'docker');
  await eventually(agents, (items) => items.some((w) => w.name === 'pin-b' && w.status === 'online'), 60_000);
  const created = await api.request('POST', '/goals', { body: { goal: 'Create a hello.txt with a greeting', autopilot: false, pin: { capabilities: ['docker'] } } });
  expect(created.status).toBe(201);
  const goalId = (await json(created)).id as string;
  const goal = await eventually(async () => json(await api.request('GET', `/goals/${goalId}`)), (g) => ['completed', 'failed', 'cancelled'].includes(g.status), 60_000);
  expect(goal.status).toBe('completed');
  // The subtask's row carries the goal's pin, as a manual task's does.
  expect(await json(await api.request('GET', `/tasks/${goalId}.s1`))).toMatchObject({ status: 'completed', agent: 'pin-b', pinnedWorkerId: null, requiredCapabilities: ['docker'] });
}, 90_000);
