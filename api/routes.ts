/** Every route of the API, in mounting order. The OpenAPI document is generated from this same list. */
import { apiKeyRoutes } from './api-keys/api-keys.routes';
import { auditRoutes } from './audit/audit.routes';
import { eventRoutes } from './events/events.routes';
import { autopilotRoutes } from './autopilot/autopilot.routes';
import { loginRoutes } from './auth/login.routes';
import { getGoal } from '../db/queries/goals';
import { getTask } from '../db/queries/tasks';
import { getTrigger } from '../db/queries/triggers';
import { goalRoutes } from './goals/goals.routes';
import type { AnyRoute } from './http/route';
import { openApiRoutes } from './openapi/openapi.routes';
import { healthRoutes } from './ops/health.routes';
import { autoPlannerRoutes } from './planner/auto-planner.routes';
import { providerRoutes } from './providers/providers.routes';
import { taskRoutes } from './tasks/tasks.routes';
import { scopeRoutes } from './teams/scoped-routes';
import { teamRoutes } from './teams/teams.routes';
import { templateRoutes } from './templates/templates.routes';
import { triggerRoutes, webhookReceiverDocs } from './triggers/triggers.routes';
import { usageRoutes } from './usage/usage.routes';
import { userRoutes } from './users/users.routes';
import { workerRoutes } from './workers/workers.routes';

// Operators see and act on their own teams' goals and tasks only (api/teams/team-scope.ts).
const scopedGoalRoutes = scopeRoutes(goalRoutes, { name: 'Goal', listPath: '/goals', teamOf: (app, id) => getGoal(app.db, id) });
const scopedTaskRoutes = scopeRoutes(taskRoutes, { name: 'Task', listPath: '/tasks', teamOf: (app, id) => getTask(app.db, id) });
const scopedTriggerRoutes = scopeRoutes(triggerRoutes, { name: 'Trigger', listPath: '/triggers', teamOf: (app, id) => getTrigger(app.db, id) });
const hubRoutes = [...userRoutes, ...apiKeyRoutes, ...auditRoutes, ...teamRoutes, ...templateRoutes, ...workerRoutes, ...providerRoutes];

export function allRoutes(version: string): AnyRoute[] {
  // The auto-planner's and autopilot's fixed paths come before /tasks/:id so they are never read as task ids.
  const routes: AnyRoute[] = [
    ...healthRoutes, ...loginRoutes, ...scopedGoalRoutes, ...autoPlannerRoutes, ...autopilotRoutes, ...scopedTaskRoutes, ...usageRoutes, ...scopedTriggerRoutes, ...hubRoutes, ...eventRoutes,
  ];
  // The webhook receivers are mounted separately (raw body, signature auth); they are documented here.
  routes.push(...openApiRoutes(() => [...routes, ...webhookReceiverDocs], version));
  return routes;
}
