/**
 * Prompt templates. Writes succeed with warnings about unknown `{{variables}}`; deleting a template
 * first clears what pointed at it (teams, roles, roles within team types, triggers) and reports it.
 */
import { getTeam } from '../../db/queries/teams';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate, type TemplateRow } from '../../db/queries/templates';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { templateWarnings } from './template-variables';
import type { PatchTemplateBody, TemplateBody } from './templates.schemas';

const present = (row: TemplateRow) => ({ ...row, createdAt: row.createdAt.toISOString() });
const withWarnings = (row: TemplateRow) => ({ ...present(row), warnings: templateWarnings(row.body, row.variables) });

async function assertTeam(app: ApiContext, teamId: string | null | undefined): Promise<void> {
  if (teamId && !(await getTeam(app.db, teamId))) throw new NotFoundError('Team', teamId);
}

export async function listTemplatesView(app: ApiContext, query: { limit?: number; cursor?: string }) {
  const page = await listTemplates(app.db, query);
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

export async function createTemplateWithWarnings(app: ApiContext, body: TemplateBody) {
  await assertTeam(app, body.teamId);
  return withWarnings(await createTemplate(app.db, { ...body, teamId: body.teamId ?? undefined }));
}

/** PUT replaces every field (absent optional ones are reset); PATCH changes only those given. */
export async function changeTemplate(app: ApiContext, id: string, body: PatchTemplateBody, replace: boolean) {
  if (!(await getTemplate(app.db, id))) throw new NotFoundError('Template', id);
  await assertTeam(app, body.teamId);
  const changes = replace ? { ...body, variables: body.variables ?? [], teamId: body.teamId ?? null } : body;
  return withWarnings((await updateTemplate(app.db, id, changes))!);
}

export async function deleteTemplateClearingReferences(app: ApiContext, id: string) {
  const cleared = await deleteTemplate(app.db, id);
  if (!cleared) throw new NotFoundError('Template', id);
  return { id, deleted: true as const, cleared };
}
