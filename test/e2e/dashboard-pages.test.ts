/**
 * The dashboard's operating pages end to end, with the same set-up as dashboard.test.ts: Debian's
 * Chromium (playwright-core) against the API from startApi serving web/dist, real workers on the
 * Temporal dev server, the real store and the offline planner. A person configures a generic trigger
 * with a secret in the page, the test signs and sends a webhook to the URL the page shows, and the goal
 * it starts appears on the home and goals pages; the goals list, home and the tasks board follow the
 * live feed; the board explains a refused move, by button and by drag and drop, and takes new manual
 * tasks. Each page is screenshotted into test-results/screenshots/. (dashboard-admin.test.ts has the
 * autopilot, settings, audit log, session refresh and every page at both widths.)
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { RunningApi } from '../../api/main';
import { ADMIN_PASSWORD as PASSWORD, navigate, noSidewaysScroll as sideways, startDashboardStack, type DashboardStack } from './support/dashboard-stack';

const SECRET = 'e2e-webhook-secret-1';

let stack: DashboardStack;
let api: RunningApi;
let page: Page;
const shot = (name: string) => stack.shot(name);

/** The generic scheme: `X-Signature-256: sha256=<hex HMAC-SHA256 of "{X-Timestamp}.{raw body}">`. */
function signedDelivery(body: string, secret: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return {
    'content-type': 'application/json',
    'x-timestamp': timestamp,
    'x-delivery-id': randomUUID(),
    'x-signature-256': `sha256=${signature}`,
  };
}

beforeAll(async () => {
  stack = await startDashboardStack();
  ({ api, page } = stack);
  await page.goto(`${api.url}/ui/`);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/ui\/home$/);
}, 180_000);

afterAll(() => stack?.close());

const noSidewaysScroll = () => sideways(page);

/** A real pointer drag of a board card onto a drop list, in steps: the CDK must see the card move before it drags it. */
async function dragTo(card: Locator, target: Locator): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const from = (await card.locator('.muted.small').first().boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  // Where the target is once the drag has started (the page may have moved under the pointer).
  const to = (await target.boundingBox())!;
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
  await page.mouse.up();
}

test('home, workers, teams, templates and the tasks board render their states', async () => {
  // Home is the landing page: counts, tiles and empty lists, before any goal exists.
  await page.locator('[data-tile=approvals] .tile-value').waitFor();
  expect(await page.locator('[data-tile=approvals] .tile-value').innerText()).toBe('0');
  await page.getByText('No failures').waitFor();
  await shot('20-home-empty');

  await page.getByRole('link', { name: 'Workers', exact: true }).click();
  await page.locator('table.workers').waitFor();
  await shot('21-workers');

  // Teams: the built-in types with their roles, and a team created in the page.
  await page.getByRole('link', { name: 'Teams', exact: true }).click();
  await page.locator('li[data-type-id] strong', { hasText: 'Scrum' }).waitFor();
  await page.fill('#team-name', 'Platform team');
  await page.click('form[aria-labelledby=new-team-h] button[type=submit]');
  await page.locator('tr[data-team-id]', { hasText: 'Platform team' }).waitFor();
  await shot('22-teams');

  // Templates: an unknown {{variable}} is saved, and the API's warning is shown.
  await page.getByRole('link', { name: 'Templates', exact: true }).click();
  await page.getByText('No templates yet').waitFor();
  await page.fill('#template-name', 'Reviewer');
  await page.fill('#template-body', 'Review {{goal}} against {{checklist_url}}');
  await page.click('form[aria-labelledby=form-h] button[type=submit]');
  const warning = page.locator('.template-warning');
  await warning.waitFor();
  expect(await warning.innerText()).toContain('checklist_url');
  await shot('23-templates-warning');

  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.getByText('No tasks yet').waitFor();
  await shot('24-tasks-empty');
}, 120_000);

test('a trigger configured in the page turns a signed webhook into a goal shown on home and goals', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: 'Triggers', exact: true }).click();
  await page.getByText('No triggers yet').waitFor();

  // The test panel says what a payload would create, and creates nothing.
  await page.click('.test-panel button[type=submit]');
  await page.locator('.test-result[data-would-create=true]').waitFor();
  expect(await page.locator('.test-result').innerText()).toContain('List the files');

  await page.selectOption('#trigger-source', 'generic');
  await page.fill('#trigger-name', 'CI pipeline');
  await page.fill('#trigger-secret', SECRET);
  await page.fill('#trigger-max', '30');
  await page.fill('#trigger-window', '60');
  await page.click('app-trigger-form button[type=submit]');
  const row = page.locator('tr[data-trigger-id]', { hasText: 'CI pipeline' });
  await row.waitFor();
  expect(await row.innerText()).toContain('set');
  // Set once, never shown back: the field is empty and only says that a secret exists.
  expect(await page.inputValue('#trigger-secret')).toBe('');
  expect(await page.getAttribute('#trigger-secret', 'placeholder')).toContain('A secret is set');
  expect(await page.content()).not.toContain(SECRET);

  const url = await page.inputValue('#webhook-url');
  expect(url).toMatch(new RegExp(`^${api.url}/triggers/webhook/generic/[^/]+$`));
  await page.getByText('No deliveries yet').waitFor();
  await shot('25-trigger-created');

  // A wrong signature is refused; the signed one is accepted and starts a goal.
  const body = JSON.stringify({ goal: 'List the files' });
  const forged = await fetch(url, { method: 'POST', headers: signedDelivery(body, 'not-the-secret'), body });
  expect(forged.status).toBe(401);
  const res = await fetch(url, { method: 'POST', headers: signedDelivery(body, SECRET), body });
  expect(res.status).toBe(202);
  const accepted = (await res.json()) as { goalId: string };
  expect(accepted.goalId).toBeTruthy();

  await page.locator('app-trigger-deliveries tr[data-outcome=accepted]').waitFor({ timeout: 15_000 });
  expect(await page.locator('app-trigger-deliveries tr[data-outcome=rejected]').count()).toBeGreaterThan(0);
  await shot('26-trigger-deliveries');

  // The goal shows up on the goals list and is counted on home.
  await page.getByRole('link', { name: 'Goals', exact: true }).click();
  await page.locator(`tr[data-goal-id="${accepted.goalId}"]`, { hasText: 'List the files' }).waitFor({ timeout: 30_000 });
  await shot('27-goals-from-webhook');
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await page.waitForFunction(
    "[...document.querySelectorAll('.status-counts li')].reduce((n, li) => n + Number(li.querySelector('.count')?.textContent ?? 0), 0) >= 1",
    null,
    { timeout: 15_000 },
  );
  await shot('28-home');
  // Each count links to the goals list filtered by that status.
  await page.waitForFunction("document.querySelector('.status-counts li[data-status=completed] .count')?.textContent === '1'", null, { timeout: 60_000 });
  await page.click('.status-counts li[data-status=completed] a');
  await page.waitForURL(/\/ui\/goals\?status=completed$/);
  await page.locator(`tr[data-goal-id="${accepted.goalId}"]`).waitFor();
  expect(await page.inputValue('#status-filter')).toBe('completed');

  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.locator('[data-task-id]').first().waitFor({ timeout: 30_000 });
  await shot('29-tasks-board');

  // Phone width: the new pages do not force sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const name of ['Home', 'Triggers', 'Tasks', 'Teams', 'Templates', 'Workers']) {
    await navigate(page, name);
    await page.locator('main h1').waitFor();
    await page.waitForTimeout(300);
    expect([name, await noSidewaysScroll()]).toEqual([name, true]);
  }
  await navigate(page, 'Home');
  await page.locator('.tiles').waitFor();
  await shot('30-home-phone');
}, 180_000);

test('the tasks board shows the API’s 409 invalid_transition when a move is no longer allowed', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const token = await page.evaluate<string | null>("sessionStorage.getItem('ananta.token')");
  const call = (p: string, init: RequestInit = {}) =>
    fetch(`${api.url}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  // A gated command keeps its task waiting for a person, so it stays put while we look at it.
  const created = (await (await call('/goals', { method: 'POST', body: JSON.stringify({ goal: 'Clean up with `rm -rf scratch`' }) })).json()) as { id: string };
  let waiting: { id: string } | undefined;
  let listed: unknown;
  for (const deadline = Date.now() + 60_000; !waiting && Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
    listed = await (await call('/tasks?limit=200')).json();
    waiting = (listed as { items: Array<{ id: string; goalId: string; status: string }> }).items.find((t) => t.goalId === created.id && t.status === 'waiting_approval');
  }
  if (!waiting) throw new Error(`no task of goal ${created.id} reached waiting_approval: ${JSON.stringify(listed).slice(0, 1500)}`);

  // Someone else pauses it; a board that still shows the list from before offers "pause" on it.
  expect((await call(`/tasks/${waiting.id}/pause`, { method: 'POST' })).status).toBe(200);
  const stale = JSON.stringify(listed);
  await page.route((url) => url.pathname === '/tasks' && !url.searchParams.has('status'), (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: stale }));
  try {
    await navigate(page, 'Home');
    await navigate(page, 'Tasks');
    const card = page.locator(`[data-column=waiting_approval] [data-task-id="${waiting.id}"]`);
    await card.getByRole('button', { name: /^pause / }).click();
    const alert = page.locator('.action-error [role=alert]');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/Cannot pause/);
    expect(text).toContain('409');
    expect(text).toContain('invalid_transition');
    expect(text).toContain('paused');
    await shot('31-tasks-board-409');
    await page.unrouteAll();

    // The board follows the live feed, with no reload and no timer: once approved, the command runs and
    // the task stops at its pause point, and its card moves to Paused by itself.
    await navigate(page, 'Home');
    await navigate(page, 'Tasks');
    await page.locator(`[data-column=waiting_approval] [data-task-id="${waiting.id}"]`).waitFor({ timeout: 15_000 });
    expect((await call(`/tasks/${waiting.id}/approve`, { method: 'POST', body: JSON.stringify({ decision: 'approve' }) })).status).toBe(200);
    const paused = page.locator(`[data-column=paused] [data-task-id="${waiting.id}"]`);
    await paused.waitFor({ timeout: 30_000 });
    await shot('32-tasks-board-live');

    // Dragged back to a working column, a paused card resumes.
    await dragTo(paused, page.locator('[data-column=in_progress] .drop-list'));
    await page.locator('.moved', { hasText: 'resume done' }).waitFor({ timeout: 15_000 });
    await page.waitForFunction(`!document.querySelector('[data-column=paused] [data-task-id="${waiting.id}"]')`, null, { timeout: 15_000 });
    await shot('33-tasks-board-drag-resume');
  } finally {
    await page.unrouteAll();
    await call(`/goals/${created.id}/cancel`, { method: 'POST' });
  }
}, 120_000);

test('dragging a finished card onto Paused asks the API, shows its 409 and the card goes back', async () => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  const token = await page.evaluate<string | null>("sessionStorage.getItem('ananta.token')");
  const tasks = (await (await fetch(`${api.url}/tasks?status=completed&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: string }> };
  const done = tasks.items[0];
  if (!done) throw new Error('no completed task to drag (the webhook goal of the test above should have finished)');

  await navigate(page, 'Home');
  await navigate(page, 'Tasks');
  const card = page.locator(`[data-column=completed] [data-task-id="${done.id}"]`);
  await card.waitFor({ timeout: 15_000 });
  await dragTo(card, page.locator('[data-column=paused] .drop-list'));

  const alert = page.locator('.action-error [role=alert]');
  await alert.waitFor({ timeout: 15_000 });
  const text = await alert.innerText();
  expect(text).toContain('Cannot pause');
  expect(text).toContain('409');
  expect(text).toContain('invalid_transition');
  expect(text).toContain('completed');
  // The card is back where the API says it is.
  await page.locator(`[data-column=completed] [data-task-id="${done.id}"]`).waitFor();
  expect(await page.locator(`[data-column=paused] [data-task-id="${done.id}"]`).count()).toBe(0);
  await shot('34-tasks-board-drag-409');
}, 60_000);

test('a manual task added on the board appears in To do, and drags to Cancelled and back (retry); buttons do the same', async () => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await navigate(page, 'Tasks');
  await page.click('.new-task summary');
  await page.fill('#task-description', 'Write the release notes for e2e');
  await page.selectOption('#task-priority', 'high');
  await page.click('.new-task button[type=submit]');
  await page.locator('.moved', { hasText: 'added to the backlog' }).waitFor();
  const inColumn = (status: string) => page.locator(`[data-column=${status}] [data-task-id]`, { hasText: 'Write the release notes for e2e' });
  await inColumn('todo').waitFor();
  expect(await inColumn('todo').innerText()).toContain('high priority');
  await shot('40-tasks-board-new-task');
  await page.click('.new-task summary'); // fold the form away again

  await dragTo(inColumn('todo'), page.locator('[data-column=cancelled] .drop-list'));
  await inColumn('cancelled').waitFor({ timeout: 15_000 }).catch(async (err: unknown) => {
    await shot('40-tasks-board-unexpected');
    throw new Error(`${String(err)}: ${(await page.locator('main').innerText()).slice(0, 1500)}`);
  });
  await dragTo(inColumn('cancelled'), page.locator('[data-column=todo] .drop-list'));
  await page.locator('.moved', { hasText: 'retry done' }).waitFor({ timeout: 15_000 });
  await inColumn('todo').waitFor();
  // The keyboard way: the card's own button.
  await inColumn('todo').getByRole('button', { name: /^cancel / }).click();
  await inColumn('cancelled').waitFor({ timeout: 15_000 });
}, 60_000);
test('the goals list and home show a goal started elsewhere without a reload (live feed, no timer)', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const token = await page.evaluate<string | null>("sessionStorage.getItem('ananta.token')");
  const startGoal = async (goal: string) =>
    ((await (await fetch(`${api.url}/goals`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ goal }) })).json()) as { id: string }).id;

  await navigate(page, 'Goals');
  await page.locator('table.goals').waitFor();
  await page.locator('.live-status.on').waitFor({ timeout: 15_000 });
  const id = await startGoal('Count the lines of README.md');
  await page.locator(`tr[data-goal-id="${id}"]`).waitFor({ timeout: 15_000 });

  await navigate(page, 'Home');
  await page.locator('.live-status.on').waitFor({ timeout: 15_000 });
  const total = () => page.evaluate<number>("[...document.querySelectorAll('.status-counts li .count')].reduce((n, el) => n + Number(el.textContent), 0)");
  await page.locator('.status-counts').waitFor();
  const before = await total();
  await startGoal('Print the date');
  await page.waitForFunction(`[...document.querySelectorAll('.status-counts li .count')].reduce((n, el) => n + Number(el.textContent), 0) === ${before + 1}`, null, { timeout: 15_000 });
  expect(await total()).toBe(before + 1);
}, 60_000);
