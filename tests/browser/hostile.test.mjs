// The loader on host pages that are not ours: a page that breaks `fetch` and
// `Array.prototype`, owns globals named like Helpline's, covers the corner with a banner
// at the highest z-index, transforms its body and forbids inline styles by CSP. And a
// host whose origin is not allowed, which hears so once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger, consoleApi, allowOrigin, startHost } from './harness.mjs';

let server;
let browser;
let hostile;
let stranger;
let admin;

/** The page's own script, loaded before the loader: everything a messy host app does. */
const HOSTILE_JS = `
window.violations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  violations[violations.length] = event.violatedDirective + ' ' + event.blockedURI;
});
window.fetch = function () { throw new Error('this page does not allow fetch'); };
var names = ['forEach', 'map', 'filter', 'push', 'pop', 'shift', 'indexOf', 'includes', 'some', 'every', 'reduce',
  'find', 'slice', 'splice', 'concat', 'join'];
// Playwright's own page.evaluate helper (UtilityScript) still gets the real methods, so
// the test can look at the page; everything else, the loader included, gets a throw.
function pollute(name) {
  var original = Array.prototype[name];
  var polluted = function () {
    if (/UtilityScript/.test(new Error().stack)) return original.apply(this, arguments);
    throw new Error('Array.prototype.' + name + ' is polluted');
  };
  Object.defineProperty(Array.prototype, name, { value: polluted, writable: true, configurable: true, enumerable: true });
}
for (var i = 0; i < names.length; i++) pollute(names[i]);
Array.from = function () { throw new Error('Array.from is polluted'); };
Array.prototype.junk = 'enumerable junk';
window.__helpline = 'a global of the host app';
window.Helpline = { q: 42, name: 'not a function' };
`;

const HOSTILE_CSS = `
body { transform: translateX(-60px) scale(0.9); margin: 0; }
.banner { position: fixed; right: 0; bottom: 0; width: 320px; height: 140px; z-index: 2147483647;
  background: rgb(200, 0, 0); color: white; }
button, div, p, span, iframe { all: unset !important; display: none !important; }
`;

function hostilePage(serverUrl) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile host</title>
<link rel="stylesheet" href="/host.css"><script src="/hostile.js"></script></head>
<body><h1>A host app that breaks things</h1><section class="banner">Cookie banner at z-index 2147483647</section>
<script src="${serverUrl}/helpline.js" data-app-id="demo" async></script></body></html>`;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const csp = `default-src 'self'; style-src 'self'; script-src 'self' ${server.url}; frame-src ${server.url}`;
  hostile = await startHost({
    '/': { body: hostilePage(server.url), headers: { 'content-security-policy': csp } },
    '/hostile.js': { type: 'text/javascript', body: HOSTILE_JS },
    '/host.css': { type: 'text/css', body: HOSTILE_CSS },
  });
  stranger = await startHost({
    '/': {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stranger</title></head>
<body><script src="${server.url}/helpline.js" data-app-id="demo" async></script></body></html>`,
    },
  });
  admin = await signIn(browser, server);
  await allowOrigin(admin, hostile.origin);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
  hostile?.close();
  stranger?.close();
});

test('on a hostile host page the button is visible and clickable, the messenger opens and a message reaches the server', async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  await page.goto(`${hostile.origin}/`);
  const help = page.getByRole('button', { name: 'Help' });
  await help.waitFor();

  // Styled under `style-src 'self'`, inside the viewport despite the transformed body.
  assert.equal(await help.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(59, 91, 219)');
  const box = await help.boundingBox();
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1024 && box.y + box.height <= 700, JSON.stringify(box));
  assert.ok(box.x + box.width > 1024 - 320 && box.y + box.height > 700 - 140, 'the button sits where the banner is');
  // A real click: it fails if anything (the banner) would receive it instead.
  await help.click({ timeout: 10_000 });

  const frame = messenger(page);
  const composer = frame.getByLabel('Message');
  await composer.fill('Hello from a hostile page');
  await composer.press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  const panel = await page.locator('iframe[title="Support messenger"]').boundingBox();
  assert.equal(Math.round(panel.width), 380, 'the panel is styled, not a bare 300×150 iframe');

  const conversations = await consoleApi(admin, 'GET', '/api/v1/conversations');
  assert.ok(
    JSON.stringify(conversations.body).includes('Hello from a hostile page'),
    `the server has the message: ${JSON.stringify(conversations.body)}`,
  );
  // The loader broke none of the page's rules, and Helpline is the loader's now.
  assert.equal(await page.evaluate(() => JSON.stringify(window.violations)), '[]');
  assert.equal(await page.evaluate(() => typeof window.Helpline), 'function');
  await page.evaluate(() => window.Helpline('close'));
  await page.locator('iframe[title="Support messenger"]').waitFor({ state: 'hidden' });
  await context.close();
});

test('a host origin that is not allowed hears so once and never that support is unreachable', async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  await page.goto(`${stranger.origin}/`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByText('This site is not allowed to embed this messenger.').waitFor();
  // Long past every deadline of the loader: the refusal is still the answer.
  await page.clock.runFor(60_000);
  await frame.getByText('This site is not allowed to embed this messenger.').waitFor();
  assert.equal(await page.getByText('Support is unreachable').count(), 0);
  assert.equal(await page.locator('iframe[title="Support messenger"]').isVisible(), true);
  await context.close();
});
