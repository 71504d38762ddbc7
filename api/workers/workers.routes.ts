/** The worker registry: POST /register (registration token), heartbeats (worker token), GET /agents and /workers. */
import { jsonRoute } from '../http/route';
import { idParams } from '../shared/common.schemas';
import { heartbeatBody, listWorkersQuery, registerBody, registeredSchema, registrationHeaders, workerPageSchema, workerSchema } from './workers.schemas';
import { heartbeat, listWorkersView, registerWorkerWithToken } from './workers.service';

const tags = ['workers'];

export const workerRoutes = [
  jsonRoute({
    method: 'post',
    path: '/register',
    operationId: 'registerWorker',
    summary: 'Register a worker (or re-register it: same name, new token)',
    description: 'Authenticated by `Authorization: Bearer <ANANTA_REGISTRATION_TOKEN>`, not by a user token.',
    tags,
    public: true,
    headers: registrationHeaders,
    body: registerBody,
    status: 201,
    response: registeredSchema,
    problems: [401, 403],
    handler: ({ headers, body }, ctx) => registerWorkerWithToken(ctx.app, headers.authorization, body),
  }),
  jsonRoute({
    method: 'post',
    path: '/workers/:id/heartbeat',
    operationId: 'workerHeartbeat',
    summary: 'A worker reports it is alive and its load (with its own worker token)',
    tags,
    // The worker's principal is read-only everywhere else; the service checks it is this worker.
    roles: ['admin', 'operator', 'viewer'],
    params: idParams,
    body: heartbeatBody,
    response: workerSchema,
    problems: [404],
    handler: ({ params, body }, ctx) => heartbeat(ctx.app, ctx.principal!, params.id, body.load),
  }),
  ...(['/agents', '/workers'] as const).map((path) =>
    jsonRoute({
      method: 'get',
      path,
      operationId: path === '/agents' ? 'listAgents' : 'listWorkers',
      summary: 'Registered workers with their status (online unless a heartbeat is overdue) and capabilities',
      tags,
      query: listWorkersQuery,
      response: workerPageSchema,
      handler: ({ query }, ctx) => listWorkersView(ctx.app, query),
    }),
  ),
];
