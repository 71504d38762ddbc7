/**
 * The dashboard's static serving: a temp build folder stands in for web/dist/browser, so these tests
 * do not depend on an Angular build. The last block checks, on the real app, that the UI paths are
 * public while the API stays behind its login.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { errorMiddleware, notFoundMiddleware } from '../errors/error-middleware';
import { json, startTestApi, type TestApi } from '../test-support/test-api';
import { uiRoutes } from './ui.routes';

const INDEX = '<!doctype html><html><head><base href="/ui/"></head><body><app-root></app-root></body></html>';

async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express().use(uiRoutes(dir)).use(notFoundMiddleware()).use(errorMiddleware());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('with a build', () => {
  let dir: string;
  let ui: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ananta-ui-'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dir, 'main-ABC123.js'), 'console.log("app");');
    fs.writeFileSync(path.join(dir, 'styles-XYZ.css'), 'body{}');
    ui = await serve(dir);
  });
  afterAll(async () => {
    await ui?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('/ redirects to /ui/, and so does /ui', async () => {
    for (const [from, status] of [['/', 302], ['/ui', 301]] as const) {
      const res = await fetch(ui.url + from, { redirect: 'manual' });
      expect(res.status).toBe(status);
      expect(res.headers.get('location')).toBe('/ui/');
    }
  });

  test('/ui/ serves index.html, never cached', async () => {
    const res = await fetch(`${ui.url}/ui/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  test.each(['/ui/goals', '/ui/goals/g-1234', '/ui/approvals?x=1', '/ui/login'])('the deep link %s gets index.html', async (link) => {
    const res = await fetch(ui.url + link);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
  });

  test('assets are served as files with a long cache', async () => {
    const js = await fetch(`${ui.url}/ui/main-ABC123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(await js.text()).toBe('console.log("app");');
    const css = await fetch(`${ui.url}/ui/styles-XYZ.css`);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });

  test('a missing asset is a 404 problem, not index.html', async () => {
    const res = await fetch(`${ui.url}/ui/chunk-GONE.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await json(res)).toMatchObject({ code: 'not_found' });
  });

  test('a path outside the build folder is not served', async () => {
    const res = await fetch(`${ui.url}/ui/..%2f..%2fetc%2fpasswd`);
    expect(res.status).not.toBe(500);
    expect(await res.text()).not.toMatch(/root:/);
  });
});

test('without a build, /ui/ answers 503 ui_not_built with the build command', async () => {
  const ui = await serve(path.join(os.tmpdir(), 'ananta-ui-missing-build'));
  try {
    for (const link of ['/ui/', '/ui/goals/g-1', '/ui/main.js']) {
      const res = await fetch(ui.url + link);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = await json(res);
      expect(body).toMatchObject({ code: 'ui_not_built', status: 503, buildCommand: expect.stringContaining('npm run build --prefix web') });
      expect(body.detail).toContain('npm run build --prefix web');
    }
  } finally {
    await ui.close();
  }
});

describe('mounted in the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  test('/ and /ui/ are public (built or not), while the API still wants a token', async () => {
    const redirect = await fetch(`${api.url}/`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/ui/');
    const page = await api.request('GET', '/ui/goals/g-1', { token: null });
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('x-request-id')).toBeTruthy();
    expect((await api.request('GET', '/goals', { token: null })).status).toBe(401);
  });
});
