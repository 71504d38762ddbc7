/**
 * What a call cost: tokens × a price table in USD per million tokens. The built-in table covers common
 * hosted models; a deployment overrides or extends it (ANANTA_LLM_PRICES) when a vendor changes prices
 * or serves a model we do not list. A model nobody priced costs 0, and the worker says so once.
 */
import { log } from '@temporalio/activity';
import type { LlmResponse } from './provider';

export interface ModelPrice {
  inputPerMTokUsd: number;
  outputPerMTokUsd: number;
}

export type PriceTable = Record<string, ModelPrice>;

const p = (inputPerMTokUsd: number, outputPerMTokUsd: number): ModelPrice => ({ inputPerMTokUsd, outputPerMTokUsd });

/** List prices (standard tier, no caching or batch discounts) as published by the vendors. */
export const BUILT_IN_PRICES: PriceTable = {
  'gpt-5': p(1.25, 10),
  'gpt-5-mini': p(0.25, 2),
  'gpt-5-nano': p(0.05, 0.4),
  'gpt-4.1': p(2, 8),
  'gpt-4.1-mini': p(0.4, 1.6),
  'gpt-4.1-nano': p(0.1, 0.4),
  'gpt-4o': p(2.5, 10),
  'gpt-4o-mini': p(0.15, 0.6),
  'o3': p(2, 8),
  'o3-mini': p(1.1, 4.4),
  'o4-mini': p(1.1, 4.4),
  'claude-opus-4-5': p(5, 25),
  'claude-opus-4-1': p(15, 75),
  'claude-opus-4': p(15, 75),
  'claude-sonnet-4-5': p(3, 15),
  'claude-sonnet-4': p(3, 15),
  'claude-3-7-sonnet': p(3, 15),
  'claude-haiku-4-5': p(1, 5),
  'claude-3-5-haiku': p(0.8, 4),
};

export interface Pricing {
  costUsd(model: string, inputTokens: number, outputTokens: number): number;
}

/** The provider's answer with its cost, priced by the model that actually served it. */
export function pricedResponse(pricing: Pricing, answer: { text: string; model: string; inputTokens: number; outputTokens: number }): LlmResponse {
  return { ...answer, costUsd: pricing.costUsd(answer.model, answer.inputTokens, answer.outputTokens) };
}

export interface PricingOptions {
  /** The deployment's prices; they win over the built-in table. */
  overrides?: PriceTable;
  /** Defaults to BUILT_IN_PRICES. Local servers pass `{}`: their models cost nothing unless priced. */
  builtIn?: PriceTable;
  /** Local models are free by nature, so an unpriced one is not worth a warning. */
  quietWhenUnpriced?: boolean;
  /** Defaults to the activity logger: costs are computed inside the LLM activity. */
  warn?: (message: string) => void;
}

/**
 * Finds the price of `model`: an exact key, else the longest key that is a dated or suffixed
 * variant's stem ("gpt-4o-2024-08-06" → "gpt-4o", "claude-sonnet-4-5-20250929" → "claude-sonnet-4-5").
 */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  if (table[model]) return table[model];
  const stems = Object.keys(table).filter((key) => model.startsWith(`${key}-`) || model.startsWith(`${key}:`));
  const longest = stems.sort((a, b) => b.length - a.length)[0];
  return longest === undefined ? undefined : table[longest];
}

/** The activity logger; outside an activity (a provider called directly) there is none, so Node's warning. */
function activityWarn(message: string): void {
  try {
    log.warn(message);
  } catch {
    process.emitWarning(message);
  }
}

export function createPricing(opts: PricingOptions = {}): Pricing {
  const warn = opts.warn ?? activityWarn;
  const warned = new Set<string>();
  // One merged table, so the most specific entry wins: an override of "gpt-4o" must not price "gpt-4o-mini".
  const table: PriceTable = { ...(opts.builtIn ?? BUILT_IN_PRICES), ...opts.overrides };
  return {
    costUsd(model, inputTokens, outputTokens) {
      const price = findPrice(table, model);
      if (!price) {
        if (!opts.quietWhenUnpriced && !warned.has(model)) {
          warned.add(model);
          warn(`no price known for model "${model}": its calls are recorded with cost 0 (set ANANTA_LLM_PRICES to price it)`);
        }
        return 0;
      }
      const usd = (inputTokens * price.inputPerMTokUsd + outputTokens * price.outputPerMTokUsd) / 1_000_000;
      // Rounded to nano-dollars so float noise (0.30000000000000004) never reaches stored usage.
      return Math.round(usd * 1e9) / 1e9;
    },
  };
}
