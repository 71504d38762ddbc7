/**
 * Records the replay histories of a goal that waits for its team's daily budget
 * (test/histories/goal-team-budget-<suffix>.json and task-team-budget-<suffix>.json): the team may spend
 * 1 token a day, so the plan call goes and the first proposal waits in waiting_approval
 * (budget_exceeded) through a few re-checks until the team's budget is raised. Run it after a
 * deliberate change to budgets (versioned with patched()); keep the older files.
 *   npx tsx scripts/record-team-budget-history.ts v5
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { taskWorkflowId } from '../core/task-queues';
import { setTeamLlmSettings } from '../db/queries/llm-providers';
import { createTeam } from '../db/queries/teams';
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
    const db = platform.database.db;
    const team = await createTeam(db, { name: uniqueId('budget-team') });
    await setTeamLlmSettings(db, team.id, { dailyBudget: { maxTokens: 1 } });
    const goal = await platform.startGoal({ goalId: uniqueId('g'), goal: 'Create a hello.txt with a greeting', teamId: team.id, autopilot: false });
    await waitForGoal(goal, (s) => s.status === 'waiting_approval' && s.pendingBudget !== undefined);
    await new Promise((r) => setTimeout(r, 12_000)); // at least one re-check that still finds the budget spent
    await setTeamLlmSettings(db, team.id, { dailyBudget: { maxTokens: 1_000_000 } });
    const done = await goal.result();
    if (done.status !== 'completed') throw new Error(`the goal ended ${done.status}: ${JSON.stringify(done.error)}`);
    await save('goal-team-budget', goal.workflowId);
    await save('task-team-budget', taskWorkflowId(done.subtasks[0]!.taskId));
  } finally {
    await platform.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
