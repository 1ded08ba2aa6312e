// The agent's day in the console: a visitor who writes is announced wherever the agent
// is (a desktop notification, a count in the tab title), as the agent's status allows;
// notes stay between agents; assigning and resolving show in the chat's history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, messenger } from './harness.mjs';

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

/// A console whose `Notification` records what it is asked to show.
async function consoleWithNotifications() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__notifications = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission() { return Promise.resolve('granted'); }
      constructor(title, options) {
        window.__notifications.push({ title, body: options?.body ?? '' });
        this.onclick = null;
      }
    };
  });
  const agent = await context.newPage();
  await agent.goto(`${server.url}/console`);
  await agent.getByLabel('Email').fill(server.email);
  await agent.getByLabel('Password').fill(server.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.getByRole('navigation', { name: 'Inbox' }).waitFor();
  return { context, agent };
}

async function visitorSays(context, text) {
  const visitor = await context.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(visitor);
  await frame.getByLabel('Message').fill(text);
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: text }).waitFor();
  return { visitor, frame };
}

test('a new chat raises a notification and a title count on the Tickets section, and Do not disturb silences it', async () => {
  const { context, agent } = await consoleWithNotifications();
  await agent.getByRole('button', { name: 'Tickets', exact: true }).click();
  const visitorContext = await browser.newContext();
  const { frame } = await visitorSays(visitorContext, 'My invoice is missing');

  await agent.waitForFunction(() => window.__notifications.length === 1);
  const [shown] = await agent.evaluate(() => window.__notifications);
  assert.equal(shown.title, 'New chat');
  assert.match(shown.body, /My invoice is missing/);
  await agent.waitForFunction(() => document.title.startsWith('(1) '));

  // Do not disturb: the next message counts, but raises nothing.
  await Promise.all([
    agent.waitForResponse((response) => response.url().endsWith('/api/v1/agents/me/status') && response.ok()),
    agent.getByLabel('Your status').selectOption('do_not_disturb'),
  ]);
  await frame.getByLabel('Message').fill('Hello? Anyone?');
  await frame.getByLabel('Message').press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]', { hasText: 'Anyone?' }).waitFor();
  // The inbox has the new message when the console has heard of it.
  await agent.getByRole('button', { name: 'Inbox', exact: true }).click();
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Hello? Anyone?').waitFor();
  assert.equal(await agent.evaluate(() => window.__notifications.length), 1);
  assert.match(await agent.title(), /^\(1\) /);

  // Reading the chat clears the count.
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Hello? Anyone?').click();
  await agent.waitForFunction(() => !document.title.startsWith('('));
  await visitorContext.close();
  await context.close();
});

test('a note never reaches the visitor, and assigning and resolving show in the history', async () => {
  const { context, agent } = await consoleWithNotifications();
  // Online, so routing gives the next chat to this agent.
  await Promise.all([
    agent.waitForResponse((response) => response.url().endsWith('/api/v1/agents/me/status') && response.ok()),
    agent.getByLabel('Your status').selectOption('online'),
  ]);
  const visitorContext = await browser.newContext();
  const { frame } = await visitorSays(visitorContext, 'Can I get a refund?');
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Can I get a refund?').click();
  const log = agent.getByRole('log', { name: 'Conversation' });
  // Routing gave the chat to the only agent online.
  await log.locator('li.history-entry', { hasText: 'Routed to' }).waitFor();

  await agent.getByRole('button', { name: 'Note', exact: true }).click();
  await agent.getByLabel('Note', { exact: true }).fill('Customer is on the legacy plan');
  await agent.getByRole('button', { name: 'Add note' }).click();
  await log.locator('li.message.note[data-status="sent"]', { hasText: 'legacy plan' }).waitFor();

  await agent.getByRole('button', { name: 'Reply', exact: true }).click();
  await agent.getByLabel('Reply', { exact: true }).fill('Yes, within 30 days.');
  await agent.getByRole('button', { name: 'Send', exact: true }).click();
  await frame.locator('li.message.from-agent', { hasText: 'within 30 days' }).waitFor();
  assert.equal(await frame.getByText('legacy plan').count(), 0, 'the visitor never sees the note');

  await agent.getByLabel('Assignee').selectOption({ label: 'Unassigned' });
  await log.locator('li.history-entry', { hasText: 'assigned this chat to the First line queue' }).waitFor();
  await agent.getByRole('button', { name: 'Resolve', exact: true }).click();
  await log.locator('li.history-entry', { hasText: 'resolved this chat' }).waitFor();
  await agent.getByRole('button', { name: 'Reopen', exact: true }).waitFor();
  // Resolved chats leave the open inbox and show under Resolved.
  const inbox = agent.getByRole('navigation', { name: 'Inbox' });
  await inbox.getByText('within 30 days').waitFor({ state: 'detached' });
  await inbox.getByRole('button', { name: 'Resolved' }).click();
  await inbox.getByText('within 30 days').waitFor();

  await visitorContext.close();
  await context.close();
});
