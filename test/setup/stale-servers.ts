/**
 * Remembers which Temporal dev server each jest run started, so a run that was killed (and never ran
 * its teardown) does not leave its server behind: the next run stops servers whose jest is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = path.join(os.tmpdir(), 'ananta-test-servers');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export function reapStaleServers(): void {
  if (!fs.existsSync(dir)) return;
  for (const file of fs.readdirSync(dir)) {
    const [owner, server] = file.split('-').map(Number);
    if (alive(owner)) continue;
    if (server && alive(server)) process.kill(server, 'SIGKILL');
    fs.rmSync(path.join(dir, file), { force: true });
  }
}

export function rememberServer(serverPid: number): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${serverPid}`);
  fs.writeFileSync(file, '');
  return () => fs.rmSync(file, { force: true });
}
