// The help center in the console: an agent writes an article with a live preview, saves
// it as a draft, publishes it, and visitors can then read it; the Insights view lists it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn } from './harness.mjs';

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

/** Fetches an article the way the messenger does: as a new visitor of the console's workspace. */
function readAsVisitor(console, slug) {
  return console.evaluate(async (slug) => {
    const workspace = await (await fetch('/api/v1/workspace')).json();
    const created = await fetch('/api/v1/widget/visitors', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: workspace.app_id }),
    });
    const { token } = await created.json();
    const answer = await fetch(`/api/v1/widget/articles/${slug}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: answer.status, body: answer.ok ? await answer.json() : null };
  }, slug);
}

async function openHelpCenter(page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Help center' }).click();
  await page.getByRole('heading', { name: 'Help center' }).waitFor();
}

test('an agent writes an article with a live preview, publishes it, and visitors can read it', async () => {
  const page = await signIn(browser, server);
  await openHelpCenter(page);
  await page.getByRole('button', { name: 'New article' }).click();
  await page.getByLabel('Title', { exact: true }).fill('How do I export invoices?');

  // The preview follows the body as it is typed, rendered and sanitised by the server.
  const body = page.getByLabel('Body', { exact: true });
  const preview = page.getByRole('region', { name: 'Preview' });
  await body.pressSequentially('Open ', { delay: 20 });
  await preview.getByText('Open').waitFor();
  await body.pressSequentially('**Billing** first.', { delay: 20 });
  await preview.locator('strong', { hasText: 'Billing' }).waitFor();
  await body.pressSequentially('\n\n<script>window.injected = true</script>\n\nThe end.');
  await preview.getByText('The end.').waitFor();
  assert.equal(await preview.locator('script').count(), 0);
  assert.doesNotMatch(await preview.innerHTML(), /<script/i);
  assert.equal(await page.evaluate(() => window.injected), undefined);

  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved').waitFor();
  // The server derived the slug from the title; the form shows it.
  const slug = page.getByLabel('Slug', { exact: true });
  assert.equal(await slug.inputValue(), 'how-do-i-export-invoices');
  assert.equal((await readAsVisitor(page, 'how-do-i-export-invoices')).status, 404, 'drafts stay hidden');

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('button', { name: 'Unpublish' }).waitFor();
  const visible = await readAsVisitor(page, 'how-do-i-export-invoices');
  assert.equal(visible.status, 200);
  assert.equal(visible.body.title, 'How do I export invoices?');
  assert.match(visible.body.html, /<strong>Billing<\/strong>/);
  assert.doesNotMatch(visible.body.html, /<script/i);

  // The list shows it as published; Insights lists it for its numbers.
  await page.getByRole('button', { name: 'Back to articles' }).click();
  const listed = page.getByRole('table', { name: 'Articles' }).getByRole('row', { name: /How do I export invoices\?/ });
  await listed.getByText('Published').waitFor();
  await page.getByRole('button', { name: 'Insights' }).click();
  const stats = page.getByRole('table', { name: 'Articles' }).getByRole('row', { name: /How do I export invoices\?/ });
  await stats.waitFor();
  await page.getByRole('heading', { name: 'Searches with no results' }).waitFor();
  await page.context().close();
});

test('a taken slug is refused beside the form and nothing typed is lost', async () => {
  const page = await signIn(browser, server);
  await openHelpCenter(page);
  await page.getByRole('button', { name: 'New article' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Shipping times');
  await page.getByLabel('Body', { exact: true }).fill('Orders ship within two days.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved').waitFor();

  await page.getByRole('button', { name: 'Back to articles' }).click();
  await page.getByRole('button', { name: 'New article' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Shipping abroad');
  await page.getByLabel('Slug', { exact: true }).fill('shipping-times');
  await page.getByLabel('Body', { exact: true }).fill('Abroad takes a week.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('alert').getByText('already uses the slug').waitFor();
  assert.equal(await page.getByLabel('Slug', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Shipping abroad');
  assert.equal(await page.getByLabel('Body', { exact: true }).inputValue(), 'Abroad takes a week.');

  // Leaving with unsaved changes asks first; saying no keeps the editor as it was.
  const question = new Promise((resolve) => page.once('dialog', (dialog) => {
    resolve(dialog.message());
    dialog.dismiss();
  }));
  await page.getByRole('button', { name: 'Insights' }).click();
  assert.match(await question, /unsaved changes/);
  assert.equal(await page.getByLabel('Body', { exact: true }).inputValue(), 'Abroad takes a week.');

  // A look at the inbox keeps the draft too.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Inbox' }).click();
  await page.getByRole('navigation', { name: 'Inbox' }).waitFor();
  await openHelpCenter(page);
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Shipping abroad');

  await page.getByLabel('Slug', { exact: true }).fill('shipping-abroad');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved').waitFor();
  await page.context().close();
});
