/**
 * The CLI against a real API on the real platform: login stores a private token, `goal` follows a goal
 * to the end (plan, commands, output) with exit 0, the read commands print, and problems are printed
 * as `error: <title> (<code>): <detail>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_PASSWORD, startTestApi, type TestApi } from '../api/test-support/test-api';
import { startPlatform, type Platform } from '../test/support/platform';
import { run } from './main';
import type { Output } from './output';

let platform: Platform;
let api: TestApi;
let dataDir: string;

beforeAll(async () => {
  platform = await startPlatform({ workerOverrides: { identity: 'cli-test' } });
  await platform.startWorkers();
  api = await startTestApi({ platform });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-cli-'));
});
afterAll(async () => {
  await api?.close();
  await platform?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: Output = { print: (l) => lines.push(l), json: (v) => lines.push(JSON.stringify(v)), error: (l) => errors.push(l) };
  const code = await run(args, out, { ANANTA_URL: api.url, ANANTA_DATA_DIR: dataDir, ...env });
  return { code, text: lines.join('\n'), errors: errors.join('\n') };
}

test('login stores the token readable by the user only, and later commands use it', async () => {
  const login = await cli(['login', '-u', 'admin', '-p', ADMIN_PASSWORD]);
  expect(login.code).toBe(0);
  const file = path.join(dataDir, 'cli-token');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const goals = await cli(['goals']);
  expect(goals).toMatchObject({ code: 0, errors: '' });

  const wrong = await cli(['login', '-p', 'wrong-password'], { ANANTA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-cli-')) });
  expect(wrong.code).toBe(1);
  expect(wrong.errors).toBe('error: Unauthorized (invalid_credentials): Invalid username or password');
});

test('`goal` follows the goal to completion: plan, commands, output; exit 0', async () => {
  const res = await cli(['goal', 'Create a hello.txt with a greeting and verify it']);
  expect(res.errors).toBe('');
  expect(res.code).toBe(0);
  expect(res.text).toMatch(/Goal \S+ accepted/);
  expect(res.text).toContain('Temporal UI: http://localhost:8233/namespaces/default/workflows/goal-');
  expect(res.text).toMatch(/Plan:\n {2}s1\. .*\n {2}s2\. .*\(after s1\)/);
  expect(res.text).toContain("[s1] $ printf '%s\\n' 'Hello from Ananta!' > 'hello.txt'");
  expect(res.text).toContain('[s2]   │ Hello from Ananta!');
  expect(res.text).toMatch(/\[s2\] completed/);
  // A finished subtask's status follows its log: its command ran before it completed.
  expect(res.text.indexOf('[s1] exit 0')).toBeGreaterThan(-1);
  expect(res.text.indexOf('[s1] exit 0')).toBeLessThan(res.text.indexOf('[s1] completed'));
  expect(res.text).toMatch(/goal completed: 2\/2 subtask\(s\) completed/);

  const goalId = /Goal (\S+) accepted/.exec(res.text)![1]!;
  const status = await cli(['goal-status', goalId]);
  expect(status.text).toContain(`${goalId}  completed`);
  const tasks = await cli(['tasks', '--goal', goalId, '--status', 'done']);
  expect(tasks.text).toContain(`${goalId}.s2`);
  const logs = await cli(['logs', `${goalId}.s2`]);
  expect(logs.text).toContain('Hello from Ananta!');
  const followed = await cli(['logs', `${goalId}.s2`, '--follow']);
  expect(followed).toMatchObject({ code: 0 });
  expect(followed.text).toMatch(/task completed$/);
});

test('problems are printed as error lines with exit code 1', async () => {
  const missing = await cli(['goal-status', 'no-such-goal']);
  expect(missing).toMatchObject({ code: 1, errors: 'error: Not found (not_found): Goal no-such-goal not found' });
  const nothing = await cli(['--help']);
  expect(nothing.code).toBe(0);
  const down = await cli(['goals'], { ANANTA_URL: 'http://127.0.0.1:9' });
  expect(down.code).toBe(1);
  expect(down.errors).toMatch(/^error: cannot reach the Ananta API at http:\/\/127\.0\.0\.1:9/);
});

test('a failed goal exits 1 with the reason', async () => {
  const res = await cli(['goal', 'Run `false`', '--json']);
  expect(res.code).toBe(1);
  expect(JSON.parse(res.text)).toMatchObject({ status: 'failed', error: { code: expect.any(String) } });
});
