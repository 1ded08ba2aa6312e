// The help center inside the messenger: a visitor searches (with a typo), browses a
// category, reads an article without leaving the host page and says whether it helped;
// articles are suggested while a chat message is written; focus the messenger moves
// never takes what the visitor is typing elsewhere; article HTML cannot run script
// anywhere; and a screen whose code does not arrive says so and is fetched again on
// Try again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger, consoleApi, publishArticle } from './harness.mjs';

let server;
let browser;
let agent;
let category;
let article;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  agent = await signIn(browser, server);
  const created = await consoleApi(agent, 'POST', '/api/v1/categories', {
    name: 'Vault', description: 'Keeping secrets safe',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  category = created.body;
  article = await publishArticle(agent, {
    title: 'Reset your vault password',
    categoryId: category.id,
    body: [
      'Open **Settings**, choose *Security* and press **Reset vault password**.',
      'We email you a link that works for one hour.',
      `Still stuck? Check the [status page](${server.url}/healthz) first.`,
    ].join('\n\n'),
  });
});

after(async () => {
  await agent?.context().close();
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

/** Opens the demo host page's messenger in a fresh visitor context. */
async function openMessenger() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').waitFor();
  return { context, page, frame };
}

test('a visitor finds an article despite a typo, reads it inside the messenger and says it helped', async () => {
  const { context, page, frame } = await openMessenger();
  const hostUrl = page.url();

  // The home: the search box with the focus, the chat one click away, the topics.
  const search = frame.getByLabel('Search help articles');
  await frame.locator('input[type="search"]:focus').waitFor();
  await frame.getByRole('button', { name: 'Chat with us' }).waitFor();

  // A category lists its articles; Back returns home.
  await frame.getByRole('button', { name: /^Vault/ }).click();
  await frame.getByRole('heading', { name: 'Vault', exact: true }).waitFor();
  await frame.getByRole('button', { name: 'Reset your vault password' }).waitFor();
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await frame.locator(`[data-focus-key="category:${category.id}"]:focus`).waitFor();

  await search.pressSequentially('vault pasword', { delay: 30 });
  const results = frame.getByRole('region', { name: 'Search results' });
  const hit = results.getByRole('button', { name: /Reset your vault password/ });
  await hit.waitFor();
  assert.match(await hit.innerHTML(), /<mark>/, 'the matched words are marked');

  const viewed = page.waitForResponse((r) => r.url().endsWith(`/api/v1/widget/articles/${article.id}/views`));
  await hit.click();
  const rendered = frame.locator('article');
  await rendered.getByRole('heading', { name: 'Reset your vault password' }).waitFor();
  await rendered.getByText('We email you a link that works for one hour.').waitFor();
  await frame.locator('article h2:focus').waitFor();
  assert.equal((await viewed).status(), 204);
  assert.equal(page.url(), hostUrl, 'the host page did not navigate');
  // The category's list and the article are read by lazily loaded code, but each
  // request starts at the click, not once that code has arrived.
  const timings = await page.frames().find((f) => new URL(f.url()).pathname === '/messenger').evaluate(() =>
    performance.getEntriesByType('resource').map(({ name, startTime, responseEnd }) =>
      ({ path: new URL(name).pathname + new URL(name).search, startTime, responseEnd })));
  const entry = (pattern) => {
    const found = timings.filter((timing) => pattern.test(timing.path));
    assert.equal(found.length, 1, `${pattern}: ${JSON.stringify(timings)}`);
    return found[0];
  };
  const readers = [
    [entry(/^\/api\/v1\/widget\/articles\?category=/), entry(/^\/assets\/widget-split_read_category-[0-9a-f]+\.wasm$/)],
    [entry(new RegExp(`^/api/v1/widget/articles/${article.slug}$`)), entry(/^\/assets\/widget-split_read_article-[0-9a-f]+\.wasm$/)],
  ];
  for (const [request, reader] of readers) {
    assert.ok(request.startTime < reader.responseEnd, `${request.path} starts before its reader arrives`);
  }

  // A link in the article opens a new tab; the messenger keeps the article.
  const link = rendered.getByRole('link', { name: 'status page' });
  assert.equal(await link.getAttribute('target'), '_blank');
  const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).pathname, '/healthz');
  await popup.close();
  assert.ok(page.frames().some((f) => new URL(f.url()).pathname === '/messenger'), 'the iframe stayed on the messenger');
  await rendered.getByText('We email you a link').waitFor();

  await frame.getByText('Did this answer your question?').waitFor();
  // Waited for from the click that sends it, so no earlier step counts against its time.
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/widget/articles/${article.id}/feedback`));
  await frame.getByRole('button', { name: 'Yes', exact: true }).click();
  assert.equal((await answered).status(), 204);
  await frame.getByText('Thanks for letting us know!').waitFor();
  const analytics = await consoleApi(agent, 'GET', '/api/v1/help/analytics');
  assert.equal(analytics.status, 200);
  const stats = analytics.body.articles.find((a) => a.id === article.id);
  assert.equal(stats.helpful, 1);
  assert.equal(stats.not_helpful, 0);
  assert.ok(stats.views >= 1, `views recorded: ${JSON.stringify(stats)}`);

  // Back returns to the results with the query intact, focus on the article's result.
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await frame.locator(`[data-focus-key="article:${article.slug}"]:focus`).waitFor();
  assert.equal(await search.inputValue(), 'vault pasword');

  // Nothing found says so; an empty box is the home again.
  await search.fill('zqxjv');
  await results.getByText('No articles found').waitFor();
  await search.fill('');
  await frame.getByRole('heading', { name: 'Browse topics' }).waitFor();
  assert.equal(page.url(), hostUrl);
  await context.close();
});

test('while a visitor writes a chat message, matching articles are suggested and reading one keeps the draft', async () => {
  const { context, page, frame } = await openMessenger();
  await frame.getByRole('button', { name: 'Chat with us' }).click();
  const log = frame.getByRole('log', { name: 'Conversation' });
  await log.waitFor();
  const composer = frame.getByLabel('Message');
  await composer.pressSequentially('I forgot my vault password', { delay: 20 });

  const suggestions = frame.getByRole('region', { name: 'These might help' });
  const suggestion = suggestions.getByRole('button', { name: /Reset your vault password/ });
  await suggestion.click();
  await frame.locator('article').getByRole('heading', { name: 'Reset your vault password' }).waitFor();
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await log.waitFor();
  assert.equal(await composer.inputValue(), 'I forgot my vault password');
  await frame.locator(`[data-focus-key="suggestion:${article.slug}"]:focus`).waitFor();

  // "No" offers the chat, which comes back with the draft still there.
  await suggestion.click();
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/widget/articles/${article.id}/feedback`));
  await frame.getByRole('button', { name: 'No', exact: true }).click();
  assert.equal((await answered).status(), 204);
  await frame.getByRole('button', { name: 'Chat with us' }).click();
  await log.waitFor();
  assert.equal(await composer.inputValue(), 'I forgot my vault password');

  // Fewer than three words hide the suggestions; sending the message hides them too.
  await composer.fill('vault password');
  await suggestions.waitFor({ state: 'hidden' });
  await composer.fill('How do I reset my vault password?');
  await suggestion.waitFor();
  await composer.press('Enter');
  await log.locator('li.message.from-visitor', { hasText: 'How do I reset my vault password?' }).waitFor();
  await suggestions.waitFor({ state: 'hidden' });
  assert.equal(await composer.inputValue(), '');
  await context.close();
});

test('a visitor who clicks into the composer before focus has moved keeps typing there', async () => {
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  const composer = frame.getByLabel('Message');
  await composer.waitFor();
  await frame.getByRole('button', { name: /^Vault/ }).click();
  await frame.getByRole('heading', { name: 'Vault', exact: true }).waitFor();

  // Frozen time holds back the frame in which focus would return to the category.
  await page.clock.pauseAt(Date.now() + 1000);
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await composer.click();
  await page.keyboard.type('Where is my vault?');
  await page.clock.runFor(1000);
  assert.equal(await composer.evaluate((field) => field === document.activeElement), true, 'focus stays');
  await page.keyboard.type(' Thanks');

  assert.equal(await composer.inputValue(), 'Where is my vault? Thanks');
  assert.equal(await frame.getByRole('searchbox').inputValue(), '');
  await context.close();
});

test('script in an article runs nowhere: not in the messenger, not on the host page', async () => {
  const corpus = [
    'Safe opening paragraph.',
    '<script>window.__xss = 1; parent.__xssHit();</script>',
    '<img src="x" onerror="window.__xss = 1; parent.__xssHit()">',
    '<svg onload="window.__xss = 1"><circle r="4"></circle></svg>',
    '<iframe src="javascript:parent.__xssHit()"></iframe>',
    '<iframe srcdoc="&lt;script&gt;parent.parent.__xssHit()&lt;/script&gt;"></iframe>',
    '<style>article { display: none } body { background: red }</style>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 1"></style></mglyph></table></mtext></math>',
    '<a href="javascript:window.__xss = 1">raw javascript link</a>',
    '<a href="JaVaScRiPt:parent.__xssHit()">mixed case link</a>',
    '<a href="&#106;avascript:parent.__xssHit()">entity link</a>',
    '<a href="data:text/html,&lt;script&gt;parent.__xssHit()&lt;/script&gt;">data link</a>',
    '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;" alt="data image">',
    '<p onclick="window.__xss = 1" onmouseover="window.__xss = 1" style="color: red">hover me</p>',
    '<details open ontoggle="window.__xss = 1"><summary>toggle</summary>x</details>',
    '<input autofocus onfocus="window.__xss = 1">',
    '<form action="javascript:parent.__xssHit()"><button>submit me</button></form>',
    '<object data="javascript:parent.__xssHit()"></object><embed src="javascript:parent.__xssHit()">',
    '<base href="javascript:parent.__xssHit()//">',
    '<meta http-equiv="refresh" content="0; url=javascript:parent.__xssHit()">',
    '<video><source onerror="window.__xss = 1"></video>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '[markdown javascript link](javascript:window.__xss=1) and ![markdown image](javascript:alert(1))',
    '[markdown data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    'Safe closing paragraph.',
  ].join('\n\n');
  await publishArticle(agent, { title: 'Formatting corpus', body: corpus });

  const context = await browser.newContext();
  // Runs in every frame: a payload that gets anywhere leaves a trace on its window or,
  // through `parent`, on the host page's.
  await context.addInitScript(() => {
    window.__xssCalls = 0;
    window.__xssHit = () => { window.__xssCalls += 1; };
  });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await page.goto(`${server.url}/demo`);
  const hostUrl = page.url();
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Search help articles').fill('formatting corpus');
  await frame.getByRole('region', { name: 'Search results' }).getByRole('button', { name: /Formatting corpus/ }).click();
  const rendered = frame.locator('article');
  await rendered.getByText('Safe closing paragraph.').waitFor();

  // Poke at what is left, and wait until every image has loaded or failed, so any
  // error or load handler that survived would have run.
  await rendered.getByText('hover me').hover();
  await rendered.getByText('hover me').click();
  await rendered.getByText('raw javascript link').click();
  await rendered.getByText('markdown javascript link').click();
  await rendered.evaluate((element) => Promise.all([...element.querySelectorAll('img')].map((img) => img.complete
    ? null
    : new Promise((resolve) => {
      img.addEventListener('load', resolve);
      img.addEventListener('error', resolve);
    }))));

  const inside = await rendered.evaluate((element) => ({
    forbidden: [...element.querySelectorAll(
      'script, iframe, svg, style, math, object, embed, form, input, button, base, meta, video, details, noscript',
    )].map((el) => el.tagName),
    handlers: [...element.querySelectorAll('*')]
      .flatMap((el) => [...el.attributes].map((attribute) => attribute.name))
      .filter((name) => name.startsWith('on')),
    styled: element.querySelectorAll('[style]').length,
    urls: [...element.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src')),
  }));
  assert.deepEqual(inside.forbidden, []);
  assert.deepEqual(inside.handlers, []);
  assert.equal(inside.styled, 0);
  for (const url of inside.urls) {
    const scheme = url.trim().match(/^([a-z][a-z0-9+.-]*):/i)?.[1]?.toLowerCase();
    assert.ok(!scheme || ['http', 'https', 'mailto'].includes(scheme), `unsafe URL kept: ${url}`);
  }

  const messengerFrame = page.frames().find((f) => new URL(f.url()).pathname === '/messenger');
  assert.ok(messengerFrame, 'the messenger is still on its page');
  for (const each of [page.mainFrame(), messengerFrame]) {
    assert.deepEqual(await each.evaluate(() => [typeof window.__xss, window.__xssCalls]), ['undefined', 0]);
  }
  assert.equal(page.frames().length, 2, 'no frame was added');
  assert.deepEqual(dialogs, []);
  assert.equal(page.url(), hostUrl);
  await rendered.getByText('Safe opening paragraph.').waitFor();
  await context.close();
});

test('an article whose code cannot be fetched says so, and Try again brings it; nothing traps', async () => {
  const { context, page, frame } = await openMessenger();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  // The network drops just for the code fetched when first needed.
  const lazyCode = /\/assets\/widget-(split|chunk)_[^/]*\.wasm$/;
  await context.route(lazyCode, (route) => route.abort('internetdisconnected'));
  const refused = (module) => page.waitForEvent('requestfailed', (request) => request.url().includes(`/widget-split_${module}-`));

  // A file picked now cannot be uploaded without the uploader's code: the visitor is
  // told, rather than the file vanishing.
  const uploader = refused('upload');
  await frame.getByLabel('Attach files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
  await frame.getByRole('status').getByText('This part of the messenger could not be loaded').waitFor();
  await uploader;

  const screen = refused('category_screen');
  await frame.getByRole('button', { name: /^Vault/ }).click();
  const alert = frame.getByRole('alert').filter({ hasText: 'This part of the messenger could not be loaded' });
  await alert.waitFor();
  await screen;

  // Back and the rest of the messenger still work: the failure stayed in that screen.
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await frame.getByLabel('Search help articles').waitFor();
  await frame.getByRole('button', { name: /^Vault/ }).click();
  await alert.waitFor();

  // The network is back: Try again fetches the screen, and the category's own Try again
  // its reading code, whose first fetch failed as well.
  await context.unroute(lazyCode);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await frame.getByRole('heading', { name: 'Vault', exact: true }).waitFor();
  await frame.getByText("We can't reach the help center right now.").waitFor();
  await frame.getByRole('button', { name: 'Try again' }).click();
  await frame.getByRole('button', { name: 'Reset your vault password' }).click();
  await frame.locator('article').getByRole('heading', { name: 'Reset your vault password' }).waitFor();
  assert.equal(await alert.count(), 0);

  // A refused fetch is an error the messenger handled, not a trap: the module runs on.
  assert.deepEqual(errors.filter((text) => /unreachable|RuntimeError|panicked/i.test(text)), []);
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await frame.getByRole('heading', { name: 'Vault', exact: true }).waitFor();
  await frame.getByRole('button', { name: 'Back', exact: true }).click();
  await frame.getByLabel('Message').fill('still working');
  await frame.getByRole('button', { name: 'Send' }).click();
  await frame.getByText('still working').waitFor();
  await context.close();
});
