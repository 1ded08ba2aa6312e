// Across the pages of a host app: single-page navigations update the page agents see,
// and the messenger is preloaded on later pages only while the chat is open and not idle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger, consoleApi } from './harness.mjs';

const HOUR = 60 * 60 * 1000;
let server;
let browser;
let admin;

before(async () => {
  server = await startServer({ env: { HELPLINE_WIDGET__PRELOAD_IDLE_HOURS: '1' } });
  browser = await launchBrowser();
  admin = await signIn(browser, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

/** Opens the demo host page in a new context and sends `text`; resolves to the page and its conversation id. */
async function chat(text, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').fill(text);
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: text }).waitFor();
  const list = await consoleApi(admin, 'GET', '/api/v1/conversations');
  const conversation = list.body.find((summary) => summary.preview.includes(text));
  assert.ok(conversation, `the inbox lists "${text}"`);
  return { context, page, id: conversation.id };
}

/** Polls the agents' view of the visitor's page until it is `expected` (10 s at most). */
async function agentSeesPage(id, expected) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const detail = await consoleApi(admin, 'GET', `/api/v1/conversations/${id}`);
    if (detail.body.visitor.page_url === expected) return;
    if (Date.now() > deadline) throw new Error(`agents see ${detail.body.visitor.page_url}, not ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('pushState, replaceState and popstate update the page URL the agent console shows', async () => {
  const { context, page, id } = await chat('Where am I?');
  await agentSeesPage(id, `${server.url}/demo`);

  await page.evaluate(() => history.pushState({}, '', '/demo/billing'));
  await agentSeesPage(id, `${server.url}/demo/billing`);
  await page.evaluate(() => history.replaceState({}, '', '/demo/billing?tab=invoices'));
  await agentSeesPage(id, `${server.url}/demo/billing?tab=invoices`);

  await admin.reload();
  await admin.getByRole('navigation', { name: 'Inbox' }).getByText('Where am I?').click();
  const visitorPanel = admin.getByRole('complementary', { name: 'Visitor' });
  await visitorPanel.getByRole('link', { name: `${server.url}/demo/billing?tab=invoices` }).waitFor();

  await page.evaluate(() => history.back());
  await agentSeesPage(id, `${server.url}/demo`);
  await context.close();
});

test('without the Navigation API the loader still follows pushState and popstate', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => Object.defineProperty(window, 'navigation', { value: undefined, configurable: true }));
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  assert.equal(await page.evaluate(() => window.navigation), undefined);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').fill('No Navigation API here');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  const list = await consoleApi(admin, 'GET', '/api/v1/conversations');
  const { id } = list.body.find((summary) => summary.preview.includes('No Navigation API here'));

  await page.evaluate(() => history.pushState({}, '', '/demo/settings'));
  await agentSeesPage(id, `${server.url}/demo/settings`);
  await page.evaluate(() => history.back());
  await agentSeesPage(id, `${server.url}/demo`);
  await context.close();
});

test('the messenger is preloaded on later pages only while the chat is open and not idle', async () => {
  const { context, page, id } = await chat('Preload me while we talk');
  const frame = page.locator('iframe[title="Support messenger"]');
  const active = () => page.evaluate(() => localStorage.getItem('helpline:demo:active'));
  await page.waitForFunction(() => Number(localStorage.getItem('helpline:demo:active')) > Date.now());
  const until = Number(await active());
  assert.ok(until <= Date.now() + HOUR && until > Date.now() + HOUR - 60_000, `an hour after the newest message: ${until}`);

  // A later page loads the messenger without a click (for the unread badge).
  await page.goto(`${server.url}/demo?page=2`);
  await frame.waitFor({ state: 'attached' });

  // The agent ends the chat: the preloaded messenger hears it and the flag ends.
  const ended = await consoleApi(admin, 'POST', `/api/v1/conversations/${id}/end`);
  assert.equal(ended.status, 204, JSON.stringify(ended));
  await page.waitForFunction(() => localStorage.getItem('helpline:demo:active') === null);
  await page.goto(`${server.url}/demo?page=3`);
  await page.getByRole('button', { name: 'Help' }).waitFor();
  assert.equal(await frame.count(), 0, 'a closed chat preloads nothing');

  // Writing again opens the chat again; an hour of silence ends the flag.
  await page.getByRole('button', { name: 'Help' }).click();
  const composer = messenger(page).getByLabel('Message');
  await composer.fill('One more question');
  await composer.press('Enter');
  await messenger(page).locator('li.message.from-visitor[data-status="sent"]', { hasText: 'One more question' }).waitFor();
  await page.waitForFunction(() => Number(localStorage.getItem('helpline:demo:active')) > Date.now());
  await page.goto(`${server.url}/demo?page=4`);
  await frame.waitFor({ state: 'attached' });

  await context.clock.install({ time: Date.now() + 2 * HOUR });
  await page.goto(`${server.url}/demo?page=5`);
  await page.getByRole('button', { name: 'Help' }).waitFor();
  assert.ok((await page.evaluate(() => Date.now())) > until + HOUR, 'the page lives two hours later');
  assert.equal(await frame.count(), 0, 'an idle chat preloads nothing');
  await context.close();
});
