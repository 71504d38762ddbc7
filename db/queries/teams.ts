/** Teams: created by admins, listed newest first. A duplicate name raises the driver's 23505. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { teams } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type TeamRow = {
  id: string;
  name: string;
  description: string | null;
  typeId: string | null;
  templateId: string | null;
  isActive: boolean;
  createdAt: Date;
};

const teamColumns = {
  id: teams.id, name: teams.name, description: teams.description, typeId: teams.typeId, templateId: teams.templateId,
  isActive: teams.isActive, createdAt: teams.createdAt,
};

export async function createTeam(
  db: Db,
  input: { id?: string; name: string; description?: string | null; typeId?: string | null; templateId?: string | null },
): Promise<TeamRow> {
  const [row] = await driverErrors(
    db
      .insert(teams)
      .values({ id: input.id ?? crypto.randomUUID(), name: input.name, description: input.description, typeId: input.typeId, templateId: input.templateId })
      .returning(teamColumns),
  );
  return row!;
}

export async function getTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select(teamColumns).from(teams).where(eq(teams.id, id));
  return row;
}

export async function listTeams(db: Db, opts: { limit?: number; cursor?: string; ids?: string[] } = {}): Promise<Page<TeamRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(teamColumns)
    .from(teams)
    .where(and(opts.ids ? inArray(teams.id, opts.ids.length ? opts.ids : ['']) : undefined, afterCursor(teams, opts.cursor)))
    .orderBy(...newestFirst(teams))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export type TeamChanges = { name?: string; description?: string | null; typeId?: string | null; templateId?: string | null };

export async function updateTeam(db: Db, id: string, changes: TeamChanges): Promise<TeamRow | undefined> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return getTeam(db, id);
  const [row] = await driverErrors(db.update(teams).set(set).where(eq(teams.id, id)).returning(teamColumns));
  return row;
}

export async function deleteTeam(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id });
  return rows.length > 0;
}

/** Makes this team the only active one, in one transaction (a partial unique index backs the rule). */
export async function activateTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  return db.transaction(async (tx) => {
    if (!(await getTeam(tx, id))) return undefined;
    await tx.update(teams).set({ isActive: false }).where(eq(teams.isActive, true));
    const [row] = await tx.update(teams).set({ isActive: true }).where(eq(teams.id, id)).returning(teamColumns);
    return row;
  });
}
