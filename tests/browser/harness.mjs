// Browser test harness: starts the real `helpline` binary on a throwaway SQLite
// database and a free port, and launches Debian's headless Chromium through
// playwright-core (which never downloads a browser).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { after } from 'node:test';
import { chromium } from 'playwright-core';

const bin = process.env.HELPLINE_BIN;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!bin) throw new Error('HELPLINE_BIN is not set: run the browser tests with `cargo xtask test`');

// Servers still running when a test file ends: a test that failed before stopping its
// own server must not leave it alive, or the file's process never exits.
const running = new Set();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts `helpline serve --demo`; resolves once it prints its address and the demo login. */
export async function startServer({ port = 0, dir, env = {} } = {}) {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'helpline-browser-'));
  const child = spawn(bin, ['serve', '--demo'], {
    env: {
      ...process.env,
      HELPLINE_SERVER__BIND: `127.0.0.1:${port}`,
      HELPLINE_DATABASE__URL: `sqlite://${join(dataDir, 'helpline.db')}`,
      HELPLINE_LOG__FILTER: process.env.TEST_LOG ? 'debug' : 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const lines = createInterface({ input: child.stdout });
  const server = await new Promise((resolve, reject) => {
    const found = {};
    child.once('exit', (code) => reject(new Error(`helpline exited early with ${code}`)));
    lines.on('line', (line) => {
      const login = line.match(/^Demo login:\s+(\S+) \/ (\S+)$/);
      if (login) [found.email, found.password] = [login[1], login[2]];
      const listening = line.match(/^Helpline listening on (http:\/\/\S+)$/);
      if (listening) {
        found.url = listening[1];
        resolve(found);
      }
    });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    ...server,
    port: Number(new URL(server.url).port),
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the flags this machine needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** Signs into the console in a fresh browser context and returns its page. */
export async function signIn(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await page.getByLabel('Email').fill(server.email);
  await page.getByLabel('Password').fill(server.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
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
  running.add(child);
  child.once('exit', () => running.delete(child));
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
