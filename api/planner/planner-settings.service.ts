/**
 * The auto-planner's settings: stored as one JSON row of the settings table (so they survive restarts
 * and every replica agrees), read at request time by whoever starts work — a new goal's budget and
 * `autopilot` defaults, the plan's subtask limit, a manual task's priority. Workflows never read them:
 * they get the resolved values in their input, so no running workflow changes behaviour.
 */
import type { AppConfig } from '../../core/config';
import { getSetting, putSetting } from '../../db/queries/settings';
import { SETTING_KEYS } from '../../db/schema';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { ApiContext } from '../context';
import { plannerSettingsSchema, type ConfigureBody, type PlannerSettings } from './planner-settings.schemas';

interface StoredSettings extends Partial<PlannerSettings> {
  updatedAt?: string;
  updatedBy?: string;
}

/** What applies while nothing is stored: the deployment's env defaults. */
export function defaultPlannerSettings(app: Pick<ApiContext, 'config' | 'options'>): PlannerSettings {
  const { budget } = app.config.defaults;
  return {
    autoFollowupEnabled: true,
    maxSubtasksPerGoal: Math.min(20, Math.max(1, budget.maxSubtasks)),
    maxFollowupDepth: Math.min(10, Math.max(0, budget.maxFollowupDepth)),
    defaultPriority: 'medium',
    llmTimeoutSeconds: Math.min(3600, Math.max(5, Math.round(app.options.planTimeoutMs / 1000))),
  };
}

async function readStored(app: Pick<ApiContext, 'db'>): Promise<StoredSettings | undefined> {
  const raw = await getSetting(app.db, SETTING_KEYS.autoPlanner);
  if (raw === undefined) return undefined;
  // A row written by an older version may lack fields or hold ones it no longer knows: keep the valid ones.
  const json = JSON.parse(raw) as StoredSettings;
  const values = Object.entries(plannerSettingsSchema.shape).filter(([key, field]) => field.safeParse(json[key as keyof PlannerSettings]).success);
  return { ...Object.fromEntries(values.map(([key]) => [key, json[key as keyof PlannerSettings]])), updatedAt: json.updatedAt, updatedBy: json.updatedBy };
}

/** The settings in force now: the stored values over the deployment's defaults. */
export async function plannerSettings(app: Pick<ApiContext, 'db' | 'config' | 'options'>): Promise<PlannerSettings> {
  const stored = (await readStored(app)) ?? {};
  const { updatedAt: _at, updatedBy: _by, ...values } = stored;
  return { ...defaultPlannerSettings(app), ...values };
}

/**
 * How long the API waits for an LLM workflow (plan, analysis): llmTimeoutSeconds once configured, the
 * deployment's own option (exact, in ms) until then.
 */
export async function llmWaitMs(app: Pick<ApiContext, 'db' | 'options'>): Promise<number> {
  const stored = await readStored(app);
  return stored?.llmTimeoutSeconds !== undefined ? stored.llmTimeoutSeconds * 1000 : app.options.planTimeoutMs;
}

export async function plannerStatus(app: ApiContext) {
  const stored = await readStored(app);
  return { settings: await plannerSettings(app), configured: stored !== undefined, updatedAt: stored?.updatedAt ?? null, updatedBy: stored?.updatedBy ?? null };
}

export async function configurePlanner(app: ApiContext, principal: Principal, body: ConfigureBody) {
  const next: StoredSettings = { ...(await plannerSettings(app)), ...body, updatedAt: new Date().toISOString(), updatedBy: principal.username };
  await putSetting(app.db, SETTING_KEYS.autoPlanner, JSON.stringify(next));
  await recordAudit(app, { action: 'auto_planner.configured', actor: principal, target: { type: 'settings', id: SETTING_KEYS.autoPlanner }, details: { ...body } });
  return plannerStatus(app);
}

/**
 * The goal defaults with the stored settings applied, for buildGoalInput: a new goal's budget takes
 * maxSubtasksPerGoal/maxFollowupDepth, and its `autopilot` (follow-ups) defaults to autoFollowupEnabled.
 */
export async function goalDefaults(app: Pick<ApiContext, 'db' | 'config'>): Promise<{ config: Pick<AppConfig, 'defaults' | 'taskQueues'>; autopilot: boolean }> {
  const stored = (await readStored(app)) ?? {};
  const { defaults, taskQueues } = app.config;
  const budget = {
    ...defaults.budget,
    maxSubtasks: stored.maxSubtasksPerGoal ?? defaults.budget.maxSubtasks,
    maxFollowupDepth: stored.maxFollowupDepth ?? defaults.budget.maxFollowupDepth,
  };
  return { config: { taskQueues, defaults: { ...defaults, budget } }, autopilot: stored.autoFollowupEnabled ?? true };
}
