import { buildSandboxArgs, SANDBOX_PATH, scrubbedEnv } from './sandbox-args';

const ws = '/data/workspaces/g1';
const env = scrubbedEnv({ workspaceDir: ws, extras: { ANANTA_TASK_ID: 't1', ANANTA_GOAL_ID: 'g1' } });

describe('scrubbedEnv', () => {
  it('is rebuilt from nothing: a fixed PATH, HOME in the workspace, and the task ids', () => {
    expect(env).toEqual({
      PATH: SANDBOX_PATH,
      HOME: ws,
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      ANANTA_TASK_ID: 't1',
      ANANTA_GOAL_ID: 'g1',
    });
    expect(SANDBOX_PATH).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  });
});

describe('buildSandboxArgs', () => {
  const base = { command: 'echo hi', workspaceDir: ws, dataDir: '/data', env, shell: '/usr/bin/bash' };

  it('hides the data dir before binding the workspace inside it writable', () => {
    const args = buildSandboxArgs({ ...base, allowNetwork: false });
    expect(args.slice(0, 18)).toEqual([
      '--ro-bind', '/', '/',
      '--dev', '/dev',
      '--proc', '/proc',
      '--tmpfs', '/tmp',
      '--tmpfs', '/data',
      '--bind', ws, ws,
      '--chdir', ws,
      '--unshare-all',
      '--die-with-parent',
    ]); // prettier-ignore
    expect(args.indexOf('--tmpfs', 8)).toBeLessThan(args.indexOf('--bind'));
  });

  it('shares the network only when allowed', () => {
    expect(buildSandboxArgs({ ...base, allowNetwork: false })).not.toContain('--share-net');
    const allowed = buildSandboxArgs({ ...base, allowNetwork: true });
    expect(allowed[allowed.indexOf('--unshare-all') + 1]).toBe('--share-net');
  });

  it('clears the environment, sets only the scrubbed one, and ends with the shell command', () => {
    const args = buildSandboxArgs({ ...base, allowNetwork: false });
    expect(args).toEqual(expect.arrayContaining(['--new-session', '--clearenv']));
    const setenvs = args.flatMap((a, i) => (a === '--setenv' ? [`${args[i + 1]}=${args[i + 2]}`] : []));
    expect(setenvs).toEqual(Object.entries(env).map(([k, v]) => `${k}=${v}`));
    expect(args.indexOf('--clearenv')).toBeLessThan(args.indexOf('--setenv'));
    expect(args.slice(-4)).toEqual(['--', '/usr/bin/bash', '-c', 'echo hi']);
  });

  it('leaves out the data-dir mount when there is none to hide', () => {
    const args = buildSandboxArgs({ ...base, dataDir: undefined, allowNetwork: false });
    expect(args.filter((a) => a === '--tmpfs')).toHaveLength(1);
  });
});
