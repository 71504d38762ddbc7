/**
 * GET /triggers/status and POST /triggers/configure: the original's one-call view and setup of every
 * source, mapped onto each source's default trigger (created on first configure). Secrets go through the
 * same write path as PATCH /triggers/{id}, so they are encrypted and rotate with a grace period.
 */
import { getDefaultTrigger } from '../../db/queries/triggers';
import { countDeliveriesByOutcome } from '../../db/queries/webhook-deliveries';
import type { TriggerSource, TriggerTarget } from '../../db/schema';
import type { ApiContext } from '../context';
import { ValidationError } from '../errors/domain-errors';
import { buildBlockList } from './ip-allowlist';
import { ALL_SOURCES, type ConfigureTriggersBody } from './trigger-bulk.schemas';
import { createTrigger, updateTrigger } from './triggers.service';

export async function triggerStatus(app: ApiContext) {
  const status = {
    enabledSources: [] as TriggerSource[],
    configuredSources: [] as TriggerSource[],
    secretsConfigured: [] as TriggerSource[],
    ipAllowlists: {} as Partial<Record<TriggerSource, string[]>>,
    rateLimits: {} as Partial<Record<TriggerSource, { maxRequests: number; windowSeconds: number }>>,
    targets: {} as Partial<Record<TriggerSource, TriggerTarget>>,
    stats: await countDeliveriesByOutcome(app.db),
    autoStartPlanner: true,
  };
  for (const source of ALL_SOURCES) {
    const trigger = await getDefaultTrigger(app.db, source);
    if (!trigger) continue;
    status.configuredSources.push(source);
    if (trigger.enabled) status.enabledSources.push(source);
    if (trigger.hasSecret) status.secretsConfigured.push(source);
    status.ipAllowlists[source] = trigger.ipAllowlist;
    status.rateLimits[source] = trigger.rateLimit;
    status.targets[source] = trigger.target;
  }
  return status;
}

export async function configureTriggers(app: ApiContext, body: ConfigureTriggersBody) {
  for (const [source, list] of Object.entries(body.ipAllowlists ?? {})) {
    try {
      buildBlockList(list);
    } catch (err) {
      throw new ValidationError((err as Error).message, [{ path: `body.ipAllowlists.${source}`, message: (err as Error).message }]);
    }
  }
  const named = new Set<TriggerSource>([
    ...(body.enabledSources ?? []),
    ...(Object.keys({ ...body.webhookSecrets, ...body.ipAllowlists, ...body.rateLimits, ...body.targets }) as TriggerSource[]),
  ]);
  for (const source of ALL_SOURCES) {
    const existing = await getDefaultTrigger(app.db, source);
    const enabled = body.enabledSources ? body.enabledSources.includes(source) : undefined;
    if (!existing && !named.has(source)) continue;
    const fields = { enabled, ipAllowlist: body.ipAllowlists?.[source], rateLimit: body.rateLimits?.[source], target: body.targets?.[source] };
    const secret = body.webhookSecrets?.[source];
    if (existing) await updateTrigger(app, existing.id, { ...fields, secret, secretGraceSeconds: 86_400 });
    else {
      await createTrigger(app, {
        source, name: `${source} (default)`, isDefault: true, autopilot: true, secret,
        enabled: enabled ?? true, ipAllowlist: fields.ipAllowlist ?? [], rateLimit: fields.rateLimit, target: fields.target ?? 'goal',
      });
    }
  }
  return triggerStatus(app);
}
