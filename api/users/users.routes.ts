/** /users: user administration (admins only). */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { createUserBody, deletedSchema, listUsersQuery, updateUserBody, userPageSchema, userSchema } from './users.schemas';
import { createUserAccount, deleteUserAccount, listUsersView, updateUserAccount } from './users.service';

const tags = ['auth'];
const roles = ['admin'] as const;

export const userRoutes = [
  jsonRoute({
    method: 'get',
    path: '/users',
    operationId: 'listUsers',
    summary: 'List users with their roles and teams',
    tags,
    roles,
    query: listUsersQuery,
    response: userPageSchema,
    handler: ({ query }, ctx) => listUsersView(ctx.app, query),
  }),
  jsonRoute({
    method: 'post',
    path: '/users',
    operationId: 'createUser',
    summary: 'Create a user (admin, operator or viewer), optionally in teams',
    tags,
    roles,
    body: createUserBody,
    status: 201,
    response: userSchema,
    problems: [404, 409],
    handler: ({ body }, ctx) => createUserAccount(ctx.app, ctx.principal!, body),
  }),
  jsonRoute({
    method: 'patch',
    path: '/users/:id',
    operationId: 'updateUser',
    summary: "Change a user's role, teams or password",
    tags,
    roles,
    params: idParams,
    body: updateUserBody,
    response: userSchema,
    problems: [404, 409],
    handler: ({ params, body }, ctx) => updateUserAccount(ctx.app, ctx.principal!, params.id, body),
  }),
  jsonRoute({
    method: 'delete',
    path: '/users/:id',
    operationId: 'deleteUser',
    summary: 'Delete a user (not the last admin)',
    tags,
    roles,
    params: idParams,
    response: deletedSchema,
    problems: [404, 409],
    handler: ({ params }, ctx) => deleteUserAccount(ctx.app, ctx.principal!, params.id),
  }),
];
