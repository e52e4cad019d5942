// Signals from the income department in real Chromium against the real server: an income
// consultant records a signal at a re-examination by the BSN (what is missing is named) and
// sees no case content; the resident's team lead sees the count on the start page, finds the
// task on the signals page and marks it handled. axe-core on every state, at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInPage, signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('the income department signals; the team lead handles the task', async () => {
  // A resident of the team lead's team, as the income department knows them: by the BSN.
  const lead = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const list = await lead.get('/api/inwoners');
  const id = list.inwoners[0].id;
  const file = await lead.get(`/api/inwoners/${id}/dossier`);
  const person = file.records.find((r) => r.soort === 'inwoner').velden;

  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  const bodies = [];
  page.on('response', async (r) => { if (r.url().includes('/api/')) bodies.push(await r.text().catch(() => '')); });
  await signInPage(page, server.url, 'ik.dekker', 'demo-inkomen-1', '/beheer/signalen');
  await page.getByRole('heading', { level: 1, name: 'Signaal bij heronderzoek' }).waitFor();
  await checkA11y(page, 'income department start');
  // Nothing filled in: the BSN and what was noticed are named.
  await page.getByTestId('signaal-opslaan').click();
  const summary = page.getByTestId('foutoverzicht');
  await summary.locator('a[href="#s-bsn"]').waitFor();
  await summary.locator('a[href="#s-soort"]').waitFor();
  await checkA11y(page, 'signal with errors');
  await page.locator('#s-bsn').fill(person.bsn);
  await page.locator('#s-soort').selectOption('wil_meedoen');
  await page.locator('#s-toelichting').fill('Wil graag vrijwilligerswerk doen.');
  await page.getByTestId('signaal-opslaan').click();
  await page.getByTestId('signaal-melding').filter({ hasText: 'team participatie' }).waitFor();
  await page.getByTestId('eigen-signalen').getByText(`…${person.bsn.slice(-4)}`).waitFor();
  await checkA11y(page, 'signal recorded');
  await screenshot(page, 'signaal-390');
  // No case content reached this role: not the name, not the full BSN in any answer.
  for (const b of bodies) {
    assert.ok(!b.includes(person.naam), 'the name reached the income department');
    assert.ok(!b.includes(`"${person.bsn}"`), 'the full BSN came back');
  }
  page.assertClean();

  // The team lead's start page counts it; the task is on the signals page.
  const tl = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInPage(tl, server.url, 'tl.visser', 'demo-teamleider-1', '/account');
  await tl.goto(server.url + '/');
  await ready(tl);
  await tl.getByTestId('signalen-open').filter({ hasText: '1' }).waitFor();
  await tl.getByRole('link', { name: 'open signalen van Inkomen' }).click();
  await tl.getByRole('heading', { level: 1, name: 'Signalen van Inkomen' }).waitFor();
  const task = tl.getByTestId('signaal-taak').filter({ hasText: person.naam });
  await task.getByText('wil meedoen').waitFor();
  await checkA11y(tl, 'team lead with a signal');
  await task.getByTestId('signaal-afgehandeld').click();
  await tl.getByTestId('signalen').getByText('Geen open signalen.').waitFor();
  // The income department's own list says it was handled.
  await page.reload();
  await page.getByTestId('eigen-signalen').getByText('afgehandeld').waitFor();
  tl.assertClean();
});
