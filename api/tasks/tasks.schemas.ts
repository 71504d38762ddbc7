/** Request and response shapes of /tasks. Status filters accept the original's spellings (aliases). */
import { z } from 'zod';
import { TASK_STATUS_ALIASES, TASK_STATUSES, type TaskStatus } from '../../core/statuses';
import type { IssueCodeRule } from '../http/route';
import { errorInfoSchema, isoInstant, pageQuery, usageSchema } from '../shared/common.schemas';

const isTaskStatus = (s: string): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s);

/** `status=done,in-progress` → ['completed', 'in_progress']; an unknown spelling is a 422. */
export const taskStatusFilter = z
  .string()
  .transform((raw, ctx): TaskStatus[] => {
    const out: TaskStatus[] = [];
    for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      const status = TASK_STATUS_ALIASES[part] ?? part;
      if (!isTaskStatus(status)) {
        ctx.issues.push({ code: 'custom', input: raw, message: `unknown status "${part}"; use one of ${TASK_STATUSES.join(', ')}` });
        return z.NEVER;
      }
      out.push(status);
    }
    return out;
  })
  .describe(`One status or several, comma-separated: ${TASK_STATUSES.join(', ')} (also done, to-do, in-progress, canceled)`);

export const listTasksQuery = z.object({
  status: taskStatusFilter.optional(),
  teamId: z.string().max(200).optional(),
  goalId: z.string().max(200).optional(),
  agent: z.string().max(200).optional(),
  since: isoInstant.optional(),
  until: isoInstant.optional(),
  ...pageQuery,
});

export const listTasksIssueCodes: IssueCodeRule[] = [{ path: 'query.status', issues: ['custom'], code: 'invalid_status' }];

const verdictSchema = z.object({ success: z.boolean(), summary: z.string() });

const taskFields = {
  id: z.string(),
  goalId: z.string(),
  subtaskId: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(TASK_STATUSES),
  priority: z.string(),
  dependsOn: z.array(z.string()),
  origin: z.string(),
  depth: z.number().int(),
  attempt: z.number().int(),
  workflowId: z.string(),
  teamId: z.string().nullable(),
  agent: z.string().nullable(),
  pinnedWorkerId: z.string().nullable(),
  requiredCapabilities: z.array(z.string()),
  parentTaskId: z.string().nullable(),
  verdict: verdictSchema.nullable(),
  error: errorInfoSchema.nullable(),
  usage: usageSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const taskSummarySchema = z.object(taskFields).meta({ id: 'TaskSummary' });

export const stepSchema = z
  .object({
    index: z.number().int(),
    reasoning: z.string(),
    command: z.string(),
    risk: z.enum(['low', 'medium', 'high']),
    riskReasons: z.array(z.string()),
    approval: z.object({ decision: z.enum(['approve', 'reject']), comment: z.string().optional(), by: z.string() }).optional(),
    exitCode: z.number().int().optional(),
    timedOut: z.boolean().optional(),
    truncated: z.boolean().optional(),
    output: z.string().optional(),
  })
  .meta({ id: 'TaskStep' });

export const pendingApprovalSchema = z
  .object({ stepIndex: z.number().int(), command: z.string(), risk: z.enum(['low', 'medium', 'high']), riskReasons: z.array(z.string()) })
  .meta({ id: 'PendingApproval' });

export const taskSchema = z
  .object({
    ...taskFields,
    temporalUiUrl: z.string(),
    steps: z.array(stepSchema).optional().describe('Present while the task workflow can be queried'),
    pendingApproval: pendingApprovalSchema.nullable(),
    live: z.boolean(),
  })
  .meta({ id: 'Task' });
export type TaskView = z.input<typeof taskSchema>;

export const taskPageSchema = z.object({ items: z.array(taskSummarySchema), nextCursor: z.string().nullable() }).meta({ id: 'TaskPage' });

export const taskActionSchema = z
  .object({ id: z.string(), action: z.enum(['pause', 'resume', 'cancel', 'retry']), status: z.enum(TASK_STATUSES) })
  .meta({ id: 'TaskActionResult' });

export const approveBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(2000).optional(),
});

export const taskEventSchema = z
  .object({
    seq: z.number().int(),
    taskId: z.string(),
    type: z.string(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TaskEvent' });

export const logsQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).optional().describe('Only events after this seq'),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export const logsSchema = z.object({ items: z.array(taskEventSchema), lastSeq: z.number().int().nullable() }).meta({ id: 'TaskLog' });

const priorityField = z.enum(['low', 'medium', 'high']);
const idRef = z.string().min(1).max(300);
const capabilities = z.array(z.string().trim().min(1).max(100)).max(20).describe('Run only on a worker with all of these (gpu, docker, repo:<name>)');

export const createTaskBody = z.strictObject({
  title: z.string().trim().min(1).max(500).optional().describe("The description's first line when absent"),
  description: z.string().trim().min(1).max(20_000),
  priority: priorityField.optional().describe("The auto-planner's defaultPriority (medium unless configured) when absent"),
  teamId: idRef.optional().describe("The parent's team when absent"),
  parentTaskId: idRef.optional(),
  dependsOn: z.array(idRef).max(50).default([]).describe('Ids of tasks that must complete first'),
  pinnedWorkerId: idRef.optional().describe("Run this task's commands only on this registered worker"),
  requiredCapabilities: capabilities.default([]),
});
export type CreateTaskBody = z.output<typeof createTaskBody>;

export const updateTaskBody = z.strictObject({
  title: z.string().trim().min(1).max(500).optional(),
  description: z.string().trim().min(1).max(20_000).optional(),
  priority: priorityField.optional(),
  dependsOn: z.array(idRef).max(50).optional(),
  pinnedWorkerId: idRef.nullable().optional().describe('null removes the pin'),
  requiredCapabilities: capabilities.optional(),
}).describe('Changes fields only; a status changes through the task actions (pause, resume, cancel, retry)');
export type UpdateTaskBody = z.output<typeof updateTaskBody>;

export const followupsBody = z.strictObject({
  items: z.array(z.strictObject({ description: z.string().max(20_000), priority: priorityField.optional() })).min(1).max(50),
});
export type FollowupsBody = z.output<typeof followupsBody>;

export const followupsResultSchema = z
  .object({
    created: z.array(taskSummarySchema),
    skipped: z.array(z.object({ index: z.number().int(), description: z.string(), reason: z.enum(['duplicate', 'empty_description']) })),
  })
  .meta({ id: 'FollowupsResult' });
