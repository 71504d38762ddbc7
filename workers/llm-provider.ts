/**
 * Picks the deployment's LLM provider from the environment (ANANTA_LLM_PROVIDER, ANANTA_LLM_MODEL and
 * each SDK's own variables). API keys are read here, in the worker process, and handed only to the SDK
 * client: they never enter workflow inputs, history or logs. A hosted vendor without its key is a
 * start-up error, not a failure on the first goal.
 */
import type { AppConfig } from '../core/config';
import { createOfflineProvider } from '../activities/llm/offline-provider';
import { createPricing } from '../activities/llm/prices';
import type { LlmProvider } from '../activities/llm/provider';
import { createAnthropicProvider } from '../activities/llm/vendors/anthropic-provider';
import { createOllamaProvider } from '../activities/llm/vendors/ollama-provider';
import { createOpenAiProvider } from '../activities/llm/vendors/openai-provider';

/** Used when ANANTA_LLM_MODEL is unset. Local servers discover what their operator loaded. */
export const DEFAULT_MODELS = { openai: 'gpt-4.1-mini', anthropic: 'claude-sonnet-4-5', ollama: 'auto', lmstudio: 'auto' } as const;

export const DEFAULT_LMSTUDIO_BASE_URL = 'http://localhost:1234/v1';

function requireKey(value: string | undefined, variable: string, provider: string): string {
  if (!value) throw new Error(`ANANTA_LLM_PROVIDER=${provider} needs ${variable}: set it in the worker's environment`);
  return value;
}

export function providerFromConfig(config: AppConfig): LlmProvider {
  const { env } = config;
  const timeoutMs = env.ANANTA_LLM_TIMEOUT_SECONDS * 1000;
  const hostedPricing = () => createPricing({ overrides: env.ANANTA_LLM_PRICES });
  // Local models cost nothing unless the deployment prices them.
  const localPricing = () => createPricing({ overrides: env.ANANTA_LLM_PRICES, builtIn: {}, quietWhenUnpriced: true });

  switch (env.ANANTA_LLM_PROVIDER) {
    case 'offline':
      return createOfflineProvider();
    case 'openai':
      return createOpenAiProvider({
        name: 'openai', apiKey: requireKey(env.OPENAI_API_KEY, 'OPENAI_API_KEY', 'openai'), baseURL: env.OPENAI_BASE_URL,
        model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.openai, timeoutMs, pricing: hostedPricing(), jsonMode: 'json_object',
      });
    case 'lmstudio':
      // LM Studio ignores the key, but the OpenAI SDK insists on one.
      return createOpenAiProvider({
        name: 'lmstudio', apiKey: 'lm-studio', baseURL: env.LMSTUDIO_BASE_URL ?? DEFAULT_LMSTUDIO_BASE_URL,
        model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.lmstudio, timeoutMs, pricing: localPricing(), jsonMode: 'object_schema',
      });
    case 'anthropic':
      return createAnthropicProvider({
        apiKey: requireKey(env.ANTHROPIC_API_KEY, 'ANTHROPIC_API_KEY', 'anthropic'), baseURL: env.ANTHROPIC_BASE_URL,
        model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.anthropic, timeoutMs, pricing: hostedPricing(),
      });
    case 'ollama':
      return createOllamaProvider({
        host: env.OLLAMA_HOST, apiKey: env.OLLAMA_API_KEY,
        model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.ollama, timeoutMs, pricing: localPricing(),
      });
  }
}
