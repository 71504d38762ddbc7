/**
 * Test fixtures for the executor: a data dir with a workspace inside it, as in production, and a
 * check for leftover processes. The dirs live under /var/tmp, not /tmp, because the sandbox mounts
 * its own /tmp: a data dir there would be hidden by that mount and prove nothing about ours.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface SandboxDirs {
  root: string;
  dataDir: string;
  workspacesDir: string;
  cleanup(): void;
}

export function makeSandboxDirs(): SandboxDirs {
  const root = fs.mkdtempSync('/var/tmp/ananta-exec-test-');
  const dataDir = path.join(root, 'data');
  const workspacesDir = path.join(dataDir, 'workspaces');
  fs.mkdirSync(workspacesDir, { recursive: true });
  return { root, dataDir, workspacesDir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A `sleep` argument nobody else uses, so `pgrep -f` finds exactly our processes. */
export function uniqueSleep(): string {
  return `sleep 3000.${process.pid}${Math.floor(Math.random() * 1e6)}`;
}

/** Pids whose command line contains `pattern` (pgrep is run without a shell, so it cannot match itself). */
export function pids(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Polls until `pids(pattern)` is empty or `ms` passes; returns what is still running. */
export async function waitGone(pattern: string, ms = 3000): Promise<number[]> {
  const until = Date.now() + ms;
  while (pids(pattern).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return pids(pattern);
}

export async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
