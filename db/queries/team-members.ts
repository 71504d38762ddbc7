/**
 * Team membership, which is also an operator's scope. Replacing a user's or a team's members happens
 * in one transaction, so a reader never sees a half-written set.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { driverErrors } from '../errors';
import { teamMembers } from '../schema';

export type TeamMemberRow = { teamId: string; userId: string; roleId: string | null };

const columns = { teamId: teamMembers.teamId, userId: teamMembers.userId, roleId: teamMembers.roleId };

export async function listTeamIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.teamId);
}

export async function listMemberships(db: Db, by: { userIds?: string[]; teamIds?: string[] }): Promise<TeamMemberRow[]> {
  if (by.userIds?.length === 0 || by.teamIds?.length === 0) return [];
  return db
    .select(columns)
    .from(teamMembers)
    .where(and(by.userIds ? inArray(teamMembers.userId, by.userIds) : undefined, by.teamIds ? inArray(teamMembers.teamId, by.teamIds) : undefined))
    .orderBy(asc(teamMembers.createdAt), asc(teamMembers.userId));
}

/** Replaces the teams of a user (their roles in teams they stay in are kept). Unknown team → 23503. */
export async function setUserTeams(db: Db, userId: string, teamIds: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await listTeamIdsOfUser(tx, userId);
    const gone = current.filter((t) => !teamIds.includes(t));
    const added = [...new Set(teamIds)].filter((t) => !current.includes(t));
    if (gone.length) await tx.delete(teamMembers).where(and(eq(teamMembers.userId, userId), inArray(teamMembers.teamId, gone)));
    if (added.length) await driverErrors(tx.insert(teamMembers).values(added.map((teamId) => ({ teamId, userId }))));
  });
}

/** Replaces the members of a team. Unknown user or role → 23503. */
export async function setTeamMembers(db: Db, teamId: string, members: { userId: string; roleId?: string | null }[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
    if (members.length) {
      await driverErrors(tx.insert(teamMembers).values(members.map((m) => ({ teamId, userId: m.userId, roleId: m.roleId ?? null }))));
    }
  });
}
