/**
 * Goal budgets on the real server with the scripted LLM (every call: 10 input + 5 output tokens). The
 * budget fits the planner and the first proposal; the command's long output makes the next proposal's
 * estimate too big, so the task waits in waiting_approval with budget_exceeded before that call is
 * made. A raise (Update or HTTP) lets it finish. The LLM counters on /metrics move by exactly the
 * fake's tokens.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { LlmRequest } from '../../activities/llm/provider';
import { raiseBudgetUpdate } from '../../core/messages';
import type { GoalState, ProposeStepInput } from '../../core/types';
import { eventually, json, startTestApi, type TestApi } from '../../api/test-support/test-api';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, waitForGoal, type Platform } from '../support/platform';

/** One subtask; its first step prints ~3.9 kB (about 1000 tokens of history for the next proposal). */
const provider = createScriptedProvider({
  plan: () => ({ subtasks: [{ id: 's1', title: 'Count', description: 'count to a thousand', dependsOn: [] }] }),
  propose_step: (request: LlmRequest) => {
    const input = request.input as ProposeStepInput;
    if (input.history.length === 0) return { kind: 'command', reasoning: 'count', command: 'seq 1 1000' };
    // "hold" goals then propose a high-risk command, so they stay open waiting for a command approval.
    if (input.goal.includes('hold') && input.history.length === 1) return { kind: 'command', reasoning: 'tidy', command: 'rm -rf scratch' };
    return { kind: 'done', success: true, summary: 'counted' };
  },
});
const proposals = (goalId: string) =>
  provider.requests.filter((r) => r.purpose === 'propose_step' && (r.input as ProposeStepInput).goalId === goalId);

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

const budgetWaiting = (s: GoalState) => s.status === 'waiting_approval' && s.pendingBudget !== undefined;

test('a proposal that would exceed the budget waits before the call; raiseBudgetUpdate lets the goal complete', async () => {
  const handle = await platform.startGoal({ goal: 'Count to a thousand', autopilot: false, budget: { maxTokens: 1000 } });
  const waiting = await waitForGoal(handle, budgetWaiting);
  expect(waiting.pendingBudget).toMatchObject({ code: 'budget_exceeded', detail: expect.stringContaining('maxTokens 1000') });
  expect(waiting.subtasks[0]).toMatchObject({ status: 'waiting_approval', pendingBudget: { code: 'budget_exceeded' } });
  expect(waiting.usage.tokens).toBe(15); // the planner's call only: the task's usage reaches the goal when it ends
  expect(proposals(waiting.goalId)).toHaveLength(1); // the second proposal was never sent

  const tooLow = await handle.executeUpdate(raiseBudgetUpdate, { args: [{ maxTokens: 500 }] }).catch((e: unknown) => e);
  expect(tooLow).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((tooLow as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'invalid_input' });

  const raised = await handle.executeUpdate(raiseBudgetUpdate, { args: [{ maxTokens: 10_000 }] });
  expect(raised.budget).toMatchObject({ maxTokens: 10_000 });
  expect(raised.pendingBudget).toBeUndefined();
  const done: GoalState = await handle.result();
  expect(done.status).toBe('completed');
  expect(proposals(done.goalId)).toHaveLength(2);
  expect(done.usage).toMatchObject({ calls: 3, inputTokens: 30, outputTokens: 15, tokens: 45 });
});

test('the goal that nobody waits on: raiseBudgetUpdate is refused with no_pending_budget', async () => {
  const handle = await platform.startGoal({ goal: 'Count and hold', autopilot: false });
  await waitForGoal(handle, (s) => s.status === 'waiting_approval');
  const err = await handle.executeUpdate(raiseBudgetUpdate, { args: [{ maxTokens: 10 }] }).catch((e: unknown) => e);
  expect((err as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'no_pending_budget' });
  await handle.cancel();
  expect((await handle.result()).status).toBe('cancelled');
});

/** A counter's value on /metrics for the scripted provider (0 when absent). */
function counterValue(text: string, name: string, extra = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('provider="scripted"') && l.includes('model="scripted"') && l.includes(extra));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

test('over HTTP: GET shows the pending budget, POST /goals/{id}/budget raises it (409 when nothing waits), and /metrics counts the fake\'s tokens exactly', async () => {
  const metrics = async () => (await api.request('GET', '/metrics', { token: null })).text();
  const before = await metrics();

  const created = await json(await api.request('POST', '/goals', { body: { goal: 'Count to a thousand and hold', autopilot: false, budget: { maxTokens: 1000 } } }));
  const waiting = await eventually(async () => json(await api.request('GET', `/goals/${created.id}`)), (g) => g.pendingBudget !== undefined);
  expect(waiting).toMatchObject({ status: 'waiting_approval', live: true, pendingBudget: { code: 'budget_exceeded' } });

  const invalid = await api.request('POST', `/goals/${created.id}/budget`, { body: { maxTokens: -1 } });
  expect(invalid.status).toBe(422);
  const raised = await api.request('POST', `/goals/${created.id}/budget`, { body: { maxTokens: 10_000 } });
  expect(raised.status).toBe(200);
  const body = await json(raised);
  expect(body.id).toBe(created.id);
  expect(body.pendingBudget).toBeUndefined();

  // The task goes on: its next proposal is a high-risk command, which waits for a command approval.
  await eventually(async () => json(await api.request('GET', `/goals/${created.id}`)), (g) => g.status === 'waiting_approval' && g.pendingBudget === undefined && proposals(created.id).length === 2);
  const nothing = await api.request('POST', `/goals/${created.id}/budget`, { body: { maxTokens: 20_000 } });
  expect(nothing.status).toBe(409);
  expect(await json(nothing)).toMatchObject({ code: 'no_pending_budget', currentStatus: 'waiting_approval' });

  // planner + two proposals = 3 calls of 10 + 5 tokens (and $0.0001 each) since `before`.
  const after = await metrics();
  const delta = (name: string, extra?: string) => counterValue(after, name, extra) - counterValue(before, name, extra);
  expect(delta('ananta_llm_tokens_total', 'direction="input"')).toBe(30);
  expect(delta('ananta_llm_tokens_total', 'direction="output"')).toBe(15);
  expect(delta('ananta_llm_calls_total', 'outcome="success"')).toBe(3);
  expect(delta('ananta_llm_cost_usd_total')).toBeCloseTo(0.0003, 9);

  expect((await api.request('POST', `/goals/${created.id}/cancel`)).status).toBe(200);
});
