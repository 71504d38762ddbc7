/** User administration beyond login: change role or password, delete, and count admins (the last one stays). */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { users, type UserRole } from '../schema';
import type { UserRow } from './users';

const publicColumns = { id: users.id, username: users.username, role: users.role, createdAt: users.createdAt };

export async function updateUser(db: Db, id: string, changes: { role?: UserRole; passwordHash?: string }): Promise<UserRow | undefined> {
  if (changes.role === undefined && changes.passwordHash === undefined) {
    const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
    return row;
  }
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning(publicColumns);
  return row;
}

export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return rows.length > 0;
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  return row?.n ?? 0;
}
