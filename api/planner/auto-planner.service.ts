/**
 * The auto-planner: the API never calls an LLM itself; it runs the short `planWorkflow` and waits for
 * its result. With createTasks the plan is handed to a new goal (GoalInput.plan), which then skips
 * planning. A failed plan is an error (502), never an empty success. The plan's size limit and the
 * wait come from the auto-planner settings.
 */
import { randomUUID } from 'node:crypto';
import { planWorkflowId } from '../../core/task-queues';
import type { PlanGoalInput, PlanGoalResult } from '../../core/types';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { UpstreamError } from '../errors/domain-errors';
import { startGoal } from '../goals/goals.service';
import { assertCanUseTeam } from '../teams/team-scope';
import type { PlanRequest } from './auto-planner.schemas';
import { llmWaitMs, plannerSettings } from './planner-settings.service';
import { workflowFailure } from './workflow-failure';

async function runPlan(app: ApiContext, input: PlanGoalInput): Promise<PlanGoalResult> {
  try {
    return await app.temporal.workflow.execute('planWorkflow', {
      workflowId: planWorkflowId(randomUUID()),
      taskQueue: app.config.taskQueues.workflows,
      args: [input],
      workflowExecutionTimeout: await llmWaitMs(app),
    });
  } catch (err) {
    throw workflowFailure(err, { what: 'Planning', timeoutCode: 'plan_timeout' });
  }
}

export async function planGoal(app: ApiContext, principal: Principal, request: PlanRequest) {
  // Checked before planning: an operator may not spend LLM calls, or start work, for another team.
  await assertCanUseTeam(app, principal, request.teamId);
  const goalId = randomUUID();
  const settings = await plannerSettings(app);
  const result = await runPlan(app, {
    queues: app.config.taskQueues,
    goalId,
    teamId: request.teamId,
    goal: request.goal,
    context: request.context,
    maxSubtasks: settings.maxSubtasksPerGoal,
  });
  if (result.subtasks.length === 0) throw new UpstreamError('llm_failed', 'The planner returned no subtasks');
  if (!request.createTasks) {
    return { subtasks: result.subtasks, createdTaskIds: [], provider: result.provider, usage: result.usage };
  }
  await startGoal(app, principal, { goalId, goal: request.goal, context: request.context, teamId: request.teamId, plan: result.subtasks });
  const subtasks = result.subtasks.map((s) => ({ ...s, taskId: `${goalId}.${s.id}` }));
  return { subtasks, goalId, createdTaskIds: subtasks.map((s) => s.taskId), provider: result.provider, usage: result.usage };
}
