/**
 * Follow-up analysis of one finished task, behind `POST /tasks/auto-planner/analyze/{taskId}`: the
 * API never calls an LLM itself. It files what this returns (deduped) as the task's follow-ups.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { AnalyzeTaskInput, AnalyzeTaskResult } from '../core/manual-steps';
import { activityProfiles } from './activity-profiles';
import { describeFailure } from './describe-failure';
import { refuseOverTeamBudget } from './short-call-team-budget';

export async function analyzeTaskWorkflow(input: AnalyzeTaskInput): Promise<AnalyzeTaskResult> {
  const { llm } = activityProfiles(input.queues);
  const { queues: _queues, ...detect } = input;
  await refuseOverTeamBudget(llm, input.teamId);
  try {
    return await llm.detectFollowups(detect);
  } catch (err) {
    const failure = describeFailure(err);
    throw ApplicationFailure.nonRetryable(failure.detail, failure.code);
  }
}
