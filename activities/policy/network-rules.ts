/**
 * Rules for commands that reach the network, directly or through a package manager or git.
 * Network access is high risk: it can exfiltrate the workspace or pull in code nobody reviewed.
 * Package-manager runs that stay offline (`npm test`, `cargo build`) are medium: they execute
 * project scripts, which a reviewer may want to see.
 */
import { copyLike } from './filesystem-rules';
import { hasFlag, high, medium, operands, type Finding, type Rule } from './findings';

const NETWORK_TOOLS = [
  'curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'ssh', 'scp', 'sftp', 'ftp', 'tftp', 'aria2c',
  'axel', 'http', 'https', 'xh', 'lynx', 'links', 'w3m', 'ping', 'ping6', 'traceroute', 'tracepath', 'mtr',
  'dig', 'nslookup', 'host', 'whois', 'nmap', 'mosh', 'rclone', 's3cmd', 'ssh-keyscan', 'ssh-copy-id',
  'sshpass', 'gh', 'aws', 'gcloud', 'gsutil', 'az', 'kubectl', 'helm', 'terraform', 'docker', 'podman',
  'nerdctl', 'skopeo', 'ngrok', 'npx', 'pnpx', 'bunx',
]; // prettier-ignore

/** Subcommands that download or upload; anything else is an offline run of the package manager. */
const PACKAGE_MANAGERS: Record<string, { network: string[]; bare?: boolean }> = {
  npm: {
    network: ['install', 'i', 'in', 'isntall', 'add', 'ci', 'clean-install', 'install-test', 'it', 'install-ci-test',
      'cit', 'update', 'up', 'upgrade', 'publish', 'unpublish', 'exec', 'x', 'init', 'create', 'view', 'info',
      'show', 'v', 'search', 's', 'audit', 'outdated', 'ping', 'login', 'adduser', 'whoami', 'dist-tag', 'deprecate'],
  }, // prettier-ignore
  yarn: { network: ['add', 'install', 'upgrade', 'up', 'dlx', 'publish', 'info', 'npm', 'create', 'outdated', 'audit'], bare: true },
  pnpm: { network: ['install', 'i', 'add', 'update', 'up', 'upgrade', 'dlx', 'publish', 'fetch', 'outdated', 'audit', 'create'] },
  bun: { network: ['install', 'i', 'add', 'update', 'x', 'create', 'publish', 'upgrade'] },
  pip: { network: ['install', 'download', 'wheel', 'search', 'index'] },
  pipx: { network: ['install', 'run', 'upgrade', 'upgrade-all', 'inject', 'reinstall-all'] },
  pipenv: { network: ['install', 'sync', 'update', 'lock', 'upgrade'] },
  poetry: { network: ['install', 'add', 'update', 'lock', 'publish', 'new', 'search', 'self'] },
  uv: { network: ['install', 'add', 'sync', 'lock', 'run', 'tool', 'compile', 'download', 'venv', 'self', 'python'] },
  conda: { network: ['install', 'create', 'update', 'upgrade', 'search', 'env'] },
  cargo: { network: ['install', 'fetch', 'update', 'publish', 'add', 'search', 'login', 'generate-lockfile', 'vendor'] },
  go: { network: ['get', 'install', 'download', 'tidy'] },
  gem: { network: ['install', 'update', 'fetch', 'push', 'sources', 'search'] },
  bundle: { network: ['install', 'update', 'add', 'outdated', 'lock'], bare: true },
  composer: { network: ['install', 'require', 'update', 'create-project', 'outdated', 'self-update', 'global'] },
  mvn: { network: [] },
  gradle: { network: [] },
  gradlew: { network: [] },
}; // prettier-ignore

/** `uv pip install`, `go mod download`: the verb that matters is one level down. */
const GROUPING_VERBS = new Set(['pip', 'tool', 'mod', 'self', 'env']);

const packageManager: Rule = ({ name, args }) => {
  const spec = PACKAGE_MANAGERS[name];
  const ops = operands(args, ['-C', '--prefix', '--cwd', '--dir', '--manifest-path']);
  const verbs = GROUPING_VERBS.has(ops[0] ?? '') ? ops.slice(0, 2) : ops.slice(0, 1);
  const verb = verbs.join(' ');
  if ((verbs.length === 0 && spec.bare) || verbs.some((v) => spec.network.includes(v))) {
    return [high(`network: ${name} ${verb}`.trim())];
  }
  return [medium(`package manager: ${name} ${verb}`.trim())];
};

const SYSTEM_PACKAGE_MANAGERS = ['apt', 'apt-get', 'aptitude', 'yum', 'dnf', 'zypper', 'pacman', 'apk', 'brew', 'snap',
  'flatpak', 'port', 'nix-env', 'emerge', 'dpkg', 'rpm']; // prettier-ignore
const READ_ONLY_VERBS = new Set(['list', 'search', 'show', 'policy', 'info', '-l', '-L', '-s', '-q', '-Q', '--version', 'query']);

/** System package managers install as root from the network, or change the system: both high. */
const systemPackageManager: Rule = ({ name, args }) => {
  const verb = args.find((a) => !/^--?(y|yes|q|quiet|assume-yes)$/.test(a)) ?? '';
  if (READ_ONLY_VERBS.has(verb)) return [medium(`package manager: ${name} ${verb}`)];
  return [high(`network: ${name} ${verb}`.trim()), high(`privilege: system package manager ${name}`)];
};

const NETWORK_GIT_VERBS = new Set(['clone', 'fetch', 'pull', 'push', 'ls-remote', 'submodule', 'archive']);

const git: Rule = (ctx) => {
  const { args } = ctx;
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += ['-C', '-c', '--git-dir', '--work-tree'].includes(args[i]) ? 2 : 1;
  const verb = args[i] ?? '';
  const rest = args.slice(i + 1);
  const out: Finding[] = [];
  if (NETWORK_GIT_VERBS.has(verb) || (verb === 'remote' && ['update', 'show', 'prune'].includes(rest[0]))) {
    if (verb !== 'archive' || rest.some((a) => a.startsWith('--remote'))) out.push(high(`network: git ${verb}`));
  }
  const forced = hasFlag(rest, 'f', '--force') || rest.some((a) => a.startsWith('--force-with-lease') || a.startsWith('+'));
  if (verb === 'push' && forced) out.push(high('destructive: git push --force'));
  if (verb === 'reset' && rest.includes('--hard')) out.push(medium('destructive: git reset --hard'));
  if (verb === 'clean' && hasFlag(rest, 'f', '--force')) out.push(medium('delete: git clean'));
  return out;
};

/** `rsync host:path …` or `rsync://` is a transfer; a local rsync is a copy. */
const rsync: Rule = (ctx) => {
  const remote = operands(ctx.args, ['-e', '--rsh']).some((a) => /^[^/]*:/.test(a) || a.startsWith('rsync://'));
  return remote ? [high('network: rsync')] : copyLike(ctx);
};

export const networkRules: Record<string, Rule> = {
  ...Object.fromEntries(NETWORK_TOOLS.map((n) => [n, ({ name }: { name: string }) => [high(`network: ${name}`)]])),
  ...Object.fromEntries(Object.keys(PACKAGE_MANAGERS).map((n) => [n, packageManager])),
  ...Object.fromEntries(SYSTEM_PACKAGE_MANAGERS.map((n) => [n, systemPackageManager])),
  git,
  rsync,
};
