// The console's outbox: an agent's reply that the server has not acknowledged is saved,
// survives a reload of the console, and is sent again with its client id, so it reaches
// the visitor exactly once, as the messenger's own outbox does.
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

test("an agent's reply written while the socket is down survives a reload and reaches the visitor once", async () => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${server.url}/demo`);
  await visitor.getByRole('button', { name: 'Help' }).click();
  const frame = messenger(visitor);
  const composer = frame.getByLabel('Message');
  await composer.fill('Is my order on its way?');
  await composer.press('Enter');
  await frame.locator('li.message.from-visitor[data-status="sent"]').waitFor();

  // The agent's WebSocket goes through a switch the test controls: while it is down,
  // every connection attempt is closed at once, as if the network were gone, while the
  // page itself (and REST) still loads.
  const agentContext = await browser.newContext();
  let down = false;
  let live = null;
  await agentContext.routeWebSocket(/\/api\/v1\/agent\/ws$/, (ws) => {
    if (down) {
      ws.close();
    } else {
      live = ws;
      ws.connectToServer();
    }
  });
  const agent = await agentContext.newPage();
  await agent.goto(`${server.url}/console`);
  await agent.getByLabel('Email').fill(server.email);
  await agent.getByLabel('Password').fill(server.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText('Is my order on its way?').click();
  const agentLog = agent.getByRole('log', { name: 'Conversation' });
  await agentLog.getByText('Is my order on its way?').waitFor();

  down = true;
  live.close();
  await agent.getByRole('status').getByText('Reconnecting').waitFor();
  const reply = 'It left the warehouse this morning.';
  await agent.getByLabel('Reply').fill(reply);
  await agent.getByRole('button', { name: 'Send', exact: true }).click();
  const pending = agentLog.locator('li.message.from-agent', { hasText: reply });
  await pending.waitFor();
  assert.notEqual(await pending.getAttribute('data-status'), 'sent');

  // It is saved under the agent's id, with its conversation.
  const saved = await agent.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('helpline.agent-outbox.'))
      .map((key) => JSON.parse(localStorage.getItem(key))));
  assert.equal(saved.length, 1, 'one saved outbox');
  assert.deepEqual(saved[0].map((message) => message.body), [reply]);
  assert.equal(typeof saved[0][0].conversation_id, 'number');

  // Reload with the network back: the restored reply goes out by itself.
  down = false;
  await agent.reload();
  const agentMessage = frame.locator('li.message.from-agent', { hasText: reply });
  await agentMessage.waitFor();
  // Acknowledged, so nothing is left to resend.
  await agent.waitForFunction(() =>
    !Object.keys(localStorage).some((key) => key.startsWith('helpline.agent-outbox.')));
  assert.equal(await frame.locator('li.message.from-agent').count(), 1);

  // Stored once: the visitor's history after a reload and the agent's thread agree.
  await visitor.reload();
  await visitor.getByRole('button', { name: /^Help/ }).click();
  const log = messenger(visitor).getByRole('log', { name: 'Conversation' });
  await log.getByText(reply).waitFor();
  assert.equal(await log.locator('li.message.from-agent', { hasText: reply }).count(), 1);
  await agent.getByRole('navigation', { name: 'Inbox' }).getByText(reply).click();
  await agentLog.locator('li.message.from-agent[data-status="sent"]', { hasText: reply }).waitFor();
  assert.equal(await agentLog.locator('li.message.from-agent', { hasText: reply }).count(), 1);

  await visitorContext.close();
  await agentContext.close();
});
