// Referrals to partner organisations in real Chromium against the real server: a consultant
// refers a resident to the volunteer centre from the file (the form names what is missing),
// sees the follow-up reminder when nothing happened for the partner's weeks, records the
// acceptance (a status without its date is named) and the reminder goes; the administrator
// keeps the partner list at phone width. axe-core on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInPage, signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const iso = (d) => d.toISOString().slice(0, 10);
const daysAgo = (n) => iso(new Date(Date.now() - n * 86400000));

test('a consultant refers a resident to the volunteer centre, is reminded, and records the acceptance', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(page, server.url, 'pc.ramdin', 'demo-participatie-1', '/werk');
  const first = page.getByTestId('caseload').locator('tbody tr a').first();
  const name = (await first.innerText()).trim();
  await first.click();
  await page.getByTestId('dossier-naam').waitFor();
  const file = page.url();
  await page.getByTestId('nieuw-verwijzing').click();
  await page.getByTestId('formulier-verwijzing').waitFor();
  // A new referral starts as requested, dated today.
  assert.equal(await page.locator('#r-status').inputValue(), 'aangevraagd');
  await checkA11y(page, 'new referral');

  // Saved without partner, purpose and consent: each is named in the summary.
  await page.getByTestId('opslaan').click();
  const summary = page.getByTestId('foutoverzicht');
  await summary.waitFor();
  for (const input of ['r-partner_id', 'r-doel', 'r-toestemming']) {
    await summary.locator(`a[href="#${input}"]`).waitFor();
  }
  assert.equal(await summary.locator('a').count(), 3, 'the three empty required fields, at once');
  await checkA11y(page, 'referral with errors');

  // Requested five weeks ago, with purpose and consent: the partner is chosen by name.
  await page.locator('#r-datum').fill(daysAgo(35));
  await page.locator('#r-partner_id').selectOption({ label: 'Rijswijk Doet (vrijwilligerscentrale)' });
  await page.locator('#r-doel').fill('Vrijwilligerswerk in de buurt, twee ochtenden per week.');
  await page.locator('#r-toestemming').selectOption('mondeling');
  await page.getByTestId('opslaan').click();
  await page.getByTestId('opgeslagen').waitFor();

  // Nothing happened for longer than the partner's four weeks: the file and the caseload say so.
  await page.goto(file);
  await ready(page);
  const section = page.getByTestId('sectie-verwijzing');
  await section.getByText(/Rijswijk Doet · aangevraagd/).waitFor();
  await section.getByTestId('verwijzing-opvolgen').waitFor();
  await checkA11y(page, 'file with a referral due for a follow-up');
  await screenshot(page, 'verwijzing-opvolgen-390');
  await page.goto(server.url + '/werk');
  await ready(page);
  const row = page.getByTestId('caseload').locator('tbody tr').filter({ hasText: name });
  await row.getByTestId('signaal-verwijzing').waitFor();
  assert.match(await row.innerText(), /verwijzing opvolgen/);

  // The partner accepted: a status without its date is named; with it, saved.
  await row.locator('a').first().click();
  await section.locator('a', { hasText: 'Rijswijk Doet' }).click();
  await page.getByTestId('formulier-verwijzing').waitFor();
  await page.locator('#r-status').selectOption('geaccepteerd');
  await page.getByTestId('opslaan').click();
  await summary.getByRole('link', { name: /status 'geaccepteerd' hoort deze datum/ }).waitFor();
  await page.locator('#r-geaccepteerd_op').fill(daysAgo(0));
  await page.getByTestId('opslaan').click();
  await page.getByTestId('opgeslagen').waitFor();
  await page.goto(file);
  await ready(page);
  await section.getByText(/Rijswijk Doet · geaccepteerd/).waitFor();
  assert.equal(await section.getByTestId('verwijzing-opvolgen').count(), 0, 'news today: no reminder');
  await checkA11y(page, 'file with an accepted referral');

  // On the server, as recorded, with purpose and consent.
  const api = await signInApi(server.url, 'pc.ramdin', 'demo-participatie-1');
  const id = Number(file.split('/').pop());
  const dossier = await api.get(`/api/inwoners/${id}/dossier`);
  const made = dossier.records.filter((r) => r.soort === 'verwijzing' && !r.id.startsWith('demo-'));
  assert.equal(made.length, 1);
  assert.equal(made[0].velden.status, 'geaccepteerd');
  assert.equal(made[0].velden.toestemming, 'mondeling');
  page.assertClean();
});

test('the administrator keeps the partner list at phone width', async () => {
  const page = await newPage(chromium.browser, { width: 320, height: 800 });
  await signInPage(page, server.url, 'beheer', 'demo-beheerder-1', '/beheer/partners');
  await page.getByRole('heading', { level: 1, name: 'Partnerorganisaties' }).waitFor();
  await page.getByTestId('partners').getByText('Rijswijk Doet').waitFor();
  await checkA11y(page, 'partners');
  // A bad number of weeks is named on its field and nothing is saved.
  await page.locator('#p-naam').fill('Buurthuis De Stek');
  await page.locator('#p-soort').selectOption('welzijn');
  await page.locator('#p-weken').fill('40');
  await page.getByTestId('partner-opslaan').click();
  await page.getByTestId('foutoverzicht').getByRole('link', { name: /1 tot en met 26/ }).waitFor();
  await checkA11y(page, 'partner with an error');
  await page.locator('#p-weken').fill('3');
  await page.getByTestId('partner-opslaan').click();
  await page.getByTestId('partner-melding').filter({ hasText: 'Buurthuis De Stek is opgeslagen' }).waitFor();
  await page.getByTestId('partners').getByText('Buurthuis De Stek').waitFor();
  // Set inactive: it stays in the list, marked inactive.
  await page.getByRole('button', { name: 'Wijzigen: Buurthuis De Stek' }).click();
  await page.locator('#p-actief').uncheck();
  await page.getByTestId('partner-opslaan').click();
  await page.getByTestId('partner-melding').waitFor();
  await page.getByTestId('partners').locator('tr', { hasText: 'Buurthuis De Stek' }).filter({ hasText: 'inactief' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling at 320 px');
  await checkA11y(page, 'partners after changes');
  await screenshot(page, 'partners-320');
  const api = await signInApi(server.url, 'pc.ramdin', 'demo-participatie-1');
  const listed = (await api.get('/api/partners')).partners.find((p) => p.naam === 'Buurthuis De Stek');
  assert.equal(listed.actief, false);
  page.assertClean();
});
