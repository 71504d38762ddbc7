/**
 * Collects a command's merged stdout and stderr up to a byte cap.
 *
 * Agents cannot read megabytes of output, and the result travels through workflow history, so
 * everything past the cap is dropped — but counted, so the marker tells how much was lost. Kept
 * chunks are also streamed as text to a listener for live logs, tagged with the stream they came from
 * (the log shows stderr apart); a UTF-8 decoder per stream keeps multi-byte characters intact across
 * chunk boundaries.
 */
import { StringDecoder } from 'node:string_decoder';

export type OutputStream = 'stdout' | 'stderr';

export interface CappedOutput {
  push(chunk: Buffer, stream?: OutputStream): void;
  readonly truncated: boolean;
  /** The kept output, ending with `[output truncated: N bytes omitted]` when bytes were dropped. */
  text(): string;
}

export function createCappedOutput(capBytes: number, onText?: (text: string, stream: OutputStream) => void): CappedOutput {
  const kept: Buffer[] = [];
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  let keptBytes = 0;
  let omitted = 0;

  const emit = (text: string, stream: OutputStream) => {
    if (!text || !onText) return;
    try {
      onText(text, stream);
    } catch {
      // A failing live-log listener must not break the command; the final output is still returned.
    }
  };

  return {
    push(chunk, stream = 'stdout') {
      const room = Math.max(0, capBytes - keptBytes);
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      omitted += chunk.length - part.length;
      if (part.length === 0) return;
      kept.push(part);
      keptBytes += part.length;
      emit(decoders[stream].write(part), stream);
    },
    get truncated() {
      return omitted > 0;
    },
    text() {
      const body = Buffer.concat(kept).toString('utf8');
      return omitted > 0 ? `${body}\n[output truncated: ${omitted} bytes omitted]\n` : body;
    },
  };
}
