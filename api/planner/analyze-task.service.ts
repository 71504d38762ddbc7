/**
 * POST /tasks/auto-planner/analyze/{taskId}: asks the agent which follow-up work a finished task
 * calls for (the short analyzeTaskWorkflow on the LLM pool: the API never calls an LLM itself), then
 * files the suggestions as the task's follow-ups exactly like POST /tasks/{id}/followups — deduped
 * against its existing follow-ups and each other. Past maxFollowupDepth nothing is filed.
 */
import { isTerminalTask } from '../../core/statuses';
import { analyzeTaskWorkflowId } from '../../core/task-queues';
import type { AnalyzeTaskInput, AnalyzeTaskResult } from '../../core/manual-steps';
import { getGoal } from '../../db/queries/goals';
import { listChildTasks } from '../../db/queries/tasks';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ConflictError } from '../errors/domain-errors';
import { assertVisible } from '../teams/team-scope';
import { createFollowups } from '../tasks/manual-tasks.service';
import { readStepLog } from '../tasks/step-history';
import { findTaskRow } from '../tasks/task.presenter';
import { llmWaitMs, plannerSettings } from './planner-settings.service';
import { workflowFailure } from './workflow-failure';

/** The most follow-ups one request files (the limit of POST /tasks/{id}/followups). */
const MAX_FILED = 50;

async function runAnalysis(app: ApiContext, input: AnalyzeTaskInput): Promise<AnalyzeTaskResult> {
  try {
    return await app.temporal.workflow.execute('analyzeTaskWorkflow', {
      workflowId: analyzeTaskWorkflowId(input.task.taskId),
      taskQueue: app.config.taskQueues.workflows,
      args: [input],
      workflowExecutionTimeout: await llmWaitMs(app),
    });
  } catch (err) {
    throw workflowFailure(err, { what: 'The analysis', timeoutCode: 'analysis_timeout', busyCode: 'analysis_in_progress' });
  }
}

export async function analyzeTask(app: ApiContext, principal: Principal, taskId: string) {
  const row = await findTaskRow(app, taskId);
  await assertVisible(app, principal, row.teamId, 'Task', taskId);
  if (!isTerminalTask(row.status)) {
    throw new ConflictError('invalid_transition', `Task ${taskId} has not finished yet (status ${row.status})`, { currentStatus: row.status });
  }
  const goal = await getGoal(app.db, row.goalId);
  const children = await listChildTasks(app.db, row.id);
  const { history } = await readStepLog(app, row.id);
  const result = await runAnalysis(app, {
    queues: app.config.taskQueues,
    goalId: row.goalId,
    teamId: row.teamId ?? undefined,
    // A backlog row's text names the backlog, not the work: a manual task is its own goal.
    goal: row.origin === 'manual' || !goal ? row.description : goal.goal,
    task: { taskId: row.id, title: row.title, description: row.description, summary: row.verdict?.summary ?? row.error?.detail, lastOutput: history.at(-1)?.output },
    existing: [row.title, ...children.map((c) => c.title)],
  });

  const settings = await plannerSettings(app);
  const suggested = result.followups;
  const items = suggested.slice(0, MAX_FILED).map((f) => ({ description: f.description.slice(0, 20_000), priority: f.priority }));
  const tooDeep = row.depth + 1 > settings.maxFollowupDepth;
  const filed = items.length > 0 && !tooDeep ? await createFollowups(app, principal, row.id, { items }) : { created: [], skipped: [] };
  const skipped = tooDeep ? items.map((item, index) => ({ index, description: item.description, reason: 'max_depth' as const })) : filed.skipped;
  return {
    followupsCreated: filed.created,
    analysis: {
      taskId: row.id,
      summary: `${suggested.length} follow-up(s) suggested, ${filed.created.length} filed, ${skipped.length} skipped`,
      suggested,
      skipped,
      usage: result.usage,
    },
  };
}
