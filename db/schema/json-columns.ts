/**
 * zod schemas for the JSON shapes that goals and tasks store (core's types), so a select or insert
 * schema built from a table validates its jsonb columns instead of accepting any JSON.
 */
import { z } from 'zod';

export const usageJson = z.object({
  calls: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
});

export const errorInfoJson = z.object({ code: z.string(), detail: z.string() });

export const plannedSubtaskJson = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  dependsOn: z.array(z.string()),
});

export const goalBudgetJson = z.object({
  maxTokens: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
  maxSubtasks: z.number().int().positive(),
  maxFollowupDepth: z.number().int().nonnegative(),
});

export const verdictJson = z.object({ success: z.boolean(), summary: z.string() });
