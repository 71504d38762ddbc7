/**
 * API keys: created by admins for scripts and integrations, shown once, stored as prefix + sha256,
 * revocable. A key acts with its own role and teams (not its creator's), so a script can be given
 * less than the admin who made it.
 */
import { findApiKeyByPrefix, insertApiKey, listApiKeys, revokeApiKey, touchApiKey, type ApiKeyRow } from '../../db/queries/api-keys';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { NotFoundError, UnauthorizedError } from '../errors/domain-errors';
import { assertTeamsExist } from '../teams/team-scope';
import type { CreateApiKeyBody } from './api-keys.schemas';
import { mintSecret, parseSecret, secretMatches } from './secret-token';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const presentApiKey = (row: ApiKeyRow) => ({ ...row, lastUsedAt: iso(row.lastUsedAt), revokedAt: iso(row.revokedAt), createdAt: row.createdAt.toISOString() });

export async function createApiKey(app: ApiContext, principal: Principal, body: CreateApiKeyBody) {
  await assertTeamsExist(app, body.teamIds);
  const minted = mintSecret('ak');
  const createdBy = principal.via === 'jwt' ? principal.userId : null;
  const row = await insertApiKey(app.db, { name: body.name, prefix: minted.prefix, secretHash: minted.hash, role: body.role, teamIds: body.teamIds, createdBy });
  await recordAudit(app, { action: 'api_key.created', actor: principal, target: { type: 'api_key', id: row.id }, details: { name: row.name, role: row.role, teamIds: row.teamIds } });
  return { ...presentApiKey(row), key: minted.token };
}

export async function listApiKeysView(app: ApiContext, query: { limit?: number; cursor?: string }) {
  const page = await listApiKeys(app.db, query);
  return { items: page.items.map(presentApiKey), nextCursor: page.nextCursor };
}

export async function revokeApiKeyById(app: ApiContext, principal: Principal, id: string) {
  const row = await revokeApiKey(app.db, id);
  if (!row) throw new NotFoundError('API key', id);
  await recordAudit(app, { action: 'api_key.revoked', actor: principal, target: { type: 'api_key', id }, details: { name: row.name } });
  return presentApiKey(row);
}

/** The principal of an `ak_…` bearer; unknown, malformed and revoked keys all answer the same 401. */
export async function verifyApiKey(app: ApiContext, token: string): Promise<Principal> {
  const parsed = parseSecret('ak', token);
  const row = parsed && (await findApiKeyByPrefix(app.db, parsed.prefix));
  if (!parsed || !row || row.revokedAt || !secretMatches(row.secretHash, parsed.secret)) {
    throw new UnauthorizedError('The API key is invalid or revoked', 'invalid_token');
  }
  await touchApiKey(app.db, row.id);
  return { userId: `api-key:${row.id}`, username: row.name, role: row.role, via: 'api_key', teamIds: row.teamIds };
}
