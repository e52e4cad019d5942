// The rights of residents (issue 18) in the team lead's file view: the subject-access export
// downloads everything held about the resident, an erasure request is refused with the field
// named and then recorded; and the skip link moves the keyboard focus into the main content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, newPage, checkA11y, ready, expectFocus } from './harness.mjs';
import { signInPage, signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('a team lead downloads a subject-access export and records an erasure request', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(page, server.url, 'tl.visser', 'demo-teamleider-1', '/werk');
  const link = page.getByTestId('caseload').locator('tbody tr a').first();
  await link.click();
  await page.getByTestId('dossier-naam').waitFor();
  const id = Number(page.url().split('/').pop());
  await page.getByTestId('rechten').waitFor();
  await checkA11y(page, 'dossier met rechten (teamleider)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('inzage-export').click()]);
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(data.inwoner_id, id);
  assert.ok(data.records.some((r) => r.soort === 'inwoner'), 'the resident record is in it');
  assert.ok(data.audit.length > 0, 'with the audit entries about the resident');
  await page.getByText('De inzage-export is gedownload').waitFor();

  // Nothing typed: the summary takes the focus and names the field.
  await page.getByTestId('verwijderverzoek-opslaan').click();
  await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /minstens 5 tekens/);
  await checkA11y(page, 'verwijderverzoek met fout');
  await page.locator('#verzoek-toelichting').fill('Telefonisch gevraagd om alle gegevens te wissen.');
  await page.getByTestId('verwijderverzoek-opslaan').click();
  await page.getByText('Het verzoek is vastgelegd').waitFor();
  const api = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const list = (await api.get('/api/verwijderverzoeken')).verwijderverzoeken;
  assert.ok(list.some((r) => r.inwoner_id === id && /Telefonisch gevraagd/.test(r.toelichting)));
  page.assertClean();
});

test('a consultant sees no rights section; the skip link moves the focus into the main content', async () => {
  const page = await newPage(chromium.browser);
  await signInPage(page, server.url, 'pc.ramdin', 'demo-participatie-1', '/werk');
  await page.getByTestId('caseload').locator('tbody tr a').first().click();
  await page.getByTestId('dossier-naam').waitFor();
  assert.equal(await page.getByTestId('rechten').count(), 0);
  // Keyboard: the first Tab reaches the skip link, Enter moves the focus to <main>.
  await page.goto(server.url + '/werk');
  await ready(page);
  await page.getByTestId('caseload').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'inhoud');
  // The form has its own frame with the same skip link.
  await page.goto(server.url + '/formulier');
  await ready(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'inhoud');
});
