// Embedding on another origin: an admin allows the host in the console settings, and
// the host page drives the messenger through the `Helpline(...)` command queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer, launchBrowser, signIn, messenger } from './harness.mjs';

let server;
let browser;
let host;

/** A host application on its own origin, defining the command queue before the loader. */
function hostPage(serverUrl) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host app</title>
<style>button { all: unset; color: red; } * { box-sizing: content-box !important; }</style>
<script>
  window.Helpline = window.Helpline || function () { (Helpline.q = Helpline.q || []).push(arguments); };
  window.events = [];
  Helpline('on', 'open', function () { events.push('open'); });
  Helpline('on', 'close', function () { events.push('close'); });
  Helpline('on', 'unread', function (count) { events.push('unread:' + count); });
</script></head>
<body><h1>Host app</h1>
<script src="${serverUrl}/helpline.js" data-app-id="demo" async></script></body></html>`;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(hostPage(server.url));
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
  host?.close();
});

test('an admin allows a new host origin in the console, and that host embeds the messenger', async () => {
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const admin = await signIn(browser, server);
  await admin.getByRole('button', { name: 'Settings' }).click();
  const origins = admin.getByLabel('Allowed origins');
  await origins.waitFor();
  await admin.waitForFunction((el) => el.value.includes('http://'), await origins.elementHandle());
  const current = await origins.inputValue();
  await origins.fill(`${current}\nnot an origin`);
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await admin.getByRole('alert').getByText('not an origin').waitFor();
  await origins.fill(`${current}\n${hostOrigin}/`);
  await admin.getByRole('button', { name: 'Save', exact: true }).click();
  await admin.getByText('Saved', { exact: true }).waitFor();
  assert.ok((await origins.inputValue()).split('\n').includes(hostOrigin), 'saved normalised');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hostOrigin}/`);
  // Host CSS that restyles every button does not reach the launcher in its shadow root.
  const help = page.getByRole('button', { name: 'Help' });
  await help.waitFor();
  const color = await help.evaluate((el) => getComputedStyle(el).color);
  assert.equal(color, 'rgb(255, 255, 255)');

  await page.evaluate(() => Helpline('open'));
  const frame = messenger(page);
  await frame.getByLabel('Message').fill('Hello from another origin');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  await page.evaluate(() => Helpline('close'));
  await page.waitForFunction(() => events.includes('close'));
  assert.deepEqual(await page.evaluate(() => events.filter((e) => !e.startsWith('unread'))), ['open', 'close']);

  await admin.getByRole('button', { name: 'Back to inbox' }).click();
  await admin.getByRole('navigation', { name: 'Inbox' }).getByText('Hello from another origin').click();
  await admin.getByLabel('Reply').fill('Welcome!');
  await admin.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForFunction(() => events.includes('unread:1'));
  await page.evaluate(() => Helpline('toggle'));
  await frame.locator('li.message.from-agent', { hasText: 'Welcome!' }).waitFor();
  await page.waitForFunction(() => events.includes('unread:0'));
  await context.close();
  await admin.context().close();
});
