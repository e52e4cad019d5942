// The council report (issue 13) in real Chromium against the real server: a team lead opens
// the report, switches year, downloads CSV, drills down and prints the A4 infographic; policy
// staff get the same aggregates and no personal data anywhere (checked on the wire); axe-core on
// every page; usable at 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInApi, signInPage } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

async function signIn(page, user, password, target) {
  await signInPage(page, server.url, user, password, target);
}

const figures = (r) => r.secties.flatMap((s) => s.figuren);
const fits = async (page, name) => {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(over <= 0, `${name}: page is ${over}px wider than the screen`);
};

test('a team lead gets the report of 2025 and 2024 in one click, downloads CSV and prints the infographic', async () => {
  const api = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const want = await api.get('/api/rapportage?jaar=2025');
  const page = await newPage(chromium.browser);
  await signIn(page, 'tl.visser', 'demo-teamleider-1', '/rapportage?jaar=2025');
  await page.getByTestId('sectie-werk').waitFor();
  for (const id of ['gesproken', 'geactiveerd', 'plaatsingen', 'plaatsingen_sroi', 'uitstroom', 'overdracht']) {
    const f = figures(want).find((x) => x.id === id);
    const shown = (await page.getByTestId(`cijfer-${id}`).getByTestId('waarde').textContent()).trim();
    assert.equal(shown, String(f.waarde.aantal), id);
  }
  assert.match(await page.getByTestId('samenvatting-werk').textContent(), /ambitie van 275/);
  // Every chart has its sentence, its table and its CSV.
  for (const s of want.secties) {
    await page.getByTestId(`samenvatting-${s.id}`).waitFor();
    await page.getByTestId(`tabel-${s.id}`).waitFor();
    await page.getByTestId(`csv-${s.id}`).waitFor();
  }
  await checkA11y(page, 'rapportage 2025');
  await screenshot(page, 'rapportage-2025-1280');
  mkdirSync(join(process.cwd(), 'target', 'e2e'), { recursive: true });
  await page.getByTestId('sectie-werk').screenshot({ path: join(process.cwd(), 'target', 'e2e', 'rapportage-werk-1280.png') });

  // The drill-down names the residents of the own team that a figure counts.
  const drill = page.getByTestId('wie-gesproken');
  await drill.locator('summary').click();
  assert.ok(await drill.locator('li a').count() > 0);

  // Another year: the address keeps the period (and nothing personal).
  await page.locator('#jaar').selectOption('2024');
  await page.waitForURL(/\/rapportage\?jaar=2024$/);
  await page.getByTestId('rapport-periode').filter({ hasText: 'vergeleken met 2023' }).waitFor();
  const want2024 = await api.get('/api/rapportage?jaar=2024');
  const sroi = figures(want2024).find((x) => x.id === 'plaatsingen_sroi');
  assert.equal((await page.getByTestId('cijfer-plaatsingen_sroi').getByTestId('waarde').textContent()).trim(), String(sroi.waarde.aantal));

  // CSV of all figures.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  assert.equal(dl.suggestedFilename(), 'rapportage-2024.csv');
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /^sectie;id;cijfer;periode;vorige periode;verschil;sinds start;ambitie;definitie\n/);
  assert.ok(csv.includes(`"plaatsingen_sroi";"Plaatsingen via SROI";"${sroi.waarde.aantal}"`), csv);

  // The infographic, printed on A4.
  await page.getByTestId('infographic').click();
  await page.getByTestId('poster').waitFor();
  assert.equal((await page.getByTestId('poster-plaatsingen_sroi').locator('.poster__number').textContent()).trim(), String(sroi.waarde.aantal));
  await checkA11y(page, 'infographic');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'infographic-2024-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const dir = join(process.cwd(), 'target', 'e2e');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'infographic-2024.pdf'), pdf);
  assert.ok(pdf.length > 5_000 && pdf.subarray(0, 5).toString() === '%PDF-');
  page.assertClean();
});

test('bad periods and ambitions name the field and save nothing', async () => {
  const page = await newPage(chromium.browser);
  await signIn(page, 'tl.visser', 'demo-teamleider-1', '/rapportage?van=2025-06-01&tot=2025-01-01');
  await page.getByTestId('rapport-fout').filter({ hasText: 'begindatum' }).waitFor();
  await page.goto(server.url + '/rapportage?jaar=2025');
  await page.getByTestId('rapport-instellingen').waitFor();
  await page.locator('#a-doel').fill('-5');
  await page.getByTestId('ambitie-opslaan').click();
  await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /ambitie is een geheel getal/i);
  await checkA11y(page, 'rapportage met fout');
  await page.locator('#a-doel').fill('veel');
  await page.getByTestId('ambitie-opslaan').click();
  await page.getByTestId('foutoverzicht').filter({ hasText: 'geheel getal' }).waitFor();
  const api = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  assert.deepEqual((await api.get('/api/rapportage/instellingen')).ambities.map((a) => [a.jaar, a.indicator, a.doel]), [[2025, 'plaatsingen', 275]]);
  page.assertClean([/status of 422/, /wijzigingen.*ERR_ABORTED/]);
});

test('policy staff see the same aggregates, no personal data on the wire, and no case screens', async () => {
  const lead = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const names = (await lead.get('/api/inwoners')).inwoners.map((r) => r.velden.naam);
  const bsns = (await lead.get('/api/inwoners')).inwoners.map((r) => r.velden.bsn).filter(Boolean);
  const want = await lead.get('/api/rapportage?jaar=2025');
  for (const width of [1280, 390]) {
    const page = await newPage(chromium.browser, { width, height: 900 });
    const bodies = [];
    page.on('response', async (res) => {
      if (res.url().includes('/api/')) bodies.push([res.url(), res.status(), await res.text().catch(() => '')]);
    });
    await signIn(page, 'bm.jansen', 'demo-beleid-1', '/rapportage?jaar=2025');
    await page.getByTestId('sectie-werk').waitFor();
    for (const id of ['gesproken', 'geactiveerd', 'plaatsingen', 'actief']) {
      const f = figures(want).find((x) => x.id === id);
      assert.equal((await page.getByTestId(`cijfer-${id}`).getByTestId('waarde').textContent()).trim(), String(f.waarde.aantal), id);
    }
    assert.equal(await page.getByTestId('wie-gesproken').count(), 0, 'no drill-down');
    assert.equal(await page.getByTestId('sectie-caseloads').count(), 0, 'no per-consultant rows');
    assert.equal(await page.getByRole('link', { name: 'Caseload' }).count(), 0, 'no caseload in the menu');
    await checkA11y(page, `rapportage beleid ${width}`);
    await fits(page, `rapportage ${width}`);
    await screenshot(page, `rapportage-beleid-${width}`);
    await page.getByTestId('sectie-activering').screenshot({ path: join(process.cwd(), 'target', 'e2e', `rapportage-activering-${width}.png`) });
    await page.getByTestId('infographic').click();
    await page.getByTestId('poster').waitFor();
    await checkA11y(page, `infographic beleid ${width}`);
    await fits(page, `infographic ${width}`);
    // On the wire: no resident ids, names or BSNs; no case content was even asked for.
    for (const [url, status, body] of bodies) {
      assert.ok(!/\/api\/(inwoners|wijzigingen|wachtlijst|inzendingen|audit)/.test(url), `asked for ${url}`);
      assert.ok(!body.includes('"inwoners"'), `${url} carries resident ids`);
      for (const n of names) assert.ok(!body.includes(n), `${url} carries a name`);
      for (const b of bsns) assert.ok(!body.includes(b), `${url} carries a BSN`);
      assert.ok(status < 400, `${url} answered ${status}`);
    }
    page.assertClean();
  }
});

test('a consultant tags an activation with a programme in the form; the report counts it per programme; keyboard and 320 px', async () => {
  const year = new Date().getFullYear();
  const page = await newPage(chromium.browser);
  await signIn(page, 'pc.ramdin', 'demo-participatie-1', '/werk');
  await page.getByTestId('caseload').locator('tbody tr a').first().click();
  await page.getByTestId('dossier-naam').waitFor();
  await page.getByTestId('nieuw-activering').click();
  await page.getByTestId('formulier-activering').waitFor();
  // The field added in the domain crate appears in the form with its label and help.
  await page.locator('#r-soort').selectOption('vrijwilligerswerk');
  await page.locator('#r-programma').fill('Snel aan de slag');
  await page.getByTestId('opslaan').click();
  await page.getByTestId('opgeslagen').waitFor();
  page.assertClean();

  // The team lead's report of this year shows the programme, reached by keyboard only.
  const lead = await newPage(chromium.browser, { width: 320, height: 800 });
  await signIn(lead, 'tl.visser', 'demo-teamleider-1', `/rapportage?jaar=${year}`);
  await lead.getByTestId('sectie-programmas').waitFor();
  assert.equal((await lead.getByTestId('cijfer-programma.Snel aan de slag.activeringen').getByTestId('waarde').textContent()).trim(), '1');
  const fits = await lead.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const wide = await lead.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => !e.parentElement?.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5).map((e) => `${e.tagName} ${e.getAttribute('class') ?? ''} ${e.getAttribute('data-testid') ?? ''} ${(e.textContent ?? '').slice(0, 40)}`));
  await screenshot(lead, 'rapportage-programma-320');
  assert.ok(fits <= 0, `report at 320 px is ${fits}px too wide: ${wide.join(' | ')}`);
  await checkA11y(lead, 'rapportage 320');
  // Keyboard only: Tab to "since the start" and press Enter.
  await lead.locator('body').focus();
  let reached = false;
  for (let n = 0; n < 80 && !reached; n++) {
    await lead.keyboard.press('Tab');
    reached = await lead.evaluate(() => document.activeElement?.dataset?.testid === 'sinds-start');
  }
  assert.ok(reached, '"since the start" can be reached with Tab');
  await lead.keyboard.press('Enter');
  await lead.waitForURL(/sinds_start=ja$/);
  await lead.getByTestId('rapport-periode').filter({ hasText: 'september 2022' }).waitFor();
  // The drill-down opens with Enter.
  const summary = lead.getByTestId('wie-gesproken').locator('summary');
  await summary.focus();
  await lead.keyboard.press('Enter');
  assert.ok(await lead.getByTestId('wie-gesproken').evaluate((d) => d.open));
  lead.assertClean();
});
