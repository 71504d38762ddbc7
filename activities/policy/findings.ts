/**
 * The vocabulary the command rules speak: a finding is one risk with a short human reason
 * ("network: curl"), and a rule turns one parsed simple command into findings. Rules never see the
 * raw string; they get a normalised command name and its arguments, plus a way to analyse nested
 * commands (bash -c, eval, find -exec) so every rule applies at every depth.
 */
import type { ClassifyCommandResult, RiskLevel } from '../../core/types';

export interface Finding {
  risk: RiskLevel;
  reason: string;
}

export interface RuleContext {
  /** Basename of the program (`/bin/rm` → `rm`). */
  name: string;
  args: string[];
  /** Stdin carries data (`… | sh`, `sh <<EOF`); it matters for shells and interpreters. */
  stdinFed: boolean;
  /** Here-documents and here-strings of the command line: the code a shell reading stdin would run. */
  stdinScripts: string[];
  workspaceDir?: string;
  /** Analyse a nested shell string, one level deeper. */
  nested(command: string): Finding[];
  /** Analyse a nested argv (find -exec, xargs, sudo …), one level deeper. */
  nestedArgv(argv: string[]): Finding[];
}

export type Rule = (ctx: RuleContext) => Finding[];

export const high = (reason: string): Finding => ({ risk: 'high', reason });
export const medium = (reason: string): Finding => ({ risk: 'medium', reason });

const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

/** Highest risk wins; reasons keep their first-seen order without duplicates. */
export function summarise(findings: Finding[]): ClassifyCommandResult {
  let risk: RiskLevel = 'low';
  for (const f of findings) if (rank[f.risk] > rank[risk]) risk = f.risk;
  return { risk, reasons: [...new Set(findings.map((f) => f.reason))] };
}

/**
 * The non-option arguments, honouring `--`. `withValue` lists options that consume the next word
 * (e.g. `-t DIR`), so that word is not mistaken for an operand.
 */
export function operands(args: string[], withValue: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return out.concat(args.slice(i + 1));
    if (a.startsWith('-') && a.length > 1) {
      if (withValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** True when a short-option cluster or long option is present (`hasFlag(args, 'r', '--recursive')`). */
export function hasFlag(args: string[], short: string, long?: string): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (long && (a === long || a.startsWith(`${long}=`))) return true;
    if (/^-[A-Za-z0-9]+$/.test(a) && short.split('').some((c) => a.includes(c))) return true;
  }
  return false;
}
