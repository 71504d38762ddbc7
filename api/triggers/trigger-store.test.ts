/** The trigger and delivery queries on a real (PGlite) store: defaults per source, secrets, dedupe. */
import { openDatabase, type OpenedDatabase } from '../../db/client';
import {
  findAcceptedDelivery, getDefaultTrigger, getTriggerSecrets, insertTrigger, listPendingDeliveries, listTriggers, markDeliveryStart, recordAcceptedDelivery,
  updateTrigger,
} from '../../db/queries';

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
});
afterAll(async () => database?.close());

test('one default per source; list rows carry hasSecret, never the ciphertext', async () => {
  const { db } = database;
  const a = await insertTrigger(db, { id: 'ta', source: 'github', name: 'a', isDefault: true, secretCiphertext: 'v1:secret-a' });
  const b = await insertTrigger(db, { id: 'tb', source: 'github', name: 'b', isDefault: true });
  expect(a.hasSecret).toBe(true);
  expect(b.hasSecret).toBe(false);
  expect((await getDefaultTrigger(db, 'github'))?.id).toBe('tb');
  await updateTrigger(db, 'ta', { isDefault: true });
  expect((await getDefaultTrigger(db, 'github'))?.id).toBe('ta');
  const page = await listTriggers(db);
  expect(page.items.map((t) => t.id).sort()).toEqual(['ta', 'tb']);
  expect(JSON.stringify(page)).not.toContain('secret-a');
  expect((await getTriggerSecrets(db, 'ta'))?.current).toBe('v1:secret-a');
});

test('an accepted delivery is recorded once, however many arrive at the same time', async () => {
  const { db } = database;
  const request = { goal: 'x', autopilot: true };
  const results = await Promise.all(
    [1, 2, 3, 4, 5].map((n) => recordAcceptedDelivery(db, { id: `d${n}`, source: 'jira', deliveryId: 'same', goalId: 'g1', request })),
  );
  expect(results.filter(Boolean)).toHaveLength(1);
  expect((await findAcceptedDelivery(db, 'jira', 'same'))?.goalId).toBe('g1');
  // Another source may use the same delivery id.
  expect(await recordAcceptedDelivery(db, { id: 'd6', source: 'slack', deliveryId: 'same', goalId: 'g2', request })).toBeDefined();
});

test("a late 'pending' never undoes 'started' (a slow start failing after the recovery loop got the goal going)", async () => {
  const { db } = database;
  const row = await recordAcceptedDelivery(db, { id: 'late-1', source: 'generic', deliveryId: 'late', goalId: 'g-late', request: { goal: 'x', autopilot: false } });
  expect(row?.startStatus).toBe('pending');
  await markDeliveryStart(db, 'late-1', 'started');
  await markDeliveryStart(db, 'late-1', 'pending');
  expect((await findAcceptedDelivery(db, 'generic', 'late'))?.startStatus).toBe('started');
  expect((await listPendingDeliveries(db, new Date(Date.now() + 60_000), 1000)).map((d) => d.id)).not.toContain('late-1');
});
