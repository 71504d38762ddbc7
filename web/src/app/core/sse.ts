/**
 * Server-sent events over fetch. EventSource cannot send an Authorization header, so the stream is
 * read with fetch and parsed here (the WHATWG event-stream format: `event:`, `data:`, `id:` fields,
 * `:` comments, a blank line ends an event).
 */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser: feed it text chunks as they arrive; it returns the events they complete. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? ''; // an incomplete last line waits for the next chunk
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
      else if (field === 'id') this.id = value;
    }
    return out;
  }
}

/** A non-2xx answer to the stream request, carrying the API's problem body. */
export class SseHttpError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`stream request failed with HTTP ${status}`);
  }
}

export interface SseOptions {
  token: string | null;
  signal: AbortSignal;
  lastEventId?: string;
  fetchFn?: typeof fetch;
  /** Called for every chunk read, heartbeat comments included: the connection is alive. */
  onChunk?: () => void;
}

/** Reads `url` as an event stream, calling `onMessage` per event, until the server ends it or `signal` aborts. */
export async function readEventStream(url: string, opts: SseOptions, onMessage: (m: SseMessage) => void): Promise<void> {
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  if (opts.lastEventId) headers['Last-Event-ID'] = opts.lastEventId;
  const res = await (opts.fetchFn ?? fetch)(url, { headers, signal: opts.signal, cache: 'no-store' });
  if (!res.ok || !res.body) throw new SseHttpError(res.status, await res.json().catch(() => null));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      opts.onChunk?.();
      for (const message of parser.push(value)) onMessage(message);
    }
  } finally {
    reader.releaseLock();
  }
}
