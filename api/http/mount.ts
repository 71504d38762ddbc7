/**
 * Mounts declarative routes on an Express router: role guard → validation → handler → response. The
 * handler's result is parsed through the route's response schema, which strips every field the
 * allow-list does not name. Rejected promises reach the error middleware on their own (Express 5).
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { ApiContext, RequestContext } from '../context';
import { requireRole, WRITE_ROLES } from '../auth/principal';
import { validateRequest } from '../middleware/validate';
import { isWrite, type AnyRoute, type SseEvent } from './route';

function requestContext(app: ApiContext, req: Request, res: Response): RequestContext {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  return {
    app,
    principal: req.principal,
    requestId: res.locals.requestId as string,
    log: res.locals.log ?? app.logger,
    signal: controller.signal,
  };
}

export function formatSse(ev: SseEvent): string {
  if (ev.comment !== undefined) return `: ${ev.comment}\n\n`;
  let out = '';
  if (ev.id !== undefined) out += `id: ${ev.id}\n`;
  if (ev.event) out += `event: ${ev.event}\n`;
  out += `data: ${JSON.stringify(ev.data ?? null)}\n\n`;
  return out;
}

async function writeSse(res: Response, events: AsyncIterable<SseEvent>, signal: AbortSignal): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  for await (const ev of events) {
    if (signal.aborted) break;
    res.write(formatSse(ev));
  }
  res.end();
}

export function mountRoutes(router: Router, routes: readonly AnyRoute[], app: ApiContext): void {
  for (const route of routes) {
    const guards: RequestHandler[] = [];
    if (route.roles) guards.push(requireRole(...route.roles));
    else if (!route.public && isWrite(route.method)) guards.push(requireRole(...WRITE_ROLES));

    const label: RequestHandler = (_req, res, next) => {
      res.locals.routePath = route.path;
      next();
    };
    router[route.method](route.path, label, ...guards, validateRequest(route), async (req: Request, res: Response) => {
      const ctx = requestContext(app, req, res);
      const input = res.locals.input;
      switch (route.kind) {
        case 'json': {
          const result = await route.handler(input, ctx);
          res.status(route.status ?? 200).json(route.response.parse(result));
          return;
        }
        case 'text':
          res.status(200).type(route.contentType).send(await route.handler(input, ctx));
          return;
        case 'sse':
          await writeSse(res, await route.handler(input, ctx), ctx.signal);
          return;
      }
    });
  }
}
