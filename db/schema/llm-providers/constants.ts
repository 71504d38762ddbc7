/** LLM provider kinds (api-contract.md, "LLM providers and usage"). LM Studio speaks the OpenAI wire format. */
export const PROVIDER_KINDS = ['offline', 'openai', 'anthropic', 'ollama', 'lmstudio'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Prices per million tokens; absent means the deployment's price table (ANANTA_LLM_PRICES) applies. */
export interface ProviderPrices {
  inputPerMTokUsd: number;
  outputPerMTokUsd: number;
}
