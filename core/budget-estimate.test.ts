import { budgetShortfall, COMPLETION_ALLOWANCE_TOKENS, estimateCall, raiseProblem } from './budget-estimate';
import { addUsage, emptyUsage } from './usage';

const usage = (calls: number, inputTokens: number, outputTokens: number, costUsd: number) =>
  addUsage(emptyUsage(), { calls, inputTokens, outputTokens, costUsd });

describe('estimateCall', () => {
  test('with no earlier call: input characters / 4 (rounded up) plus the completion allowance, at no known cost', () => {
    expect(estimateCall({ inputChars: 401 })).toEqual({ tokens: 101 + COMPLETION_ALLOWANCE_TOKENS, costUsd: 0 });
    expect(estimateCall({ inputChars: 0, completionAllowance: 10 })).toEqual({ tokens: 10, costUsd: 0 });
  });

  test('never less than the last call used, per vendor call; priced at the last call\'s cost per token', () => {
    // Two vendor calls (an answer and a repair) of 1500 tokens each: the next is estimated at 1500.
    const last = usage(2, 2000, 1000, 0.03);
    expect(estimateCall({ inputChars: 40, lastCall: last, completionAllowance: 10 })).toEqual({ tokens: 1500, costUsd: 0.015 });
  });

  test('before any priced call the hint prices the estimate; a priced last call wins over it', () => {
    expect(estimateCall({ inputChars: 0, completionAllowance: 1000, usdPerTokenHint: 0.00001 })).toEqual({ tokens: 1000, costUsd: 0.01 });
    // An unpriced last call (an unpriced model answered) leaves the hint in charge.
    expect(estimateCall({ inputChars: 0, completionAllowance: 1000, lastCall: usage(1, 10, 5, 0), usdPerTokenHint: 0.00001 }).costUsd).toBe(0.01);
    expect(estimateCall({ inputChars: 0, completionAllowance: 1000, lastCall: usage(1, 600, 400, 0.002), usdPerTokenHint: 0.00001 }).costUsd).toBe(0.002);
  });

  test('a large input outweighs a small last call', () => {
    const est = estimateCall({ inputChars: 8000, lastCall: usage(1, 10, 5, 0.0001), completionAllowance: 500 });
    expect(est.tokens).toBe(2500);
    expect(est.costUsd).toBeCloseTo((2500 * 0.0001) / 15, 9);
  });
});

describe('budgetShortfall', () => {
  const used = { tokens: 900, costUsd: 0.5 };
  test('fits: undefined, including exactly at the limit and with no limits', () => {
    expect(budgetShortfall({ maxTokens: 1000 }, used, { tokens: 100, costUsd: 0 })).toBeUndefined();
    expect(budgetShortfall({}, used, { tokens: 1e9, costUsd: 1e9 })).toBeUndefined();
  });
  test('over tokens or cost: budget_exceeded naming what would break', () => {
    expect(budgetShortfall({ maxTokens: 1000 }, used, { tokens: 101, costUsd: 0 }, 'planning')).toEqual({
      code: 'budget_exceeded', detail: "planning would exceed the goal's budget: 900 tokens used + ~101 estimated > maxTokens 1000",
    });
    expect(budgetShortfall({ maxTokens: 5000, maxCostUsd: 0.6 }, used, { tokens: 10, costUsd: 0.2 })?.detail).toMatch(/maxCostUsd \$0.6$/);
  });
});

describe('raiseProblem', () => {
  const current = { maxTokens: 1000, maxCostUsd: 1 };
  test.each([
    [{}, 'give maxTokens and/or maxCostUsd'],
    [{ maxTokens: 0 }, 'maxTokens must be a positive number'],
    [{ maxTokens: -5 }, 'maxTokens must be a positive number'],
    [{ maxCostUsd: Number.NaN }, 'maxCostUsd must be a positive number'],
    [{ maxTokens: 10.5 }, 'maxTokens must be a whole number'],
    [{ maxTokens: 1000 }, 'maxTokens must be raised above the current 1000'],
    [{ maxTokens: 2000, maxCostUsd: 0.5 }, 'maxCostUsd must be raised above the current 1'],
  ])('%j → %s', (raise, problem) => {
    expect(raiseProblem(current, raise)).toBe(problem);
  });
  test('an unlimited limit cannot be raised; a real raise passes', () => {
    expect(raiseProblem({ maxTokens: 1000 }, { maxCostUsd: 2 })).toBe('maxCostUsd is not limited, so it cannot be raised');
    expect(raiseProblem(current, { maxTokens: 1001 })).toBeUndefined();
    expect(raiseProblem(current, { maxTokens: 5000, maxCostUsd: 2 })).toBeUndefined();
  });
});
