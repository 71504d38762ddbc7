/**
 * Builds the worker pools — the same code in development and production. Each pool polls one task
 * queue: `workflows` (workflow code + projection writes), `llm` (model calls), `exec` (sandboxed
 * commands), so each scales and is limited on its own. This is the one place that joins workflows/
 * and activities/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { Counter, Histogram, register, type Registry } from 'prom-client';
import type { AppConfig } from '../core/config';
import type { QueueRole } from '../core/task-queues';
import { createLlmActivities, createStoreActivities } from '../activities';
import { createAutopilotActivities } from '../activities/autopilot';
import { createExecActivities } from '../activities/exec';
import type { LlmMetricsSink } from '../activities/llm/llm-activities';
import type { LlmProvider } from '../activities/llm/provider';
import { createPolicyActivities } from '../activities/policy';
import { createWorkerActivities } from '../activities/workers';
import type { Db } from '../db/client';
import { recordUsage } from '../db/queries/usage';
import { createTeamBudgetCheck } from '../activities/llm/team-budget';
import { createPromptTemplates } from '../activities/llm/prompt-template';
import { createLlmRouter } from './llm-provider';
import { createOutputSink } from './output-sink';

export interface WorkerPoolOptions {
  config: AppConfig;
  queues: QueueRole[];
  connection: NativeConnection;
  db: Db;
  provider: LlmProvider;
  identity?: string;
  /** Extra options, e.g. `maxCachedWorkflows: 0` in tests that prove replay. */
  overrides?: Partial<WorkerOptions>;
  /**
   * Where the LLM pool counts tokens, cost and calls. Defaults to prom-client's default registry, which
   * the API's /metrics also serves, so a process running both (npm start, tests) shows them there.
   */
  metricsRegistry?: Registry;
  /**
   * A registered worker (workers/registration.ts): its name, recorded as the agent of the commands it
   * runs, and its own task queue, which its exec pool polls besides the shared one (pinned tasks).
   */
  registered?: { name: string; taskQueue: string };
}

/** A counter registered once per registry: several pools in one process share it instead of clashing. */
function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

/** LLM usage as Prometheus counters: ananta_llm_{tokens,cost_usd,calls}_total, and call latency (ananta_llm_call_duration_seconds). */
export function createLlmMetrics(registry: Registry = register): LlmMetricsSink {
  const tokens = counter(registry, 'ananta_llm_tokens_total', 'LLM tokens, by direction (input/output)', ['provider', 'model', 'direction']);
  const cost = counter(registry, 'ananta_llm_cost_usd_total', 'LLM cost in USD (price table)', ['provider', 'model']);
  const calls = counter(registry, 'ananta_llm_calls_total', 'LLM vendor calls, by outcome (success/malformed/error)', ['provider', 'model', 'outcome']);
  const duration = (registry.getSingleMetric('ananta_llm_call_duration_seconds') as Histogram<'provider' | 'model' | 'outcome'> | undefined)
    ?? new Histogram({ name: 'ananta_llm_call_duration_seconds', help: 'LLM vendor call latency', labelNames: ['provider', 'model', 'outcome'], buckets: [0.5, 1, 2, 5, 10, 30, 60, 120], registers: [registry] });
  return {
    recordCall({ provider, model, outcome, inputTokens, outputTokens, costUsd, durationMs }) {
      calls.inc({ provider, model, outcome });
      if (durationMs !== undefined) duration.observe({ provider, model, outcome }, durationMs / 1000);
      if (inputTokens > 0) tokens.inc({ provider, model, direction: 'input' }, inputTokens);
      if (outputTokens > 0) tokens.inc({ provider, model, direction: 'output' }, outputTokens);
      if (costUsd > 0) cost.inc({ provider, model }, costUsd);
    },
  };
}

export interface WorkerPools {
  workers: Worker[];
  /** Commands running right now in this process (a registered worker's load). */
  load(): number;
  run(): Promise<void>;
  shutdown(): void;
}

/** Production runs from a pre-built bundle (`npm run build:workflows`); development bundles on start. */
function workflowSource(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle = path.resolve(__dirname, '..', 'dist', 'workflow-bundle.js');
  if (process.env.NODE_ENV === 'production' && fs.existsSync(bundle)) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: require.resolve('../workflows') };
}

export async function createWorkerPools(opts: WorkerPoolOptions): Promise<WorkerPools> {
  const { config, connection, db } = opts;
  const base = { connection, namespace: config.temporal.namespace, ...(opts.identity ? { identity: opts.identity } : {}), ...opts.overrides };
  const outputSink = createOutputSink(db);
  const workers: Worker[] = [];
  let load = 0;
  for (const role of opts.queues) {
    const taskQueue = config.taskQueues[role];
    if (role === 'workflows') {
      workers.push(await Worker.create({
        ...base, taskQueue, ...workflowSource(),
        activities: {
          ...createStoreActivities({ db }), ...createPolicyActivities(), ...createAutopilotActivities({ db }),
          ...createWorkerActivities({ db, offlineSeconds: config.env.ANANTA_WORKER_OFFLINE_SECONDS }),
        },
      }));
    } else if (role === 'llm') {
      workers.push(await Worker.create({
        ...base, taskQueue, maxConcurrentActivityTaskExecutions: config.env.ANANTA_LLM_MAX_CONCURRENT,
        activities: createLlmActivities({
          provider: opts.provider, route: createLlmRouter({ config, db, environment: opts.provider }), teamBudget: createTeamBudgetCheck(db), recordUsage: (r) => recordUsage(db, r), metrics: createLlmMetrics(opts.metricsRegistry),
          promptTemplates: createPromptTemplates({ db }),
        }),
      }));
    } else {
      const activities = createExecActivities({
        workspacesDir: config.workspacesDir, dataDir: config.dataDir, unsafeNoSandbox: config.env.ANANTA_UNSAFE_NO_SANDBOX,
        onOutput: (info: Parameters<typeof outputSink.write>[0]) => outputSink.write(info),
        workerName: opts.registered?.name, onLoad: (delta) => { load += delta; },
      });
      // A registered worker also polls its own queue, where the commands of tasks pinned to it wait.
      for (const queue of [taskQueue, ...(opts.registered ? [opts.registered.taskQueue] : [])]) {
        workers.push(await Worker.create({
          ...base, taskQueue: queue, maxConcurrentActivityTaskExecutions: config.env.ANANTA_EXEC_MAX_CONCURRENT, activities,
        }));
      }
    }
  }
  return {
    workers,
    load: () => load,
    run: async () => {
      try {
        await Promise.all(workers.map((w) => w.run()));
      } finally {
        await outputSink.close();
      }
    },
    shutdown: () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown()),
  };
}
