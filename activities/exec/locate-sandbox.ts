/**
 * Finding bubblewrap and the shell, and the refusal when bubblewrap is missing.
 *
 * The executor never falls back to running commands unsandboxed on its own: a missing bwrap is an
 * operator decision (install it, or opt in to unsafe mode), so the error says exactly how to make it.
 * Lookups use the standard system directories rather than the worker's PATH, so what runs does not
 * depend on how the worker was started.
 */
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SANDBOX_PATH } from './sandbox-args';

export class SandboxUnavailableError extends Error {
  override readonly name = 'SandboxUnavailableError';

  constructor(bwrapPath?: string) {
    const where = bwrapPath ? `was not found or is not executable at ${bwrapPath}` : `was not found in ${SANDBOX_PATH}`;
    super(
      `bubblewrap (bwrap) ${where}, and agent commands run only inside its sandbox. ` +
        'Install it with `apt-get install -y bubblewrap`, or set ANANTA_UNSAFE_NO_SANDBOX=true to run commands ' +
        'WITHOUT a sandbox (unsafe: they can then read and change everything the worker can).',
    );
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.X_OK);
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function findInSystemPath(program: string): Promise<string | undefined> {
  for (const dir of SANDBOX_PATH.split(':')) {
    const candidate = path.join(dir, program);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The bwrap to use: the configured path if executable, else one on the system path; undefined if none. */
export async function locateBwrap(bwrapPath?: string): Promise<string | undefined> {
  if (bwrapPath) return (await isExecutable(bwrapPath)) ? bwrapPath : undefined;
  return findInSystemPath('bwrap');
}

/** bash where it exists (agents write bash), otherwise POSIX sh. */
export async function locateShell(): Promise<string> {
  return (await findInSystemPath('bash')) ?? '/bin/sh';
}
