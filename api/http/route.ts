/**
 * Declarative routes (style rule 14): a route names its method, path, operationId and the zod schemas
 * of its params, query, headers, body and response, and its handler calls one service. The same
 * objects are mounted on Express (mount.ts) and described in the OpenAPI document (openapi/), so the
 * docs cannot drift from what is validated.
 */
import type { z } from 'zod';
import type { RequestContext } from '../context';
import type { Role } from '../auth/principal';

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, H, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  headers: Parsed<H>;
  body: Parsed<B>;
}

/**
 * Gives a validation failure a specific contract code, e.g. a too-long `body.goal` → `goal_too_long`.
 * `issues` are zod issue codes (`too_small`, `too_big`, `invalid_type`, …).
 */
export interface IssueCodeRule {
  path: string;
  issues: readonly string[];
  code: string;
}

/** One server-sent event. `id` becomes the event id a client resumes from with Last-Event-ID. */
export interface SseEvent {
  id?: string | number;
  event?: string;
  data?: unknown;
  /** A comment line (heartbeat); no event is dispatched to the client. */
  comment?: string;
}

interface RouteBase<P, Q, H, B> {
  method: Method;
  /** Express path, e.g. `/goals/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Reachable without a token (health, login, docs). */
  public?: boolean;
  /** Restrict to these roles; by default reads are open to every role and writes to admin/operator. */
  roles?: readonly Role[];
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  issueCodes?: readonly IssueCodeRule[];
  /** Problem statuses worth documenting beyond the defaults (401/403/422/500). */
  problems?: readonly number[];
}

export interface JsonRoute<P, Q, H, B, R extends Schema> extends RouteBase<P, Q, H, B> {
  kind: 'json';
  status?: number;
  /** Allow-list of the success body: fields not named here never leave the server. */
  response: R;
  handler(input: RouteInput<P, Q, H, B>, ctx: RequestContext): Promise<z.input<R>>;
}

export interface TextRoute<P, Q, H, B> extends RouteBase<P, Q, H, B> {
  kind: 'text';
  contentType: string;
  handler(input: RouteInput<P, Q, H, B>, ctx: RequestContext): Promise<string>;
}

export interface SseRoute<P, Q, H, B> extends RouteBase<P, Q, H, B> {
  kind: 'sse';
  /**
   * Resolves (or throws a domain error, e.g. 404) before the stream starts; the events then flow until
   * the iterable ends. `ctx.signal` aborts when the client disconnects.
   */
  handler(input: RouteInput<P, Q, H, B>, ctx: RequestContext): Promise<AsyncIterable<SseEvent>>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- routes are stored side by side, erased */
export type AnyRoute = JsonRoute<any, any, any, any, Schema> | TextRoute<any, any, any, any> | SseRoute<any, any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

type Opt = Schema | undefined;

export function jsonRoute<R extends Schema, P extends Opt = undefined, Q extends Opt = undefined, H extends Opt = undefined, B extends Opt = undefined>(
  route: Omit<JsonRoute<P, Q, H, B, R>, 'kind'>,
): AnyRoute {
  return { kind: 'json', ...route } as AnyRoute;
}

export function textRoute<P extends Opt = undefined, Q extends Opt = undefined, H extends Opt = undefined, B extends Opt = undefined>(
  route: Omit<TextRoute<P, Q, H, B>, 'kind'>,
): AnyRoute {
  return { kind: 'text', ...route } as AnyRoute;
}

export function sseRoute<P extends Opt = undefined, Q extends Opt = undefined, H extends Opt = undefined, B extends Opt = undefined>(
  route: Omit<SseRoute<P, Q, H, B>, 'kind'>,
): AnyRoute {
  return { kind: 'sse', ...route } as AnyRoute;
}

export const isWrite = (method: Method): boolean => method !== 'get';
