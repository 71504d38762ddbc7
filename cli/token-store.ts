/**
 * Where `ananta login` keeps its token: a file only the user can read (mode 0600, directory 0700),
 * holding the token and the API it belongs to, so a token is never sent to another server.
 */
import fs from 'node:fs';
import path from 'node:path';

interface StoredToken {
  baseUrl: string;
  accessToken: string;
  expiresAt: number;
}

export function readToken(file: string, baseUrl: string): string | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredToken;
    if (stored.baseUrl !== baseUrl || stored.expiresAt <= Date.now()) return undefined;
    return stored.accessToken;
  } catch {
    return undefined;
  }
}

export function writeToken(file: string, baseUrl: string, accessToken: string, expiresInSeconds: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const stored: StoredToken = { baseUrl, accessToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
  fs.writeFileSync(file, `${JSON.stringify(stored)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // writeFileSync keeps the mode of an existing file
}
