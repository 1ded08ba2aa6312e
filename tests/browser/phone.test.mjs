// The messenger on phones (Chromium's mobile emulation: touch, device pixel ratio, a
// phone-sized viewport), in landscape, and on a desktop zoomed to 200 %.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger, publishArticle } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await signIn(browser, server);
  await publishArticle(admin, {
    title: 'Change your billing address',
    body: 'Open **Settings → Billing** and edit the address. Invoices after the change use it.',
  });
  await admin.context().close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

/** The panel's and the visual viewport's rectangles, in layout-viewport pixels. */
function panelAndViewport(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('helpline-launcher').shadowRoot.querySelector('.p').getBoundingClientRect();
    const view = window.visualViewport;
    return {
      panel: { top: panel.top, left: panel.left, width: panel.width, height: panel.height },
      view: { top: view.offsetTop, left: view.offsetLeft, width: view.width, height: view.height },
    };
  });
}

const phones = [
  { width: 320, height: 568, deviceScaleFactor: 2 },
  { width: 375, height: 667, deviceScaleFactor: 2 },
  { width: 390, height: 844, deviceScaleFactor: 3 },
];

for (const { width, height, deviceScaleFactor } of phones) {
  test(`on a ${width} px phone the messenger fills the screen; search, tapping Send and closing work`, async () => {
    const context = await browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    const help = page.getByRole('button', { name: 'Help' });
    await help.tap();
    const frame = messenger(page);
    const search = frame.getByLabel('Search help articles');
    await search.waitFor();

    const iframe = page.locator('iframe[title="Support messenger"]');
    const box = await iframe.boundingBox();
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, width, height], 'full screen');
    // The launcher makes way: it would cover the messenger's Send button.
    await help.waitFor({ state: 'hidden' });

    await search.fill('billing address');
    await frame
      .getByRole('region', { name: 'Search results' })
      .getByRole('button', { name: /Change your billing address/ })
      .waitFor();
    await search.fill('');
    await frame.getByRole('button', { name: 'Chat with us' }).tap();
    const composer = frame.getByLabel('Message');
    await composer.fill(`Sent from a ${width} px phone`);
    // A real tap: it fails if anything covers the button.
    await frame.getByRole('button', { name: 'Send', exact: true }).tap({ timeout: 10_000 });
    await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: `Sent from a ${width} px phone` }).waitFor();

    await frame.getByRole('button', { name: 'Close' }).tap();
    await iframe.waitFor({ state: 'hidden' });
    await help.waitFor();
    await context.close();
  });
}

test('the full-screen messenger follows the visual viewport, as the on-screen keyboard shrinks it', async () => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 3,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).tap();
  await messenger(page).getByLabel('Search help articles').waitFor();

  // Chromium opens no keyboard headless; zooming in shrinks the visual viewport the
  // same way, and the panel must follow it to keep the composer in sight.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
  await page.waitForFunction(() => window.visualViewport.scale > 1.5);
  await page.waitForFunction(() => {
    const panel = document.querySelector('helpline-launcher').shadowRoot.querySelector('.p').getBoundingClientRect();
    const view = window.visualViewport;
    return Math.abs(panel.height - view.height) < 1 && Math.abs(panel.top - view.offsetTop) < 1;
  });
  const { panel, view } = await panelAndViewport(page);
  assert.ok(view.height < 844 / 1.5, `the visual viewport shrank: ${JSON.stringify(view)}`);
  assert.ok(Math.abs(panel.height - view.height) < 1 && Math.abs(panel.width - view.width) < 1, JSON.stringify({ panel, view }));
  await context.close();
});

test('in landscape and at 200 % zoom the messenger grows with the viewport', async () => {
  // A phone on its side, and a 1280×800 desktop at 200 % zoom (which lays pages out in
  // 640×400 CSS pixels at two device pixels each).
  const screens = [
    { viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
    { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  ];
  for (const screen of screens) {
    const context = await browser.newContext(screen);
    const page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    const help = page.getByRole('button', { name: 'Help' });
    await help.click();
    await messenger(page).getByLabel('Search help articles').waitFor();
    const box = await page.locator('iframe[title="Support messenger"]').boundingBox();
    const { width, height } = screen.viewport;
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, width, height], JSON.stringify(screen));
    await help.waitFor({ state: 'hidden' });
    await messenger(page).getByRole('button', { name: 'Close' }).click();
    await help.waitFor();
    await context.close();
  }
});

test('on a wide desktop the messenger stays a floating panel beside the launcher', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  const help = page.getByRole('button', { name: 'Help' });
  await help.click();
  await messenger(page).getByLabel('Search help articles').waitFor();
  const box = await page.locator('iframe[title="Support messenger"]').boundingBox();
  assert.deepEqual([box.width, box.height].map(Math.round), [380, 600]);
  assert.equal(await help.isVisible(), true, 'the launcher stays, to close the panel');
  await context.close();
});
