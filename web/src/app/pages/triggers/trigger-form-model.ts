/**
 * The trigger form's fields and how they become a request body. The secret is write-only: a blank
 * field leaves it as it is, text sets (or rotates) it, and "remove" sends null. It is never read back.
 */
import type { RateLimit, Trigger, TriggerInput, TriggerSource } from '../../core/api-types';

export interface TriggerFormValue {
  source: TriggerSource;
  name: string;
  enabled: boolean;
  secret: string;
  removeSecret: boolean;
  ipAllowlist: string;
  maxRequests: string;
  windowSeconds: string;
  teamId: string;
  templateId: string;
  autopilot: boolean;
  isDefault: boolean;
}

export function formFrom(trigger: Trigger | null): TriggerFormValue {
  return {
    source: trigger?.source ?? 'generic',
    name: trigger?.name ?? '',
    enabled: trigger?.enabled ?? true,
    secret: '',
    removeSecret: false,
    ipAllowlist: trigger?.ipAllowlist.join('\n') ?? '',
    maxRequests: trigger ? String(trigger.rateLimit.maxRequests) : '',
    windowSeconds: trigger ? String(trigger.rateLimit.windowSeconds) : '',
    teamId: trigger?.teamId ?? '',
    templateId: trigger?.templateId ?? '',
    autopilot: trigger?.autopilot ?? true,
    isDefault: trigger?.isDefault ?? false,
  };
}

/** Numbers are sent as typed (even when invalid) so the API's validation message is the one shown. */
function rateLimitOf(f: TriggerFormValue): RateLimit | undefined {
  if (!f.maxRequests.trim() && !f.windowSeconds.trim()) return undefined;
  return { maxRequests: Number(f.maxRequests), windowSeconds: Number(f.windowSeconds) };
}

export function toTriggerInput(f: TriggerFormValue, existing: Trigger | null): TriggerInput {
  const body: TriggerInput = {
    name: f.name.trim(),
    enabled: f.enabled,
    ipAllowlist: f.ipAllowlist.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
    teamId: f.teamId || null,
    templateId: f.templateId || null,
    autopilot: f.autopilot,
    isDefault: f.isDefault,
  };
  if (!existing) body.source = f.source;
  const rateLimit = rateLimitOf(f);
  if (rateLimit) body.rateLimit = rateLimit;
  if (f.secret) body.secret = f.secret;
  else if (existing?.hasSecret && f.removeSecret) body.secret = null;
  return body;
}

/** The full URL a sender posts to: the API's webhook path on the origin serving this dashboard. */
export const webhookUrl = (t: Pick<Trigger, 'webhookPath'>, origin: string): string => `${origin}${t.webhookPath}`;
