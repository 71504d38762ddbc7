/**
 * Outside news reaches the LLM, on the real Temporal server: an update of the goal's subject (the
 * externalUpdate signal the Jira receiver sends for a tracked issue) arrives while the first subtask
 * waits for approval. Its next step proposal, the follow-up detection after it, and the second subtask
 * (started after the news) all see the update in their prompts; the proposal made before it did not.
 */
import { approveStepUpdate, externalUpdateSignal } from '../../core/messages';
import { taskWorkflowId } from '../../core/task-queues';
import type { LlmRequest } from '../../activities/llm/provider';
import type { ProposeStepInput } from '../../core/types';
import { createScriptedProvider } from '../fakes/scripted-provider';
import { startPlatform, uniqueId, waitForGoal, type Platform } from '../support/platform';

const NEWS = 'jira:issue_updated: PROJ-9 priority raised to Blocker, keep the logs directory';

/** Each subtask: one high-risk command (it waits for approval), then done. */
function stepAnswer(request: LlmRequest): unknown {
  const input = request.input as ProposeStepInput;
  if (input.history.length === 0) return { kind: 'command', reasoning: 'clean', command: 'rm -rf scratch' };
  return { kind: 'done', success: true, summary: 'cleaned' };
}

const provider = createScriptedProvider({ propose_step: stepAnswer, detect_followups: () => ({ followups: [] }) });
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ provider });
  await platform.startWorkers();
});
afterAll(() => platform?.close());

/** The task a request is about: a proposal names it, a follow-up detection names the finished one. */
const taskOf = (r: LlmRequest) => {
  const input = r.input as { taskId?: string; task?: { taskId: string } };
  return input.task?.taskId ?? input.taskId;
};
const prompts = (purpose: LlmRequest['purpose'], taskId: string) =>
  provider.requests.filter((r) => r.purpose === purpose && taskOf(r) === taskId).map((r) => r.prompt);

test("a tracked subject's update reaches the running subtask's next proposal, the follow-up detection and later subtasks", async () => {
  const handle = await platform.startGoal({
    goalId: uniqueId('g'), goal: 'Clean the scratch space', autopilot: true,
    plan: [
      { id: 's1', title: 'Clean scratch', description: 'remove scratch', dependsOn: [] },
      { id: 's2', title: 'Clean again', description: 'remove scratch once more', dependsOn: ['s1'] },
    ],
  });
  const waiting = await waitForGoal(handle, (s) => s.subtasks[0]?.status === 'waiting_approval');
  const s1 = waiting.subtasks[0]!.taskId;
  expect(prompts('propose_step', s1)).toHaveLength(1);
  expect(prompts('propose_step', s1)[0]).not.toContain('PROJ-9');

  await handle.signal(externalUpdateSignal, { source: 'jira', deliveryId: 'd-news', summary: NEWS, receivedAt: '2026-12-01T10:00:00Z' });
  await waitForGoal(handle, (s) => (s.externalUpdates?.length ?? 0) === 1);
  await platform.client.workflow.getHandle(taskWorkflowId(s1)).executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] });
  // The second subtask waits for approval as well.
  const second = await waitForGoal(handle, (s) => s.subtasks[1]?.status === 'waiting_approval', 60_000);
  const s2 = second.subtasks[1]!.taskId;
  await platform.client.workflow.getHandle(taskWorkflowId(s2)).executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] });
  expect((await handle.result()).status).toBe('completed');

  // s1's proposal after the news carries it; so do the follow-up detections and s2's proposals.
  const s1Proposals = prompts('propose_step', s1);
  expect(s1Proposals).toHaveLength(2);
  expect(s1Proposals[1]).toContain(NEWS);
  expect(s1Proposals[1]).toContain('2026-12-01T10:00:00Z (jira)');
  expect(prompts('detect_followups', s1)).toEqual([expect.stringContaining(NEWS)]);
  const s2Proposals = prompts('propose_step', s2);
  expect(s2Proposals.length).toBeGreaterThan(0);
  for (const p of s2Proposals) expect(p).toContain(NEWS);
  // The goal's own text is unchanged: the news rides along in the prompts only.
  expect((await handle.result()).goal).toBe('Clean the scratch space');
}, 120_000);
