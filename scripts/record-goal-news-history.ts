/**
 * Records the replay histories of a goal told of outside news while it runs
 * (test/histories/goal-news-<suffix>.json and task-news-<suffix>.json): its subtask waits for approval,
 * an externalUpdate arrives (as the Jira receiver sends for a tracked issue), the goal forwards it to
 * the running subtask, whose next proposal and the follow-up detection carry it. Run it after a
 * deliberate change to that path (versioned with patched()); keep the older files.
 *   npx tsx scripts/record-goal-news-history.ts v7
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { approveStepUpdate, externalUpdateSignal } from '../core/messages';
import { taskWorkflowId } from '../core/task-queues';
import { startPlatform, uniqueId, waitForGoal } from '../test/support/platform';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const outDir = path.resolve(__dirname, '..', 'test', 'histories');
const suffix = process.argv[2] ? `-${process.argv[2]}` : '';

async function main(): Promise<void> {
  const server = await startTemporalDevServer({ headless: true });
  process.env.TEMPORAL_ADDRESS = server.address;
  const platform = await startPlatform({ store: 'pglite' });
  await platform.startWorkers();
  const save = async (name: string, workflowId: string) => {
    const history = await platform.client.workflow.getHandle(workflowId).fetchHistory();
    fs.writeFileSync(path.join(outDir, `${name}${suffix}.json`), `${historyToJSON(history)}\n`);
    process.stdout.write(`recorded ${name}${suffix} (${history.events?.length} events)\n`);
  };
  try {
    const goal = await platform.startGoal({ goalId: uniqueId('g'), goal: 'Clean up with `rm -rf scratch`', autopilot: true });
    const waiting = await waitForGoal(goal, (s) => s.status === 'waiting_approval');
    await goal.signal(externalUpdateSignal, { source: 'jira', deliveryId: 'rec-news', summary: 'jira:issue_updated: PROJ-1 keep the logs', receivedAt: '2026-12-01T00:00:00Z' });
    await waitForGoal(goal, (s) => (s.externalUpdates?.length ?? 0) === 1);
    const taskId = taskWorkflowId(waiting.subtasks[0].taskId);
    await platform.client.workflow.getHandle(taskId).executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] });
    const done = await goal.result();
    if (done.status !== 'completed') throw new Error(`the goal ended ${done.status}: ${JSON.stringify(done.error)}`);
    await save('goal-news', goal.workflowId);
    await save('task-news', taskId);
  } finally {
    await platform.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
