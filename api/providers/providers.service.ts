/**
 * Provider write paths (admin only). The API key is encrypted before it reaches the store and is
 * never returned or audited; the audit log records which fields changed and whether a key was set.
 * Name clashes surface as the driver's 23505 (409 already_exists); making one provider the default
 * clears the previous default in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  deleteProvider as deleteProviderRow, getProvider, getProviderSecret, insertProvider, listProviders, updateProvider as updateProviderRow,
  type ProviderRow,
} from '../../db/queries/llm-providers';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { decryptSecret, encryptSecret, secretKey } from '../triggers/secret-box';
import { probeProvider } from './provider-probe';
import type { CreateProviderBody, UpdateProviderBody } from './providers.schemas';

/** What the audit log keeps of a write: the fields, with the key reduced to whether it changed. */
function auditDetails(body: Record<string, unknown>): Record<string, unknown> {
  const { apiKey, ...rest } = body;
  return { ...rest, ...(apiKey !== undefined ? { apiKeyChange: apiKey === null ? 'removed' : 'set' } : {}) };
}

export async function findProvider(app: ApiContext, id: string): Promise<ProviderRow> {
  const row = await getProvider(app.db, id);
  if (!row) throw new NotFoundError('Provider', id);
  return row;
}

export const listProvidersView = (app: ApiContext, query: { limit?: number; cursor?: string }) => listProviders(app.db, query);

export async function createProvider(app: ApiContext, principal: Principal, body: CreateProviderBody): Promise<ProviderRow> {
  const { apiKey, ...fields } = body;
  const apiKeyCipher = apiKey ? encryptSecret(await secretKey(app), apiKey) : null;
  const row = await insertProvider(app.db, { id: randomUUID(), ...fields, apiKeyCipher });
  await recordAudit(app, { action: 'llm_provider.created', actor: principal, target: { type: 'llm_provider', id: row.id }, details: auditDetails(body) });
  return row;
}

export async function updateProvider(app: ApiContext, principal: Principal, id: string, body: UpdateProviderBody): Promise<ProviderRow> {
  const { apiKey, ...fields } = body;
  const apiKeyCipher = apiKey === undefined ? undefined : apiKey === null ? null : encryptSecret(await secretKey(app), apiKey);
  const row = await updateProviderRow(app.db, id, { ...fields, apiKeyCipher });
  if (!row) throw new NotFoundError('Provider', id);
  await recordAudit(app, { action: 'llm_provider.updated', actor: principal, target: { type: 'llm_provider', id }, details: auditDetails(body) });
  return row;
}

/** Teams and templates that named it fall back to the next provider in line (the FK sets them null). */
export async function deleteProvider(app: ApiContext, principal: Principal, id: string): Promise<{ id: string; deleted: true }> {
  const row = await getProvider(app.db, id);
  if (!row || !(await deleteProviderRow(app.db, id))) throw new NotFoundError('Provider', id);
  await recordAudit(app, { action: 'llm_provider.deleted', actor: principal, target: { type: 'llm_provider', id }, details: { name: row.name } });
  return { id, deleted: true };
}

export async function testProvider(app: ApiContext, id: string) {
  const row = await getProviderSecret(app.db, id);
  if (!row) throw new NotFoundError('Provider', id);
  const apiKey = row.apiKeyCipher ? decryptSecret(await secretKey(app), row.apiKeyCipher) : undefined;
  return probeProvider({ kind: row.kind, baseUrl: row.baseUrl, apiKey, timeoutSeconds: row.timeoutSeconds });
}
