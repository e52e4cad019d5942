// What-if scenarios (issue 14) in real Chromium against the real server: a policy officer
// builds two scenarios beside today's policy, compares them, saves them for the team, reloads
// (kept), shares a link that opens the same comparison in another browser context, downloads
// the CSV, exports and imports JSON (a bad file names the field and changes nothing), seeks a
// goal and previews another ladder version; no personal data on the wire for this role;
// keyboard only at 320 px; a team lead gets the list of who changes; axe-core on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInApi, signInPage } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

async function signIn(page, user, password, target) {
  await signInPage(page, server.url, user, password, target);
}

const column = (page, n) => page.locator('section.scenario-column').nth(n);

/** Set a lever through its number box (typed, then Tab: the change event). */
async function setLever(section, prefix, value) {
  const box = section.locator(`[data-testid^="getal-${prefix}-"]`);
  await box.fill(String(value));
  await box.press('Tab');
}

test('a policy officer compares two scenarios with today, saves, reloads, shares, exports; nothing personal on the wire', async () => {
  const lead = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const residents = (await lead.get('/api/inwoners')).inwoners;
  const names = residents.map((r) => r.velden.naam).filter(Boolean);
  const bsns = residents.map((r) => r.velden.bsn).filter(Boolean);
  assert.ok(names.length > 10);

  const page = await newPage(chromium.browser);
  const seen = [];
  page.on('response', async (res) => {
    const url = res.url();
    if (!url.includes('/api/')) return;
    let body = '';
    try { body = await res.text(); } catch { /* redirects and aborted bodies carry nothing */ }
    seen.push({ url, body });
  });
  await signIn(page, 'bm.jansen', 'demo-beleid-1', '/scenarios');
  await page.getByTestId('basis').getByTestId('basis-begeleid').waitFor();
  const basis = await (await signInApi(server.url, 'bm.jansen', 'demo-beleid-1')).get('/api/scenario/basis');
  assert.equal((await page.getByTestId('basis-begeleid').textContent()).trim(), String(basis.begeleid));
  await checkA11y(page, 'scenarios, today only');

  // Scenario 1: four consultants from next calendar year.
  const startYear = Number(basis.start.slice(0, 4));
  await page.getByTestId('scenario-toevoegen').click();
  const one = column(page, 1);
  await one.getByTestId('scenario-naam').fill('Vier consulenten');
  await setLever(one, 'fte1', 4);
  await page.getByTestId('veranderingen-1').filter({ hasText: `consulenten 3 → 4 fte vanaf ${startYear + 1}` }).waitFor();

  // Scenario 2: norm 100 and double the trajectory budget.
  await page.getByTestId('scenario-toevoegen').click();
  const two = column(page, 2);
  await two.getByTestId('scenario-naam').fill('Norm 100');
  await setLever(two, 'norm', 100);
  await setLever(two, 'budget', '120.000');
  await page.getByTestId('veranderingen-2').filter({ hasText: 'caseloadnorm 85 → 100' }).waitFor();
  assert.match(await page.getByTestId('veranderingen-2').textContent(), /€ 60\.000 → € 120\.000 per jaar/);

  // Side by side: four big numbers per column with the difference from today.
  for (const n of [0, 1, 2]) assert.ok((await page.getByTestId(`kolom-${n}`).count()) === 1);
  const cost = async (n) => (await page.getByTestId(`getal-${n}`).first().locator('.scenario-big').textContent()).trim();
  assert.notEqual(await cost(1), await cost(0), 'a fourth consultant costs more');
  assert.match(await page.getByTestId('getal-1').first().textContent(), /verschil \+€ [\d.]+ \(ongunstiger\)/);
  // Every chart has a sentence naming each column, a data table and the CSV.
  for (const id of ['wacht-nu', 'begeleid', 'uitstroom']) {
    const sentence = await page.getByTestId(`zin-${id}`).textContent();
    for (const name of ['Huidig beleid', 'Vier consulenten', 'Norm 100']) assert.ok(sentence.includes(name), `${id}: ${sentence}`);
    await page.getByTestId(`grafiek-${id}`).locator('details summary').click();
    // The table is built when the details open (the toggle event comes after the click).
    await page.getByTestId(`tabel-${id}`).locator('tbody tr').nth(35).waitFor();
    assert.equal(await page.getByTestId(`tabel-${id}`).locator('tbody tr').count(), 36);
  }
  await checkA11y(page, 'scenarios, two scenarios with tables open');
  await screenshot(page, 'scenarios-1280');

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-csv').click()]);
  assert.equal(dl.suggestedFilename(), 'scenarios-per-maand.csv');
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /^scenario;maand;begeleid;begeleid_laag;begeleid_hoog;wacht_nu;/);
  assert.equal(csv.trim().split('\n').length, 1 + 3 * 36);
  assert.ok(csv.includes('\nVier consulenten;'));

  // Save both for the team; reload: the comparison and the saved list are kept.
  for (const n of [1, 2]) {
    await column(page, n).getByTestId('opslaan').click();
    await column(page, n).getByTestId('opslag-status').filter({ hasText: 'Opgeslagen voor uw team (versie 1)' }).waitFor();
  }
  await page.getByTestId('bewaard-tabel').locator('tbody tr').nth(1).waitFor();
  await page.reload();
  await page.getByTestId('veranderingen-1').filter({ hasText: 'consulenten 3 → 4 fte' }).waitFor();
  await page.getByTestId('bewaard-tabel').locator('tbody tr').nth(1).waitFor();
  assert.equal(await page.getByTestId('bewaard-tabel').locator('tbody tr').count(), 2);
  assert.match(await column(page, 2).getByTestId('opslag-status').textContent(), /Opgeslagen, versie 1/);

  // Goal seeking: the consultants that clear "ready now" within a year.
  await page.getByTestId('doel-maanden').fill('12');
  assert.match(await page.getByTestId('doel-antwoord').textContent(), /(Met [\d,]+ fte is de lijst 'nu klaar' binnen 12 maanden leeg|Ook 200 fte)/);
  assert.match(await page.getByTestId('budget-antwoord').textContent(), /betaalt [\d,]+ fte/);

  // Another ladder version: counts only for policy staff.
  await page.getByTestId('ladderversie').selectOption('2022-09');
  await page.getByTestId('impact-berekenen').click();
  assert.match(await page.getByTestId('impact-zin').textContent(), /onder ladder 2022-09/);
  assert.equal(await page.getByTestId('impact-lijst').count(), 0);
  await checkA11y(page, 'scenarios with goal seeking and rule impact');

  // JSON: export, a bad file is refused naming the field, the good one is read back.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('json-export').click()]);
  const file = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(file.scenarios.map((s) => s.naam), ['Vier consulenten', 'Norm 100']);
  const dir = mkdtempSync(join(tmpdir(), 'meedoen-scenario-'));
  const bad = { ...file, scenarios: [{ ...file.scenarios[0], extra: 1 }] };
  writeFileSync(join(dir, 'fout.json'), JSON.stringify(bad));
  await page.getByTestId('json-import').setInputFiles(join(dir, 'fout.json'));
  assert.match(await page.getByTestId('import-fout').textContent(), /scenarios\[0\]\.extra/);
  assert.equal(await page.locator('section.scenario-column').count(), 3, 'nothing changed by the bad file');
  const missing = { ...file, scenarios: [{ ...file.scenarios[1] }] };
  delete missing.scenarios[0].caseload_norm;
  writeFileSync(join(dir, 'mist.json'), JSON.stringify(missing));
  await page.getByTestId('json-import').setInputFiles(join(dir, 'mist.json'));
  await page.getByTestId('import-fout').filter({ hasText: 'scenarios[0].caseload_norm' }).waitFor();
  writeFileSync(join(dir, 'goed.json'), JSON.stringify({ ...file, scenarios: [file.scenarios[1]] }));
  await page.getByTestId('json-import').setInputFiles(join(dir, 'goed.json'));
  await page.getByTestId('scenario-melding').filter({ hasText: 'uit het bestand' }).waitFor();
  assert.equal(await page.locator('section.scenario-column').count(), 2);

  // Share: the link carries parameters only and opens the same comparison elsewhere.
  await page.getByTestId('bewaard-tabel').getByRole('button', { name: 'Vergelijken: Vier consulenten' }).click();
  await page.getByTestId('veranderingen-2').filter({ hasText: 'consulenten 3 → 4 fte' }).waitFor();
  const link = await page.getByTestId('deel-link').inputValue();
  assert.ok(link.startsWith(server.url + '/scenarios?deel='));
  const params = JSON.parse(new URL(link).searchParams.get('deel'));
  assert.deepEqual(Object.keys(params), ['formaat', 'scenarios']);
  for (const n of names) assert.ok(!link.includes(encodeURIComponent(n)), 'the link carries no name');
  const wantNumbers = await page.getByTestId('vergelijking').locator('tbody').textContent();
  const other = await newPage(chromium.browser);
  await signIn(other, 'bm.jansen', 'demo-beleid-1', link.slice(server.url.length));
  await other.getByTestId('scenario-melding').filter({ hasText: 'gedeelde link' }).waitFor();
  await other.getByTestId('veranderingen-2').filter({ hasText: 'consulenten 3 → 4 fte' }).waitFor();
  assert.equal(await other.getByTestId('vergelijking').locator('tbody').textContent(), wantNumbers);
  await checkA11y(other, 'scenarios from a shared link');
  // A damaged link names the problem and keeps nothing broken.
  await other.goto(server.url + '/scenarios?deel=' + encodeURIComponent('{"formaat":1,"scenarios":[{"naam":"x"}]}'));
  await other.getByTestId('scenario-melding').filter({ hasText: 'niet te lezen' }).waitFor();
  other.assertClean();

  // Print view.
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'scenarios-print');
  await page.emulateMedia({ media: 'screen' });

  // Nothing personal crossed the wire for this role, and no case endpoint was called.
  assert.ok(seen.some((r) => r.url.includes('/api/scenario/basis')));
  for (const { url, body } of seen) {
    assert.ok(!/\/api\/(inwoners|wijzigingen|dossier|mutaties|inbox|wachtlijst)/.test(url), `policy staff called ${url}`);
    for (const n of names) assert.ok(!body.includes(n), `${url} carries a name`);
    for (const b of bsns) assert.ok(!body.includes(b), `${url} carries a BSN`);
  }
  page.assertClean();
});

test('keyboard only at 320 px: add a scenario, move a slider, read the change; a team lead sees who changes', async () => {
  const page = await newPage(chromium.browser, { width: 320, height: 800 });
  await signIn(page, 'bm.jansen', 'demo-beleid-1', '/scenarios');
  await page.getByTestId('basis-begeleid').waitFor();
  const add = page.getByTestId('scenario-toevoegen');
  await add.focus();
  await page.keyboard.press('Enter');
  // Focus moves to the new scenario's name; the keyboard walks on to the first slider.
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('naam-'));
  await page.keyboard.type(' toetsenbord');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.id ?? '');
  assert.match(focused, /^fte0-/);
  const before = await page.evaluate(() => document.activeElement.value);
  for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowRight');
  const after = await page.evaluate(() => document.activeElement.value);
  assert.equal(Number(after), Number(before) + 1);
  await page.getByTestId('veranderingen-1').filter({ hasText: /consulenten 3 → 4 fte vanaf/ }).waitFor();
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right + scrollX > 321 && !e.parentElement.closest('.table-scroll')).map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right + scrollX)}`).slice(0, 8).join(', '));
  assert.ok(over <= 0, `the page is ${over}px wider than 320 px: ${wide}`);
  // A bad number names the field and the scenario is not computed with it.
  const norm = page.locator('[data-testid^="getal-norm-"]');
  await norm.fill('tachtig');
  await norm.press('Tab');
  await page.getByTestId('fout-caseload_norm').filter({ hasText: 'Vul een getal in' }).waitFor();
  await norm.fill('0');
  await norm.press('Tab');
  await page.getByTestId('fout-caseload_norm').filter({ hasText: 'caseloadnorm is 1 tot en met 500' }).waitFor();
  await page.getByTestId('vergelijking').filter({ hasText: 'Eerst de invoer verbeteren' }).waitFor();
  await checkA11y(page, 'scenarios at 320 px with a field error');
  await screenshot(page, 'scenarios-320');
  page.assertClean();

  // The team lead: the list of who changes under another ladder version, computed in the browser.
  const tl = await newPage(chromium.browser);
  await signIn(tl, 'tl.visser', 'demo-teamleider-1', '/werk');
  await tl.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 60_000 });
  await tl.getByTestId('nav-scenarios').click();
  await tl.getByTestId('basis-begeleid').waitFor();
  // The names come from the team lead's own copy, which this app reads from the browser and
  // then brings up to date; computed before that, the page gives the server's counts only.
  await tl.waitForLoadState('networkidle');
  await tl.getByTestId('ladderversie').selectOption('2022-09');
  await tl.getByTestId('impact-berekenen').click();
  const sentence = await tl.getByTestId('impact-zin').textContent();
  const api = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const counts = await api.get('/api/scenario/regelimpact?ladder=2022-09');
  assert.ok(sentence.includes(`krijgen er ${counts.trede_gewijzigd} een andere trede`), `${sentence} vs ${JSON.stringify(counts)}`);
  if (counts.trede_gewijzigd + counts.traject_gewijzigd > 0) {
    await tl.getByTestId('impact-lijst').locator('summary').click();
    assert.ok(await tl.getByTestId('impact-lijst').locator('li a').count() > 0);
  }
  await checkA11y(tl, 'scenarios for the team lead with the impact list');
  tl.assertClean();

  // Computed before the copy is there (a first visit on this device, the copy slow to come):
  // the server's counts first, then, once the copy has arrived, the same with the names.
  if (counts.trede_gewijzigd + counts.traject_gewijzigd > 0) {
    const early = await newPage(chromium.browser);
    await early.route(/\/api\/wijzigingen/, async (route) => {
      await new Promise((r) => setTimeout(r, 6000));
      await route.continue().catch(() => {});
    });
    await signIn(early, 'tl.visser', 'demo-teamleider-1', '/scenarios');
    await early.getByTestId('basis-begeleid').waitFor();
    await early.getByTestId('ladderversie').selectOption('2022-09');
    await early.getByTestId('impact-berekenen').click();
    await early.getByTestId('impact-zin').waitFor();
    assert.equal(await early.getByTestId('impact-lijst').count(), 0, 'no names before the copy is there');
    await early.getByTestId('impact-lijst').waitFor({ timeout: 30_000 });
    await early.getByTestId('impact-lijst').locator('summary').click();
    assert.ok(await early.getByTestId('impact-lijst').locator('li a').count() > 0);
    early.assertClean();
  }
});
