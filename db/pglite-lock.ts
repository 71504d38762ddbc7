/**
 * PGlite keeps its files in one directory and has no cross-process locking: two processes opening the
 * same directory corrupt it. The embedded store is therefore single-process, and this lock file makes a
 * second opener fail fast with a clear message instead. A lock left by a process that died is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'ananta.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock or throws; returns the function that releases it. */
export function lockPgliteDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(
          `The embedded database at ${dir} is already open in process ${holder}. PGlite serves one process ` +
            'only: run the API and the workers in one process, or set DATABASE_URL to use PostgreSQL.',
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database at ${dir}`);
}
