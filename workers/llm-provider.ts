/**
 * Picks the deployment's LLM provider from the environment (ANANTA_LLM_PROVIDER, ANANTA_LLM_MODEL and
 * each SDK's own variables): what a goal uses when neither its template, nor its team, nor a default
 * row of /providers names one. API keys are read here, in the worker process, and handed only to the
 * SDK client: they never enter workflow inputs, history or logs. A hosted vendor without its key is a
 * start-up error, not a failure on the first goal.
 */
import type { AppConfig } from '../core/config';
import { buildProvider, DEFAULT_LMSTUDIO_BASE_URL, DEFAULT_MODELS, type ProviderSpec } from '../activities/llm/provider-factory';
import { createLlmRateLimit } from '../activities/llm/llm-rate-limit';
import type { LlmProvider } from '../activities/llm/provider';
import { createProviderResolver } from '../activities/llm/provider-resolver';
import { createProviderRouter, type ProviderRouter } from '../activities/llm/provider-router';
import { resolveSecretKey, SECRET_KEY_SETTING } from '../core/secret-box';
import type { Db } from '../db/client';
import { getOrCreateSetting } from '../db/queries/settings';

export { DEFAULT_LMSTUDIO_BASE_URL, DEFAULT_MODELS };

function requireKey(value: string | undefined, variable: string, provider: string): string {
  if (!value) throw new Error(`ANANTA_LLM_PROVIDER=${provider} needs ${variable}: set it in the worker's environment`);
  return value;
}

/** The environment's provider as a description (also what the resolver keys its circuit breakers by). */
export function providerSpecFromConfig(config: AppConfig): ProviderSpec {
  const { env } = config;
  const kind = env.ANANTA_LLM_PROVIDER;
  const base = { name: kind, kind, timeoutMs: env.ANANTA_LLM_TIMEOUT_SECONDS * 1000, prices: env.ANANTA_LLM_PRICES };
  switch (kind) {
    case 'offline':
      return { ...base, model: 'offline' };
    case 'openai':
      return { ...base, apiKey: requireKey(env.OPENAI_API_KEY, 'OPENAI_API_KEY', kind), baseUrl: env.OPENAI_BASE_URL, model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.openai };
    case 'lmstudio':
      return { ...base, baseUrl: env.LMSTUDIO_BASE_URL ?? DEFAULT_LMSTUDIO_BASE_URL, model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.lmstudio };
    case 'anthropic':
      return { ...base, apiKey: requireKey(env.ANTHROPIC_API_KEY, 'ANTHROPIC_API_KEY', kind), baseUrl: env.ANTHROPIC_BASE_URL, model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.anthropic };
    case 'ollama':
      return { ...base, apiKey: env.OLLAMA_API_KEY, baseUrl: env.OLLAMA_HOST, model: env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS.ollama };
  }
}

export function providerFromConfig(config: AppConfig): LlmProvider {
  return buildProvider(providerSpecFromConfig(config));
}

/**
 * The LLM pool's router: providers resolved per call from /providers (keys decrypted here with the
 * deployment's secret key), the environment's provider when no row applies, circuit breakers, fallback
 * models and the shared rate limit (ANANTA_LLM_RATE_LIMIT_PER_MINUTE).
 */
export function createLlmRouter(opts: { config: AppConfig; db: Db; environment: LlmProvider }): ProviderRouter {
  const { config, db, environment } = opts;
  const { env } = config;
  let key: Promise<Buffer> | undefined;
  const secretKey = () => {
    key ??= resolveSecretKey({ fromEnv: env.ANANTA_SECRET_KEY, loadStored: (create) => getOrCreateSetting(db, SECRET_KEY_SETTING, create) });
    key.catch(() => (key = undefined));
    return key;
  };
  const resolver = createProviderResolver({
    db, secretKey, prices: env.ANANTA_LLM_PRICES, defaultTimeoutMs: env.ANANTA_LLM_TIMEOUT_SECONDS * 1000,
    environment: { name: environment.name, model: env.ANANTA_LLM_MODEL ?? 'default', provider: environment },
  });
  const rateLimit = env.ANANTA_LLM_RATE_LIMIT_PER_MINUTE
    ? createLlmRateLimit({ points: env.ANANTA_LLM_RATE_LIMIT_PER_MINUTE, redisUrl: env.REDIS_URL, warn: (message, err) => process.emitWarning(`${message}: ${String(err)}`) })
    : undefined;
  return createProviderRouter({ resolver, rateLimit });
}
