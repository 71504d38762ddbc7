/**
 * User administration (admins only): create, change role/teams/password, delete. Every change is
 * audited (passwords redacted). The last admin can be neither demoted nor deleted, so the server can
 * always be administered.
 */
import { countAdmins, deleteUser, updateUser } from '../../db/queries/user-admin';
import { listMemberships, setUserTeams } from '../../db/queries/team-members';
import { revokeRefreshTokensOfUser } from '../../db/queries/refresh-tokens';
import { createUser, getUser, listUsers, type UserRow } from '../../db/queries/users';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ConflictError, NotFoundError } from '../errors/domain-errors';
import { assertTeamsExist } from '../teams/team-scope';
import type { CreateUserBody, UpdateUserBody } from './users.schemas';

const present = (row: UserRow, teamIds: string[]) => ({ ...row, teamIds, createdAt: row.createdAt.toISOString() });

async function teamsOf(app: ApiContext, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
  for (const m of await listMemberships(app.db, { userIds })) byUser.get(m.userId)?.push(m.teamId);
  return byUser;
}

export async function listUsersView(app: ApiContext, query: { limit?: number; cursor?: string }) {
  const page = await listUsers(app.db, query);
  const teams = await teamsOf(app, page.items.map((u) => u.id));
  return { items: page.items.map((u) => present(u, teams.get(u.id) ?? [])), nextCursor: page.nextCursor };
}

export async function createUserAccount(app: ApiContext, principal: Principal, body: CreateUserBody) {
  await assertTeamsExist(app, body.teamIds);
  const row = await createUser(app.db, { username: body.username, passwordHash: await hashPassword(body.password), role: body.role });
  await setUserTeams(app.db, row.id, body.teamIds);
  await recordAudit(app, { action: 'user.created', actor: principal, target: { type: 'user', id: row.id }, details: { ...body } });
  return present(row, body.teamIds);
}

async function keepAnAdmin(app: ApiContext, user: UserRow, newRole: string | undefined): Promise<void> {
  if (user.role === 'admin' && newRole !== 'admin' && (await countAdmins(app.db)) <= 1) {
    throw new ConflictError('last_admin', 'This is the last admin; make another admin first');
  }
}

export async function updateUserAccount(app: ApiContext, principal: Principal, id: string, body: UpdateUserBody) {
  const user = await getUser(app.db, id);
  if (!user) throw new NotFoundError('User', id);
  if (body.role) await keepAnAdmin(app, user, body.role);
  if (body.teamIds) await assertTeamsExist(app, body.teamIds);
  const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
  const row = (await updateUser(app.db, id, { role: body.role, passwordHash }))!;
  if (body.teamIds) await setUserTeams(app.db, id, body.teamIds);
  // A new password ends every session of the old one (whoever knew it may hold a refresh token).
  if (passwordHash !== undefined) await revokeRefreshTokensOfUser(app.db, id);
  await recordAudit(app, { action: 'user.updated', actor: principal, target: { type: 'user', id }, details: { ...body } });
  return present(row, (await teamsOf(app, [id])).get(id) ?? []);
}

export async function deleteUserAccount(app: ApiContext, principal: Principal, id: string) {
  const user = await getUser(app.db, id);
  if (!user) throw new NotFoundError('User', id);
  await keepAnAdmin(app, user, undefined);
  await deleteUser(app.db, id);
  await recordAudit(app, { action: 'user.deleted', actor: principal, target: { type: 'user', id }, details: { username: user.username } });
  return { id, deleted: true as const };
}
