/**
 * A pre-pass over the raw command for the shell features shell-quote does not model.
 *
 * - Command substitutions (`$(…)`, backticks, `<(…)`, `>(…)`) are cut out, even inside double
 *   quotes where bash still runs them, and replaced by a placeholder word; their bodies are returned
 *   so the classifier analyses them as commands of their own.
 * - Unquoted newlines become `;` (shell-quote would glue two lines into one command).
 * - Comments are dropped here, because once newlines are `;` a comment would swallow the next line.
 * - Here-document bodies are data, not commands, so they are skipped; substitutions inside an
 *   unquoted-delimiter body still run in bash, so those are kept.
 */

/** Stands for "the output of some command" wherever a substitution appeared. */
export const SUBSTITUTION = '__SUBSTITUTION__';

export interface ScannedShell {
  text: string;
  substitutions: string[];
  /** Here-document bodies: data, unless a shell or interpreter reads them as its script. */
  heredocs: string[];
}

export function scanShell(src: string): ScannedShell {
  const substitutions: string[] = [];
  const bodies: string[] = [];
  const heredocs: { delim: string; stripTabs: boolean; expands: boolean }[] = [];
  let out = '';
  let quote: '' | "'" | '"' = '';
  let i = 0;
  const cut = (bodyStart: number, end: number) => {
    substitutions.push(src.slice(bodyStart, end));
    out += SUBSTITUTION;
    i = end + 1;
  };
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (quote === "'") {
      out += c;
      if (c === "'") quote = '';
      i++;
    } else if (c === '\\') {
      if (next !== '\n') out += src.slice(i, i + 2); // backslash-newline is a line continuation
      i += 2;
    } else if (c === '$' && next === '(') {
      cut(i + 2, matchParen(src, i + 1));
    } else if (c === '`') {
      cut(i + 1, closingBacktick(src, i + 1));
    } else if (quote === '"') {
      out += c;
      if (c === '"') quote = '';
      i++;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
      i++;
    } else if ((c === '<' || c === '>') && next === '(') {
      cut(i + 2, matchParen(src, i + 1));
    } else if (c === '#' && (i === 0 || /[\s;&|()]/.test(src[i - 1]))) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '<' && next === '<' && src[i + 2] !== '<') {
      const m = /^<<(-?)\s*(\S+)/.exec(src.slice(i));
      if (!m) {
        out += c;
        i++;
        continue;
      }
      const raw = m[2].replace(/[;&|<>()].*$/, '');
      heredocs.push({ delim: raw.replace(/['"\\]/g, ''), stripTabs: m[1] === '-', expands: !/['"\\]/.test(raw) });
      out += `<< ${raw} `;
      i += m[0].length - (m[2].length - raw.length);
    } else if (c === '\n') {
      out += ' ; ';
      i++;
      for (const doc of heredocs.splice(0)) {
        const body = readHeredocBody(src, i, doc, substitutions);
        bodies.push(body.text);
        i = body.end;
      }
    } else {
      out += c;
      i++;
    }
  }
  return { text: out, substitutions, heredocs: bodies };
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text; src.length when unbalanced. */
function matchParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'") i = endOf(src, i, "'");
    else if (c === '"') i = endOf(src, i, '"');
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return src.length;
}

function endOf(src: string, start: number, q: string): number {
  for (let i = start + 1; i < src.length; i++) {
    if (q === '"' && src[i] === '\\') i++;
    else if (src[i] === q) return i;
  }
  return src.length;
}

function closingBacktick(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '`') return i;
  }
  return src.length;
}

/** Reads one here-document body starting at `i`, up to and past its delimiter line. */
function readHeredocBody(
  src: string,
  i: number,
  doc: { delim: string; stripTabs: boolean; expands: boolean },
  substitutions: string[],
): { text: string; end: number } {
  const lines: string[] = [];
  while (i < src.length) {
    const nl = src.indexOf('\n', i);
    const end = nl === -1 ? src.length : nl;
    const line = src.slice(i, end);
    i = end + 1;
    if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delim) break;
    lines.push(line);
    if (doc.expands) substitutions.push(...scanShell(`"${line.replace(/"/g, '')}"`).substitutions);
  }
  return { text: lines.join('\n'), end: i };
}
