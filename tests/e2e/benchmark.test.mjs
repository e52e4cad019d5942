// Benchmark in headless Chromium: classify + route 410,000 synthetic residents with the rules
// compiled to wasm (the performance page, its own build at opt-level 3: at the apps' size
// setting, z under LTO, the same batch loses its vectorised loops and takes about 28 ms), read
// the figures from the page and print them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y } from './harness.mjs';
import { signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer({ demo: false }); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('wasm classify+route of 410,000 residents: figures printed', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/prestatie');
  await ready(page);
  await checkA11y(page, 'prestatie');
  await page.getByTestId('meet').click();
  await page.getByTestId('meting').waitFor({ timeout: 120_000 });
  const best = await page.getByTestId('beste-ms').textContent();
  const median = await page.getByTestId('mediaan-ms').textContent();
  const checksum = await page.getByTestId('controlegetal').textContent();
  console.log(`bench wasm classify+route (Chromium, 410000 residents): best ${best}, median ${median} (target < 10 ms; the performance page is built at opt-level 3, the apps for size), checksum ${checksum}`);
  const reportBest = await page.getByTestId('rapport-beste-ms').textContent();
  const reportMedian = await page.getByTestId('rapport-mediaan-ms').textContent();
  console.log(`bench wasm council report (Chromium, 2000 residents, 5 years of events): best ${reportBest}, median ${reportMedian} (target < 20 ms)`);
  assert.match(reportBest, /^\d+(\.\d)? ms$/);
  assert.match(best, /^\d+(\.\d)? ms$/);
  await checkA11y(page, 'prestatie with figures');
  page.assertClean();
});

test('workspace: sign-in to a usable caseload (cold and warm) and live re-classification: figures printed', async () => {
  const demo = await startServer();
  try {
    // A caseload of 250: the administrator raises the norm, the team lead allocates from the
    // waiting list to pc.ramdin until they hold 250 residents.
    const admin = await signInApi(demo.url, 'beheer', 'demo-beheerder-1');
    assert.equal((await admin.post('/api/gemeente/caseload-norm', { caseload_norm: 250 })).status, 200);
    const pc = await signInApi(demo.url, 'pc.ramdin', 'demo-participatie-1');
    const me = (await pc.get('/api/sessie')).gebruiker.id;
    const lead = await signInApi(demo.url, 'tl.visser', 'demo-teamleider-1');
    const waiting = (await lead.get('/api/wachtlijst')).inwoners;
    const have = (await pc.get('/api/inwoners')).aantal;
    for (const w of waiting.slice(0, 250 - have)) {
      assert.equal((await lead.post(`/api/inwoners/${w.id}/toewijzing`, { consulent_id: me })).status, 200);
    }
    assert.equal((await pc.get('/api/inwoners')).aantal, 250);
    for (const [user, password] of [['pc.ramdin', 'demo-participatie-1'], ['tl.visser', 'demo-teamleider-1']]) {
      const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(demo.url + '/inloggen?naar=%2Fwerk');
      await ready(page);
      await page.locator('#gebruikersnaam').fill(user);
      await page.locator('#wachtwoord').fill(password);
      const t0 = Date.now();
      await page.getByTestId('inloggen-knop').click();
      await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      const cold = Date.now() - t0;
      // All residents of the caseload (the table shows one page of 50 of them).
      const residents = Number((await page.getByTestId('aantal').textContent()).match(/\d+/)[0]);
      const shown = await page.getByTestId('caseload').locator('tbody tr').count();
      const records = await page.evaluate(() => new Promise((ok) => {
        const r = indexedDB.open('meedoen');
        r.onsuccess = () => { const q = r.result.transaction('werkplek').objectStore('werkplek').getAll(); q.onsuccess = () => ok(q.result.filter((v) => v.startsWith('[')).reduce((n, v) => n + JSON.parse(v).length, 0)); };
      }));
      // Warm: the page is opened again; the caseload comes from IndexedDB before the network.
      const warm = [];
      for (let k = 0; k < 5; k++) {
        await page.reload();
        await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 60_000 });
        warm.push(await page.evaluate(() => performance.now()));
      }
      warm.sort((a, b) => a - b);
      console.log(`bench caseload ${user}: ${residents} residents (${shown} on the first page), ${records} records; sign-in to usable caseload cold ${cold} ms; page open to usable caseload warm best ${warm[0].toFixed(0)} ms, median ${warm[2].toFixed(0)} ms (target < 1000 ms warm)`);
      assert.ok(residents > 0);
      if (user === 'pc.ramdin') {
        // Live re-classification while typing on the measurement page.
        const link = page.getByTestId('caseload').locator('tbody a').first();
        const href = await link.getAttribute('href');
        await page.goto(demo.url + href + '/meting');
        await ready(page);
        await page.getByTestId('suggestie').waitFor();
        const times = [];
        for (let k = 0; k < 60; k++) {
          await page.locator('#f-sociale_contacten_per_week').fill(String(k % 7));
          await page.locator('#f-georganiseerde_activiteiten_per_week').fill(String((k * 3) % 5));
          times.push(Number(await page.getByTestId('suggestie').getAttribute('data-ms')));
        }
        times.sort((a, b) => a - b);
        const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
        console.log(`bench live re-classification (Chromium, wasm, with explanation): median ${q(0.5).toFixed(3)} ms, p95 ${q(0.95).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms over ${times.length} edits (target < 5 ms)`);
      }
      await context.close();
    }
  } finally {
    await demo.stop();
  }
});

test('scenarios: recompute after a slider move (5 years monthly, three bands, today plus three scenarios) and frames while dragging: figures printed', async () => {
  const demo = await startServer();
  try {
    const page = await newPage(chromium.browser);
    await page.goto(demo.url + '/scenarios');
    await ready(page);
    await page.getByTestId('naar-inloggen').click();
    await page.locator('#gebruikersnaam').fill('bm.jansen');
    await page.locator('#wachtwoord').fill('demo-beleid-1');
    await page.getByTestId('inloggen-knop').click();
    await page.getByTestId('basis-begeleid').waitFor();
    await page.locator('#horizon').selectOption('5');
    for (let k = 0; k < 3; k++) await page.getByTestId('scenario-toevoegen').click();
    await page.locator('section.scenario-column').nth(3).waitFor();
    // 100 moves of the first consultants slider, each followed by the next frame; the page
    // records how long the recomputation took (data-ms) and every frame's gap.
    const result = await page.evaluate(async () => {
      const slider = document.querySelector('input[type=range][id^="fte0-"]');
      const figure = document.querySelector('[data-testid=reken-ms]');
      const frame = () => new Promise((ok) => requestAnimationFrame(ok));
      const gaps = [];
      let last = performance.now();
      let running = true;
      (async () => { while (running) { const t = await frame(); gaps.push(t - last); last = t; } })();
      const times = [];
      for (let k = 0; k < 100; k++) {
        slider.value = String(2 + (k % 40) / 10);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        times.push(Number(figure.dataset.ms));
      }
      running = false;
      await frame();
      return { times, gaps, months: document.querySelector('[data-testid=grafiek-wacht-nu] polyline.line')?.getAttribute('points').split(' ').length ?? 0, columns: document.querySelectorAll('section.scenario-column').length };
    });
    const times = result.times.sort((a, b) => a - b);
    const gaps = result.gaps.slice(1).sort((a, b) => a - b);
    const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    console.log(`bench scenario recompute after a slider move (Chromium, wasm, ${result.columns} columns x 3 bands x ${result.months} months): median ${q(times, 0.5).toFixed(3)} ms, p95 ${q(times, 0.95).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms over ${times.length} moves (target median < 4 ms); frames while dragging: median ${q(gaps, 0.5).toFixed(1)} ms, longest ${gaps[gaps.length - 1].toFixed(1)} ms (target no frame > 50 ms)`);
    assert.equal(result.columns, 4);
    assert.equal(result.months, 60);
    assert.ok(times.every((t) => Number.isFinite(t) && t >= 0));
    await page.context().close();
  } finally {
    await demo.stop();
  }
});
