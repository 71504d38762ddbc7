/**
 * Team scoping, the one place that decides what an operator may see: the goals and tasks of its teams
 * (a user's team membership, or an API key's own teamIds). Admins and viewers are not scoped. Anything
 * out of scope answers 404, never 403, so ids of other teams do not leak.
 */
import { getTeam } from '../../db/queries/teams';
import { listTeamIdsOfUser } from '../../db/queries/team-members';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { NotFoundError, ValidationError } from '../errors/domain-errors';

/** The teams the principal is limited to, or null when it is not limited. */
export async function teamScope(app: Pick<ApiContext, 'db'>, principal: Principal): Promise<ReadonlySet<string> | null> {
  if (principal.role !== 'operator') return null;
  if (principal.teamIds) return new Set(principal.teamIds);
  return new Set(await listTeamIdsOfUser(app.db, principal.userId));
}

export const inScope = (scope: ReadonlySet<string> | null, teamId: string | null | undefined): boolean =>
  scope === null || (teamId != null && scope.has(teamId));

/** Throws 404 for a resource of another team (or of no team) when the principal is scoped. */
export async function assertVisible(app: Pick<ApiContext, 'db'>, principal: Principal, teamId: string | null | undefined, what: string, id: string): Promise<void> {
  if (!inScope(await teamScope(app, principal), teamId)) throw new NotFoundError(what, id);
}

/**
 * Before something is created for a team: a scoped principal must name one of its teams, so what it
 * creates stays visible to it.
 */
export async function assertCanUseTeam(app: Pick<ApiContext, 'db'>, principal: Principal, teamId: string | undefined): Promise<void> {
  const scope = await teamScope(app, principal);
  if (scope === null) return;
  if (teamId === undefined) {
    throw new ValidationError('An operator acts for its teams: give teamId', [{ path: 'body.teamId', message: 'required for an operator' }], 'team_required');
  }
  if (!scope.has(teamId)) throw new NotFoundError('Team', teamId);
}

export async function assertTeamsExist(app: Pick<ApiContext, 'db'>, teamIds: readonly string[]): Promise<void> {
  for (const id of new Set(teamIds)) if (!(await getTeam(app.db, id))) throw new NotFoundError('Team', id);
}
