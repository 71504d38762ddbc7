/**
 * Talking to running workflows from the API: bounded live queries (a query waits for a worker, so a
 * missing worker must not hang a GET) and the translation of message failures into domain errors.
 * Update validators reject with an ApplicationFailure whose `type` is a MESSAGE_ERRORS value; a
 * finished workflow answers no update at all, which is also an invalid transition from its last status.
 */
import {
  isGrpcDeadlineError, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client, type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition } from '@temporalio/common';
import { MESSAGE_ERRORS } from '../../core/messages';
import { ConflictError, DomainError, NotFoundError, UnavailableError, UpstreamTimeoutError, ValidationError } from '../errors/domain-errors';

/** The live answer of a query, or undefined when the workflow or a worker cannot answer in time. */
export async function queryWithin<T>(temporal: Client, handle: WorkflowHandle, query: QueryDefinition<T>, timeoutMs: number): Promise<T | undefined> {
  try {
    return await temporal.withDeadline(Date.now() + timeoutMs, () => handle.query(query));
  } catch {
    return undefined;
  }
}

/**
 * Runs an Update (or any call) with a deadline. An Update is accepted only by a worker running the
 * workflow, so without one the call would wait indefinitely; the caller gets a 504 instead.
 */
export function withinDeadline<T>(temporal: Client, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  return temporal.withDeadline(Date.now() + timeoutMs, call);
}

/** True when the workflow exists and has not closed. */
export async function isRunning(handle: WorkflowHandle): Promise<boolean> {
  try {
    return (await handle.describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw temporalUnavailable(err);
  }
}

function temporalUnavailable(err: unknown): Error {
  if (err instanceof ServiceError || (err as { code?: unknown })?.code === 14) {
    return new UnavailableError('temporal_unavailable', `Temporal did not answer: ${(err as Error).message}`);
  }
  return err as Error;
}

/**
 * Maps the failure of an Update (or of reaching its workflow) to a domain error. `lastStatus` gives
 * the stored status, used when the workflow itself cannot say (it has closed).
 */
export async function messageError(err: unknown, lastStatus: () => Promise<string | undefined> | string | undefined, closedCode: string = MESSAGE_ERRORS.invalidTransition): Promise<Error> {
  if (err instanceof DomainError) return err;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    const reported = typeof failure.details?.[0] === 'string' ? (failure.details[0] as string) : undefined;
    switch (failure.type) {
      case MESSAGE_ERRORS.invalidTransition:
      case MESSAGE_ERRORS.noPendingApproval:
        return new ConflictError(failure.type, failure.message, { currentStatus: reported ?? (await lastStatus()) });
      case MESSAGE_ERRORS.notFound:
        return new NotFoundError(failure.message);
      case 'invalid_input':
        return new ValidationError(failure.message, [], 'invalid_input');
    }
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err) || isGrpcDeadlineError((err as Error)?.cause)) {
    return new UpstreamTimeoutError('workflow_unresponsive', 'The workflow did not answer in time; is a worker running?');
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof ServiceError && /completed|not found/i.test(err.message))) {
    const currentStatus = await lastStatus();
    return new ConflictError(closedCode, `The workflow is no longer running (status ${currentStatus ?? 'unknown'})`, { currentStatus });
  }
  return temporalUnavailable(err);
}

export const temporalUiUrl = (ui: { uiUrl: string; namespace: string }, workflowId: string): string =>
  `${ui.uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ui.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
