/**
 * `ananta login` keeps a refresh token, and a later command whose access token has expired trades it
 * for a new pair (the server sees the rotation: the old refresh token is used up). `ananta logout`
 * revokes the session on the server and forgets it. A real API (PGlite, Temporal dev server), no mocks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, json, startTestApi, type TestApi } from '../api/test-support/test-api';
import { run } from './main';
import type { Output } from './output';

let api: TestApi;
let dataDir: string;
const file = () => path.join(dataDir, 'cli-token');
const stored = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as { accessToken: string; expiresAt: number; refreshToken?: string };

beforeAll(async () => {
  // Access tokens live 1 s, so every later command finds its access token expired.
  api = await startTestApi({ env: { ANANTA_TASK_QUEUE_PREFIX: 'cli-refresh-test', ANANTA_TOKEN_TTL_SECONDS: '1' } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-cli-refresh-'));
});
afterAll(async () => {
  await api?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: Output = { print: (l) => lines.push(l), json: (v) => lines.push(JSON.stringify(v)), error: (l) => errors.push(l) };
  const code = await run(args, out, { ANANTA_URL: api.url, ANANTA_DATA_DIR: dataDir });
  return { code, text: lines.join('\n'), errors: errors.join('\n') };
}
const refreshWith = (refreshToken: string) => api.request('POST', '/login/refresh', { token: null, body: { refreshToken } });

test('an expired access token is refreshed from the stored refresh token, and logout revokes it', async () => {
  expect((await cli(['login', '-u', 'admin', '-p', ADMIN_PASSWORD])).code).toBe(0);
  expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
  const first = stored();
  expect(first.refreshToken).toMatch(/^rt_/);
  await new Promise((r) => setTimeout(r, 1100)); // let the 1 s access token run out

  expect(await cli(['goals'])).toMatchObject({ code: 0, errors: '' });
  const second = stored();
  expect(second.refreshToken).toMatch(/^rt_/);
  expect(second.refreshToken).not.toBe(first.refreshToken);
  expect(second.accessToken).not.toBe(first.accessToken);

  expect(await cli(['logout'])).toMatchObject({ code: 0, errors: '' });
  expect(fs.existsSync(file())).toBe(false);
  const revoked = await refreshWith(second.refreshToken!);
  expect([revoked.status, (await json(revoked)).code]).toEqual([401, 'refresh_token_reused']);
});

test('a refused refresh token is dropped, and the command fails asking for a login', async () => {
  expect((await cli(['login', '-u', 'admin', '-p', ADMIN_PASSWORD])).code).toBe(0);
  const saved = stored();
  // Someone else uses the stored token first: the CLI's own attempt is then a replay and is refused.
  expect((await refreshWith(saved.refreshToken!)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 1100));
  const res = await cli(['goals']);
  expect(res.code).toBe(1);
  expect(res.errors).toMatch(/\(unauthorized\).*ananta login/);
  expect(stored().refreshToken).toBeUndefined();
});
