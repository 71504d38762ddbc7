/**
 * A whole Ananta back end for integration tests, on real parts: the Temporal dev server from the global
 * setup, a real store (PostgreSQL when reachable, else PGlite — or the one asked for), and the real
 * worker pools. Every harness gets its own task-queue prefix and data dir, so test files running in
 * parallel never take each other's work. Only the LLM may be faked (a scripted provider).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type WorkerOptions } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '../../core/config';
import { buildGoalInput, type GoalRequest } from '../../core/goal-input';
import { GOAL_ID_ATTR, STATUS_ATTR, TEAM_ATTR } from '../../core/search-attributes';
import { goalWorkflowId, type QueueRole } from '../../core/task-queues';
import type { GoalState } from '../../core/types';
import { createOfflineProvider } from '../../activities/llm/offline-provider';
import type { LlmProvider } from '../../activities/llm/provider';
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { insertGoal } from '../../db/queries/goals';
import { createPgTestDatabase, pgReachable, type PgTestDatabase } from '../../db/testing/pg-test-database';
import { createWorkerPools, type WorkerPools } from '../../workers/create-workers';
import type { goalWorkflow } from '../../workflows';

export interface PlatformOptions {
  provider?: LlmProvider;
  env?: Record<string, string>;
  store?: 'postgres' | 'pglite';
  queues?: QueueRole[];
  workerOverrides?: Partial<WorkerOptions>;
}

export interface Platform {
  config: AppConfig;
  client: Client;
  database: OpenedDatabase;
  storeKind: 'postgres' | 'pglite';
  startGoal(request: Omit<GoalRequest, 'goalId'> & { goalId?: string }): Promise<WorkflowHandleWithFirstExecutionRunId<typeof goalWorkflow>>;
  startWorkers(queues?: QueueRole[]): Promise<WorkerPools>;
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export const uniqueId = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

let runtimeInstalled = false;

export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  if (!runtimeInstalled) {
    // Workers log state changes at INFO; tests only want warnings.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-it-'));
  const storeKind = opts.store ?? (pgReachable() ? 'postgres' : 'pglite');
  let pgDb: PgTestDatabase | undefined;
  if (storeKind === 'postgres') pgDb = await createPgTestDatabase();
  const config = loadConfig({
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    ANANTA_DATA_DIR: dataDir,
    ANANTA_TASK_QUEUE_PREFIX: uniqueId('it'),
    LOG_LEVEL: 'warn',
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...opts.env,
  });
  const database = await openDatabase({ databaseUrl: config.env.DATABASE_URL, pgliteDir: pgDb ? undefined : 'memory://' });
  const client = new Client({ connection: await Connection.connect({ address: config.temporal.address }) });
  const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
  const provider = opts.provider ?? createOfflineProvider();
  let running: { pools: WorkerPools; done: Promise<void> } | undefined;

  const platform: Platform = {
    config, client, database, storeKind,
    async startGoal(request) {
      const goalId = request.goalId ?? uniqueId('g');
      const input = buildGoalInput(config, { ...request, goalId });
      await insertGoal(database.db, {
        id: goalId, goal: input.goal, teamId: input.teamId, workflowId: goalWorkflowId(goalId), status: 'planning', budget: input.budget, autopilot: input.autopilot,
      });
      return client.workflow.start<typeof goalWorkflow>('goalWorkflow', {
        workflowId: goalWorkflowId(goalId), taskQueue: config.taskQueues.workflows, args: [input],
        typedSearchAttributes: [
          { key: GOAL_ID_ATTR, value: goalId }, { key: TEAM_ATTR, value: input.teamId ?? 'none' }, { key: STATUS_ATTR, value: 'planning' },
        ],
      });
    },
    async startWorkers(queues = opts.queues ?? ['workflows', 'llm', 'exec']) {
      const pools = await createWorkerPools({ config, queues, connection: nativeConnection, db: database.db, provider, overrides: opts.workerOverrides });
      running = { pools, done: pools.run() };
      return pools;
    },
    async stopWorkers() {
      if (!running) return;
      running.pools.shutdown();
      await running.done;
      running = undefined;
    },
    async close() {
      await platform.stopWorkers();
      await client.connection.close();
      await nativeConnection.close();
      await database.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return platform;
}

/** Polls the goal's live state until `done` holds (or the goal ends), failing after `timeoutMs`. */
export async function waitForGoal(handle: WorkflowHandle, done: (s: GoalState) => boolean, timeoutMs = 60_000): Promise<GoalState> {
  const deadline = Date.now() + timeoutMs;
  let last: GoalState | undefined;
  while (Date.now() < deadline) {
    try {
      last = await handle.query<GoalState>('goalState');
      if (done(last)) return last;
    } catch {
      // not started yet, or finished: a finished workflow still answers queries from a worker
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for the goal; last state: ${JSON.stringify(last)?.slice(0, 2000)}`);
}
