/** Every route of the API, in mounting order. The OpenAPI document is generated from this same list. */
import { loginRoutes } from './auth/login.routes';
import { goalRoutes } from './goals/goals.routes';
import type { AnyRoute } from './http/route';
import { openApiRoutes } from './openapi/openapi.routes';
import { healthRoutes } from './ops/health.routes';
import { autoPlannerRoutes } from './planner/auto-planner.routes';
import { taskRoutes } from './tasks/tasks.routes';
import { triggerRoutes, webhookReceiverDocs } from './triggers/triggers.routes';
import { usageRoutes } from './usage/usage.routes';

export function allRoutes(version: string): AnyRoute[] {
  // The auto-planner's fixed path comes before /tasks/:id so it is never read as a task id.
  const routes: AnyRoute[] = [...healthRoutes, ...loginRoutes, ...goalRoutes, ...autoPlannerRoutes, ...taskRoutes, ...usageRoutes, ...triggerRoutes];
  // The webhook receivers are mounted separately (raw body, signature auth); they are documented here.
  routes.push(...openApiRoutes(() => [...routes, ...webhookReceiverDocs], version));
  return routes;
}
