// Reports in the console: an admin opens the Reports section and sees the figures and
// the SVG charts of the last 30 days, downloads them as CSV, and is told when the dates
// make no range.
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

/** Opens two tickets through "Email us" as two new visitors of the console's workspace. */
async function openTickets(page) {
  return page.evaluate(async () => {
    const workspace = await (await fetch('/api/v1/workspace')).json();
    const statuses = [];
    for (const subject of ['Invoice is missing', 'Export fails']) {
      const created = await fetch('/api/v1/widget/visitors', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: workspace.app_id }),
      });
      const { token } = await created.json();
      const ticket = await fetch('/api/v1/widget/tickets', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', subject, description: 'Please help.' }),
      });
      statuses.push(ticket.status);
    }
    return statuses;
  });
}

test('an admin sees the report of the last 30 days with its charts and downloads it as CSV', async () => {
  const page = await signIn(browser, server);
  assert.deepEqual(await openTickets(page), [201, 201]);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/console/reports');

  // The figures: two tickets created today, nothing answered yet.
  const tickets = page.getByRole('region', { name: 'Tickets' });
  const created = tickets.locator('.report-figure', { hasText: 'Created' }).locator('dd');
  await created.filter({ hasText: /^2$/ }).waitFor();
  assert.equal(await tickets.locator('.report-figure', { hasText: 'First response, median' }).locator('dd').innerText(), '–');

  // The volume chart: an image named by its title, described, one pair of bars a day.
  const volume = page.getByRole('img', { name: 'Chats and tickets per day', exact: true });
  await volume.waitFor();
  assert.match(await volume.locator('desc').textContent(), /0 chats started and 2 tickets created over 30 days/);
  assert.equal(await volume.locator('rect.bar-tickets').count(), 30);
  const today = await page.evaluate(() => {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
  const todaysBar = volume.locator('rect.bar-tickets').last();
  assert.equal(await todaysBar.locator('title').textContent(), `${today}: 2 tickets created`);
  assert.ok(Number(await todaysBar.getAttribute('height')) > 0, "today's bar is drawn");
  // Its numbers are there as a table too.
  await page.getByText('Numbers per day').click();
  const row = page.getByRole('row', { name: new RegExp(`^${today}`) });
  assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['0', '2', '0', '0', '0']);
  await page.getByRole('img', { name: 'Chats and tickets by hour of the week' }).waitFor();
  await page.getByRole('img', { name: 'Ratings by score' }).waitFor();

  // The CSV holds the same figures.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^helpline-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await new Promise((resolve, reject) => {
    download.createReadStream().then((stream) => {
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => { text += chunk; });
      stream.on('end', () => resolve(text));
      stream.on('error', reject);
    }, reject);
  });
  assert.match(csv, /\r\nTickets,2,0,0,,,,\r\n/);
  assert.match(csv, new RegExp(`\\r\\n${today},0,2,0,0,0\\r\\n`));

  // The address names the section: a reload comes back to it.
  await page.reload();
  await page.getByRole('img', { name: 'Chats and tickets per day', exact: true }).waitFor();
});

test('dates that make no range are refused beside the field', async () => {
  const page = await signIn(browser, server);
  await page.goto(`${server.url}/console/reports`);
  await page.getByRole('img', { name: 'Chats and tickets per day', exact: true }).waitFor();

  await page.getByLabel('From').fill('2026-03-08');
  await page.getByLabel('To').fill('2026-03-01');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.getByText('the last day (2026-03-01) is before the first (2026-03-08)').waitFor();
  assert.equal(await page.getByLabel('To').getAttribute('aria-invalid'), 'true');

  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await page.getByText('the last day (2026-03-01) is before the first (2026-03-08)').waitFor({ state: 'detached' });
  assert.match(await page.getByRole('img', { name: 'Chats and tickets per day', exact: true }).locator('desc').textContent(), /over 7 days/);
});
