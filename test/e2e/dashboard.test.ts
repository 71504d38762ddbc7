/**
 * The dashboard end to end: Debian's Chromium (driven by playwright-core) against the real stack — the
 * API from startApi on a free port serving web/dist, real workers on the Temporal dev server, the real
 * store and the offline planner. It logs in through the page, sees an API 4xx rendered, submits a goal
 * and watches its subtasks complete live (the events stream, the log over SSE). Screenshots of each page land
 * in test-results/screenshots/ so a person can look at them.
 * The stack itself is test/e2e/support/dashboard-stack.ts.
 */
import type { Page } from 'playwright-core';
import type { RunningApi } from '../../api/main';
import { ADMIN_PASSWORD as PASSWORD, startDashboardStack, type DashboardStack } from './support/dashboard-stack';

const GOAL = 'Create a hello.txt with a greeting and verify it';

let stack: DashboardStack;
let api: RunningApi;
let page: Page;
const shot = (name: string) => stack.shot(name);

beforeAll(async () => {
  stack = await startDashboardStack();
  ({ api, page } = stack);
}, 180_000);

afterAll(() => stack?.close());

test('log in, see an API error rendered, submit a goal and watch its subtasks complete live', async () => {
  // A deep link without a session goes to the login page, remembering where it was headed.
  await page.goto(`${api.url}/`);
  await page.waitForURL(/\/ui\/login\?returnUrl=%2Fhome/);
  await page.locator('#password').waitFor();
  await shot('01-login');

  await page.fill('#username', 'admin');
  await page.fill('#password', 'wrong-password');
  await page.click('button[type=submit]');
  await page.locator('[role=alert]').waitFor();
  expect(await page.locator('[role=alert]').innerText()).toMatch(/401/);

  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  // Home is the landing page; the goals list shows its empty state.
  await page.waitForURL(/\/ui\/home$/);
  await page.getByRole('link', { name: 'Goals', exact: true }).click();
  await page.getByText('No goals yet').waitFor();
  await shot('02-goals-empty');

  // An empty goal: the API's 422 problem — its detail and the field's message — is shown as it was sent.
  await page.getByRole('link', { name: 'New goal' }).first().click();
  await page.waitForURL(/\/ui\/goals\/new$/);
  const token = await page.evaluate<string | null>("sessionStorage.getItem('ananta.token')");
  const expected = (await (
    await fetch(`${api.url}/goals`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"goal":""}' })
  ).json()) as { detail: string; code: string; errors: Array<{ message: string }> };
  expect(expected.code).toBe('goal_required');
  await page.click('button[type=submit]');
  const alert = page.locator('[role=alert]');
  await alert.waitFor();
  const shown = await alert.innerText();
  expect(shown).toContain('422');
  expect(shown).toContain(expected.detail);
  expect(shown).toContain(expected.errors[0]!.message);
  expect(await page.locator('#goal').getAttribute('aria-invalid')).toBe('true');
  await shot('03-new-goal-validation');

  // A real goal: the page follows it while it runs.
  await page.fill('#goal', GOAL);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => /^\/ui\/goals\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
  const seen = new Set<string>();
  const deadline = Date.now() + 150_000;
  for (;;) {
    const statuses = await page.locator('[data-subtask-id] app-status-badge .badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
    const goalStatus = await page.locator('.page-head .badge').first().getAttribute('data-status').catch(() => null);
    statuses.forEach((s) => seen.add(`subtask:${s}`));
    if (goalStatus) seen.add(`goal:${goalStatus}`);
    if (statuses.length === 2 && statuses.every((s) => s === 'completed') && goalStatus === 'completed') break;
    if (goalStatus === 'failed' || goalStatus === 'cancelled' || Date.now() > deadline) {
      await shot('04-goal-unexpected');
      throw new Error(`the goal did not complete in the page; saw ${[...seen].join(', ')}; goal status ${goalStatus}`);
    }
    await page.waitForTimeout(200);
  }
  // The page showed the goal before it finished: the statuses changed in front of us, without a reload.
  expect([...seen].some((s) => s.startsWith('goal:') && s !== 'goal:completed')).toBe(true);

  // Each subtask's log streamed in: the verify step printed the file.
  const logs = page.locator('.log');
  await page.waitForFunction("[...document.querySelectorAll('.log')].some((el) => el.textContent.includes('Hello from Ananta!'))", null, { timeout: 20_000 })
    .catch(async (err: unknown) => {
      throw new Error(`the logs never showed the greeting: ${(await logs.allInnerTexts()).join('\n---\n').slice(0, 3000)} (${String(err)})`);
    });
  expect(await page.locator('.graph .node').count()).toBe(2);
  expect(await page.getByText('after s1').count()).toBeGreaterThan(0);
  expect(await page.getByRole('link', { name: /Temporal Web UI/ }).getAttribute('href')).toMatch(/^http/);
  await shot('05-goal-completed');

  // The list shows it, and the approvals page its empty state.
  await page.getByRole('link', { name: 'Goals', exact: true }).click();
  await page.locator('tr[data-goal-id] .badge[data-status=completed]').waitFor();
  await shot('06-goals');
  await page.getByRole('link', { name: 'Approvals' }).click();
  await page.getByText('Nothing waits for approval').waitFor();
  await shot('07-approvals-empty');

  // Phone width: nothing forces sideways scrolling of the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goBack();
  await page.locator('tr[data-goal-id]').first().waitFor();
  expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
  await shot('08-goals-phone');
}, 240_000);

test('a gated command waits on the Approvals page and runs once approved there', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${api.url}/ui/goals/new`);
  await page.locator('#goal, #password').first().waitFor();
  if (new URL(page.url()).pathname === '/ui/login') {
    // Run on its own (jest -t): log in first; the login page brings us back here.
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/ui\/goals\/new$/);
  }
  await page.fill('#goal', 'Clean up with `rm -rf scratch`');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => /^\/ui\/goals\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
  const goalPath = new URL(page.url()).pathname;
  // The goal page shows the subtask waiting, with the command inline.
  await page.locator('[data-subtask-id] .badge[data-status=waiting_approval]').waitFor({ timeout: 60_000 });
  await shot('09-goal-waiting-approval');
  // The navigation counts it from any page.
  await page.locator('.topbar .pill').waitFor({ timeout: 15_000 });
  expect(await page.locator('.topbar .pill').innerText()).toBe('1');

  await page.getByRole('link', { name: 'Approvals' }).click();
  const card = page.locator('app-approval-card').filter({ hasText: 'rm -rf scratch' });
  await card.locator('.command').waitFor().catch(async (err: unknown) => {
    await shot('10-approvals-unexpected');
    throw new Error(`no approval card for the command: ${(await page.locator('main').innerText()).slice(0, 2000)} (${String(err)})`);
  });
  expect(await card.locator('.risk').innerText()).toMatch(/high risk/i);
  expect(await card.locator('.reasons li').count()).toBeGreaterThan(0);
  await shot('10-approvals');
  await card.locator('textarea').fill('checked: scratch is disposable');
  await card.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Nothing waits for approval').waitFor({ timeout: 30_000 });

  await page.goto(api.url + goalPath);
  await page.locator('.page-head .badge[data-status=completed]').waitFor({ timeout: 60_000 });
  await page.waitForFunction("[...document.querySelectorAll('.log')].some((el) => el.textContent.includes('approval decided: approve'))", null, { timeout: 20_000 });
  await shot('11-goal-approved-completed');
}, 180_000);
