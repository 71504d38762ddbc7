/**
 * Team daily budgets on the real server with the scripted LLM (every call: 10 input + 5 output tokens).
 * The team may spend 15 tokens a day: the plan call fits, the first proposal does not, so the goal waits
 * in waiting_approval with budget_exceeded before that call is made. Raising the team's budget over
 * HTTP lets it go on (the gate looks again periodically); so does raising the goal's own budget.
 */
import type { GoalState } from '../../core/types';
import { eventually, json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, type Platform } from '../support/platform';

const provider = createScriptedProvider({
  plan: () => ({ subtasks: [{ id: 's1', title: 'Finish', description: 'nothing to do', dependsOn: [] }] }),
  propose_step: () => ({ kind: 'done', success: true, summary: 'done' }),
});

let platform: Platform;
let api: TestApi;
beforeAll(async () => {
  platform = await startPlatform({ provider });
  await platform.startWorkers();
  api = await startTestApi({ platform });
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
});

const call = async (method: string, path: string, body?: unknown) => {
  const res = await api.request(method, path, { body });
  return { status: res.status, body: await json(res) };
};

async function startTeamGoal(teamName: string, goalBudget?: Record<string, number>) {
  const team = await call('POST', '/teams', { name: teamName, dailyBudget: { maxTokens: 15 } });
  expect(team.status).toBe(201);
  const goal = await call('POST', '/goals', { goal: 'Finish', teamId: team.body.id, autopilot: false, ...(goalBudget ? { budget: goalBudget } : {}) });
  expect(goal.status).toBe(201);
  const waiting = await eventually(async () => (await call('GET', `/goals/${goal.body.id}`)).body, (view) => view.status === 'waiting_approval' || view.status === 'completed');
  return { teamId: team.body.id as string, goalId: goal.body.id as string, waiting };
}

const proposalsOf = (goalId: string) => provider.requests.filter((r) => r.purpose === 'propose_step' && (r.input as { goalId?: string }).goalId === goalId);

test("a goal of a team past its daily budget waits before the call; raising the team's budget lets it finish", async () => {
  const { teamId, goalId, waiting } = await startTeamGoal('daily-budget-team');
  expect(waiting).toMatchObject({ status: 'waiting_approval', pendingBudget: { code: 'budget_exceeded', detail: expect.stringContaining('15 tokens for today') } });
  expect(proposalsOf(goalId)).toHaveLength(0); // the proposal was never sent

  expect((await call('PATCH', `/teams/${teamId}`, { dailyBudget: { maxTokens: 1000 } })).status).toBe(200);
  const done: GoalState = await platform.client.workflow.getHandle(`goal-${goalId}`).result();
  expect(done.status).toBe('completed');
  expect(proposalsOf(goalId)).toHaveLength(1);
  const usage = (await call('GET', '/usage?groupBy=team')).body.items.find((r: { key: string }) => r.key === teamId);
  expect(usage).toMatchObject({ calls: 2, inputTokens: 20, outputTokens: 10 });
});

test("raising the goal's own budget (POST /goals/{id}/budget) lets it go on past the team's daily budget", async () => {
  const { goalId, waiting } = await startTeamGoal('daily-budget-team-2', { maxTokens: 100_000 });
  expect(waiting).toMatchObject({ status: 'waiting_approval', pendingBudget: { code: 'budget_exceeded' } });
  const raised = await call('POST', `/goals/${goalId}/budget`, { maxTokens: 200_000 });
  expect(raised.status).toBe(200);
  const done: GoalState = await platform.client.workflow.getHandle(`goal-${goalId}`).result();
  expect(done.status).toBe('completed');
  expect(proposalsOf(goalId)).toHaveLength(1);
});
