/**
 * Teams: create/update with members, delete, exclusive activation. Members' roles must be allowed by
 * the team's type (400 `role_not_allowed`); unknown type, template, user or role ids are 404.
 */
import { activateTeam, createTeam, deleteTeam, getTeam, listTeams, updateTeam, type TeamRow } from '../../db/queries/teams';
import { getProvider, getTeamLlmSettings, setTeamLlmSettings } from '../../db/queries/llm-providers';
import { listMemberships, setTeamMembers } from '../../db/queries/team-members';
import { allowedRoleIds, getRole, getTeamType } from '../../db/queries/team-types';
import { getUser } from '../../db/queries/users';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { BadRequestError, NotFoundError } from '../errors/domain-errors';
import { assertTemplateExists, ensureDefaultTeamTypes } from './team-types.service';
import { teamScope } from './team-scope';
import type { CreateTeamBody, UpdateTeamBody } from './teams.schemas';

type Member = { userId: string; roleId?: string | null };

export async function presentTeams(app: ApiContext, rows: TeamRow[]) {
  const members = await listMemberships(app.db, { teamIds: rows.map((r) => r.id) });
  const llm = await getTeamLlmSettings(app.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r,
    providerId: llm.get(r.id)?.providerId ?? null,
    dailyBudget: llm.get(r.id)?.dailyBudget ?? null,
    createdAt: r.createdAt.toISOString(),
    members: members.filter((m) => m.teamId === r.id).map((m) => ({ userId: m.userId, roleId: m.roleId })),
  }));
}

export async function findTeam(app: ApiContext, id: string): Promise<TeamRow> {
  const row = await getTeam(app.db, id);
  if (!row) throw new NotFoundError('Team', id);
  return row;
}

async function checkReferences(app: ApiContext, typeId: string | null | undefined, templateId: string | null | undefined, members: Member[] | undefined) {
  if (typeId) {
    await ensureDefaultTeamTypes(app.db);
    if (!(await getTeamType(app.db, typeId))) throw new NotFoundError('Team type', typeId);
  }
  await assertTemplateExists(app, templateId);
  for (const m of members ?? []) {
    if (!(await getUser(app.db, m.userId))) throw new NotFoundError('User', m.userId);
    if (m.roleId && !(await getRole(app.db, m.roleId))) throw new NotFoundError('Role', m.roleId);
  }
  const roleIds = [...new Set((members ?? []).map((m) => m.roleId).filter((r): r is string => !!r))];
  if (typeId && roleIds.length) {
    const allowed = await allowedRoleIds(app.db, typeId, roleIds);
    const refused = roleIds.filter((r) => !allowed.includes(r));
    if (refused.length) throw new BadRequestError('role_not_allowed', `The team type does not allow the role(s) ${refused.join(', ')}`, { roleIds: refused });
  }
}

/** An unknown provider is a 404 before anything is written. */
export async function assertProviderExists(app: ApiContext, providerId: string | null | undefined): Promise<void> {
  if (providerId && !(await getProvider(app.db, providerId))) throw new NotFoundError('Provider', providerId);
}

export async function listTeamsView(app: ApiContext, principal: Principal, query: { limit?: number; cursor?: string }) {
  const scope = await teamScope(app, principal);
  const page = await listTeams(app.db, { ...query, ids: scope ? [...scope] : undefined });
  return { items: await presentTeams(app, page.items), nextCursor: page.nextCursor };
}

export async function createTeamWithMembers(app: ApiContext, body: CreateTeamBody) {
  await checkReferences(app, body.typeId, body.templateId, body.members);
  await assertProviderExists(app, body.providerId);
  const row = await createTeam(app.db, body);
  if (body.members) await setTeamMembers(app.db, row.id, body.members);
  await setTeamLlmSettings(app.db, row.id, { providerId: body.providerId, dailyBudget: body.dailyBudget });
  return (await presentTeams(app, [row]))[0]!;
}

export async function updateTeamWithMembers(app: ApiContext, id: string, body: UpdateTeamBody) {
  const current = await findTeam(app, id);
  const typeId = body.typeId === undefined ? current.typeId : body.typeId;
  const members = body.members ?? (body.typeId !== undefined ? await listMemberships(app.db, { teamIds: [id] }) : undefined);
  await checkReferences(app, typeId, body.templateId, members);
  await assertProviderExists(app, body.providerId);
  const row = (await updateTeam(app.db, id, { name: body.name, description: body.description, typeId: body.typeId, templateId: body.templateId }))!;
  if (body.members) await setTeamMembers(app.db, id, body.members);
  await setTeamLlmSettings(app.db, id, { providerId: body.providerId, dailyBudget: body.dailyBudget });
  return (await presentTeams(app, [row]))[0]!;
}

export async function deleteTeamById(app: ApiContext, id: string) {
  if (!(await deleteTeam(app.db, id))) throw new NotFoundError('Team', id);
  return { id, deleted: true as const };
}

export async function activateTeamById(app: ApiContext, id: string) {
  const row = await activateTeam(app.db, id);
  if (!row) throw new NotFoundError('Team', id);
  return (await presentTeams(app, [row]))[0]!;
}
