/**
 * /tasks/autopilot/* over HTTP against the real platform (Temporal dev server, real workers, scripted
 * LLM): 401/403 per role, operators limited to their teams, and a Scrum backlog run to the end by a
 * team autopilot started, ticked, restarted and stopped over the API.
 */
import type { LlmRequest } from '../../activities/llm/provider';
import type { ProposeStepInput } from '../../core/types';
import { createScriptedProvider } from '../../test/fakes/scripted-provider';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json, startTestApi, type TestApi } from '../test-support/test-api';

const provider = createScriptedProvider({
  propose_step: (request: LlmRequest) => {
    const input = request.input as ProposeStepInput;
    if (input.history.length === 0) return { kind: 'command', reasoning: 'note it', command: `echo ${input.taskId} >> done.txt; sleep 1` };
    return { kind: 'done', success: input.history[0].exitCode === 0, summary: 'noted' };
  },
});

let platform: Platform;
let api: TestApi;
let viewer: string;
let operator: string;
let teamA: string;
let teamB: string;

const login = async (username: string) =>
  (await json(await api.request('POST', '/login', { token: null, body: { username, password: 'long-enough-password' } }))).accessToken as string;
const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};

beforeAll(async () => {
  platform = await startPlatform({ provider });
  await platform.startWorkers();
  api = await startTestApi({ platform });
  const scrumA = await req('POST', '/teams/setup-scrum', { name: 'Autopilot A', backlog: [{ title: 'first item' }, { title: 'second item' }, { title: 'third item' }] });
  expect(scrumA.status).toBe(201);
  teamA = scrumA.body.team.id;
  teamB = (await req('POST', '/teams', { name: 'Autopilot B' })).body.id;
  expect((await req('POST', '/users', { username: 'ap-viewer', password: 'long-enough-password', role: 'viewer' })).status).toBe(201);
  expect((await req('POST', '/users', { username: 'ap-operator', password: 'long-enough-password', role: 'operator', teamIds: [teamA] })).status).toBe(201);
  viewer = await login('ap-viewer');
  operator = await login('ap-operator');
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const writes = ['/tasks/autopilot/start', '/tasks/autopilot/stop', '/tasks/autopilot/tick'];

test('401 without a token on every autopilot route; a viewer reads the status but cannot start, stop or tick', async () => {
  expect((await api.request('GET', '/tasks/autopilot/status', { token: null })).status).toBe(401);
  for (const path of writes) expect([path, (await api.request('POST', path, { token: null, body: {} })).status]).toEqual([path, 401]);
  const status = await req('GET', '/tasks/autopilot/status', undefined, viewer);
  expect(status.status).toBe(200);
  expect(status.body).toMatchObject({ workflowId: 'autopilot-global', teamId: null, running: false, status: 'stopped' });
  for (const path of writes) expect([path, (await req('POST', path, {}, viewer)).status]).toEqual([path, 403]);
});

test("an operator acts for its own teams only: another team's autopilot is 404, none named is 422 team_required", async () => {
  expect((await req('GET', `/tasks/autopilot/status?teamId=${teamB}`, undefined, operator)).status).toBe(404);
  expect((await req('POST', '/tasks/autopilot/start', { teamId: teamB }, operator)).status).toBe(404);
  expect((await req('POST', '/tasks/autopilot/stop', { teamId: teamB }, operator)).status).toBe(404);
  const global = await req('POST', '/tasks/autopilot/start', {}, operator);
  expect([global.status, global.body.code]).toEqual([422, 'team_required']);
  expect((await req('POST', '/tasks/autopilot/start', { teamId: 'no-such-team' })).status).toBe(404);
  const bad = await req('POST', '/tasks/autopilot/start', { teamId: teamA, maxConcurrency: 0, securityLevel: 'reckless' });
  expect(bad.status).toBe(422);
  expect((await req('POST', '/tasks/autopilot/start', { teamId: teamA, circuitOpenSeconds: 0 })).status).toBe(422);
  expect((await req('POST', '/tasks/autopilot/circuits/reset', { teamId: teamB }, operator)).status).toBe(404);
  expect((await req('POST', '/tasks/autopilot/circuits/reset', { teamId: teamA }, viewer)).status).toBe(403);
  expect((await req('POST', '/tasks/autopilot/tick', { teamId: teamB })).body.code).toBe('invalid_transition');
});

test("an operator's team autopilot runs the Scrum backlog to the end with at most maxConcurrency in flight, and stops", async () => {
  const started = await req('POST', '/tasks/autopilot/start', { teamId: teamA, maxConcurrency: 2, securityLevel: 'aggressive' }, operator);
  expect(started.status).toBe(200);
  expect(started.body).toMatchObject({ workflowId: `autopilot-${teamA}`, teamId: teamA, running: true, alreadyRunning: false, maxConcurrency: 2, securityLevel: 'aggressive' });

  const again = await req('POST', '/tasks/autopilot/start', { teamId: teamA }, operator);
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ running: true, alreadyRunning: true, maxConcurrency: 2 });
  expect((await req('POST', '/tasks/autopilot/tick', { teamId: teamA }, operator)).status).toBe(200);

  const tasks = await eventually(async () => (await req('GET', `/tasks?teamId=${teamA}`)).body.items as { status: string }[],
    (items) => items.every((t) => ['completed', 'failed'].includes(t.status)), 90_000);
  expect(tasks.map((t) => t.status)).toEqual(['completed', 'completed', 'completed']);
  const status = await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamA}`, undefined, viewer), (s) => s.body.completed === 3);
  expect(status.body).toMatchObject({ running: true, status: 'running', live: true, started: 3, completed: 3, failed: 0, inFlight: [], maxObservedInFlight: 2 });

  const stopped = await req('POST', '/tasks/autopilot/stop', { teamId: teamA }, operator);
  expect(stopped.status).toBe(200);
  const final = await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamA}`, undefined, operator), (s) => s.body.status === 'stopped');
  expect(final.body).toMatchObject({ running: false, completed: 3, maxObservedInFlight: 2 });
  expect((await req('POST', '/tasks/autopilot/stop', { teamId: teamA }, operator)).body.status).toBe('stopped');
  expect((await req('POST', '/tasks/autopilot/tick', { teamId: teamA }, operator)).status).toBe(409);
});
