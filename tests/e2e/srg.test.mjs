// The monthly SRG delivery to CBS in real Chromium against the real server: the administrator
// checks last month, makes the delivery (the file downloads and is logged), cannot make a
// correction without a change, and a bad mapping is named by line; at phone width, with
// axe-core on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, checkA11y, screenshot } from './harness.mjs';
import { signInPage } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('the administrator delivers last month to CBS and keeps the mapping', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(page, server.url, 'beheer', 'demo-beheerder-1', '/beheer/srg');
  await page.getByRole('heading', { level: 1, name: 'Levering aan het CBS (SRG)' }).waitFor();
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  assert.equal(await page.getByTestId('srg-maand').inputValue(), last, 'last month is chosen');
  await page.getByTestId('srg-status').filter({ hasText: 'Klaar voor een reguliere levering' }).waitFor();
  await page.getByTestId('srg-codes').waitFor();
  await page.getByTestId('srg-koppeling').getByText('Activering: ingekocht traject').waitFor();
  await checkA11y(page, 'srg, ready');

  // Make it: the file downloads, starts with its header and is in the log.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('srg-maken').click()]);
  assert.equal(download.suggestedFilename(), `SRG_0603_${last.replace('-', '')}_R.csv`);
  const text = readFileSync(await download.path(), 'utf8');
  assert.match(text, new RegExp(`^SRG;1;0603;${last.replace('-', '')};R;\\d+\\r\\n(VZ;\\d{9};\\d{2};\\d{8};\\d{0,8}\\r\\n)+$`));
  await page.getByTestId('srg-melding').waitFor();
  await page.getByTestId('srg-log').locator('tbody tr').first().filter({ hasText: last }).waitFor();
  // Again: nothing changed, so no correction is offered.
  await page.getByTestId('srg-status').filter({ hasText: 'niets veranderd' }).waitFor();
  assert.equal(await page.getByTestId('srg-maken').count(), 0);
  await checkA11y(page, 'srg, delivered');

  // The current month is not over: the reason, no button.
  await page.getByTestId('srg-maand').fill(now.toISOString().slice(0, 7));
  await page.getByTestId('srg-controleren').click();
  await page.getByTestId('srg-status').filter({ hasText: 'nog niet voorbij' }).waitFor();

  // A bad code in the mapping is named with its line; nothing is saved.
  await page.getByTestId('srg-koppeling-wijzigen').locator('summary').click();
  const area = page.getByTestId('srg-tekst');
  await area.fill((await area.inputValue()).replace('plaatsing.jobcoach;30', 'plaatsing.jobcoach;3x'));
  await page.getByTestId('srg-koppeling-opslaan').click();
  await page.getByTestId('foutoverzicht').getByRole('link', { name: /regel 8/ }).waitFor();
  await checkA11y(page, 'srg, mapping with an error');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling at 390 px');
  await screenshot(page, 'srg-390');
  page.assertClean([/422/]);
});

test('the workspace and the administration pages are two apps: links and back and forward cross between them', async () => {
  const page = await newPage(chromium.browser);
  await signInPage(page, server.url, 'tl.visser', 'demo-teamleider-1', '/werk');
  await page.getByTestId('caseload').waitFor();
  const scripts = async () => page.evaluate(() => [...document.scripts].map((s) => s.src).concat([...document.querySelectorAll('link[rel=modulepreload], link[rel=preload]')].map((l) => l.href)).join(' '));
  assert.match(await scripts(), /\/meedoen-[0-9a-f]+/, 'the workspace app');
  // The menu item loads the administration app at its address.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Bestand van Inkomen inlezen' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/beheer/import');
  assert.match(await scripts(), /\/beheer\/beheer-[0-9a-f]+/, 'the administration app');
  // From there a workspace page loads the workspace again; back and forward cross both ways.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  await page.waitForURL(/\/wachtlijst$/);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Bestand van Inkomen inlezen' }).waitFor();
  await page.goBack();
  await page.getByTestId('caseload').waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Bestand van Inkomen inlezen' }).waitFor();
  // An unknown administration address is "page not found", loaded once.
  await page.goto(server.url + '/beheer/bestaat-niet');
  await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
  await checkA11y(page, 'administration app, page not found');
  page.assertClean();
});
