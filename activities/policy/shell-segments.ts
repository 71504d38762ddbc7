/**
 * Turns scanned shell text into simple commands ("segments") using shell-quote's tokenizer.
 *
 * Every control operator (`;` `&&` `||` `|` `&` and subshell parentheses) ends a segment, so
 * `echo x; rm -rf /` is judged as two commands. Redirections are taken out of the argv: write
 * targets are kept (they decide "write outside the workspace"), read sources are dropped.
 *
 * Variables are read two ways, because the classifier cannot know their values:
 * - `keepVariables` keeps `$NAME` visible, so `rm -rf $HOME` shows a dynamic target;
 * - otherwise they expand to "" like unset variables in bash, so `r${x}m -rf /` reads `rm -rf /`.
 */
import { parse, type ParseEntry } from 'shell-quote';

export interface Segment {
  argv: string[];
  /** Redirections that open a file for writing, e.g. `{ op: '>>', target: 'log.txt' }`. */
  writes: { op: string; target: string }[];
  /** Stdin is a pipe, file or here-document rather than nothing: `… | sh` and `sh <<EOF` run it. */
  stdinFed: boolean;
  /** Words given as here-strings (`bash <<< "cmd"`). */
  hereStrings: string[];
}

const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const READ_OPS = new Set(['<', '<<', '<<<']);

export function splitSegments(text: string, keepVariables: boolean): Segment[] {
  const entries: ParseEntry[] = keepVariables ? parse(text, (key) => `$${key}`) : parse(text, {});
  const segments: Segment[] = [];
  let cur: Segment = { argv: [], writes: [], stdinFed: false, hereStrings: [] };
  const word = (e: ParseEntry | undefined): string | undefined =>
    typeof e === 'string' ? e : e && 'op' in e && e.op === 'glob' ? e.pattern : undefined;

  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (typeof e === 'object' && 'comment' in e) continue;
    const w = word(e);
    if (w !== undefined) {
      cur.argv.push(w);
      continue;
    }
    const op = (e as { op: string }).op;
    if (WRITE_OPS.has(op) || op === '>&') {
      const target = word(entries[i + 1]);
      if (target === undefined) continue;
      i++;
      // `2>&1` and `>&-` duplicate or close a descriptor; only `>& file` names a file.
      if (op === '>&' && /^(\d+|-)$/.test(target)) continue;
      cur.writes.push({ op, target });
      continue;
    }
    if (READ_OPS.has(op)) {
      cur.stdinFed = true;
      const source = word(entries[i + 1]);
      if (source === undefined) continue;
      i++;
      if (op === '<<<') cur.hereStrings.push(source);
      continue;
    }
    if (cur.argv.length || cur.writes.length) segments.push(cur);
    cur = { argv: [], writes: [], stdinFed: op === '|' || op === '|&', hereStrings: [] };
  }
  if (cur.argv.length || cur.writes.length) segments.push(cur);
  return segments;
}
