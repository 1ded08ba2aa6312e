// Saved replies in a real browser: an admin adds one in the settings (a refused
// shortcut is explained beside its field, and nothing typed is lost); `/ref` in a
// chat's reply box then offers it, Enter inserts it with the visitor's name filled in,
// and it reaches the visitor; in a ticket's reply box `/` offers every reply, the keys
// and the mouse insert them, and the ticket's number and requester fill the variables.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, messenger, consoleApi } from './harness.mjs';

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

/** Waits until a text box holds exactly `value`. */
async function expectValue(locator, value) {
  await locator.waitFor();
  await locator.page().waitForFunction(
    ([el, expected]) => el.value === expected,
    [await locator.elementHandle(), value],
  );
}

test('a saved reply expands in the chat composer with the visitor\'s name, and in a ticket reply', async () => {
  const agent = await signIn(browser, server);

  // One reply comes through the API, the other is added in the settings.
  const thanks = await consoleApi(agent, 'POST', '/api/v1/saved-replies', {
    shortcut: 'thanks', title: 'Thanks for waiting', body: 'Thanks for waiting, {{visitor.name}}!',
  });
  assert.equal(thanks.status, 201);
  await agent.getByRole('button', { name: 'Settings' }).click();
  const card = agent.getByRole('region', { name: 'Saved replies' });
  const body = 'Hi {{visitor.first_name|there}}, your refund is on its way (ref. {{ticket.number|chat}}). {{agent.first_name}}';
  await card.getByLabel('Shortcut').fill('Refund');
  await card.getByLabel('Title').fill('Refund on its way');
  await card.getByLabel('Reply text').fill(body);
  await card.getByRole('button', { name: 'Add saved reply' }).click();
  await card.getByText(/use only lowercase letters/).waitFor();
  assert.equal(await card.getByLabel('Shortcut').getAttribute('aria-invalid'), 'true');
  assert.equal(await card.getByLabel('Reply text').inputValue(), body, 'nothing typed is lost');
  await card.getByLabel('Shortcut').fill('refund');
  await card.getByRole('button', { name: 'Add saved reply' }).click();
  const saved = card.getByRole('list', { name: 'Saved replies' });
  await saved.getByText('/refund').waitFor();
  await saved.getByText('/thanks').waitFor();

  // A visitor the host application names writes in.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole('button', { name: 'Help' }).waitFor();
  await visitor.evaluate(() => window.Helpline('identify', { name: 'Priya Raman', email: 'priya@example.com' }));
  await visitor.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(visitor);
  await frame.getByLabel('Message').fill('Where is my refund?');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();

  await agent.getByRole('button', { name: 'Inbox', exact: true }).click();
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Where is my refund?').click();
  await agent.getByRole('log', { name: 'Conversation' }).getByText('Where is my refund?').waitFor();
  const reply = agent.getByRole('textbox', { name: 'Reply' });

  // `/ref` after a word offers the one reply that matches, highlighted, and the box
  // points at it; Escape closes the list and keeps the text.
  await reply.pressSequentially('Sure! /ref');
  const list = agent.getByRole('listbox', { name: 'Saved replies' });
  await list.waitFor();
  const options = list.getByRole('option');
  assert.equal(await options.count(), 1);
  assert.match(await options.first().textContent(), /\/refund\s*Refund on its way/);
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  assert.equal(await reply.getAttribute('aria-autocomplete'), 'list');
  assert.equal(await reply.getAttribute('aria-controls'), await list.getAttribute('id'));
  assert.equal(await reply.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
  await reply.press('Escape');
  await list.waitFor({ state: 'detached' });
  assert.equal(await reply.inputValue(), 'Sure! /ref');
  assert.equal(await reply.getAttribute('aria-activedescendant'), null);

  // The draft survives a look at the tickets; back in the box the list opens again,
  // and Enter inserts the reply in place of `/ref`, with the visitor's first name and
  // the agent's, and the chat's fallback for the ticket number.
  await agent.getByRole('button', { name: 'Tickets', exact: true }).click();
  await agent.getByRole('button', { name: 'Inbox', exact: true }).click();
  await expectValue(reply, 'Sure! /ref');
  await reply.focus();
  await list.waitFor();
  await reply.press('Enter');
  const expanded = 'Sure! Hi Priya, your refund is on its way (ref. chat). Demo';
  await expectValue(reply, expanded);
  await list.waitFor({ state: 'detached' });
  // The caret follows the inserted text, and Enter sends again.
  assert.equal(await reply.evaluate((el) => el.selectionStart), expanded.length);
  await reply.press('Enter');
  await frame.getByRole('log', { name: 'Conversation' }).getByText(expanded).waitFor();

  // In a ticket reply: the chat becomes ticket #1001 for Priya.
  await agent.getByRole('button', { name: 'Escalate to ticket' }).click();
  await agent.getByLabel('Subject').fill('Refund for order 7');
  await agent.getByRole('button', { name: 'Create ticket' }).click();
  await agent.getByRole('link', { name: 'Ticket #1001 created' }).click();
  await agent.getByRole('heading', { name: /#1001/ }).waitFor();
  const ticketReply = agent.getByLabel('Reply', { exact: true });

  // `/` alone offers every reply, by shortcut; ArrowDown moves and Tab inserts.
  await ticketReply.pressSequentially('/');
  const ticketList = agent.getByRole('listbox', { name: 'Saved replies' });
  await ticketList.waitFor();
  const ticketOptions = ticketList.getByRole('option');
  assert.equal(await ticketOptions.count(), 2);
  assert.match(await ticketOptions.nth(1).textContent(), /\/thanks/);
  await ticketReply.press('ArrowDown');
  assert.equal(await ticketOptions.nth(1).getAttribute('aria-selected'), 'true');
  assert.equal(await ticketReply.getAttribute('aria-activedescendant'), await ticketOptions.nth(1).getAttribute('id'));
  await ticketReply.press('Tab');
  await expectValue(ticketReply, 'Thanks for waiting, Priya Raman!');

  // A click inserts too, here with the ticket's number.
  await ticketReply.pressSequentially(' /re');
  await ticketList.getByRole('option', { name: /\/refund/ }).click();
  const note = 'Thanks for waiting, Priya Raman! Hi Priya, your refund is on its way (ref. 1001). Demo';
  await expectValue(ticketReply, note);
  await agent.getByRole('button', { name: 'Add internal note' }).click();
  await agent.getByText(note).first().waitFor();
  await expectValue(ticketReply, '');

  await visitorContext.close();
  await agent.context().close();
});
