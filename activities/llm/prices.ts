/**
 * What a call cost: tokens × a price table in USD per million tokens. The built-in table covers common
 * hosted models; a deployment overrides or extends it (ANANTA_LLM_PRICES) when a vendor changes prices
 * or serves a model we do not list. A model nobody priced costs 0, and the worker says so once.
 */
import { log } from '@temporalio/activity';
import { BUILT_IN_PRICES, findPrice, type ModelPrice, type PriceTable } from '../../core/model-prices';
import type { LlmResponse } from './provider';

export { BUILT_IN_PRICES, findPrice, type ModelPrice, type PriceTable };

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
