// `cargo xtask bench messenger`: click → usable for the messenger, in headless
// Chromium, on a cold cache, over loopback and over emulated "Fast 3G", plus the bytes
// the first open transfers by type. Every run is a fresh browser context (an empty
// HTTP cache) on the demo host page of a release `helpline serve --demo`.
//
// "Usable" is the moment the messenger's home shows both its search field and an
// enabled message box; "connected" is when its WebSocket handshake completes. Both
// are timed inside the host page, from just before the launcher's click handler runs.
import { launchBrowser, startServer, stopAll } from '../launch.mjs';

const runs = Number(process.env.BENCH_RUNS || 9);

/** Chrome DevTools' "Fast 3G" as the issue defines it: 1.6 Mbps down, 150 ms RTT. */
const profiles = [
  { name: 'loopback', conditions: null },
  {
    name: 'Fast 3G (1.6 Mbps, 150 ms RTT)',
    conditions: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  },
];

/** Runs in the host page: clicks the launcher, then polls the messenger frame. */
async function clickToUsable() {
  const roots = [...document.querySelectorAll('*')].map((element) => element.shadowRoot).filter(Boolean);
  const button = roots.map((root) => root.querySelector('button')).find(Boolean);
  if (!button) throw new Error('no launcher button in an open shadow root');
  const frame = () => roots.map((root) => root.querySelector('iframe')).find(Boolean);
  const started = performance.now();
  button.click();
  return new Promise((resolve, reject) => {
    const deadline = started + 30_000;
    const poll = () => {
      const doc = frame()?.contentDocument;
      const message = doc?.querySelector('textarea[aria-label="Message"]');
      const search = doc?.querySelector('input[type="search"], input[role="searchbox"], input[aria-label*="earch"]');
      if (message && !message.disabled && search) return resolve({ usable: performance.now() - started, origin: performance.timeOrigin + started });
      if (performance.now() > deadline) return reject(new Error('the messenger did not become usable in 30 s'));
      setTimeout(poll, 2);
    };
    poll();
  });
}

function kind(response) {
  const type = (response.mimeType || '').toLowerCase();
  if (type.includes('wasm')) return 'wasm';
  if (type.includes('javascript')) return 'js';
  if (type.includes('css')) return 'css';
  if (type.includes('html')) return 'html';
  if (type.includes('json')) return 'json (API)';
  if (type.startsWith('image/')) return 'image';
  return type || 'other';
}

async function measure(browser, url, profile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (profile.conditions) await cdp.send('Network.emulateNetworkConditions', profile.conditions);
  await page.goto(`${url}/demo`);
  await page.getByRole('button', { name: /^Help/ }).waitFor();

  // Only what the click causes: requests seen from here on.
  const requests = new Map();
  let socketOpen = null;
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    requests.set(requestId, { kind: kind(response), encoding: response.headers['content-encoding'] || response.headers['Content-Encoding'] || 'identity', bytes: 0 });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId);
    if (request) request.bytes = encodedDataLength;
  });
  cdp.on('Network.webSocketHandshakeResponseReceived', () => {
    socketOpen ??= Date.now();
  });
  const { usable, origin } = await page.evaluate(clickToUsable);
  // The socket may open after the first paint; wait for it, within reason.
  const deadline = Date.now() + 30_000;
  while (socketOpen === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  await page.waitForLoadState('networkidle');
  await context.close();
  return { usable, connected: socketOpen === null ? null : socketOpen - origin, requests: [...requests.values()] };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(0).padStart(5)} ms   min ${sorted[0].toFixed(0).padStart(5)} ms   max ${sorted[sorted.length - 1].toFixed(0).padStart(5)} ms`;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`messenger click → usable, ${runs} cold-cache runs per network, release build at ${server.url}\n`);
  for (const profile of profiles) {
    const results = [];
    // One warm-up run, not counted: the server's first requests fill its own caches.
    await measure(browser, server.url, profile);
    for (let run = 0; run < runs; run += 1) results.push(await measure(browser, server.url, profile));
    console.log(profile.name);
    console.log(`  click → usable     ${summary(results.map((result) => result.usable))}`);
    const connected = results.map((result) => result.connected).filter((value) => value !== null);
    if (connected.length) console.log(`  click → connected  ${summary(connected)}`);
    const byKind = new Map();
    for (const request of results[0].requests) {
      const entry = byKind.get(request.kind) ?? { count: 0, bytes: 0, encodings: new Set() };
      entry.count += 1;
      entry.bytes += request.bytes;
      entry.encodings.add(request.encoding);
      byKind.set(request.kind, entry);
    }
    let total = 0;
    console.log('  transferred after the click (bytes on the wire, headers included):');
    for (const [name, entry] of [...byKind].sort((a, b) => b[1].bytes - a[1].bytes)) {
      total += entry.bytes;
      console.log(`    ${name.padEnd(12)} ${String(entry.bytes).padStart(9)} B in ${entry.count} response(s), ${[...entry.encodings].join('/')}`);
    }
    console.log(`    ${'total'.padEnd(12)} ${String(total).padStart(9)} B\n`);
  }
} finally {
  await browser.close();
  await server.stop();
  server.cleanup();
  stopAll();
}
