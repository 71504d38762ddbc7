/**
 * classifyCommand: how risky is a shell command an agent proposed? Pure and synchronous, so the
 * workflow's approval policy can rely on it and tests can pin it down.
 *
 * The command is parsed, not pattern-matched: a pre-pass cuts out substitutions and here-documents
 * (shell-scan), shell-quote splits it into simple commands (shell-segments), and each is judged by
 * its program's rule after looking through wrappers. Nested code (`bash -c`, `eval`, `$(…)`,
 * `find -exec`) goes through the same analysis, one level deeper. Risk is the highest finding.
 *
 * This is advice for the human reviewer, not the security boundary: the bubblewrap sandbox is.
 * So when in doubt it errs towards a higher level, and code it cannot see (a script file the agent
 * wrote a step earlier) is judged only by how it is invoked.
 */
import path from 'node:path';
import type { ClassifyCommandResult } from '../../core/types';
import { execRules } from './exec-rules';
import { filesystemRules } from './filesystem-rules';
import { high, medium, summarise, type Finding, type Rule } from './findings';
import { networkRules } from './network-rules';
import { writeFindings } from './path-scope';
import { scanShell, SUBSTITUTION } from './shell-scan';
import { splitSegments, type Segment } from './shell-segments';

export interface ClassifyOptions {
  /** Absolute workspace path; without it, relative paths count as inside and absolute ones outside. */
  workspaceDir?: string;
}

const RULES: Record<string, Rule> = { ...filesystemRules, ...networkRules, ...execRules };

/** Deeper nesting than any honest command needs is itself a warning sign. */
const MAX_DEPTH = 6;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const PREFIX_KEYWORDS = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'esac']);
const HEADER_KEYWORDS = new Set(['for', 'select', 'case', 'function', 'in']);
const FORK_BOMB = /([\w:.-]+)\s*\(\s*\)\s*\{([^}]*)\}/g;

export function classifyCommand(command: string, opts: ClassifyOptions = {}): ClassifyCommandResult {
  return summarise(analyse(command, opts.workspaceDir, 0));
}

function analyse(command: string, ws: string | undefined, depth: number): Finding[] {
  if (depth > MAX_DEPTH) return [high('cannot analyse: commands nested too deeply')];
  const findings = rawFindings(command);
  try {
    const scanned = scanShell(command);
    for (const sub of scanned.substitutions) findings.push(...analyse(sub, ws, depth + 1));
    // Unknown variable values are read both as visible `$NAME` and as bash's empty expansion.
    const readings = scanned.text.includes('$') ? [true, false] : [true];
    for (const keepVariables of readings) {
      for (const seg of splitSegments(scanned.text, keepVariables)) {
        findings.push(...analyseSegment(seg, scanned.heredocs, ws, depth));
      }
    }
  } catch (err) {
    findings.push(high(`cannot analyse: ${(err as Error).message}`));
  }
  return findings;
}

/** What shows even without parsing: bash's /dev/tcp sockets and self-replicating functions. */
function rawFindings(command: string): Finding[] {
  const out: Finding[] = [];
  if (/\/dev\/(tcp|udp)\//.test(command)) out.push(high('network: /dev/tcp socket'));
  for (const [, name, body] of command.matchAll(FORK_BOMB)) {
    const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`${n}\\s*\\|\\s*${n}|${n}\\s*&`).test(body)) out.push(high('destructive: fork bomb'));
  }
  return out;
}

function analyseSegment(seg: Segment, heredocs: string[], ws: string | undefined, depth: number): Finding[] {
  const stdinScripts = [...heredocs, ...seg.hereStrings];
  const writes = seg.writes.flatMap((w) => writeFindings(w.op, [w.target], ws));
  return [...writes, ...analyseArgv(seg.argv, seg.stdinFed, stdinScripts, ws, depth)];
}

function analyseArgv(
  argv: string[],
  stdinFed: boolean,
  stdinScripts: string[],
  ws: string | undefined,
  depth: number,
): Finding[] {
  let i = 0;
  while (i < argv.length && (ASSIGNMENT.test(argv[i]) || PREFIX_KEYWORDS.has(argv[i]))) i++;
  const program = argv[i];
  if (program === undefined || HEADER_KEYWORDS.has(program)) return [];
  if (program.includes(SUBSTITUTION)) return [medium('dynamic: runs the output of a command substitution')];
  if (program.includes('$')) return [medium(`dynamic: command name from variable ${program}`)];
  const name = normaliseName(program);
  const rule = RULES[name];
  if (!rule) return [];
  return rule({
    name,
    args: argv.slice(i + 1),
    stdinFed,
    stdinScripts,
    workspaceDir: ws,
    nested: (command) => analyse(command, ws, depth + 1),
    nestedArgv: (inner) =>
      depth + 1 > MAX_DEPTH
        ? [high('cannot analyse: commands nested too deeply')]
        : analyseArgv(inner, false, [], ws, depth + 1),
  });
}

/** `/usr/bin/python3.12` → `python`, `mkfs.ext4` → `mkfs`: one rule per program family. */
function normaliseName(program: string): string {
  const base = path.posix.basename(program);
  const families: [RegExp, string][] = [
    [/^python[\d.]*$|^pypy[\d.]*$/, 'python'],
    [/^pip[\d.]*$/, 'pip'],
    [/^mkfs(\..+)?$/, 'mkfs'],
    [/^(node|nodejs)$/, 'node'],
    [/^(yarnpkg)$/, 'yarn'],
    [/^(bundler)$/, 'bundle'],
    [/^(mamba|micromamba)$/, 'conda'],
    [/^perl[\d.]*$/, 'perl'],
    [/^ruby[\d.]*$/, 'ruby'],
    [/^php[\d.]*$/, 'php'],
    [/^\.$/, 'source'],
  ];
  return families.find(([re]) => re.test(base))?.[1] ?? base;
}
