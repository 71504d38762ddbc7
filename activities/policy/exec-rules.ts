/**
 * Rules for commands that run other commands: shells, `eval`, interpreters with inline code, and
 * wrappers such as sudo, env, xargs or timeout. Wrappers are looked through, so `sudo rm -rf /`
 * and `xargs rm -rf` are judged by their payload; a static `bash -c "…"` string is analysed as a
 * command of its own. What cannot be seen — code built from variables, scripts piped into a shell,
 * inline interpreter code — is at least medium.
 */
import { high, medium, operands, type Finding, type Rule, type RuleContext } from './findings';
import { SUBSTITUTION } from './shell-scan';

/** Looks through a wrapper: skips its options (and `valueOptions`' values) and `skip` leading operands. */
const wrapper =
  (valueOptions: string[] = [], skip = 0, own?: (ctx: RuleContext) => Finding[]): Rule =>
  (ctx) => {
    const { args } = ctx;
    let i = 0;
    for (let skipped = 0; i < args.length; ) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (a.startsWith('-') && a.length > 1) i += valueOptions.includes(a) ? 2 : 1;
      else if (skipped++ < skip) i++;
      else break;
    }
    return [...(own?.(ctx) ?? []), ...ctx.nestedArgv(args.slice(i))];
  };

const privileged = (ctx: RuleContext) => [high(`privilege: ${ctx.name}`)];

const dynamicCode = (code: string) => code.includes('$') || code.includes(SUBSTITUTION);

/** A shell given code: `-c CODE`, a here-document/here-string or a pipe; or a script file (unseen). */
const shell: Rule = (ctx) => {
  const ci = ctx.args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
  if (ci !== -1) {
    const code = ctx.args[ci + 1] ?? '';
    return [...(dynamicCode(code) ? [medium(`dynamic: ${ctx.name} -c with expansion`)] : []), ...ctx.nested(code)];
  }
  const script = operands(ctx.args, ['-o', '-O', '+O']);
  if (ctx.stdinFed && (script.length === 0 || ctx.args.includes('-s'))) {
    return [medium(`pipe to shell: ${ctx.name}`), ...ctx.stdinScripts.flatMap((s) => ctx.nested(s))];
  }
  return [];
};

const evalRule: Rule = (ctx) => [medium('dynamic: eval'), ...ctx.nested(ctx.args.join(' '))];

const INLINE_CODE_FLAGS: Record<string, string[]> = {
  python: ['-c'],
  node: ['-e', '--eval', '-p', '--print'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  php: ['-r'],
  lua: ['-e'],
  Rscript: ['-e'],
};
const NETWORK_CODE =
  /socket|urllib|requests|httpx|aiohttp|http\.client|https?:\/\/|fetch\s*\(|net\.connect|IO::Socket|LWP|Net::HTTP|open-uri/;
const RECURSIVE_DELETE_CODE = /rmtree|rm_rf|rmSync|rmdirSync|remove_tree|rimraf/;

/** Inline interpreter code is opaque to us: medium at least, high when it plainly reaches the network. */
function inlineCodeFindings(name: string, flag: string, code: string): Finding[] {
  const out = [medium(`interpreter: ${name} ${flag} inline code`)];
  if (NETWORK_CODE.test(code)) out.push(high(`network: ${name} inline code`));
  if (RECURSIVE_DELETE_CODE.test(code)) out.push(high(`destructive: ${name} inline code deletes recursively`));
  return out;
}

const interpreter: Rule = (ctx) => {
  const { name, args } = ctx;
  const flags = INLINE_CODE_FLAGS[name] ?? [];
  const fi = args.findIndex((a) => flags.includes(a));
  if (fi !== -1) return inlineCodeFindings(name, args[fi], args[fi + 1] ?? '');
  const mi = args.indexOf('-m');
  if (name === 'python' && mi !== -1 && ['pip', 'ensurepip'].includes(args[mi + 1])) {
    return ctx.nestedArgv(['pip', ...args.slice(mi + 2)]);
  }
  if (ctx.stdinFed && operands(args).length === 0) {
    return [medium(`pipe to interpreter: ${name}`), ...ctx.stdinScripts.flatMap((s) => inlineCodeFindings(name, 'stdin', s))];
  }
  return [];
};

/** awk runs shell commands through system() and `| "cmd"`; analyse the literal ones. */
const awk: Rule = (ctx) => {
  const program = ctx.args.find((a) => !a.startsWith('-')) ?? '';
  const commands = [...program.matchAll(/system\s*\(\s*"([^"]*)"|"([^"]*)"\s*\|\s*getline|\|\s*"([^"]*)"/g)];
  if (commands.length === 0) return [];
  return [medium(`interpreter: ${ctx.name} runs commands`), ...commands.flatMap((m) => ctx.nested(m[1] ?? m[2] ?? m[3]))];
};

const su: Rule = (ctx) => {
  const ci = ctx.args.findIndex((a) => a === '-c' || a === '--command');
  return [high('privilege: su'), ...(ci === -1 ? [] : ctx.nested(ctx.args[ci + 1] ?? ''))];
};

const PRIVILEGED = ['pkexec', 'runuser', 'setcap', 'mount', 'umount', 'losetup', 'insmod', 'rmmod', 'modprobe', 'sysctl',
  'chattr', 'useradd', 'usermod', 'userdel', 'groupadd', 'groupdel', 'passwd', 'chpasswd', 'visudo', 'adduser',
  'deluser', 'iptables', 'ip6tables', 'nft', 'ufw', 'systemctl', 'service', 'crontab', 'nsenter', 'capsh', 'setpriv',
  'shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit', 'swapon', 'swapoff', 'kexec']; // prettier-ignore

export const execRules: Record<string, Rule> = {
  ...Object.fromEntries(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish'].map((n) => [n, shell])),
  ...Object.fromEntries(Object.keys(INLINE_CODE_FLAGS).map((n) => [n, interpreter])),
  ...Object.fromEntries(['awk', 'gawk', 'mawk', 'nawk'].map((n) => [n, awk])),
  ...Object.fromEntries(PRIVILEGED.map((n) => [n, privileged])),
  eval: evalRule,
  su,
  sudo: wrapper(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U'], 0, privileged),
  doas: wrapper(['-u', '-C'], 0, privileged),
  chroot: wrapper(['--userspec', '--groups'], 1, privileged),
  unshare: wrapper([], 0, privileged),
  env: wrapper(['-u', '-C', '--unset', '--chdir']),
  nice: wrapper(['-n', '--adjustment']),
  ionice: wrapper(['-c', '-n', '-p']),
  timeout: wrapper(['-s', '-k', '--signal', '--kill-after'], 1),
  xargs: wrapper(['-I', '-i', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--arg-file', '--delimiter']),
  flock: wrapper(['-w', '-E', '--timeout'], 1),
  stdbuf: wrapper(['-i', '-o', '-e']),
  strace: wrapper(['-o', '-p', '-e', '-s']),
  command: (ctx) => (ctx.args.some((a) => a === '-v' || a === '-V') ? [] : wrapper()(ctx)),
  ...Object.fromEntries(['nohup', 'setsid', 'exec', 'builtin', 'time', 'busybox', 'chronic'].map((n) => [n, wrapper()])),
  watch: (ctx) => ctx.nested(operands(ctx.args, ['-n', '-d', '--interval']).join(' ')),
};
