/** Operations endpoints, open without a token: liveness, readiness and Prometheus metrics. */
import { z } from 'zod';
import { jsonRoute, textRoute } from '../http/route';
import { checkReadiness } from './readiness.service';

const checkSchema = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });

export const healthRoutes = [
  jsonRoute({
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Liveness: the process answers',
    tags: ['operations'],
    public: true,
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  }),
  jsonRoute({
    method: 'get',
    path: '/ready',
    operationId: 'getReadiness',
    summary: 'Readiness: Temporal and the database answer (503 problem with per-check results otherwise)',
    tags: ['operations'],
    public: true,
    response: z.object({ status: z.literal('ready'), checks: z.record(z.string(), checkSchema) }),
    problems: [503],
    handler: (_input, ctx) => checkReadiness(ctx.app),
  }),
  textRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics',
    tags: ['operations'],
    public: true,
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    handler: (_input, ctx) => ctx.app.metrics.registry.metrics(),
  }),
];
