/**
 * The HTTP half of the vendor fakes: a server on 127.0.0.1 (a free port) that replays scripted
 * replies per route, records every request it receives (headers and JSON body), and answers 500 to
 * a request nobody scripted, listing it in `unscripted`, so `verify()` can fail the test: a test
 * never passes on an answer nobody wrote. Each vendor fake (openai-, anthropic-, ollama-server.ts)
 * adds its wire format on top, and may check a request as its vendor would (a schema the vendor
 * refuses gets the vendor's 400), so a request the real server would reject fails here too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  // Parsed JSON (or the raw text when it is not JSON): tests read vendor-specific fields from it.
  body: any;
  /** On the fake server's clock, for tests that measure waits between requests. */
  receivedAt: number;
}

/**
 * One scripted vendor reply, in vendor-neutral terms: an answer (text, or an object sent as its JSON)
 * with the token counts the vendor reports, an HTTP failure with the vendor's error body, or silence.
 */
export type VendorStep =
  /** `asText`: answer in prose even when the request forced a tool (Anthropic), as a model may. */
  | { answer: string | object; inputTokens?: number; outputTokens?: number; model?: string; asText?: boolean }
  | { fail: number; message?: string; headers?: Record<string, string> }
  | { hang: true };

/** How a vendor fake renders a step on the wire. */
export interface WireFormat {
  /** `request` is what was asked, for vendors whose answer's form depends on it (a forced tool call). */
  answer(step: { text: string; inputTokens: number; outputTokens: number; model: string; asText: boolean; request: RecordedRequest }): unknown;
  error(status: number, message: string): unknown;
  /** Why the vendor would refuse this request with a 400, or undefined when it would take it. */
  check?(request: RecordedRequest): string | undefined;
}

/** A step, or a function of the request that picks one (for answers that depend on what was asked). */
export type ScriptedStep = VendorStep | ((request: RecordedRequest) => VendorStep);

/** A scripted reply that renders the step in the vendor's wire format when its request arrives. */
export const stepReply = (step: ScriptedStep, format: WireFormat): ScriptedReply => (request) =>
  renderStep(typeof step === 'function' ? step(request) : step, format, request);

export function renderStep(step: VendorStep, format: WireFormat, request: RecordedRequest): Reply {
  if ('hang' in step) return step;
  const refused = format.check?.(request);
  if (refused) return { status: 400, json: format.error(400, refused) };
  if ('fail' in step) return { status: step.fail, headers: step.headers, json: format.error(step.fail, step.message ?? `scripted failure ${step.fail}`) };
  const text = typeof step.answer === 'string' ? step.answer : JSON.stringify(step.answer);
  const model = step.model ?? (typeof request.body?.model === 'string' ? request.body.model : 'fake-model');
  return { json: format.answer({ text, inputTokens: step.inputTokens ?? 11, outputTokens: step.outputTokens ?? 7, model, asText: step.asText ?? false, request }) };
}

export type Reply = { status?: number; headers?: Record<string, string>; json?: unknown } | { hang: true };
export type ScriptedReply = Reply | ((request: RecordedRequest) => Reply);

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** `METHOD /path #n` of each request that found no scripted reply. */
  readonly unscripted: string[];
  /** Queues replies for a route, e.g. `POST /v1/chat/completions`. */
  enqueue(route: string, ...replies: ScriptedReply[]): void;
  /** Throws when a request went unscripted or a scripted reply was never used. */
  verify(): void;
  /** Drops scripted replies and the record, between tests. */
  reset(): void;
  close(): Promise<void>;
}

export async function startLoopbackServer(label: string): Promise<LoopbackServer> {
  const queues = new Map<string, ScriptedReply[]>();
  const requests: RecordedRequest[] = [];
  const unscripted: string[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, receivedAt: Date.now() };
      requests.push(recorded);
      const route = `${recorded.method} ${path}`;
      const next = queues.get(route)?.shift();
      if (!next) {
        unscripted.push(`${route} #${requests.length}`);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `${label}: nothing scripted for ${route} (request #${requests.length})` } }));
        return;
      }
      const reply = typeof next === 'function' ? next(recorded) : next;
      if ('hang' in reply) return; // never answer: the client's timeout or cancellation must act
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    unscripted,
    enqueue(route, ...replies) {
      queues.set(route, [...(queues.get(route) ?? []), ...replies]);
    },
    verify() {
      const unused = [...queues].filter(([, q]) => q.length > 0).map(([route, q]) => `${q.length} × ${route}`);
      if (unscripted.length > 0 || unused.length > 0) {
        throw new Error(`${label}: unscripted requests [${unscripted.join(', ')}], unused replies [${unused.join(', ')}]`);
      }
    },
    reset() {
      queues.clear();
      requests.length = 0;
      unscripted.length = 0;
    },
    async close() {
      server.closeAllConnections(); // including requests left hanging on purpose
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
