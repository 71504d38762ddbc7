/**
 * POST /triggers/webhook/{source}[/{triggerId}]: the receivers. They authenticate by signature, not by
 * bearer token, and need the raw body bytes, so app.ts mounts this router before authentication and
 * the JSON parser. The HTTP checks run in the order that keeps unwanted traffic cheapest: trigger
 * (unknown or disabled → 403) → IP allowlist → rate limit → size cap (raw body read only now) → the
 * intake service (signature → JSON → dedupe → start).
 */
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Counter } from 'prom-client';
import { recordDelivery } from '../../db/queries/webhook-deliveries';
import type { TriggerRow } from '../../db/queries/triggers';
import { TRIGGER_SOURCES, type TriggerSource } from '../../db/schema';
import type { ApiContext } from '../context';
import { ForbiddenError } from '../errors/domain-errors';
import { recordRejectionFolded } from './folded-rejections';
import { ipAllowed } from './ip-allowlist';
import { WEBHOOK_BASE_PATH } from './trigger.presenter';
import { webhookResultSchema } from './triggers.schemas';
import { findReceivingTrigger } from './triggers.service';
import { createBackgroundStarts } from './delivery-start';
import { receiveWebhook, type IntakeResult } from './webhook-intake.service';
import { webhookRateLimit } from './webhook-rate-limit';



function firstValues(headers: Request['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function present(result: IntakeResult): { status: number; body: unknown } {
  switch (result.kind) {
    case 'accepted':
      return { status: 202, body: { deliveryId: result.deliveryId, goalId: result.goalId, duplicate: false } };
    case 'duplicate':
      return { status: 200, body: { deliveryId: result.deliveryId, goalId: result.goalId, duplicate: true } };
    case 'tasks_accepted':
      return { status: 202, body: { deliveryId: result.deliveryId, taskIds: result.taskIds, duplicate: false } };
    case 'tasks_duplicate':
      return { status: 200, body: { deliveryId: result.deliveryId, taskIds: result.taskIds, duplicate: true } };
    case 'ignored':
      return { status: 200, body: { deliveryId: result.deliveryId, duplicate: false, ignored: true, reason: result.reason } };
    case 'challenge':
      return { status: 200, body: { challenge: result.challenge } };
  }
}

export interface WebhookReceiver {
  router: express.Router;
  /** Waits for goal starts that outlived their request, then closes the shared rate limit's client. */
  close(): Promise<void>;
}

export function webhookReceiver(app: ApiContext): WebhookReceiver {
  const limiter = webhookRateLimit(app);
  const background = createBackgroundStarts();
  const deliveries = new Counter({
    name: 'ananta_webhook_deliveries_total',
    help: 'Webhook deliveries by source and outcome (accepted, duplicate, ignored, rejected)',
    labelNames: ['source', 'outcome'] as const,
    registers: [app.metrics.registry],
  });
  const trigger = (res: Response) => res.locals.trigger as TriggerRow;
  const rejectOnly = (res: Response, reason: string) =>
    recordDelivery(app.db, { id: randomUUID(), source: trigger(res).source, triggerId: trigger(res).id, outcome: 'rejected', reason });

  const load: RequestHandler = async (req, res, next) => {
    res.locals.routePath = req.params.triggerId ? `${WEBHOOK_BASE_PATH}/:source/:triggerId` : `${WEBHOOK_BASE_PATH}/:source`;
    // Read now: Express restores req.params once the request leaves this router (errors do).
    const source = (TRIGGER_SOURCES as readonly string[]).includes(String(req.params.source)) ? String(req.params.source) : 'unknown';
    res.once('finish', () => {
      const outcome = res.locals.webhookOutcome as string | undefined;
      deliveries.inc({ source, outcome: outcome ?? (res.statusCode >= 400 ? 'rejected' : 'accepted') });
    });
    res.locals.trigger = await findReceivingTrigger(app, String(req.params.source), req.params.triggerId as string | undefined);
    next();
  };
  const checkIp: RequestHandler = async (req, res, next) => {
    const clientIp = req.ip ?? req.socket.remoteAddress;
    if (ipAllowed(trigger(res).ipAllowlist, clientIp)) return next();
    // Before the rate limit, so a flood from a foreign address is folded too (one row per window).
    await recordRejectionFolded(app, { trigger: trigger(res), clientIp: clientIp ?? 'unknown', reason: 'ip_not_allowed' });
    next(new ForbiddenError('This address may not deliver to this trigger', 'ip_not_allowed'));
  };
  const raw = express.raw({ type: () => true, limit: app.config.env.ANANTA_WEBHOOK_MAX_BYTES });
  const readBody: RequestHandler = (req, res, next) =>
    raw(req, res, (err?: unknown) => {
      if (!err) return next();
      if ((err as { type?: string }).type !== 'entity.too.large') return next(err);
      rejectOnly(res, 'payload_too_large').then(() => next(err), next);
    });
  const receive = async (req: Request, res: Response, _next: NextFunction) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await receiveWebhook(app, { source: trigger(res).source as TriggerSource, trigger: trigger(res), headers: firstValues(req.headers), rawBody }, background);
    const { status, body } = present(result);
    res.locals.webhookOutcome = result.kind === 'challenge' ? 'ignored' : result.kind.replace('tasks_', '');
    res.status(status).json(webhookResultSchema.parse(body));
  };

  const router = express.Router();
  const chain = [load, checkIp, limiter.middleware, readBody, receive];
  router.post('/:source', ...chain);
  router.post('/:source/:triggerId', ...chain);
  const close = async () => {
    await background.drain();
    await limiter.close();
  };
  return { router, close };
}
