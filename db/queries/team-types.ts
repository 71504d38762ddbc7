/** Team types, team roles, and which roles each type allows (with an optional per-type template). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { roles, teamTypeRoles, teamTypes } from '../schema';
import { newestFirst } from './pagination';

export type TeamTypeRow = { id: string; name: string; description: string | null; createdAt: Date };
export type RoleRow = { id: string; name: string; description: string | null; templateId: string | null; createdAt: Date };
export type TypeRoleRow = RoleRow & { teamTypeId: string; typeTemplateId: string | null };

const typeColumns = { id: teamTypes.id, name: teamTypes.name, description: teamTypes.description, createdAt: teamTypes.createdAt };
const roleColumns = { id: roles.id, name: roles.name, description: roles.description, templateId: roles.templateId, createdAt: roles.createdAt };

export async function insertTeamType(db: Db, input: { name: string; description?: string | null }): Promise<TeamTypeRow> {
  const [row] = await driverErrors(db.insert(teamTypes).values({ id: crypto.randomUUID(), ...input }).returning(typeColumns));
  return row!;
}

export const listTeamTypes = (db: Db): Promise<TeamTypeRow[]> => db.select(typeColumns).from(teamTypes).orderBy(...newestFirst(teamTypes));

export async function getTeamType(db: Db, id: string): Promise<TeamTypeRow | undefined> {
  const [row] = await db.select(typeColumns).from(teamTypes).where(eq(teamTypes.id, id));
  return row;
}

export async function findTeamTypeByName(db: Db, name: string): Promise<TeamTypeRow | undefined> {
  const [row] = await db.select(typeColumns).from(teamTypes).where(eq(teamTypes.name, name));
  return row;
}

export async function insertRole(db: Db, input: { name: string; description?: string | null; templateId?: string | null }): Promise<RoleRow> {
  const [row] = await driverErrors(db.insert(roles).values({ id: crypto.randomUUID(), ...input }).returning(roleColumns));
  return row!;
}

export const listRoles = (db: Db): Promise<RoleRow[]> => db.select(roleColumns).from(roles).orderBy(...newestFirst(roles));

export async function getRole(db: Db, id: string): Promise<RoleRow | undefined> {
  const [row] = await db.select(roleColumns).from(roles).where(eq(roles.id, id));
  return row;
}

export async function findRoleByName(db: Db, name: string): Promise<RoleRow | undefined> {
  const [row] = await db.select(roleColumns).from(roles).where(eq(roles.name, name));
  return row;
}

/** Allows a role in a team type, or changes its template there. Unknown template → 23503. */
export async function allowRoleInType(db: Db, input: { teamTypeId: string; roleId: string; templateId?: string | null }): Promise<void> {
  const templateId = input.templateId ?? null;
  await driverErrors(
    db.insert(teamTypeRoles).values({ ...input, templateId }).onConflictDoUpdate({ target: [teamTypeRoles.teamTypeId, teamTypeRoles.roleId], set: { templateId } }),
  );
}

export async function listRolesOfType(db: Db, teamTypeId: string): Promise<TypeRoleRow[]> {
  return db
    .select({ ...roleColumns, teamTypeId: teamTypeRoles.teamTypeId, typeTemplateId: teamTypeRoles.templateId })
    .from(teamTypeRoles)
    .innerJoin(roles, eq(roles.id, teamTypeRoles.roleId))
    .where(eq(teamTypeRoles.teamTypeId, teamTypeId))
    .orderBy(asc(teamTypeRoles.createdAt), asc(roles.name));
}

/** The subset of roleIds that the team type allows. */
export async function allowedRoleIds(db: Db, teamTypeId: string, roleIds: string[]): Promise<string[]> {
  if (roleIds.length === 0) return [];
  const rows = await db
    .select({ roleId: teamTypeRoles.roleId })
    .from(teamTypeRoles)
    .where(and(eq(teamTypeRoles.teamTypeId, teamTypeId), inArray(teamTypeRoles.roleId, roleIds)));
  return rows.map((r) => r.roleId);
}
