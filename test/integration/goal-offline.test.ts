/**
 * The spine end to end with the offline planner: a typed goal is planned, each subtask's agent loop
 * runs real commands in the bubblewrap sandbox, and the goal completes — on the real Temporal server,
 * with projections in the real store. Also proves the goal is findable by its search attributes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getGoal } from '../../db/queries/goals';
import { listTaskEvents } from '../../db/queries/task-events';
import { listTasksOfGoal } from '../../db/queries/tasks';
import { startPlatform, type Platform } from '../support/platform';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
  await platform.startWorkers();
});
afterAll(() => platform?.close());

test('"Create a hello.txt with a greeting and verify it" is planned, run in the sandbox and completed', async () => {
  const handle = await platform.startGoal({ goal: 'Create a hello.txt with a greeting and verify it', teamId: 'team-a' });
  const state = await handle.result();

  expect(state.status).toBe('completed');
  expect(state.subtasks.map((s) => [s.id, s.status, s.dependsOn])).toEqual([
    ['s1', 'completed', []],
    ['s2', 'completed', ['s1']],
  ]);
  expect(state.plan[0].description).toMatch(/offline planner/);
  const workspace = path.join(platform.config.workspacesDir, state.goalId);
  expect(fs.readFileSync(path.join(workspace, 'hello.txt'), 'utf8')).toBe('Hello from Ananta!\n');
  expect(state.usage.calls).toBeGreaterThan(0);

  const row = await getGoal(platform.database.db, state.goalId);
  expect(row).toMatchObject({ status: 'completed', workflowId: `goal-${state.goalId}` });
  expect(row!.plan).toHaveLength(2);
  const tasks = await listTasksOfGoal(platform.database.db, state.goalId);
  expect(tasks.map((t) => [t.subtaskId, t.status])).toEqual([['s1', 'completed'], ['s2', 'completed']]);

  const verifyLog = await listTaskEvents(platform.database.db, `${state.goalId}.s2`, {});
  const finished = verifyLog.find((e) => e.type === 'command_finished');
  expect(finished?.data).toMatchObject({ exitCode: 0, output: expect.stringContaining('Hello from Ananta!') });
  expect(verifyLog.map((e) => e.type)).toEqual(expect.arrayContaining(['status', 'step_proposed', 'command_finished', 'verdict']));

  const description = await handle.describe();
  const attrs = description.typedSearchAttributes;
  expect(attrs.getAll().map((p) => [p.key.name, p.value])).toEqual(expect.arrayContaining([
    ['AnantaGoalId', state.goalId], ['AnantaTeam', 'team-a'], ['AnantaStatus', 'completed'],
  ]));
});

test('the goal list in Temporal can be filtered by the goal id search attribute', async () => {
  const handle = await platform.startGoal({ goal: 'List the files', teamId: 'team-b' });
  const state = await handle.result();
  expect(state.status).toBe('completed');
  let found: string[] = [];
  for (let i = 0; i < 50 && found.length === 0; i++) {
    found = [];
    for await (const wf of platform.client.workflow.list({ query: `AnantaGoalId = '${state.goalId}'` })) found.push(wf.workflowId);
    if (found.length === 0) await new Promise((r) => setTimeout(r, 200));
  }
  expect(found).toEqual([`goal-${state.goalId}`]);
});
