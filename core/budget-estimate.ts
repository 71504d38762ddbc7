/**
 * Budget checks made by the workflows before each LLM call. The workflow cannot see the prompt the
 * activity will build, nor the model's answer, so it estimates: what it sends (its input as JSON, at
 * about four characters a token) plus a fixed allowance for the answer, and never less than the last
 * call actually used. Cost follows the last call's price per token; before any call is priced it
 * follows the price the API looked up when the goal started (`usdPerTokenHint`: the dearer of the
 * provider's input and output price), so a USD limit bites from the first call. Without a hint (an
 * unpriced model, or a goal started before hints existed) the first estimate costs nothing.
 * Pure functions: deterministic, so workflows may call them.
 */
import type { ErrorInfo, GoalBudget } from './types';
import type { Usage } from './usage';

/** Tokens allowed for a structured answer (a plan, a step or follow-ups) on top of the prompt. */
export const COMPLETION_ALLOWANCE_TOKENS = 500;

export interface CallEstimate {
  tokens: number;
  costUsd: number;
}

export interface EstimateCallInput {
  /** Characters the workflow sends to the activity (its input serialised as JSON). */
  inputChars: number;
  /** Usage of the previous LLM activity call (may hold two vendor calls: an answer and a repair). */
  lastCall?: Usage;
  completionAllowance?: number;
  /** USD per token to assume while no call has been priced yet. */
  usdPerTokenHint?: number;
}

export function estimateCall({ inputChars, lastCall, completionAllowance = COMPLETION_ALLOWANCE_TOKENS, usdPerTokenHint }: EstimateCallInput): CallEstimate {
  const fromInput = Math.ceil(Math.max(0, inputChars) / 4) + completionAllowance;
  const perCall = lastCall && lastCall.calls > 0 ? lastCall.tokens / lastCall.calls : 0;
  const tokens = Math.max(fromInput, Math.ceil(perCall));
  const priced = lastCall !== undefined && lastCall.tokens > 0 && lastCall.costUsd > 0;
  const pricePerToken = priced ? lastCall.costUsd / lastCall.tokens : (usdPerTokenHint ?? 0);
  return { tokens, costUsd: Math.round(tokens * pricePerToken * 1e9) / 1e9 };
}

/** The spending limits a raise may change. */
export type BudgetLimits = Pick<GoalBudget, 'maxTokens' | 'maxCostUsd'>;

/** Why the next call may not be made (`budget_exceeded`), or undefined when it fits. */
export function budgetShortfall(limits: BudgetLimits, used: Pick<Usage, 'tokens' | 'costUsd'>, next: CallEstimate, what = 'the next LLM call'): ErrorInfo | undefined {
  const overTokens = limits.maxTokens !== undefined && used.tokens + next.tokens > limits.maxTokens;
  const overCost = limits.maxCostUsd !== undefined && used.costUsd + next.costUsd > limits.maxCostUsd;
  if (!overTokens && !overCost) return undefined;
  const parts = [
    overTokens ? `${used.tokens} tokens used + ~${next.tokens} estimated > maxTokens ${limits.maxTokens}` : undefined,
    overCost ? `$${used.costUsd} used + ~$${next.costUsd} estimated > maxCostUsd $${limits.maxCostUsd}` : undefined,
  ].filter(Boolean);
  return { code: 'budget_exceeded', detail: `${what} would exceed the goal's budget: ${parts.join('; ')}` };
}

/**
 * Checks a raise request: at least one limit, positive finite numbers, each above the current limit (a
 * limit that is not set is unlimited and cannot be raised). Returns the problem, or undefined.
 */
export function raiseProblem(current: BudgetLimits, raise: BudgetLimits): string | undefined {
  if (!raise || (raise.maxTokens === undefined && raise.maxCostUsd === undefined)) return 'give maxTokens and/or maxCostUsd';
  for (const key of ['maxTokens', 'maxCostUsd'] as const) {
    const value = raise[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return `${key} must be a positive number`;
    if (key === 'maxTokens' && !Number.isInteger(value)) return 'maxTokens must be a whole number';
    const now = current[key];
    if (now === undefined) return `${key} is not limited, so it cannot be raised`;
    if (value <= now) return `${key} must be raised above the current ${now}`;
  }
  return undefined;
}
