/**
 * /teams and its fixed sub-paths (types, roles, setup-scrum), which are declared before `/teams/:id`.
 * Reading is open to every role (operators see their own teams); changing teams is for admins.
 */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { setupScrum } from './setup-scrum.service';
import { allowRole, createRole, createTeamType, listRolesView, listTeamTypesView, listTypeRolesView } from './team-types.service';
import {
  allowRoleBody, createRoleBody, createTeamBody, createTeamTypeBody, deletedTeamSchema, listTeamsQuery, roleListSchema, roleSchema, setupScrumBody,
  setupScrumSchema, teamPageSchema, teamSchema, teamTypeListSchema, teamTypeSchema, updateTeamBody,
} from './teams.schemas';
import { activateTeamById, createTeamWithMembers, deleteTeamById, listTeamsView, updateTeamWithMembers } from './teams.service';

const tags = ['teams'];
const admin = ['admin'] as const;

export const teamRoutes = [
  jsonRoute({ method: 'get', path: '/teams/types', operationId: 'listTeamTypes', summary: 'Team types with their allowed roles (Scrum and Kanban built in)', tags, response: teamTypeListSchema, handler: (_i, ctx) => listTeamTypesView(ctx.app) }),
  jsonRoute({ method: 'post', path: '/teams/types', operationId: 'createTeamType', summary: 'Create a team type', tags, roles: admin, body: createTeamTypeBody, status: 201, response: teamTypeSchema, problems: [404, 409], handler: ({ body }, ctx) => createTeamType(ctx.app, body) }),
  jsonRoute({ method: 'get', path: '/teams/types/:id/roles', operationId: 'listTeamTypeRoles', summary: 'The roles a team type allows', tags, params: idParams, response: roleListSchema, problems: [404], handler: ({ params }, ctx) => listTypeRolesView(ctx.app, params.id) }),
  jsonRoute({ method: 'post', path: '/teams/types/:id/roles', operationId: 'allowTeamTypeRole', summary: 'Allow a role in a team type (optionally with its template there)', tags, roles: admin, params: idParams, body: allowRoleBody, status: 201, response: roleListSchema, problems: [404], handler: ({ params, body }, ctx) => allowRole(ctx.app, params.id, body) }),
  jsonRoute({ method: 'get', path: '/teams/roles', operationId: 'listTeamRoles', summary: 'Team roles', tags, response: roleListSchema, handler: (_i, ctx) => listRolesView(ctx.app) }),
  jsonRoute({ method: 'post', path: '/teams/roles', operationId: 'createTeamRole', summary: 'Create a team role, optionally with a prompt template', tags, roles: admin, body: createRoleBody, status: 201, response: roleSchema, problems: [404, 409], handler: ({ body }, ctx) => createRole(ctx.app, body) }),
  jsonRoute({
    method: 'post', path: '/teams/setup-scrum', operationId: 'setupScrumTeam', summary: 'Create a Scrum team and seed its backlog as todo tasks of that team', tags, roles: admin,
    body: setupScrumBody, status: 201, response: setupScrumSchema, problems: [409], handler: ({ body }, ctx) => setupScrum(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({ method: 'get', path: '/teams', operationId: 'listTeams', summary: 'Teams, newest first (an operator sees its own)', tags, query: listTeamsQuery, response: teamPageSchema, handler: ({ query }, ctx) => listTeamsView(ctx.app, ctx.principal!, query) }),
  jsonRoute({ method: 'post', path: '/teams', operationId: 'createTeam', summary: 'Create a team with members', tags, roles: admin, body: createTeamBody, status: 201, response: teamSchema, problems: [400, 404, 409], handler: ({ body }, ctx) => createTeamWithMembers(ctx.app, body) }),
  jsonRoute({ method: 'patch', path: '/teams/:id', operationId: 'updateTeam', summary: 'Change a team (members are replaced when given)', tags, roles: admin, params: idParams, body: updateTeamBody, response: teamSchema, problems: [400, 404, 409], handler: ({ params, body }, ctx) => updateTeamWithMembers(ctx.app, params.id, body) }),
  jsonRoute({ method: 'delete', path: '/teams/:id', operationId: 'deleteTeam', summary: 'Delete a team', tags, roles: admin, params: idParams, response: deletedTeamSchema, problems: [404], handler: ({ params }, ctx) => deleteTeamById(ctx.app, params.id) }),
  jsonRoute({ method: 'post', path: '/teams/:id/activate', operationId: 'activateTeam', summary: 'Make this the one active team', tags, roles: admin, params: idParams, response: teamSchema, problems: [404], handler: ({ params }, ctx) => activateTeamById(ctx.app, params.id) }),
];
