/**
 * Where `ananta login` keeps its session: a file only the user can read (mode 0600, directory 0700),
 * holding the access token, its expiry, the refresh token and the API they belong to, so a token is
 * never sent to another server.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StoredSession {
  baseUrl: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  refreshToken?: string;
}

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

/** The saved session for this API (its access token may have expired; the refresh token may still work). */
export function readSession(file: string, baseUrl: string): StoredSession | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSession;
    return stored.baseUrl === baseUrl && typeof stored.accessToken === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** An access token is treated as expired a little early, so it does not run out during a request. */
const EARLY_MS = 10_000;
export const accessTokenValid = (session: StoredSession | undefined): session is StoredSession =>
  !!session && session.expiresAt - EARLY_MS > Date.now();

export function writeSession(file: string, baseUrl: string, issued: IssuedSession): StoredSession {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const stored: StoredSession = { baseUrl, accessToken: issued.accessToken, expiresAt: Date.now() + issued.expiresIn * 1000, refreshToken: issued.refreshToken };
  fs.writeFileSync(file, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // writeFileSync keeps the mode of an existing file
  return stored;
}

export function clearSession(file: string): void {
  fs.rmSync(file, { force: true });
}
