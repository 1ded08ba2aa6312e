// Browser test harness: the server and browser launchers of launch.mjs, a clean-up
// hook that kills what a failed test left running, and helpers for the console, the
// messenger and the tests' SMTP server.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { after } from 'node:test';
import { stopAll, track } from './launch.mjs';

export { launchBrowser, startServer } from './launch.mjs';

after(stopAll);

/** Signs into the console in a fresh browser context and returns its page. */
export async function signIn(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await signInHere(page, server);
  return page;
}

/**
 * Fills in and sends the console's sign-in form shown in `page`, in the words of the
 * console's catalog in `locale`, and waits for the signed-in console.
 */
export async function signInHere(page, server, locale = 'en') {
  const words = consoleCatalog(locale);
  await page.getByLabel(words.get('login-email'), { exact: true }).fill(server.email);
  await page.getByLabel(words.get('login-password'), { exact: true }).fill(server.password);
  await page.getByRole('button', { name: words.get('login-submit') }).click();
  await page.getByRole('button', { name: words.get('sign-out') }).waitFor();
}

/** The console's one-line messages in `locale` (`i18n/locales/<locale>/console.ftl`), id → text. */
export function consoleCatalog(locale) {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'i18n', 'locales', locale, 'console.ftl');
  const messages = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const found = line.match(/^([a-z][a-z0-9_-]*) = (.+)$/);
    if (found) messages.set(found[1], found[2]);
  }
  return messages;
}

/** The messenger iframe of a host page. */
export function messenger(page) {
  return page.frameLocator('iframe[title="Support messenger"]');
}

/**
 * Calls the console REST API from a signed-in console page (see `signIn`), adding the
 * CSRF header on writes as the console does. Resolves to `{ status, body }`, with the
 * body parsed as JSON when it is JSON.
 */
export async function consoleApi(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const headers = { accept: 'application/json' };
    if (method !== 'GET') {
      const me = await fetch('/api/v1/auth/me').then((response) => response.json());
      headers['x-csrf-token'] = me.csrf_token;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: response.status, body: parsed };
  }, { method, path, body });
}

/** Creates a published help-center article as the signed-in agent and returns it. */
export async function publishArticle(page, { title, body, categoryId = null }) {
  const created = await consoleApi(page, 'POST', '/api/v1/articles', {
    title, body, category_id: categoryId, status: 'published',
  });
  if (created.status !== 201) throw new Error(`creating "${title}" failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/**
 * Starts the tests' real SMTP server (aiosmtpd, `tests/smtp/server.py`). `env` points a
 * Helpline server at it; `waitForMessages(n)` resolves to the first `n` raw messages.
 */
export async function startSmtp() {
  const dir = mkdtempSync(join(tmpdir(), 'helpline-smtp-'));
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'smtp', 'server.py');
  const child = spawn('python3', [script, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  track(child);
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP server exited early with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(Number(line.trim())));
  });
  const messages = () =>
    readdirSync(dir).filter((name) => name.endsWith('.eml')).sort().map((name) => readFileSync(join(dir, name), 'utf8'));
  return {
    port,
    env: { HELPLINE_MAIL__SMTP__HOST: '127.0.0.1', HELPLINE_MAIL__SMTP__PORT: String(port), HELPLINE_MAIL__SMTP__TLS: 'none' },
    messages,
    /** Polls the delivery folder until `count` messages have arrived (10 s at most). */
    async waitForMessages(count) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = messages();
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${found.length}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop() {
      child.stdin.end();
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A header's value in a raw message (first occurrence, unfolded). */
export function header(raw, name) {
  const match = raw.replace(/\r\n[ \t]+/g, ' ').match(new RegExp(`^${name}: (.*)$`, 'mi'));
  return match ? match[1].trim() : null;
}

/** Adds `origin` to the workspace's allowed origins, as the signed-in admin of `page`. */
export async function allowOrigin(page, origin) {
  const workspace = await consoleApi(page, 'GET', '/api/v1/workspace');
  const allowed_origins = [...workspace.body.allowed_origins, origin];
  const saved = await consoleApi(page, 'PUT', '/api/v1/workspace/origins', { allowed_origins });
  if (saved.status !== 200) throw new Error(`allowing ${origin} failed: ${saved.status} ${JSON.stringify(saved.body)}`);
}

/** Serves `routes` (`{ '/path': { type, body, headers } }`) on a free port; resolves to `{ origin, close }`. */
export async function startHost(routes) {
  const { createServer } = await import('node:http');
  const host = createServer((request, response) => {
    const route = routes[new URL(request.url, 'http://host').pathname];
    if (!route) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': route.type ?? 'text/html; charset=utf-8', ...route.headers });
    response.end(route.body);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${host.address().port}`, close: () => host.close() };
}
