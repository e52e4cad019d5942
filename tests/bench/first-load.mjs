// Benchmark (./x bench): how long until the first page is usable, in real Chromium against the
// real server, under two emulated networks and slower CPUs (a CDP session per page). Each figure
// is the median of 5 cold loads, each in a fresh browser context (empty cache, no service
// worker). Prints figures; asserts nothing about time.
//
//   form:    /formulier opened, the start page's button clicked, the first question usable
//   sign-in: /inloggen usable (user name field enabled)
//   caseload cold: /inloggen?naar=/werk opened (the sign-in app), signed in at once as a
//     consultant, the workspace loaded, the caseload rows shown; and the same for someone
//     who takes 3 s to type
// The service worker is slowed down like the page (throttleServiceWorkers).
//   caseload warm: the same from the service worker's copy of the app, offline
import { startServer, launchBrowser } from '../e2e/harness.mjs';

const PROFILES = [
  { name: 'traag (1,6 Mbit/s, 150 ms, CPU 4x)', down: 1.6e6, up: 0.75e6, latency: 150, cpu: 4 },
  { name: 'snel (9 Mbit/s, 40 ms, CPU 2x)', down: 9e6, up: 3e6, latency: 40, cpu: 2 },
];
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function emulate(context, page, p, offline = false) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline, latency: p.latency, downloadThroughput: p.down / 8, uploadThroughput: p.up / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
  return cdp;
}

/** Bytes that came over the wire for this page load (encoded, as sent). */
function transfer(page) {
  const seen = { bytes: 0, encodings: new Set() };
  page.on('response', async (res) => {
    const enc = res.headers()['content-encoding'];
    if (enc) seen.encodings.add(enc);
    const sizes = await res.request().sizes().catch(() => null);
    if (sizes) seen.bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  return seen;
}

async function timed(browser, p, run) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await emulate(context, page, p);
  const seen = transfer(page);
  const ms = await run(page, context);
  await page.waitForTimeout(50);
  await context.close();
  return { ms, kb: seen.bytes / 1024, enc: [...seen.encodings].join('+') };
}

/** The service worker is a target of its own, which the page's emulation does not slow down:
 * apply the current profile to every worker as it starts (through the browser's CDP session),
 * so the copy of the workspace it keeps comes over the same emulated network. */
async function throttleServiceWorkers(browser, current) {
  const cdp = await browser.newBrowserCDPSession();
  let id = 0;
  const send = (sessionId, method, params = {}) => cdp.send('Target.sendMessageToTarget',
    { sessionId, message: JSON.stringify({ id: ++id, method, params }) });
  cdp.on('Target.targetCreated', async ({ targetInfo }) => {
    const p = current();
    if (targetInfo.type !== 'service_worker' || !p) return;
    try {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false });
      await send(sessionId, 'Network.enable');
      await send(sessionId, 'Network.emulateNetworkConditions', {
        offline: false, latency: p.latency, downloadThroughput: p.down / 8, uploadThroughput: p.up / 8,
      });
    } catch { /* the worker ended before it could be slowed down */ }
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
}

const server = await startServer();
const chromium = await launchBrowser();
let profile = null;
await throttleServiceWorkers(chromium.browser, () => profile);
/** Open the sign-in page, sign in as a participation consultant, wait for the caseload. */
async function signIn(page, typingMs = 0) {
  await page.goto(server.url + '/inloggen?naar=%2Fwerk', { waitUntil: 'commit' });
  await page.locator('#gebruikersnaam:enabled').waitFor({ timeout: 60_000 });
  if (typingMs) await page.waitForTimeout(typingMs);
  await page.locator('#gebruikersnaam').fill('pc.devries');
  await page.locator('#wachtwoord').fill('demo-participatie-2');
  await page.getByTestId('inloggen-knop').click();
  await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 90_000 });
}

try {
  for (const p of PROFILES) {
    profile = p;
    const results = {};
    const measure = async (label, run) => {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timed(chromium.browser, p, run));
      results[label] = runs;
      const ms = runs.map((r) => r.ms);
      console.log(`bench eerste keer laden, ${p.name}: ${label}: mediaan ${median(ms).toFixed(0)} ms (beste ${Math.min(...ms).toFixed(0)}, slechtste ${Math.max(...ms).toFixed(0)}), ${median(runs.map((r) => r.kb)).toFixed(0)} KB over de lijn (${runs[0].enc || 'ongecomprimeerd'})`);
    };
    await measure('formulier, eerste vraag bruikbaar (doel traag < 1500 ms)', async (page) => {
      const t0 = Date.now();
      await page.goto(server.url + '/formulier', { waitUntil: 'commit' });
      await page.getByTestId('begin').click({ timeout: 60_000 });
      await page.locator('#nu-geen').waitFor({ state: 'visible', timeout: 60_000 });
      return Date.now() - t0;
    });
    await measure('inlogpagina bruikbaar', async (page) => {
      const t0 = Date.now();
      await page.goto(server.url + '/inloggen', { waitUntil: 'commit' });
      await page.locator('#gebruikersnaam:enabled').waitFor({ timeout: 60_000 });
      return Date.now() - t0;
    });
    await measure('inloggen tot bruikbare caseload, koud (doel traag < 3000 ms)', async (page) => {
      const t0 = Date.now();
      await signIn(page);
      return Date.now() - t0;
    });
    // A person types: the sign-in page waits 3 s for name and password, while the service
    // worker the sign-in page registered keeps the workspace. No target; for comparison.
    await measure('inloggen tot bruikbare caseload, koud, wie 3 s typt', async (page) => {
      const t0 = Date.now();
      await signIn(page, 3000);
      return Date.now() - t0;
    });
    // Warm: the app and the caseload were loaded once; now offline, from the service worker.
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await signIn(page);
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
      await context.setOffline(true);
      await emulate(context, page, p, true);
      const t0 = Date.now();
      await page.reload({ waitUntil: 'commit' }).catch(() => {});
      await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      warm.push(Date.now() - t0);
      await context.close();
    }
    console.log(`bench eerste keer laden, ${p.name}: caseload warm uit de service worker, offline (doel < 1000 ms): mediaan ${median(warm).toFixed(0)} ms (beste ${Math.min(...warm).toFixed(0)}, slechtste ${Math.max(...warm).toFixed(0)})`);
  }
} finally {
  await chromium.close();
  await server.stop();
}
