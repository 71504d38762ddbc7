/**
 * Every response carries X-Request-Id: the caller's own (if it looks like an id) or a fresh UUID. The
 * id tags the request's log lines and 500 problems, so a user's report can be found in the log.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type pino from 'pino';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(logger: pino.Logger): RequestHandler {
  return (req, res, next) => {
    const sent = req.get('x-request-id');
    const id = sent && ACCEPTABLE.test(sent) ? sent : randomUUID();
    res.locals.requestId = id;
    res.locals.log = logger.child({ reqId: id });
    res.setHeader('X-Request-Id', id);
    next();
  };
}

/** One log line per finished request, pino-http style, at a level that follows the status. */
export function requestLogger(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const log = res.locals.log as pino.Logger;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { req: { method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: Math.round(ms) };
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      log[level](entry, 'request completed');
    });
    next();
  };
}
