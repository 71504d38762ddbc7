/**
 * Records the committed replay histories (test/histories/*.json) from real runs of each workflow type:
 * a planned goal with its task children, an approval-gated task, and a plan-only run. Run it when a
 * workflow changes on purpose (and version the change with patched() so running workflows survive).
 * Keep the older files: they stand for workflows already running on the old code.
 *   npx tsx scripts/record-histories.ts [suffix]    (`v2` writes goal-hello-v2.json, …)
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { approveStepUpdate } from '../core/messages';
import { planWorkflowId, taskWorkflowId } from '../core/task-queues';
import type { PlanGoalInput, PlanGoalResult } from '../core/types';
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
    fs.mkdirSync(outDir, { recursive: true });
    const goal = await platform.startGoal({ goal: 'Create a hello.txt with a greeting and verify it' });
    const done = await goal.result();
    await save('goal-hello', goal.workflowId);
    await save('task-create-file', taskWorkflowId(done.subtasks[0].taskId));

    const gated = await platform.startGoal({ goalId: uniqueId('g'), goal: 'Clean up with `rm -rf scratch`' });
    const waiting = await waitForGoal(gated, (s) => s.status === 'waiting_approval');
    const taskId = taskWorkflowId(waiting.subtasks[0].taskId);
    await platform.client.workflow.getHandle(taskId).executeUpdate(approveStepUpdate, { args: [{ decision: 'approve' }] });
    await gated.result();
    await save('task-approved', taskId);

    const planId = planWorkflowId(uniqueId('p'));
    await platform.client.workflow.execute<(i: PlanGoalInput) => Promise<PlanGoalResult>>('planWorkflow', {
      workflowId: planId, taskQueue: platform.config.taskQueues.workflows,
      args: [{ goalId: 'replay', goal: 'List the files and then show hello.txt', maxSubtasks: 5, queues: platform.config.taskQueues }],
    });
    await save('plan-offline', planId);
  } finally {
    await platform.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
