import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockPgliteDir } from './pglite-lock';

describe('the PGlite directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('admits one holder at a time and can be taken again after release', () => {
    const release = lockPgliteDir(dir);
    expect(() => lockPgliteDir(dir)).toThrow(`already open in process ${process.pid}`);
    release();
    lockPgliteDir(dir)();
  });

  test('takes over a lock left by a process that has died', () => {
    fs.writeFileSync(path.join(dir, 'ananta.lock'), '2147483646');
    const release = lockPgliteDir(dir);
    expect(fs.readFileSync(path.join(dir, 'ananta.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
