// A new release while the apps are open (issue 15): a consultant has a change queued offline and
// a resident has a draft open in the form; a new build is served. Both pages say a new version is
// available, the old release's caches are gone, and after the reload nothing is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser, ready, checkA11y } from './harness.mjs';
import { Form, signInPage, signInApi } from './pages.mjs';

let server, chromium, dist;
before(async () => {
  // The server serves a copy of the build, so the test can put a "new build" in its place.
  dist = mkdtempSync(join(tmpdir(), 'meedoen-dist-'));
  cpSync(join(ROOT, 'dist'), dist, { recursive: true });
  server = await startServer({ dist });
  chromium = await launchBrowser();
});
after(async () => { await chromium?.close(); await server?.stop(); rmSync(dist, { recursive: true, force: true }); });

const release = (file) => readFileSync(join(dist, file), 'utf8').match(/const RELEASE = '([^']+)'/)[1];

/** A new build of both apps: a new release in each service worker (and no stale compressed copy). */
function newBuild() {
  for (const file of ['sw.js', 'formulier/sw.js']) {
    const path = join(dist, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/const RELEASE = '[^']+'/, `const RELEASE = 'nieuw-${Date.now()}'`));
    rmSync(path + '.br', { force: true });
    rmSync(path + '.gz', { force: true });
  }
}

/** The worker that controls the page has finished its activation. */
const activated = (page) => page.evaluate(async () => {
  const worker = (await navigator.serviceWorker.getRegistration(location.pathname)).active;
  if (worker.state === 'activated') return;
  await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done()));
});

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });

test('a new release while a change is queued and a draft is open: notice, old cache gone, nothing lost', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const staff = await context.newPage();
  await signInPage(staff, server.url, 'pc.devries', 'demo-participatie-2', '/werk');
  await staff.getByTestId('caseload').waitFor();
  const link = staff.getByTestId('caseload').locator('tbody tr a').first();
  await link.click();
  await staff.getByTestId('dossier-naam').waitFor();
  const id = Number(staff.url().split('/').pop());
  await controlled(staff);

  const resident = await context.newPage();
  const form = new Form(resident, server.url);
  await form.fillQuickly('Nieuwe Versie');
  await controlled(resident);
  const before = await staff.evaluate(() => caches.keys());
  assert.deepEqual(before.sort(), [`meedoen-formulier-${release('formulier/sw.js')}`, `meedoen-werkplek-${release('sw.js')}`].sort());

  // A change waits for the connection.
  await context.setOffline(true);
  await staff.goto(`${server.url}/inwoners/${id}/nieuw/gesprek`).catch(() => {});
  await ready(staff);
  await staff.locator('#r-soort').selectOption('nazorg');
  await staff.locator('#r-verslag').fill('Vastgelegd vlak voor een nieuwe versie.');
  await staff.getByTestId('opslaan').click();
  await staff.getByTestId('opgeslagen').waitFor();
  await staff.getByText('1 wijziging(en) wachten op verbinding').waitFor();

  // The new build is served; the browsers look for it.
  newBuild();
  await context.setOffline(false);
  for (const page of [staff, resident]) {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration(location.pathname)).update());
    await page.getByTestId('nieuwe-versie').waitFor({ timeout: 30_000 });
  }
  await checkA11y(staff, 'nieuwe versie (werkplek)');
  await checkA11y(resident, 'nieuwe versie (formulier)');
  // The page hears of the new worker (and shows the notice) when that worker's activation
  // starts; the old caches are removed during the activation, so read them once it is done.
  for (const page of [staff, resident]) await activated(page);
  const after = await staff.evaluate(() => caches.keys());
  assert.deepEqual(after.sort(), [`meedoen-formulier-${release('formulier/sw.js')}`, `meedoen-werkplek-${release('sw.js')}`].sort(), 'only the new release is kept');
  assert.ok(before.every((name) => !after.includes(name)), 'the old caches are gone');

  // Reload into the new version: the draft is still there, the change is delivered exactly once.
  await resident.getByTestId('nieuwe-versie-laden').click();
  await ready(resident);
  await resident.getByTestId('antwoorden').waitFor();
  assert.match(await resident.getByTestId('antwoorden').textContent(), /Nieuwe Versie/);
  assert.match(await resident.getByTestId('antwoorden').textContent(), /9 september 1979/, 'the date of birth as a date');
  assert.deepEqual(await form.storedKeys(), ['concept']);
  await staff.getByTestId('nieuwe-versie-laden').click();
  await ready(staff);
  await staff.getByText(/Alles opgeslagen/).waitFor({ timeout: 20_000 });
  const api = await signInApi(server.url, 'pc.devries', 'demo-participatie-2');
  const records = (await api.get(`/api/inwoners/${id}/dossier`)).records;
  assert.equal(records.filter((r) => r.velden.verslag === 'Vastgelegd vlak voor een nieuwe versie.').length, 1);
  await context.close();
});

test('a file the service worker cannot keep (the storage is full) still reaches the page', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(server.url + '/formulier');
  await page.getByTestId('begin').waitFor();
  await controlled(page);
  // A release whose files the worker does not have yet: its script, wasm and styles are gone
  // from its cache (and from the browser's), so it fetches them and tries to keep a copy.
  const files = /\.(js|wasm|css)$/;
  await page.evaluate(async (source) => {
    const re = new RegExp(source);
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) if (re.test(new URL(req.url).pathname)) await cache.delete(req);
    }
  }, files.source);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  // The storage is full: no copy can be kept (a quota of 1 byte; with 0 the copies were kept).
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
  await page.reload();
  await page.getByTestId('begin').waitFor({ timeout: 30_000 });
  const kept = await page.evaluate(async (source) => {
    const re = new RegExp(source);
    const all = [];
    for (const name of await caches.keys()) all.push(...(await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname));
    return all.filter((p) => re.test(p));
  }, files.source);
  assert.deepEqual(kept, [], 'no copy was kept: the storage was full');
  await context.close();
});

test('the service worker script is never cached as immutable; hashed assets are, compressed at build time', async () => {
  for (const path of ['/sw.js', '/formulier/sw.js']) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
  }
  assert.equal((await fetch(server.url + '/formulier/sw.js')).headers.get('service-worker-allowed'), '/formulier');
  const page = readFileSync(join(dist, 'formulier', 'index.html'), 'utf8');
  const wasm = page.match(/module_or_path: '([^']+)'/)[1];
  for (const [encoding, file] of [['br', '.br'], ['gzip', '.gz']]) {
    const res = await fetch(server.url + wasm, { headers: { 'accept-encoding': encoding } });
    assert.equal(res.headers.get('content-encoding'), encoding);
    assert.match(res.headers.get('cache-control'), /immutable/);
    assert.match(res.headers.get('vary') ?? '', /accept-encoding/, `${encoding}: shared caches keep the encodings apart`);
    assert.equal(Number(res.headers.get('content-length')), readFileSync(join(dist, wasm + file)).length, 'the file compressed at build time is served');
  }
  // The form's own page and bundle: nothing of the staff workspace.
  const html = await (await fetch(server.url + '/formulier/naam')).text();
  assert.match(html, /formulier-[0-9a-f]{12,16}\.js/);
  assert.doesNotMatch(html, /meedoen-[0-9a-f]{12,16}/);
});
