/**
 * Opens the store and brings its schema up to date. PostgreSQL (node-postgres pool) when a database URL
 * is given, else embedded PGlite persisted in a directory ('memory://' keeps it in memory, for tests).
 *
 * Migrations from `db/migrations` run on every open. drizzle's migrator is not safe against several
 * replicas starting at once (each reads "not applied yet", then both create the tables), so on
 * PostgreSQL it runs under a session advisory lock on one dedicated connection; the later replicas wait,
 * then find nothing left to apply. PGlite is single-process (see pglite-lock.ts) and serialises queries
 * on its one connection.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import * as schema from './schema';
import { loadPglite } from './pglite-loader';
import { lockPgliteDir } from './pglite-lock';

export type Schema = typeof schema;

/** The database handle every query function takes; a transaction (`db.transaction(tx => …)`) fits too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface OpenDatabaseOptions {
  /** postgres://… — use PostgreSQL. */
  databaseUrl?: string;
  /** Directory of the embedded PGlite database, or 'memory://'. Used when no databaseUrl is given. */
  pgliteDir?: string;
  /**
   * An idle pooled PostgreSQL connection failed (server restart, admin kill). The pool has already
   * dropped it and reconnects on demand; this only reports it. Default: a process warning.
   */
  onPoolError?: (err: Error) => void;
}

export interface OpenedDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const migrationsFolder = path.join(__dirname, 'migrations');

/** Arbitrary constant naming "Ananta schema migration" among advisory locks. */
const MIGRATION_LOCK_KEY = 7_204_118_305;

export async function openDatabase(opts: OpenDatabaseOptions): Promise<OpenedDatabase> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.onPoolError);
  if (!opts.pgliteDir) throw new Error('openDatabase needs a databaseUrl or a pgliteDir');
  return openPglite(opts.pgliteDir);
}

async function openPostgres(
  connectionString: string,
  onPoolError: (err: Error) => void = (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`),
): Promise<OpenedDatabase> {
  const pool = new Pool({ connectionString });
  let closing = false;
  // Without a listener, an idle connection's error would be an unhandled 'error' event and end the process.
  pool.on('error', (err) => {
    if (!closing) onPoolError(err);
  });
  try {
    const conn = await pool.connect();
    try {
      await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        await migratePg(drizzlePg({ client: conn, schema }), { migrationsFolder });
      } finally {
        await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      conn.release();
    }
  } catch (err) {
    closing = true;
    await pool.end();
    throw err;
  }
  const close = async () => {
    closing = true;
    await pool.end();
  };
  return { db: drizzlePg({ client: pool, schema }), kind: 'postgres', close };
}

async function openPglite(dir: string): Promise<OpenedDatabase> {
  const inMemory = dir.startsWith('memory://');
  let unlock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dir, { recursive: true });
    unlock = lockPgliteDir(dir);
  }
  let client: PGlite | undefined;
  try {
    client = await loadPglite().PGlite.create(dir);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    const opened = client;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        try {
          await opened.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (err) {
    await client?.close().catch(() => {});
    unlock();
    throw err;
  }
}
