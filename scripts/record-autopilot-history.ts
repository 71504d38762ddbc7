/**
 * Records the autopilot's committed replay history (test/histories/autopilot-*.json) from a real run:
 * a team backlog of two manual tasks (b depends on a) run by a team autopilot with a scripted LLM,
 * then a tick and a stop Update, so the history holds timers, activities, children and Updates.
 * Run it when the autopilot workflow changes on purpose (and version the change with patched()).
 * Keep the older files: they stand for autopilots already running on the old code.
 *   npx tsx scripts/record-autopilot-history.ts [suffix]    (`v2` writes autopilot-backlog-v2.json)
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { LlmRequest } from '../activities/llm/provider';
import { autopilotStatusQuery, autopilotWorkflowId, stopAutopilotUpdate, tickAutopilotUpdate } from '../core/autopilot-messages';
import { taskWorkflowId } from '../core/task-queues';
import type { ProposeStepInput } from '../core/types';
import { insertGoal } from '../db/queries/goals';
import { upsertTask } from '../db/queries/tasks';
import { createScriptedProvider } from '../test/fakes/scripted-provider';
import { startPlatform } from '../test/support/platform';
import type { autopilotWorkflow } from '../workflows';
import { startTemporalDevServer } from './lib/temporal-dev-server';

const outDir = path.resolve(__dirname, '..', 'test', 'histories');
const suffix = process.argv[2] ? `-${process.argv[2]}` : '';

const provider = createScriptedProvider({
  propose_step: (request: LlmRequest) => {
    const input = request.input as ProposeStepInput;
    if (input.history.length === 0) return { kind: 'command', reasoning: 'note it', command: `echo ${input.title} >> done.txt` };
    return { kind: 'done', success: input.history[0].exitCode === 0, summary: 'noted' };
  },
});

async function main(): Promise<void> {
  const server = await startTemporalDevServer({ headless: true });
  process.env.TEMPORAL_ADDRESS = server.address;
  const platform = await startPlatform({ store: 'pglite', provider });
  await platform.startWorkers();
  try {
    fs.mkdirSync(outDir, { recursive: true });
    const teamId = 'replay-team';
    const goalId = `backlog-${teamId}`;
    const { db } = platform.database;
    await insertGoal(db, { id: goalId, goal: 'Backlog', teamId, workflowId: goalId, status: 'paused', budget: platform.config.defaults.budget, autopilot: false });
    for (const [id, dependsOn] of [['a', []], ['b', ['a']]] as const) {
      const taskId = `${goalId}.${id}`;
      await upsertTask(db, {
        id: taskId, goalId, subtaskId: id, title: `${id} task`, description: `do ${id}`, status: 'todo', dependsOn: [...dependsOn], origin: 'manual',
        depth: 0, attempt: 0, workflowId: taskWorkflowId(taskId), teamId,
      });
    }
    const handle = await platform.client.workflow.start<typeof autopilotWorkflow>('autopilotWorkflow', {
      workflowId: autopilotWorkflowId(teamId), taskQueue: platform.config.taskQueues.workflows,
      args: [{ queues: platform.config.taskQueues, teamId, maxConcurrency: 2, securityLevel: 'aggressive', task: platform.config.defaults.task, tickSeconds: 1 }],
    });
    const deadline = Date.now() + 120_000;
    while ((await handle.query(autopilotStatusQuery)).completed < 2) {
      if (Date.now() > deadline) throw new Error('the autopilot did not finish its tasks in time');
      await new Promise((r) => setTimeout(r, 250));
    }
    await handle.executeUpdate(tickAutopilotUpdate);
    await handle.executeUpdate(stopAutopilotUpdate);
    await handle.result();
    const history = await handle.fetchHistory();
    fs.writeFileSync(path.join(outDir, `autopilot-backlog${suffix}.json`), `${historyToJSON(history)}\n`);
    process.stdout.write(`recorded autopilot-backlog${suffix} (${history.events?.length} events)\n`);
  } finally {
    await platform.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
