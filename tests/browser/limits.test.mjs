// The messenger when the server says "slow down": the visitor reads a human message,
// and a refused chat message is kept and goes out by itself once the wait is over.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, messenger } from './harness.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** The demo page with the messenger open, on a server with the given `[limits]`. */
async function openMessenger(limits) {
  const env = Object.fromEntries(Object.entries(limits).map(([key, value]) => [`HELPLINE_LIMITS__${key}`, value]));
  const server = await startServer({ env });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  return {
    page,
    frame: messenger(page),
    async close() {
      await context.close();
      await server.stop();
      server.cleanup();
    },
  };
}

test('a visitor sending too quickly reads why, and the held messages go out once each after the wait', async () => {
  const { frame, close } = await openMessenger({ MESSAGES_PER_SOCKET: '1/second' });
  const composer = frame.getByLabel('Message');
  await composer.waitFor();
  await frame.getByRole('status').getByText('Reconnecting').waitFor({ state: 'detached' });
  // Three messages in one task, faster than any person types: one fits the budget.
  await composer.evaluate((textarea) => {
    for (const text of ['First of three', 'Second of three', 'Third of three']) {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    }
  });

  await frame.getByRole('status').getByText("You're sending messages too quickly. Please wait a moment.").waitFor();
  const log = frame.getByRole('log', { name: 'Conversation' });
  for (const text of ['First of three', 'Second of three', 'Third of three']) {
    await log.locator('li.message.from-visitor[data-status="sent"]', { hasText: text }).waitFor();
    assert.equal(await log.locator('li.message', { hasText: text }).count(), 1, `${text} is shown once`);
  }
  assert.equal(await log.locator('li.message[data-status="failed"]').count(), 0, 'nothing was shown as failed');
  await close();
});

test('a search over the limit tells the visitor to wait', async () => {
  const { page, frame, close } = await openMessenger({ SEARCHES_PER_IP: '1/minute' });
  const search = frame.getByLabel('Search help articles');
  // The first search is answered before the second is typed: typed within the
  // messenger's pause after a keystroke, the second would replace the first.
  const answered = page.waitForResponse((response) => response.url().includes('/api/v1/widget/search?q=refund'));
  await search.fill('refund');
  assert.equal((await answered).status(), 200);
  await frame.getByRole('region', { name: 'Search results' }).waitFor();
  await search.fill('invoices');
  await frame.getByText("You're sending requests too quickly. Please wait a moment and try again.").waitFor();
  await close();
});
