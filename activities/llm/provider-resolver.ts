/**
 * Which provider serves an LLM call: the goal's template's, else its team's, else the default row of
 * /providers, else the deployment's environment. Workflows pass only ids (goal, task, team); the
 * resolver reads the row and decrypts its API key here, in the LLM worker, so keys never enter workflow
 * inputs or history. Lookups are cached briefly (a change in /providers reaches workers within the
 * TTL) and clients are reused per row version.
 */
import { ApplicationFailure } from '@temporalio/common';
import { decryptSecret } from '../../core/secret-box';
import type { Db } from '../../db/client';
import { getProviderForCall, type ProviderSecretRow } from '../../db/queries/llm-providers';
import type { PriceTable } from './prices';
import type { LlmProvider, LlmPurpose } from './provider';
import { buildProvider, type ProviderSpec } from './provider-factory';
import { LLM_AUTH_FAILED } from './vendors/vendor-errors';

export type CallIds = { goalId?: string; taskId?: string; teamId?: string };

/** The same provider with another model, its client built on first use. */
export interface FallbackProvider {
  model: string;
  provider(): LlmProvider;
}

/** A provider ready for one call: its client, and the names its circuit breaker and rate limit are keyed by. */
export interface ResolvedProvider {
  /** Recorded with usage: the row's name, or the environment's vendor. */
  name: string;
  /** The configured model (or `auto`). */
  model: string;
  provider: LlmProvider;
  /** The fallback for every purpose without one of its own; absent when none is configured. */
  fallback?: FallbackProvider;
  /** A fallback per purpose, which wins over `fallback` for calls of that purpose. */
  fallbacks?: Partial<Record<LlmPurpose, FallbackProvider>>;
}

export interface ProviderResolverDeps {
  db: Db;
  /** The environment's provider, used when no row applies. */
  environment: ResolvedProvider;
  /** The key that decrypts stored API keys (core/secret-box). */
  secretKey(): Promise<Buffer>;
  /** The deployment's price table (ANANTA_LLM_PRICES). */
  prices?: PriceTable;
  /** Per call, for rows without timeoutSeconds. */
  defaultTimeoutMs: number;
  ttlMs?: number;
  now?(): number;
}

export interface ProviderResolver {
  resolve(ids: CallIds): Promise<ResolvedProvider>;
}

export function createProviderResolver(deps: ProviderResolverDeps): ProviderResolver {
  const ttlMs = deps.ttlMs ?? 10_000;
  const now = deps.now ?? Date.now;
  const lookups = new Map<string, { at: number; row: Promise<ProviderSecretRow | undefined> }>();
  const built = new Map<string, ResolvedProvider>();

  function lookup(ids: CallIds): Promise<ProviderSecretRow | undefined> {
    const key = `${ids.goalId ?? ''}|${ids.taskId ?? ''}|${ids.teamId ?? ''}`;
    const cached = lookups.get(key);
    if (cached && now() - cached.at < ttlMs) return cached.row;
    if (lookups.size > 1000) for (const [k, v] of lookups) if (now() - v.at >= ttlMs) lookups.delete(k);
    const row = getProviderForCall(deps.db, ids);
    row.catch(() => lookups.delete(key));
    lookups.set(key, { at: now(), row });
    return row;
  }

  async function specOf(row: ProviderSecretRow): Promise<ProviderSpec> {
    let apiKey: string | undefined;
    if (row.apiKeyCipher) {
      try {
        apiKey = decryptSecret(await deps.secretKey(), row.apiKeyCipher);
      } catch {
        throw ApplicationFailure.nonRetryable(`the stored API key of LLM provider ${row.name} cannot be decrypted (was ANANTA_SECRET_KEY changed?)`, LLM_AUTH_FAILED);
      }
    }
    // The row's own price applies to the models it names; everything else falls back to the deployment's table.
    const models = [row.model, row.fallbackModel, ...Object.values(row.fallbackModels ?? {})].filter((m): m is string => !!m);
    const own = row.prices ? Object.fromEntries(models.map((m) => [m, row.prices!])) : {};
    return {
      name: row.name, kind: row.kind, baseUrl: row.baseUrl ?? undefined, model: row.model, apiKey,
      timeoutMs: row.timeoutSeconds ? row.timeoutSeconds * 1000 : deps.defaultTimeoutMs, temperature: row.temperature ?? undefined,
      prices: { ...deps.prices, ...own },
    };
  }

  return {
    async resolve(ids) {
      const row = await lookup(ids);
      if (!row) return deps.environment;
      const version = `${row.id}@${row.updatedAt.getTime()}`;
      const existing = built.get(version);
      if (existing) return existing;
      const spec = await specOf(row);
      // One client per fallback model, however many roles name it.
      const clients = new Map<string, LlmProvider>();
      const fallbackTo = (model: string): FallbackProvider => ({
        model,
        provider: () => {
          let client = clients.get(model);
          if (!client) clients.set(model, (client = buildProvider({ ...spec, model })));
          return client;
        },
      });
      const perRole = Object.entries(row.fallbackModels ?? {}).filter(([, model]) => !!model);
      const resolved: ResolvedProvider = {
        name: spec.name, model: spec.model, provider: buildProvider(spec),
        fallback: row.fallbackModel ? fallbackTo(row.fallbackModel) : undefined,
        fallbacks: perRole.length > 0 ? Object.fromEntries(perRole.map(([role, model]) => [role, fallbackTo(model)])) : undefined,
      };
      for (const key of built.keys()) if (key.startsWith(`${row.id}@`)) built.delete(key);
      built.set(version, resolved);
      return resolved;
    },
  };
}
