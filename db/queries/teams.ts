/** Teams: created by admins, listed newest first. A duplicate name raises the driver's 23505. */
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { teams } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type TeamRow = { id: string; name: string; description: string | null; createdAt: Date };

const teamColumns = { id: teams.id, name: teams.name, description: teams.description, createdAt: teams.createdAt };

export async function createTeam(db: Db, input: { id?: string; name: string; description?: string }): Promise<TeamRow> {
  const [row] = await driverErrors(
    db
      .insert(teams)
      .values({ id: input.id ?? crypto.randomUUID(), name: input.name, description: input.description })
      .returning(teamColumns),
  );
  return row!;
}

export async function getTeam(db: Db, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select(teamColumns).from(teams).where(eq(teams.id, id));
  return row;
}

export async function listTeams(db: Db, opts: { limit?: number; cursor?: string } = {}): Promise<Page<TeamRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(teamColumns)
    .from(teams)
    .where(afterCursor(teams, opts.cursor))
    .orderBy(...newestFirst(teams))
    .limit(limit + 1);
  return toPage(rows, limit);
}
