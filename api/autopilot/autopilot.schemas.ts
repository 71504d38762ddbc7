/**
 * The autopilot endpoints on the original's paths (`/tasks/autopilot/*`). Bodies accept the original
 * clients' snake_case spellings too; the response is an allow-list of the workflow's live state.
 */
import { z } from 'zod';
import { AUTOPILOT_LIMITS, SECURITY_LEVELS } from '../../core/autopilot-messages';
import { TASK_STATUSES } from '../../core/statuses';

const teamIdSchema = z.string().min(1).max(200);
const maxConcurrencySchema = z.number().int().min(1).max(AUTOPILOT_LIMITS.maxConcurrency);
const securityLevelSchema = z.enum(SECURITY_LEVELS).describe('safe: every command needs approval; balanced: high-risk ones; aggressive: none (still sandboxed)');

export const autopilotScopeQuery = z.object({ teamId: teamIdSchema.optional().describe('The team autopilot; the global one when absent') });

export const startAutopilotBody = z
  .object({
    teamId: teamIdSchema.optional(),
    team_id: teamIdSchema.optional().describe('Alias of teamId'),
    maxConcurrency: maxConcurrencySchema.optional(),
    max_concurrency: maxConcurrencySchema.optional().describe('Alias of maxConcurrency'),
    securityLevel: securityLevelSchema.optional(),
    security_level: securityLevelSchema.optional().describe('Alias of securityLevel'),
  })
  .transform((b) => ({
    teamId: b.teamId ?? b.team_id,
    maxConcurrency: b.maxConcurrency ?? b.max_concurrency,
    securityLevel: b.securityLevel ?? b.security_level,
  }));
export type StartAutopilotRequest = z.output<typeof startAutopilotBody>;

export const autopilotScopeBody = z
  .object({ teamId: teamIdSchema.optional(), team_id: teamIdSchema.optional().describe('Alias of teamId') })
  .optional()
  .transform((b) => ({ teamId: b?.teamId ?? b?.team_id }));

const errorSchema = z.object({ code: z.string(), detail: z.string() });

export const autopilotStatusSchema = z
  .object({
    workflowId: z.string(),
    teamId: z.string().nullable(),
    running: z.boolean(),
    status: z.enum(['running', 'stopping', 'stopped']),
    /** False when the workflow runs but no worker answered the status query in time. */
    live: z.boolean(),
    alreadyRunning: z.boolean().optional().describe('On start: the autopilot was running already (its settings were updated)'),
    maxConcurrency: z.number().int().nullable(),
    securityLevel: securityLevelSchema.nullable(),
    inFlight: z.array(z.object({ taskId: z.string(), workflowId: z.string(), startedAt: z.string() })),
    maxObservedInFlight: z.number().int(),
    started: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    ticks: z.number().int(),
    lastTickAt: z.string().nullable(),
    recent: z.array(z.object({ taskId: z.string(), status: z.enum(TASK_STATUSES), finishedAt: z.string(), error: errorSchema.optional() })),
    runs: z.number().int(),
  })
  .meta({ id: 'AutopilotStatus' });
export type AutopilotStatusView = z.input<typeof autopilotStatusSchema>;
