// Benchmark (./x bench): how long until the first page is usable, in real Chromium against the
// real server, under two emulated networks and slower CPUs. Each figure is the median of 5 cold
// loads, each in a fresh browser context (empty cache, no service worker) over a fresh link.
// Prints figures; asserts nothing about time.
//
//   form:    /formulier opened, the start page's button clicked, the first question usable;
//            and when the largest text was painted before that click (Largest Contentful Paint:
//            the start page's introduction, which the page shows before the app runs)
//   sign-in: /inloggen usable (its button works: the app runs), and when its fields are there
//     to type in (the page shows them before the app runs); / without a session usable
//   caseload cold: /inloggen?naar=/werk opened (the sign-in app), typed the moment the fields
//     are there and sent the moment the button is, as a consultant, the workspace loaded, the
//     caseload rows shown; and the same for someone who takes 3 s to type
//   caseload warm: the same from the service worker's copy of the app, offline
//   report cold: /inloggen opened, signed in as policy staff the moment the button is there,
//     the council report's key figures shown (the sign-in app, then the report's app)
//
// Each figure is printed twice: as the test harness sees it (Playwright polls for the element,
// and under a 4x slower CPU its polling adds 100-300 ms), and as measured in the page (`MARKS`:
// a MutationObserver notes the wall-clock time an element is first laid out, and the time of
// each click; the harness's reaction time between an element appearing and its click is left
// out, a robot that acts the moment it can). Beside each figure: the KB that came down the link
// (the service worker's too, until the figure was taken) and how long those bytes alone take at
// the profile's bandwidth. Where the page needs them all (the form, the cold caseload), that is
// the floor under the figure, which no order of the downloads gets below.
//
// The network is a link between browser and server (`slowLink`): its bandwidth and round trip
// are shared by every connection, the page's and its service worker's alike, as on a phone.
// (Chromium's own emulation is per target: it cannot be relied on to slow a service worker
// down, which downloads the workspace while the sign-in page is open.) The CPU is slowed down
// through a CDP session on the page.
//
//   node tests/bench/first-load.mjs            (BENCH_DIST=folder for another build)
import net from 'node:net';
import { startServer, launchBrowser } from '../e2e/harness.mjs';

const PROFILES = [
  { name: 'traag (1,6 Mbit/s, 150 ms, CPU 4x)', down: 1.6e6, up: 0.75e6, latency: 150, cpu: 4 },
  { name: 'snel (9 Mbit/s, 40 ms, CPU 2x)', down: 9e6, up: 3e6, latency: 40, cpu: 2 },
];
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Slow the page's CPU down (and take it offline, for the warm load). */
async function emulate(context, page, p, offline = false) {
  const cdp = await context.newCDPSession(page);
  if (offline) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
  return cdp;
}

/** A link to `target` (the server) with the profile's bandwidth each way and its round trip,
 * shared by all connections through it: every chunk waits for the link to be free, takes its
 * size over the bandwidth, and arrives half a round trip later. Resolves to { url, bytes(),
 * close() }; `bytes()` is what came down the link. */
async function slowLink(target, p) {
  const { hostname, port } = new URL(target);
  const queue = { down: 0, up: 0 };
  let down = 0;
  const sockets = new Set();
  const PIECE = 8 * 1024;
  const forward = (from, to, way, bitsPerSecond) => {
    let last = 0;
    from.on('data', (chunk) => {
      if (way === 'down') down += chunk.length;
      for (let i = 0; i < chunk.length; i += PIECE) {
        const piece = chunk.subarray(i, i + PIECE);
        const now = performance.now();
        queue[way] = Math.max(now, queue[way]) + (piece.length * 8 * 1000) / bitsPerSecond;
        last = queue[way] + p.latency / 2;
        setTimeout(() => { if (!to.destroyed) to.write(piece); }, last - now);
      }
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - performance.now())));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => sockets.delete(s));
    }
    forward(client, upstream, 'up', p.up);
    forward(upstream, client, 'down', p.down);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    bytes: () => down,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** Runs in every page before its own scripts: notes in the tab's sessionStorage (it survives
 * the sign-in app handing over to the workspace) when each element the benchmark waits for is
 * first in the page and laid out, and when the first click happened (all `Date.now()`, the
 * clock the harness reads too). */
const MARKS = () => {
  const want = {
    begin: '[data-testid=begin]',
    vraag: '#nu-geen',
    // The sign-in fields (the page's own before the app runs, then the app's), and the button
    // that only the app puts there: signing in is possible from then on.
    veld: '#gebruikersnaam',
    knop: '[data-testid=inloggen-knop]:enabled',
    rij: '[data-testid=caseload] tbody tr',
    rapport: '[data-testid=kerncijfers]',
  };
  const KEY = 'meedoen.bench.tijden';
  const note = (k) => {
    try {
      const m = JSON.parse(sessionStorage.getItem(KEY) || '{}');
      if (!(k in m)) {
        m[k] = Date.now();
        sessionStorage.setItem(KEY, JSON.stringify(m));
      }
    } catch { /* no storage: the in-page figure is left out */ }
  };
  const check = () => {
    for (const [k, sel] of Object.entries(want)) {
      const el = document.querySelector(sel);
      if (el && el.getClientRects().length) note(k);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  addEventListener('click', () => note('klik'), true);
};
const marks = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('meedoen.bench.tijden') || '{}')).catch(() => ({}));

/** When the page painted its largest text or image before the first click (the browser's
 * Largest Contentful Paint, ms from the start of the navigation), or null. */
const largestPaint = (page) => page.evaluate(() => new Promise((done) => {
  new PerformanceObserver((list) => {
    const all = list.getEntries();
    done(all.length ? all[all.length - 1].startTime : null);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => done(null), 1000);
})).catch(() => null);

/** The encodings the server answered this page load with. */
function encodings(page) {
  const seen = new Set();
  page.on('response', (res) => {
    const enc = res.headers()['content-encoding'];
    if (enc) seen.add(enc);
  });
  return seen;
}

/** The page's errors and its requests, with the ones still unanswered, for a load that fails. */
function watch(page) {
  const errors = [];
  const open = new Map();
  const failed = [];
  const t0 = Date.now();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => open.set(r, Date.now() - t0));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => { open.delete(r); failed.push(`${r.url()} (${r.failure()?.errorText})`); });
  return {
    report: () => [
      ...errors,
      ...failed.map((f) => `mislukt: ${f}`),
      ...[...open].map(([r, at]) => `onbeantwoord sinds ${at} ms: ${r.method()} ${r.url()}`),
    ],
  };
}

async function timed(browser, p, run) {
  try {
    return await timedOnce(browser, p, run);
  } catch (err) {
    // A load that never became usable is printed, not hidden, and measured again once in a
    // fresh context (one in several hundred CI loads hung so far; the figure is the median of
    // the loads that finished). A second failure stops the benchmark.
    console.log(`bench: een keer laden werd niet bruikbaar en is opnieuw gemeten (${String(err.message).split('\n')[0]})`);
    return timedOnce(browser, p, run);
  }
}

async function timedOnce(browser, p, run) {
  const link = await slowLink(server.url, p);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(MARKS);
  const page = await context.newPage();
  await emulate(context, page, p);
  const enc = encodings(page);
  const seen = watch(page);
  try {
    const figures = await run(page, link.url);
    return { ...figures, kb: link.bytes() / 1024, enc: [...enc].join('+') };
  } catch (err) {
    // What the page was doing when it never became usable, so a rare hang can be told apart:
    // the loading notice still there (the app did not start), an error, or a request that
    // never got its answer over the link.
    const shown = await page.evaluate(() => ({
      laden: document.getElementById('laden')?.textContent?.trim() ?? null,
      body: document.body?.innerText?.slice(0, 200) ?? null,
      worker: navigator.serviceWorker?.controller ? 'controller' : 'geen',
    })).catch((e) => ({ fout: String(e.message).split('\n')[0] }));
    console.log(`bench: pagina ${page.url()} na ${link.bytes() / 1024 | 0} KB: ${JSON.stringify(shown)}`);
    for (const line of seen.report()) console.log(`bench:   ${line}`);
    throw err;
  } finally {
    await context.close();
    await link.close();
  }
}

// BENCH_DIST=<folder> measures another build (an earlier release, for a before/after).
const server = await startServer(process.env.BENCH_DIST ? { dist: process.env.BENCH_DIST } : {});
const chromium = await launchBrowser();
/** Open the sign-in page at `base`, sign in as a participation consultant (after `typingMs`),
 * wait for the caseload. */
async function signIn(page, base, typingMs = 0) {
  const t0 = Date.now();
  await page.goto(base + '/inloggen?naar=%2Fwerk', { waitUntil: 'commit' });
  // A person starts typing when the fields are there, and sends when the button is.
  await page.locator('#gebruikersnaam').waitFor({ timeout: 60_000 });
  if (typingMs) await page.waitForTimeout(typingMs);
  await page.locator('#gebruikersnaam').fill('pc.devries');
  await page.locator('#wachtwoord').fill('demo-participatie-2');
  await page.getByTestId('inloggen-knop').click({ timeout: 60_000 });
  await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 90_000 });
  const m = await marks(page);
  // In the page: the fields there and the typing, or the button there if that came later, and
  // from the click to the first row.
  const inPage = m.veld && m.knop && m.klik && m.rij
    ? Math.max(m.veld - t0 + typingMs, m.knop - t0) + (m.rij - m.klik)
    : null;
  return { ms: Date.now() - t0, inPage };
}

/** Open the sign-in page at `base`, sign in as policy staff the moment the button is there,
 * and wait for the council report's key figures (the sign-in app, then the report's). */
async function signInReport(page, base) {
  const t0 = Date.now();
  await page.goto(base + '/inloggen', { waitUntil: 'commit' });
  await page.locator('#gebruikersnaam').waitFor({ timeout: 60_000 });
  await page.locator('#gebruikersnaam').fill('bm.jansen');
  await page.locator('#wachtwoord').fill('demo-beleid-1');
  await page.getByTestId('inloggen-knop').click({ timeout: 60_000 });
  await page.getByTestId('kerncijfers').waitFor({ timeout: 90_000 });
  const m = await marks(page);
  const inPage = m.veld && m.knop && m.klik && m.rapport
    ? Math.max(m.veld - t0, m.knop - t0) + (m.rapport - m.klik)
    : null;
  return { ms: Date.now() - t0, inPage };
}

try {
  for (const p of PROFILES) {
    const results = {};
    const measure = async (label, run) => {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timed(chromium.browser, p, run));
      results[label] = runs;
      const ms = runs.map((r) => r.ms);
      const inPage = runs.map((r) => r.inPage).filter((x) => x != null);
      const own = inPage.length === runs.length ? `; in de pagina gemeten mediaan ${median(inPage).toFixed(0)} ms (beste ${Math.min(...inPage).toFixed(0)})` : '; in de pagina niet gemeten';
      // What the bytes alone take on this link, before any round trip or work in the page.
      const kb = median(runs.map((r) => r.kb));
      const floor = (kb * 1024 * 8 * 1000) / p.down;
      console.log(`bench eerste keer laden, ${p.name}: ${label}: mediaan ${median(ms).toFixed(0)} ms (beste ${Math.min(...ms).toFixed(0)}, slechtste ${Math.max(...ms).toFixed(0)})${own}, ${kb.toFixed(0)} KB over de lijn, ook wat de service worker haalde (${runs[0].enc || 'ongecomprimeerd'}); alleen die bytes duren al ${floor.toFixed(0)} ms`);
      // A second figure of the same loads, where the run gives one (`also`: what it is, in ms
      // from the start of the navigation).
      const also = runs.map((r) => r.also?.[1]).filter((x) => x != null);
      if (also.length === runs.length) {
        console.log(`bench eerste keer laden, ${p.name}: ${label.split(/[ ,]/)[0]}, ${runs[0].also[0]}: mediaan ${median(also).toFixed(0)} ms (beste ${Math.min(...also).toFixed(0)}, slechtste ${Math.max(...also).toFixed(0)})`);
      }
    };
    await measure('formulier, eerste vraag bruikbaar (doel traag < 1500 ms)', async (page, base) => {
      const t0 = Date.now();
      await page.goto(base + '/formulier', { waitUntil: 'commit' });
      await page.getByTestId('begin').click({ timeout: 60_000 });
      await page.locator('#nu-geen').waitFor({ state: 'visible', timeout: 60_000 });
      const ms = Date.now() - t0;
      const m = await marks(page);
      return {
        ms,
        inPage: m.begin && m.klik && m.vraag ? m.begin - t0 + (m.vraag - m.klik) : null,
        also: ['grootste inhoud getekend (Largest Contentful Paint, vanaf het openen; de pagina toont de inleiding voor de app draait)', await largestPaint(page)],
      };
    });
    await measure('inlogpagina bruikbaar (de knop Inloggen werkt)', async (page, base) => {
      const t0 = Date.now();
      await page.goto(base + '/inloggen', { waitUntil: 'commit' });
      await page.locator('[data-testid=inloggen-knop]:enabled').waitFor({ timeout: 60_000 });
      const ms = Date.now() - t0;
      const m = await marks(page);
      return {
        ms,
        inPage: m.knop ? m.knop - t0 : null,
        also: ['velden zichtbaar, typen kan (in de pagina gemeten; de pagina toont ze voor de app draait)', m.veld ? m.veld - t0 : null],
      };
    });
    // The front door: / without a session is the sign-in app's welcome, with the form in it.
    await measure('welkomstpagina / met inlogformulier bruikbaar', async (page, base) => {
      const t0 = Date.now();
      await page.goto(base + '/', { waitUntil: 'commit' });
      await page.locator('[data-testid=inloggen-knop]:enabled').waitFor({ timeout: 60_000 });
      const ms = Date.now() - t0;
      const m = await marks(page);
      return {
        ms,
        inPage: m.knop ? m.knop - t0 : null,
        also: ['velden zichtbaar, typen kan (in de pagina gemeten)', m.veld ? m.veld - t0 : null],
      };
    });
    await measure('inloggen tot bruikbare caseload, koud (doel traag < 3000 ms)', (page, base) => signIn(page, base));
    // A person types: the sign-in page waits 3 s for name and password, while the service
    // worker the sign-in page registered keeps the workspace. No target; for comparison.
    await measure('inloggen tot bruikbare caseload, koud, wie 3 s typt', (page, base) => signIn(page, base, 3000));
    // Policy staff start in the report, an app of its own (with the scenarios until the split of
    // 2026-11-25). No target of its own; the staff budget is about this first load.
    await measure('inloggen tot bruikbare rapportage, koud (beleidsmedewerker)', signInReport);
    // Warm: the app and the caseload were loaded once; now offline, from the service worker.
    const warm = [];
    const warmInPage = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
      await context.addInitScript(MARKS);
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
      await page.evaluate(() => sessionStorage.removeItem('meedoen.bench.tijden'));
      await context.setOffline(true);
      await emulate(context, page, p, true);
      const t0 = Date.now();
      await page.reload({ waitUntil: 'commit' }).catch(() => {});
      await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      warm.push(Date.now() - t0);
      const m = await marks(page);
      if (m.rij) warmInPage.push(m.rij - t0);
      await context.close();
    }
    const own = warmInPage.length === RUNS ? `; in de pagina gemeten mediaan ${median(warmInPage).toFixed(0)} ms (beste ${Math.min(...warmInPage).toFixed(0)})` : '; in de pagina niet gemeten';
    console.log(`bench eerste keer laden, ${p.name}: caseload warm uit de service worker, offline (doel < 1000 ms): mediaan ${median(warm).toFixed(0)} ms (beste ${Math.min(...warm).toFixed(0)}, slechtste ${Math.max(...warm).toFixed(0)})${own}`);
  }
} finally {
  await chromium.close();
  await server.stop();
}
