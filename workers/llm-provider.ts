/** Picks the LLM provider from configuration. Vendor adapters arrive with their own issue. */
import type { AppConfig } from '../core/config';
import { createOfflineProvider } from '../activities/llm/offline-provider';
import type { LlmProvider } from '../activities/llm/provider';

export function providerFromConfig(config: AppConfig): LlmProvider {
  if (config.env.ANANTA_LLM_PROVIDER !== 'offline') {
    throw new Error(`ANANTA_LLM_PROVIDER=${config.env.ANANTA_LLM_PROVIDER} is not available yet; only "offline" is built in this version`);
  }
  return createOfflineProvider();
}
