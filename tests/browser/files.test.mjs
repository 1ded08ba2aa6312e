// Files in a real browser: a visitor attaches a picture in the chat and the agent sees
// it in the console; the agent attaches a log and the visitor sees and downloads it; a
// refused file says why and the message waits; a screenshot of the tab is taken,
// blacked out where the visitor drags and sent, and where capture is unavailable the
// messenger says so and opens the file picker (and where the screenshot code does not
// arrive, says that and ends the tab's sharing); "Email us" sends a file with the
// request, and the host page's errors only when the visitor agrees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, signIn, messenger, consoleApi } from './harness.mjs';

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

// A real picture a browser can decode: one pixel of PNG.
const photo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('a file goes each way in the live chat', async () => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(visitor);
  const composer = frame.getByLabel('Message');
  await composer.fill('My export fails, here is the screen');
  await frame.getByLabel('Attach files').setInputFiles({ name: 'export.png', mimeType: 'image/png', buffer: photo });
  // The file uploads with its progress, then the message goes with it.
  await frame.getByRole('list', { name: 'Attached files' }).getByText('export.png').waitFor();
  const send = frame.getByRole('button', { name: 'Send' });
  await assert.doesNotReject(send.and(frame.locator(':enabled')).waitFor());
  await send.click();
  const mine = frame.locator('li.message.from-visitor', { hasText: 'My export fails' });
  await mine.and(frame.locator('[data-status="sent"]')).waitFor();
  // Fetched with the visitor's token, so it is shown from a blob: URL.
  const picture = mine.locator('img[alt="export.png"][src^="blob:"]');
  await picture.waitFor();
  assert.ok(await picture.evaluate(async (img) => (await img.decode(), img.naturalWidth > 0)), 'the picture is shown');
  assert.equal(await frame.getByRole('list', { name: 'Attached files' }).count(), 0, 'the tray empties once sent');

  // The agent sees the picture in the console, served from Helpline to the workspace only.
  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('My export fails').click();
  const agentLog = agent.getByRole('log', { name: 'Conversation' });
  const seen = agentLog.locator('img.attached-image[alt="export.png"]');
  await seen.waitFor();
  assert.ok(await seen.evaluate(async (img) => (await img.decode(), img.naturalWidth > 0)), 'the agent sees it');

  // The agent answers with a log file alone; the visitor sees it and can download it.
  await agent.getByLabel('Attach files').setInputFiles({
    name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Open billing\n2. Press Export\n'),
  });
  const agentSend = agent.getByRole('button', { name: 'Send', exact: true });
  await agentSend.and(agent.locator(':enabled')).waitFor();
  await agentSend.click();
  const download = frame.getByRole('button', { name: /steps\.txt/ });
  await download.waitFor();
  const [saved] = await Promise.all([visitor.waitForEvent('download'), download.click()]);
  assert.equal(saved.suggestedFilename(), 'steps.txt');
  const path = await saved.path();
  assert.equal(readFileSync(path, 'utf8'), '1. Open billing\n2. Press Export\n');

  // A refused file says why beside it, and the message waits until it is removed.
  await frame.getByLabel('Attach files').setInputFiles({
    name: 'setup.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00PE\0\0', 'binary'),
  });
  await frame.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
  await composer.fill('Also this');
  assert.ok(await send.isDisabled(), 'a message does not go without its failed file');
  await frame.getByRole('list', { name: 'Attached files' }).getByRole('button', { name: 'Remove' }).click();
  await send.and(frame.locator(':enabled')).waitFor();

  await visitorContext.close();
  await agent.context().close();
});

test('"Email us" sends a screenshot with the request', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByRole('button', { name: 'Email us' }).click();
  await frame.getByLabel('Your email').fill('priya.raman@example.com');
  await frame.getByLabel('Subject').fill('Export button broken');
  await frame.getByLabel('Description').fill('Nothing happens when I press Export.');
  await frame.getByLabel('Screenshots or files (optional)').setInputFiles({
    name: 'broken.png', mimeType: 'image/png', buffer: photo,
  });
  await frame.getByRole('list', { name: 'Attached files' }).getByText('broken.png').waitFor();
  const send = frame.getByRole('button', { name: 'Send' });
  await send.and(frame.locator(':enabled')).waitFor();
  await send.click();
  const title = frame.getByRole('heading', { name: /^Ticket #\d+$/ });
  await title.waitFor();
  const number = (await title.textContent()).replace('Ticket #', '');

  const agent = await signIn(browser, server);
  const { status, body } = await consoleApi(agent, 'GET', `/api/v1/tickets/${number}`);
  assert.equal(status, 200);
  const request = body.events.find((event) => event.kind === 'customer_reply');
  assert.deepEqual(request.attachments.map((file) => [file.name, file.content_type]), [['broken.png', 'image/png']]);
  await context.close();
  await agent.context().close();
});

test('a screenshot of the tab is taken, blacked out where the visitor drags, and sent', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  // What the page and the messenger log, and every notice shown, for a failure's report.
  const seen = [];
  page.on('console', (message) => seen.push(`console: ${message.text()}`));
  await page.goto(`${server.url}/demo`);
  // The visitor shares the tab they are looking at: Chromium captures the active tab.
  await page.bringToFront();
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').waitFor();
  await frame.getByRole('button', { name: 'Take a screenshot' }).click();
  const editor = frame.getByRole('dialog', { name: 'Screenshot' });
  const canvas = editor.getByLabel('Screenshot to send');
  // On failure, say what the messenger shows (a refusal says why capture failed).
  await canvas.waitFor().catch(async (error) => {
    const shown = await frame.locator('main').innerText().catch(() => '(nothing)');
    throw new Error(`${error.message}\nThe messenger shows: ${shown}\nLogged: ${seen.join('\n')}`);
  });
  const inner = page.frames().find((candidate) => candidate.url().includes('/messenger'));
  // The capture is drawn once it arrives: the tab's size, not a blank canvas's 300×150.
  await inner.waitForFunction(() => document.querySelector('.shot-canvas')?.width > 300);

  // Drag over the top left of the picture: that part turns black.
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4, { steps: 4 });
  await page.mouse.up();
  const shown = await canvas.evaluate((c) =>
    [...c.getContext('2d').getImageData(Math.floor(c.width / 4), Math.floor(c.height / 4), 1, 1).data]);
  assert.deepEqual(shown, [0, 0, 0, 255], 'the dragged box is black in the editor');
  await editor.getByRole('button', { name: 'Attach screenshot' }).click();
  await frame.getByRole('list', { name: 'Attached files' }).getByText('screenshot.png').waitFor();
  const send = frame.getByRole('button', { name: 'Send' });
  await send.and(frame.locator(':enabled')).waitFor();
  await send.click();
  await frame.locator('li.message.from-visitor[data-status="sent"] img[alt="screenshot.png"]').waitFor();

  // The file the agent gets is black there too, and is the page everywhere else.
  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Sent a file').first().click();
  const image = agent.getByRole('log', { name: 'Conversation' }).locator('img.attached-image[alt="screenshot.png"]');
  await image.waitFor();
  const [redacted, colours] = await image.evaluate(async (img) => {
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const context = c.getContext('2d');
    context.drawImage(img, 0, 0);
    const at = (x, y) => [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data].join(',');
    const sampled = new Set();
    for (let x = 0.05; x < 1; x += 0.1) for (let y = 0.05; y < 1; y += 0.1) sampled.add(at(c.width * x, c.height * y));
    return [at(c.width / 4, c.height / 4), sampled.size];
  });
  assert.equal(redacted, '0,0,0,255');
  assert.ok(colours > 2, `the rest is the page, not a blank picture (${colours} colours sampled)`);
  await context.close();
  await agent.context().close();
});

test('"Email us" offers the page\'s errors and sends them only when the visitor agrees', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  const help = page.getByRole('button', { name: 'Help' });
  await help.waitFor();
  // The host opts in, then its code fails twice.
  await page.evaluate(() => {
    window.Helpline('boot', { captureErrors: true });
    setTimeout(() => { throw new TypeError("Cannot read properties of undefined (reading 'rows')"); });
    Promise.reject(new Error('502 Bad Gateway'));
  });
  await help.click();
  const frame = messenger(page);
  await frame.getByRole('button', { name: 'Email us' }).click();
  const consent = frame.getByLabel('Send the 2 errors this page showed');
  await consent.waitFor();
  assert.equal(await consent.isChecked(), false, 'nothing is sent unless the visitor agrees');
  await frame.getByText('What they say').click();
  await frame.getByText("reading 'rows'").first().waitFor();
  await frame.getByText('Screen', { exact: true }).waitFor();
  await frame.getByLabel('Your email').fill('priya.raman@example.com');
  await frame.getByLabel('Subject').fill('Export crashes');
  await frame.getByLabel('Description').fill('The page goes blank.');
  await consent.check();
  await frame.getByRole('button', { name: 'Send' }).click();
  const title = frame.getByRole('heading', { name: /^Ticket #\d+$/ });
  await title.waitFor();
  const number = (await title.textContent()).replace('Ticket #', '');

  const agent = await signIn(browser, server);
  const { body } = await consoleApi(agent, 'GET', `/api/v1/tickets/${number}`);
  assert.match(body.details.error_message, /reading 'rows'/);
  assert.match(body.details.error_message, /502 Bad Gateway/);
  assert.match(body.details.environment, /Viewport: \d+×\d+/);
  await context.close();
  await agent.context().close();
});

test('where the browser cannot capture the tab, the messenger says so and opens the file picker', async () => {
  const context = await browser.newContext();
  // A browser without the Screen Capture API, as on phones.
  await context.addInitScript(() => { delete MediaDevices.prototype.getDisplayMedia; });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').waitFor();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    frame.getByRole('button', { name: 'Take a screenshot' }).click(),
  ]);
  await frame.getByText('Screenshots are not available in this browser. You can attach a picture instead.').waitFor();
  await chooser.setFiles({ name: 'instead.png', mimeType: 'image/png', buffer: photo });
  await frame.getByRole('list', { name: 'Attached files' }).getByText('instead.png').waitFor();
  await context.close();
});

test('where the screenshot code cannot be fetched, the visitor is told and the shared tab stops being shared', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // Keeps the tracks of every capture the messenger is given, to see whether it ends them.
  await context.addInitScript(() => {
    const capture = MediaDevices.prototype.getDisplayMedia;
    MediaDevices.prototype.getDisplayMedia = async function (...args) {
      const stream = await capture.apply(this, args);
      (window.sharedTracks ??= []).push(...stream.getTracks());
      return stream;
    };
  });
  await context.route(/\/assets\/widget-(split|chunk)_[^/]*\.wasm$/, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.bringToFront();
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').waitFor();
  await frame.getByRole('button', { name: 'Take a screenshot' }).click();
  await frame.getByRole('status').getByText('This part of the messenger could not be loaded').waitFor();
  const inside = page.frames().find((each) => new URL(each.url()).pathname === '/messenger');
  await inside.waitForFunction(() => window.sharedTracks?.length > 0 && window.sharedTracks.every((track) => track.readyState === 'ended'));
  assert.equal(await frame.getByRole('dialog', { name: 'Screenshot' }).count(), 0);
  await context.close();
});
