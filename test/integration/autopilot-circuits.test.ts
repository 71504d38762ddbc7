/**
 * The autopilot's circuit breaker on the real Temporal server and store, driven over HTTP: tasks filed
 * with POST /tasks that fail three times in a row open the circuit of the worker that ran them; with
 * every known worker's circuit open the autopilot holds (the next task stays todo, status shows the
 * open circuit and heldUntil); POST /tasks/autopilot/circuits/reset closes it and the task runs.
 */
import type { LlmRequest } from '../../activities/llm/provider';
import type { ProposeStepInput } from '../../core/types';
import { eventually, json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, type Platform } from '../support/platform';

/** Every task runs one command that fails, then reports failure. */
function stepAnswer(request: LlmRequest): unknown {
  const input = request.input as ProposeStepInput;
  if (input.history.length === 0) return { kind: 'command', reasoning: 'try it', command: 'echo trying; exit 3' };
  return { kind: 'done', success: false, summary: 'it failed' };
}

let platform: Platform;
let api: TestApi;

beforeAll(async () => {
  platform = await startPlatform({ provider: createScriptedProvider({ propose_step: stepAnswer }) });
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const req = async (method: string, p: string, body?: unknown) => {
  const res = await api.request(method, p, { body });
  return { status: res.status, body: await json(res) };
};

test('three failures in a row open the worker circuit and hold dispatch until a reset', async () => {
  const teamId = (await req('POST', '/teams', { name: 'Circuit team' })).body.id as string;
  const ids: string[] = [];
  for (const n of [1, 2, 3]) ids.push((await req('POST', '/tasks', { title: `fails ${n}`, description: 'fail', teamId, priority: 'high' })).body.id);
  const started = await req('POST', '/tasks/autopilot/start', { teamId, maxConcurrency: 1, securityLevel: 'aggressive', circuitOpenSeconds: 3600 });
  expect(started.status).toBe(200);

  const open = await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamId}`), (s) => s.body.failed === 3, 120_000);
  expect(open.body.circuits).toEqual([expect.objectContaining({ consecutiveFailures: 3, open: true, opened: 1, openUntil: expect.any(String) })]);
  expect(open.body.circuitOpenSeconds).toBe(3600);

  // Filed now: with the only worker's circuit open, the autopilot starts nothing, even when ticked.
  const waiting = (await req('POST', '/tasks', { title: 'waits', description: 'fail later', teamId })).body.id as string;
  const ticked = await req('POST', '/tasks/autopilot/tick', { teamId });
  expect(ticked.body).toMatchObject({ started: 3, inFlight: [], heldUntil: expect.any(String) });
  expect((await req('GET', `/tasks/${waiting}`)).body.status).toBe('todo');

  const reset = await req('POST', '/tasks/autopilot/circuits/reset', { teamId });
  expect(reset.status).toBe(200);
  expect(reset.body.circuits).toEqual([expect.objectContaining({ consecutiveFailures: 0, open: false, openUntil: null })]);
  await eventually(async () => (await req('GET', `/tasks/${waiting}`)).body.status, (s) => s === 'failed', 120_000);
  const after = await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamId}`), (s) => s.body.failed === 4);
  expect(after.body).toMatchObject({ started: 4, heldUntil: null });
  expect(after.body.circuits).toEqual([expect.objectContaining({ consecutiveFailures: 1, open: false })]);

  expect((await req('POST', '/tasks/autopilot/circuits/reset', { teamId: 'no-such-team' })).status).toBe(404);
  await req('POST', '/tasks/autopilot/stop', { teamId });
  await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamId}`), (s) => s.body.status === 'stopped');
  expect((await req('POST', '/tasks/autopilot/circuits/reset', { teamId })).body).toMatchObject({ status: 409, code: 'invalid_transition' });
});

test("the autopilot hands a manual task's pin (worker, capabilities) to its task workflow", async () => {
  const teamId = (await req('POST', '/teams', { name: 'Pin team' })).body.id as string;
  const task = (await req('POST', '/tasks', { description: 'needs a gpu', teamId, requiredCapabilities: ['gpu', 'repo:models'] })).body;
  expect(task.requiredCapabilities).toEqual(['gpu', 'repo:models']);
  await req('POST', '/tasks/autopilot/start', { teamId, maxConcurrency: 1, securityLevel: 'aggressive' });
  const handle = platform.client.workflow.getHandle(task.workflowId);
  await eventually(async () => handle.describe().then(() => true, () => false), (found) => found, 60_000);
  const history = await handle.fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const input = JSON.parse(Buffer.from(payload!.data!).toString('utf8'));
  expect(input).toMatchObject({ taskId: task.id, teamId, pin: { capabilities: ['gpu', 'repo:models'] } });
  expect(input.pin.workerId).toBeUndefined();
  await handle.cancel().catch(() => undefined);
  await req('POST', '/tasks/autopilot/stop', { teamId });
  await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${teamId}`), (s) => s.body.status === 'stopped', 60_000);
});
