/** POST /tasks/{id}/step/propose and /step/execute: one manual agent step of a manual task. */
import { z } from 'zod';
import { usageSchema } from '../shared/common.schemas';

const risk = z.enum(['low', 'medium', 'high']);

export const proposedStepSchema = z
  .object({
    taskId: z.string(),
    kind: z.enum(['command', 'done']).describe('command: a next step to run; done: the agent thinks the task is finished'),
    command: z.string().optional(),
    rationale: z.string().optional().describe("The agent's reasoning for the command"),
    risk: risk.optional().describe("The policy's risk class of the command"),
    riskReasons: z.array(z.string()).optional(),
    needsApproval: z.boolean().optional().describe('Executing it needs approve: true from an admin or operator'),
    success: z.boolean().optional(),
    summary: z.string().optional(),
    usage: usageSchema,
  })
  .meta({ id: 'ProposedStep' });

export const executeStepBody = z.strictObject({
  command: z.string().trim().min(1).max(10_000),
  approve: z.boolean().default(false).describe('Approve a command whose risk class needs approval (admin or operator)'),
});
export type ExecuteStepBody = z.output<typeof executeStepBody>;

export const stepResultSchema = z
  .object({
    taskId: z.string(),
    command: z.string(),
    exitCode: z.number().int(),
    stdout: z.string().describe("The command's standard output (with the truncation marker when output was cut); all of the output, stderr included, when the streams switched more than 1000 times"),
    stderr: z.string().describe("The command's standard error, and the platform's notices (a timeout kill, an unsandboxed run)"),
    truncated: z.boolean(),
    timedOut: z.boolean(),
    durationMs: z.number(),
    risk,
    riskReasons: z.array(z.string()),
  })
  .meta({ id: 'StepResult' });
