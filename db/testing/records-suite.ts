/** Shared store tests for events, usage, settings, users, teams and templates; run against every driver. */
import type { Db } from '../client';
import { pgErrorCode } from '../errors';
import { getProvider, insertProvider, updateProvider } from '../queries/llm-providers';
import { getOrCreateSetting } from '../queries/settings';
import { appendTaskEvent, listTaskEvents } from '../queries/task-events';
import { createTeam, getTeam, listTeams } from '../queries/teams';
import { createTemplate, getTemplate, listTemplates } from '../queries/templates';
import { recordUsage, summarizeUsage } from '../queries/usage';
import { countUsers, createUser, findUserByUsername, getUser, listUsers } from '../queries/users';
import { NO_TEAM_KEY } from '../schema';
import { sleep, uniq } from './fixtures';

export function recordsSuite(getDb: () => Db): void {
  test('appendTaskEvent is idempotent by (taskId, key) and events replay in seq order', async () => {
    const db = getDb();
    const taskId = uniq('task');
    const event = { taskId, goalId: 'g', key: 'step-0-started', type: 'command_started' as const, message: 'ls' };
    expect(await appendTaskEvent(db, event)).toEqual({ inserted: true });
    expect(await appendTaskEvent(db, { ...event, message: 'retried' })).toEqual({ inserted: false });
    await appendTaskEvent(db, { ...event, key: 'step-0-output', type: 'output', message: 'a', data: { chunk: 1 } });
    await appendTaskEvent(db, { ...event, taskId: uniq('other') });
    const events = await listTaskEvents(db, taskId);
    expect(events.map((e) => [e.key, e.message])).toEqual([['step-0-started', 'ls'], ['step-0-output', 'a']]);
    expect(typeof events[0]!.seq).toBe('number');
    expect(events[1]!.data).toEqual({ chunk: 1 });
    expect(await listTaskEvents(db, taskId, { afterSeq: events[0]!.seq })).toEqual([events[1]]);
    expect(await listTaskEvents(db, taskId, { limit: 1 })).toEqual([events[0]]);
  });

  test('recordUsage is idempotent by key and summarizeUsage groups by goal, team, model and day', async () => {
    const db = getDb();
    const base = { provider: 'openai', model: 'gpt-x', calls: 1, inputTokens: 100, outputTokens: 10, costUsd: 0.25 };
    expect(await recordUsage(db, { ...base, key: 'u1', goalId: 'g1', teamId: 't1' })).toEqual({ inserted: true });
    expect(await recordUsage(db, { ...base, key: 'u1', goalId: 'g1', teamId: 't1' })).toEqual({ inserted: false });
    // Latency averages over the records that kept one: g1 has 300 and 100 → 200; g2 kept none → null.
    await recordUsage(db, { ...base, key: 'u2', goalId: 'g1', teamId: 't1', model: 'gpt-y', costUsd: 0.5, latencyMs: 300 });
    await recordUsage(db, { ...base, key: 'u2b', goalId: 'g1', teamId: 't1', model: 'gpt-y', calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 100 });
    await recordUsage(db, { ...base, key: 'u3', goalId: 'g2', taskId: 'g2.s1', provider: 'anthropic' });
    const totals = { calls: 1, inputTokens: 100, outputTokens: 10 };
    expect(await summarizeUsage(db, { groupBy: 'goal' })).toEqual([
      { key: 'g1', calls: 2, inputTokens: 200, outputTokens: 20, costUsd: 0.75, avgLatencyMs: 200 },
      { key: 'g2', ...totals, costUsd: 0.25, avgLatencyMs: null },
    ]);
    expect(await summarizeUsage(db, { groupBy: 'team' })).toEqual([
      { key: NO_TEAM_KEY, ...totals, costUsd: 0.25, avgLatencyMs: null },
      { key: 't1', calls: 2, inputTokens: 200, outputTokens: 20, costUsd: 0.75, avgLatencyMs: 200 },
    ]);
    expect((await summarizeUsage(db, { groupBy: 'model' })).map((r) => [r.key, r.costUsd])).toEqual([
      ['anthropic/gpt-x', 0.25],
      ['openai/gpt-x', 0.25],
      ['openai/gpt-y', 0.5],
    ]);
    const days = await summarizeUsage(db, { groupBy: 'day' });
    expect(days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.key))).toBe(true);
    expect(days.reduce((n, d) => n + d.calls, 0)).toBe(3);
    expect(await summarizeUsage(db, { groupBy: 'goal', since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await summarizeUsage(db, { groupBy: 'goal', until: new Date(Date.now() - 60_000) })).toEqual([]);
  });

  test('getOrCreateSetting returns one value to ten concurrent callers', async () => {
    const db = getDb();
    const key = uniq('jwt_secret');
    const values = await Promise.all(Array.from({ length: 10 }, (_, i) => getOrCreateSetting(db, key, () => `secret-${i}`)));
    expect(new Set(values).size).toBe(1);
    expect(await getOrCreateSetting(db, key, () => 'later')).toBe(values[0]);
  });

  test('users: the hash is read only for login, duplicates raise 23505', async () => {
    const db = getDb();
    const before = await countUsers(db);
    const username = uniq('ada');
    const user = await createUser(db, { username, passwordHash: 'argon2-hash', role: 'admin' });
    expect(user).toEqual({ id: expect.any(String), username, role: 'admin', createdAt: expect.any(Date) });
    expect(await countUsers(db)).toBe(before + 1);
    expect(await findUserByUsername(db, username)).toEqual({ id: user.id, username, passwordHash: 'argon2-hash', role: 'admin' });
    expect(await findUserByUsername(db, uniq('nobody'))).toBeUndefined();
    expect(await getUser(db, user.id)).toEqual(user);
    const listed = await listUsers(db);
    expect(listed.items).toContainEqual(user);
    for (const item of listed.items) expect(Object.keys(item)).not.toContain('passwordHash');
    const duplicate = await createUser(db, { username, passwordHash: 'other', role: 'viewer' }).catch((e: unknown) => e);
    expect(pgErrorCode(duplicate)).toBe('23505');
    expect(String((duplicate as Error).message)).not.toContain('other');
  });

  test('teams and templates: create, get, list newest first', async () => {
    const db = getDb();
    const created: Awaited<ReturnType<typeof createTeam>>[] = [];
    // Apart in time: rows created in the same millisecond tie on createdAt and fall back to id order.
    for (let i = 0; i < 3; i++) {
      if (i > 0) await sleep(5);
      created.push(await createTeam(db, { name: uniq('team'), description: `#${i}` }));
    }
    expect(await getTeam(db, created[0]!.id)).toEqual(created[0]);
    const ids = (await listTeams(db, { limit: 200 })).items.map((t) => t.id).filter((id) => created.some((c) => c.id === id));
    expect(ids).toEqual(created.map((c) => c.id).reverse());
    const dup = await createTeam(db, { name: created[0]!.name }).catch((e: unknown) => e);
    expect(pgErrorCode(dup)).toBe('23505');
    const tpl = await createTemplate(db, { name: 'bug', body: 'Fix {{issue}}', variables: ['issue'], teamId: created[1]!.id });
    expect(tpl).toMatchObject({ name: 'bug', variables: ['issue'], teamId: created[1]!.id });
    expect(await getTemplate(db, tpl.id)).toEqual(tpl);
    expect((await listTemplates(db, { limit: 1 })).items).toEqual([tpl]);
    const orphan = await createTemplate(db, { name: 'x', body: 'y', teamId: uniq('none') }).catch((e: unknown) => e);
    expect(pgErrorCode(orphan)).toBe('23503');
  });

  test("providers: per-role fallback models merge role by role, so concurrent changes of two roles both hold", async () => {
    const db = getDb();
    const p = await insertProvider(db, { id: uniq('prov'), name: uniq('prov'), kind: 'offline', model: 'offline', fallbackModels: {} });
    expect(p.fallbackModels).toBeNull();
    await Promise.all([updateProvider(db, p.id, { fallbackModels: { plan: 'f-plan' } }), updateProvider(db, p.id, { fallbackModels: { propose_step: 'f-step' } })]);
    expect((await getProvider(db, p.id))?.fallbackModels).toEqual({ plan: 'f-plan', propose_step: 'f-step' });
    expect((await updateProvider(db, p.id, { fallbackModels: { plan: null } }))?.fallbackModels).toEqual({ propose_step: 'f-step' });
    expect((await updateProvider(db, p.id, { fallbackModels: { propose_step: null } }))?.fallbackModels).toBeNull();
  });
}
