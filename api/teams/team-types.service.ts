/**
 * Team types and roles. Scrum and Kanban (with their roles) are created the first time anyone reads or
 * uses types, so a fresh server offers them without a seeding step. Seeding is idempotent: names are
 * unique, and a concurrent seeder's row is simply found.
 */
import {
  allowRoleInType, findRoleByName, findTeamTypeByName, getRole, getTeamType, insertRole, insertTeamType, listRoles, listRolesOfType, listTeamTypes,
  type RoleRow, type TeamTypeRow, type TypeRoleRow,
} from '../../db/queries/team-types';
import { getTemplate } from '../../db/queries/templates';
import { DEFAULT_TEAM_TYPES } from '../../db/schema';
import type { ApiContext } from '../context';
import { ConflictError, NotFoundError } from '../errors/domain-errors';

type Db = ApiContext['db'];

const presentRole = (r: RoleRow | TypeRoleRow) => ({
  id: r.id, name: r.name, description: r.description, templateId: ('typeTemplateId' in r ? r.typeTemplateId : null) ?? r.templateId, createdAt: r.createdAt.toISOString(),
});

async function findOrCreate<T>(find: () => Promise<T | undefined>, create: () => Promise<T>): Promise<T> {
  const found = await find();
  if (found) return found;
  try {
    return await create();
  } catch (err) {
    const again = await find();
    if (again) return again;
    throw err;
  }
}

export async function ensureDefaultTeamTypes(db: Db): Promise<void> {
  for (const def of DEFAULT_TEAM_TYPES) {
    if (await findTeamTypeByName(db, def.name)) continue;
    const type = await findOrCreate(() => findTeamTypeByName(db, def.name), () => insertTeamType(db, { name: def.name, description: def.description }));
    for (const name of def.roles) {
      const role = await findOrCreate(() => findRoleByName(db, name), () => insertRole(db, { name }));
      await allowRoleInType(db, { teamTypeId: type.id, roleId: role.id });
    }
  }
}

export async function assertTemplateExists(app: ApiContext, templateId: string | null | undefined): Promise<void> {
  if (templateId && !(await getTemplate(app.db, templateId))) throw new NotFoundError('Template', templateId);
}

async function presentType(app: ApiContext, t: TeamTypeRow) {
  return { ...t, createdAt: t.createdAt.toISOString(), roles: (await listRolesOfType(app.db, t.id)).map(presentRole) };
}

export async function listTeamTypesView(app: ApiContext) {
  await ensureDefaultTeamTypes(app.db);
  return { items: await Promise.all((await listTeamTypes(app.db)).map((t) => presentType(app, t))) };
}

export async function createTeamType(app: ApiContext, body: { name: string; description?: string | null; roleIds: string[] }) {
  await ensureDefaultTeamTypes(app.db);
  for (const roleId of body.roleIds) if (!(await getRole(app.db, roleId))) throw new NotFoundError('Role', roleId);
  if (await findTeamTypeByName(app.db, body.name)) throw new ConflictError('already_exists', `A team type named ${body.name} exists`);
  const type = await insertTeamType(app.db, { name: body.name, description: body.description });
  for (const roleId of body.roleIds) await allowRoleInType(app.db, { teamTypeId: type.id, roleId });
  return presentType(app, type);
}

export async function listRolesView(app: ApiContext) {
  await ensureDefaultTeamTypes(app.db);
  return { items: (await listRoles(app.db)).map(presentRole) };
}

export async function createRole(app: ApiContext, body: { name: string; description?: string | null; templateId?: string | null }) {
  await assertTemplateExists(app, body.templateId);
  return presentRole(await insertRole(app.db, body));
}

async function findType(app: ApiContext, id: string): Promise<TeamTypeRow> {
  await ensureDefaultTeamTypes(app.db);
  const type = await getTeamType(app.db, id);
  if (!type) throw new NotFoundError('Team type', id);
  return type;
}

export async function listTypeRolesView(app: ApiContext, typeId: string) {
  await findType(app, typeId);
  return { items: (await listRolesOfType(app.db, typeId)).map(presentRole) };
}

export async function allowRole(app: ApiContext, typeId: string, body: { roleId: string; templateId?: string | null }) {
  await findType(app, typeId);
  if (!(await getRole(app.db, body.roleId))) throw new NotFoundError('Role', body.roleId);
  await assertTemplateExists(app, body.templateId);
  await allowRoleInType(app.db, { teamTypeId: typeId, roleId: body.roleId, templateId: body.templateId });
  return listTypeRolesView(app, typeId);
}
