/**
 * The auto-planner's settings (GET /tasks/auto-planner/status, POST /tasks/auto-planner/configure).
 * The original's clients send snake_case; both spellings are accepted and folded before validation, so
 * a problem's errors[] always names the camelCase field.
 */
import { z } from 'zod';

const priority = z.enum(['low', 'medium', 'high']);

/** Every setting with its bounds: the stored JSON is parsed with the same schema it was written with. */
export const plannerSettingsSchema = z
  .object({
    autoFollowupEnabled: z.boolean().describe('Default of a new goal’s `autopilot` (look for follow-up work)'),
    maxSubtasksPerGoal: z.number().int().min(1).max(20).describe('Budget default of a new goal, and the most subtasks a plan may have'),
    maxFollowupDepth: z.number().int().min(0).max(10).describe('Budget default of a new goal: how deep follow-ups of follow-ups go'),
    defaultPriority: priority.describe('Priority of a task filed without one'),
    llmTimeoutSeconds: z.number().int().min(5).max(3600).describe('How long the API waits for a plan or an analysis'),
  })
  .meta({ id: 'AutoPlannerSettings' });
export type PlannerSettings = z.output<typeof plannerSettingsSchema>;

const ALIASES: Record<string, keyof PlannerSettings> = {
  auto_followup_enabled: 'autoFollowupEnabled',
  max_subtasks_per_goal: 'maxSubtasksPerGoal',
  max_followup_depth: 'maxFollowupDepth',
  default_priority: 'defaultPriority',
  llm_timeout_seconds: 'llmTimeoutSeconds',
};

const fold = (raw: unknown): unknown => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = ALIASES[key] ?? key;
    if (!(name in out) || key === name) out[name] = value;
  }
  return out;
};

/** A partial change: fields not sent keep their value. Unknown fields are rejected (a typo must not pass silently). */
export const configureBody = z.preprocess(fold, plannerSettingsSchema.partial().strict()).describe('Any of the settings; snake_case names are accepted too');
export type ConfigureBody = z.output<typeof configureBody>;

export const plannerStatusSchema = z
  .object({
    settings: plannerSettingsSchema,
    /** False while nothing was configured: the values are then the deployment's defaults. */
    configured: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'AutoPlannerStatus' });
