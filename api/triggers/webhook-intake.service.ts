/**
 * The receiver's write path, after the HTTP checks (IP allowlist, rate limit, size cap) passed:
 * signature → timestamp → JSON → parse → dedupe → start. The dedupe is the insert of the accepted
 * delivery row (unique on source + delivery id), so an unsigned request never reaches it and five
 * concurrent copies of one delivery make one row, one goal and four duplicates.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { TriggerSource } from '../../db/schema';
import type { TriggerRow } from '../../db/queries/triggers';
import { findAcceptedDelivery, findAcceptedDeliveryForGoal, recordAcceptedDelivery, recordDelivery } from '../../db/queries/webhook-deliveries';
import type { ApiContext } from '../context';
import { BadRequestError, UnauthorizedError } from '../errors/domain-errors';
import { startDeliveryWithin, type BackgroundStarts } from './delivery-start';
import { tasksRequestFor, tasksRequestOf } from './delivery-tasks';
import { findExistingTaskIds } from '../../db/queries/tasks';
import { backlogGoalId } from '../teams/setup-scrum.service';
import { goalRequestFor } from './goal-request';
import { notifyTrackedGoal } from './tracked-goal-update';
import { PARSERS, type ParseOutcome, type WebhookEvent } from './parsers';
import { scalar } from './parsers/types';
import { verifySignature } from './signatures';
import { activeSecrets } from './trigger-secrets';

export interface IncomingWebhook {
  source: TriggerSource;
  trigger: TriggerRow;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type IntakeResult =
  | { kind: 'accepted'; deliveryId: string; goalId: string }
  | { kind: 'duplicate'; deliveryId: string; goalId: string }
  | { kind: 'tasks_accepted'; deliveryId: string; taskIds: string[] }
  | { kind: 'tasks_duplicate'; deliveryId: string; taskIds: string[] }
  | { kind: 'ignored'; deliveryId?: string; reason: string }
  | { kind: 'challenge'; challenge: string };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The goal id is a function of the delivery (or its subject), so its workflow id is too (`goal-wh-…`). */
export const goalIdForDelivery = (source: TriggerSource, key: string) => `wh-${source}-${sha256(key).slice(0, 24)}`;

/** `background` holds the goal starts that outlive their request (see startDeliveryWithin). */
export async function receiveWebhook(app: ApiContext, incoming: IncomingWebhook, background: BackgroundStarts): Promise<IntakeResult> {
  const { source, trigger, headers, rawBody } = incoming;
  const reject = (reason: string, deliveryId?: string) =>
    recordDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, outcome: 'rejected', reason });

  const secrets = await activeSecrets(app, trigger.id);
  // The contract checks signatures "when a secret is set": a trigger without one accepts unsigned posts.
  if (secrets.length > 0) {
    const verdict = verifySignature(source, headers, rawBody, secrets, Math.floor(Date.now() / 1000));
    if (!verdict.ok) {
      await reject(verdict.code);
      throw new UnauthorizedError(verdict.detail, verdict.code);
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    await reject('invalid_json');
    throw new BadRequestError('invalid_json', 'The request body is not valid JSON');
  }
  const event: WebhookEvent = { headers, body };
  const parser = PARSERS[source];
  const outcome = parser.parse(event);
  if (outcome.kind === 'challenge') return outcome;
  // Without a provider id (generic senders may omit X-Delivery-Id), the signed bytes identify the delivery.
  const deliveryId = parser.deliveryId(event) ?? `body-${sha256(Buffer.concat([Buffer.from(headers['x-timestamp'] ?? ''), rawBody]))}`;
  if (outcome.kind !== 'create') {
    const summary = outcome.kind === 'ignore' ? outcome.summary : undefined;
    await recordDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, outcome: 'ignored', reason: outcome.reason, summary });
    return { kind: 'ignored', deliveryId, reason: outcome.reason };
  }

  if (trigger.target === 'tasks') return fileTasks(app, incoming, deliveryId, outcome, background);

  const goalId = goalIdForDelivery(source, outcome.subject ?? deliveryId);
  if (outcome.subject) {
    const tracked = await findAcceptedDeliveryForGoal(app.db, goalId);
    if (tracked) {
      const subject = scalar(outcome.summary.issue) || outcome.subject;
      const told = await notifyTrackedGoal(app, goalId, { source, deliveryId, summary: `${scalar(outcome.summary.event) || 'update'}: ${outcome.tasks[0]?.title ?? subject}` });
      const reason = `${subject} is already tracked by goal ${goalId}${told ? '; the running goal was told of the update' : ''}`;
      await recordDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, outcome: 'duplicate', reason, goalId, summary: outcome.summary });
      return { kind: 'duplicate', deliveryId, goalId };
    }
  }
  const request = goalRequestFor(source, trigger, outcome.tasks, typeof outcome.summary.title === 'string' ? outcome.summary.title : undefined);
  const accepted = await recordAcceptedDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, goalId, request, summary: outcome.summary });
  if (!accepted) {
    const first = await findAcceptedDelivery(app.db, source, deliveryId);
    const retry = headers['x-slack-retry-num'];
    const reason = retry ? `provider retry ${retry} (${headers['x-slack-retry-reason'] ?? 'no reason given'})` : 'delivered before';
    await recordDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, outcome: 'duplicate', reason, goalId: first?.goalId ?? goalId });
    return { kind: 'duplicate', deliveryId, goalId: first?.goalId ?? goalId };
  }
  await startDeliveryWithin(app, accepted, app.config.env.ANANTA_WEBHOOK_ACK_WAIT_MS, background);
  return { kind: 'accepted', deliveryId, goalId };
}

/**
 * A target:'tasks' trigger: record the delivery (with the task ids derived from it), then file the
 * tasks. A later event about a subject already filed (a Jira issue's update) files nothing new.
 */
async function fileTasks(
  app: ApiContext, incoming: IncomingWebhook, deliveryId: string, outcome: Extract<ParseOutcome, { kind: 'create' }>, background: BackgroundStarts,
): Promise<IntakeResult> {
  const { source, trigger, headers } = incoming;
  const title = typeof outcome.summary.title === 'string' ? outcome.summary.title : undefined;
  const request = tasksRequestFor(source, trigger, outcome.tasks, outcome.subject ?? deliveryId, title);
  const duplicate = async (reason: string, taskIds: string[]): Promise<IntakeResult> => {
    await recordDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, outcome: 'duplicate', reason, goalId: backlogGoalId(trigger.teamId), summary: { taskIds } });
    return { kind: 'tasks_duplicate', deliveryId, taskIds };
  };
  if (outcome.subject && (await findExistingTaskIds(app.db, request.taskIds)).length > 0) {
    return duplicate(`${scalar(outcome.summary.issue) || outcome.subject} was filed as tasks before`, request.taskIds);
  }
  const accepted = await recordAcceptedDelivery(app.db, { id: randomUUID(), source, triggerId: trigger.id, deliveryId, goalId: backlogGoalId(trigger.teamId), request, summary: outcome.summary });
  if (!accepted) {
    const first = await findAcceptedDelivery(app.db, source, deliveryId);
    const retry = headers['x-slack-retry-num'];
    return duplicate(retry ? `provider retry ${retry}` : 'delivered before', tasksRequestOf(first?.request)?.taskIds ?? []);
  }
  await startDeliveryWithin(app, accepted, app.config.env.ANANTA_WEBHOOK_ACK_WAIT_MS, background);
  return { kind: 'tasks_accepted', deliveryId, taskIds: request.taskIds };
}
