/**
 * First start: with no users at all, create `admin` so someone can log in. The password comes from
 * ANANTA_ADMIN_PASSWORD or is generated and printed exactly once (it is stored only as a hash, so it
 * can never be shown again). Several replicas may race; the loser sees the unique violation and stays
 * quiet.
 */
import type { AppConfig } from '../../core/config';
import type { Db } from '../../db/client';
import { countUsers, createUser } from '../../db/queries/users';
import { generatePassword, hashPassword } from './passwords';

export interface BootstrapResult {
  created: boolean;
  generated: boolean;
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
};

export async function bootstrapAdmin(db: Db, config: AppConfig, print: (message: string) => void): Promise<BootstrapResult> {
  if ((await countUsers(db)) > 0) return { created: false, generated: false };
  const configured = config.env.ANANTA_ADMIN_PASSWORD;
  const password = configured ?? generatePassword();
  try {
    await createUser(db, { username: 'admin', passwordHash: await hashPassword(password), role: 'admin' });
  } catch (err) {
    if (isUniqueViolation(err)) return { created: false, generated: false };
    throw err;
  }
  if (configured) {
    print('Created user "admin" with the password from ANANTA_ADMIN_PASSWORD.');
    return { created: true, generated: false };
  }
  print(
    [
      '',
      '================================================================',
      ' Created the first user. This password is shown ONLY THIS ONCE:',
      '',
      `   username: admin`,
      `   password: ${password}`,
      '',
      ' Store it now (or set ANANTA_ADMIN_PASSWORD before the first start).',
      '================================================================',
      '',
    ].join('\n'),
  );
  return { created: true, generated: true };
}
