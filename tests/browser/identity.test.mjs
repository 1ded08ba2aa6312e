// Two users in one browser: user A, verified with the workspace's identity secret,
// chats and has a ticket; after `Helpline('reset')` (a sign-out), or when the host
// simply identifies verified user B, the messenger starts over with a new visitor and
// the next person sees nothing of A's chat or tickets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, launchBrowser, signIn, consoleApi, messenger } from './harness.mjs';

let server;
let browser;
let secret;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await signIn(browser, server);
  const settings = await consoleApi(admin, 'GET', '/api/v1/workspace/identity');
  assert.equal(settings.status, 200);
  secret = settings.body.secret;
  await admin.context().close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  server?.cleanup();
});

/** What a host's server hands its page for a signed-in user. */
function verified(userId, email) {
  const userHash = createHmac('sha256', secret).update(userId).digest('hex');
  return { user_id: userId, email, name: `User ${userId}`, user_hash: userHash };
}

/** The messenger iframe's document, for what only its own origin can read. */
function messengerFrame(page) {
  return page.frames().find((frame) => frame.url().includes('/messenger'));
}

/** The visitor token the messenger keeps, and the tickets the server lists for it. */
async function visitorState(page) {
  return messengerFrame(page).evaluate(async () => {
    const token = localStorage.getItem('helpline.token.demo');
    const response = await fetch('/api/v1/widget/tickets', { headers: { authorization: `Bearer ${token}` } });
    return { token, tickets: (await response.json()).map((ticket) => ticket.subject) };
  });
}

/**
 * User A (`userId`, verified) says something and opens a ticket; returns A's visitor
 * token. Each test has its own A: a verified user's tickets follow them everywhere.
 */
async function userAChatsAndOpensATicket(page, userId, words) {
  await page.goto(`${server.url}/demo`);
  await page.getByRole('button', { name: 'Help' }).waitFor();
  await page.evaluate((user) => window.Helpline('identify', user), verified(userId, 'ann@example.com'));
  await page.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(page);
  await frame.getByLabel('Message').fill(words);
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: words }).waitFor();
  const opened = await messengerFrame(page).evaluate(async () => {
    const token = localStorage.getItem('helpline.token.demo');
    const response = await fetch('/api/v1/widget/tickets', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ann@example.com', subject: "Ann's private ticket", description: 'Only for Ann' }),
    });
    return response.status;
  });
  assert.equal(opened, 201);
  const state = await visitorState(page);
  assert.deepEqual(state.tickets, ["Ann's private ticket"], 'A sees their ticket');
  return state.token;
}

/** B writes in the messenger and nothing of A's is there: not the chat, not the tickets. */
async function userBSeesNothingOfA(page, aToken, aWords) {
  const frame = messenger(page);
  const bWords = 'Hello from Bo';
  await frame.getByLabel('Message').fill(bWords);
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: bWords }).waitFor();
  assert.equal(await frame.getByText(aWords).count(), 0, "A's chat is not shown");
  const state = await visitorState(page);
  assert.notEqual(state.token, aToken, 'a new visitor');
  assert.deepEqual(state.tickets, [], "A's tickets are not listed");
  const stored = await messengerFrame(page).evaluate(() => Object.keys(localStorage).sort());
  assert.ok(!stored.includes('helpline.draft.demo') && !stored.includes('helpline.outbox.demo'), stored.join());
}

test('after reset, the next user of the browser sees no trace of the previous one', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const aWords = 'Ann asks about her salary slip';
  const aToken = await userAChatsAndOpensATicket(page, 'user-a1', aWords);
  // A leaves a draft behind.
  await messenger(page).getByLabel('Message').fill('half-written for Ann');

  // A signs out; the next person uses the page without signing in.
  await page.evaluate(() => window.Helpline('reset'));

  await messenger(page).getByLabel('Message').waitFor();
  assert.equal(await messenger(page).getByLabel('Message').inputValue(), '', "A's draft is gone");
  await userBSeesNothingOfA(page, aToken, aWords);
  assert.equal(
    await page.evaluate(() => localStorage.getItem('helpline:demo:reset')),
    null,
    'the loader forgets the reset once a messenger started over',
  );
  await context.close();
});

test('identifying another verified user in the same browser starts over by itself', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const aWords = 'Ann asks about her holidays';
  const aToken = await userAChatsAndOpensATicket(page, 'user-a2', aWords);

  // The host forgets to call reset and simply identifies B.
  await page.evaluate((user) => window.Helpline('identify', user), verified('user-b2', 'bo@example.com'));

  await messenger(page).getByText(aWords).waitFor({ state: 'detached' });
  await userBSeesNothingOfA(page, aToken, aWords);

  // A page load later, B is still B and still sees nothing of A.
  await page.reload();
  await page.evaluate((user) => window.Helpline('identify', user), verified('user-b2', 'bo@example.com'));
  await page.getByRole('button', { name: 'Help' }).click();
  await messenger(page).getByText('Hello from Bo').waitFor();
  assert.equal(await messenger(page).getByText(aWords).count(), 0);
  await context.close();
});
