/**
 * The store suite on embedded PGlite: in memory, and on disk — where closing and reopening must keep
 * the data and find the migrations already applied, and a second opener must be refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from './client';
import { getGoal } from './queries/goals';
import { seedGoal } from './testing/fixtures';
import { appliedMigrations, journalEntries } from './testing/migrations-table';
import { storeSuite } from './testing/store-suite';

describe('PGlite in memory', () => {
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabase({ pgliteDir: 'memory://' });
  });
  afterAll(() => opened?.close());

  test('opens as pglite', () => expect(opened.kind).toBe('pglite'));
  storeSuite(() => opened.db);
});

describe('PGlite on disk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-pglite-'));
  let opened: OpenedDatabase;
  beforeAll(async () => {
    opened = await openDatabase({ pgliteDir: path.join(dir, 'nested', 'pglite') });
  });
  afterAll(async () => {
    await opened?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  storeSuite(() => opened.db);

  test('a second open of the same directory is refused while the first is open', async () => {
    await expect(openDatabase({ pgliteDir: path.join(dir, 'nested', 'pglite') })).rejects.toThrow(/already open/);
  });

  test('data and migrations persist across close and reopen; reapplying migrations is a no-op', async () => {
    const goal = await seedGoal(opened.db);
    await opened.close();
    opened = await openDatabase({ pgliteDir: path.join(dir, 'nested', 'pglite') });
    expect(await getGoal(opened.db, goal.id)).toEqual(goal);
    expect(await appliedMigrations(opened.db)).toBe(journalEntries());
  });
});
