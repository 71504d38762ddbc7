/**
 * Routes one LLM call: resolve the provider from the call's ids, wait for the shared rate limit, and
 * call it through a circuit breaker per provider+model (cockatiel). A breaker opens after repeated
 * vendor outages (`llm_unavailable`, `llm_failed`) and then fails calls at once with
 * `llm_circuit_open` — non-retryable for now, so a dead vendor fails goals quickly instead of queueing
 * retries behind it — until a trial call after `halfOpenAfterMs` succeeds. When the provider has a
 * fallback model for the call's purpose (its own for that purpose, else the provider's single one), an
 * outage or an open circuit of the primary sends the call to the fallback, and the answer names the
 * model that actually answered (usage records it).
 */
import { ApplicationFailure } from '@temporalio/common';
import { circuitBreaker, ConsecutiveBreaker, handleWhen, isBrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import type { CallIds, RoutedResponse } from './llm-activities';
import type { LlmRateLimit } from './llm-rate-limit';
import type { LlmProvider, LlmRequest } from './provider';
import type { ProviderResolver } from './provider-resolver';
import { LLM_FAILED, LLM_UNAVAILABLE } from './vendors/vendor-errors';

export const LLM_CIRCUIT_OPEN = 'llm_circuit_open';

export interface ProviderRouterOptions {
  resolver: ProviderResolver;
  rateLimit?: LlmRateLimit;
  /** Consecutive outages that open a provider+model's circuit (default 5). */
  breakerThreshold?: number;
  /** How long an open circuit fails fast before one trial call (default 30 s). */
  halfOpenAfterMs?: number;
}

/** Outages count against a circuit; a refused key, a bad request or a rate limit say nothing about availability. */
const isOutage = (err: unknown): boolean => err instanceof ApplicationFailure && (err.type === LLM_UNAVAILABLE || err.type === LLM_FAILED);

export function createProviderRouter(opts: ProviderRouterOptions) {
  const threshold = opts.breakerThreshold ?? 5;
  const halfOpenAfter = opts.halfOpenAfterMs ?? 30_000;
  const breakers = new Map<string, CircuitBreakerPolicy>();

  const breakerFor = (key: string) => {
    let breaker = breakers.get(key);
    if (!breaker) {
      breaker = circuitBreaker(handleWhen(isOutage), { halfOpenAfter, breaker: new ConsecutiveBreaker(threshold) });
      breakers.set(key, breaker);
    }
    return breaker;
  };

  async function attempt(key: string, provider: LlmProvider, request: LlmRequest) {
    await opts.rateLimit?.wait(key, request.signal);
    try {
      return await breakerFor(key).execute(() => provider.complete(request));
    } catch (err) {
      if (!isBrokenCircuitError(err)) throw err;
      throw ApplicationFailure.create({
        type: LLM_CIRCUIT_OPEN, nonRetryable: true,
        message: `${key} failed ${threshold} times in a row: its circuit is open, calls fail at once for up to ${Math.round(halfOpenAfter / 1000)}s`,
      });
    }
  }

  return async function route(ids: CallIds, request: LlmRequest, onResolved?: (provider: string) => void): Promise<RoutedResponse> {
    const resolved = await opts.resolver.resolve(ids);
    onResolved?.(resolved.name);
    const primary = `${resolved.name}/${resolved.model}`;
    try {
      return { response: await attempt(primary, resolved.provider, request), provider: resolved.name };
    } catch (err) {
      const open = err instanceof ApplicationFailure && err.type === LLM_CIRCUIT_OPEN;
      const fallback = resolved.fallbacks?.[request.purpose] ?? resolved.fallback;
      if (!fallback || request.signal?.aborted || !(open || isOutage(err))) throw err;
      return { response: await attempt(`${resolved.name}/${fallback.model}`, fallback.provider(), request), provider: resolved.name };
    }
  };
}

export type ProviderRouter = ReturnType<typeof createProviderRouter>;
