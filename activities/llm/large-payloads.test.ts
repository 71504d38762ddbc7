/**
 * Long prompts: command output is cut (head and tail kept, with a marker) before it enters a prompt,
 * older steps lose their output first; an activity input or result near Temporal's 2 MB payload limit
 * fails at once, non-retryably, with llm_payload_too_large instead of being retried forever.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { ProposeStepInput } from '../../core/types';
import { createScriptedProvider } from '../../test/fakes/scripted-provider';
import { createLlmActivities } from './llm-activities';
import { LLM_PAYLOAD_TOO_LARGE } from './payload-guard';
import { clip, HISTORY_OUTPUT_CHARS, OUTPUT_CHARS } from './prompts';

const run = <A, R>(fn: (input: A) => Promise<R>, input: A): Promise<R> => new MockActivityEnvironment().run(fn, input) as Promise<R>;
const step = (history: ProposeStepInput['history'], description = 'd'): ProposeStepInput =>
  ({ taskId: 't1', goalId: 'g1', goal: 'g', title: 'T', description, history, stepsLeft: 3 });

test('clip keeps the head and the tail of long text and says how much it cut', () => {
  expect(clip('short', 10)).toBe('short');
  const text = `HEAD${'x'.repeat(10_000)}TAIL`;
  const clipped = clip(text, 1000);
  expect(clipped.startsWith('HEAD')).toBe(true);
  expect(clipped.endsWith('TAIL')).toBe(true);
  expect(clipped).toContain(`[… ${text.length - 1000} characters cut …]`);
  expect(clipped.length).toBeLessThan(1100);
});

test("long command outputs (8 × 40 kB) reach the model as a marked excerpt; older steps' outputs are left out first", async () => {
  const provider = createScriptedProvider({ propose_step: [{ kind: 'done', success: true, summary: 'ok' }] });
  const acts = createLlmActivities({ provider });
  const big = (label: string) => `${label}-start\n${'line of noisy output\n'.repeat(2000)}${label}-end`;
  const history = Array.from({ length: 8 }, (_, i) => ({ command: `step ${i}`, exitCode: 0, output: big(`s${i}`) }));
  await run(acts.proposeStep, step(history));

  const prompt = provider.requests[0]!.prompt;
  expect(prompt.length).toBeLessThan(HISTORY_OUTPUT_CHARS + 5000);
  expect(prompt).toContain('characters cut …]');
  expect(prompt).toContain('s7-end'); // the latest output's tail is kept
  expect(prompt).toContain('[output of this older step left out');
  expect(prompt).not.toContain('s0-end');
  expect(OUTPUT_CHARS).toBeLessThan(HISTORY_OUTPUT_CHARS);
});

test("an input near Temporal's payload limit fails non-retryably with llm_payload_too_large, before any vendor call", async () => {
  const provider = createScriptedProvider({});
  const acts = createLlmActivities({ provider });
  const err = await run(acts.proposeStep, step([], 'y'.repeat(1_600_000))).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type: LLM_PAYLOAD_TOO_LARGE, nonRetryable: true, message: expect.stringContaining('2 MB') });
  expect(provider.requests).toHaveLength(0);
});

test('a result over the limit fails non-retryably too', async () => {
  const provider = createScriptedProvider({ propose_step: [{ kind: 'command', reasoning: 'r'.repeat(3000), command: 'ls' }] });
  const acts = createLlmActivities({ provider, payloadLimitBytes: 2000 });
  const err = await run(acts.proposeStep, step([])).catch((e: unknown) => e);
  expect(err).toMatchObject({ type: LLM_PAYLOAD_TOO_LARGE, nonRetryable: true, message: expect.stringContaining('the proposed step') });
  expect(provider.requests).toHaveLength(1);
});
