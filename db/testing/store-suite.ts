/** The one store suite every driver runs: the same assertions for PGlite (memory, disk) and PostgreSQL. */
import type { Db } from '../client';
import { goalsAndTasksSuite } from './goals-tasks-suite';
import { appliedMigrations, journalEntries } from './migrations-table';
import { recordsSuite } from './records-suite';

export function storeSuite(getDb: () => Db): void {
  test('every committed migration is applied, once', async () => {
    expect(await appliedMigrations(getDb())).toBe(journalEntries());
  });
  describe('goals and tasks', () => goalsAndTasksSuite(getDb));
  describe('events, usage, settings, users, teams, templates, providers', () => recordsSuite(getDb));
}
