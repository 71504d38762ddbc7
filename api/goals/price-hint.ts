/**
 * The price per token a goal's LLM calls will cost, looked up when the goal starts, so the workflow's
 * budget check can price its first call (it cannot look anything up itself). The provider is found the
 * way the LLM worker finds it (template's, team's, default row, environment) and priced the way the
 * worker prices it (the row's own prices, the deployment's ANANTA_LLM_PRICES, the built-in table for
 * hosted vendors; local models are free unless priced). Undefined when nothing prices the model.
 */
import { BUILT_IN_PRICES, DEFAULT_MODELS, findPrice, usdPerTokenCeiling, type PriceTable } from '../../core/model-prices';
import { getProviderForCall } from '../../db/queries/llm-providers';
import type { ProviderKind } from '../../db/schema';
import type { ApiContext } from '../context';

const HOSTED: ReadonlySet<ProviderKind> = new Set(['openai', 'anthropic']);

export async function lookUpUsdPerToken(app: Pick<ApiContext, 'db' | 'config'>, ids: { teamId?: string; templateId?: string }): Promise<number | undefined> {
  const env = app.config.env;
  const row = await getProviderForCall(app.db, ids);
  const kind: ProviderKind = row?.kind ?? env.ANANTA_LLM_PROVIDER;
  if (kind === 'offline') return undefined;
  const model = row?.model ?? env.ANANTA_LLM_MODEL ?? DEFAULT_MODELS[kind];
  const table: PriceTable = {
    ...(HOSTED.has(kind) ? BUILT_IN_PRICES : {}),
    ...env.ANANTA_LLM_PRICES,
    ...(row?.prices ? { [model]: row.prices } : {}),
  };
  const price = findPrice(table, model);
  return price ? usdPerTokenCeiling(price) : undefined;
}
