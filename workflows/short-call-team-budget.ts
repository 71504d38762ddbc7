/**
 * A team's daily budget before the one LLM call of a short workflow (plan, propose a step, analyze a
 * task). A person is waiting on the HTTP request, so where a goal would wait for a raise these refuse
 * at once: a non-retryable `budget_exceeded` failure, which the API answers with 429 and when to try
 * again. Runs started before this check replay without it.
 */
import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { LlmActivities } from '../activities';

export async function refuseOverTeamBudget(llm: Pick<LlmActivities, 'checkTeamBudget'>, teamId: string | undefined): Promise<void> {
  if (!teamId || !patched('short-call-team-budget')) return;
  const { shortfall } = await llm.checkTeamBudget({ teamId });
  if (shortfall) throw ApplicationFailure.create({ type: shortfall.code, message: shortfall.detail, nonRetryable: true });
}
