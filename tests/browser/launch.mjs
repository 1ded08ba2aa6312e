// Starting the real `helpline` binary on a throwaway SQLite database and a free port,
// and Debian's headless Chromium through playwright-core (which never downloads a
// browser). Shared by the browser tests (through harness.mjs) and the benchmarks,
// which run outside the test runner.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const bin = process.env.HELPLINE_BIN;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!bin) throw new Error('HELPLINE_BIN is not set: run the browser tests with `cargo xtask test`');

// Child processes still running: a test that failed before stopping its own server
// must not leave it alive, or the file's process never exits.
const running = new Set();

/** Follows a child process, so `stopAll` ends it if nobody else does. */
export function track(child) {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Kills every child process still running. */
export function stopAll() {
  for (const child of running) child.kill('SIGKILL');
}

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
  track(child);
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
      // "Take a screenshot": accept the prompt to share this tab, as a visitor would.
      '--auto-accept-this-tab-capture',
    ],
  });
}
