// A visitor who left a chat, in a real browser with a real SMTP server: the agent's
// reply reaches them by email, their answer to that email comes back into the same chat,
// and on their next page of the host app the launcher counts the reply before any click
// and the messenger shows the reply and their mailed answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startSmtp, launchBrowser, signIn, messenger, header } from './harness.mjs';

const INBOUND_SECRET = 'inbound-secret-for-the-away-test';
let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({
    env: {
      ...smtp.env,
      HELPLINE_MAIL__INBOUND_SECRET: INBOUND_SECRET,
      // Away after a second, and each reply goes out at the timers' next pass.
      HELPLINE_CHAT__EMAIL_AWAY_VISITOR_AFTER_SECS: '1',
      HELPLINE_CHAT__EMAIL_BATCH_SECS: '0',
    },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
  smtp?.stop();
});

/** Polls the SMTP server's folder for the first mail to `to` (the server's timers run every 10 s). */
async function mailTo(to) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = smtp.messages().find((raw) => header(raw, 'To')?.includes(to));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a reply to a visitor who left is emailed, their emailed answer lands in the chat, and the messenger shows both', async () => {
  const visitorContext = await browser.newContext();
  let visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.evaluate(() => window.Helpline('identify', { name: 'Priya Raman', email: 'priya@example.com' }));
  await visitor.getByRole('button', { name: 'Help' }).click();
  let frame = messenger(visitor);
  await frame.getByLabel('Message').fill('Where do I find my old invoices?');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();
  await visitor.close();

  const agent = await signIn(browser, server);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Where do I find my old invoices?').click();
  await agent.getByLabel('Reply').fill('They are under Billing, then Invoices.');
  await agent.getByRole('button', { name: 'Send', exact: true }).click();

  const mail = await mailTo('priya@example.com');
  assert.match(mail, /They are under Billing, then Invoices\./);
  const replyTo = header(mail, 'Reply-To');
  assert.match(replyTo, /^support\+w\d+\.c\d+\.[0-9a-v]{24}@/);
  // The console's history says so.
  await agent.getByRole('log', { name: 'Conversation' }).getByText(/emailed to priya@example\.com/).waitFor();

  const answer = [
    'From: Priya Raman <priya@example.com>',
    `To: ${replyTo}`,
    'Subject: Re: Your chat with Support',
    'Message-ID: <answer-1@example.com>',
    `In-Reply-To: ${header(mail, 'Message-ID')}`,
    'Date: Sat, 05 Dec 2026 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Found them, thank you!',
    '',
  ].join('\r\n');
  const response = await fetch(`${server.url}/api/v1/mail/inbound`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INBOUND_SECRET}`, 'content-type': 'message/rfc822' },
    body: answer,
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).outcome, 'chat_answer');
  await agent.getByRole('log', { name: 'Conversation' }).getByText('Found them, thank you!').waitFor();

  // Their next page: the launcher counts the reply before any click; the messenger shows
  // what arrived while they were away.
  visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo?page=billing`);
  await visitor.getByRole('button', { name: 'Help, 1 unread' }).click();
  frame = messenger(visitor);
  const log = frame.getByRole('log', { name: 'Conversation' });
  await log.locator('li.message.from-agent', { hasText: 'They are under Billing, then Invoices.' }).waitFor();
  await log.locator('li.message.from-visitor', { hasText: 'Found them, thank you!' }).waitFor();
  assert.equal(await log.getByText(/emailed to/).count(), 0, 'the history entry is for agents only');

  await visitorContext.close();
  await agent.context().close();
});
