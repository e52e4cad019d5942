// The income department's file in real Chromium against the real server: a team lead chooses a
// file with errors and sees each one by row and column with nothing imported, fixes the file,
// previews and imports it; the same file again changes nothing; a resident the file no longer
// lists is confirmed "continues"; the administrator sees the same page. axe-core on every state,
// at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInPage, signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const HEAD = 'bsn;naam;geboortedatum;bijstand_sinds;huishouden;telefoon\n';
const GOOD = [
  '111222333;Anna Import;07-04-1988;2023-01-01;alleenstaand;0612345678',
  '123456782;Piet Import;1970-01-31;2020-02-01;gehuwd/samenwonend;',
  '987654305;Sara Import;1995-06-15;2024-09-01;alleenstaande ouder;',
];
const csv = (rows) => ({ name: 'bijstand.csv', mimeType: 'text/csv', buffer: Buffer.from(HEAD + rows.join('\n') + '\n', 'utf8') });

test('a team lead imports a file with errors, fixes it and imports it; again changes nothing', async () => {
  const page = await newPage(chromium.browser, { width: 320, height: 800 });
  await signInPage(page, server.url, 'tl.visser', 'demo-teamleider-1', '/beheer/import');
  await page.getByRole('heading', { level: 1, name: 'Bestand van Inkomen inlezen' }).waitFor();
  await page.getByTestId('historie').or(page.getByText('Nog geen imports.')).first().waitFor();
  await checkA11y(page, 'import, empty');

  // No file chosen: the summary names the file input.
  await page.getByTestId('bekijken').click();
  await page.getByTestId('foutoverzicht').getByRole('link', { name: /Kies het CSV-bestand/ }).waitFor();

  // A file with three bad rows: each named by row and column; nothing can be imported.
  const bad = [GOOD[0], '111222334;Fout BSN;07-04-1988;2023-01-01;alleenstaand;', '123456782;Piet Import;1970-01-31;2099-02-01;gehuwd;', '987654305;Sara Import;1995-06-15;2024-09-01;student;'];
  await page.getByTestId('bestand').setInputFiles(csv(bad));
  await page.getByTestId('bekijken').click();
  await page.getByTestId('aantal-fouten').filter({ hasText: '3' }).waitFor();
  const rows = await page.getByTestId('fouten').locator('tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.split('\t').slice(0, 2).join(' ')), ['3 bsn', '4 bijstand_sinds', '5 huishouden']);
  assert.equal(await page.getByTestId('inlezen').count(), 0, 'no import while the file has errors');
  await checkA11y(page, 'import, errors');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling at 320 px');
  await screenshot(page, 'import-fouten-320');

  // Fixed: three to add; import.
  await page.getByTestId('bestand').setInputFiles(csv(GOOD));
  await page.getByTestId('bekijken').click();
  await page.getByTestId('aantal-toevoegen').filter({ hasText: '3' }).waitFor();
  assert.equal(await page.getByTestId('lijst-toevoegen').locator('tbody tr').count(), 3);
  assert.match(await page.getByTestId('lijst-toevoegen').innerText(), /•••••2333/);
  await checkA11y(page, 'import, preview');
  await page.getByTestId('inlezen').click();
  await page.getByTestId('ingelezen').filter({ hasText: '3 toegevoegd' }).waitFor();
  await page.getByTestId('historie').locator('tbody tr').first().waitFor();
  await checkA11y(page, 'import, done');
  const api = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const waiting = await api.get('/api/wachtlijst');
  assert.ok(JSON.stringify(waiting).includes('Sara Import'), 'new residents wait on the team list');

  // The same file again: nothing to add or change.
  await page.getByTestId('bekijken').click();
  await page.getByTestId('aantal-toevoegen').filter({ hasText: '0' }).waitFor();
  assert.equal(await page.getByTestId('aantal-wijzigen').innerText(), '0');

  // The demo residents with a BSN are not in this file: flagged for a person. One continues.
  const before = (await api.get('/api/import')).signalen_totaal;
  assert.ok(before > 0);
  await page.getByTestId('signaal').first().getByTestId('loopt-door').click();
  await page.getByText('Vastgelegd.').waitFor();
  await page.getByTestId('signalen-aantal').filter({ hasText: String(before - 1) }).waitFor();
  assert.equal((await api.get('/api/import')).signalen_totaal, before - 1);
  // The flag shows in the caseload and on the file, for the consultant and the team lead.
  await page.goto(server.url + '/werk');
  await ready(page);
  const flagged = page.getByTestId('caseload').locator('tbody tr').filter({ has: page.getByTestId('signaal-bijstand') }).first();
  await flagged.locator('a').click();
  await page.getByTestId('niet-in-bestand').waitFor();
  await checkA11y(page, 'file with the assistance-ended flag');
  page.assertClean();
});

test('the administrator imports too; a Windows-1252 file is read with a notice', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(page, server.url, 'beheer', 'demo-beheerder-1', '/beheer/import');
  const text = HEAD + '192837461;José Müller;01-01-1980;2022-05-01;alleenstaand;\n';
  await page.getByTestId('bestand').setInputFiles({ name: 'oud.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') });
  await page.getByTestId('bekijken').click();
  await page.getByTestId('codering').waitFor();
  assert.match(await page.getByTestId('lijst-toevoegen').innerText(), /José Müller/);
  await checkA11y(page, 'import, windows-1252');
  page.assertClean();
});

test('the team lead exports the waiting list and the filtered caseload as shown, after stating the purpose', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(page, server.url, 'tl.visser', 'demo-teamleider-1', '/wachtlijst');
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  const api = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const waiting = (await api.get('/api/wachtlijst')).inwoners.length;
  await page.getByTestId('export').locator('summary').click();
  await page.getByTestId('export-downloaden').click();
  await page.getByTestId('foutoverzicht').getByRole('link', { name: /Schrijf waarvoor/ }).waitFor();
  await checkA11y(page, 'wachtlijst, export');
  await page.getByTestId('export-doel').fill('werkverdeling teamoverleg');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-downloaden').click()]);
  const text = readFileSync(await file.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], '"Groep";"Naam";"Trede";"In bijstand sinds";"Prioriteit"');
  assert.equal(lines.length, waiting + 1, 'every resident on the waiting list, one line each');
  await page.getByTestId('export-klaar').filter({ hasText: String(waiting) }).waitFor();
  const audit = await api.get('/api/audit?actie=exporteren');
  assert.ok(audit.totaal >= waiting, 'each resident in the list audited');

  // The caseload as shown: step 1 only.
  await page.goto(server.url + '/werk?trede=1');
  await ready(page);
  await page.getByTestId('caseload').waitFor();
  const shown = Number((await page.getByTestId('aantal').innerText()).split(' ')[0]);
  await page.getByTestId('export').locator('summary').click();
  await page.getByTestId('export-doel').fill('trede 1 bespreken met het WSP');
  const [file2] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-downloaden').click()]);
  const rows = readFileSync(await file2.path(), 'utf8').trim().split('\r\n').slice(1);
  assert.equal(rows.length, shown);
  assert.ok(rows.every((r) => r.split(';')[2] === '"1"'), 'only step 1, as filtered');
  await checkA11y(page, 'caseload, export');
  page.assertClean();
});
