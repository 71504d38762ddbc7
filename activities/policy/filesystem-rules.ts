/**
 * Rules for commands that delete, overwrite or re-permission files. Deleting recursively, wiping
 * disks and touching anything outside the workspace is high risk; deleting a single workspace file
 * is medium, so a reviewer still sees it; plain writes inside the workspace are low.
 */
import { hasFlag, high, medium, operands, type Finding, type Rule } from './findings';
import { isOutside, pathScope, writeFindings } from './path-scope';

const remove: Rule = ({ name, args, workspaceDir }) => {
  const out: Finding[] = [];
  if (name === 'rm' && hasFlag(args, 'rR', '--recursive')) out.push(high('destructive: rm -r'));
  for (const t of operands(args)) {
    const scope = pathScope(t, workspaceDir);
    if (scope === 'outside' || scope === 'device') out.push(high(`destructive: ${name} outside workspace ${t}`));
    else if (scope === 'dynamic') out.push(medium(`delete: ${name} of computed path ${t}`));
  }
  // A single workspace file is still worth a reviewer's glance; anything worse is already high.
  if (!out.some((f) => f.risk === 'high')) out.push(medium(`delete: ${name}`));
  return out;
};

/** `cp a b`, `cp -t dir a`: the destination is the last operand unless a target directory is named. */
export const copyLike: Rule = ({ name, args, workspaceDir }) => {
  const withValue = ['-t', '-S', '-m', '-o', '-g', '--suffix', '--target-directory'];
  const targetDir = args.find((a, i) => args[i - 1] === '-t' || a.startsWith('--target-directory='));
  const ops = operands(args, withValue);
  const dest = targetDir ? [targetDir.replace(/^--target-directory=/, '')] : ops.slice(-1);
  // mv also removes its sources, so a source outside the workspace is a write outside it too.
  const targets = name === 'mv' ? [...new Set([...ops, ...dest])] : ops.length > 1 || targetDir ? dest : [];
  return writeFindings(name, targets, workspaceDir);
};

const touchLike =
  (withValue: string[]): Rule =>
  ({ name, args, workspaceDir }) =>
    writeFindings(name, operands(args, withValue), workspaceDir);

const truncate: Rule = ({ args, workspaceDir }) => {
  const targets = operands(args, ['-s', '-r', '--size', '--reference']);
  return [
    ...writeFindings('truncate', targets, workspaceDir),
    ...targets.filter((t) => isOutside(t, workspaceDir)).map((t) => high(`destructive: truncate ${t}`)),
  ];
};

const dd: Rule = ({ args, workspaceDir }) => [
  high('destructive: dd'),
  ...writeFindings(
    'dd',
    args.filter((a) => a.startsWith('of=')).map((a) => a.slice(3)),
    workspaceDir,
  ),
];

const sed: Rule = ({ args, workspaceDir }) => {
  if (!hasFlag(args, 'i', '--in-place')) return [];
  const files = operands(args, ['-e', '-f', '--expression', '--file', '-l']);
  const scriptGiven = args.some((a) => ['-e', '-f', '--expression', '--file'].includes(a.split('=')[0]));
  return writeFindings('sed -i', scriptGiven ? files : files.slice(1), workspaceDir);
};

/** Only extraction into a named directory is judged; archives created in place are ordinary writes. */
const extractTo =
  (dirFlags: string[]): Rule =>
  ({ name, args, workspaceDir }) => {
    const dirs = args.flatMap((a, i) => {
      if (dirFlags.includes(args[i - 1] ?? '')) return [a];
      const long = /^--directory=(.*)$/.exec(a);
      return long ? [long[1]] : [];
    });
    return writeFindings(`${name} into`, dirs, workspaceDir);
  };

/** Setuid/setgid bits: numeric 4xxx/2xxx/6xxx, or symbolic `u+s`, `g=s`. */
function setsId(mode: string): boolean {
  return mode
    .split(',')
    .some((m) => (/^[0-7]{4}$/.test(m) ? (Number(m[0]) & 6) !== 0 : /^[ugoa]*[+=][rwxXst]*s/.test(m)));
}

const chmod: Rule = ({ args, workspaceDir }) => {
  // `chmod -x f` is a mode, not an option: spell it `a-x` so it stays an operand.
  const asModes = args.map((a) => (/^-[rwxXst]+$/.test(a) ? `a${a}` : a));
  const [mode = '', ...targets] = operands(asModes, ['--reference']);
  const out: Finding[] = setsId(mode) ? [high(`privilege: setuid/setgid chmod ${mode}`)] : [];
  const recursive = hasFlag(args, 'R', '--recursive');
  for (const t of targets) {
    if (isOutside(t, workspaceDir)) {
      out.push(high(`privilege: chmod outside workspace ${t}`));
      if (recursive) out.push(high(`destructive: chmod -R ${mode} ${t}`));
    } else if (pathScope(t, workspaceDir) === 'dynamic') out.push(medium(`dynamic: chmod of computed path ${t}`));
  }
  return out;
};

/** find's actions act on what it finds under its starting points, so `{}` stands for those. */
const find: Rule = ({ args, nestedArgv }) => {
  const firstExpr = args.findIndex((a) => /^[-(!)]/.test(a));
  const starts = args.slice(0, firstExpr === -1 ? args.length : firstExpr);
  const out: Finding[] = [];
  if (args.includes('-delete')) out.push(high('destructive: find -delete'));
  args.forEach((a, i) => {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(a)) return;
    const end = args.findIndex((b, j) => j > i && (b === ';' || b === '+'));
    const action = args.slice(i + 1, end === -1 ? undefined : end);
    for (const start of starts.length ? starts : ['.']) {
      out.push(...nestedArgv(action.map((w) => w.replaceAll('{}', start))));
    }
  });
  return out;
};

const always =
  (reason: (name: string) => string): Rule =>
  ({ name }) => [high(reason(name))];

const DISK_WIPERS = ['mkfs', 'mke2fs', 'mkswap', 'wipefs', 'fdisk', 'sfdisk', 'cfdisk', 'parted', 'gdisk', 'sgdisk'];
const SHREDDERS = ['shred', 'srm', 'wipe', 'blkdiscard'];

export const filesystemRules: Record<string, Rule> = {
  rm: remove,
  unlink: remove,
  rmdir: remove,
  cp: copyLike,
  mv: copyLike,
  install: copyLike,
  ln: copyLike,
  tee: touchLike(['-p', '--output-error']),
  touch: touchLike(['-d', '-t', '-r', '--date', '--reference']),
  mkdir: touchLike(['-m', '--mode']),
  truncate,
  dd,
  sed,
  tar: extractTo(['-C', '--directory']),
  unzip: extractTo(['-d']),
  chmod,
  chown: always((n) => `privilege: ${n}`),
  chgrp: always((n) => `privilege: ${n}`),
  find,
  ...Object.fromEntries([...DISK_WIPERS, ...SHREDDERS].map((n) => [n, always((m) => `destructive: ${m}`)])),
};
