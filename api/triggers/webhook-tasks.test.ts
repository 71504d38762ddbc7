/**
 * target:'tasks' triggers over HTTP on the real store: a signed generic delivery files its tasks as
 * manual todo tasks of the trigger's team (dependencies kept), exactly once under repeats, concurrent
 * copies and the recovery loop; POST /triggers/test shows them; bad dependencies create nothing.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { recordAcceptedDelivery } from '../../db/queries/webhook-deliveries';
import { backlogGoalId } from '../teams/setup-scrum.service';
import { startPlatform, type Platform } from '../../test/support/platform';
import { json } from '../test-support/test-api';
import { startDeliveryRecovery } from './delivery-start';
import { tasksRequestFor } from './delivery-tasks';
import { signedDelivery, startWebhookApi, type WebhookApi } from './test-support/webhook-api';

let platform: Platform;
let api: WebhookApi;
let teamId: string;
let triggerId: string;
const SECRET = 'tasks-target-secret-0123';

beforeAll(async () => {
  platform = await startPlatform();
  api = await startWebhookApi(platform);
  teamId = (await json(await api.request('POST', '/teams', { body: { name: 'webhook tasks team' } }))).id;
  const res = await api.request('POST', '/triggers', { body: { source: 'generic', name: 'tasks', secret: SECRET, teamId, target: 'tasks' } });
  expect(res.status).toBe(201);
  const trigger = await json(res);
  expect(trigger).toMatchObject({ target: 'tasks', teamId });
  triggerId = trigger.id;
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const PAYLOAD = {
  tasks: [
    { id: 'build', title: 'Build', description: 'build it', priority: 'high' },
    { id: 'test', title: 'Test', description: 'test it', dependsOn: ['build'] },
    { title: 'Docs', description: 'document it', priority: 'low', dependsOn: [0] },
    { title: 'Release', description: 'release it', dependsOn: ['test', 2] },
  ],
};
const post = (d: { body: string; headers: Record<string, string> }) => api.request('POST', `/triggers/webhook/generic/${triggerId}`, { token: null, body: d.body, headers: d.headers });
const teamTasks = async () => (await json(await api.request('GET', `/tasks?teamId=${teamId}&limit=200`))).items as Array<Record<string, any>>;

test('a delivery files its tasks as manual todo tasks of the team, dependencies kept; a repeat is a duplicate naming the same tasks', async () => {
  const before = (await teamTasks()).length;
  const goalsBefore = (await json(await api.request('GET', '/goals?limit=200'))).items.filter((g: { id: string }) => g.id.startsWith('wh-')).length;
  const delivery = await signedDelivery('generic', SECRET, PAYLOAD);
  const res = await post(delivery);
  expect(res.status).toBe(202);
  const body = await json(res);
  expect(body).toEqual({ deliveryId: delivery.deliveryId, taskIds: expect.any(Array), duplicate: false });
  expect(body.taskIds).toHaveLength(4);

  const byId = new Map((await teamTasks()).map((t) => [t.id, t]));
  expect(byId.size).toBe(before + 4);
  const [build, testTask, docs, release] = (body.taskIds as string[]).map((id) => byId.get(id)!);
  expect(build).toMatchObject({ title: 'Build', status: 'todo', origin: 'manual', priority: 'high', teamId, goalId: `backlog-${teamId}`, dependsOn: [] });
  expect(testTask).toMatchObject({ title: 'Test', priority: 'medium', dependsOn: [build.id] });
  expect(docs).toMatchObject({ priority: 'low', dependsOn: [build.id] });
  expect(release.dependsOn).toEqual([testTask.id, docs.id]);

  const again = await post(delivery);
  expect(again.status).toBe(200);
  expect(await json(again)).toEqual({ deliveryId: delivery.deliveryId, taskIds: body.taskIds, duplicate: true });
  expect((await teamTasks()).length).toBe(before + 4);
  // No goal workflow was started for it.
  expect((await json(await api.request('GET', '/goals?limit=200'))).items.filter((g: { id: string }) => g.id.startsWith('wh-')).length).toBe(goalsBefore);

  const log = (await json(await api.request('GET', `/triggers/${triggerId}/deliveries`))).items;
  expect(log[0]).toMatchObject({ outcome: 'duplicate', count: 1 });
  expect(log.find((d: { outcome: string }) => d.outcome === 'accepted')).toMatchObject({ taskIds: body.taskIds, startStatus: 'started' });
});

test('five concurrent copies of one delivery file the tasks once; the recovery loop files nothing again', async () => {
  const before = (await teamTasks()).length;
  const delivery = await signedDelivery('generic', SECRET, { tasks: [{ description: 'only once' }, { description: 'and this', dependsOn: [0] }] });
  const answers = await Promise.all(Array.from({ length: 5 }, async () => {
    const res = await post(delivery);
    return { status: res.status, body: await json(res) };
  }));
  expect(answers.map((a) => a.status).sort((a, b) => a - b)).toEqual([200, 200, 200, 200, 202]);
  const ids = answers.find((a) => a.status === 202)!.body.taskIds;
  for (const a of answers) expect(a.body.taskIds).toEqual(ids);
  expect((await teamTasks()).length).toBe(before + 2);

  const recovery = startDeliveryRecovery({ db: platform.database.db, temporal: platform.client, config: platform.config, logger: pino({ level: 'silent' }) }, { intervalMs: 60_000, graceMs: 0 });
  try {
    await recovery.runOnce();
  } finally {
    await recovery.stop();
  }
  expect((await teamTasks()).length).toBe(before + 2);
});

test('a tasks delivery left pending (accepted, then the store failed before filing) is filed by the recovery loop, once', async () => {
  const before = (await teamTasks()).length;
  // The accepted row exactly as the intake writes it before filing; filing never happened.
  const deliveryId = `pending-${randomUUID()}`;
  const request = tasksRequestFor('generic', { teamId, templateId: null, autopilot: true }, [
    { title: 'Recovered first', description: 'filed by the recovery loop', priority: 'high' },
    { title: 'Recovered second', description: 'waits for the first', priority: 'low', dependsOn: [0] },
  ], deliveryId);
  const row = await recordAcceptedDelivery(platform.database.db, {
    id: randomUUID(), source: 'generic', triggerId, deliveryId, goalId: backlogGoalId(teamId), request, summary: { tasks: 2 },
  });
  expect(row).toMatchObject({ startStatus: 'pending' });
  const accepted = async () => (await json(await api.request('GET', `/triggers/${triggerId}/deliveries?limit=200`))).items.find((d: { id: string }) => d.id === row!.id);
  expect(await accepted()).toMatchObject({ outcome: 'accepted', startStatus: 'pending' });
  expect((await teamTasks()).length).toBe(before);

  const recovery = startDeliveryRecovery({ db: platform.database.db, temporal: platform.client, config: platform.config, logger: pino({ level: 'silent' }) }, { intervalMs: 60_000, graceMs: 0 });
  try {
    // The loop's own first pass and two more at the same moment (as two API replicas would run them).
    await Promise.all([recovery.runOnce(), recovery.runOnce()]);
    expect(await accepted()).toMatchObject({ startStatus: 'started', taskIds: request.taskIds });
    const byId = new Map((await teamTasks()).map((t) => [t.id, t]));
    expect(byId.size).toBe(before + 2);
    const [first, second] = request.taskIds.map((id) => byId.get(id)!);
    expect(first).toMatchObject({ title: 'Recovered first', status: 'todo', origin: 'manual', priority: 'high', teamId, dependsOn: [] });
    expect(second).toMatchObject({ title: 'Recovered second', status: 'todo', priority: 'low', dependsOn: [first.id] });
    // Nothing is pending any more: a later pass files nothing again.
    expect(await recovery.runOnce()).toBe(0);
    expect((await teamTasks()).length).toBe(before + 2);
  } finally {
    await recovery.stop();
  }
});

test('an unknown dependency or a cycle files nothing and says why; POST /triggers/test shows the tasks a tasks trigger would file', async () => {
  const before = (await teamTasks()).length;
  for (const [payload, reason] of [
    [{ tasks: [{ description: 'a', dependsOn: ['nope'] }] }, /unknown task "nope"/],
    [{ tasks: [{ id: 'a', description: 'a', dependsOn: ['b'] }, { id: 'b', description: 'b', dependsOn: ['a'] }] }, /cycle/],
  ] as const) {
    const res = await post(await signedDelivery('generic', SECRET, payload));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ignored: true, reason: expect.stringMatching(reason) });
  }
  expect((await teamTasks()).length).toBe(before);

  const tested = await json(await api.request('POST', '/triggers/test', { body: { source: 'generic', target: 'tasks', payload: PAYLOAD } }));
  expect(tested).toMatchObject({ wouldCreate: true, target: 'tasks', tasks: [{ title: 'Build' }, { title: 'Test', dependsOn: [0] }, { title: 'Docs', dependsOn: [0] }, { title: 'Release', dependsOn: [1, 2] }] });
  expect(tested.goal).toBeUndefined();
  expect((await teamTasks()).length).toBe(before);
});

test('target is part of the CRUD and of the bulk form', async () => {
  const patched = await json(await api.request('PATCH', `/triggers/${triggerId}`, { body: { target: 'goal' } }));
  expect(patched.target).toBe('goal');
  expect((await api.request('PATCH', `/triggers/${triggerId}`, { body: { target: 'nothing' } })).status).toBe(422);
  await api.request('PATCH', `/triggers/${triggerId}`, { body: { target: 'tasks' } });
  const status = await json(await api.request('POST', '/triggers/configure', { body: { enabledSources: ['slack'], targets: { slack: 'tasks' } } }));
  expect(status.targets).toMatchObject({ slack: 'tasks' });
});
