/**
 * Collects a command's merged stdout and stderr up to a byte cap.
 *
 * Agents cannot read megabytes of output, and the result travels through workflow history, so
 * everything past the cap is dropped — but counted, so the marker tells how much was lost. Kept
 * chunks are also streamed as text to a listener for live logs, tagged with the stream they came from
 * (the log shows stderr apart); a UTF-8 decoder per stream keeps multi-byte characters intact across
 * chunk boundaries. Where stderr lies in the merged text is kept as ranges, so a caller can show the
 * two streams apart without a second copy of the output (see core/output-streams.ts).
 */
import { StringDecoder } from 'node:string_decoder';
import { MAX_STDERR_RANGES, type TextRange } from '../../core/output-streams';

export type OutputStream = 'stdout' | 'stderr';

export interface CappedOutput {
  push(chunk: Buffer, stream?: OutputStream): void;
  readonly truncated: boolean;
  /** The kept output, ending with `[output truncated: N bytes omitted]` when bytes were dropped. */
  text(): string;
  /**
   * Where stderr lies in `text()`, as [start, end) string offsets; undefined when the streams switched
   * more than MAX_STDERR_RANGES times (the output is then only available merged).
   */
  stderrRanges(): TextRange[] | undefined;
}

export function createCappedOutput(capBytes: number, onText?: (text: string, stream: OutputStream) => void): CappedOutput {
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  let body = '';
  let ranges: TextRange[] | undefined = [];
  let keptBytes = 0;
  let omitted = 0;
  let flushed = false;

  /** Appends decoded text of one stream, extending the last stderr range when stderr continues. */
  const append = (text: string, stream: OutputStream) => {
    if (!text) return;
    if (stream === 'stderr' && ranges) {
      const last = ranges.at(-1);
      if (last && last[1] === body.length) last[1] += text.length;
      else if (ranges.length < MAX_STDERR_RANGES) ranges.push([body.length, body.length + text.length]);
      else ranges = undefined;
    }
    body += text;
  };
  const emit = (text: string, stream: OutputStream) => {
    append(text, stream);
    if (!text || !onText) return;
    try {
      onText(text, stream);
    } catch {
      // A failing live-log listener must not break the command; the final output is still returned.
    }
  };
  /** A character cut at the cap or at the end is completed with U+FFFD, once. */
  const flush = () => {
    if (flushed) return;
    flushed = true;
    append(decoders.stdout.end(), 'stdout');
    append(decoders.stderr.end(), 'stderr');
  };

  return {
    push(chunk, stream = 'stdout') {
      const room = Math.max(0, capBytes - keptBytes);
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      omitted += chunk.length - part.length;
      if (part.length === 0 || flushed) return;
      keptBytes += part.length;
      emit(decoders[stream].write(part), stream);
    },
    get truncated() {
      return omitted > 0;
    },
    text() {
      flush();
      return omitted > 0 ? `${body}\n[output truncated: ${omitted} bytes omitted]\n` : body;
    },
    stderrRanges() {
      flush();
      return ranges?.map(([start, end]) => [start, end]);
    },
  };
}
