/** First start creates `admin`; a generated password is printed once, and never on a later start. */
import { loadConfig } from '../../core/config';
import { openDatabase, type OpenedDatabase } from '../../db/client';
import { countUsers, findUserByUsername } from '../../db/queries/users';
import { bootstrapAdmin } from './bootstrap-admin';
import { verifyPassword } from './passwords';

let database: OpenedDatabase;
beforeEach(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
});
afterEach(() => database?.close());

test('a generated password is printed once, works, and is not printed again', async () => {
  const config = loadConfig({});
  const printed: string[] = [];
  const first = await bootstrapAdmin(database.db, config, (m) => printed.push(m));
  expect(first).toEqual({ created: true, generated: true });
  expect(printed).toHaveLength(1);
  expect(printed[0]).toMatch(/ONLY THIS ONCE/);
  const password = /password: (\S+)/.exec(printed[0]!)![1]!;
  expect(password.length).toBeGreaterThanOrEqual(24);
  const admin = await findUserByUsername(database.db, 'admin');
  expect(admin?.role).toBe('admin');
  expect(await verifyPassword(admin!.passwordHash, password)).toBe(true);

  const second = await bootstrapAdmin(database.db, config, (m) => printed.push(m));
  expect(second).toEqual({ created: false, generated: false });
  expect(printed).toHaveLength(1);
  expect(await countUsers(database.db)).toBe(1);
});

test('ANANTA_ADMIN_PASSWORD is used and never printed', async () => {
  const printed: string[] = [];
  await bootstrapAdmin(database.db, loadConfig({ ANANTA_ADMIN_PASSWORD: 'configured-secret' }), (m) => printed.push(m));
  expect(printed.join('\n')).not.toContain('configured-secret');
  const admin = await findUserByUsername(database.db, 'admin');
  expect(await verifyPassword(admin!.passwordHash, 'configured-secret')).toBe(true);
});
