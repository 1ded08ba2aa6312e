// Support access in a real browser, on the demo host: the signed-in customer grants
// "act on my behalf" in the messenger; the launcher shows a headset on every later page
// without a click and says so in its name; the demo's admin view, which asks only
// Helpline's backend API, lets support change the billing address; the customer sees
// that action in the messenger, the admin in the console's audit log; an agent's
// request is allowed from the messenger; and revoking (the messenger's button, or the
// host's `Helpline('revokeAccess')`) ends it in the launcher, the console and the admin
// view within seconds. A visitor the host did not verify is told why they cannot grant.
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

const ACT = 'Help, support can act on your behalf';
const VIEW = 'Help, support can view your account';

/** Opens the messenger's Support access screen from the help home. */
async function openAccess(page) {
  await page.getByRole('button', { name: /^Help/ }).click();
  const frame = messenger(page);
  // A visitor with a chat lands on it: Back leads to the help home.
  await frame.getByRole('button', { name: 'Close' }).waitFor();
  const back = frame.getByRole('button', { name: 'Back' });
  while (await back.isVisible()) await back.click();
  await frame.getByRole('button', { name: /^Support access/ }).click();
  await frame.getByRole('heading', { name: 'Support access', level: 2 }).waitFor();
  return frame;
}

test('a customer grants access, support acts under it, and revoking ends it everywhere', async () => {
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`${server.url}/demo/account`);
  await customer.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(customer);
  // A chat first, so the console has the customer's conversation to show.
  await frame.getByLabel('Message').fill('Could you correct my billing address?');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  await customer.getByRole('button', { name: /^Help/ }).click();

  // Grant: a level, a duration, a confirmation.
  let access = await openAccess(customer);
  await access.getByRole('radio', { name: /Act on my behalf/ }).check();
  await access.getByRole('radio', { name: '24 hours' }).check();
  await access.getByRole('button', { name: 'Give access' }).click();
  await access.getByText('You can revoke it at any time').waitFor();
  await access.getByRole('button', { name: 'Confirm access' }).click();
  await access.getByRole('heading', { name: 'Support has access to your account' }).waitFor();
  await customer.getByRole('button', { name: ACT }).waitFor();
  // The host heard of it through Helpline('on', 'access').
  await customer.locator('#access-state', { hasText: 'Support may act on your behalf until' }).waitFor();

  // Another page of the host app: the indicator shows before any click.
  await customer.goto(`${server.url}/demo?page=billing`);
  const launcher = customer.getByRole('button', { name: ACT });
  await launcher.waitFor();
  const indicator = await customer.evaluate(() => {
    const root = document.querySelector('helpline-launcher').shadowRoot;
    const shown = root.querySelector('.a');
    return { hidden: shown.hidden, width: shown.getBoundingClientRect().width };
  });
  assert.equal(indicator.hidden, false);
  assert.ok(indicator.width > 0, 'the headset is drawn');
  assert.equal(await customer.locator('iframe[title="Support messenger"]').isVisible(), false, 'no click yet');

  // The console shows the grant beside the chat.
  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Could you correct my billing address?').click();
  const panel = agent.locator('.access-state');
  await panel.filter({ hasText: 'Act on their behalf' }).waitFor();

  // Support's admin view asks the backend API, and acts.
  const admin = await agent.context().newPage();
  await admin.goto(`${server.url}/demo/admin`);
  await admin.locator('#grant', { hasText: 'Act on their behalf until' }).waitFor();
  await admin.getByLabel('New billing address').fill('5 Quay Lane, Bristol BS1 5TT');
  await admin.getByRole('button', { name: 'Change it as Demo Agent' }).click();
  await admin.locator('#billing', { hasText: '5 Quay Lane, Bristol BS1 5TT' }).waitFor();

  // The customer sees what support did; the admin finds it in the audit log.
  access = await openAccess(customer);
  await access.getByText(/Changed the billing address, by Demo Agent from Support/).waitFor();
  const log = await agent.context().newPage();
  await log.goto(`${server.url}/console/audit`);
  await log.getByRole('cell', { name: 'Changed the billing address' }).waitFor();
  await log.getByRole('cell', { name: /Granted support access \(act on my behalf\)/ }).waitFor();
  const csv = await log.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  assert.match(csv, /^\/api\/v1\/audit\.csv/);
  const exported = await log.evaluate(async (href) => (await fetch(href)).text(), csv);
  assert.match(exported, /Changed the billing address/);

  // Revoke in the messenger: the launcher, the console and the admin view follow.
  await access.getByRole('button', { name: 'Revoke access' }).click();
  await customer.getByRole('button', { name: 'Help', exact: true }).waitFor();
  await panel.filter({ hasText: 'No access' }).waitFor();
  await admin.reload();
  await admin.locator('#grant', { hasText: 'No access' }).waitFor();
  assert.equal(await admin.getByLabel('New billing address').count(), 0);

  // An agent asks from the chat; the customer allows it in the messenger.
  await agent.getByRole('button', { name: 'Request access' }).click();
  await access.getByText(/Demo Agent from support asks for "view only" access/).waitFor();
  await access.getByRole('button', { name: 'Allow' }).click();
  await customer.getByRole('button', { name: VIEW }).waitFor();
  await panel.filter({ hasText: 'View only' }).waitFor();

  // The host revokes through its JS API, on a page where the messenger never opened.
  await customer.goto(`${server.url}/demo/account`);
  await customer.getByRole('button', { name: VIEW }).waitFor();
  await customer.evaluate(() => window.Helpline('revokeAccess'));
  await customer.getByRole('button', { name: 'Help', exact: true }).waitFor();
  await customer.locator('#access-state', { hasText: 'Support cannot open your account.' }).waitFor();
  await panel.filter({ hasText: 'No access' }).waitFor();
  await customer.goto(`${server.url}/demo`);
  await customer.getByRole('button', { name: 'Help', exact: true }).waitFor();

  await customerContext.close();
  await agent.context().close();
});

test('a visitor the host did not verify is told why they cannot grant access', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).waitFor();
  // A user id without the proof the host's server would add.
  await page.evaluate(() => window.Helpline('identify', { user_id: 'not-proved', name: 'Nobody' }));
  const access = await openAccess(page);
  await access.getByText('Support access needs a verified account').waitFor();
  assert.equal(await access.getByRole('button', { name: 'Give access' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /support can/ }).count(), 0);
  await context.close();
});
