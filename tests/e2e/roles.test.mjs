// Roles without case content (issue 17, first part): the administrator starts on the start
// page, not on a caseload; the staff navigation offers no caseload to roles that cannot use it;
// a refusal by the server reads "no access", never "no connection".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, checkA11y, ready } from './harness.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('the administrator lands on the start page and meets "no access", not "no connection"', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await page.goto(server.url + '/inloggen');
  await ready(page);
  await page.locator('#gebruikersnaam').fill('beheer');
  await page.locator('#wachtwoord').fill('demo-beheerder-1');
  await page.getByTestId('inloggen-knop').click();
  await page.getByTestId('gebruiker').waitFor();
  await page.waitForURL((u) => new URL(u).pathname === '/');
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  assert.equal(await nav.getByRole('link', { name: 'Caseload' }).count(), 0, 'no caseload in the navigation');
  assert.equal(await nav.getByRole('link', { name: 'Prestatie' }).count(), 0, 'the benchmark page is not in the navigation');
  await page.goto(server.url + '/werk');
  await ready(page);
  await page.getByTestId('geen-toegang').waitFor();
  assert.equal(await page.getByText('Geen verbinding').count(), 0);
  await checkA11y(page, 'geen toegang (beheerder)');
  page.assertClean([/403/]);
});
