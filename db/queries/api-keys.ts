/**
 * API keys. Lists and creation return the public columns only; findApiKeyByPrefix is the one read of
 * the secret hash (for verification), as findUserByUsername is for passwords.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { apiKeys, type UserRole } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  role: UserRole;
  teamIds: string[];
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};
export type ApiKeyCredentials = ApiKeyRow & { secretHash: string };

const publicColumns = {
  id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, role: apiKeys.role, teamIds: apiKeys.teamIds,
  createdBy: apiKeys.createdBy, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdAt: apiKeys.createdAt,
};

export async function insertApiKey(
  db: Db,
  input: { name: string; prefix: string; secretHash: string; role: UserRole; teamIds: string[]; createdBy: string | null },
): Promise<ApiKeyRow> {
  const [row] = await driverErrors(db.insert(apiKeys).values({ id: crypto.randomUUID(), ...input }).returning(publicColumns));
  return row!;
}

export async function listApiKeys(db: Db, opts: { limit?: number; cursor?: string } = {}): Promise<Page<ApiKeyRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db.select(publicColumns).from(apiKeys).where(afterCursor(apiKeys, opts.cursor)).orderBy(...newestFirst(apiKeys)).limit(limit + 1);
  return toPage(rows, limit);
}

export async function findApiKeyByPrefix(db: Db, prefix: string): Promise<ApiKeyCredentials | undefined> {
  const [row] = await db.select({ ...publicColumns, secretHash: apiKeys.secretHash }).from(apiKeys).where(eq(apiKeys.prefix, prefix));
  return row;
}

/** Marks the key revoked (the first revocation time is kept); undefined when there is no such key. */
export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  await db.update(apiKeys).set({ revokedAt: sql`now()` }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  const [row] = await db.select(publicColumns).from(apiKeys).where(eq(apiKeys.id, id));
  return row;
}

export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id));
}
