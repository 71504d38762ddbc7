/**
 * A manual task's agent steps over HTTP, on the real Temporal server with workers and the real
 * sandbox: the proposal (agent's command + the policy's risk, nothing runs; the agent sees earlier
 * steps), execution of one command (output, exit code, the task's log), the approval rule for a
 * high-risk command, and who may do what (viewer 403, another team's operator 404).
 */
import { splitStreams, type TextRange } from '../../core/output-streams';
import type { LlmProvider } from '../../activities/llm/provider';
import { createOfflineProvider } from '../../activities/llm/offline-provider';
import { startPlatform, type Platform } from '../../test/support/platform';
import { eventually, json, startTestApi, type TestApi } from '../test-support/test-api';

const offline = createOfflineProvider();
const proposals: Array<{ taskId: string; history: Array<{ command: string; exitCode?: number; output?: string }> }> = [];
// Manual tasks get a scripted proposal; goal tasks (the plan task below) run on the offline planner.
const provider: LlmProvider = {
  name: 'steps',
  async complete(request) {
    const input = request.input as { taskId?: string; description?: string; history?: Array<{ command: string }> };
    if (request.purpose !== 'propose_step' || !input.taskId?.includes('.m-')) return offline.complete(request);
    if (input.description?.includes('VENDOR DOWN')) throw new Error('vendor is down');
    proposals.push({ taskId: input.taskId, history: (input.history ?? []) as never });
    const step = { kind: 'command', reasoning: 'write the note first', command: 'echo note > note.txt && cat note.txt' };
    return { text: JSON.stringify(step), model: 'scripted', inputTokens: 10, outputTokens: 5, costUsd: 0 };
  },
};

let platform: Platform;
let api: TestApi;
let teamA: string;
let teamB: string;
const tokens: Record<string, string> = {};

const req = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await api.request(method, path, { body, token });
  return { status: res.status, body: await json(res) };
};

beforeAll(async () => {
  platform = await startPlatform({ provider, workerOverrides: { identity: 'step-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
  teamA = (await req('POST', '/teams', { name: 'steps A' })).body.id;
  teamB = (await req('POST', '/teams', { name: 'steps B' })).body.id;
  for (const [name, role, teamIds] of [['op-a', 'operator', [teamA]], ['op-b', 'operator', [teamB]], ['viewer', 'viewer', []]] as const) {
    expect((await req('POST', '/users', { username: `step-${name}`, password: 'long-enough-password', role, teamIds })).status).toBe(201);
    tokens[name] = (await req('POST', '/login', { username: `step-${name}`, password: 'long-enough-password' }, null as unknown as string)).body.accessToken;
  }
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

test('propose returns the next command and its risk without running it; execute runs one command and logs it', async () => {
  const task = (await req('POST', '/tasks', { description: 'Write a note', teamId: teamA }, tokens['op-a'])).body;

  const proposed = await req('POST', `/tasks/${task.id}/step/propose`, undefined, tokens['op-a']);
  expect(proposed.status).toBe(200);
  expect(proposed.body).toMatchObject({
    taskId: task.id, kind: 'command', command: 'echo note > note.txt && cat note.txt', rationale: 'write the note first', risk: 'low', riskReasons: [], needsApproval: false,
  });
  // Nothing ran: the log is still empty and the task untouched.
  expect((await req('GET', `/tasks/${task.id}/logs`)).body.items).toEqual([]);

  const ran = await req('POST', `/tasks/${task.id}/step/execute`, { command: proposed.body.command }, tokens['op-a']);
  expect(ran.status).toBe(200);
  expect(ran.body).toMatchObject({ taskId: task.id, exitCode: 0, stderr: '', truncated: false, timedOut: false, risk: 'low' });
  expect(ran.body.stdout).toContain('note');
  const failing = await req('POST', `/tasks/${task.id}/step/execute`, { command: 'cat note.txt; cat missing-file' }, tokens['op-a']);
  expect(failing.body.exitCode).not.toBe(0);
  expect(failing.body.stdout).toBe('note\n'); // the workspace keeps what the earlier step wrote
  expect(failing.body.stderr).toMatch(/^cat: missing-file: No such file or directory\n$/);

  const logs = (await req('GET', `/tasks/${task.id}/logs`)).body.items as Array<{ type: string; message: string; data: Record<string, unknown> }>;
  const steps = logs.filter((e) => e.type === 'command_started' || e.type === 'command_finished');
  expect(steps.map((e) => e.type)).toEqual(['command_started', 'command_finished', 'command_started', 'command_finished']);
  expect(steps[0]).toMatchObject({ message: '$ echo note > note.txt && cat note.txt', data: { manual: true, by: 'step-op-a', risk: 'low' } });
  expect(steps[1]!.data).toMatchObject({ manual: true, exitCode: 0 });
  // The logged output says where stderr lies, so logs can show it apart.
  const failed = steps[3]!.data as { output: string; stderrRanges: TextRange[] };
  expect(splitStreams(failed.output, failed.stderrRanges)).toEqual({ stdout: 'note\n', stderr: failing.body.stderr, split: true });

  // The next proposal sees both steps.
  await req('POST', `/tasks/${task.id}/step/propose`, undefined, tokens['op-a']);
  expect(proposals.at(-1)!.history.map((h) => [h.command, h.exitCode === 0])).toEqual([
    ['echo note > note.txt && cat note.txt', true], ['cat note.txt; cat missing-file', false],
  ]);
});

test('a running step holds its task: the autopilot does not claim it, a second step is 409 step_in_progress, and the task is todo again after', async () => {
  const team = (await req('POST', '/teams', { name: 'steps hold' })).body.id as string;
  const task = (await req('POST', '/tasks', { description: 'Hold me', teamId: team })).body;
  expect(task.status).toBe('todo');
  const step = req('POST', `/tasks/${task.id}/step/execute`, { command: 'sleep 4; echo held' });
  const held = await eventually(async () => (await req('GET', `/tasks/${task.id}`)).body, (t) => t.status === 'in_progress', 30_000);
  expect(held.workflowId).toBe(`step-${task.id}`);

  // The autopilot's pass runs while the step holds the task: it starts nothing.
  expect((await req('POST', '/tasks/autopilot/start', { teamId: team, maxConcurrency: 1 })).status).toBe(200);
  const ticked = await req('POST', '/tasks/autopilot/tick', { teamId: team });
  expect(ticked.body).toMatchObject({ started: 0, inFlight: [] });
  const second = await req('POST', `/tasks/${task.id}/step/execute`, { command: 'echo again' });
  expect(second.body).toMatchObject({ status: 409, code: 'step_in_progress' });
  await req('POST', '/tasks/autopilot/stop', { teamId: team });
  await eventually(() => req('GET', `/tasks/autopilot/status?teamId=${team}`), (s) => s.body.status === 'stopped', 60_000);

  const ran = await step;
  expect(ran.status).toBe(200);
  expect(ran.body.stdout).toContain('held');
  expect((await req('GET', `/tasks/${task.id}`)).body).toMatchObject({ status: 'todo', workflowId: task.workflowId });
  await expect(platform.client.workflow.getHandle(task.workflowId).describe()).rejects.toThrow();
});

test('a command whose risk needs approval is refused until an admin or operator approves it', async () => {
  const task = (await req('POST', '/tasks', { description: 'Clean the build', teamId: teamA })).body;
  const refused = await req('POST', `/tasks/${task.id}/step/execute`, { command: 'mkdir -p build && rm -rf ./build && echo cleaned' }, tokens['op-a']);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ code: 'approval_required', risk: 'high' });
  expect(refused.body.riskReasons.join(' ')).toContain('rm -r');
  expect((await req('GET', `/tasks/${task.id}/logs`)).body.items).toEqual([]);

  const approved = await req('POST', `/tasks/${task.id}/step/execute`, { command: 'mkdir -p build && rm -rf ./build && echo cleaned', approve: true }, tokens['op-a']);
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ exitCode: 0, risk: 'high' });
  expect(approved.body.stdout).toContain('cleaned');
  const started = (await req('GET', `/tasks/${task.id}/logs`)).body.items.find((e: { type: string }) => e.type === 'command_started');
  expect(started.data).toMatchObject({ approvedBy: 'step-op-a', risk: 'high' });
});

test('viewer 403, another team 404, unknown 404, a plan task 409, an LLM failure 502', async () => {
  const task = (await req('POST', '/tasks', { description: 'Scoped work', teamId: teamA })).body;
  for (const path of ['propose', 'execute']) {
    const body = path === 'execute' ? { command: 'echo hi' } : undefined;
    expect((await req('POST', `/tasks/${task.id}/step/${path}`, body, tokens.viewer)).status).toBe(403);
    expect((await req('POST', `/tasks/${task.id}/step/${path}`, body, tokens['op-b'])).status).toBe(404);
    expect((await req('POST', `/tasks/no-such-task/step/${path}`, body)).status).toBe(404);
  }
  expect((await req('POST', `/tasks/${task.id}/step/execute`, { command: '' })).status).toBe(422);

  const goal = (await req('POST', '/goals', { goal: 'List the files', autopilot: false, teamId: teamA })).body;
  await eventually(async () => (await req('GET', `/goals/${goal.id}`)).body, (g) => g.status === 'completed');
  const planTask = await req('POST', `/tasks/${goal.id}.s1/step/execute`, { command: 'echo hi' });
  expect(planTask.status).toBe(409);
  expect(planTask.body.code).toBe('not_manual_task');

  const down = (await req('POST', '/tasks', { description: 'VENDOR DOWN please', teamId: teamA })).body;
  const failed = await req('POST', `/tasks/${down.id}/step/propose`);
  expect(failed.status).toBe(502);
  expect(failed.body.code).toBe('llm_failed');
  expect(failed.body.detail).toContain('vendor is down');
});
