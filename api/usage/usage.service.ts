/** GET /usage read model: usage totals, limited to an operator's teams (usage is team-owned data). */
import { summarizeUsage } from '../../db/queries/usage';
import type { UsageGroupBy } from '../../db/schema';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { teamScope } from '../teams/team-scope';

export async function usageView(app: ApiContext, principal: Principal, query: { groupBy: UsageGroupBy; since?: Date; until?: Date }) {
  const scope = await teamScope(app, principal);
  return { items: await summarizeUsage(app.db, { ...query, teamIds: scope ? [...scope] : undefined }) };
}
