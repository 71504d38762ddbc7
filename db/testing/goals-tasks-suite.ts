/** Shared store tests for goals, tasks and keyset pagination; run against every driver. */
import type { Db } from '../client';
import { getGoal, insertGoal, listGoals, updateGoalProjection } from '../queries/goals';
import { InvalidCursorError } from '../queries/pagination';
import { getTask, listTasks, listTasksOfGoal, upsertTask } from '../queries/tasks';
import { seedGoal, seedTasks, sleep, taskInput, uniq } from './fixtures';

async function collectPages(fetch: (cursor?: string) => Promise<{ items: { id: string }[]; nextCursor: string | null }>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 20);
  return { ids, pages };
}

export function goalsAndTasksSuite(getDb: () => Db): void {
  test('insertGoal is idempotent and updateGoalProjection overwrites only given fields', async () => {
    const db = getDb();
    const goal = await seedGoal(db);
    const again = await insertGoal(db, { ...goal, context: undefined, teamId: undefined, templateId: undefined, createdBy: undefined, goal: 'other' });
    expect(again).toEqual(goal);
    await updateGoalProjection(db, { id: goal.id, status: 'running', error: { code: 'llm_failed', detail: 'x' } });
    await updateGoalProjection(db, { id: goal.id, status: 'running' });
    const row = await getGoal(db, goal.id);
    expect(row).toMatchObject({ status: 'running', error: { code: 'llm_failed', detail: 'x' }, plan: [] });
    expect(row!.updatedAt.getTime()).toBeGreaterThanOrEqual(goal.updatedAt.getTime());
    await updateGoalProjection(db, { id: goal.id, error: null });
    expect((await getGoal(db, goal.id))!.error).toBeNull();
  });

  test('upsertTask inserts, then updates the given fields and keeps created_at', async () => {
    const db = getDb();
    const goal = await seedGoal(db);
    await upsertTask(db, taskInput(goal.id, 1));
    const first = await getTask(db, `${goal.id}.s1`);
    const verdict = { success: true, summary: 'done' };
    await upsertTask(db, taskInput(goal.id, 1, { status: 'completed', attempt: 2, agent: 'worker-a', verdict }));
    await upsertTask(db, taskInput(goal.id, 1, { status: 'completed', attempt: 2 }));
    const task = await getTask(db, `${goal.id}.s1`);
    expect(task).toMatchObject({ status: 'completed', attempt: 2, agent: 'worker-a', verdict, priority: 'medium' });
    expect(task!.createdAt).toEqual(first!.createdAt);
    expect(await listTasksOfGoal(db, goal.id)).toHaveLength(1);
  });

  test('keyset pagination pages newest first with no duplicates or misses, also on timestamp ties', async () => {
    const db = getDb();
    const sequential = await seedGoal(db);
    await seedTasks(db, sequential.id, 5);
    const tied = await seedGoal(db);
    // One transaction: now() is the same for all five rows, so only the id breaks the tie.
    await db.transaction(async (tx) => seedTasks(tx, tied.id, 5));
    for (const goal of [sequential, tied]) {
      const all = await listTasksOfGoal(db, goal.id);
      const expected = [...all]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((t) => t.id);
      const { ids, pages } = await collectPages((cursor) => listTasks(db, { goalId: goal.id, limit: 2, cursor }));
      expect(pages).toBe(3);
      expect(ids).toEqual(expected);
    }
    const team = uniq('team');
    for (let i = 0; i < 5; i++) await seedGoal(db, { teamId: team });
    const goals = await collectPages((cursor) => listGoals(db, { teamId: team, limit: 2, cursor }));
    expect(new Set(goals.ids).size).toBe(5);
  });

  test('listTasks filters by status, goal, agent and created_at window', async () => {
    const db = getDb();
    const goal = await seedGoal(db);
    const created = [];
    for (let i = 1; i <= 3; i++) {
      await upsertTask(db, taskInput(goal.id, i, { status: i === 2 ? 'completed' : 'todo', agent: `agent-${i}` }));
      created.push((await getTask(db, `${goal.id}.s${i}`))!.createdAt);
      await sleep(15);
    }
    const ids = async (opts: Parameters<typeof listTasks>[1]) =>
      (await listTasks(db, { goalId: goal.id, ...opts })).items.map((t) => t.subtaskId);
    expect(await ids({})).toEqual(['s3', 's2', 's1']);
    expect(await ids({ status: 'completed' })).toEqual(['s2']);
    expect(await ids({ status: ['todo', 'completed'] })).toEqual(['s3', 's2', 's1']);
    expect(await ids({ agent: 'agent-3' })).toEqual(['s3']);
    expect(await ids({ since: created[1], until: created[2] })).toEqual(['s2']);
    expect(await ids({ since: created[1] })).toEqual(['s3', 's2']);
    expect(await ids({ until: created[1] })).toEqual(['s1']);
    expect((await listTasks(db, { goalId: uniq('nothing') })).items).toEqual([]);
    expect((await listGoals(db, { status: 'cancelled', teamId: uniq('t') })).items).toEqual([]);
  });

  test('a garbage cursor is an InvalidCursorError', async () => {
    const db = getDb();
    await expect(listTasks(db, { cursor: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listGoals(db, { cursor: Buffer.from('{"a":1}').toString('base64url') })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  test('a task must belong to an existing goal', async () => {
    await expect(upsertTask(getDb(), taskInput(uniq('missing'), 1))).rejects.toMatchObject({ code: '23503' });
  });
}
