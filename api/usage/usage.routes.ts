/** GET /usage: LLM calls, tokens and cost summed per goal, team, model or UTC day. */
import { z } from 'zod';
import { summarizeUsage } from '../../db/queries/usage';
import { USAGE_GROUP_BYS } from '../../db/schema';
import { jsonRoute } from '../http/route';
import { isoInstant } from '../shared/common.schemas';

const usageRowSchema = z.object({ key: z.string(), calls: z.number(), inputTokens: z.number(), outputTokens: z.number(), costUsd: z.number() });

export const usageRoutes = [
  jsonRoute({
    method: 'get',
    path: '/usage',
    operationId: 'getUsage',
    summary: 'LLM usage totals, grouped',
    tags: ['usage'],
    query: z.object({
      groupBy: z.enum(USAGE_GROUP_BYS).default('day'),
      since: isoInstant.optional().describe('Inclusive'),
      until: isoInstant.optional().describe('Exclusive'),
    }),
    response: z.object({ items: z.array(usageRowSchema) }).meta({ id: 'UsageSummary' }),
    handler: async ({ query }, ctx) => ({ items: await summarizeUsage(ctx.app.db, query) }),
  }),
];
