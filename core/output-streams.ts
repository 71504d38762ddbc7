/**
 * A command's output travels merged (stdout and stderr interleaved as they came, which is what an
 * agent reads) with the stretches that came from stderr marked as ranges, so the two streams can be
 * shown apart without carrying the output twice through workflow history.
 */

/** [start, end) string offsets into the merged output. */
export type TextRange = [number, number];

/** Beyond this many switches to stderr, ranges are dropped (they would outweigh the output itself). */
export const MAX_STDERR_RANGES = 1000;

/** Shifts ranges by text put in front of the output; `prefixIsStderr` marks that text as stderr too. */
export function prefixRanges(ranges: TextRange[] | undefined, prefixLength: number, prefixIsStderr: boolean): TextRange[] | undefined {
  if (!ranges) return undefined;
  const shifted = ranges.map(([start, end]): TextRange => [start + prefixLength, end + prefixLength]);
  if (!prefixIsStderr || prefixLength === 0) return shifted;
  if (shifted[0]?.[0] === prefixLength) shifted[0] = [0, shifted[0][1]];
  else shifted.unshift([0, prefixLength]);
  return shifted;
}

/** Marks text appended to the output (a platform notice) as stderr. */
export function appendStderrRange(ranges: TextRange[] | undefined, outputLength: number, appendedLength: number): TextRange[] | undefined {
  if (!ranges || appendedLength === 0) return ranges;
  const last = ranges.at(-1);
  if (last && last[1] === outputLength) return [...ranges.slice(0, -1), [last[0], outputLength + appendedLength]];
  return [...ranges, [outputLength, outputLength + appendedLength]];
}

/**
 * The output from offset `from` on (what was not shown yet), in order, cut where it switches stream;
 * without ranges, one stdout part.
 */
export function streamParts(output: string, ranges: TextRange[] | undefined, from = 0): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const parts: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  let at = from;
  for (const [rangeStart, end] of ranges ?? []) {
    const start = Math.max(rangeStart, at);
    if (start > at) parts.push({ stream: 'stdout', text: output.slice(at, start) });
    if (end > start) parts.push({ stream: 'stderr', text: output.slice(start, end) });
    at = Math.max(at, end);
  }
  if (at < output.length) parts.push({ stream: 'stdout', text: output.slice(at) });
  return parts;
}

/**
 * Splits merged output into its streams. Without ranges (older results, or too many switches) all of
 * it is reported as stdout, as it came.
 */
export function splitStreams(output: string, ranges: TextRange[] | undefined): { stdout: string; stderr: string; split: boolean } {
  if (!ranges) return { stdout: output, stderr: '', split: false };
  const parts = streamParts(output, ranges);
  const of = (stream: 'stdout' | 'stderr') => parts.filter((p) => p.stream === stream).map((p) => p.text).join('');
  return { stdout: of('stdout'), stderr: of('stderr'), split: true };
}
