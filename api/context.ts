/**
 * What a running API needs, passed explicitly (no module singletons) so tests build an app from real
 * parts. `ApiDeps` is what callers give createApp; `ApiContext` adds the resolved options and the
 * per-app services that routes and services receive.
 */
import type { Client } from '@temporalio/client';
import type pino from 'pino';
import type { AppConfig } from '../core/config';
import type { Db } from '../db/client';
import type { TokenService } from './auth/tokens';
import type { Principal } from './auth/principal';
import type { HttpMetrics } from './ops/metrics';

export interface ApiOptions {
  /** How long a live workflow query may take before falling back to the stored projection. */
  queryTimeoutMs: number;
  /** How long an Update (pause, resume, retry, approve) may wait for a worker before a 504. */
  updateTimeoutMs: number;
  /** How long POST /tasks/auto-planner/plan waits for the plan workflow. */
  planTimeoutMs: number;
  /** SSE: how often the log stream polls the store, and how often it sends a heartbeat comment. */
  ssePollMs: number;
  sseHeartbeatMs: number;
  /** POST /login attempts per window and client address. */
  loginRateLimit: { windowMs: number; limit: number };
  /** Failed POST /login attempts per window and username, from any address (a success resets). */
  accountLoginRateLimit: { windowMs: number; limit: number };
  /** Largest accepted JSON body. */
  bodyLimit: string;
}

export interface ApiDeps {
  config: AppConfig;
  db: Db;
  temporal: Client;
  logger: pino.Logger;
  options?: Partial<ApiOptions>;
}

export interface ApiContext extends Omit<ApiDeps, 'options'> {
  options: ApiOptions;
  tokens: TokenService;
  metrics: HttpMetrics;
}

/** Per request: the app context plus who is calling and a logger tagged with the request id. */
export interface RequestContext {
  app: ApiContext;
  principal?: Principal;
  requestId: string;
  log: pino.Logger;
  /** Aborted when the client goes away (used by streams). */
  signal: AbortSignal;
}
