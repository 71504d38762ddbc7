/**
 * Rejections that come in floods (over the rate limit, from an address not on the allowlist) are
 * recorded as one delivery-log row per trigger, client address, reason and rate-limit window, whose
 * `count` grows with each refused request. Every rejection is still in the log, and an attacker
 * cannot fill it: a flood costs O(windows) rows. The row id is derived from those four, so the upsert
 * needs no extra index and concurrent API instances fold into the same row.
 */
import { createHash } from 'node:crypto';
import type { TriggerRow } from '../../db/queries/triggers';
import { recordFoldedRejection } from '../../db/queries/webhook-deliveries';
import type { ApiContext } from '../context';

export interface FoldedRejection {
  trigger: Pick<TriggerRow, 'id' | 'source' | 'rateLimit'>;
  clientIp: string;
  reason: string;
  /**
   * When the rate limiter's window for this client ends (express-rate-limit's resetTime); absent, the
   * trigger's window length cut from the epoch is used.
   */
  windowEndsAt?: Date;
}

export async function recordRejectionFolded(app: Pick<ApiContext, 'db'>, r: FoldedRejection): Promise<void> {
  const windowMs = r.trigger.rateLimit.windowSeconds * 1000;
  // Whole seconds: a shared (Redis) store reports the end a few ms apart from one request to the next.
  const windowEnd = r.windowEndsAt ? Math.round(r.windowEndsAt.getTime() / 1000) * 1000 : (Math.floor(Date.now() / windowMs) + 1) * windowMs;
  const key = [r.trigger.id, r.clientIp, r.reason, windowEnd].join('\u0000');
  await recordFoldedRejection(app.db, {
    id: `folded-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`,
    source: r.trigger.source,
    triggerId: r.trigger.id,
    reason: r.reason,
    summary: { clientIp: r.clientIp, windowEndsAt: new Date(windowEnd).toISOString() },
  });
}
