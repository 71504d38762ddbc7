/**
 * Refresh tokens (rotated on every use; only their sha256 is stored). A token is consumed by one
 * conditional UPDATE, so two concurrent refreshes with the same token cannot both succeed: the loser
 * sees it as used and is treated as a replay.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { refreshTokens } from '../schema';

export type RefreshTokenRow = {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
};

const columns = {
  id: refreshTokens.id,
  userId: refreshTokens.userId,
  familyId: refreshTokens.familyId,
  expiresAt: refreshTokens.expiresAt,
  usedAt: refreshTokens.usedAt,
  revokedAt: refreshTokens.revokedAt,
};

export async function insertRefreshToken(
  db: Db,
  input: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<RefreshTokenRow> {
  const [row] = await driverErrors(db.insert(refreshTokens).values({ id: crypto.randomUUID(), ...input }).returning(columns));
  return row!;
}

export async function findRefreshTokenByHash(db: Db, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await db.select(columns).from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

/** Marks the token used if it is still unused, unrevoked and unexpired; true when this call consumed it. */
export async function consumeRefreshToken(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, sql`now()`)))
    .returning({ id: refreshTokens.id });
  return rows.length > 0;
}

/** Revokes every token of a family (one login's chain); returns how many were still unrevoked. */
export async function revokeRefreshFamily(db: Db, familyId: string): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}

/** Revokes every refresh token of a user (e.g. after a password change). */
export async function revokeRefreshTokensOfUser(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
