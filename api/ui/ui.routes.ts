/**
 * Serves the dashboard (the Angular build of `web/`) at `/ui/` and sends `/` there. These paths are
 * public: the app is only HTML and scripts, and it logs in through the API like any other client.
 * Deep links (`/ui/goals/g-1`) get index.html so the client-side router can take over; a missing
 * asset is a 404 instead, so a broken build shows up as a failed request rather than as HTML parsed
 * as a script. When the build is missing the answer is a 503 that says how to build it.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { NotFoundError, UnavailableError } from '../errors/domain-errors';

/** Where `npm run build --prefix web` writes the app (Angular's application builder adds `browser/`). */
export const DEFAULT_UI_DIR = path.join(__dirname, '..', '..', 'web', 'dist', 'browser');
export const UI_BUILD_COMMAND = 'npm ci --prefix web && npm run build --prefix web';

/** Last path segments that name a static asset, never a client-side route. */
const ASSET_PATH = /\.(?:m?js|css|map|ico|png|svg|jpe?g|gif|webp|woff2?|ttf|txt|json|webmanifest)$/i;

function indexFallback(dir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (ASSET_PATH.test(req.path)) return next(new NotFoundError(`Dashboard file ${req.path}`));
    // The shell must never be cached: it names the hashed bundles of the current build.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  };
}

export function uiRoutes(dir: string = DEFAULT_UI_DIR): Router {
  const router = express.Router({ strict: true });
  router.get('/', (_req, res) => res.redirect(302, '/ui/'));
  router.get('/ui', (_req, res) => res.redirect(301, '/ui/'));

  const ui = express.Router();
  ui.use((_req, _res, next) => {
    if (fs.existsSync(path.join(dir, 'index.html'))) return next();
    next(new UnavailableError('ui_not_built', `The dashboard is not built. Build it with: ${UI_BUILD_COMMAND}`, { buildCommand: UI_BUILD_COMMAND }));
  });
  // Angular names bundles by content hash, so everything but index.html may be cached for long.
  ui.use(express.static(dir, { index: false, maxAge: '1y', immutable: true, fallthrough: true }));
  ui.use(indexFallback(dir));
  router.use('/ui', ui);
  return router;
}
