/** GET /events/stream: the dashboard's live feed of goal, task, worker and delivery changes (change-stream.ts). */
import { z } from 'zod';
import { verifyBearer } from '../auth/authenticate';
import { UnauthorizedError } from '../errors/domain-errors';
import { sseRoute, type AnyRoute } from '../http/route';
import { streamChanges } from './change-stream';

export const eventRoutes: AnyRoute[] = [
  sseRoute({
    method: 'get',
    path: '/events/stream',
    operationId: 'streamEvents',
    summary: 'Goal, task, worker and webhook-delivery changes as server-sent events (scoped to the caller’s teams)',
    description:
      'First `event: ready`, then `event: goal` `{id, status, teamId, updatedAt}`, `event: task` `{id, goalId, title, status, teamId, updatedAt}`, ' +
      '`event: worker` `{id, name, currentLoad, lastSeenAt, updatedAt}` (heartbeats, registrations) and ' +
      '`event: delivery` `{id, triggerId, outcome, startStatus, goalId, count, teamId, updatedAt}` as rows change; `: heartbeat` comments in between. ' +
      'The caller is authenticated again at each heartbeat: once its token has expired or its access is revoked the stream sends ' +
      '`event: unauthorized` `{code, detail}` and ends (reconnect with a fresh token). ' +
      'The `id:` of an event is the point reached: reconnect with Last-Event-ID to resume from it.',
    tags: ['events'],
    headers: z.object({ 'last-event-id': z.iso.datetime().optional(), authorization: z.string().optional() }),
    handler: async ({ headers }, ctx) => {
      if (!ctx.principal) throw new UnauthorizedError();
      const since = headers['last-event-id'] ? new Date(headers['last-event-id']) : undefined;
      const token = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
      const recheck = token ? () => verifyBearer(ctx.app, token, '/events/stream') : undefined;
      return streamChanges(ctx.app, ctx.principal, { since, signal: ctx.signal, recheck });
    },
  }),
];
