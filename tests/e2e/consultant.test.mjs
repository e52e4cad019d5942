// The consultant's side of the self-service form and the ladder measurement (issues 5 and 6):
// sign in, the inbox shows a resident's form with an indicative step, link it to a resident,
// turn it into the facts of a measurement with one action, see the suggestion change live
// with its explanation while typing, override with a reason, save (also offline: queued and
// synced when the connection returns).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { Form, signInApi, signInPage } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

async function signIn(page, user, password, target = '/inbox') {
  await signInPage(page, server.url, user, password, target);
}

test('sign-in errors are linked to the field; a wrong password is refused in plain words', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/inloggen');
  await ready(page);
  await page.getByTestId('inloggen-knop').click();
  await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
  await checkA11y(page, 'inloggen met fouten');
  await page.locator('#gebruikersnaam').fill('pc.ramdin');
  await page.locator('#wachtwoord').fill('fout-wachtwoord');
  await page.getByTestId('inloggen-knop').click();
  await page.getByText('Gebruikersnaam of wachtwoord klopt niet.').first().waitFor();
  assert.equal(await page.locator('#wachtwoord').inputValue(), '', 'the password is not kept');
});

test('a resident form reaches the inbox, is linked, and becomes a measurement with a live suggestion', async () => {
  // A resident fills in the form (mouse is fine here; the keyboard run is in form.test.mjs).
  const resident = await newPage(chromium.browser);
  const form = new Form(resident, server.url);
  await form.open();
  await resident.getByTestId('begin').click();
  await form.at('nu');
  await resident.locator('#nu-vrijwilligerswerk').check();
  await resident.locator('#nu-contacten').check();
  await form.next('hoe-vaak-vrijwilligerswerk');
  await resident.locator('#vaak-vrijwilligerswerk-paar_keer_per_week').check();
  await form.next('hoe-vaak-contacten');
  await resident.locator('#vaak-contacten-elke_week').check();
  await form.next('wil');
  await resident.locator('#wil-betaald_werk').check();
  await form.next('moeilijk');
  await form.next('naam');
  await resident.locator('#naam').fill('Inbox Inwoner');
  await form.next('geboortedatum');
  await resident.locator('#geboortedatum-dag').fill('12');
  await resident.locator('#geboortedatum-maand').fill('5');
  await resident.locator('#geboortedatum-jaar').fill('1990');
  await form.next('contact');
  await resident.locator('#manier-email').check();
  await resident.locator('#email').fill('inbox@voorbeeld.nl');
  await form.next('wanneer');
  await form.next('controleren');
  await resident.getByTestId('versturen').click();
  const ref = await resident.getByTestId('referentie').textContent();

  const page = await newPage(chromium.browser);
  await signIn(page, 'pc.ramdin', 'demo-participatie-1');
  const entry = page.getByTestId(`inzending-${ref}`);
  await entry.waitFor();
  assert.match(await entry.textContent(), /Inbox Inwoner/);
  assert.match(await entry.textContent(), /12-05-1990/, 'the date of birth in figures, day first');
  assert.match(await entry.getByTestId('indicatie').textContent(), /trede|vraag nog naar/);
  await checkA11y(page, 'inbox');
  await screenshot(page, 'inbox-1280');
  // Linking without a choice says what to do; then link to the first resident of the caseload.
  await entry.getByTestId('koppelen').click();
  await entry.getByText('Kies een inwoner uit uw caseload.').waitFor();
  await entry.locator('select').selectOption({ index: 1 });
  await entry.getByTestId('koppelen').click();
  await entry.getByTestId('naar-meting').waitFor();
  await entry.getByTestId('naar-meting').click();

  // The measurement opens with the form's facts; the rules run in the browser.
  await page.getByTestId('bron').waitFor();
  assert.match(await page.getByTestId('bron').textContent(), new RegExp(ref));
  assert.equal(await page.locator('#f-onbetaald_werk').inputValue(), 'vrijwilligerswerk');
  await page.getByTestId('suggestie-trede').waitFor();
  await page.locator('#f-gereedheid').selectOption('nu');
  await page.locator('#f-dagbesteding').selectOption('geen');
  const before = await page.getByTestId('suggestie-trede').textContent();
  assert.match(before, /Trede [1-6]/);
  // Change facts: paid work of 32 hours with a contract makes it step 6.
  await page.locator('#f-betaald_werk').selectOption('dienstverband');
  await page.locator('#f-betaald_werk-uren_per_week').fill('32');
  await page.waitForFunction(() => document.querySelector('[data-testid=suggestie-trede]')?.textContent === 'Trede 6');
  assert.ok((await page.getByTestId('uitleg').locator('li').count()) > 0, 'the explanation is shown beside it');
  assert.ok(Number(await page.getByTestId('suggestie').getAttribute('data-ms')) >= 0);
  // A bad number names the field.
  await page.locator('#f-mantelzorg_uren_per_week').fill('veel');
  await page.getByTestId('meting-opslaan').click();
  await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /Vul een getal in/);
  await page.locator('#f-mantelzorg_uren_per_week').fill('0');
  // Back to the situation without paid work; override the suggestion: a reason is required.
  await page.locator('#f-betaald_werk').selectOption('geen');
  await page.locator('#f-betaald_werk-uren_per_week').fill('');
  const suggested = Number((await page.getByTestId('suggestie-trede').textContent()).replace(/\D/g, ''));
  const other = suggested === 1 ? '2' : String(suggested - 1);
  await page.locator('#besluit-trede').selectOption(other);
  await page.locator('#reden').waitFor();
  await page.getByTestId('meting-opslaan').click();
  await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /minstens 10 tekens/);
  await checkA11y(page, 'meting met fout');
  await page.locator('#reden').fill('Gezondheid laat meer nu nog niet toe, besproken met inwoner.');
  await page.getByTestId('meting-opslaan').click();
  await page.getByTestId('opgeslagen').waitFor();
  assert.match(await page.getByTestId('opgeslagen').textContent(), /opgeslagen op de server \(versie 1\)/);
  await checkA11y(page, 'meting opgeslagen');
  await screenshot(page, 'meting-1280');

  // The server has the measurement with the consultant's decision and reason.
  const api = await signInApi(server.url, 'pc.ramdin', 'demo-participatie-1');
  const linked = (await api.get('/api/inzendingen')).inzendingen.find((x) => x.referentie === ref);
  const dossier = await api.get(`/api/inwoners/${linked.inwoner_id}/dossier`);
  const records = dossier.records ?? dossier.dossier ?? dossier;
  const measurement = records.filter((r) => r.soort === 'meting').find((r) => r.velden.reden_afwijking?.startsWith('Gezondheid'));
  assert.ok(measurement, 'measurement stored');
  assert.equal(measurement.velden.besluit.trede, Number(other));
  assert.equal(measurement.velden.suggestie.trede, suggested);
  page.assertClean();
});

test('offline: a measurement is kept on the device and synced when the connection returns', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, 'pc.devries', 'demo-participatie-2');
  const api = await signInApi(server.url, 'pc.devries', 'demo-participatie-2');
  const id = (await api.get('/api/inwoners')).inwoners[0].id;
  await page.goto(`${server.url}/inwoners/${id}/meting`);
  await ready(page);
  await page.getByTestId('suggestie').waitFor();
  for (const [sel, v] of [['#f-betaald_werk', 'geen'], ['#f-onbetaald_werk', 'geen'], ['#f-dagbesteding', 'geen'], ['#f-gereedheid', 'later']]) await page.locator(sel).selectOption(v);
  for (const [sel, v] of [['#f-mantelzorg_uren_per_week', '0'], ['#f-georganiseerde_activiteiten_per_week', '0'], ['#f-sociale_contacten_per_week', '0']]) await page.locator(sel).fill(v);
  await page.getByTestId('suggestie-trede').waitFor();
  await checkA11y(page, 'meting 390px');
  await screenshot(page, 'meting-390');
  await context.setOffline(true);
  await page.getByTestId('meting-opslaan').click();
  await page.getByTestId('opgeslagen').waitFor();
  assert.match(await page.getByTestId('opgeslagen').textContent(), /bewaard op dit apparaat/);
  await page.getByText('1 wijziging(en) wachten op verbinding').waitFor();
  await context.setOffline(false);
  await page.getByText(/Alles opgeslagen, laatst om/).waitFor({ timeout: 15_000 });
  const dossier = await api.get(`/api/inwoners/${id}/dossier`);
  const records = dossier.records ?? dossier.dossier ?? dossier;
  assert.ok(records.some((r) => r.soort === 'meting' && r.velden.feiten.gereedheid === 'later' && r.gewijzigd_door === 'pc.devries'));
  // Signing out removes what this browser kept for the consultant.
  await page.getByTestId('uitloggen').click();
  await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
  await context.close();
});
