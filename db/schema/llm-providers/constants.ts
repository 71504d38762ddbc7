/** LLM provider kinds (api-contract.md, "LLM providers and usage"). LM Studio speaks the OpenAI wire format. */
export const PROVIDER_KINDS = ['offline', 'openai', 'anthropic', 'ollama', 'lmstudio'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Prices per million tokens; absent means the deployment's price table (ANANTA_LLM_PRICES) applies. */
export interface ProviderPrices {
  inputPerMTokUsd: number;
  outputPerMTokUsd: number;
}

/** The LLM call purposes (LlmPurpose in activities/llm/provider.ts) a provider can give a fallback model of its own. */
export const FALLBACK_ROLES = ['plan', 'propose_step', 'detect_followups'] as const;
export type FallbackRole = (typeof FALLBACK_ROLES)[number];

/** A fallback model per role; a role without one uses the provider's single `fallbackModel`. */
export type FallbackModels = Partial<Record<FallbackRole, string>>;
