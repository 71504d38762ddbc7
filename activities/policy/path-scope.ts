/**
 * Where a path a command writes to lands, relative to the task's workspace.
 *
 * The classifier is conservative where it cannot know: `~` and `$HOME` count as outside (they are the
 * workspace only inside our sandbox, not in unsafe mode), a path built from another variable or a
 * substitution is "dynamic", and relative paths are resolved against the workspace so `../x` is
 * caught. Without a known workspace, relative paths are judged against a stand-in root, so only
 * `..` can leave it.
 */
import path from 'node:path';
import { high, medium, type Finding } from './findings';
import { SUBSTITUTION } from './shell-scan';

export type PathScope = 'inside' | 'outside' | 'scratch' | 'device' | 'harmless' | 'dynamic';

const HARMLESS_DEVICE = /^\/dev\/(null|zero|full|stdin|stdout|stderr|tty|random|urandom|fd\/\d+)$/;
const BLOCK_DEVICE = /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|md|dm-|loop|sr|disk|mapper\/|block\/)/;
const VIRTUAL_WORKSPACE = '/__workspace__';

export function pathScope(p: string, workspaceDir?: string): PathScope {
  if (p.startsWith('~') || /^\$\{?HOME\b/.test(p)) return 'outside';
  if (p.includes('$') || p.includes(SUBSTITUTION)) return 'dynamic';
  if (HARMLESS_DEVICE.test(p)) return 'harmless';
  if (BLOCK_DEVICE.test(p)) return 'device';
  const ws = workspaceDir ? path.posix.resolve(workspaceDir) : VIRTUAL_WORKSPACE;
  const abs = path.posix.resolve(ws, p);
  if (abs === ws || abs.startsWith(`${ws}/`)) return 'inside';
  // The sandbox gives every command a private, throw-away /tmp: writing there is noted, not feared.
  if (abs === '/tmp' || abs.startsWith('/tmp/')) return 'scratch';
  return 'outside';
}

export function isOutside(p: string, workspaceDir?: string): boolean {
  const scope = pathScope(p, workspaceDir);
  return scope === 'outside' || scope === 'device';
}

/** Findings for a command (or redirection `verb`) that writes to each of `targets`. */
export function writeFindings(verb: string, targets: string[], workspaceDir?: string): Finding[] {
  return targets.flatMap((t) => {
    switch (pathScope(t, workspaceDir)) {
      case 'outside':
        return [high(`write outside workspace: ${verb} ${t}`)];
      case 'device':
        return [high(`destructive: ${verb} to block device ${t}`)];
      case 'scratch':
        return [medium(`write: ${verb} ${t} (sandbox /tmp)`)];
      case 'dynamic':
        return [medium(`dynamic: ${verb} to computed path ${t}`)];
      default:
        return [];
    }
  });
}
