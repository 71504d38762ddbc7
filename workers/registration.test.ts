/**
 * A worker keeps itself registered with a real hub (the API over HTTP): it registers, its heartbeats
 * carry its load into GET /agents, and when the hub forgets it (its token rotated by a registration
 * under the same name) it registers again, keeping its id and task queue.
 */
import { json, startTestApi, eventually, type TestApi } from '../api/test-support/test-api';
import { createHubClient } from './hub-client';
import { keepRegistered, type KeptRegistration } from './registration';

const REGISTRATION = 'registration-token-for-worker-tests';
const quiet = { info: () => undefined, warn: () => undefined };
let api: TestApi;
let kept: KeptRegistration | undefined;

beforeAll(async () => {
  api = await startTestApi({ env: { ANANTA_REGISTRATION_TOKEN: REGISTRATION } });
});
afterEach(() => kept?.stop());
afterAll(async () => api?.close());

const agent = async (name: string) => ((await json(await api.request('GET', '/agents'))).items as Array<Record<string, unknown>>).find((w) => w.name === name);

test('registers, heartbeats its load, and registers again (same id and queue) when the hub forgets it', async () => {
  let load = 3;
  const hub = createHubClient({ hubUrl: api.url, registrationToken: REGISTRATION });
  kept = await keepRegistered({ hub, request: { name: 'box-1', capabilities: ['gpu'], maxConcurrency: 2 }, heartbeatSeconds: 0.2, load: () => load, log: quiet });
  const first = kept.current();
  expect(first).toMatchObject({ name: 'box-1', taskQueue: 'ananta-worker-box-1' });
  await eventually(async () => (await agent('box-1'))?.load, (l) => l === 3, 10_000);
  expect(await agent('box-1')).toMatchObject({ id: first.id, status: 'online', capabilities: ['gpu'], maxConcurrency: 2 });

  // Someone registers the same name: the token this worker holds is rotated away, so its next heartbeat is a 401.
  await hub.register({ name: 'box-1', capabilities: ['gpu'], maxConcurrency: 2 });
  load = 1;
  await eventually(async () => kept!.current().token, (token) => token !== first.token, 10_000);
  expect(kept.current()).toMatchObject({ id: first.id, taskQueue: first.taskQueue });
  await eventually(async () => (await agent('box-1'))?.load, (l) => l === 1, 10_000);
});

test('a wrong registration token fails start-up at once instead of retrying', async () => {
  const hub = createHubClient({ hubUrl: api.url, registrationToken: 'not-the-registration-token' });
  await expect(keepRegistered({ hub, request: { name: 'box-2', capabilities: [], maxConcurrency: 1 }, heartbeatSeconds: 1, load: () => 0, log: quiet }))
    .rejects.toThrow(/registration refused: 401/);
});
