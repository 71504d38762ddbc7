/** GET /events/stream: the dashboard's live feed of goal and task status changes (change-stream.ts). */
import { z } from 'zod';
import { UnauthorizedError } from '../errors/domain-errors';
import { sseRoute, type AnyRoute } from '../http/route';
import { streamChanges } from './change-stream';

export const eventRoutes: AnyRoute[] = [
  sseRoute({
    method: 'get',
    path: '/events/stream',
    operationId: 'streamEvents',
    summary: 'Goal and task status changes as server-sent events (scoped to the caller’s teams)',
    description:
      'First `event: ready`, then `event: goal` `{id, status, teamId, updatedAt}` and `event: task` `{id, goalId, title, status, teamId, updatedAt}` as rows change; ' +
      '`: heartbeat` comments in between. The `id:` of an event is the point reached: reconnect with Last-Event-ID to resume from it.',
    tags: ['events'],
    headers: z.object({ 'last-event-id': z.iso.datetime().optional() }),
    handler: async ({ headers }, ctx) => {
      if (!ctx.principal) throw new UnauthorizedError();
      const since = headers['last-event-id'] ? new Date(headers['last-event-id']) : undefined;
      return streamChanges(ctx.app, ctx.principal, { since, signal: ctx.signal });
    },
  }),
];
