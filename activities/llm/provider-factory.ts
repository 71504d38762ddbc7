/**
 * Builds a vendor client from one provider description — the same code whether the description comes
 * from the environment (workers/llm-provider.ts) or from a row of /providers (provider-resolver.ts).
 * The key is handed only to the SDK client.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ProviderKind } from '../../db/schema';
import { createOfflineProvider } from './offline-provider';
import { createPricing, type PriceTable } from './prices';
import type { LlmProvider } from './provider';
import { createAnthropicProvider } from './vendors/anthropic-provider';
import { createOllamaProvider } from './vendors/ollama-provider';
import { createOpenAiProvider } from './vendors/openai-provider';
import { LLM_AUTH_FAILED } from './vendors/vendor-errors';

export { DEFAULT_MODELS } from '../../core/model-prices';
export const DEFAULT_LMSTUDIO_BASE_URL = 'http://localhost:1234/v1';

export interface ProviderSpec {
  /** Recorded with usage and metrics: the vendor for the environment's provider, the row's name for a configured one. */
  name: string;
  kind: ProviderKind;
  baseUrl?: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  temperature?: number;
  /** The deployment's price table (ANANTA_LLM_PRICES), then the provider's own price for its model. */
  prices?: PriceTable;
}

/** A hosted vendor without a key cannot work: fail at once, never retry. */
function requireKey(spec: ProviderSpec): string {
  if (!spec.apiKey) throw ApplicationFailure.nonRetryable(`LLM provider ${spec.name} (${spec.kind}) has no API key`, LLM_AUTH_FAILED);
  return spec.apiKey;
}

export function buildProvider(spec: ProviderSpec): LlmProvider {
  const { timeoutMs, temperature, model } = spec;
  const hostedPricing = () => createPricing({ overrides: spec.prices });
  // Local models cost nothing unless the deployment prices them.
  const localPricing = () => createPricing({ overrides: spec.prices, builtIn: {}, quietWhenUnpriced: true });
  switch (spec.kind) {
    case 'offline':
      return createOfflineProvider();
    case 'openai':
      return createOpenAiProvider({
        name: spec.name, apiKey: requireKey(spec), baseURL: spec.baseUrl, model, timeoutMs, temperature, pricing: hostedPricing(), jsonMode: 'json_object',
      });
    case 'lmstudio':
      // LM Studio ignores the key, but the OpenAI SDK insists on one.
      return createOpenAiProvider({
        name: spec.name, apiKey: spec.apiKey ?? 'lm-studio', baseURL: spec.baseUrl ?? DEFAULT_LMSTUDIO_BASE_URL, model, timeoutMs, temperature,
        pricing: localPricing(), jsonMode: 'object_schema',
      });
    case 'anthropic':
      return createAnthropicProvider({ name: spec.name, apiKey: requireKey(spec), baseURL: spec.baseUrl, model, timeoutMs, temperature, pricing: hostedPricing() });
    case 'ollama':
      return createOllamaProvider({ name: spec.name, host: spec.baseUrl, apiKey: spec.apiKey, model, timeoutMs, temperature, pricing: localPricing() });
  }
}
