/**
 * Applies team scoping to an existing group of routes (goals, tasks) without changing them: a route on
 * one resource (`…/:id…`) first checks that resource's team; the list route is narrowed to the
 * principal's teams: the scope is passed to the list query as `teamIds`, so a list whose query filters
 * by it (goals) returns full pages. The filter after the query stays as the guarantee for a list whose
 * query does not know `teamIds` yet; such a page may hold fewer items than `limit` (its nextCursor
 * still continues correctly).
 */
import type { AnyRoute } from '../http/route';
import type { ApiContext, RequestContext } from '../context';
import { NotFoundError } from '../errors/domain-errors';
import { inScope, teamScope } from './team-scope';

export interface ScopedResource {
  /** Display name in the 404, e.g. "Goal". */
  name: string;
  /** The list route's path, e.g. `/goals`. */
  listPath: string;
  /** The team of a resource; undefined when there is no such resource. */
  teamOf(app: ApiContext, id: string): Promise<{ teamId: string | null } | undefined>;
}

type Page = { items: { teamId?: string | null }[]; nextCursor: string | null };
/* eslint-disable @typescript-eslint/no-explicit-any -- wraps handlers of any route shape */
type Handler = (input: any, ctx: RequestContext) => Promise<any>;

function scopedList(handler: Handler): Handler {
  return async (input, ctx) => {
    const scope = await teamScope(ctx.app, ctx.principal!);
    if (scope === null) return handler(input, ctx);
    const teamId: string | undefined = input.query?.teamId;
    if (teamId !== undefined && !scope.has(teamId)) return { items: [], nextCursor: null };
    // One team: also as `teamId`, which every list query understands.
    const only = teamId === undefined && scope.size === 1 ? { teamId: [...scope][0] } : {};
    const page = (await handler({ ...input, query: { ...input.query, ...only, teamIds: [...scope] } }, ctx)) as Page;
    return { ...page, items: page.items.filter((item) => inScope(scope, item.teamId)) };
  };
}

function scopedOne(handler: Handler, resource: ScopedResource): Handler {
  return async (input, ctx) => {
    const scope = await teamScope(ctx.app, ctx.principal!);
    if (scope !== null) {
      const id: string = input.params.id;
      const found = await resource.teamOf(ctx.app, id);
      if (!found || !inScope(scope, found.teamId)) throw new NotFoundError(resource.name, id);
    }
    return handler(input, ctx);
  };
}

export function scopeRoutes(routes: readonly AnyRoute[], resource: ScopedResource): AnyRoute[] {
  return routes.map((route) => {
    const handler = route.handler as Handler;
    if (route.method === 'get' && route.path === resource.listPath) return { ...route, handler: scopedList(handler) } as AnyRoute;
    if (route.path.startsWith(`${resource.listPath}/:id`)) return { ...route, handler: scopedOne(handler, resource) } as AnyRoute;
    return route;
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */
