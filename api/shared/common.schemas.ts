/**
 * Response and parameter pieces shared by several resources: usage, error info, pagination, ids and
 * the goal text rules (also used by the auto-planner, whose contract has the same limits and codes).
 */
import { z } from 'zod';
import type { IssueCodeRule } from '../http/route';

export const GOAL_MAX_CHARS = 4000;

export const goalTextSchema = z.string().trim().min(1).max(GOAL_MAX_CHARS).describe('What should be achieved, in plain words');

/** `goal_required` / `goal_too_long`, the codes the original's clients branch on. */
export const goalIssueCodes: IssueCodeRule[] = [
  { path: 'body.goal', issues: ['too_small', 'invalid_type'], code: 'goal_required' },
  { path: 'body.goal', issues: ['too_big'], code: 'goal_too_long' },
];

export const usageSchema = z
  .object({ calls: z.number(), inputTokens: z.number(), outputTokens: z.number(), tokens: z.number(), costUsd: z.number() })
  .meta({ id: 'Usage' });

export const errorInfoSchema = z
  .object({ code: z.string(), detail: z.string() })
  .meta({ id: 'ErrorInfo', description: 'Why a goal or task failed, e.g. llm_failed, budget_exceeded' });

export const plannedSubtaskSchema = z
  .object({ id: z.string(), title: z.string(), description: z.string(), dependsOn: z.array(z.string()) })
  .meta({ id: 'PlannedSubtask' });

export const idParams = z.object({ id: z.string().min(1).max(200) });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Page size (default 50)'),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
};

/** An ISO date or date-time, as a Date. */
export const isoInstant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .describe('ISO 8601 date or date-time');

export const isoString = (d: Date): string => d.toISOString();
