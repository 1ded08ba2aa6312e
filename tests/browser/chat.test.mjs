// The whole product in a real browser: the demo host page, the loader, the messenger
// iframe and the agent console talking live through the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

test('the loader makes no request and no long task before the visitor asks for help', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask', buffered: true });
  });
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}/demo`);
  const help = page.getByRole('button', { name: 'Help' });
  await help.waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requests, ['/demo', '/helpline.js']);
  assert.deepEqual(await page.evaluate(() => window.__longTasks), []);
  // The launcher lives in a shadow root that host CSS cannot reach, on <html> (where a
  // transform on <body> cannot move it).
  const shadowed = await page.evaluate(() =>
    [...document.documentElement.children].some((el) => el.shadowRoot && el.shadowRoot.querySelector('button')));
  assert.ok(shadowed);
  // Keyboard: focus the button and press Enter.
  await help.focus();
  await page.keyboard.press('Enter');
  await messenger(page).getByLabel('Message').waitFor();
  assert.ok(requests.some((path) => path === '/messenger'));
  await context.close();
});

test('the messenger document fetches its scripts and WebAssembly side by side, each once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (message) => warnings.push(message.text()));
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  await messenger(page).getByRole('textbox', { name: 'Message' }).waitFor();
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname === '/messenger');
  // Resource timing in the frame. Without the preloads each of these could only be
  // asked for once the one before it had arrived: the boot script imports the glue,
  // the glue imports the link script, and the glue fetches the wasm when it runs. So
  // each is checked against the boot script, the chain's start, which the document asks
  // for after its preloads: comparing two files fetched side by side (the wasm's start
  // against the small glue's arrival) was a race on loopback.
  const entries = await frame.evaluate(() =>
    performance.getEntriesByType('resource').map(({ name, initiatorType, startTime, responseEnd }) =>
      ({ path: new URL(name).pathname, initiatorType, startTime, responseEnd })));
  const first = (pattern) => entries.filter((entry) => pattern.test(entry.path));
  const wasm = first(/^\/assets\/widget-[0-9a-f]+\.wasm$/);
  const glue = first(/^\/assets\/widget-[0-9a-f]+\.js$/);
  const link = first(/^\/assets\/widget-split-[0-9a-f]+\.js$/);
  const boot = first(/^\/assets\/widget-boot-[0-9a-f]+\.js$/);
  for (const [name, found] of Object.entries({ wasm, glue, link, boot })) {
    assert.equal(found.length, 1, `${name} fetched once: ${JSON.stringify(entries)}`);
  }
  assert.equal(wasm[0].initiatorType, 'link', 'the wasm comes from its preload');
  for (const [name, found] of Object.entries({ glue, link, wasm })) {
    assert.ok(found[0].startTime < boot[0].responseEnd, `the ${name} is asked for before the boot script arrives: ${JSON.stringify(entries)}`);
  }
  assert.deepEqual(warnings.filter((text) => /preload/i.test(text)), [], 'no preload went unused');
  await context.close();
});

test('a visitor and an agent chat live, and the history survives a reload', async () => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(visitor);
  const composer = frame.getByLabel('Message');
  await composer.fill('Hello, my invoice export is stuck');
  await composer.press('Enter');
  const mine = frame.locator('li.message.from-visitor', { hasText: 'Hello, my invoice export is stuck' });
  await mine.and(frame.locator('[data-status="sent"]')).waitFor();

  const agent = await signIn(browser, server);
  const inbox = agent.getByRole('navigation', { name: 'Inbox' });
  await inbox.getByText('Hello, my invoice export is stuck').click();
  const agentLog = agent.getByRole('log', { name: 'Conversation' });
  await agentLog.getByText('Hello, my invoice export is stuck').waitFor();

  // Typing shows on the visitor's side.
  const reply = agent.getByLabel('Reply');
  await reply.pressSequentially('Sorry', { delay: 20 });
  await frame.getByText('Support is typing…').waitFor();
  await reply.fill('Sorry about that! Which format are you exporting to?');
  await agent.getByRole('button', { name: 'Send', exact: true }).click();
  await frame.locator('li.message.from-agent', { hasText: 'Which format are you exporting to?' }).waitFor();

  // The visitor answers; the agent sees it live.
  await composer.fill('CSV, for my accountant');
  await composer.press('Enter');
  await agentLog.getByText('CSV, for my accountant').waitFor();

  // A reload restores the whole conversation.
  await visitor.reload();
  await visitor.getByRole('button', { name: /^Help/ }).click();
  const log = messenger(visitor).getByRole('log', { name: 'Conversation' });
  await log.getByText('Hello, my invoice export is stuck').waitFor();
  await log.getByText('Which format are you exporting to?').waitFor();
  await log.getByText('CSV, for my accountant').waitFor();
  const bodies = await log.locator('li.message').allTextContents();
  assert.equal(bodies.length, 3, `three messages, once each: ${JSON.stringify(bodies)}`);

  // Closed messenger, new page of the host app: an agent reply shows as an unread badge without a click.
  await visitor.goto(`${server.url}/demo?page=billing`);
  await agent.getByLabel('Reply').fill('I have reset the export for you.');
  await agent.getByRole('button', { name: 'Send', exact: true }).click();
  await visitor.getByRole('button', { name: 'Help, 1 unread' }).waitFor();

  await visitorContext.close();
  await agent.context().close();
});

test('the launcher tells the visitor when support is unreachable', async () => {
  const own = await startServer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${own.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).waitFor();
  await own.stop();
  own.cleanup();
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('status').getByText('Support is unreachable right now').waitFor();
  assert.equal(await page.locator('iframe').count(), 0, 'no invisible frame is left covering the page');
  // Nothing of Helpline covers the page where the messenger would be.
  const covered = await page.evaluate(() => {
    const hit = document.elementFromPoint(window.innerWidth - 150, window.innerHeight - 300);
    return !!hit && !!hit.shadowRoot;
  });
  assert.equal(covered, false);
  await context.close();
});

test('while the server restarts a message waits as sending and then goes out once; drafts survive a reload', async () => {
  const own = await startServer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${own.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  const composer = frame.getByLabel('Message');
  await composer.fill('First message, online');
  await composer.press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  const agent = await signIn(browser, own);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('First message, online').click();
  const agentLog = agent.getByRole('log', { name: 'Conversation' });
  await agentLog.getByText('First message, online').waitFor();

  await own.stop();
  await frame.getByRole('status').getByText('Reconnecting').waitFor();
  await agent.getByRole('status').getByText('Reconnecting').waitFor();
  await composer.fill('Written while the server restarts');
  await composer.press('Enter');
  const pending = frame.locator('li.message.from-visitor', { hasText: 'Written while the server restarts' });
  await pending.waitFor();
  assert.notEqual(await pending.getAttribute('data-status'), 'sent');

  const restarted = await startServer({ port: own.port, dir: own.dataDir });
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: 'Written while the server restarts' }).waitFor();
  // The console resumed by itself too, and shows the new message once.
  await agentLog.getByText('Written while the server restarts').waitFor();
  // Two messages (routing's history entry for the agent aside).
  assert.equal(await agentLog.locator('li.message.from-visitor').count(), 2);
  await agent.context().close();

  await composer.fill('A draft I have not sent');
  await page.reload();
  await page.getByRole('button', { name: /^Help/ }).click();
  await expectValue(messenger(page).getByLabel('Message'), 'A draft I have not sent');
  const log = messenger(page).getByRole('log', { name: 'Conversation' });
  await log.getByText('Written while the server restarts').waitFor();
  assert.equal(await log.locator('li.message', { hasText: 'Written while the server restarts' }).count(), 1, 'stored once');
  await context.close();
  await restarted.stop();
  restarted.cleanup();
});

async function expectValue(locator, value) {
  await locator.waitFor();
  await locator.page().waitForFunction(
    ([el, expected]) => el.value === expected,
    [await locator.elementHandle(), value],
  );
}

test('the messenger reconnects at once when the browser comes back online, without waiting for its backoff', async () => {
  const own = await startServer();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(`${own.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  const composer = frame.getByLabel('Message');
  await composer.fill('Before the outage');
  await composer.press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();

  await own.stop();
  await frame.getByRole('status').getByText('Reconnecting').waitFor();
  // Freeze the page's timers: from here on, no backoff timer can fire.
  await page.clock.pauseAt(Date.now() + 1000);
  await composer.fill('After the outage');
  await composer.press('Enter');
  const restarted = await startServer({ port: own.port, dir: own.dataDir });
  await context.setOffline(true);
  await context.setOffline(false);
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: 'After the outage' }).waitFor();
  await context.close();
  await restarted.stop();
  restarted.cleanup();
});
