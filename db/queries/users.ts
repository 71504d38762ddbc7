/** Users: login lookups and creation. Only findUserByUsername reads the password hash (for login). */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { users, type UserRole } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type UserCredentials = { id: string; username: string; passwordHash: string; role: UserRole };
export type UserRow = { id: string; username: string; role: UserRole; createdAt: Date };

/** The public columns: never the hash. */
const publicColumns = { id: users.id, username: users.username, role: users.role, createdAt: users.createdAt };

export async function findUserByUsername(db: Db, username: string): Promise<UserCredentials | undefined> {
  const [row] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash, role: users.role })
    .from(users)
    .where(eq(users.username, username));
  return row;
}

/** Throws the driver's unique-violation error (code 23505) when the username is taken. */
export async function createUser(
  db: Db,
  input: { id?: string; username: string; passwordHash: string; role: UserRole },
): Promise<UserRow> {
  const [row] = await driverErrors(
    db
      .insert(users)
      .values({ id: input.id ?? crypto.randomUUID(), username: input.username, passwordHash: input.passwordHash, role: input.role })
      .returning(publicColumns),
  );
  return row!;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function getUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(db: Db, opts: { limit?: number; cursor?: string } = {}): Promise<Page<UserRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(publicColumns)
    .from(users)
    .where(afterCursor(users, opts.cursor))
    .orderBy(...newestFirst(users))
    .limit(limit + 1);
  return toPage(rows, limit);
}
