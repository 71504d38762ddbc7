/**
 * LLM usage is team-owned data too: an operator of team A must not read team B's usage through
 * GET /usage (grouped by team or goal). Real platform: goals of both teams run on real workers with the
 * offline planner, which records its calls as usage rows.
 */
import { eventually, json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { startPlatform, type Platform } from '../support/platform';

let platform: Platform;
let api: TestApi;
const ids = { teamA: '', teamB: '', goalA: '', goalB: '' };
let operator: string;

beforeAll(async () => {
  platform = await startPlatform({ workerOverrides: { identity: 'usage-scope-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
  const post = async (path: string, body: unknown) => json(await api.request('POST', path, { body }));
  ids.teamA = (await post('/teams', { name: 'usage-A' })).id;
  ids.teamB = (await post('/teams', { name: 'usage-B' })).id;
  ids.goalA = (await post('/goals', { goal: 'Create a hello.txt with a greeting and verify it', teamId: ids.teamA })).id;
  ids.goalB = (await post('/goals', { goal: 'Create a hello.txt with a greeting and verify it', teamId: ids.teamB })).id;
  await post('/users', { username: 'usage-operator', password: 'usage-password', role: 'operator', teamIds: [ids.teamA] });
  operator = (await json(await api.request('POST', '/login', { token: null, body: { username: 'usage-operator', password: 'usage-password' } }))).accessToken;
  // Both goals have recorded usage (the admin's view), so the operator's view below looks at real rows.
  await eventually(
    async () => ((await json(await api.request('GET', '/usage?groupBy=goal'))).items as { key: string }[]).map((r) => r.key),
    (keys) => keys.includes(ids.goalA) && keys.includes(ids.goalB),
  );
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

test.each(['team', 'goal'])('an operator of A grouping by %s sees nothing of team B', async (groupBy) => {
  const keys = ((await json(await api.request('GET', `/usage?groupBy=${groupBy}`, { token: operator }))).items as { key: string }[]).map((r) => r.key);
  expect(keys).not.toContain(groupBy === 'team' ? ids.teamB : ids.goalB);
});

test('an operator of A grouping by goal sees its own goal', async () => {
  const keys = ((await json(await api.request('GET', '/usage?groupBy=goal', { token: operator }))).items as { key: string }[]).map((r) => r.key);
  expect(keys).toContain(ids.goalA);
});
