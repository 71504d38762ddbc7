/** Resolving a pin against the real registry (PGlite): online by heartbeat age, by id or by all capabilities. */
import { sql } from 'drizzle-orm';
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { registerWorker } from '../../db/queries/workers';
import { seedGoal, taskInput } from '../../db/testing/fixtures';
import { getTask, upsertTask } from '../../db/queries/tasks';
import { createWorkerActivities } from './worker-activities';

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
});
afterAll(async () => database?.close());

const register = (name: string, capabilities: string[]) =>
  registerWorker(database.db, { id: `id-${name}`, name, url: null, capabilities, maxConcurrency: 1, taskQueue: `q-${name}`, tokenPrefix: `p-${name}`, tokenHash: 'h' });

test('a pin resolves to an online matching worker, and says why when there is none', async () => {
  const acts = createWorkerActivities({ db: database.db, offlineSeconds: 30 });
  await register('gpu-box', ['gpu', 'docker']);
  await register('plain', []);
  await register('stale-gpu', ['gpu']);
  await database.db.execute(sql`update workers set last_seen_at = now() - interval '1 minute' where name = 'stale-gpu'`);

  expect(await acts.resolveWorkerPin({ pin: { workerId: 'id-plain' } })).toEqual({ online: true, workerId: 'id-plain', name: 'plain', taskQueue: 'q-plain' });
  expect(await acts.resolveWorkerPin({ pin: { capabilities: ['gpu', 'docker'] } })).toMatchObject({ online: true, name: 'gpu-box' });
  for (let i = 0; i < 5; i++) expect(await acts.resolveWorkerPin({ pin: { capabilities: ['gpu'] } })).toMatchObject({ name: 'gpu-box' });
  expect(await acts.resolveWorkerPin({ pin: { workerId: 'id-stale-gpu' } })).toEqual({ online: false, reason: expect.stringMatching(/stale-gpu is offline/) });
  expect(await acts.resolveWorkerPin({ pin: { workerId: 'id-plain', capabilities: ['gpu'] } })).toEqual({ online: false, reason: 'worker plain lacks gpu' });
  expect(await acts.resolveWorkerPin({ pin: { workerId: 'missing' } })).toEqual({ online: false, reason: 'no worker missing is registered' });
  expect(await acts.resolveWorkerPin({ pin: { capabilities: ['tpu'] } })).toEqual({ online: false, reason: 'no online worker has tpu' });
});

test('a worker that just lost a command is not handed it again until it is heard from after the loss', async () => {
  const acts = createWorkerActivities({ db: database.db, offlineSeconds: 30 });
  await register('flaky', ['flaky']);
  const lostAt = Date.now() + 1000; // the heartbeat the registry holds is older than the loss
  expect(await acts.resolveWorkerPin({ pin: { workerId: 'id-flaky' }, lost: { workerId: 'id-flaky', sinceMs: lostAt } }))
    .toEqual({ online: false, reason: 'worker flaky stopped answering; waiting for it to come back' });
  expect(await acts.resolveWorkerPin({ pin: { capabilities: ['flaky'] }, lost: { workerId: 'id-flaky', sinceMs: lostAt } })).toMatchObject({ online: false });
  await database.db.execute(sql`update workers set last_seen_at = now() + interval '2 seconds' where name = 'flaky'`);
  expect(await acts.resolveWorkerPin({ pin: { workerId: 'id-flaky' }, lost: { workerId: 'id-flaky', sinceMs: lostAt } })).toMatchObject({ online: true, name: 'flaky' });
});

test('recordTaskAgent names the worker on the task row', async () => {
  const acts = createWorkerActivities({ db: database.db, offlineSeconds: 30 });
  const goal = await seedGoal(database.db);
  await upsertTask(database.db, taskInput(goal.id, 1));
  const taskId = taskInput(goal.id, 1).id;
  await acts.recordTaskAgent({ taskId, agent: 'gpu-box' });
  expect((await getTask(database.db, taskId))?.agent).toBe('gpu-box');
});
