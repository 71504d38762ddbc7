/**
 * Prompt templates. Writes succeed with warnings about unknown `{{variables}}`; deleting a template
 * first clears what pointed at it (teams, roles, roles within team types, triggers) and reports it.
 */
import { getProvider, getTemplateProviders, setTemplateProvider } from '../../db/queries/llm-providers';
import { getTeam } from '../../db/queries/teams';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate, type TemplateRow } from '../../db/queries/templates';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { teamScope } from '../teams/team-scope';
import { templateWarnings } from './template-variables';
import type { PatchTemplateBody, TemplateBody } from './templates.schemas';

type ProviderOf = Map<string, string | null>;
const present = (row: TemplateRow, providers: ProviderOf) => ({ ...row, createdAt: row.createdAt.toISOString(), providerId: providers.get(row.id) ?? null });
const withWarnings = async (app: ApiContext, row: TemplateRow) =>
  ({ ...present(row, await getTemplateProviders(app.db, [row.id])), warnings: templateWarnings(row.body, row.variables) });

async function assertProvider(app: ApiContext, providerId: string | null | undefined): Promise<void> {
  if (providerId && !(await getProvider(app.db, providerId))) throw new NotFoundError('Provider', providerId);
}

async function assertTeam(app: ApiContext, teamId: string | null | undefined): Promise<void> {
  if (teamId && !(await getTeam(app.db, teamId))) throw new NotFoundError('Team', teamId);
}

/** An operator sees its teams' templates and the shared ones, never another team's prompts. */
export async function listTemplatesView(app: ApiContext, principal: Principal, query: { limit?: number; cursor?: string }) {
  const scope = await teamScope(app, principal);
  const page = await listTemplates(app.db, { ...query, teamIds: scope === null ? undefined : [...scope] });
  const providers = await getTemplateProviders(app.db, page.items.map((t) => t.id));
  return { items: page.items.map((t) => present(t, providers)), nextCursor: page.nextCursor };
}

export async function createTemplateWithWarnings(app: ApiContext, body: TemplateBody) {
  await assertTeam(app, body.teamId);
  await assertProvider(app, body.providerId);
  const { providerId, ...fields } = body;
  const row = await createTemplate(app.db, { ...fields, teamId: fields.teamId ?? undefined });
  if (providerId) await setTemplateProvider(app.db, row.id, providerId);
  return withWarnings(app, row);
}

/** PUT replaces every field (absent optional ones are reset); PATCH changes only those given. */
export async function changeTemplate(app: ApiContext, id: string, body: PatchTemplateBody, replace: boolean) {
  if (!(await getTemplate(app.db, id))) throw new NotFoundError('Template', id);
  await assertTeam(app, body.teamId);
  await assertProvider(app, body.providerId);
  const { providerId, ...fields } = body;
  const changes = replace ? { ...fields, variables: fields.variables ?? [], teamId: fields.teamId ?? null } : fields;
  const row = (await updateTemplate(app.db, id, changes))!;
  if (replace || providerId !== undefined) await setTemplateProvider(app.db, id, providerId ?? null);
  return withWarnings(app, row);
}

export async function deleteTemplateClearingReferences(app: ApiContext, id: string) {
  const cleared = await deleteTemplate(app.db, id);
  if (!cleared) throw new NotFoundError('Template', id);
  return { id, deleted: true as const, cleared };
}
