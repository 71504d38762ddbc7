/**
 * A team's daily budget (teams.daily_budget: maxTokens and/or maxCostUsd per UTC day, across all its
 * goals), checked from the usage records before each LLM call of the team's goals. Once the day's spend
 * has reached a limit, the next call waits (the workflow's budget gate) until a person raises a budget
 * or the day turns.
 */
import type { ErrorInfo } from '../../core/types';
import type { Db } from '../../db/client';
import { getTeamLlmSettings, teamSpendSince } from '../../db/queries/llm-providers';

export const startOfUtcDay = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

export function createTeamBudgetCheck(db: Db, now: () => Date = () => new Date()) {
  return async function teamBudget(teamId: string): Promise<ErrorInfo | undefined> {
    const budget = (await getTeamLlmSettings(db, [teamId])).get(teamId)?.dailyBudget;
    if (!budget || (budget.maxTokens === undefined && budget.maxCostUsd === undefined)) return undefined;
    const spent = await teamSpendSince(db, teamId, startOfUtcDay(now()));
    if (budget.maxTokens !== undefined && spent.tokens >= budget.maxTokens) {
      return { code: 'budget_exceeded', detail: `the team has used ${spent.tokens} of its ${budget.maxTokens} tokens for today (UTC)` };
    }
    if (budget.maxCostUsd !== undefined && spent.costUsd >= budget.maxCostUsd) {
      return { code: 'budget_exceeded', detail: `the team has spent $${spent.costUsd} of its $${budget.maxCostUsd} for today (UTC)` };
    }
    return undefined;
  };
}
