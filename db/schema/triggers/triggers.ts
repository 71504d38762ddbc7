/**
 * Webhook triggers: one row per configured receiver. Secrets are stored only as AES-256-GCM ciphertext;
 * after a rotation the previous secret stays valid until `previous_secret_expires_at`, so a provider
 * that still signs with the old one is not locked out mid-rotation. At most one default per source
 * (the target of `/triggers/webhook/{source}`), enforced by a partial unique index.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../columns';
import { DEFAULT_TRIGGER_RATE_LIMIT, type TriggerRateLimit, type TriggerSource, type TriggerTarget } from './constants';

export const triggers = pgTable(
  'triggers',
  {
    id: text('id').primaryKey(),
    source: text('source').$type<TriggerSource>().notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    secretCiphertext: text('secret_ciphertext'),
    previousSecretCiphertext: text('previous_secret_ciphertext'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, precision: 3, mode: 'date' }),
    ipAllowlist: jsonb('ip_allowlist').$type<string[]>().notNull().default([]),
    rateLimit: jsonb('rate_limit').$type<TriggerRateLimit>().notNull().default(DEFAULT_TRIGGER_RATE_LIMIT),
    teamId: text('team_id'),
    templateId: text('template_id'),
    autopilot: boolean('autopilot').notNull().default(true),
    /** What a delivery creates: one goal (planned by the LLM), or manual tasks of the trigger's team for its autopilot. */
    target: text('target').$type<TriggerTarget>().notNull().default('goal'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('triggers_default_per_source_uq').on(t.source).where(sql`${t.isDefault}`),
    index('triggers_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);
