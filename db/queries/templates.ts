/** Goal templates: created, read and listed newest first. An unknown teamId raises the driver's 23503. */
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { templates } from '../schema';
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

export async function listTemplates(db: Db, opts: { limit?: number; cursor?: string } = {}): Promise<Page<TemplateRow>> {
  const limit = pageLimit(opts.limit);
  const rows = await db
    .select(templateColumns)
    .from(templates)
    .where(afterCursor(templates, opts.cursor))
    .orderBy(...newestFirst(templates))
    .limit(limit + 1);
  return toPage(rows, limit);
}
