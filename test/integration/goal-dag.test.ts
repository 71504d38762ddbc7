/**
 * Scheduling rules of the goal workflow with a scripted planner: dependency order and the concurrency
 * limit, follow-ups added once (deduplicated), plan validation, and an LLM that never answers well.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LlmRequest } from '../../activities/llm/provider';
import type { DetectFollowupsInput, ProposeStepInput } from '../../core/types';
import { listTasksOfGoal } from '../../db/queries/tasks';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, type Platform } from '../support/platform';

/** Each task appends its id to order.txt (with start/end marks), then says done. */
function stepAnswer(request: LlmRequest): unknown {
  const input = request.input as ProposeStepInput;
  const id = input.title.split(' ')[0];
  if (input.history.length === 0) return { kind: 'command', reasoning: 'record order', command: `echo start-${id} >> order.txt; sleep 1; echo end-${id} >> order.txt; echo "$(cat note.txt 2>/dev/null)"` };
  return { kind: 'done', success: input.history[0].exitCode === 0, summary: `${id} done` };
}

function followupAnswer(request: LlmRequest): unknown {
  const input = request.input as DetectFollowupsInput;
  // Every finished planned task suggests the same follow-up, plus one that repeats an existing task.
  if (input.task.title.startsWith('f')) return { followups: [] };
  return { followups: [{ description: 'fx Write the release notes' }, { description: 'B  build!' }] };
}

const plans: Record<string, unknown> = {
  dag: { subtasks: [
    { id: 'a', title: 'a fetch', description: 'a', dependsOn: [] },
    { id: 'b', title: 'b build', description: 'b', dependsOn: ['a'] },
    { id: 'c', title: 'c check', description: 'c', dependsOn: ['a'] },
    { id: 'd', title: 'd deploy', description: 'd', dependsOn: ['b', 'c'] },
  ] },
  cycle: { subtasks: [
    { id: 'a', title: 'a', description: 'a', dependsOn: ['b'] },
    { id: 'b', title: 'b', description: 'b', dependsOn: ['a'] },
  ] },
};

const provider = createScriptedProvider({
  plan: (request) => {
    const goal = (request.input as { goal: string }).goal;
    return goal.startsWith('garbage') ? 'I think you should build it. {not json' : plans[goal.split(' ')[0]];
  },
  propose_step: stepAnswer,
  detect_followups: followupAnswer,
});

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ provider });
  await platform.startWorkers();
});
afterAll(() => platform?.close());

test('subtasks run in dependency order, b and c side by side, and one deduplicated follow-up is added', async () => {
  const handle = await platform.startGoal({ goal: 'dag goal', maxConcurrency: 2 });
  const state = await handle.result();
  expect(state.status).toBe('completed');

  const order = fs.readFileSync(path.join(platform.config.workspacesDir, state.goalId, 'order.txt'), 'utf8').trim().split('\n');
  const at = (mark: string) => order.indexOf(mark);
  expect(at('end-a')).toBeLessThan(at('start-b'));
  expect(at('end-a')).toBeLessThan(at('start-c'));
  expect(at('end-b')).toBeLessThan(at('start-d'));
  expect(at('end-c')).toBeLessThan(at('start-d'));
  // b and c overlap: both start before either ends (maxConcurrency 2).
  expect(Math.max(at('start-b'), at('start-c'))).toBeLessThan(Math.min(at('end-b'), at('end-c')));

  const followups = state.subtasks.filter((s) => s.origin === 'followup');
  expect(followups.map((f) => [f.title, f.depth, f.status])).toEqual([['fx Write the release notes', 1, 'completed']]);
  const rows = await listTasksOfGoal(platform.database.db, state.goalId);
  expect(rows.map((r) => r.subtaskId).sort()).toEqual(['a', 'b', 'c', 'd', 'f1']);
  expect(state.usage.calls).toBeGreaterThanOrEqual(1 + 5 * 2 + 5);
});

test('a plan with a dependency cycle fails the goal with dependency_cycle_detected and runs nothing', async () => {
  const state = await (await platform.startGoal({ goal: 'cycle goal' })).result();
  expect(state.status).toBe('failed');
  expect(state.error?.code).toBe('dependency_cycle_detected');
  expect(state.subtasks).toEqual([]);
});

test('a model that never answers with a valid plan fails the goal loudly (llm_failed), after retries', async () => {
  const before = provider.requests.filter((r) => r.purpose === 'plan').length;
  const state = await (await platform.startGoal({ goal: 'garbage goal' })).result();
  expect(state.status).toBe('failed');
  expect(state.error).toMatchObject({ code: 'llm_failed', detail: expect.stringContaining('did not answer with JSON') });
  expect(state.subtasks).toEqual([]);
  // Three attempts, each with one repair prompt after the malformed answer.
  expect(provider.requests.filter((r) => r.purpose === 'plan').length - before).toBe(6);
}, 60_000);

test('a goal continues as new between subtasks when its run is full, carrying its state, and completes', async () => {
  const handle = await platform.startGoal({ goal: 'dag goal', maxConcurrency: 1, subtasksPerRun: 2 });
  const state = await handle.result();
  expect(state.error).toBeUndefined();
  expect(state.status).toBe('completed');
  expect(state.runs).toBeGreaterThanOrEqual(3);
  expect(state.subtasks.every((s) => s.status === 'completed')).toBe(true);
  expect(state.subtasks.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd', 'f1']);
  const description = await handle.describe();
  expect(description.runId).not.toBe(handle.firstExecutionRunId);
});
