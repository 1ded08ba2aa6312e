// The agent console in the agent's language: a German browser gets a German console,
// an Arabic one an Arabic console mirrored right to left, and the language an agent
// picks in the top bar wins over the browser's and stays after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signInHere, consoleCatalog } from './harness.mjs';

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

/** The console document's `lang` and `dir`. */
function documentLanguage(page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

for (const [browserLocale, locale, dir] of [['de-DE', 'de', 'ltr'], ['ar-EG', 'ar', 'rtl']]) {
  test(`a ${browserLocale} browser gets the console in ${locale}, ${dir}`, async () => {
    const words = consoleCatalog(locale);
    const context = await browser.newContext({ locale: browserLocale });
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    assert.deepEqual(await documentLanguage(page), { lang: locale, dir });
    await page.getByText(words.get('login-intro')).waitFor();
    await signInHere(page, server, locale);

    const nav = page.getByRole('navigation', { name: words.get('nav-label') });
    for (const id of ['nav-inbox', 'nav-tickets', 'nav-help-center']) {
      await nav.getByRole('button', { name: words.get(id), exact: true }).waitFor();
    }
    await page.getByRole('heading', { name: words.get('inbox-title') }).waitFor();
    await page.getByText(words.get('conversation-select')).waitFor();
    assert.equal(await page.title(), words.get('console-title'));

    // The layout follows the text: in Arabic the brand sits at the right end of the
    // top bar and the inbox at the right of the workspace.
    const [brand, signOut] = await Promise.all([
      page.locator('.brand').boundingBox(),
      page.getByRole('button', { name: words.get('sign-out') }).boundingBox(),
    ]);
    const [inbox, thread] = await Promise.all([page.locator('.inbox').boundingBox(), page.locator('.thread-pane').boundingBox()]);
    if (dir === 'rtl') {
      assert.ok(brand.x > signOut.x, `the brand (x ${brand.x}) is right of sign-out (x ${signOut.x})`);
      assert.ok(inbox.x > thread.x, `the inbox (x ${inbox.x}) is right of the conversation (x ${thread.x})`);
    } else {
      assert.ok(brand.x < signOut.x, `the brand (x ${brand.x}) is left of sign-out (x ${signOut.x})`);
      assert.ok(inbox.x < thread.x, `the inbox (x ${inbox.x}) is left of the conversation (x ${thread.x})`);
    }

    // A page that is loaded when first opened speaks the language too.
    await nav.getByRole('button', { name: words.get('nav-tickets'), exact: true }).click();
    await page.getByRole('heading', { name: words.get('tickets-queue') }).waitFor();
    await page.getByLabel(words.get('filters-search'), { exact: true }).waitFor();
    await context.close();
  });
}

test('the language an agent picks wins over the browser and stays after a reload', async () => {
  const english = consoleCatalog('en');
  const german = consoleCatalog('de');
  const arabic = consoleCatalog('ar');
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await signInHere(page, server, 'en');
  assert.deepEqual(await documentLanguage(page), { lang: 'en', dir: 'ltr' });

  const picker = () => page.locator('select.language-picker');
  await Promise.all([page.waitForEvent('load'), picker().selectOption('de')]);
  await page.getByRole('button', { name: german.get('sign-out') }).waitFor();
  assert.deepEqual(await documentLanguage(page), { lang: 'de', dir: 'ltr' });
  assert.equal(await picker().inputValue(), 'de');
  assert.equal(await picker().getAttribute('aria-label'), german.get('language-label'));

  await page.reload();
  await page.getByRole('button', { name: german.get('sign-out') }).waitFor();
  assert.deepEqual(await documentLanguage(page), { lang: 'de', dir: 'ltr' });

  // Another tab of the same browser, at a deeper address, opens in the picked language.
  const other = await context.newPage();
  await other.goto(`${server.url}/console/tickets`);
  await other.getByRole('heading', { name: german.get('tickets-queue') }).waitFor();
  assert.deepEqual(await documentLanguage(other), { lang: 'de', dir: 'ltr' });
  await other.close();

  await Promise.all([page.waitForEvent('load'), picker().selectOption('ar')]);
  await page.getByRole('button', { name: arabic.get('sign-out') }).waitFor();
  assert.deepEqual(await documentLanguage(page), { lang: 'ar', dir: 'rtl' });

  await Promise.all([page.waitForEvent('load'), picker().selectOption('en')]);
  await page.getByRole('button', { name: english.get('sign-out') }).waitFor();
  assert.deepEqual(await documentLanguage(page), { lang: 'en', dir: 'ltr' });
  await context.close();
});
