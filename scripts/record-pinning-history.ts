/**
 * Records the replay histories of a pinned goal (test/histories/goal-pinned-<suffix>.json and
 * task-pinned-<suffix>.json): its subtask is pinned to the capability `gpu`, waits `blocked` while no
 * such worker is online, and runs once one registers. Run it after a deliberate change to pinning
 * (versioned with patched()); keep the older files.
 *   npx tsx scripts/record-pinning-history.ts v4
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { NativeConnection } from '@temporalio/worker';
import { taskWorkflowId } from '../core/task-queues';
import { registerWorker } from '../db/queries/workers';
import { createOfflineProvider } from '../activities/llm/offline-provider';
import { createWorkerPools } from '../workers/create-workers';
import { startPlatform, uniqueId, waitForGoal } from '../test/support/platform';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const outDir = path.resolve(__dirname, '..', 'test', 'histories');
const suffix = process.argv[2] ? `-${process.argv[2]}` : '';

async function main(): Promise<void> {
  const server = await startTemporalDevServer({ headless: true });
  process.env.TEMPORAL_ADDRESS = server.address;
  // Only the workflow and LLM pools at first: no worker offers `gpu` until the task is seen waiting.
  const platform = await startPlatform({ store: 'pglite', queues: ['workflows', 'llm'] });
  await platform.startWorkers();
  const connection = await NativeConnection.connect({ address: platform.config.temporal.address });
  const save = async (name: string, workflowId: string) => {
    const history = await platform.client.workflow.getHandle(workflowId).fetchHistory();
    fs.writeFileSync(path.join(outDir, `${name}${suffix}.json`), `${historyToJSON(history)}\n`);
    process.stdout.write(`recorded ${name}${suffix} (${history.events?.length} events)\n`);
  };
  try {
    const goal = await platform.startGoal({ goalId: uniqueId('g'), goal: 'Create a hello.txt with a greeting', pin: { capabilities: ['gpu'] } });
    await waitForGoal(goal, (s) => s.subtasks[0]?.status === 'blocked');
    await new Promise((r) => setTimeout(r, 3500)); // a few re-checks on the durable timer

    const taskQueue = `${platform.config.env.ANANTA_TASK_QUEUE_PREFIX}-worker-rec-gpu`;
    await registerWorker(platform.database.db, {
      id: uniqueId('w'), name: 'rec-gpu', url: null, capabilities: ['gpu'], maxConcurrency: 1, taskQueue, tokenPrefix: uniqueId('p'), tokenHash: 'unused',
    });
    const pools = await createWorkerPools({
      config: platform.config, queues: ['exec'], connection, db: platform.database.db, provider: createOfflineProvider(), registered: { name: 'rec-gpu', taskQueue },
    });
    const running = pools.run();
    const done = await goal.result();
    if (done.status !== 'completed') throw new Error(`the pinned goal ended ${done.status}: ${JSON.stringify(done.error)}`);
    await save('goal-pinned', goal.workflowId);
    await save('task-pinned', taskWorkflowId(done.subtasks[0].taskId));
    pools.shutdown();
    await running;
  } finally {
    await connection.close();
    await platform.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
