// Accessibility as a test: axe-core (pinned in package.json) checks every view of the
// messenger and every page of the console, in light and dark, in English and Arabic,
// and must find nothing. The keyboard flows a visitor and an agent use
// without a mouse are tests too: open Help, search, read, go back, write, close (focus
// returns to the launcher); sign in, open a chat and reply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, signIn, signInHere, consoleCatalog, consoleApi, publishArticle, messenger } from './harness.mjs';

const AXE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let server;
let browser;
let admin;
let article;
let category;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(browser, server);
  const created = await consoleApi(admin, 'POST', '/api/v1/categories', {
    name: 'Billing', description: 'Invoices, addresses and payment',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  category = created.body;
  article = await publishArticle(admin, {
    title: 'Change your billing address',
    categoryId: category.id,
    body: [
      'Open **Settings → Billing** and edit the address. Invoices after the change use it.',
      'From the command line:',
      '```\nacme billing set-address --line1 "1 Long Street, Springfield" --country US --apply-to-open-invoices\n```',
      `See the [status page](${server.url}/healthz) when saving fails.`,
    ].join('\n\n'),
  });
});

after(async () => {
  await admin?.context().close();
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

/** What axe finds wrong in `frame` (a page or a frame), one line per rule and node. */
async function violations(frame) {
  await frame.addScriptTag({ content: AXE });
  return frame.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary}`),
    );
  });
}

/** Checks `frame` and adds what axe found, named by `view`, to `found`. */
async function check(found, view, frame) {
  for (const line of await violations(frame)) found.push(`${view}: ${line}`);
}

for (const [locale, scheme] of [['en-US', 'light'], ['en-US', 'dark'], ['ar-EG', 'light'], ['ar-EG', 'dark']]) {
  test(`every messenger view passes axe in ${locale}, ${scheme}`, async () => {
    // axe runs as a script the messenger's policy would refuse; the app's own behaviour
    // is the same either way.
    const context = await browser.newContext({ locale, colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    const found = [];
    await page.locator('helpline-launcher button').click();
    const iframe = page.locator('helpline-launcher iframe');
    await iframe.waitFor();
    const frame = await (await iframe.elementHandle()).contentFrame();
    const view = page.frameLocator('helpline-launcher iframe');
    const search = view.locator('input[type="search"]');
    await search.waitFor();
    await view.getByText(category.name).first().waitFor();
    await check(found, 'home', frame);
    await check(found, 'host page with the launcher', page);

    await search.fill('billing address');
    await view.getByRole('button', { name: new RegExp(article.title.split(' ')[0]) }).first().waitFor();
    await check(found, 'search results', frame);
    await view.getByRole('button', { name: new RegExp(article.title.split(' ')[0]) }).first().click();
    await view.locator('pre').waitFor();
    await check(found, 'article', frame);
    await view.locator('header button').first().click();
    await search.fill('');

    await view.getByRole('button', { name: new RegExp(`^${category.name}`) }).click();
    await view.getByRole('heading', { name: category.name, exact: true }).waitFor();
    await check(found, 'category', frame);
    await view.locator('header button').first().click();

    await view.locator('.chat-entry button, button.chat-entry').first().click();
    const composer = view.locator('textarea');
    await composer.fill(`Checking ${locale} ${scheme}`);
    await composer.press('Enter');
    await view.getByText(`Checking ${locale} ${scheme}`).waitFor();
    await check(found, 'conversation', frame);

    await context.close();
    assert.deepEqual(found, [], found.join('\n'));
  });
}

for (const [locale, scheme] of [['en-US', 'light'], ['en-US', 'dark'], ['ar-EG', 'light'], ['ar-EG', 'dark']]) {
  test(`every console page passes axe in ${locale}, ${scheme}`, async () => {
    const context = await browser.newContext({ locale, colorScheme: scheme, bypassCSP: true });
    const page = await context.newPage();
    const found = [];
    const language = locale.split('-')[0];
    await page.goto(`${server.url}/console`);
    await page.getByLabel(consoleCatalog(language).get('login-email'), { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), language);
    await check(found, 'sign-in', page);
    await signInHere(page, server, language);
    await check(found, 'inbox', page);
    for (const [name, path, ready] of [
      ['tickets', '/console/tickets', 'heading'],
      ['help center', '/console/help', 'heading'],
      ['article editor', `/console/help/articles/${article.id}`, 'textbox'],
      ['reports', '/console/reports', 'heading'],
      ['settings', '/console/settings', 'heading'],
      ['audit log', '/console/audit', 'heading'],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      await check(found, name, page);
    }
    await context.close();
    assert.deepEqual(found, [], found.join('\n'));
  });
}

/** What has the keyboard focus in `frame` (a page or a frame): tag, name and text. */
function focusIn(frame) {
  return frame.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      name: element?.getAttribute('aria-label') ?? element?.labels?.[0]?.textContent?.trim() ?? '',
      text: element?.textContent?.trim() ?? '',
      type: element?.getAttribute('type') ?? '',
    };
  });
}

/** Presses Tab until `reached(focus)` holds for `frame`'s focus (at most 40 times). */
async function tabTo(page, frame, reached, what) {
  const seen = [];
  for (let i = 0; i < 40; i++) {
    const focus = await focusIn(frame);
    if (reached(focus)) return;
    seen.push(`${focus.tag} ${focus.name || focus.text.slice(0, 30)}`);
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${what}; it went through ${seen.join(' | ')}`);
}

test('by keyboard alone a visitor opens Help, searches, reads, goes back, writes and closes; an agent signs in and replies', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  const launcher = page.locator('helpline-launcher button');
  await launcher.focus();
  await page.keyboard.press('Enter');
  const iframe = page.locator('helpline-launcher iframe');
  await iframe.waitFor();
  const frame = await (await iframe.elementHandle()).contentFrame();
  const view = messenger(page);
  await view.getByLabel('Search help articles').waitFor();

  await tabTo(page, frame, (focus) => focus.type === 'search', 'the search field');
  assert.equal((await focusIn(frame)).name, 'Search help articles');
  await page.keyboard.type('billing address');
  await view.getByRole('region', { name: 'Search results' }).getByRole('button').first().waitFor();
  await tabTo(page, frame, (focus) => focus.text.startsWith(article.title), 'the search result');
  await page.keyboard.press('Enter');
  await view.getByRole('heading', { name: article.title }).waitFor();

  await tabTo(page, frame, (focus) => focus.name === 'Back', 'Back');
  await page.keyboard.press('Enter');
  // The home's message box starts the chat.
  await tabTo(page, frame, (focus) => focus.name === 'Message', 'the message box');
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await view.locator('li.message.from-visitor', { hasText: 'Typed without a mouse' })
    .and(view.locator('[data-status="sent"]')).waitFor();

  await page.keyboard.press('Escape');
  await iframe.waitFor({ state: 'hidden' });
  const returned = await page.evaluate(() => {
    const host = document.querySelector('helpline-launcher');
    return document.activeElement === host && host.shadowRoot.activeElement === host.shadowRoot.querySelector('button');
  });
  assert.ok(returned, 'focus is back on the launcher');

  // The agent: sign in, open the chat and reply, all from the keyboard.
  const agentContext = await browser.newContext();
  const desk = await agentContext.newPage();
  await desk.goto(`${server.url}/console`);
  await desk.getByLabel('Email').waitFor();
  await tabTo(desk, desk, (focus) => focus.type === 'email', 'Email');
  await desk.keyboard.type(server.email);
  await desk.keyboard.press('Tab');
  await desk.keyboard.type(server.password);
  await desk.keyboard.press('Enter');
  await desk.getByRole('button', { name: 'Sign out' }).waitFor();
  const inbox = desk.getByRole('navigation', { name: 'Inbox' });
  await inbox.getByText('Typed without a mouse').waitFor();
  const onRow = (text) => (focus) => focus.tag === 'a' && focus.text.includes(text);
  await tabTo(desk, desk, onRow('Typed without a mouse'), 'the conversation');
  // A new message redraws the row under the focus; the focus stays on it.
  await page.keyboard.press('Enter');
  await view.getByLabel('Message').fill('One more thing');
  await view.getByLabel('Message').press('Enter');
  await inbox.getByText('One more thing').waitFor();
  assert.ok(onRow('One more thing')(await focusIn(desk)), 'the redrawn row keeps the focus');
  await context.close();
  await desk.keyboard.press('Enter');
  // Opening it moves the focus to its messages once they are shown.
  await desk.waitForFunction(() => document.activeElement?.id === 'conversation-log');
  await tabTo(desk, desk, (focus) => focus.name === 'Reply', 'the reply box');
  await desk.keyboard.type('Answered without a mouse');
  await tabTo(desk, desk, (focus) => focus.text === 'Send', 'Send');
  await desk.keyboard.press('Enter');
  await desk.getByRole('log').getByText('Answered without a mouse').waitFor();
  await agentContext.close();
});
