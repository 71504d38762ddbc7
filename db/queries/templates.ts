/** Goal templates: created, read and listed newest first. An unknown teamId raises the driver's 23503. */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { roles, teams, teamTypeRoles, templates, triggers } from '../schema';
import { afterCursor, newestFirst, pageLimit, toPage, type Page } from './pagination';

export type TemplateRow = {
  id: string;
  name: string;
  body: string;
  variables: string[];
  teamId: string | null;
  createdAt: Date;
};

const templateColumns = {
  id: templates.id,
  name: templates.name,
  body: templates.body,
  variables: templates.variables,
  teamId: templates.teamId,
  createdAt: templates.createdAt,
};

export async function createTemplate(
  db: Db,
  input: { id?: string; name: string; body: string; variables?: string[]; teamId?: string },
): Promise<TemplateRow> {
  const [row] = await driverErrors(
    db
      .insert(templates)
      .values({
        id: input.id ?? crypto.randomUUID(),
        name: input.name,
        body: input.body,
        variables: input.variables ?? [],
        teamId: input.teamId,
      })
      .returning(templateColumns),
  );
  return row!;
}

export async function getTemplate(db: Db, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select(templateColumns).from(templates).where(eq(templates.id, id));
  return row;
}

/** `teamIds` limits the list to those teams' templates and the shared ones (no team). */
export async function listTemplates(db: Db, opts: { limit?: number; cursor?: string; teamIds?: readonly string[] } = {}): Promise<Page<TemplateRow>> {
  const limit = pageLimit(opts.limit);
  const teamFilter = opts.teamIds === undefined
    ? undefined
    : or(isNull(templates.teamId), opts.teamIds.length > 0 ? inArray(templates.teamId, [...opts.teamIds]) : undefined);
  const rows = await db
    .select(templateColumns)
    .from(templates)
    .where(and(afterCursor(templates, opts.cursor), teamFilter))
    .orderBy(...newestFirst(templates))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export type TemplateChanges = { name?: string; body?: string; variables?: string[]; teamId?: string | null };

/** Changes the fields given; undefined when there is no such template. Unknown teamId → 23503. */
export async function updateTemplate(db: Db, id: string, changes: TemplateChanges): Promise<TemplateRow | undefined> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return getTemplate(db, id);
  const [row] = await driverErrors(db.update(templates).set(set).where(eq(templates.id, id)).returning(templateColumns));
  return row;
}

/** What pointed at a deleted template and no longer does. */
export type ClearedTemplateReferences = { teams: string[]; roles: string[]; teamTypeRoles: { teamTypeId: string; roleId: string }[]; triggers: string[] };

/**
 * Deletes a template after clearing every reference to it (teams, roles, a role within a team type,
 * webhook triggers), in one transaction, and reports what was cleared; undefined when there is none.
 */
export async function deleteTemplate(db: Db, id: string): Promise<ClearedTemplateReferences | undefined> {
  return db.transaction(async (tx) => {
    if (!(await getTemplate(tx, id))) return undefined;
    const clearedTeams = await tx.update(teams).set({ templateId: null }).where(eq(teams.templateId, id)).returning({ id: teams.id });
    const clearedRoles = await tx.update(roles).set({ templateId: null }).where(eq(roles.templateId, id)).returning({ id: roles.id });
    const clearedTypeRoles = await tx
      .update(teamTypeRoles)
      .set({ templateId: null })
      .where(eq(teamTypeRoles.templateId, id))
      .returning({ teamTypeId: teamTypeRoles.teamTypeId, roleId: teamTypeRoles.roleId });
    // Triggers name a template without a foreign key; a deleted one would fail their next delivery.
    const clearedTriggers = await tx.update(triggers).set({ templateId: null }).where(eq(triggers.templateId, id)).returning({ id: triggers.id });
    await tx.delete(templates).where(eq(templates.id, id));
    return {
      teams: clearedTeams.map((r) => r.id),
      roles: clearedRoles.map((r) => r.id),
      teamTypeRoles: clearedTypeRoles,
      triggers: clearedTriggers.map((r) => r.id),
    };
  });
}
