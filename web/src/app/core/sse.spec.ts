import { describe, expect, it } from 'vitest';
import { readEventStream, SseHttpError, SseParser, type SseMessage } from './sse';

describe('SseParser', () => {
  it('assembles events split across chunks at any byte', () => {
    const text = ': log of task t1\n\nid: 1\nevent: status\ndata: {"seq":1}\n\nid: 2\nevent: output\ndata: {"seq":2}\n\n';
    const parser = new SseParser();
    const events: SseMessage[] = [];
    for (const ch of text) events.push(...parser.push(ch));
    expect(events).toEqual([
      { event: 'status', data: '{"seq":1}', id: '1' },
      { event: 'output', data: '{"seq":2}', id: '2' },
    ]);
  });

  it('joins multi-line data, accepts CRLF, ignores comments and defaults the event name', () => {
    const parser = new SseParser();
    expect(parser.push(':heartbeat\r\n\r\ndata: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });

  it('keeps an incomplete event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: end\ndata: {}')).toEqual([]);
    expect(parser.push('\n\n')).toEqual([{ event: 'end', data: '{}', id: undefined }]);
  });
});

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe('readEventStream', () => {
  it('sends the token and Last-Event-ID as headers and delivers every event until the stream ends', async () => {
    let seen: RequestInit | undefined;
    const fetchFn = (async (_url: string, init?: RequestInit) => {
      seen = init;
      return new Response(streamOf('id: 5\nevent: verdict\ndata: {"ok":', 'true}\n\nevent: end\ndata: {"status":"completed"}\n\n'), {
        headers: { 'content-type': 'text/event-stream' },
      });
    }) as typeof fetch;
    const events: SseMessage[] = [];
    await readEventStream('/tasks/t1/stream-logs', { token: 'jwt', lastEventId: '4', signal: new AbortController().signal, fetchFn }, (m) => events.push(m));
    expect(seen?.headers).toMatchObject({ Authorization: 'Bearer jwt', 'Last-Event-ID': '4', Accept: 'text/event-stream' });
    expect(events.map((e) => e.event)).toEqual(['verdict', 'end']);
    expect(JSON.parse(events[0]!.data)).toEqual({ ok: true });
  });

  it('turns an error answer into SseHttpError carrying the problem', async () => {
    const fetchFn = (async () =>
      new Response(JSON.stringify({ title: 'Not found', detail: 'Task x not found', code: 'not_found' }), { status: 404 })) as typeof fetch;
    const failure = readEventStream('/tasks/x/stream-logs', { token: null, signal: new AbortController().signal, fetchFn }, () => {});
    await expect(failure).rejects.toBeInstanceOf(SseHttpError);
    await expect(failure).rejects.toMatchObject({ status: 404, problem: { code: 'not_found' } });
  });
});
