// The messenger and its launcher in the visitor's language and colours: a German and an
// Arabic browser (Arabic mirrored: launcher and panel on the left, text right to left),
// the host's choice before the browser's, the workspace's default remembered for the
// launcher on later pages without a request, and dark mode from the system or the
// workspace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, signIn, consoleApi } from './harness.mjs';

let server;
let browser;
let admin;

/** A shipped catalog's one-line messages, id → text. */
function catalog(locale) {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'i18n', 'locales', locale, 'messenger.ftl');
  const messages = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const found = line.match(/^([a-z][a-z0-9-]*) = (.+)$/);
    if (found) messages.set(found[1], found[2]);
  }
  return messages;
}

/** What the messenger says in `locale` where it says `english` in English. */
function translated(locale, english) {
  const id = [...catalog('en')].find(([, text]) => text === english)?.[0];
  assert.ok(id, `the English catalog has "${english}"`);
  const text = catalog(locale).get(id);
  assert.ok(text && text !== english, `${locale} translates ${id}`);
  return text;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(browser, server);
});

after(async () => {
  await admin?.context().close();
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

async function setAppearance(appearance) {
  const saved = await consoleApi(admin, 'PUT', '/api/v1/workspace/appearance', appearance);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

/** The launcher's button: its text, accessible name, side and the host element's lang and dir. */
function launcher(page) {
  return page.evaluate(() => {
    const host = document.querySelector('helpline-launcher');
    const button = host.shadowRoot.querySelector('button');
    const box = button.getBoundingClientRect();
    return {
      text: button.firstChild.nodeValue,
      name: button.getAttribute('aria-label'),
      lang: host.lang,
      dir: host.dir,
      centre: box.left + box.width / 2,
      width: window.innerWidth,
    };
  });
}

/** The messenger frame's document language, direction and body colours. */
function frameLooks(frame) {
  return frame.evaluate(() => {
    const style = getComputedStyle(document.body);
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: style.direction,
      background: style.backgroundColor,
      color: style.color,
    };
  });
}

async function openMessenger(page, title) {
  await page.locator('helpline-launcher button').click();
  const iframe = page.locator(`iframe[title="${title}"]`);
  await iframe.waitFor();
  const frame = await (await iframe.elementHandle()).contentFrame();
  return { iframe, frame, locator: page.frameLocator(`iframe[title="${title}"]`) };
}

test('a German browser gets the launcher and the messenger in German', async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  const button = await launcher(page);
  assert.equal(button.text, 'Hilfe');
  assert.equal(button.lang, 'de');
  assert.equal(button.dir, 'ltr');
  assert.ok(button.centre > button.width / 2, 'on the right');

  const { frame, locator } = await openMessenger(page, 'Support-Messenger');
  await locator.getByLabel(translated('de', 'Search help articles')).waitFor();
  const looks = await frameLooks(frame);
  assert.deepEqual([looks.lang, looks.dir, looks.direction], ['de', 'ltr', 'ltr']);
  await locator.getByRole('button', { name: translated('de', 'Chat with us') }).click();
  await locator.getByLabel(translated('de', 'Message')).fill('Hallo, ich brauche Hilfe');
  await locator.getByLabel(translated('de', 'Message')).press('Enter');
  await locator.getByText('Hallo, ich brauche Hilfe').waitFor();

  // A field the server refuses is explained in German beside it: the messenger asks for
  // its refusals in the language it speaks.
  await locator.getByRole('button', { name: translated('de', 'Back') }).click();
  await locator.getByRole('button', { name: translated('de', 'Email us') }).click();
  await locator.getByLabel(translated('de', 'Your email')).fill('hannah@example.net');
  await locator.getByLabel(translated('de', 'Type')).selectOption({ label: translated('de', 'Bug') });
  await locator.getByLabel(translated('de', 'Subject')).fill('Export');
  await locator.getByLabel(translated('de', 'Description')).fill('Der Export bricht ab.');
  await locator.getByLabel(translated('de', 'What were you trying to do?')).fill('Rechnungen laden');
  await locator.getByRole('button', { name: translated('de', 'Send') }).click();
  await locator.getByText('Sagen Sie, was stattdessen passiert ist').waitFor();
  await context.close();
});

test('an Arabic browser gets them in Arabic, mirrored: the launcher and panel on the left', async () => {
  const context = await browser.newContext({ locale: 'ar-EG' });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  const button = await launcher(page);
  assert.equal(button.text, 'مساعدة');
  assert.equal(button.lang, 'ar');
  assert.equal(button.dir, 'rtl');
  assert.ok(button.centre < button.width / 2, `on the left: ${JSON.stringify(button)}`);

  const { iframe, frame, locator } = await openMessenger(page, 'نافذة مراسلة الدعم');
  await locator.getByLabel(translated('ar', 'Search help articles')).waitFor();
  const looks = await frameLooks(frame);
  assert.deepEqual([looks.lang, looks.dir, looks.direction], ['ar', 'rtl', 'rtl']);
  const panel = await iframe.boundingBox();
  assert.ok(panel.x + panel.width / 2 < button.width / 2, `the panel is on the left: ${JSON.stringify(panel)}`);
  await context.close();
});

test("the host's locale comes before the browser's, and a language we do not ship falls through", async () => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.evaluate(() => window.Helpline('boot', { locale: 'es-MX' }));
  assert.equal((await launcher(page)).text, 'Ayuda');
  const { frame, locator } = await openMessenger(page, 'Mensajería de soporte');
  await locator.getByLabel(translated('es', 'Search help articles')).waitFor();
  assert.equal((await frameLooks(frame)).lang, 'es');

  const other = await context.newPage();
  await other.goto(`${server.url}/demo`);
  await other.evaluate(() => window.Helpline('boot', { locale: 'fr' }));
  assert.equal((await launcher(other)).text, 'Hilfe', 'French is not shipped: the browser’s German');
  await context.close();
});

test("the workspace's default, set in the console, speaks where neither host nor browser chose; the launcher remembers it", async () => {
  await admin.goto(`${server.url}/console/settings`);
  const card = admin.getByRole('region', { name: 'Messenger appearance' });
  await card.getByLabel('Default language').selectOption({ label: 'Español' });
  await card.getByText('Saved').waitFor();
  try {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    assert.equal((await launcher(page)).text, 'Help', 'nothing known yet: English');
    const { frame } = await openMessenger(page, 'Support messenger');
    await frame.waitForFunction(() => document.documentElement.lang === 'es');
    await page.waitForFunction(
      () => document.querySelector('helpline-launcher').shadowRoot.querySelector('button').firstChild.nodeValue === 'Ayuda',
    );

    // The next page (a new tab, so nothing of this one's messenger is still loading)
    // labels the launcher in Spanish before any request to Helpline.
    await page.close();
    const next = await context.newPage();
    const requests = [];
    next.on('request', (request) => {
      if (request.url().startsWith(server.url) && !request.url().endsWith('/helpline.js')) requests.push(request.url());
    });
    await next.goto(`${server.url}/demo`);
    assert.equal((await launcher(next)).text, 'Ayuda');
    assert.deepEqual(requests.filter((url) => !url.endsWith('/demo')), [], 'no request before the click');
    await context.close();
  } finally {
    await setAppearance({ default_locale: 'en', theme: 'auto' });
  }
});

test('dark mode follows the system unless the workspace forces light or dark', async () => {
  const backgrounds = {};
  for (const [scheme, theme] of [['light', 'auto'], ['dark', 'auto'], ['dark', 'light'], ['light', 'dark']]) {
    await setAppearance({ default_locale: 'en', theme });
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo`);
    const { frame, locator } = await openMessenger(page, 'Support messenger');
    await locator.getByLabel('Search help articles').waitFor();
    const looks = await frameLooks(frame);
    backgrounds[`${scheme}/${theme}`] = looks;
    await context.close();
  }
  await setAppearance({ default_locale: 'en', theme: 'auto' });
  const white = 'rgb(255, 255, 255)';
  const dark = 'rgb(23, 25, 31)';
  assert.equal(backgrounds['light/auto'].background, white);
  assert.equal(backgrounds['dark/auto'].background, dark);
  assert.equal(backgrounds['dark/light'].background, white, 'the workspace forces light');
  assert.equal(backgrounds['light/dark'].background, dark, 'the workspace forces dark');
  assert.notEqual(backgrounds['dark/auto'].color, backgrounds['light/auto'].color, 'the text colour changes too');
});

/** Does `action` in the console and waits for the appearance it saves. */
async function saving(action) {
  const saved = admin.waitForResponse(
    (response) => response.url().endsWith('/api/v1/workspace/appearance') && response.request().method() === 'PUT',
  );
  await action();
  const response = await saved;
  assert.equal(response.status(), 200, await response.text());
}

/** The launcher's colours, side and label. */
function launcherLook(page) {
  return page.evaluate(() => {
    const button = document.querySelector('helpline-launcher').shadowRoot.querySelector('button');
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    return {
      background: style.backgroundColor,
      color: style.color,
      left: box.left + box.width / 2 < window.innerWidth / 2,
      label: button.firstChild.nodeValue,
    };
  });
}

test('a brand colour, side and words set in the console reach the messenger, and the launcher of the next page without a request', async () => {
  await admin.goto(`${server.url}/console/settings`);
  const card = admin.getByRole('region', { name: 'Messenger appearance' });
  // A light yellow: black text is the readable one on it.
  await saving(() => card.getByLabel('Brand colour').fill('#ffd43b'));
  await saving(() => card.getByLabel('Launcher position').selectOption({ label: 'Bottom left' }));
  await card.getByLabel('Language', { exact: true }).selectOption({ label: 'Deutsch' });
  await card.getByLabel('Launcher label').fill('Hilfe & Kontakt');
  await card.getByLabel('Greeting').fill('Hallo! Wie können wir helfen?');
  await saving(() => card.getByRole('button', { name: 'Save words' }).click());
  // The snippet to paste carries the launcher's look.
  await admin.reload();
  await admin.locator('pre.snippet', { hasText: 'data-look="#ffd43b #000000 left"' }).waitFor();
  try {
    // No transitions: the contact buttons swap styles when presence arrives, and their
    // colours are read below.
    const context = await browser.newContext({ locale: 'de-DE', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const early = [];
    page.on('request', (request) => {
      if (request.url().startsWith(server.url) && !/\/(demo|helpline\.js)$/.test(request.url())) early.push(request.url());
    });
    await page.goto(`${server.url}/demo`);
    // A launcher that never met a messenger wears the snippet's look (the demo page
    // carries the snippet as the console shows it): the brand and side, with its own
    // label until the messenger says the workspace's.
    const snippet = { background: 'rgb(255, 212, 59)', color: 'rgb(0, 0, 0)', left: true, label: 'Hilfe' };
    assert.deepEqual(await launcherLook(page), snippet, "the snippet's data-look");
    assert.deepEqual(early, [], 'no request before the click');

    const { frame, locator } = await openMessenger(page, 'Support-Messenger');
    await locator.getByText('Hallo! Wie können wir helfen?').waitFor();
    const painted = await frame.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const entry = document.querySelector('.chat-entry:not(.secondary)');
      return {
        brand: root.getPropertyValue('--hl-brand').trim(),
        onBrand: root.getPropertyValue('--hl-on-brand').trim(),
        button: entry && getComputedStyle(entry).backgroundColor,
        text: entry && getComputedStyle(entry).color,
      };
    });
    assert.deepEqual(painted, { brand: '#ffd43b', onBrand: '#000000', button: 'rgb(255, 212, 59)', text: 'rgb(0, 0, 0)' });
    const branded = { background: 'rgb(255, 212, 59)', color: 'rgb(0, 0, 0)', left: true, label: 'Hilfe & Kontakt' };
    await page.waitForFunction(
      () => document.querySelector('helpline-launcher').shadowRoot.querySelector('button').firstChild.nodeValue === 'Hilfe & Kontakt',
    );
    assert.deepEqual(await launcherLook(page), branded, 'the messenger told the launcher');

    // The next page (a new tab) draws the launcher so before any request to Helpline.
    await page.close();
    const next = await context.newPage();
    const requests = [];
    next.on('request', (request) => {
      if (request.url().startsWith(server.url) && !request.url().endsWith('/helpline.js')) requests.push(request.url());
    });
    await next.goto(`${server.url}/demo`);
    assert.deepEqual(await launcherLook(next), branded);
    assert.deepEqual(requests.filter((url) => !url.endsWith('/demo')), [], 'no request before the click');
    await context.close();
  } finally {
    await setAppearance({ default_locale: 'en', theme: 'auto' });
  }
});
