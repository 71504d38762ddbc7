/**
 * A small server-sent-events reader for `ananta logs --follow`: parses the stream as it arrives and
 * reconnects with Last-Event-ID when the connection drops, so no event is shown twice or lost.
 */
import type { ApiClient } from './api-client';
import { ApiProblem } from './api-client';

export interface SseMessage {
  id?: string;
  event: string;
  data: unknown;
}

async function* parse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const msg: SseMessage = { event: 'message', data: undefined };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) msg.id = line.slice(4);
        else if (line.startsWith('event: ')) msg.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          msg.data = JSON.parse(line.slice(6));
          hasData = true;
        }
      }
      if (hasData) yield msg;
    }
  }
}

/** Yields events until the server sends `end` (then stops) or reconnecting fails `maxRetries` times. */
export async function* streamEvents(api: ApiClient, path: string, signal?: AbortSignal, maxRetries = 5): AsyncGenerator<SseMessage> {
  let lastId: string | undefined;
  for (let failures = 0; failures <= maxRetries && !signal?.aborted; ) {
    const res = await api.fetch(path, { signal, headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) } });
    if (!res.ok || !res.body) {
      const text = await res.text();
      let problem;
      try {
        problem = JSON.parse(text);
      } catch {
        problem = { title: res.statusText, status: res.status, code: `http_${res.status}`, detail: text };
      }
      throw new ApiProblem(problem);
    }
    try {
      for await (const msg of parse(res.body)) {
        failures = 0;
        if (msg.event === 'end') {
          yield msg;
          return;
        }
        if (msg.id) lastId = msg.id;
        yield msg;
      }
    } catch {
      if (signal?.aborted) return;
      // connection dropped: reconnect below
    }
    failures++;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!signal?.aborted) throw new Error('the log stream kept disconnecting; giving up');
}
