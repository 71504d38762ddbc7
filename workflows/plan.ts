/** Plan-only workflow behind `POST /tasks/auto-planner/plan`: the API never calls an LLM itself. */
import { ApplicationFailure } from '@temporalio/workflow';
import type { PlanGoalInput, PlanGoalResult } from '../core/types';
import { activityProfiles } from './activity-profiles';
import { describeFailure } from './describe-failure';
import { validatePlan } from './plan-validation';
import { refuseOverTeamBudget } from './short-call-team-budget';

export async function planWorkflow(input: PlanGoalInput): Promise<PlanGoalResult> {
  const { llm } = activityProfiles(input.queues);
  await refuseOverTeamBudget(llm, input.teamId);
  let result: PlanGoalResult;
  try {
    result = await llm.planGoal(input);
  } catch (err) {
    const failure = describeFailure(err);
    throw ApplicationFailure.nonRetryable(failure.detail, failure.code);
  }
  const problem = validatePlan(result.subtasks, input.maxSubtasks);
  if (problem) throw ApplicationFailure.nonRetryable(problem.detail, problem.code);
  return result;
}
