/**
 * The real stack the dashboard's end-to-end tests drive: the API from startApi on a free port serving
 * web/dist, real workers on the Temporal dev server, the real store and the offline planner, and Debian's
 * Chromium through playwright-core. A missing build or browser is a failure with the command that fixes
 * it, never a skip: `npm test` builds the app and installs chromium (scripts/ensure-tools.sh test).
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApi, type RunningApi } from '../../../api/main';
import { startPlatform, type Platform } from '../../support/platform';

const ROOT = path.join(__dirname, '..', '..', '..');
const UI_INDEX = path.join(ROOT, 'web', 'dist', 'browser', 'index.html');
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface DashboardStack {
  platform: Platform;
  api: RunningApi;
  browser: Browser;
  page: Page;
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Follows a link of the main navigation by its name. On a narrow screen the navigation is folded behind
 * the Menu button, so that is opened first, as a person on a phone would.
 */
export async function navigate(page: Page, name: string): Promise<void> {
  const menu = page.locator('.menu-button');
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page.locator('#main-nav').getByRole('link', { name, exact: true }).click();
}

/** True when nothing makes the page scroll sideways. */
export const noSidewaysScroll = (page: Page): Promise<boolean> => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');

export async function startDashboardStack(): Promise<DashboardStack> {
  if (!fs.existsSync(UI_INDEX)) {
    throw new Error(`The dashboard is not built (${UI_INDEX} is missing). Build it with: npm ci --prefix web && npm run build --prefix web`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium: apt-get install -y chromium`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const platform = await startPlatform({ env: { ANANTA_ADMIN_PASSWORD: ADMIN_PASSWORD, PORT: '0', HOST: '127.0.0.1' } });
  await platform.startWorkers();
  const api = await startApi(platform.config, pino({ level: 'silent' }), { db: platform.database.db, temporal: platform.client });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    platform, api, browser, page,
    shot: (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true }),
    close: async () => {
      await browser.close();
      await api.close();
      await platform.close();
    },
  };
}
