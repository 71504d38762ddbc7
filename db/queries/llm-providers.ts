/**
 * LLM providers, and the provider/daily-budget settings of teams and templates. Reads for listing and
 * the API return `ProviderRow`, which says `hasApiKey` and never carries the ciphertext; only
 * `getProviderForCall` (the LLM worker's resolution) reads the cipher.
 */
import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { goals, llmProviders, tasks, teams, templates, usageRecords, type FallbackModels, type ProviderKind, type ProviderPrices } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type ProviderRow = {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string | null;
  model: string;
  fallbackModel: string | null;
  fallbackModels: FallbackModels | null;
  hasApiKey: boolean;
  temperature: number | null;
  timeoutSeconds: number | null;
  prices: ProviderPrices | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** A provider as the LLM worker needs it: with the encrypted key. */
export type ProviderSecretRow = Omit<ProviderRow, 'hasApiKey'> & { apiKeyCipher: string | null };

const providerColumns = {
  id: llmProviders.id,
  name: llmProviders.name,
  kind: llmProviders.kind,
  baseUrl: llmProviders.baseUrl,
  model: llmProviders.model,
  fallbackModel: llmProviders.fallbackModel,
  fallbackModels: llmProviders.fallbackModels,
  hasApiKey: sql<boolean>`(${llmProviders.apiKeyCipher} is not null)`.as('has_api_key'),
  temperature: llmProviders.temperature,
  timeoutSeconds: llmProviders.timeoutSeconds,
  prices: llmProviders.prices,
  isDefault: llmProviders.isDefault,
  createdAt: llmProviders.createdAt,
  updatedAt: llmProviders.updatedAt,
};

const { hasApiKey: _hasApiKey, ...plainColumns } = providerColumns;
const secretColumns = { ...plainColumns, apiKeyCipher: llmProviders.apiKeyCipher };

export type ProviderFields = {
  name?: string;
  kind?: ProviderKind;
  baseUrl?: string | null;
  model?: string;
  fallbackModel?: string | null;
  fallbackModels?: FallbackModels | null;
  apiKeyCipher?: string | null;
  temperature?: number | null;
  timeoutSeconds?: number | null;
  prices?: ProviderPrices | null;
  isDefault?: boolean;
};

/** A new default takes over from the previous one in the same transaction (the partial unique index backs it). */
async function clearOtherDefaults(db: Db, keepId: string): Promise<void> {
  await db.update(llmProviders).set({ isDefault: false, updatedAt: sql`now()` }).where(and(eq(llmProviders.isDefault, true), ne(llmProviders.id, keepId)));
}

/** A change of the per-role fallbacks: a model sets the role, null removes it, a role left out stays. */
export type FallbackModelsPatch = { [R in keyof FallbackModels]?: string | null };

/**
 * Merges a patch into the stored roles in the one UPDATE, so two concurrent changes of different roles
 * both hold; no role left means null, the same as never having set one.
 */
const mergedFallbackModels = (patch: FallbackModelsPatch) =>
  sql`nullif(jsonb_strip_nulls(coalesce(${llmProviders.fallbackModels}, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb), '{}'::jsonb)`;

export async function insertProvider(db: Db, input: ProviderFields & { id: string; name: string; kind: ProviderKind; model: string }): Promise<ProviderRow> {
  const fallbackModels = input.fallbackModels && Object.keys(input.fallbackModels).length > 0 ? input.fallbackModels : null;
  return driverErrors(
    db.transaction(async (tx) => {
      if (input.isDefault) await clearOtherDefaults(tx, input.id);
      const [row] = await tx.insert(llmProviders).values({ ...input, fallbackModels }).returning(providerColumns);
      return row!;
    }),
  );
}

/**
 * Changes the given fields; undefined ones stay. `fallbackModels` is merged role by role (null clears
 * them all). Undefined for an unknown id.
 */
export async function updateProvider(
  db: Db, id: string, fields: Omit<ProviderFields, 'fallbackModels'> & { fallbackModels?: FallbackModelsPatch | null },
): Promise<ProviderRow | undefined> {
  const { fallbackModels, ...rest } = fields;
  const set = {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(fallbackModels === undefined ? {} : { fallbackModels: fallbackModels === null ? null : mergedFallbackModels(fallbackModels) }),
  };
  return driverErrors(
    db.transaction(async (tx) => {
      if (fields.isDefault) await clearOtherDefaults(tx, id);
      const [row] = await tx.update(llmProviders).set({ ...set, updatedAt: sql`now()` }).where(eq(llmProviders.id, id)).returning(providerColumns);
      return row;
    }),
  );
}

export async function deleteProvider(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(llmProviders).where(eq(llmProviders.id, id)).returning({ id: llmProviders.id });
  return rows.length > 0;
}

export async function getProvider(db: Db, id: string): Promise<ProviderRow | undefined> {
  const [row] = await db.select(providerColumns).from(llmProviders).where(eq(llmProviders.id, id));
  return row;
}

export async function listProviders(db: Db, opts: { limit?: number; cursor?: string } = {}): Promise<Page<ProviderRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(providerColumns)
    .from(llmProviders)
    .where(afterCursor(llmProviders, opts.cursor))
    .orderBy(...newestFirst(llmProviders))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** One provider with its encrypted key (POST /providers/{id}/test, and the worker's resolution). */
export async function getProviderSecret(db: Db, id: string): Promise<ProviderSecretRow | undefined> {
  const [row] = await db.select(secretColumns).from(llmProviders).where(eq(llmProviders.id, id));
  return row;
}

/**
 * The provider for an LLM call of a goal or task: the goal's template's, else the team's, else the
 * default row; undefined means the deployment's environment. The team is the goal's (or the task's,
 * for a standalone task) when known, else the one the caller names; likewise the template (a goal about to
 * start has no row yet, so its caller names both).
 */
export async function getProviderForCall(db: Db, ids: { goalId?: string; taskId?: string; teamId?: string; templateId?: string }): Promise<ProviderSecretRow | undefined> {
  let templateId: string | null = ids.templateId ?? null;
  let teamId = ids.teamId ?? null;
  if (ids.goalId) {
    const [goal] = await db.select({ templateId: goals.templateId, teamId: goals.teamId }).from(goals).where(eq(goals.id, ids.goalId));
    templateId = goal?.templateId ?? templateId;
    teamId = goal?.teamId ?? teamId;
  } else if (ids.taskId && !teamId) {
    const [task] = await db.select({ teamId: tasks.teamId }).from(tasks).where(eq(tasks.id, ids.taskId));
    teamId = task?.teamId ?? null;
  }
  const candidates: string[] = [];
  if (templateId) {
    const [t] = await db.select({ providerId: templates.providerId }).from(templates).where(eq(templates.id, templateId));
    if (t?.providerId) candidates.push(t.providerId);
  }
  if (teamId) {
    const [t] = await db.select({ providerId: teams.providerId }).from(teams).where(eq(teams.id, teamId));
    if (t?.providerId) candidates.push(t.providerId);
  }
  for (const id of candidates) {
    const row = await getProviderSecret(db, id);
    if (row) return row;
  }
  const [fallback] = await db.select(secretColumns).from(llmProviders).where(eq(llmProviders.isDefault, true));
  return fallback;
}

export type DailyBudget = { maxTokens?: number; maxCostUsd?: number };
export type TeamLlmSettings = { providerId: string | null; dailyBudget: DailyBudget | null };

export async function getTeamLlmSettings(db: Db, teamIds: string[]): Promise<Map<string, TeamLlmSettings>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .select({ id: teams.id, providerId: teams.providerId, dailyBudget: teams.dailyBudget })
    .from(teams)
    .where(inArray(teams.id, teamIds));
  return new Map(rows.map((r) => [r.id, { providerId: r.providerId, dailyBudget: r.dailyBudget }]));
}

/** Sets the given fields; undefined ones stay. A foreign-key violation (unknown provider) raises 23503. */
export async function setTeamLlmSettings(db: Db, teamId: string, fields: { providerId?: string | null; dailyBudget?: DailyBudget | null }): Promise<void> {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await driverErrors(db.update(teams).set(set).where(eq(teams.id, teamId)));
}

export async function getTemplateProviders(db: Db, templateIds: string[]): Promise<Map<string, string | null>> {
  if (templateIds.length === 0) return new Map();
  const rows = await db.select({ id: templates.id, providerId: templates.providerId }).from(templates).where(inArray(templates.id, templateIds));
  return new Map(rows.map((r) => [r.id, r.providerId]));
}

export async function setTemplateProvider(db: Db, templateId: string, providerId: string | null): Promise<void> {
  await driverErrors(db.update(templates).set({ providerId }).where(eq(templates.id, templateId)));
}

/** A team's LLM spend since `since` (the start of the UTC day), from the usage records. */
export async function teamSpendSince(db: Db, teamId: string, since: Date): Promise<{ tokens: number; costUsd: number }> {
  const [row] = await db
    .select({
      tokens: sql`coalesce(sum(${usageRecords.inputTokens} + ${usageRecords.outputTokens}), 0)`.mapWith(Number),
      costUsd: sql`coalesce(sum(${usageRecords.costUsd}), 0)`.mapWith(Number),
    })
    .from(usageRecords)
    .where(and(eq(usageRecords.teamId, teamId), gte(usageRecords.createdAt, since)));
  return row ?? { tokens: 0, costUsd: 0 };
}
