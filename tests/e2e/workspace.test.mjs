// The consultant workspace (issue 5) in real Chromium against the real server and demo data:
// a consultant's day from sign-in to placement, the keyboard-only run, working offline with a
// reload, and a conflict made from two browser contexts resolved field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot, expectFocus } from './harness.mjs';
import { signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

async function signIn(page, user, password) {
  await page.goto(server.url + '/inloggen?naar=%2Fwerk');
  await ready(page);
  await page.locator('#gebruikersnaam').fill(user);
  await page.locator('#wachtwoord').fill(password);
  await page.getByTestId('inloggen-knop').click();
  await page.getByTestId('caseload').waitFor();
}

const rows = (page) => page.getByTestId('caseload').locator('tbody tr');
/** The number of residents the caseload lists (all pages). */
const total = async (page) => Number((await page.getByTestId('aantal').textContent()).match(/\d+/)[0]);

async function openFirstResident(page) {
  const link = rows(page).first().locator('a');
  const name = await link.textContent();
  await link.click();
  await page.getByTestId('dossier-naam').waitFor();
  return { name, id: Number(page.url().split('/').pop()) };
}

/** On a progress conversation's form: record an aftercare conversation and save it. */
async function saveConversation(page, report) {
  await page.locator('#r-soort').selectOption('nazorg');
  await page.locator('#r-verslag').fill(report);
  await page.getByTestId('opslaan').click();
  await page.getByTestId('opgeslagen').waitFor();
}

/** Records of a resident's file on the server. */
async function serverFile(user, password, id) {
  const api = await signInApi(server.url, user, password);
  return (await api.get(`/api/inwoners/${id}/dossier`)).records;
}

test("a consultant's day: caseload, intake, activation, hand-over; the WSP registers a placement", async () => {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    const page = await newPage(chromium.browser, { width, height });
    await signIn(page, 'pc.ramdin', 'demo-participatie-1');
    const n = await total(page);
    assert.ok(n > 20, `caseload has residents (${n})`);
    assert.match(await page.getByTestId('capaciteit').textContent(), new RegExp(`${n} van 85`));
    await checkA11y(page, `caseload ${width}`);
    await screenshot(page, `caseload-${width}`);
    // Search by name and by the last digits of the BSN.
    const first = (await rows(page).first().locator('a').textContent()).split(' ')[0];
    await page.getByTestId('zoek').fill(first);
    assert.ok(await total(page) >= 1 && await total(page) < n);
    const bsn = (await rows(page).first().locator('td').first().textContent()).replace('…', '');
    await page.getByTestId('zoek').fill(bsn);
    assert.ok(await rows(page).count() >= 1);
    // Without case and accents: what a consultant types without the accent finds the name.
    await page.getByTestId('zoek').fill('Öztürk');
    const withAccents = await total(page);
    assert.ok(withAccents >= 1 && withAccents < n, `the demo caseload has an Öztürk (${withAccents})`);
    await page.getByTestId('zoek').fill('');
    await page.getByTestId('zoek').fill('OZTURK');
    assert.equal(await total(page), withAccents);
    await page.getByTestId('zoek').fill('');
    await page.locator('#sorteer').selectOption('trede');
    if (width !== 1280) {
      // On a phone: the resident's file and a record form fit without sideways scrolling.
      await openFirstResident(page);
      await checkA11y(page, `dossier ${width}`);
      await screenshot(page, `dossier-${width}`);
      await page.getByTestId('nieuw-gesprek').click();
      await page.getByTestId('formulier-gesprek').waitFor();
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
      await screenshot(page, `gesprek-${width}`);
      page.assertClean(); await page.context().close(); continue;
    }

    const { id } = await openFirstResident(page);
    await checkA11y(page, 'dossier');
    await screenshot(page, 'dossier-1280');
    // Intake over life domains: each optional, a reason required for each one discussed.
    await page.getByTestId('nieuw-intake').click();
    await page.getByTestId('formulier-intake').waitFor();
    await page.locator('#r-dom-financien-on').check();
    await page.locator('#r-dom-financien-score').selectOption('2');
    await page.locator('#r-dom-sociaal_netwerk-on').check();
    await page.locator('#r-dom-financien-reden').fill('Schulden, aanmelding schuldhulp besproken');
    await page.locator('#r-wensen').fill('Wil graag iets met mensen doen.');
    await page.getByTestId('opslaan').click();
    await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
    assert.match(await page.getByTestId('foutoverzicht').textContent(), /waarom dit leefgebied/);
    await page.getByTestId('foutoverzicht').locator('a').first().click();
    await expectFocus(page, 'r-dom-sociaal_netwerk-reden');
    await checkA11y(page, 'intake met fout');
    await page.locator('#r-dom-sociaal_netwerk-reden').fill('Weinig contacten sinds verhuizing');
    await page.getByTestId('opslaan').click();
    await page.getByTestId('opgeslagen').waitFor();
    await screenshot(page, 'intake-1280');
    // A plan: goals one row each (what, by when, reached), a review date and aftercare.
    await page.goto(`${server.url}/inwoners/${id}/nieuw/plan`);
    await ready(page);
    await page.getByTestId('formulier-plan').waitFor();
    await page.locator('#r-doel-0-omschrijving').fill('Nederlandse taalles volgen op niveau A2');
    await page.locator('#r-doel-0-streefdatum').fill('2027-06-30');
    await page.getByTestId('doel-toevoegen').click();
    // The new row takes the focus once it is drawn (on the next animation frame).
    await expectFocus(page, 'r-doel-1-omschrijving');
    await page.keyboard.type('x');
    await page.getByTestId('doel-toevoegen').click();
    await page.locator('#r-doel-2-omschrijving').fill('Wordt verwijderd');
    await page.getByTestId('doel-verwijderen').nth(2).click();
    assert.equal(await page.getByTestId('doel').count(), 2);
    await page.locator('#r-evaluatiedatum').fill('2027-03-01');
    await page.locator('#r-nazorg_tot').fill('2027-12-31');
    await page.locator('#r-status').selectOption('actief');
    await page.getByTestId('opslaan').click();
    await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
    await page.getByTestId('foutoverzicht').locator('a').first().click();
    await expectFocus(page, 'r-doel-1-omschrijving', 'the short goal');
    await checkA11y(page, 'plan met fout');
    await page.locator('#r-doel-1-omschrijving').fill('Twee dagdelen vrijwilligerswerk bij de voedselbank');
    await page.getByTestId('opslaan').click();
    await page.getByTestId('opgeslagen').waitFor();
    await screenshot(page, 'plan-1280');
    {
      const plan = (await serverFile('pc.ramdin', 'demo-participatie-1', id)).filter((r) => r.soort === 'plan').find((r) => r.velden.nazorg_tot === '2027-12-31');
      assert.deepEqual(plan.velden.doelen, [
        { omschrijving: 'Nederlandse taalles volgen op niveau A2', streefdatum: '2027-06-30' },
        { omschrijving: 'Twee dagdelen vrijwilligerswerk bij de voedselbank' },
      ]);
      // Reopen it, mark the first goal reached: only the goals are sent, the dates stay.
      await page.goto(`${server.url}/inwoners/${id}/plan/${plan.id}`);
      await ready(page);
      await page.locator('#r-doel-0-behaald').check();
      await page.getByTestId('opslaan').click();
      await page.getByText('Opgeslagen op de server (versie 2)').waitFor();
      const again = (await serverFile('pc.ramdin', 'demo-participatie-1', id)).find((r) => r.id === plan.id);
      assert.deepEqual(again.velden.doelen[0], { omschrijving: 'Nederlandse taalles volgen op niveau A2', streefdatum: '2027-06-30', behaald: true });
      assert.equal(again.velden.nazorg_tot, '2027-12-31');
    }
    // An activation: a bought individual trajectory with provider and cost.
    await page.goto(`${server.url}/inwoners/${id}/nieuw/activering`);
    await ready(page);
    await page.getByTestId('formulier-activering').waitFor();
    await page.locator('#r-soort').selectOption('inzet_traject');
    await page.locator('#r-aanbieder').fill('Re-integratiebureau Voorbeeld');
    await page.locator('#r-kosten_euro').fill('duizend');
    await page.getByTestId('opslaan').click();
    await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
    assert.match(await page.getByTestId('foutoverzicht').textContent(), /Vul een getal in/);
    await page.locator('#r-kosten_euro').fill('2450');
    await page.locator('#r-uren_per_week').fill('6');
    await page.getByTestId('opslaan').click();
    await page.getByTestId('opgeslagen').waitFor();
    await checkA11y(page, 'activering');
    // Hand over to the WSP.
    await page.goto(`${server.url}/inwoners/${id}/nieuw/overdracht`);
    await ready(page);
    await page.locator('#r-reden').fill('Klaar voor betaald werk; past bij vacatures in de zorg.');
    await page.locator('#r-status').selectOption('aangemeld');
    await page.getByTestId('opslaan').click();
    await page.getByTestId('opgeslagen').waitFor();
    await page.goto(`${server.url}/inwoners/${id}`);
    await ready(page);
    await page.getByTestId('sectie-overdracht').locator('li').first().waitFor();
    const records = await serverFile('pc.ramdin', 'demo-participatie-1', id);
    const kinds = records.map((r) => r.soort);
    for (const k of ['intake', 'activering', 'overdracht']) assert.ok(kinds.includes(k), `${k} stored on the server`);
    const intake = records.filter((r) => r.soort === 'intake').find((r) => r.velden.wensen === 'Wil graag iets met mensen doen.');
    assert.deepEqual(intake.velden.domeinen.map((d) => d.domein), ['financien', 'sociaal_netwerk']);
    page.assertClean();
  }

  // The WSP work consultant registers a placement (SROI); its check-points appear when due.
  const wsp = await newPage(chromium.browser);
  await signIn(wsp, 'wc.bakker', 'demo-werkgevers-1');
  const { id } = await openFirstResident(wsp);
  await wsp.getByTestId('nieuw-plaatsing').click();
  await wsp.getByTestId('formulier-plaatsing').waitFor();
  await wsp.locator('#r-start').fill('2026-01-05');
  await wsp.locator('#r-werkgever').fill('Zorggroep Voorbeeld');
  await wsp.locator('#r-contract').selectOption('dienstverband');
  await wsp.locator('#r-uren_per_week').fill('24');
  await wsp.locator('#r-sroi').check();
  await wsp.getByTestId('opslaan').click();
  await wsp.getByTestId('opgeslagen').waitFor();
  await checkA11y(wsp, 'plaatsing');
  await screenshot(wsp, 'plaatsing-1280');
  await wsp.goto(server.url + '/werk');
  await ready(wsp);
  await wsp.getByTestId('zoek').fill(await wsp.evaluate(async (rid) => {
    return new Promise((ok) => { const r = indexedDB.open('meedoen'); r.onsuccess = () => { const q = r.result.transaction('werkplek').objectStore('werkplek').get(`dossier:${rid}`); q.onsuccess = () => ok(JSON.parse(q.result).find((x) => x.soort === 'inwoner').velden.naam); }; });
  }, id));
  const row = rows(wsp).first();
  assert.match(await row.textContent(), /aan het werk/);
  assert.match(await row.textContent(), /duurzaamheid (6|12|18) maanden/);
  await wsp.goto(`${server.url}/inwoners/${id}`);
  await ready(wsp);
  assert.match(await wsp.getByTestId('sectie-plaatsing').textContent(), /2026-01-05 · Zorggroep Voorbeeld · SROI/);
  const placement = (await serverFile('wc.bakker', 'demo-werkgevers-1', id)).find((r) => r.soort === 'plaatsing' && r.velden.werkgever === 'Zorggroep Voorbeeld');
  assert.equal(placement.velden.sroi, true);
  wsp.assertClean();
});

test('the workspace follows its own links without loading again; the menu marks the page; Back, Forward and a new tab work', async () => {
  const page = await newPage(chromium.browser);
  await signIn(page, 'pc.devries', 'demo-participatie-2');
  const menu = (name) => page.locator('.site-nav a', { hasText: name });
  assert.equal(await menu('Caseload').getAttribute('aria-current'), 'page');
  assert.equal(await menu('Start').getAttribute('aria-current'), null);
  // A mark on the window is gone when the page loads again.
  await page.evaluate(() => { window.zelfdeApp = true; });
  const sameApp = () => page.evaluate(() => window.zelfdeApp === true);

  await menu('Wachtlijst').click();
  await page.waitForURL(/\/wachtlijst$/);
  await page.getByRole('heading', { level: 1, name: /Wachtlijst/ }).waitFor();
  assert.ok(await sameApp(), 'the waiting list opened in the same app');
  assert.equal(await menu('Wachtlijst').getAttribute('aria-current'), 'page');
  assert.equal(await menu('Caseload').getAttribute('aria-current'), null);

  await page.goBack();
  await page.getByTestId('caseload').waitFor();
  assert.ok(await sameApp(), 'Back stays in the app');
  const first = await openFirstResident(page);
  assert.ok(await sameApp(), 'a file opens in the same app');
  assert.equal(await menu('Caseload').getAttribute('aria-current'), null);
  // The next resident's file: the same page with another parameter.
  await page.goBack();
  await page.getByTestId('caseload').waitFor();
  const second = rows(page).nth(1).locator('a');
  const secondName = (await second.textContent()).trim();
  await second.click();
  await page.getByTestId('dossier-naam').filter({ hasText: secondName }).waitFor();
  assert.notEqual(Number(page.url().split('/').pop()), first.id);
  await page.goBack();
  await page.goForward();
  await page.getByTestId('dossier-naam').filter({ hasText: secondName }).waitFor();
  assert.ok(await sameApp(), 'Back and Forward stay in the app');

  // A link opened in a new tab is the browser's: this page stays where it is.
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    menu('Wachtlijst').click({ modifiers: ['Control'] }),
  ]);
  await tab.waitForURL(/\/wachtlijst$/);
  assert.match(page.url(), /\/inwoners\/\d+$/);
  await tab.close();
  await checkA11y(page, 'dossier na navigeren');
  await page.context().close();
});

test('keyboard only: sign in, open a resident, record a progress conversation', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/inloggen?naar=%2Fwerk');
  await ready(page);
  const tabTo = async (selector) => {
    for (let n = 0; n < 200; n++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${selector} not reachable with Tab`);
  };
  await tabTo('#gebruikersnaam'); await page.keyboard.type('pc.elamrani');
  await tabTo('#wachtwoord'); await page.keyboard.type('demo-participatie-3');
  await page.keyboard.press('Enter');
  await page.getByTestId('caseload').waitFor();
  await tabTo('[data-testid=caseload] tbody a');
  await page.keyboard.press('Enter');
  await page.getByTestId('dossier-naam').waitFor();
  const id = Number(page.url().split('/').pop());
  await tabTo('[data-testid=nieuw-gesprek]');
  await page.keyboard.press('Enter');
  await page.getByTestId('formulier-gesprek').waitFor();
  await tabTo('#r-soort');
  await page.keyboard.press('ArrowDown');
  await tabTo('#r-verslag'); await page.keyboard.type('Gesprek via toetsenbord vastgelegd; afspraken gemaakt.');
  await tabTo('[data-testid=opslaan]');
  await page.keyboard.press('Enter');
  await page.getByTestId('opgeslagen').waitFor();
  const records = await serverFile('pc.elamrani', 'demo-participatie-3', id);
  assert.ok(records.some((r) => r.soort === 'gesprek' && r.velden.verslag.startsWith('Gesprek via toetsenbord')));
  page.assertClean();
});

test('offline: edit, reload without a connection, data and queue kept, synced when back', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'pc.devries', 'demo-participatie-2');
  const { id, name } = await openFirstResident(page);
  // Let the service worker take control so the app itself opens offline.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  await context.setOffline(true);
  await page.goto(`${server.url}/inwoners/${id}/nieuw/gesprek`).catch(() => {});
  await ready(page);
  await page.getByTestId('formulier-gesprek').waitFor();
  await saveConversation(page, 'Offline vastgelegd tijdens huisbezoek.');
  assert.match(await page.getByTestId('opgeslagen').textContent(), /Bewaard op dit apparaat/);
  await page.reload();
  await ready(page);
  await page.getByText('1 wijziging(en) wachten op verbinding').waitFor();
  await page.goto(`${server.url}/inwoners/${id}`).catch(() => {});
  await ready(page);
  assert.equal(await page.getByTestId('dossier-naam').textContent(), name);
  assert.match(await page.getByTestId('sectie-gesprek').textContent(), /wacht op sync/);
  await checkA11y(page, 'dossier offline');
  // Signing out would remove the unsent change: the app asks first.
  await page.getByTestId('uitloggen').click();
  await page.getByTestId('uitloggen-bevestigen').waitFor();
  // The focus moves to the question once it is drawn (after the next frame): wait for that,
  // and fail when it never comes.
  await page.waitForFunction(() => document.activeElement?.id === 'uitloggen-bevestigen', null, { timeout: 5000 });
  await checkA11y(page, 'uitloggen bevestigen');
  await page.getByRole('button', { name: 'Niet uitloggen' }).click();
  await context.setOffline(false);
  await page.getByText(/Alles opgeslagen, laatst om/).waitFor({ timeout: 20_000 });
  const records = await serverFile('pc.devries', 'demo-participatie-2', id);
  assert.equal(records.filter((r) => r.soort === 'gesprek' && r.velden.verslag === 'Offline vastgelegd tijdens huisbezoek.').length, 1);
  await context.close();
});

test('storage full: the caseload works, the consultant is told that this device keeps no copy for offline use, and the copy is made whole once there is room', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // No room on this device (a quota of 1 byte through Chromium's override).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
  await signIn(page, 'pc.devries', 'demo-participatie-2');
  const n = await total(page);
  assert.ok(n > 1, 'the caseload comes from the server');
  const notice = page.getByTestId('kopie-niet-bewaard');
  await notice.waitFor();
  assert.match(await notice.textContent(), /kon de gegevens niet bewaren voor gebruik zonder verbinding/);
  await checkA11y(page, 'kopie niet bewaard');
  await screenshot(page, 'kopie-niet-bewaard-390');
  await page.getByTestId('taalkeuze').click();
  assert.match(await notice.textContent(), /could not keep the data for use without a connection/);
  await page.getByTestId('taalkeuze').click();

  // Room again. A change made offline and synced later writes its file and pulls the feed:
  // the copy still lacks the files it could not take, so the notice stays in this session.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url });
  await context.setOffline(true);
  await openFirstResident(page);
  await page.getByTestId('nieuw-gesprek').click();
  await saveConversation(page, 'Vastgelegd nadat er weer ruimte was.');
  await context.setOffline(false);
  await page.getByText(/Alles opgeslagen, laatst om/).waitFor({ timeout: 20_000 });
  assert.equal(await notice.count(), 1, 'the copy is not whole yet');

  // Opened again, the copy pulls what it lacks: the whole caseload, and no notice. (Had the
  // later write moved the kept position, the copy would show one resident from now on.)
  await page.goto(server.url + '/werk');
  await page.getByTestId('caseload').waitFor();
  await page.waitForFunction((want) => (document.querySelector('[data-testid=aantal]')?.textContent ?? '').match(/\d+/)?.[0] === String(want), n, { timeout: 20_000 });
  await page.waitForFunction(() => new Promise((done) => {
    const open = indexedDB.open('meedoen');
    open.onerror = () => done(false);
    open.onsuccess = () => {
      const get = open.result.transaction('werkplek').objectStore('werkplek').get('stand');
      get.onsuccess = () => { open.result.close(); done(get.result != null); };
      get.onerror = () => { open.result.close(); done(false); };
    };
  }), null, { timeout: 20_000 });
  assert.equal(await notice.count(), 0, 'the copy is whole: no notice');
  await context.close();
});

test('an offline change the server refuses is kept, listed with its reason, and resolved field by field', async () => {
  const page = await newPage(chromium.browser);
  const context = page.context();
  await signIn(page, 'pc.devries', 'demo-participatie-2');
  const { id } = await openFirstResident(page);
  await page.getByTestId('nieuw-gesprek').click();
  await page.locator('#r-soort').selectOption('voortgang');
  await page.locator('#r-verslag').fill('Verslag zoals het eerst was.');
  await page.getByTestId('opslaan').click();
  await page.getByText('Opgeslagen op de server (versie 1)').waitFor();
  const rec = (await serverFile('pc.devries', 'demo-participatie-2', id)).find((r) => r.soort === 'gesprek' && r.velden.verslag === 'Verslag zoals het eerst was.');
  const recordUrl = `/inwoners/${id}/gesprek/${rec.id}`;
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  // On a home visit without a connection, the consultant changes the report...
  await context.setOffline(true);
  await page.goto(server.url + recordUrl).catch(() => {});
  await ready(page);
  await page.locator('#r-verslag').fill('Aangevuld tijdens het huisbezoek, zonder verbinding.');
  await page.getByTestId('opslaan').click();
  await page.getByText(/Bewaard op dit apparaat/).waitFor();
  // ...while a colleague at the office changes the same report on the server.
  const office = await signInApi(server.url, 'pc.devries', 'demo-participatie-2');
  const r = await office.post('/api/mutaties', { mutatie_id: 'mu-kantoor-' + rec.id, soort: 'gesprek', id: rec.id, inwoner_id: id, basis_versie: 1, velden: { verslag: 'Aangepast op kantoor.' } });
  assert.equal(r.status, 200);
  await context.setOffline(false);
  // The queued change is refused (conflict), kept, and announced; nothing is overwritten.
  await page.getByTestId('sync-geweigerd').waitFor({ timeout: 20_000 });
  assert.match(await page.getByTestId('sync-geweigerd').textContent(), /1 wijziging\(en\) niet verwerkt/);
  assert.equal((await serverFile('pc.devries', 'demo-participatie-2', id)).find((x) => x.id === rec.id).velden.verslag, 'Aangepast op kantoor.');
  // It survives a reload.
  await page.reload();
  await ready(page);
  await page.getByTestId('sync-geweigerd').click();
  await page.getByTestId('geweigerde-wijziging').waitFor();
  const card = await page.getByTestId('geweigerde-wijziging').textContent();
  assert.match(card, /Iemand anders heeft intussen verslag gewijzigd/);
  assert.match(card, /Aangevuld tijdens het huisbezoek, zonder verbinding\./);
  await checkA11y(page, 'niet verwerkte wijzigingen');
  await screenshot(page, 'wijzigingen-1280');
  await page.getByTestId('wijziging-openen').click();
  await page.getByTestId('wijziging-opnieuw').waitFor();
  assert.equal(await page.locator('#r-verslag').inputValue(), 'Aangevuld tijdens het huisbezoek, zonder verbinding.');
  await page.getByTestId('opslaan').click();
  await page.getByTestId('conflict').waitFor();
  const panel = await page.getByTestId('conflict').textContent();
  assert.match(panel, /Op de server: Aangepast op kantoor\./);
  assert.match(panel, /Uw waarde: Aangevuld tijdens het huisbezoek/);
  await page.locator('#c-0-eigen').check();
  await page.getByTestId('conflict-oplossen').click();
  await page.getByText('Opgeslagen op de server (versie 3)').waitFor();
  assert.equal(await page.getByTestId('sync-geweigerd').count(), 0, 'the refused change is dealt with');
  assert.equal((await serverFile('pc.devries', 'demo-participatie-2', id)).find((x) => x.id === rec.id).velden.verslag, 'Aangevuld tijdens het huisbezoek, zonder verbinding.');
  await page.goto(server.url + '/wijzigingen');
  await ready(page);
  await page.getByTestId('geen-wijzigingen').waitFor();
  page.assertClean([/status of 409 \(Conflict\)/, /ERR_INTERNET_DISCONNECTED/]);
  await context.close();
});

test('a conflict made from two browsers is shown side by side and resolved field by field', async () => {
  const a = await newPage(chromium.browser);
  await signIn(a, 'pc.ramdin', 'demo-participatie-1');
  const { id } = await openFirstResident(a);
  await a.getByTestId('nieuw-gesprek').click();
  await a.locator('#r-soort').selectOption('voortgang');
  await a.locator('#r-verslag').fill('Eerste versie van het verslag.');
  await a.getByTestId('opslaan').click();
  await a.getByTestId('opgeslagen').waitFor();
  const recordUrl = await a.evaluate(async (rid) => new Promise((ok) => {
    const r = indexedDB.open('meedoen');
    r.onsuccess = () => { const q = r.result.transaction('werkplek').objectStore('werkplek').get(`dossier:${rid}`); q.onsuccess = () => { const g = JSON.parse(q.result).find((x) => x.soort === 'gesprek' && x.velden.verslag === 'Eerste versie van het verslag.'); ok(`/inwoners/${rid}/gesprek/${g.id}`); }; };
  }), id);
  // A second browser (another device of the same consultant) opens the same record.
  const b = await newPage(chromium.browser);
  await signIn(b, 'pc.ramdin', 'demo-participatie-1');
  await b.goto(server.url + recordUrl);
  await ready(b);
  await b.getByTestId('formulier-gesprek').waitFor();
  assert.equal(await b.locator('#r-verslag').inputValue(), 'Eerste versie van het verslag.');
  // A changes report and kind first; B then changes the report on the old version.
  await a.goto(server.url + recordUrl);
  await ready(a);
  await a.locator('#r-verslag').fill('Versie van apparaat A.');
  await a.locator('#r-soort').selectOption('evaluatie');
  await a.getByTestId('opslaan').click();
  await a.getByText('Opgeslagen op de server (versie 2)').waitFor();
  await b.locator('#r-verslag').fill('Versie van apparaat B.');
  await b.getByTestId('opslaan').click();
  await b.getByTestId('conflict').waitFor();
  const panel = await b.getByTestId('conflict').textContent();
  assert.match(panel, /Op de server: Versie van apparaat A\./);
  assert.match(panel, /Uw waarde: Versie van apparaat B\./);
  await checkA11y(b, 'conflict');
  await screenshot(b, 'conflict-1280');
  await b.locator('#c-0-eigen').check();
  await b.getByTestId('conflict-oplossen').click();
  await b.getByText('Opgeslagen op de server (versie 3)').waitFor();
  const g = (await serverFile('pc.ramdin', 'demo-participatie-1', id)).find((r) => recordUrl.endsWith(`/gesprek/${r.id}`));
  assert.equal(g.velden.verslag, 'Versie van apparaat B.', 'the chosen value');
  assert.equal(g.velden.soort, 'evaluatie', "A's other change is kept");
  a.assertClean();
  b.assertClean([/status of 409 \(Conflict\)/]);
});

test('waiting list: segments in priority order; a consultant picks a resident up within the norm', async () => {
  const page = await newPage(chromium.browser);
  await signIn(page, 'pc.elamrani', 'demo-participatie-3');
  const before = await total(page);
  await page.goto(server.url + '/wachtlijst');
  await ready(page);
  await page.getByTestId('wachtlijst-capaciteit').waitFor();
  assert.match(await page.getByTestId('wachtlijst-capaciteit').textContent(), new RegExp(`${before} van 85`));
  // The first segment is "ready now"; within it the flow table's priority never goes down the
  // list (1 = new inflow at steps 1–2 first), and steps 1–2 lead.
  const sections = page.locator('section[data-testid^="segment-"]');
  assert.equal(await sections.first().getAttribute('data-testid'), 'segment-nu');
  const now = sections.first();
  const prio = (await now.locator('tbody tr td:nth-child(4)').allTextContents()).map((t) => Number(t.trim() || 99));
  assert.ok(prio.length > 0 && prio.length <= 25, `one page of rows, got ${prio.length}`);
  assert.deepEqual(prio, [...prio].sort((x, y) => x - y), 'priority order');
  const steps = (await now.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
  prio.forEach((p, k) => p === 1 && assert.ok(steps[k] <= 2, `priority 1 is new inflow at steps 1–2, got step ${steps[k]}`));
  const more = now.locator('[data-testid="meer-nu"]');
  if (await more.count()) {
    await more.click();
    assert.ok((await now.locator('tbody tr').count()) > prio.length, 'show more adds rows');
  }
  await checkA11y(page, 'wachtlijst');
  await screenshot(page, 'wachtlijst-1280');
  const first = page.getByTestId('oppakken').first();
  const name = (await first.locator('xpath=ancestor::tr').locator('th').textContent()).trim();
  await first.click();
  await page.getByTestId('wachtlijst-melding').waitFor();
  assert.match(await page.getByTestId('wachtlijst-melding').textContent(), new RegExp(`${name} staat nu in uw caseload`));
  await page.getByTestId('wachtlijst-melding').getByRole('link').click();
  await page.getByTestId('dossier-naam').waitFor();
  assert.equal(await page.getByTestId('dossier-naam').textContent(), name);
  await page.goto(server.url + '/werk');
  await ready(page);
  await page.getByTestId('caseload').waitFor();
  assert.equal(await total(page), before + 1);
  page.assertClean();

  // The team lead allocates to a chosen consultant, seeing each caseload against the norm.
  const lead = await newPage(chromium.browser);
  await signIn(lead, 'tl.visser', 'demo-teamleider-1');
  await lead.goto(server.url + '/wachtlijst');
  await ready(lead);
  const team = lead.getByTestId('team-capaciteit');
  await team.waitFor();
  const load = async () => Number((await team.locator('tr', { hasText: 'Youssef El Amrani' }).locator('td').first().textContent()).split('/')[0].trim());
  const load0 = await load();
  assert.equal(load0, before + 1, 'the pick-up above shows in the team overview');
  assert.equal(await lead.getByTestId('oppakken').count(), 0, 'a team lead allocates, not picks up');
  const row = lead.locator('section[data-testid^="segment-"]').first().locator('tbody tr').first();
  const who = (await row.locator('th').textContent()).trim();
  await row.getByTestId('toewijzen').click();
  assert.match(await lead.getByTestId('wachtlijst-melding').textContent(), new RegExp(`Kies een consulent voor ${who}`));
  await lead.waitForFunction(() => /^toewijzen-\d+$/.test(document.activeElement?.id ?? ''), null, { timeout: 5_000 }).catch(() => {});
  assert.match(await lead.evaluate(() => document.activeElement.id), /^toewijzen-\d+$/);
  await checkA11y(lead, 'wachtlijst teamleider');
  await screenshot(lead, 'wachtlijst-teamleider-1280');
  const choice = row.getByTestId('toewijzen-aan');
  await choice.selectOption(await choice.locator('option', { hasText: 'Youssef El Amrani' }).getAttribute('value'));
  await row.getByTestId('toewijzen').click();
  await lead.getByText(`${who} is toegewezen aan Youssef El Amrani.`).waitFor();
  await team.locator('tr', { hasText: 'Youssef El Amrani' }).locator('td', { hasText: `${load0 + 1} / 85` }).waitFor();
  lead.assertClean();
});

test('idle: a warning five minutes before the sign-out; staying keeps the session; an hour idle signs out here and on the server', async () => {
  const page = await newPage(chromium.browser);
  // The browser's clock is moved forward; the server's real clock keeps the session fresh.
  await page.clock.install();
  await signIn(page, 'pc.ramdin', 'demo-participatie-1');
  await page.clock.fastForward('56:00');
  const warning = page.getByTestId('inactief-waarschuwing');
  await warning.waitFor();
  assert.match(await warning.textContent(), /U wordt over 4 minuten uitgelogd/);
  await checkA11y(page, 'inactief waarschuwing');
  await warning.getByRole('button', { name: 'Ingelogd blijven' }).click();
  await warning.waitFor({ state: 'detached' });
  await page.clock.fastForward('30:00');
  assert.equal(await warning.count(), 0, 'staying signed in restarted the hour');
  await page.clock.fastForward('31:00');
  await page.getByText('U bent uitgelogd omdat u een uur niets deed').waitFor();
  await checkA11y(page, 'uitgelogd na inactiviteit');
  const status = await page.evaluate(async () => (await fetch('/api/sessie')).status);
  assert.equal(status, 401, 'the session ended on the server too');
  page.assertClean([/status of 401 \(Unauthorized\)/]);
});
