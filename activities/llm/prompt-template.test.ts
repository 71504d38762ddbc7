/**
 * Which template shapes a call, on a real store (PGlite): the goal's, else the acting role's within the
 * team's type (the type's template for the role over the role's own), else the team's default, else none;
 * values the call lacks come from the store; lookups are cached briefly. And through the LLM activities:
 * the rendered template is in the system prompt the provider receives, the repair prompt's too.
 */
import { randomBytes } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { insertGoal } from '../../db/queries/goals';
import { upsertTask } from '../../db/queries/tasks';
import { allowRoleInType, insertRole, insertTeamType } from '../../db/queries/team-types';
import { createTeam, updateTeam } from '../../db/queries/teams';
import { createTemplate, deleteTemplate } from '../../db/queries/templates';
import { roles } from '../../db/schema';
import { createScriptedProvider } from '../../test/fakes/scripted-provider';
import { createLlmActivities } from './llm-activities';
import { createPromptTemplates } from './prompt-template';

let database: OpenedDatabase;
let clock = 0;
const roleIds: Record<string, string> = {};

beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  for (const name of ['Product Owner', 'Service Delivery Manager', 'Developer']) roleIds[name] = (await insertRole(database.db, { name })).id;
});
afterAll(async () => {
  await database?.close();
});

const hex = () => randomBytes(4).toString('hex');
const db = () => database.db;
const template = async (body: string) => (await createTemplate(db(), { name: `t-${hex()}`, body })).id;
const goalOf = async (extra: { teamId?: string; templateId?: string; context?: string; plan?: { id: string; title: string; description: string; dependsOn: string[] }[] } = {}) => {
  const id = `g-${hex()}`;
  await insertGoal(db(), { id, goal: 'x', workflowId: `goal-${id}`, status: 'planning', budget: { maxSubtasks: 3, maxFollowupDepth: 1 }, autopilot: true, ...extra });
  return id;
};
const taskOf = async (goalId: string, teamId?: string) => {
  const id = `t-${hex()}`;
  await upsertTask(db(), { id, goalId, subtaskId: 's1', title: 'T', description: 'D', status: 'in_progress', priority: 'high', dependsOn: [], origin: 'plan', depth: 0, attempt: 1, workflowId: `task-${id}`, teamId });
  return id;
};
const base = { system: 'SYSTEM', prompt: 'PROMPT' };
const templates = () => createPromptTemplates({ db: db(), ttlMs: 1000, now: () => clock });
/** The rendered template text of a call, or undefined when the prompt came back unchanged. */
const rendered = async (purpose: 'plan' | 'propose_step' | 'detect_followups', ids: { goalId?: string; taskId?: string; teamId?: string }, values = {}) => {
  const out = await templates().apply(purpose, ids, values, base);
  if (out === base) return undefined;
  expect(out.prompt).toBe('PROMPT');
  return /---\n([\s\S]*)\n--- End of team instructions/.exec(out.system)?.[1];
};

test("goal's template over the acting role's (type's over role's own) over the team's default over none", async () => {
  const type = await insertTeamType(db(), { name: `type-${hex()}` });
  const teamDefault = await template('team default for {{goal}}');
  const team = await createTeam(db(), { name: `team-${hex()}`, typeId: type.id, templateId: teamDefault });
  await insertRole(db(), { name: `unused-${hex()}` }); // a role the mapping never asks for
  const devOwn = await template('developer (own) on {{title}}');
  const devInType = await template('developer (in type) on {{title}} for {{goal}}');
  await db().update(roles).set({ templateId: devOwn }).where(eq(roles.id, roleIds.Developer!)); // no query helper changes a role
  await allowRoleInType(db(), { teamTypeId: type.id, roleId: roleIds.Developer!, templateId: devInType });
  const goalId = await goalOf({ teamId: team.id });
  const taskId = await taskOf(goalId, team.id);
  const step = { goal: 'ship', title: 'build', description: 'd' };

  expect(await rendered('propose_step', { goalId, taskId, teamId: team.id }, step)).toBe('developer (in type) on build for ship');
  // The type holds no planning role, so planning and follow-up review fall to the team's default.
  expect(await rendered('plan', { goalId, teamId: team.id }, { goal: 'ship' })).toBe('team default for ship');
  expect(await rendered('detect_followups', { goalId, teamId: team.id }, { goal: 'ship' })).toBe('team default for ship');

  await allowRoleInType(db(), { teamTypeId: type.id, roleId: roleIds.Developer!, templateId: null });
  expect(await rendered('propose_step', { goalId, taskId }, step)).toBe('developer (own) on build');

  const goalTemplate = await template('the goal says {{goal}}');
  const withTemplate = await goalOf({ teamId: team.id, templateId: goalTemplate });
  expect(await rendered('plan', { goalId: withTemplate }, { goal: 'g1' })).toBe('the goal says g1');
  expect(await rendered('propose_step', { goalId: withTemplate, taskId: await taskOf(withTemplate, team.id) }, { goal: 'g2' })).toBe('the goal says g2');

  // A goal naming a template that is gone falls through; a team without any template leaves the prompt as it was.
  const gone = await template('gone');
  await deleteTemplate(db(), gone);
  expect(await rendered('plan', { goalId: await goalOf({ teamId: team.id, templateId: gone }) }, { goal: 'g3' })).toBe('team default for g3');
  const bare = await createTeam(db(), { name: `bare-${hex()}` });
  expect(await rendered('plan', { goalId: await goalOf({ teamId: bare.id }) }, { goal: 'x' })).toBeUndefined();
  expect(await rendered('propose_step', { taskId: 'no-such-task' }, step)).toBeUndefined();
});

test("a Kanban-like type's Service Delivery Manager plans; the store fills team, role, context, subtasks and priority", async () => {
  const type = await insertTeamType(db(), { name: `kanban-${hex()}` });
  const body = '{{role}} of {{team}}: {{goal}} | {{context}} | {{subtasks}} | {{priority}} | {{customer}}';
  await allowRoleInType(db(), { teamTypeId: type.id, roleId: roleIds['Service Delivery Manager']!, templateId: await template(body) });
  const team = await createTeam(db(), { name: `flow-${hex()}`, typeId: type.id });
  const plan = [{ id: 'a', title: 'First', description: '', dependsOn: [] }, { id: 'b', title: 'Second', description: '', dependsOn: [] }];
  const goalId = await goalOf({ teamId: team.id, context: 'from the goal row', plan });

  expect(await rendered('plan', { goalId }, { goal: 'flow', context: 'given by the call' }))
    .toBe(`Service Delivery Manager of ${team.name}: flow | given by the call | - First\n- Second |  | {{customer}}`);
  expect(await rendered('detect_followups', { goalId, taskId: await taskOf(goalId) }, { goal: 'flow' }))
    .toBe(`Service Delivery Manager of ${team.name}: flow | from the goal row | - First\n- Second | high | {{customer}}`);
});

test('a lookup is reused within its TTL; a changed team template shows after it', async () => {
  const team = await createTeam(db(), { name: `cached-${hex()}`, templateId: await template('old {{goal}}') });
  const cache = templates();
  const look = async () => (await cache.apply('plan', { teamId: team.id }, { goal: 'g' }, base)).system;
  expect(await look()).toContain('old g');
  await updateTeam(db(), team.id, { templateId: await template('new {{goal}}') });
  clock += 500;
  expect(await look()).toContain('old g');
  clock += 600;
  expect(await look()).toContain('new g');
});

test('the provider receives the rendered template in the system prompt, the repair prompt too', async () => {
  const team = await createTeam(db(), { name: `acts-${hex()}`, templateId: await template('Plan "{{goal}}" the {{team}} way.') });
  const good = { subtasks: [{ id: 's1', title: 'Do it', description: 'Do it', dependsOn: [] }] };
  const provider = createScriptedProvider({ plan: ['not json', good] });
  const acts = createLlmActivities({ provider, promptTemplates: templates() });
  const input = { goalId: await goalOf({ teamId: team.id }), teamId: team.id, goal: 'tidy the logs', maxSubtasks: 3 };
  await new MockActivityEnvironment().run(acts.planGoal, input);
  expect(provider.requests).toHaveLength(2);
  for (const request of provider.requests) {
    expect(request.system).toContain(`--- Team instructions (prompt template "`);
    expect(request.system).toContain(`Plan "tidy the logs" the ${team.name} way.`);
    expect(request.system.indexOf('Team instructions')).toBeGreaterThan(request.system.indexOf('Answer with one JSON object'));
  }
});
