/** runSandboxed on the real bubblewrap: what a command can and cannot do, and how it is stopped. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { splitStreams } from '../../core/output-streams';
import { SandboxUnavailableError } from './locate-sandbox';
import { runSandboxed, UNSANDBOXED_NOTICE, type RunSandboxedOptions } from './run-sandboxed';
import { makeSandboxDirs, pids, uniqueSleep, waitFor, waitGone, type SandboxDirs } from './test-sandbox-dirs';

let dirs: SandboxDirs;
let ws: string;
let server: http.Server;
let port: number;

beforeAll(async () => {
  dirs = makeSandboxDirs();
  ws = path.join(dirs.workspacesDir, 'goal-1');
  server = http.createServer((_req, res) => res.end('hello-from-host'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  dirs.cleanup();
});

const run = (command: string, extra: Partial<RunSandboxedOptions> = {}) =>
  runSandboxed({
    command,
    workspaceDir: ws,
    dataDir: dirs.dataDir,
    allowNetwork: false,
    timeoutSeconds: 20,
    outputCapBytes: 64 * 1024,
    env: { ANANTA_TASK_ID: 'task-1', ANANTA_GOAL_ID: 'goal-1' },
    unsafeNoSandbox: false,
    ...extra,
  });

describe('the filesystem', () => {
  it('creates the workspace and lets the command write there, visibly on the host', async () => {
    const result = await run('pwd && echo made > made.txt && mkdir -p sub && echo deep > sub/f');
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, truncated: false });
    expect(result.output).toBe(`${ws}\n`);
    expect(fs.readFileSync(path.join(ws, 'made.txt'), 'utf8')).toBe('made\n');
    expect(fs.readFileSync(path.join(ws, 'sub/f'), 'utf8')).toBe('deep\n');
  });

  it('cannot write outside the workspace', async () => {
    const tag = `ananta-escape-${process.pid}-${Date.now()}`;
    for (const target of [path.join('/work/main', tag), path.join('/etc', tag), path.join(dirs.root, tag)]) {
      const result = await run(`touch ${target}`);
      expect(result.exitCode).not.toBe(0);
      expect(result.output).toMatch(/Read-only file system/);
      expect(fs.existsSync(target)).toBe(false);
    }
    const redirected = await run(`echo x > /etc/${tag}`);
    expect(redirected.exitCode).not.toBe(0);
    expect(redirected.output).toMatch(/Read-only file system/);
    expect(fs.existsSync(`/etc/${tag}`)).toBe(false);
    // Beside the workspace is the hidden data dir: a throw-away tmpfs inside the sandbox.
    const sibling = path.join(ws, '..', tag);
    await run(`touch ${sibling}`);
    expect(fs.existsSync(sibling)).toBe(false);
  });

  it('hides the data dir: its files are unreadable and writes there never reach the host', async () => {
    fs.writeFileSync(path.join(dirs.dataDir, 'secret.txt'), 'TOP-SECRET-VALUE');
    const result = await run(`cat ${dirs.dataDir}/secret.txt; ls -A ${dirs.dataDir}; echo leak > ${dirs.dataDir}/leak.txt`);
    expect(result.output).not.toContain('TOP-SECRET-VALUE');
    expect(result.output).toMatch(/secret\.txt: No such file or directory/);
    expect(fs.existsSync(path.join(dirs.dataDir, 'leak.txt'))).toBe(false);
  });
});

describe('the network', () => {
  it('is unreachable, even on loopback, unless allowed', async () => {
    const curl = await run(`curl -sS --max-time 5 http://127.0.0.1:${port}/`);
    expect(curl.exitCode).not.toBe(0);
    expect(curl.output).not.toContain('hello-from-host');
    const tcp = await run(`exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected`);
    expect(tcp.exitCode).not.toBe(0);
    expect(tcp.output).not.toContain('connected');
  });

  it('is reachable with allowNetwork', async () => {
    const curl = await run(`curl -sS --max-time 5 http://127.0.0.1:${port}/`, { allowNetwork: true });
    expect(curl).toMatchObject({ exitCode: 0, output: 'hello-from-host' });
    const tcp = await run(`exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected`, { allowNetwork: true });
    expect(tcp).toMatchObject({ exitCode: 0, output: 'connected\n' });
  });
});

describe('the environment', () => {
  it('is scrubbed: parent secrets are absent, only the sandbox variables are set', async () => {
    process.env.ANANTA_TEST_PARENT_SECRET = 'parent-secret-value';
    try {
      const result = await run('env | sort');
      expect(result.output).not.toContain('parent-secret-value');
      expect(result.output).toContain(`HOME=${ws}\n`);
      expect(result.output).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n');
      expect(result.output).toContain('ANANTA_TASK_ID=task-1\n');
      expect(result.output).toContain('ANANTA_GOAL_ID=goal-1\n');
      expect(result.output).toContain('LANG=C.UTF-8\n');
    } finally {
      delete process.env.ANANTA_TEST_PARENT_SECRET;
    }
  });
});

describe('output', () => {
  it('merges stdout and stderr in order, marks where stderr lies, and keeps the exit code', async () => {
    const result = await run('echo out; sleep 0.1; echo err >&2; sleep 0.1; echo more; sleep 0.1; echo fail >&2; exit 3');
    expect(result.exitCode).toBe(3);
    expect(result.output).toBe('out\nerr\nmore\nfail\n');
    expect(result.stderrRanges).toEqual([[4, 8], [13, 18]]);
    expect(splitStreams(result.output, result.stderrRanges)).toEqual({ stdout: 'out\nmore\n', stderr: 'err\nfail\n', split: true });
  });

  it('streams each chunk live tagged with the stream that printed it', async () => {
    const chunks: Array<[string, string]> = [];
    await run('echo out; sleep 0.2; echo err >&2; sleep 0.2; echo more', { onOutput: (c, stream) => chunks.push([stream, c]) });
    const byStream = (s: string) => chunks.filter(([stream]) => stream === s).map(([, c]) => c).join('');
    expect(byStream('stdout')).toBe('out\nmore\n');
    expect(byStream('stderr')).toBe('err\n');
    expect(chunks.map(([, c]) => c).join('')).toBe('out\nerr\nmore\n');
  });

  it('is capped, ending with a marker that counts the dropped bytes', async () => {
    const chunks: string[] = [];
    const result = await run("head -c 5000 /dev/zero | tr '\\0' a", { outputCapBytes: 1000, onOutput: (c) => chunks.push(c) });
    expect(result.truncated).toBe(true);
    expect(result.output).toBe(`${'a'.repeat(1000)}\n[output truncated: 4000 bytes omitted]\n`);
    expect(chunks.join('')).toBe('a'.repeat(1000));
  });
});

describe('stopping a command', () => {
  it('kills the whole tree at the timeout, background jobs included', async () => {
    const marker = uniqueSleep();
    const started = Date.now();
    const result = await run(`${marker} & echo started; sleep 30`, { timeoutSeconds: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ exitCode: 124, timedOut: true });
    expect(result.output).toBe('started\n\n[killed: timed out after 1s]\n');
    // The kill notice is the platform's, so it is told apart from the command's own output.
    expect(splitStreams(result.output, result.stderrRanges)).toMatchObject({ stdout: 'started\n', stderr: '\n[killed: timed out after 1s]\n' });
    expect(await waitGone(marker)).toEqual([]);
  });

  it('takes detached processes down with the sandbox when the command exits', async () => {
    const marker = uniqueSleep();
    const started = Date.now();
    const result = await run(`setsid nohup ${marker} >/dev/null 2>&1 & echo detached`);
    expect(result).toMatchObject({ exitCode: 0, output: 'detached\n' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await waitGone(marker)).toEqual([]);
  });

  it('kills the whole tree on abort and rejects with the abort reason', async () => {
    const marker = uniqueSleep();
    const controller = new AbortController();
    const running = run(`${marker} & sleep 30`, { signal: controller.signal });
    await waitFor(() => pids(marker).length > 0);
    const reason = new Error('cancelled by test');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(pids(marker)).toEqual([]);
  });
});

describe('without bubblewrap', () => {
  const missing = '/nonexistent/bin/bwrap';

  it('refuses, explaining how to install it and how to opt out', async () => {
    const refused = run('touch should-not-exist', { bwrapPath: missing });
    await expect(refused).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(refused).rejects.toThrow(/bubblewrap.*apt-get install -y bubblewrap.*ANANTA_UNSAFE_NO_SANDBOX=true/s);
    expect(fs.existsSync(path.join(ws, 'should-not-exist'))).toBe(false);
  });

  it('runs unsandboxed in unsafe mode, saying so, still in the workspace with a scrubbed env', async () => {
    process.env.ANANTA_TEST_PARENT_SECRET = 'parent-secret-value';
    try {
      const result = await run('pwd; env', { bwrapPath: missing, unsafeNoSandbox: true });
      expect(result.exitCode).toBe(0);
      expect(result.output.startsWith(UNSANDBOXED_NOTICE)).toBe(true);
      expect(result.output).toContain(`\n${ws}\n`);
      expect(result.output).not.toContain('parent-secret-value');
    } finally {
      delete process.env.ANANTA_TEST_PARENT_SECRET;
    }
  });

  it('still kills the process group at the timeout in unsafe mode', async () => {
    const marker = uniqueSleep();
    const result = await run(`${marker} & sleep 30`, { bwrapPath: missing, unsafeNoSandbox: true, timeoutSeconds: 1 });
    expect(result).toMatchObject({ exitCode: 124, timedOut: true });
    expect(await waitGone(marker)).toEqual([]);
  });
});
