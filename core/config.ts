/**
 * The one validated environment module. Entry points call loadConfig() once and pass the result down;
 * nothing reads process.env elsewhere.
 */
import path from 'node:path';
import { z } from 'zod';
import { taskQueueNames, type TaskQueueNames } from './task-queues';
import type { ApprovalPolicy, GoalBudget, TaskSettings } from './types';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Compose files pass unset variables as empty strings; for optional settings that means "not set". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  ANANTA_DATA_DIR: z.string().default('.ananta'),
  ANANTA_PUBLIC_URL: z.string().optional(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_UI_URL: z.string().default('http://localhost:8233'),
  ANANTA_TASK_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/).optional(),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  ANANTA_ADMIN_PASSWORD: z.string().min(8).optional(),
  ANANTA_JWT_SECRET: z.string().min(32).optional(),
  ANANTA_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(12 * 3600),
  /** Lifetime of a refresh token (each refresh issues a new one with a fresh lifetime). */
  ANANTA_REFRESH_TTL_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
  ANANTA_LLM_PROVIDER: z.enum(['offline', 'openai', 'anthropic', 'ollama', 'lmstudio']).default('offline'),
  ANANTA_LLM_MODEL: z.string().optional(),
  /** Per-call limit on a vendor request; a slower answer is an `llm_unavailable` failure that Temporal retries. */
  ANANTA_LLM_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
  /** Price overrides, JSON `{ "<model>": { "inputPerMTokUsd": n, "outputPerMTokUsd": n } }`. */
  ANANTA_LLM_PRICES: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.object({ inputPerMTokUsd: z.number().nonnegative(), outputPerMTokUsd: z.number().nonnegative() })))
    .optional(),
  /** Each SDK's own variables. API keys stay in the worker process: never logged, never in workflow history. */
  OPENAI_API_KEY: unsetIfEmpty(z.string()),
  OPENAI_BASE_URL: unsetIfEmpty(z.string().url()),
  ANTHROPIC_API_KEY: unsetIfEmpty(z.string()),
  ANTHROPIC_BASE_URL: unsetIfEmpty(z.string().url()),
  OLLAMA_HOST: unsetIfEmpty(z.string()),
  OLLAMA_API_KEY: unsetIfEmpty(z.string()),
  LMSTUDIO_BASE_URL: unsetIfEmpty(z.string().url()),
  ANANTA_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(3),
  ANANTA_MAX_SUBTASKS: z.coerce.number().int().min(1).max(20).default(10),
  ANANTA_MAX_FOLLOWUP_DEPTH: z.coerce.number().int().min(0).max(10).default(2),
  ANANTA_MAX_STEPS: z.coerce.number().int().min(1).max(50).default(8),
  ANANTA_APPROVAL_POLICY: z.enum(['never', 'high_risk', 'always']).default('high_risk'),
  ANANTA_APPROVAL_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(3600),
  ANANTA_COMMAND_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(300),
  ANANTA_OUTPUT_CAP_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  ANANTA_ALLOW_NETWORK: bool.default(false),
  /** Run commands without bubblewrap. Off by default: without a sandbox the executor refuses. */
  ANANTA_UNSAFE_NO_SANDBOX: bool.default(false),
  ANANTA_EXEC_MAX_CONCURRENT: z.coerce.number().int().min(1).default(4),
  ANANTA_LLM_MAX_CONCURRENT: z.coerce.number().int().min(1).default(8),
  /** Calls per minute per provider+model across all workers (shared in Redis with REDIS_URL); over it calls wait. Unset: no limit. */
  ANANTA_LLM_RATE_LIMIT_PER_MINUTE: unsetIfEmpty(z.coerce.number().int().positive()),
  /** 32 bytes, base64: encrypts stored secrets (webhook triggers). Unset: one is generated and kept in the store. */
  ANANTA_SECRET_KEY: unsetIfEmpty(z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64')),
  /** Comma-separated proxies (addresses, CIDRs or Express names like `loopback`) whose X-Forwarded-For is believed for the client IP. */
  ANANTA_TRUSTED_PROXIES: unsetIfEmpty(z.string()),
  /** Largest webhook body accepted, in bytes (larger → 413). */
  ANANTA_WEBHOOK_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /**
   * How long a webhook request waits for its goal's start before answering 202 (the delivery is already
   * recorded); past it the start goes on after the answer, so a burst beyond Temporal's start rate still
   * gets quick acks (Slack wants one within 3 s).
   */
  ANANTA_WEBHOOK_ACK_WAIT_MS: z.coerce.number().int().min(0).max(2000).default(1000),
  /** Bearer token workers present to POST /register. Unset: worker registration is disabled (403). */
  ANANTA_REGISTRATION_TOKEN: unsetIfEmpty(z.string().min(16)),
  /** A worker with no heartbeat for this long is listed offline. */
  ANANTA_WORKER_OFFLINE_SECONDS: z.coerce.number().positive().default(30),
  /** The hub (API) a worker process registers with; unset: the worker does not register. */
  ANANTA_HUB_URL: unsetIfEmpty(z.string().url()),
  /** The name a worker registers under; the same name again keeps its id and own task queue. */
  ANANTA_WORKER_NAME: unsetIfEmpty(z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only')),
  /** What a worker offers to pinned tasks, comma-separated (`gpu,docker,repo:web`). */
  ANANTA_WORKER_CAPABILITIES: z
    .string()
    .default('')
    .transform((text) => [...new Set(text.split(',').map((c) => c.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(100)).max(50)),
  /** How often a registered worker tells the hub it is alive (keep well under ANANTA_WORKER_OFFLINE_SECONDS). */
  ANANTA_WORKER_HEARTBEAT_SECONDS: z.coerce.number().positive().default(10),
  /** A separate worker process serves its Prometheus metrics on this port at /metrics. */
  ANANTA_WORKER_METRICS_PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65535)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env;
  dataDir: string;
  workspacesDir: string;
  pgliteDir: string;
  temporal: { address: string; namespace: string; uiUrl: string };
  taskQueues: TaskQueueNames;
  defaults: { budget: GoalBudget; task: TaskSettings; maxConcurrency: number };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.ANANTA_DATA_DIR);
  return {
    env,
    dataDir,
    workspacesDir: path.join(dataDir, 'workspaces'),
    pgliteDir: path.join(dataDir, 'pglite'),
    temporal: { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, uiUrl: env.TEMPORAL_UI_URL },
    taskQueues: taskQueueNames(env.ANANTA_TASK_QUEUE_PREFIX),
    defaults: {
      maxConcurrency: env.ANANTA_MAX_CONCURRENCY,
      budget: { maxSubtasks: env.ANANTA_MAX_SUBTASKS, maxFollowupDepth: env.ANANTA_MAX_FOLLOWUP_DEPTH },
      task: {
        maxSteps: env.ANANTA_MAX_STEPS,
        allowNetwork: env.ANANTA_ALLOW_NETWORK,
        approvalPolicy: env.ANANTA_APPROVAL_POLICY as ApprovalPolicy,
        approvalTimeoutSeconds: env.ANANTA_APPROVAL_TIMEOUT_SECONDS,
        approvalTimeoutDecision: 'reject',
        commandTimeoutSeconds: env.ANANTA_COMMAND_TIMEOUT_SECONDS,
        outputCapBytes: env.ANANTA_OUTPUT_CAP_BYTES,
      },
    },
  };
}
