/** Every route of the API, in mounting order. The OpenAPI document is generated from this same list. */
import { loginRoutes } from './auth/login.routes';
import type { AnyRoute } from './http/route';
import { openApiRoutes } from './openapi/openapi.routes';
import { healthRoutes } from './ops/health.routes';

export function allRoutes(version: string): AnyRoute[] {
  const routes: AnyRoute[] = [...healthRoutes, ...loginRoutes];
  routes.push(...openApiRoutes(() => routes, version));
  return routes;
}
