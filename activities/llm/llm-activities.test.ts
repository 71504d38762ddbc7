import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createScriptedProvider } from '../../test/fakes/scripted-provider';
import { createOfflineProvider } from './offline-provider';
import { createLlmActivities, MALFORMED_OUTPUT, type UsageRecord } from './llm-activities';

/** Runs one activity in a mock activity context (typed: the SDK's generic loses the result type). */
const env = () => ({
  run: <A, R>(fn: (input: A) => Promise<R>, input: A): Promise<R> => new MockActivityEnvironment().run(fn, input) as Promise<R>,
});

test('the offline provider plans each clause and says it is the offline planner', async () => {
  const acts = createLlmActivities({ provider: createOfflineProvider() });
  const result = await env().run(acts.planGoal, { goalId: 'g1', goal: 'Create a hello.txt with a greeting and verify it', maxSubtasks: 5 });
  expect(result.provider).toBe('offline');
  expect(result.subtasks.map((s) => [s.id, s.dependsOn])).toEqual([['s1', []], ['s2', ['s1']]]);
  expect(result.subtasks[0].description).toContain('offline planner');
  expect(result.usage).toMatchObject({ calls: 1, costUsd: 0 });
});

test.each([
  ['prose instead of JSON', 'Sure! Here is the plan: build it.'],
  ['an empty plan', { subtasks: [] }],
  ['a subtask without a title', { subtasks: [{ id: 's1', description: 'x', dependsOn: [] }] }],
])('%s, twice, is a retryable llm_malformed_output failure, never an empty plan', async (_label, answer) => {
  const provider = createScriptedProvider({ plan: [answer, answer] });
  const acts = createLlmActivities({ provider });
  const err = await env().run(acts.planGoal, { goalId: 'g1', goal: 'x', maxSubtasks: 5 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type: MALFORMED_OUTPUT, nonRetryable: false });
  expect(provider.requests).toHaveLength(2);
});

test('a malformed answer gets one repair prompt with the answer and its problems; the repaired answer counts', async () => {
  const records: UsageRecord[] = [];
  const good = { subtasks: [{ id: 's1', title: 'Do it', description: 'Do it', dependsOn: [] }] };
  const provider = createScriptedProvider({ plan: [{ subtasks: [{ id: 's1', description: 'x' }] }, good] });
  const acts = createLlmActivities({ provider, recordUsage: async (r) => records.push(r) });
  const result = await env().run(acts.planGoal, { goalId: 'g1', goal: 'x', maxSubtasks: 5 });
  expect(result.subtasks.map((s) => s.title)).toEqual(['Do it']);
  const repair = provider.requests[1];
  expect(repair.system).toBe(provider.requests[0].system);
  expect(repair.prompt).toContain('{"subtasks":[{"id":"s1","description":"x"}]}');
  expect(repair.prompt).toMatch(/subtasks\.0\.title: .*\n[\s\S]*Answer with JSON only/);
  expect(result.usage).toMatchObject({ calls: 2, inputTokens: 20, outputTokens: 10 });
  // Two calls, two usage records: the repair's key differs, so idempotent storage keeps both.
  expect(records.map((r) => r.key)).toEqual([expect.stringMatching(/:1$/), `${records[0].key}:repair`]);
});

test('usage is recorded once per call with an idempotency key, and fenced JSON is accepted', async () => {
  const records: UsageRecord[] = [];
  const provider = createScriptedProvider({ propose_step: ['```json\n{"kind":"command","command":"ls"}\n```'] });
  const acts = createLlmActivities({ provider, recordUsage: async (r) => records.push(r) });
  const result = await env().run(acts.proposeStep, { taskId: 't1', goalId: 'g1', goal: 'g', title: 't', description: 'd', history: [], stepsLeft: 3 });
  expect(result.step).toEqual({ kind: 'command', command: 'ls', reasoning: '' });
  expect(records).toEqual([expect.objectContaining({ goalId: 'g1', taskId: 't1', provider: 'scripted', inputTokens: 10, outputTokens: 5, latencyMs: expect.any(Number) })]);
  expect(records[0].key).toMatch(/:1$/);
});

test('the scripted fake throws when it runs out of answers', async () => {
  const acts = createLlmActivities({ provider: createScriptedProvider({ detect_followups: [] }) });
  const input = { goalId: 'g', goal: 'g', task: { taskId: 't', title: 't', description: 'd' }, existing: [] };
  await expect(env().run(acts.detectFollowups, input)).rejects.toThrow(/no answer left/);
});
