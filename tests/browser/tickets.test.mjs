// Email tickets in a real browser, with a real SMTP server: an agent hands a live chat
// off to a ticket, the visitor gives an address in the chat and the acknowledgement
// arrives; the agent's reply arrives threaded, and another with a file attached (a
// refused file and a cancelled upload never reach it); and a visitor uses "Email us"
// with a form that keeps what they typed when a field is refused; a German visitor in
// New York gets the acknowledgement in German, with the time in New York.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startSmtp, launchBrowser, signIn, messenger, header, consoleApi } from './harness.mjs';

let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ env: smtp.env });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
  smtp?.stop();
});

test('an agent hands a live chat off to a ticket; the acknowledgement and the reply arrive threaded', async () => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(visitor);
  const composer = frame.getByLabel('Message');
  await composer.fill('My invoice export fails with error 502');
  await composer.press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();

  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('My invoice export fails with error 502').click();
  await agent.getByRole('log', { name: 'Conversation' }).getByText('My invoice export fails with error 502').waitFor();
  await agent.getByRole('button', { name: 'Escalate to ticket' }).click();
  await agent.getByLabel('Subject').fill('Invoice export fails with 502');
  await agent.getByLabel('Type').selectOption({ label: 'Bug' });
  await agent.getByRole('button', { name: 'Create ticket' }).click();
  await agent.getByText('Ticket #1001 created').waitFor();

  // The visitor learns the number in the chat and is asked where to send the answer.
  const log = frame.getByRole('log', { name: 'Conversation' });
  await log.getByText(/ticket #1001/).waitFor();
  const card = frame.getByRole('form', { name: /ticket #1001/ });
  await card.getByLabel('Your email').fill('priya@example.com');
  await card.getByRole('button', { name: 'Send' }).click();
  await frame.getByText(/answer at priya@example\.com/).waitFor();

  const [ack] = await smtp.waitForMessages(1);
  // The address the visitor typed is not proven yet, so the mail repeats nothing of the chat.
  assert.match(header(ack, 'Subject'), /^\[#1001\] Your request$/);
  assert.equal(header(ack, 'To'), 'priya@example.com');
  assert.equal(header(ack, 'Auto-Submitted'), 'auto-generated');

  // The agent answers from the ticket view; the mail threads under the acknowledgement.
  // Inbox rows are links too now, and the chat's row previews "ticket #1001": name the
  // hand-off's own link.
  await agent.getByRole('link', { name: 'Ticket #1001 created' }).click();
  await agent.getByRole('heading', { name: /#1001/ }).waitFor();
  await agent.getByText('My invoice export fails with error 502').first().waitFor();
  await agent.getByLabel('Reply').fill('We found the cause and fixed it. Please try again.');
  await agent.getByRole('button', { name: 'Send reply' }).click();
  const messages = await smtp.waitForMessages(2);
  const reply = messages[1];
  assert.equal(header(reply, 'In-Reply-To'), header(ack, 'Message-ID'));
  assert.match(header(reply, 'Subject'), /^Re: \[#1001\]/);
  assert.equal(header(reply, 'Auto-Submitted'), null, 'a person wrote it');

  // A reply carries files: each uploads at once; a refused one says why, beside it,
  // and can be removed without losing the reply.
  const files = agent.getByLabel('Attach files');
  await files.setInputFiles({ name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. open billing\n') });
  const attached = agent.getByRole('list', { name: 'Attached files' });
  await attached.getByRole('listitem').filter({ hasText: 'steps.txt' }).getByText('Ready').waitFor();
  await files.setInputFiles({ name: 'tool.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03') });
  const refused = attached.getByRole('listitem').filter({ hasText: 'tool.pdf' });
  await refused.getByText(/not accepted/).waitFor();
  await agent.getByLabel('Reply').fill('The steps are attached.');
  await refused.getByRole('button', { name: 'Remove' }).click();
  await agent.getByRole('button', { name: 'Send reply' }).click();
  const withFile = (await smtp.waitForMessages(3))[2];
  assert.match(withFile, /Content-Disposition: attachment; filename="steps.txt"/);
  assert.match(withFile, /The steps are attached\./);
  await agent.getByRole('link', { name: 'steps.txt' }).waitFor();
  assert.equal(await attached.getByRole('listitem').count(), 0, 'sent files leave the composer');

  // A file still uploading can be cancelled: its request is held here, never answered.
  await agent.route('**/api/v1/uploads**', () => {});
  await files.setInputFiles({ name: 'big.log', mimeType: 'text/plain', buffer: Buffer.from('x'.repeat(4096)) });
  const uploading = attached.getByRole('listitem').filter({ hasText: 'big.log' });
  await uploading.getByRole('progressbar', { name: 'Uploading big.log' }).waitFor();
  await uploading.getByRole('button', { name: 'Cancel' }).click();
  await uploading.waitFor({ state: 'detached' });
  await agent.unroute('**/api/v1/uploads**');

  // Tags are edited in place and recorded in the history.
  await agent.getByLabel('Tags').fill('export, billing');
  await agent.getByLabel('Tags').press('Enter');
  await agent.getByText('set the tags to export, billing').waitFor();

  await visitorContext.close();
  await agent.context().close();
});

test('"Email us" keeps what was typed when a field is refused, then opens a ticket', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo?page=email`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByRole('button', { name: 'Email us' }).click();
  await frame.getByLabel('Your email').fill('hannah@example.net');
  await frame.getByLabel('Type').selectOption({ label: 'Bug' });
  await frame.getByLabel('Subject').fill('Widget does not load');
  await frame.getByLabel('Description').fill('The help button never appears on staging.');
  await frame.getByLabel('What were you trying to do?').fill('Open the help button');
  // The page the visitor is on is shown before sending.
  await frame.getByText(/demo\?page=email/).waitFor();
  await frame.getByRole('button', { name: 'Send' }).click();

  // "What happened instead?" is required for a bug: its message shows beside it and
  // nothing typed is lost.
  await frame.getByText('say what happened instead').waitFor();
  assert.equal(await frame.getByLabel('Subject').inputValue(), 'Widget does not load');
  await frame.getByLabel('What happened instead?').fill('Nothing shows at all');
  await frame.getByRole('button', { name: 'Send' }).click();
  await frame.getByText(/Ticket #\d+/).first().waitFor();

  const messages = await smtp.waitForMessages(4);
  const ack = messages.find((raw) => header(raw, 'To') === 'hannah@example.net');
  assert.ok(ack, 'the acknowledgement arrived');
  assert.match(header(ack, 'Subject'), /^\[#\d+\] Your request$/);
  assert.ok(!ack.includes('Widget does not load'), 'nothing typed is mailed to an address nobody proved');

  // The visitor finds the ticket and its status under "Your tickets".
  await frame.getByRole('button', { name: 'Back' }).click();
  await frame.getByRole('button', { name: 'Your tickets' }).first().click();
  const mine = frame.locator('li.ticket', { hasText: 'Widget does not load' });
  await mine.getByText('Received').waitFor();
  await context.close();
});

test('a host that identifies its user gets a hand-off without the visitor typing an address', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo?page=identified`);
  await page.getByRole('button', { name: 'Help' }).waitFor();
  await page.evaluate(() => window.Helpline('identify', {
    email: 'olu@example.com', name: 'Olu Adeyemi', user_id: 77, attributes: { plan: 'pro' },
  }));
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').fill('Please add a second admin');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: 'second admin' }).waitFor();

  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Please add a second admin').click();
  const panel = agent.getByRole('complementary', { name: 'Visitor' });
  await panel.getByText('olu@example.com').waitFor();
  await panel.getByText('pro', { exact: true }).waitFor();
  await agent.getByRole('button', { name: 'Escalate to ticket' }).click();
  await agent.getByLabel('Subject').fill('Second admin');
  await agent.getByRole('button', { name: 'Create ticket' }).click();
  await agent.getByText(/Ticket #\d+ created/).waitFor();

  await frame.getByRole('log', { name: 'Conversation' }).getByText(/answer by email at olu@example\.com/).waitFor();
  assert.equal(await frame.getByRole('form', { name: /Where should we send/ }).count(), 0, 'no address is asked for');
  const messages = await smtp.waitForMessages(5);
  const ack = messages.find((raw) => header(raw, 'To')?.includes('olu@example.com'));
  assert.ok(ack, 'the acknowledgement went to the identified address');
  await context.close();
  await agent.context().close();
});

test('an agent ends a chat and the visitor rates it in the messenger', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo?page=rating`);
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').fill('Thanks, that fixed it');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: 'that fixed it' }).waitFor();

  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Thanks, that fixed it').click();
  agent.once('dialog', (dialog) => dialog.accept());
  await agent.getByRole('button', { name: 'End chat' }).click();

  await frame.getByRole('log', { name: 'Conversation' }).getByText('This chat has ended').waitFor();
  await frame.getByRole('button', { name: 'Rate 5 of 5' }).click();
  await frame.getByRole('button', { name: 'Send rating' }).click();
  await frame.getByText('Thanks for your feedback').waitFor();

  await agent.getByRole('button', { name: 'Tickets' }).click();
  await agent.getByRole('button', { name: 'Ratings' }).click();
  await agent.getByText(/Chat \d+/).first().waitFor();
  await context.close();
  await agent.context().close();
});

/** A sent message's text body, decoded from its transfer encoding. */
function bodyText(raw) {
  const blank = raw.search(/\r?\n\r?\n/);
  const body = raw.slice(blank).trim().replace(/\r\n/g, '\n');
  const encoding = (header(raw, 'Content-Transfer-Encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const soft = body.replace(/=\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

test('a German visitor in New York gets the acknowledgement in German, with the reply time in New York', async () => {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await page.goto(`${server.url}/demo?page=email`);
  await page.getByRole('button', { name: 'Hilfe' }).click();
  const frame = page.frameLocator('iframe[title="Support-Messenger"]');
  await frame.getByRole('button', { name: 'E-Mail an uns' }).click();
  await frame.getByLabel('Ihre E-Mail-Adresse').fill('jonas@example.de');
  await frame.getByLabel('Betreff').fill('Rechnung fehlt');
  await frame.getByLabel('Beschreibung').fill('Die Rechnung für November ist nicht im Konto.');
  await frame.getByRole('button', { name: 'Senden' }).click();
  await frame.getByText(/Ticket #\d+/).first().waitFor();

  const deadline = Date.now() + 10_000;
  let ack;
  while (!(ack = smtp.messages().find((raw) => header(raw, 'To') === 'jonas@example.de'))) {
    assert.ok(Date.now() < deadline, 'the acknowledgement arrives');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const number = header(ack, 'Subject').match(/^\[#(\d+)\] Ihre Anfrage$/)?.[1];
  assert.ok(number, header(ack, 'Subject'));
  const agent = await signIn(browser, server);
  const detail = await consoleApi(agent, 'GET', `/api/v1/tickets/${number}`);
  const due = detail.body.ticket.first_response_due_at;
  const parts = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'America/New_York', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(due));
  const part = (type) => parts.find((found) => found.type === type).value;
  const when = `${part('weekday')}, ${part('day')}. ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} Uhr (America/New_York)`;
  const text = bodyText(ack);
  assert.ok(text.startsWith(`Hallo,\n\nWir haben Ihre Anfrage #${number} an `), text);
  assert.ok(text.includes(`Wie es weitergeht: Wir möchten Ihnen bis ${when} antworten.`), `${when}\n${text}`);
  await context.close();
  await agent.context().close();
});
