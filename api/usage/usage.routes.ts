/** GET /usage: LLM calls, tokens and cost summed per goal, team, model or UTC day. */
import { z } from 'zod';
import { USAGE_GROUP_BYS } from '../../db/schema';
import { jsonRoute } from '../http/route';
import { isoInstant } from '../shared/common.schemas';
import { usageView } from './usage.service';

const usageRowSchema = z.object({
  key: z.string(), calls: z.number(), inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number(),
  avgLatencyMs: z.number().nullable().describe('Mean time the vendor took to answer, over the calls that recorded it'),
});

export const usageRoutes = [
  jsonRoute({
    method: 'get',
    path: '/usage',
    operationId: 'getUsage',
    summary: "LLM usage totals, grouped (an operator sees its teams' usage only)",
    tags: ['usage'],
    query: z.object({
      groupBy: z.enum(USAGE_GROUP_BYS).default('day'),
      since: isoInstant.optional().describe('Inclusive'),
      until: isoInstant.optional().describe('Exclusive'),
    }),
    response: z.object({ items: z.array(usageRowSchema) }).meta({ id: 'UsageSummary' }),
    handler: ({ query }, ctx) => usageView(ctx.app, ctx.principal!, query),
  }),
];
