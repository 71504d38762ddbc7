/**
 * Prompt templates reach the model: a team's default template shapes its planner's prompt and the
 * Developer role's template (set within the team's type) shapes the step proposer's, each rendered with
 * the goal substituted, as the loopback OpenAI fake received them; a goal's own template wins over both.
 * The templates are read by the LLM worker, so their text never enters workflow history.
 */
import { taskWorkflowId } from '../../core/task-queues';
import { json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { startOpenAiServer, type OpenAiFake } from '../fakes/openai-server';
import { startPlatform, type Platform } from '../support/platform';

const plan = { subtasks: [{ id: 'one', title: 'Say done', description: 'Nothing to run', dependsOn: [] }] };
const done = { kind: 'done', success: true, summary: 'nothing to do' };

/** Every string in a history, payload bytes decoded. */
function historyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(historyText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(historyText).join('\n');
  return '';
}

let fake: OpenAiFake;
let platform: Platform;
let api: TestApi;

beforeAll(async () => {
  fake = await startOpenAiServer();
  platform = await startPlatform();
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterEach(() => {
  try {
    fake.server.verify();
  } finally {
    fake.server.reset();
  }
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
  await fake?.server.close();
});

const send = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await api.request(method, path, body === undefined ? {} : { body });
  const parsed = await json(res);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
};

/** The system message of each chat request the fake received, in order. */
const systems = () => fake.chatRequests().map((r) => (r.body.messages as { role: string; content: string }[]).find((m) => m.role === 'system')?.content ?? '');

async function runGoal(body: Record<string, unknown>) {
  const { id } = await send('POST', '/goals', { autopilot: false, ...body });
  const handle = platform.client.workflow.getHandle(`goal-${id}`);
  return { handle, state: await handle.result() };
}

let team: Awaited<ReturnType<typeof send>>;

beforeAll(async () => {
  const provider = await send('POST', '/providers', { name: 'templates-oa', kind: 'openai', baseUrl: fake.baseURL, model: 'gpt-4o-mini', apiKey: 'sk-templates-0123456789' });
  const planner = await send('POST', '/templates', { name: 'planner-rules', body: 'PLANNER RULES for {{team}}: plan "{{goal}}" in small steps.' });
  const developer = await send('POST', '/templates', { name: 'developer-rules', body: 'DEVELOPER RULES: do "{{title}}" of "{{goal}}" as {{role}}; ask {{reviewer}}.' });
  expect(developer.warnings).toEqual([{ type: 'unknown_variables', variables: ['reviewer'] }]);
  const { items: roles } = await send('GET', '/teams/roles');
  const developerRole = roles.find((r: { name: string }) => r.name === 'Developer');
  const type = await send('POST', '/teams/types', { name: 'Templated', roleIds: [] });
  await send('POST', `/teams/types/${type.id}/roles`, { roleId: developerRole.id, templateId: developer.id });
  team = await send('POST', '/teams', { name: 'templated-team', typeId: type.id, templateId: planner.id, providerId: provider.id });
});

test("the team's template reaches the planner's prompt and the Developer's the proposer's, rendered, never in history", async () => {
  fake.chat({ answer: plan }, { answer: done });

  const { handle, state } = await runGoal({ goal: 'Rotate the staging logs', teamId: team.id });

  expect(state.status).toBe('completed');
  const [planSystem, stepSystem] = systems();
  expect(planSystem).toContain('--- Team instructions (prompt template "planner-rules") ---');
  expect(planSystem).toContain('PLANNER RULES for templated-team: plan "Rotate the staging logs" in small steps.');
  expect(planSystem).not.toContain('DEVELOPER RULES');
  expect(stepSystem).toContain('--- Team instructions (prompt template "developer-rules") ---');
  expect(stepSystem).toContain('DEVELOPER RULES: do "Say done" of "Rotate the staging logs" as Developer; ask {{reviewer}}.');
  expect(stepSystem).not.toContain('PLANNER RULES');

  const histories = [await handle.fetchHistory(), await platform.client.workflow.getHandle(taskWorkflowId(state.subtasks[0]!.taskId)).fetchHistory()];
  const text = histories.map(historyText).join('\n');
  expect(text).toContain('Rotate the staging logs');
  expect(text).not.toContain('RULES');
});

test("a goal's own template wins over the team's and the role's, for the planner and the proposer", async () => {
  const own = await send('POST', '/templates', { name: 'goal-own', body: 'OWN TEMPLATE: {{goal}} / {{team}}' });
  fake.chat({ answer: plan }, { answer: done });

  const { state } = await runGoal({ goal: 'Archive old builds', teamId: team.id, templateId: own.id });

  expect(state.status).toBe('completed');
  const all = systems();
  expect(all).toHaveLength(2);
  for (const system of all) {
    expect(system).toContain('OWN TEMPLATE: Archive old builds / templated-team');
    expect(system).not.toMatch(/PLANNER RULES|DEVELOPER RULES/);
  }
});
