/**
 * The bubblewrap command line for one agent command, and the scrubbed environment it runs with.
 *
 * Pure, so the exact sandbox is reviewable in one place and pinned by a unit test. The rules:
 * - the host is visible read-only (`--ro-bind / /`), so tools work but nothing outside can change;
 * - /tmp is a private tmpfs, and the platform's data dir is hidden behind an empty tmpfs because it
 *   holds databases and secrets. The mount order matters: the workspace usually lives *inside* the
 *   data dir, so it is bound writable only after the data dir has been covered;
 * - every namespace is unshared (no network unless the task allows it), the sandbox dies with the
 *   worker, and `--new-session` stops a command from typing into the worker's terminal (TIOCSTI);
 * - the environment is rebuilt from nothing, so the worker's secrets never reach the command.
 */

export const SANDBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface SandboxEnvOptions {
  workspaceDir: string;
  /** Extra variables for the command, e.g. ANANTA_TASK_ID and ANANTA_GOAL_ID. */
  extras?: Record<string, string>;
}

export function scrubbedEnv(opts: SandboxEnvOptions): Record<string, string> {
  return {
    PATH: SANDBOX_PATH,
    HOME: opts.workspaceDir,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    ...opts.extras,
  };
}

export interface SandboxArgsOptions {
  command: string;
  workspaceDir: string;
  /** Hidden from the command; omitted when it does not exist (there is nothing to hide then). */
  dataDir?: string;
  allowNetwork: boolean;
  env: Record<string, string>;
  /** The shell inside the sandbox: bash, or /bin/sh where bash is absent. */
  shell: string;
}

/** Arguments for `bwrap` (not including the bwrap path itself). */
export function buildSandboxArgs(opts: SandboxArgsOptions): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
  if (opts.dataDir) args.push('--tmpfs', opts.dataDir);
  args.push('--bind', opts.workspaceDir, opts.workspaceDir, '--chdir', opts.workspaceDir);
  args.push('--unshare-all');
  if (opts.allowNetwork) args.push('--share-net');
  args.push('--die-with-parent', '--new-session', '--clearenv');
  for (const [name, value] of Object.entries(opts.env)) args.push('--setenv', name, value);
  args.push('--', opts.shell, '-c', opts.command);
  return args;
}
