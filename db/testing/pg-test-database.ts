/**
 * A throw-away PostgreSQL database per test file, on the server named by TEST_DATABASE_URL (default:
 * the local server). Reachability is probed synchronously so a test file can decide, while jest collects
 * it, whether the PostgreSQL suite runs or is reported as skipped.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const pgAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether a connection to the server succeeds within a few seconds (checked in a child process). */
export function pgReachable(url: string = pgAdminUrl): boolean {
  const probe =
    "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });" +
    'c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));';
  try {
    execFileSync(process.execPath, ['-e', probe, url], { stdio: 'ignore', timeout: 10_000, cwd: __dirname });
    return true;
  } catch {
    return false;
  }
}

export interface PgTestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: pgAdminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createPgTestDatabase(): Promise<PgTestDatabase> {
  const name = `ananta_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
