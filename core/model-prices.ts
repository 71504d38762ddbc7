/**
 * Model prices in USD per million tokens, and the models used when none is configured. Pure data and
 * lookups, shared by the LLM activities (which price each call) and the API (which looks up a goal's
 * price per token when it starts, so a USD budget bites from the first call).
 */

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

/** Used when no model is configured. Local servers discover what their operator loaded. */
export const DEFAULT_MODELS = { openai: 'gpt-4.1-mini', anthropic: 'claude-sonnet-4-5', ollama: 'auto', lmstudio: 'auto' } as const;

/** The dearer of a price's input and output rate, per token: a ceiling for an estimate that cannot split the two. */
export const usdPerTokenCeiling = (price: ModelPrice): number => Math.max(price.inputPerMTokUsd, price.outputPerMTokUsd) / 1_000_000;
