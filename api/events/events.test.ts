/**
 * GET /events/stream on a real app and store (PGlite and PostgreSQL): the stream reports goal, task,
 * worker and delivery rows as they change, only to callers who may see them, with heartbeats, resumes
 * from Last-Event-ID, and ends once the caller's token no longer authenticates. Rows are written through
 * the store's own query functions, exactly as activities and the webhook receiver do.
 */
import { randomUUID } from 'node:crypto';
import { insertGoal, updateGoalProjection } from '../../db/queries/goals';
import { updateTaskStatus, upsertTask } from '../../db/queries/tasks';
import { insertTrigger } from '../../db/queries/triggers';
import { recordDelivery } from '../../db/queries/webhook-deliveries';
import { registerWorker, touchWorker } from '../../db/queries/workers';
import { createTokenService } from '../auth/tokens';
import { startPlatform, type Platform } from '../../test/support/platform';
import { json, startTestApi, type TestApi } from '../test-support/test-api';
import { CHANGE_BATCH } from './changes';

let api: TestApi;

interface Received { id?: string; event?: string; data?: any; comment?: string } // eslint-disable-line @typescript-eslint/no-explicit-any

/** An open stream: collects events as they arrive; `until` waits for one matching a predicate. */
async function openStream(token?: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(`${api.url}/events/stream`, {
    headers: { authorization: `Bearer ${token ?? (await api.adminToken())}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const received: Received[] = [];
  let ended = false;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        buffer += value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const ev: Received = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) ev.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) ev.id = line.slice(4);
            else if (line.startsWith('event: ')) ev.event = line.slice(7);
            else if (line.startsWith('data: ')) ev.data = JSON.parse(line.slice(6));
          }
          received.push(ev);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  const until = async (match: (e: Received) => boolean, timeoutMs = 10_000): Promise<Received> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const hit = received.find(match);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(received).slice(0, 1500)}`);
  };
  /** True once the server ended the stream (not our close()). */
  const hasEnded = () => ended;
  return { received, until, hasEnded, close: async () => { controller.abort(); await pump; } };
}

const db = () => api.database.db;
const budget = { maxTokens: 1000, maxCostUsd: 1, maxSubtasks: 5, maxFollowupDepth: 1 };

async function goalWithTask(id: string, teamId?: string) {
  await insertGoal(db(), { id, goal: `goal ${id}`, workflowId: `goal-${id}`, status: 'planning', budget, autopilot: true, teamId });
  await upsertTask(db(), {
    id: `${id}.s1`, goalId: id, subtaskId: 's1', title: `task of ${id}`, description: 'd', status: 'todo', dependsOn: [], origin: 'plan',
    depth: 0, attempt: 0, workflowId: `task-${id}.s1`, teamId: teamId ?? null,
  });
}

// The same stream on both stores: rows are watched through updated_at alone, nothing store-specific.
describe.each(['pglite', 'postgres'] as const)('on %s', (store) => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ store });
    api = await startTestApi({ platform, options: { ssePollMs: 100, sseHeartbeatMs: 300 } });
  });
  afterAll(async () => {
    await api?.close();
    await platform?.close();
  });

  test('needs a token', async () => {
    expect((await api.request('GET', '/events/stream', { token: null })).status).toBe(401);
  });

  test('reports goal and task status changes made after it opened, with heartbeats, and not what was there before', async () => {
    await goalWithTask('ev-old');
    const stream = await openStream();
    try {
      await stream.until((e) => e.event === 'ready');
      await goalWithTask('ev-new');
      await updateGoalProjection(db(), { id: 'ev-new', status: 'running' });
      await updateTaskStatus(db(), { id: 'ev-new.s1', status: 'in_progress' });

      await stream.until((e) => e.event === 'goal' && e.data.id === 'ev-new' && e.data.status === 'running');
      const task = await stream.until((e) => e.event === 'task' && e.data.id === 'ev-new.s1' && e.data.status === 'in_progress');
      expect(task.data).toMatchObject({ goalId: 'ev-new', title: 'task of ev-new', teamId: null, updatedAt: expect.any(String) });
      await stream.until((e) => e.comment === 'heartbeat');
      expect(stream.received.some((e) => e.data?.id === 'ev-old' || e.data?.id === 'ev-old.s1')).toBe(false);
      // Each change is sent once, not on every poll of the look-back window.
      await new Promise((r) => setTimeout(r, 500));
      expect(stream.received.filter((e) => e.event === 'task' && e.data.id === 'ev-new.s1' && e.data.status === 'in_progress')).toHaveLength(1);
    } finally {
      await stream.close();
    }
  });

  test('resumes after Last-Event-ID: a change made while disconnected arrives on reconnect', async () => {
    await goalWithTask('ev-resume');
    const first = await openStream();
    await first.until((e) => e.event === 'ready');
    await updateTaskStatus(db(), { id: 'ev-resume.s1', status: 'assigned' });
    const seen = await first.until((e) => e.event === 'task' && e.data.id === 'ev-resume.s1' && e.data.status === 'assigned');
    const lastId = [...first.received].reverse().find((e) => e.id)!.id!;
    expect(seen).toBeDefined();
    await first.close();

    await new Promise((r) => setTimeout(r, 20)); // a later now(), so the change is surely after the point reached
    await updateTaskStatus(db(), { id: 'ev-resume.s1', status: 'paused' });
    const second = await openStream(undefined, lastId);
    try {
      await second.until((e) => e.event === 'task' && e.data.id === 'ev-resume.s1' && e.data.status === 'paused');
    } finally {
      await second.close();
    }
  });

  test('an operator hears only its own teams’ goals and tasks', async () => {
    const post = async (path: string, body: unknown) => json(await api.request('POST', path, { body }));
    const teamA = (await post('/teams', { name: 'events-A' })).id;
    const teamB = (await post('/teams', { name: 'events-B' })).id;
    await post('/users', { username: 'events-op', password: 'operator-password-1', role: 'operator', teamIds: [teamA] });
    const token = (await json(await api.request('POST', '/login', { token: null, body: { username: 'events-op', password: 'operator-password-1' } }))).accessToken;

    const stream = await openStream(token);
    try {
      await stream.until((e) => e.event === 'ready');
      await goalWithTask('ev-b', teamB);
      await goalWithTask('ev-a', teamA);
      await updateGoalProjection(db(), { id: 'ev-b', status: 'running' });
      await updateGoalProjection(db(), { id: 'ev-a', status: 'running' });
      await stream.until((e) => e.event === 'goal' && e.data.id === 'ev-a' && e.data.status === 'running');
      await stream.until((e) => e.event === 'task' && e.data.id === 'ev-a.s1');
      // ev-b was written before ev-a, so had it been visible it would have arrived by now.
      expect(stream.received.filter((e) => e.data?.teamId === teamB || String(e.data?.id).startsWith('ev-b'))).toEqual([]);
    } finally {
      await stream.close();
    }
  });

  test('a burst bigger than one read (one transaction, one timestamp) arrives whole', async () => {
    await insertGoal(db(), { id: 'ev-burst', goal: 'burst', workflowId: 'goal-ev-burst', status: 'running', budget, autopilot: true });
    const stream = await openStream();
    try {
      await stream.until((e) => e.event === 'ready');
      const count = CHANGE_BATCH + 20;
      await db().transaction(async (tx) => {
        for (let i = 0; i < count; i++) {
          await upsertTask(tx as unknown as typeof api.database.db, {
            id: `ev-burst.s${i}`, goalId: 'ev-burst', subtaskId: `s${i}`, title: `t${i}`, description: 'd', status: 'todo', dependsOn: [], origin: 'plan',
            depth: 0, attempt: 0, workflowId: `task-ev-burst.s${i}`,
          });
        }
      });
      const seen = () => new Set(stream.received.filter((e) => e.event === 'task' && String(e.data.id).startsWith('ev-burst.')).map((e) => e.data.id)).size;
      await stream.until(() => seen() === count, 20_000);
      await new Promise((r) => setTimeout(r, 400));
      expect(stream.received.filter((e) => e.event === 'task' && String(e.data.id).startsWith('ev-burst.'))).toHaveLength(count);
    } finally {
      await stream.close();
    }
  }, 60_000);

  test('streams open at the same time each get every change; one opened after all closed starts from the present', async () => {
    await goalWithTask('ev-shared');
    const [a, b] = await Promise.all([openStream(), openStream()]);
    try {
      await Promise.all([a.until((e) => e.event === 'ready'), b.until((e) => e.event === 'ready')]);
      await updateTaskStatus(db(), { id: 'ev-shared.s1', status: 'proposing' });
      for (const s of [a, b]) await s.until((e) => e.event === 'task' && e.data.id === 'ev-shared.s1' && e.data.status === 'proposing');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    await new Promise((r) => setTimeout(r, 300)); // the shared watcher notices nobody listens and stops
    await updateTaskStatus(db(), { id: 'ev-shared.s1', status: 'in_progress' });
    await new Promise((r) => setTimeout(r, 2100)); // beyond the look-back window
    const later = await openStream();
    try {
      await later.until((e) => e.event === 'ready');
      await updateGoalProjection(db(), { id: 'ev-shared', status: 'running' });
      await later.until((e) => e.event === 'goal' && e.data.id === 'ev-shared');
      expect(later.received.some((e) => e.event === 'task' && e.data.id === 'ev-shared.s1')).toBe(false);
    } finally {
      await later.close();
    }
  });

  test('worker heartbeats and webhook deliveries arrive as they are written; an operator hears only its teams’ deliveries', async () => {
    const post = async (path: string, body: unknown) => json(await api.request('POST', path, { body }));
    const teamA = (await post('/teams', { name: `ev-dl-A-${store}` })).id;
    const teamB = (await post('/teams', { name: `ev-dl-B-${store}` })).id;
    await post('/users', { username: `ev-dl-op-${store}`, password: 'operator-password-1', role: 'operator', teamIds: [teamA] });
    const opToken = (await json(await api.request('POST', '/login', { token: null, body: { username: `ev-dl-op-${store}`, password: 'operator-password-1' } }))).accessToken;
    const worker = await registerWorker(db(), {
      id: `wk-${randomUUID()}`, name: `ev-worker-${randomUUID()}`, url: null, capabilities: ['shell'], maxConcurrency: 2, taskQueue: 'q-ev',
      tokenPrefix: randomUUID(), tokenHash: 'h',
    });
    const trigA = await insertTrigger(db(), { id: `tr-${randomUUID()}`, source: 'generic', name: 'ev A', teamId: teamA });
    const trigB = await insertTrigger(db(), { id: `tr-${randomUUID()}`, source: 'generic', name: 'ev B', teamId: teamB });

    const [admin, operator] = await Promise.all([openStream(), openStream(opToken)]);
    try {
      await Promise.all([admin.until((e) => e.event === 'ready'), operator.until((e) => e.event === 'ready')]);
      await new Promise((r) => setTimeout(r, 5)); // a later now() than the registration
      await touchWorker(db(), worker.id, 1);
      const beat = await admin.until((e) => e.event === 'worker' && e.data.id === worker.id && e.data.currentLoad === 1);
      expect(beat.data).toMatchObject({ name: worker.name, lastSeenAt: expect.any(String) });
      await operator.until((e) => e.event === 'worker' && e.data.id === worker.id); // every role may list workers

      await recordDelivery(db(), { id: `dl-${randomUUID()}`, source: 'generic', triggerId: trigB.id, outcome: 'rejected', reason: 'invalid_signature' });
      const seenA = await recordDelivery(db(), { id: `dl-${randomUUID()}`, source: 'generic', triggerId: trigA.id, outcome: 'accepted', goalId: 'g-ev-dl' });
      const delivered = await admin.until((e) => e.event === 'delivery' && e.data.id === seenA.id);
      expect(delivered.data).toMatchObject({ triggerId: trigA.id, outcome: 'accepted', goalId: 'g-ev-dl', teamId: teamA, count: 1 });
      await admin.until((e) => e.event === 'delivery' && e.data.triggerId === trigB.id && e.data.outcome === 'rejected');
      await operator.until((e) => e.event === 'delivery' && e.data.id === seenA.id);
      // Team B's delivery was written first, so had it been visible it would have arrived by now.
      expect(operator.received.filter((e) => e.event === 'delivery' && e.data.triggerId === trigB.id)).toEqual([]);
    } finally {
      await Promise.all([admin.close(), operator.close()]);
    }
  });

  test('a stream whose token has expired ends with event: unauthorized, and sends nothing after', async () => {
    const users = (await json(await api.request('GET', '/users?limit=200'))).items as Array<{ id: string; username: string }>;
    const admin = users.find((u) => u.username === 'admin')!;
    // The same signing secret as the app's, but a one-second lifetime.
    const shortLived = createTokenService(db(), { ...api.config, env: { ...api.config.env, ANANTA_TOKEN_TTL_SECONDS: 1 } });
    const { accessToken } = await shortLived.issue({ id: admin.id, username: 'admin', role: 'admin' });
    const stream = await openStream(accessToken);
    try {
      await stream.until((e) => e.event === 'ready');
      const ended = await stream.until((e) => e.event === 'unauthorized', 10_000);
      expect(ended.data).toMatchObject({ code: 'token_expired' });
      await stream.until(() => stream.hasEnded());
      const count = stream.received.length;
      await goalWithTask(`ev-after-expiry-${store}`);
      await new Promise((r) => setTimeout(r, 400));
      expect(stream.received).toHaveLength(count);
    } finally {
      await stream.close();
    }
    // A new stream with that token is refused outright.
    expect((await api.request('GET', '/events/stream', { token: accessToken })).status).toBe(401);
  });

  test('a user deleted while listening stops receiving: the stream ends at the next check', async () => {
    const created = await json(await api.request('POST', '/users', { body: { username: `ev-gone-${store}`, password: 'viewer-password-1', role: 'viewer' } }));
    const token = (await json(await api.request('POST', '/login', { token: null, body: { username: `ev-gone-${store}`, password: 'viewer-password-1' } }))).accessToken;
    const stream = await openStream(token);
    try {
      await stream.until((e) => e.event === 'ready');
      await goalWithTask(`ev-before-delete-${store}`);
      await stream.until((e) => e.event === 'goal' && e.data.id === `ev-before-delete-${store}`);
      expect((await api.request('DELETE', `/users/${created.id}`)).status).toBeLessThan(300);
      const ended = await stream.until((e) => e.event === 'unauthorized');
      expect(ended.data).toMatchObject({ code: 'invalid_token' });
      await stream.until(() => stream.hasEnded());
      const count = stream.received.length;
      await updateGoalProjection(db(), { id: `ev-before-delete-${store}`, status: 'running' });
      await new Promise((r) => setTimeout(r, 400));
      expect(stream.received).toHaveLength(count);
    } finally {
      await stream.close();
    }
  });

  test('a bad Last-Event-ID is a 422', async () => {
    const res = await api.request('GET', '/events/stream', { headers: { 'last-event-id': 'yesterday' } });
    expect(res.status).toBe(422);
  });
});
