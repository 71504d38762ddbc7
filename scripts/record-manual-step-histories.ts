/**
 * Records the replay histories of the short workflows behind the auto-planner's analysis and a task's
 * manual steps (test/histories/analyze-task-<suffix>.json, step-propose-<suffix>.json,
 * step-execute-<suffix>.json, step-refused-<suffix>.json), from real runs with the offline provider
 * and the real sandbox. Run it after a deliberate change to those workflows (versioned with
 * patched()); keep the older files.
 *   npx tsx scripts/record-manual-step-histories.ts v8
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { AnalyzeTaskInput, ManualStepInput, ProposeManualStepInput } from '../core/manual-steps';
import { analyzeTaskWorkflowId, manualStepWorkflowId, proposeStepWorkflowId } from '../core/task-queues';
import { startPlatform, uniqueId } from '../test/support/platform';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const outDir = path.resolve(__dirname, '..', 'test', 'histories');
const suffix = process.argv[2] ? `-${process.argv[2]}` : '';

async function main(): Promise<void> {
  const server = await startTemporalDevServer({ headless: true });
  process.env.TEMPORAL_ADDRESS = server.address;
  const platform = await startPlatform({ store: 'pglite' });
  await platform.startWorkers();
  const { client, config } = platform;
  const queues = config.taskQueues;
  const save = async (name: string, workflowId: string) => {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    fs.writeFileSync(path.join(outDir, `${name}${suffix}.json`), `${historyToJSON(history)}\n`);
    process.stdout.write(`recorded ${name}${suffix} (${history.events?.length} events)\n`);
  };
  const run = (type: string, workflowId: string, input: object) =>
    client.workflow.execute(type, { workflowId, taskQueue: queues.workflows, args: [input] });
  try {
    fs.mkdirSync(outDir, { recursive: true });
    const taskId = `backlog.m-${uniqueId('replay')}`;

    // A team without a daily budget: the team budget check (patched 'short-call-team-budget') runs and lets the call go.
    const teamId = 'team-replay';
    const analysis: AnalyzeTaskInput = {
      queues, goalId: 'backlog', teamId, goal: 'Create a hello.txt', existing: ['Create a hello.txt'],
      task: { taskId, title: 'Create a hello.txt', description: 'Create a hello.txt', summary: 'done', lastOutput: 'FOLLOWUP: document hello.txt' },
    };
    await run('analyzeTaskWorkflow', analyzeTaskWorkflowId(taskId), analysis);
    await save('analyze-task', analyzeTaskWorkflowId(taskId));

    const proposeId = proposeStepWorkflowId(taskId, 'replay');
    const proposal: ProposeManualStepInput = {
      queues, taskId, goalId: 'backlog', teamId, goal: 'Create a hello.txt', title: 'Create a hello.txt', description: 'Create a hello.txt', history: [], stepsLeft: 5,
    };
    await run('proposeManualStepWorkflow', proposeId, proposal);
    await save('step-propose', proposeId);

    const step: ManualStepInput = {
      queues, taskId, goalId: 'backlog', stepId: 'm1001-replay', stepIndex: 1001, command: 'echo hello > hello.txt && cat hello.txt',
      approvalPolicy: 'high_risk', approved: false, by: 'admin', allowNetwork: false, timeoutSeconds: 30, outputCapBytes: 65_536,
    };
    await run('manualStepWorkflow', manualStepWorkflowId(taskId), step);
    await save('step-execute', manualStepWorkflowId(taskId));

    const refusedId = manualStepWorkflowId(`${taskId}-refused`);
    await run('manualStepWorkflow', refusedId, { ...step, command: 'rm -rf ./scratch' }).catch(() => undefined);
    await save('step-refused', refusedId);
  } finally {
    await platform.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
