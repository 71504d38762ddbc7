/**
 * Trigger write paths and the receiver's lookup. Secrets are encrypted before they reach the store; a
 * new secret on PATCH rotates: the old one stays valid for `secretGraceSeconds`, so a provider still
 * signing with it keeps working until its configuration is updated.
 */
import { randomUUID } from 'node:crypto';
import { deleteTrigger as deleteTriggerRow, getDefaultTrigger, getTrigger, getTriggerSecrets, insertTrigger, updateTrigger as updateTriggerRow, type TriggerRow } from '../../db/queries/triggers';
import { TRIGGER_SOURCES, type TriggerSource, type TriggerTarget } from '../../db/schema';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { ForbiddenError, NotFoundError } from '../errors/domain-errors';
import { assertCanUseTeam } from '../teams/team-scope';
import { goalRequestFor } from './goal-request';
import { PARSERS } from './parsers';
import { encryptSecret, secretKey } from './secret-box';
import type { CreateTriggerBody, UpdateTriggerBody } from './triggers.schemas';

/** The trigger a delivery is for: by id, or the source's default. Unknown or disabled → 403/404. */
export async function findReceivingTrigger(app: ApiContext, source: string, triggerId?: string): Promise<TriggerRow> {
  if (!(TRIGGER_SOURCES as readonly string[]).includes(source)) throw new NotFoundError('Webhook source', source);
  const trigger = triggerId ? await getTrigger(app.db, triggerId) : await getDefaultTrigger(app.db, source as TriggerSource);
  if (triggerId && (!trigger || trigger.source !== source)) throw new NotFoundError('Trigger', triggerId);
  if (!trigger) throw new ForbiddenError(`No ${source} trigger is configured`, 'source_disabled');
  if (!trigger.enabled) throw new ForbiddenError(`The ${source} trigger ${trigger.name} is disabled`, 'source_disabled');
  return trigger;
}

/** `principal` is absent for the admin-only bulk form; an operator must create for one of its teams. */
export async function createTrigger(app: ApiContext, body: CreateTriggerBody, principal?: Principal): Promise<TriggerRow> {
  if (principal) await assertCanUseTeam(app, principal, body.teamId ?? undefined);
  const { secret, ...fields } = body;
  const secretCiphertext = secret ? encryptSecret(await secretKey(app), secret) : null;
  return insertTrigger(app.db, { id: randomUUID(), ...fields, secretCiphertext });
}

export async function updateTrigger(app: ApiContext, id: string, body: UpdateTriggerBody, principal?: Principal): Promise<TriggerRow> {
  // Moving a trigger to another team: an operator may only move it to one of its own.
  if (principal && body.teamId !== undefined) await assertCanUseTeam(app, principal, body.teamId ?? undefined);
  const { secret, secretGraceSeconds, ...fields } = body;
  let secrets = {};
  if (secret === null) secrets = { secretCiphertext: null, previousSecretCiphertext: null, previousSecretExpiresAt: null };
  else if (secret !== undefined) {
    const current = await getTriggerSecrets(app.db, id);
    if (!current) throw new NotFoundError('Trigger', id);
    secrets = {
      secretCiphertext: encryptSecret(await secretKey(app), secret),
      previousSecretCiphertext: current.current,
      previousSecretExpiresAt: current.current ? new Date(Date.now() + secretGraceSeconds * 1000) : null,
    };
  }
  const row = await updateTriggerRow(app.db, id, { ...fields, ...secrets });
  if (!row) throw new NotFoundError('Trigger', id);
  return row;
}

export async function deleteTrigger(app: ApiContext, id: string): Promise<{ id: string; deleted: true }> {
  if (!(await deleteTriggerRow(app.db, id))) throw new NotFoundError('Trigger', id);
  return { id, deleted: true };
}

/** What a payload would create, creating nothing (POST /triggers/test); target 'tasks' lists the manual tasks instead of a goal. */
export function testTrigger(source: TriggerSource, payload: unknown, headers: Record<string, string> = {}, target: TriggerTarget = 'goal') {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const outcome = PARSERS[source].parse({ headers: lower, body: payload });
  if (outcome.kind === 'create') {
    if (target === 'tasks') return { parsedTasks: outcome.tasks, wouldCreate: true, target, tasks: outcome.tasks };
    const title = typeof outcome.summary.title === 'string' ? outcome.summary.title : undefined;
    return { parsedTasks: outcome.tasks, wouldCreate: true, target, goal: goalRequestFor(source, undefined, outcome.tasks, title).goal };
  }
  const reason = outcome.kind === 'challenge' ? 'url_verification challenge, answered' : outcome.reason;
  return { parsedTasks: [], wouldCreate: false, reason };
}
