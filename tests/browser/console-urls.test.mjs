// The console's addresses in a real browser: a conversation and a ticket open straight
// from a shared link (after signing in), a reload keeps the page, back and forward
// walk the history, addresses that name nothing say so, reply drafts survive a reload
// and go when sent, and the focus lands on what was opened (with a skip link past the
// inbox for keyboard users). A page whose code does not arrive says so and is fetched
// again on Try again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger, consoleApi } from './harness.mjs';

let server;
let browser;
let agent;
/** Two chats, the first escalated to a ticket: `{ first, second, ticket }`. */
let fixture;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await startChat('Where is my deep link?');
  await startChat('A second chat about billing');
  agent = await signIn(browser, server);
  const listed = await consoleApi(agent, 'GET', '/api/v1/conversations');
  const idOf = (text) => listed.body.find((summary) => summary.preview.includes(text)).id;
  const first = idOf('Where is my deep link?');
  const second = idOf('A second chat about billing');
  const escalated = await consoleApi(agent, 'POST', `/api/v1/conversations/${first}/ticket`, {
    subject: 'Linked ticket', ticket_type: 'question', priority: 'medium',
  });
  assert.equal(escalated.status, 201, JSON.stringify(escalated.body));
  fixture = { first, second, ticket: escalated.body.ticket.number };
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

/** A visitor on the demo page sends `text`; resolves once the server has it. */
async function startChat(text) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').fill(text);
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  await context.close();
}

const path = (page) => new URL(page.url()).pathname;
const log = (page) => page.getByRole('log', { name: 'Conversation' });
const focused = (page) => page.evaluate(() => {
  const element = document.activeElement;
  return { id: element?.id ?? '', label: element?.getAttribute('aria-label') ?? '', text: element?.textContent ?? '' };
});

/** Waits until the focused element has id `id`. */
async function focusLandsOn(page, id) {
  await page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 5_000 });
}

test('a shared link to a conversation or a ticket opens it after signing in, and a reload keeps it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/console/inbox/${fixture.first}`);
  await page.getByLabel('Email').fill(server.email);
  await page.getByLabel('Password').fill(server.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await log(page).getByText('Where is my deep link?').waitFor();
  assert.equal(path(page), `/console/inbox/${fixture.first}`);

  await page.reload();
  await log(page).getByText('Where is my deep link?').waitFor();
  assert.equal(path(page), `/console/inbox/${fixture.first}`);

  await page.goto(`${server.url}/console/tickets/${fixture.ticket}`);
  await page.getByRole('heading', { name: `#${fixture.ticket} Linked ticket` }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: `#${fixture.ticket} Linked ticket` }).waitFor();
  assert.equal(path(page), `/console/tickets/${fixture.ticket}`);

  // `/console` itself is the inbox, and the address says so.
  await page.goto(`${server.url}/console`);
  await page.getByRole('navigation', { name: 'Inbox' }).waitFor();
  await page.waitForURL(`${server.url}/console/inbox`);
  await context.close();
});

test('every step is an address: back and forward walk the console', async () => {
  const page = agent;
  await page.goto(`${server.url}/console/inbox`);
  const inbox = page.getByRole('navigation', { name: 'Inbox' });
  await inbox.getByText('A second chat about billing').click();
  await log(page).getByText('A second chat about billing').waitFor();
  assert.equal(path(page), `/console/inbox/${fixture.second}`);
  // The row is a real link, so it can be copied or opened in a new tab.
  assert.equal(
    await inbox.getByRole('link', { name: /A second chat about billing/ }).getAttribute('href'),
    `/console/inbox/${fixture.second}`,
  );

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Tickets' }).click();
  await page.waitForURL(`${server.url}/console/tickets`);
  await page.getByRole('link', { name: /Linked ticket/ }).click();
  await page.getByRole('heading', { name: `#${fixture.ticket} Linked ticket` }).waitFor();
  assert.equal(path(page), `/console/tickets/${fixture.ticket}`);

  await page.goBack();
  await page.waitForURL(`${server.url}/console/tickets`);
  await page.getByRole('link', { name: /Linked ticket/ }).waitFor();
  await page.goBack();
  await page.waitForURL(`${server.url}/console/inbox/${fixture.second}`);
  await log(page).getByText('A second chat about billing').waitFor();
  await page.goBack();
  await page.waitForURL(`${server.url}/console/inbox`);
  await page.getByText('Select a conversation to read it and reply.').waitFor();

  await page.goForward();
  await log(page).getByText('A second chat about billing').waitFor();
  await page.goForward();
  await page.waitForURL(`${server.url}/console/tickets`);
  await page.getByRole('link', { name: /Linked ticket/ }).waitFor();
});

test('addresses that name nothing say "not found" instead of a blank page', async () => {
  const page = agent;
  const cases = [
    ['/console/anything/deep', 'Page not found'],
    ['/console/inbox/abc', 'Page not found'],
    ['/console/inbox/999999', 'Conversation not found'],
    ['/console/tickets/999999', 'Ticket not found'],
    ['/console/help/articles/999999', 'Article not found'],
  ];
  for (const [address, heading] of cases) {
    await page.goto(`${server.url}${address}`);
    const alert = page.getByRole('alert').filter({ hasText: heading });
    await alert.waitFor();
    assert.match(await alert.textContent(), /does not exist, or is not in your workspace/);
    // The address is left as it was, so the agent sees what was wrong with it.
    assert.equal(path(page), address);
  }
  // And there is a way back.
  await page.getByRole('button', { name: 'Go to the inbox' }).click();
  await page.waitForURL(`${server.url}/console/inbox`);
  await page.getByRole('navigation', { name: 'Inbox' }).waitFor();
});

test('a reply draft survives a reload, stays with its conversation or ticket, and goes when sent', async () => {
  const page = agent;
  await page.goto(`${server.url}/console/inbox/${fixture.first}`);
  await log(page).getByText('Where is my deep link?').waitFor();
  await page.getByLabel('Reply').fill('Half-written answer about links');
  await page.reload();
  await log(page).getByText('Where is my deep link?').waitFor();
  assert.equal(await page.getByLabel('Reply').inputValue(), 'Half-written answer about links');

  // Another conversation has its own (empty) box; coming back brings the draft back.
  const inbox = page.getByRole('navigation', { name: 'Inbox' });
  await inbox.getByText('A second chat about billing').click();
  await log(page).getByText('A second chat about billing').waitFor();
  assert.equal(await page.getByLabel('Reply').inputValue(), '');
  // The first chat's row now previews the hand-off notice, so it is found by its address.
  await inbox.locator(`a[href="/console/inbox/${fixture.first}"]`).click();
  await log(page).getByText('Where is my deep link?').waitFor();
  assert.equal(await page.getByLabel('Reply').inputValue(), 'Half-written answer about links');

  await page.getByLabel('Reply').press('Enter');
  await log(page).locator('li[data-status="sent"]', { hasText: 'Half-written answer about links' }).waitFor();
  assert.equal(await page.getByLabel('Reply').inputValue(), '');
  await page.reload();
  await log(page).getByText('Half-written answer about links').waitFor();
  assert.equal(await page.getByLabel('Reply').inputValue(), '');

  // A ticket's reply box works the same way.
  await page.goto(`${server.url}/console/tickets/${fixture.ticket}`);
  await page.getByRole('heading', { name: `#${fixture.ticket} Linked ticket` }).waitFor();
  const ticketReply = page.getByRole('textbox', { name: 'Reply' });
  await ticketReply.fill('A note that must not be lost');
  await page.reload();
  await page.getByRole('heading', { name: `#${fixture.ticket} Linked ticket` }).waitFor();
  assert.equal(await ticketReply.inputValue(), 'A note that must not be lost');
  await page.getByRole('button', { name: 'Add internal note' }).click();
  await page.locator('.internal-note', { hasText: 'A note that must not be lost' }).waitFor();
  assert.equal(await ticketReply.inputValue(), '');
  await page.reload();
  await page.locator('.internal-note', { hasText: 'A note that must not be lost' }).waitFor();
  assert.equal(await ticketReply.inputValue(), '');
});

test('opening a conversation or a ticket moves the focus to it; a skip link jumps past the inbox', async () => {
  const page = agent;
  await page.goto(`${server.url}/console/inbox`);
  await page.getByRole('navigation', { name: 'Inbox' }).getByText('A second chat about billing').waitFor();

  // The first Tab reaches the skip link; Enter moves past the top bar and the inbox.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to main content');
  await page.keyboard.press('Enter');
  await focusLandsOn(page, 'main-content');

  // Opening a conversation puts the focus on its messages; the reply box is one Tab on.
  await page.getByRole('navigation', { name: 'Inbox' }).getByText('A second chat about billing').click();
  await focusLandsOn(page, 'conversation-log');
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).label, 'Reply');

  // With a conversation open, the skip link goes straight to it.
  const skip = page.getByRole('link', { name: 'Skip to conversation' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await focusLandsOn(page, 'conversation-log');

  // A conversation opened from its address gets the focus too.
  await page.goto(`${server.url}/console/inbox/${fixture.first}`);
  await focusLandsOn(page, 'conversation-log');

  // Opening a ticket puts the focus on its thread.
  await page.goto(`${server.url}/console/tickets`);
  await page.getByRole('link', { name: /Linked ticket/ }).click();
  await focusLandsOn(page, 'ticket-thread');
});

test('a page whose code cannot be fetched says so, and Try again brings it; the console runs on', async () => {
  const page = await signIn(browser, server);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const lazyCode = /\/assets\/console-(split|chunk)_[^/]*\.wasm$/;
  await page.context().route(lazyCode, (route) => route.abort('internetdisconnected'));

  const sections = page.getByRole('navigation', { name: 'Sections' });
  const refused = page.waitForEvent('requestfailed', (request) => request.url().includes('/console-split_reports_page-'));
  await sections.getByRole('button', { name: 'Reports' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This part of the console could not be loaded' });
  await alert.waitFor();
  await refused;
  assert.equal(path(page), '/console/reports', 'the address names the page asked for');

  // The inbox, which came with the first load, still works.
  await sections.getByRole('button', { name: 'Inbox' }).click();
  await page.getByRole('navigation', { name: 'Inbox', exact: true }).waitFor();
  await sections.getByRole('button', { name: 'Reports' }).click();
  await alert.waitFor();

  await page.context().unroute(lazyCode);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
  assert.equal(await alert.count(), 0);
  assert.deepEqual(errors.filter((text) => /unreachable|RuntimeError|panicked/i.test(text)), []);
  await page.context().close();
});
