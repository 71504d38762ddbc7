/**
 * /tasks over HTTP against the real platform: filters and status aliases, live task state, the
 * approval Update, 409s on finished tasks, logs, and the SSE stream that ends with the task.
 */
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json, readSse, startTestApi, type TestApi } from '../test-support/test-api';

let platform: Platform;
let api: TestApi;
let goalId: string;

beforeAll(async () => {
  platform = await startPlatform({ workerOverrides: { identity: 'api-tasks-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform, options: { ssePollMs: 100 } });
  goalId = (await json(await api.request('POST', '/goals', { body: { goal: 'Create a hello.txt with a greeting and verify it' } }))).id;
  await eventually(async () => json(await api.request('GET', `/goals/${goalId}`)), (g) => g.status === 'completed');
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const ids = (page: Record<string, any>) => page.items.map((t: { id: string }) => t.id).sort(); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GET /tasks', () => {
  test('filters by goal and status, accepting the original spellings', async () => {
    const done = await json(await api.request('GET', `/tasks?goalId=${goalId}&status=done`));
    expect(ids(done)).toEqual([`${goalId}.s1`, `${goalId}.s2`]);
    expect(done.items.every((t: { status: string }) => t.status === 'completed')).toBe(true);
    expect(done.nextCursor).toBeNull();
    const open = await json(await api.request('GET', `/tasks?goalId=${goalId}&status=to-do,in-progress,canceled`));
    expect(open.items).toEqual([]);
    const paged = await json(await api.request('GET', `/tasks?goalId=${goalId}&limit=1`));
    expect(paged.items).toHaveLength(1);
    expect(paged.nextCursor).toEqual(expect.any(String));
  });

  test('an unknown status is a 422 invalid_status', async () => {
    const res = await api.request('GET', '/tasks?status=finished');
    expect(res.status).toBe(422);
    expect(await json(res)).toMatchObject({ code: 'invalid_status', errors: [expect.objectContaining({ path: 'query.status' })] });
  });

  test('since/until take ISO dates and bad dates are 422', async () => {
    const future = await json(await api.request('GET', `/tasks?goalId=${goalId}&since=2999-01-01`));
    expect(future.items).toEqual([]);
    const past = await json(await api.request('GET', `/tasks?goalId=${goalId}&until=2999-01-01T00:00:00Z`));
    expect(past.items).toHaveLength(2);
    expect((await api.request('GET', '/tasks?since=yesterday')).status).toBe(422);
  });
});

describe('a finished task', () => {
  test('GET /tasks/{id} shows its steps and verdict; 404 for an unknown id', async () => {
    const task = await json(await api.request('GET', `/tasks/${goalId}.s2`));
    expect(task).toMatchObject({ id: `${goalId}.s2`, goalId, subtaskId: 's2', status: 'completed', pendingApproval: null });
    expect(task.temporalUiUrl).toContain(encodeURIComponent(task.workflowId));
    if (task.live) expect(task.steps[0]).toMatchObject({ exitCode: 0, output: expect.stringContaining('Hello from Ananta!') });
    expect((await api.request('GET', '/tasks/nope')).status).toBe(404);
  });

  test('actions on it are 409 with its current status', async () => {
    for (const action of ['pause', 'resume', 'cancel', 'retry']) {
      const res = await api.request('POST', `/tasks/${goalId}.s1/${action}`);
      expect(res.status).toBe(409);
      expect(await json(res)).toMatchObject({ code: 'invalid_transition', currentStatus: 'completed' });
    }
    const approve = await api.request('POST', `/tasks/${goalId}.s1/approve`, { body: { decision: 'approve' } });
    expect(approve.status).toBe(409);
    expect((await json(approve)).code).toBe('no_pending_approval');
  });

  test('GET /tasks/{id}/logs lists its events, after a seq when asked', async () => {
    const all = await json(await api.request('GET', `/tasks/${goalId}.s2/logs`));
    expect(all.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['status', 'step_proposed', 'command_finished', 'verdict']));
    const after = await json(await api.request('GET', `/tasks/${goalId}.s2/logs?afterSeq=${all.items[1].seq}`));
    expect(after.items).toEqual(all.items.slice(2));
    expect(after.lastSeq).toBe(all.lastSeq);
  });

  test('its SSE stream replays every event, then ends; Last-Event-ID resumes after that event', async () => {
    const res = await api.request('GET', `/tasks/${goalId}.s2/stream-logs`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await readSse(res)).filter((e) => !e.comment);
    const logged = (await json(await api.request('GET', `/tasks/${goalId}.s2/logs`))).items;
    expect(events.slice(0, -1).map((e) => Number(e.id))).toEqual(logged.map((e: { seq: number }) => e.seq));
    expect(events[0]!.event).toBe(logged[0].type);
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'completed' } });

    const resumed = await readSse(await api.request('GET', `/tasks/${goalId}.s2/stream-logs`, { headers: { 'last-event-id': String(logged[2].seq) } }));
    expect(resumed.filter((e) => e.id).map((e) => Number(e.id))).toEqual(logged.slice(3).map((e: { seq: number }) => e.seq));
  });
});

describe('a task waiting for approval', () => {
  let taskId: string;
  beforeAll(async () => {
    const created = await json(await api.request('POST', '/goals', { body: { goal: 'Clean up with `rm -rf scratch`' } }));
    const waiting = await eventually(async () => json(await api.request('GET', `/goals/${created.id}`)), (g) => g.status === 'waiting_approval');
    taskId = waiting.subtasks[0].taskId;
  });

  test('shows the pending command; a streaming client sees the approval and the end of the task', async () => {
    const task = await json(await api.request('GET', `/tasks/${taskId}`));
    expect(task).toMatchObject({ status: 'waiting_approval', live: true, pendingApproval: { command: 'rm -rf scratch', risk: 'high' } });

    const stream = api.request('GET', `/tasks/${taskId}/stream-logs`).then(readSse);
    expect((await api.request('POST', `/tasks/${taskId}/approve`, { body: { decision: 'maybe' } })).status).toBe(422);
    const approved = await api.request('POST', `/tasks/${taskId}/approve`, { body: { decision: 'approve', comment: 'fine' } });
    expect(approved.status).toBe(200);
    expect((await json(approved)).steps[0].approval).toMatchObject({ decision: 'approve', by: 'human', comment: 'fine' });

    // Fail with the task's state if the stream never ends; the timer is cleared so it cannot fire
    // later inside another test file that jest runs in this worker.
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        api.request('GET', `/tasks/${taskId}`).then(json).then(
          (task) => reject(new Error(`the stream did not end; the task is ${JSON.stringify(task).slice(0, 1500)}`)),
          reject,
        );
      }, 60_000);
    });
    const events = await Promise.race([stream, stuck]).finally(() => clearTimeout(timer));
    const types = events.map((e) => e.event);
    expect(types).toEqual(expect.arrayContaining(['approval_requested', 'approval_decided', 'command_finished']));
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { taskId, status: 'completed' } });
  });
});

test('cancelling a task that waits for approval cancels it', async () => {
  const created = await json(await api.request('POST', '/goals', { body: { goal: 'Clean up with `rm -rf scratch`' } }));
  const waiting = await eventually(async () => json(await api.request('GET', `/goals/${created.id}`)), (g) => g.status === 'waiting_approval');
  const taskId = waiting.subtasks[0].taskId;
  const paused = await api.request('POST', `/tasks/${taskId}/pause`);
  expect(await json(paused)).toMatchObject({ id: taskId, action: 'pause' });
  const res = await api.request('POST', `/tasks/${taskId}/cancel`);
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual({ id: taskId, action: 'cancel', status: 'cancelled' });
  await eventually(async () => json(await api.request('GET', `/tasks/${taskId}`)), (t) => t.status === 'cancelled');
});
