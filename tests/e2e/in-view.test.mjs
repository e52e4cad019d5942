// Klant in Beeld in real Chromium against the real server: the external assessor of the demo
// bureau fills a resident's indicators (a wrong value named, who and when shown after saving)
// and no BSN or file reaches the browser; the team lead sees the progress (chart sentence and
// table), makes a batch (what is missing named, counted first) and ends it; policy staff see
// the figures only. axe-core on every state, at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInPage } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('the external assessor fills indicators of a resident in the batch, and sees nothing else', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  const bodies = [];
  page.on('response', async (r) => { if (r.url().includes('/api/')) bodies.push(await r.text().catch(() => '')); });
  await signInPage(page, server.url, 'eb.koen', 'demo-beoordelaar-1', '/beheer/klant-in-beeld');
  await page.getByRole('heading', { level: 1, name: 'Klant in Beeld' }).waitFor();
  await page.getByTestId('eigen-opdrachten').getByText('toegang tot en met').waitFor();
  const first = page.getByTestId('kib-inwoner').first();
  await first.waitFor();
  // Only the indicators in the menu: no caseload, no report.
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
  for (const label of ['Caseload', 'Wachtlijst', 'Rapportage', 'Inbox']) {
    assert.equal(await menu.getByRole('link', { name: label, exact: true }).count(), 0, label);
  }
  await checkA11y(page, 'assessor list 390px');
  const name = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 1, name: `Klant in Beeld — ${name}` }).waitFor();
  await page.getByTestId('kib-persoon').getByText('ingevuld').waitFor();
  await checkA11y(page, 'assessor sheet');
  // A wrong number and a choice: the number is named, nothing is saved.
  await page.locator('#kib-opleiding').selectOption('mbo');
  await page.locator('#kib-uren').fill('99');
  await page.getByTestId('kib-opslaan').click();
  const summary = page.getByTestId('foutoverzicht');
  await summary.locator('a[href="#kib-uren"]').getByText('0 tot en met 40').waitFor();
  await checkA11y(page, 'assessor sheet with an error');
  await page.locator('#kib-uren').fill('12');
  await page.locator('#kib-taal').selectOption('b1');
  await page.getByTestId('kib-opslaan').click();
  await page.getByTestId('kib-melding').getByText('Opgeslagen: 3 indicator(en).').waitFor();
  await page.locator('#kib-uren-hint').getByText('Ingevuld door Bureau Koen (extern) (externe beoordelaar)').waitFor();
  assert.equal(await page.locator('#kib-uren').inputValue(), '12');
  await checkA11y(page, 'assessor sheet saved');
  await screenshot(page, 'klant-in-beeld-390');
  // In English too.
  await page.getByTestId('taalkeuze').click();
  await page.getByText('Filled by Bureau Koen (extern) (external assessor)').first().waitFor();
  // Nothing of the file reached the assessor's browser.
  for (const b of bodies) {
    for (const key of ['"bsn"', '"feiten"', '"records"', '"huishouden"']) {
      assert.ok(!b.includes(key), `${key} reached the assessor`);
    }
  }
  // The file itself is refused.
  const id = new URL(page.url()).pathname.split('/').pop();
  const res = await page.evaluate(async (id) => (await fetch(`/api/inwoners/${id}/dossier`)).status, id);
  assert.equal(res, 403);
  page.assertClean([/403/]);
});

test('the team lead sees the progress, makes a batch and ends it; policy staff see figures only', async () => {
  const page = await newPage(chromium.browser, { width: 320, height: 800 });
  await signInPage(page, server.url, 'tl.visser', 'demo-teamleider-1', '/beheer/klant-in-beeld');
  await page.getByRole('heading', { level: 1, name: 'Klant in Beeld' }).waitFor();
  await page.getByTestId('kib-samenvatting').getByText(/^Van de \d+ inwoners met bijstand hebben er \d+/).waitFor();
  await page.getByTestId('kib-tabel').getByRole('rowheader', { name: 'Hoogst afgeronde opleiding' }).waitFor();
  // The table as CSV: a row per indicator, a column per step.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kib-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /^"indicator";"code";"nog niet vastgesteld";"trede 1"/);
  assert.ok(csv.includes('"Hoogst afgeronde opleiding";"opleiding";'), csv.slice(0, 300));
  await page.getByTestId('kib-opdracht').first().waitFor();
  const batches = await page.getByTestId('kib-opdracht').count();
  await checkA11y(page, 'team lead progress 320px');
  // Nothing chosen: the name and the assessor are named.
  await page.locator('#b-trede-1').uncheck();
  await page.locator('#b-trede-2').uncheck();
  await page.getByTestId('kib-maken').click();
  const summary = page.getByTestId('foutoverzicht');
  await summary.locator('a[href="#b-naam"]').waitFor();
  await summary.locator('a[href="#b-beoordelaar"]').waitFor();
  await summary.locator('a[href="#b-trede-0"]').waitFor();
  await checkA11y(page, 'batch with errors');
  await page.locator('#b-naam').fill('Extra gesprekken trede 3');
  await page.locator('#b-beoordelaar').selectOption({ label: 'Bureau Koen (extern)' });
  await page.locator('#b-trede-3').check();
  await page.locator('#b-zonder').uncheck();
  await page.locator('#b-max').fill('10');
  await page.getByTestId('kib-voorbeeld').click();
  await page.getByTestId('kib-voorbeeld-uitkomst').getByText(/^\d+ inwoners passen bij deze keuze \(trede 3 \d+\)\.$/).waitFor();
  assert.equal(await page.getByTestId('kib-opdracht').count(), batches, 'counting writes nothing');
  await page.getByTestId('kib-maken').click();
  await page.getByTestId('opdracht-melding').getByText(/De opdracht is gemaakt met \d+ inwoners/).waitFor();
  await page.getByTestId('kib-opdracht').filter({ hasText: 'Extra gesprekken trede 3' }).getByText('loopt tot en met').waitFor();
  await checkA11y(page, 'batch made');
  await page.getByRole('button', { name: 'Beëindigen: Extra gesprekken trede 3' }).click();
  await page.getByTestId('kib-opdracht').filter({ hasText: 'Extra gesprekken trede 3' }).getByText('beëindigd op').waitFor();
  await screenshot(page, 'klant-in-beeld-teamleider-320');
  page.assertClean();

  const policy = await newPage(chromium.browser, { width: 390, height: 844 });
  const bodies = [];
  policy.on('response', async (r) => { if (r.url().includes('/api/')) bodies.push(await r.text().catch(() => '')); });
  await signInPage(policy, server.url, 'bm.jansen', 'demo-beleid-1', '/beheer/klant-in-beeld');
  await policy.getByTestId('kib-samenvatting').waitFor();
  assert.equal(await policy.getByTestId('kib-opdracht-form').count(), 0, 'no batches for policy staff');
  assert.equal(await policy.getByTestId('kib-inwoners').count(), 0, 'no residents for policy staff');
  await checkA11y(policy, 'policy progress');
  for (const b of bodies) assert.ok(!b.includes('"naam":"') || b.includes('"rol":"beleidsmedewerker"'), 'a name reached policy staff');
  policy.assertClean();
});

test('a consultant goes from the file to the indicators of an own resident, also after being offline', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(page, server.url, 'pc.ramdin', 'demo-participatie-1', '/werk');
  await page.getByTestId('caseload').locator('tbody tr a').first().click();
  await page.getByTestId('dossier-naam').waitFor();
  const name = await page.getByTestId('dossier-naam').textContent();
  // Offline on a home visit: the page says it needs a connection instead of the browser's error.
  await page.context().setOffline(true);
  await page.getByTestId('naar-indicatoren').click();
  await page.getByTestId('andere-app-offline').waitFor();
  await checkA11y(page, 'other app offline');
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
  await page.getByRole('heading', { level: 1, name: `Klant in Beeld — ${name}` }).waitFor();
  await page.getByTestId('kib-opslaan').waitFor();
  await checkA11y(page, 'consultant sheet');
  page.assertClean([/net::ERR_ABORTED/, /ERR_INTERNET_DISCONNECTED/]);
});
