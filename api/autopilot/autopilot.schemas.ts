/**
 * The autopilot endpoints on the original's paths (`/tasks/autopilot/*`). Bodies accept the original
 * clients' snake_case spellings too; the response is an allow-list of the workflow's live state.
 */
import { z } from 'zod';
import { AUTOPILOT_LIMITS, SECURITY_LEVELS } from '../../core/autopilot-messages';
import { TASK_STATUSES } from '../../core/statuses';

const teamIdSchema = z.string().min(1).max(200);
const maxConcurrencySchema = z.number().int().min(1).max(AUTOPILOT_LIMITS.maxConcurrency);
const circuitOpenSchema = z.number().int().min(1).max(AUTOPILOT_LIMITS.maxCircuitOpenSeconds)
  .describe(`How long a worker's circuit stays open after ${AUTOPILOT_LIMITS.circuitFailures} failures in a row (default ${AUTOPILOT_LIMITS.defaultCircuitOpenSeconds} s)`);
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
    circuitOpenSeconds: circuitOpenSchema.optional(),
  })
  .transform((b) => ({
    teamId: b.teamId ?? b.team_id,
    maxConcurrency: b.maxConcurrency ?? b.max_concurrency,
    securityLevel: b.securityLevel ?? b.security_level,
    circuitOpenSeconds: b.circuitOpenSeconds,
  }));
export type StartAutopilotRequest = z.output<typeof startAutopilotBody>;

export const autopilotScopeBody = z
  .object({ teamId: teamIdSchema.optional(), team_id: teamIdSchema.optional().describe('Alias of teamId') })
  .optional()
  .transform((b) => ({ teamId: b?.teamId ?? b?.team_id }));

export const resetCircuitsBody = z
  .object({
    teamId: teamIdSchema.optional(),
    team_id: teamIdSchema.optional().describe('Alias of teamId'),
    worker: z.string().min(1).max(300).optional().describe('Only this worker\'s circuit (as named in status.circuits); all when absent'),
  })
  .optional()
  .transform((b) => ({ teamId: b?.teamId ?? b?.team_id, worker: b?.worker }));

const errorSchema = z.object({ code: z.string(), detail: z.string() });

export const circuitSchema = z
  .object({
    worker: z.string().describe(`A worker id, or "shared" for tasks run by any worker of the shared pool`),
    consecutiveFailures: z.number().int(),
    open: z.boolean(),
    openUntil: z.string().nullable(),
    opened: z.number().int().describe('How often this circuit has opened'),
  })
  .meta({ id: 'AutopilotCircuit' });

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
    circuits: z.array(circuitSchema).describe('Per worker that ran tasks: failures in a row and whether its circuit is open'),
    circuitOpenSeconds: z.number().int().nullable(),
    heldUntil: z.string().nullable().describe('Set while every worker that ran tasks has its circuit open: nothing starts until then (or a reset)'),
  })
  .meta({ id: 'AutopilotStatus' });
export type AutopilotStatusView = z.input<typeof autopilotStatusSchema>;
