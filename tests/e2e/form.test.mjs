// The resident's self-service form (issue 6) in real Chromium against the real server: by
// keyboard only, in Dutch and English, at 320 px and 200% zoom, surviving a reload, with
// every error reachable from the error summary, and delivered exactly once when the network
// fails at the moment of sending.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot, expectFocus } from './harness.mjs';
import { Form, signInApi } from './pages.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

/** Submissions in the team inbox, read through the API as a consultant. */
async function inbox() {
  const api = await signInApi(server.url, 'pc.ramdin', 'demo-participatie-1');
  return (await api.get('/api/inzendingen')).inzendingen;
}

test('the whole form by keyboard only, axe on every page, delivered and visible in the inbox', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  const form = new Form(page, server.url);
  await form.open();
  await checkA11y(page, 'formulier start');
  await form.key.tabTo('[data-testid=begin]');
  await page.keyboard.press('Enter');
  await form.at('nu');
  await expectFocus(page, 'vraag', 'focus on the question');
  assert.equal(await page.getByTestId('voortgang').textContent(), 'Vraag 1 van 7');
  await checkA11y(page, 'formulier nu');
  await form.key.check('nu-mantelzorg');
  await form.key.check('nu-club');
  await form.key.next('hoe-vaak-mantelzorg');
  assert.equal(await page.getByTestId('voortgang').textContent(), 'Vraag 2 van 9');
  await form.key.check('vaak-mantelzorg-elke_dag');
  await form.key.type('uren-mantelzorg', '12,5');
  await checkA11y(page, 'formulier hoe vaak');
  await form.key.next('hoe-vaak-club');
  await form.key.check('vaak-club-elke_week');
  await form.key.next('wil');
  await form.key.check('wil-vrijwilligerswerk');
  await form.key.type('wil_toelichting', 'Iets met dieren, bijvoorbeeld in de kinderboerderij.');
  await checkA11y(page, 'formulier wil');
  await form.key.next('moeilijk');
  await form.key.check('moeilijk-taal');
  await checkA11y(page, 'formulier moeilijk');
  await form.key.next('naam');
  await form.key.type('naam', 'Toetsenbord Tester');
  await checkA11y(page, 'formulier naam');
  await form.key.next('geboortedatum');
  await form.key.type('geboortedatum-dag', '3');
  await form.key.type('geboortedatum-maand', '11');
  await form.key.type('geboortedatum-jaar', '1984');
  await checkA11y(page, 'formulier geboortedatum');
  await form.key.next('contact');
  await form.key.check('manier-telefoon');
  await form.key.type('telefoon', '06 12345678');
  await checkA11y(page, 'formulier contact');
  await form.key.next('wanneer');
  await form.key.check('wanneer-ochtend');
  await form.key.next('controleren');
  await checkA11y(page, 'formulier controleren');
  const answers = await page.getByTestId('antwoorden').textContent();
  for (const s of ['Toetsenbord Tester', '12,5 uur per week', '06 12345678', 'De Nederlandse taal', 'In de ochtend']) {
    assert.ok(answers.includes(s), `check page shows ${s}`);
  }
  await form.key.tabTo('[data-testid=versturen]');
  await page.keyboard.press('Enter');
  await page.getByTestId('ontvangstbewijs').waitFor();
  const ref = await page.getByTestId('referentie').textContent();
  assert.match(ref, /^MD-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.match(await page.getByTestId('wat-nu').textContent(), /binnen 10 werkdagen/);
  await checkA11y(page, 'formulier ontvangen');
  await screenshot(page, 'formulier-ontvangen-390');
  // Nothing but the receipt stays on the device, and no personal data was ever in a URL.
  assert.deepEqual(await form.storedKeys(), ['ontvangstbewijs']);
  assert.ok(form.urls.every((u) => !/Tester|1984|0612345678|06%20/.test(u)), 'no personal data in addresses');
  const mine = (await inbox()).filter((x) => x.referentie === ref);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].inzending.contact.naam, 'Toetsenbord Tester');
  assert.equal(mine[0].inzending.nu[0].uren_per_week, 12.5);
  assert.equal(mine[0].inzending.contact.email, undefined, 'only the chosen channel is sent');
  page.assertClean();
});

test('answers survive a reload and a closed tab; resuming asks nothing twice', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const form = new Form(page, server.url);
  await form.open();
  await page.getByTestId('begin').click();
  await form.at('nu');
  await page.locator('#nu-vrijwilligerswerk').check();
  await form.next('hoe-vaak-vrijwilligerswerk');
  await page.locator('#vaak-vrijwilligerswerk-paar_keer_per_week').check();
  await form.next('wil');
  await form.next('moeilijk');
  await form.next('naam');
  await page.locator('#naam').fill('Herlaad Proef');
  await page.waitForTimeout(300);
  await page.reload();
  await ready(page);
  await form.at('naam');
  assert.equal(await page.locator('#naam').inputValue(), 'Herlaad Proef');
  await page.close();
  const again = await context.newPage();
  const form2 = new Form(again, server.url);
  await form2.open();
  await again.getByTestId('verder').click();
  await form2.at('geboortedatum');
  await again.goto(server.url + '/formulier/hoe-vaak-vrijwilligerswerk');
  await ready(again);
  // The kept draft is read from IndexedDB after the page is drawn: give it that moment.
  await again.waitForFunction(() => document.querySelector('#vaak-vrijwilligerswerk-paar_keer_per_week')?.checked, null, { timeout: 5_000 }).catch(() => {});
  assert.ok(await again.locator('#vaak-vrijwilligerswerk-paar_keer_per_week').isChecked());
  await again.goto(server.url + '/formulier');
  await ready(again);
  await again.getByTestId('opnieuw').click();
  await again.getByTestId('begin').waitFor();
  assert.deepEqual(await form2.storedKeys(), []);
  await context.close();
});

test('the kept answers are read while the app downloads, and used only when they are what the app keeps', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The page's script leaves its answer on window for the app, which takes it once: keep a copy
  // for the test; or, with a wrong answer in localStorage, hand the app that instead.
  await context.addInitScript(() => {
    let answer;
    const wrong = localStorage.getItem('test.vooraf');
    Object.defineProperty(window, 'meedoenBewaard', {
      configurable: true,
      get: () => (wrong ? Promise.resolve(JSON.parse(wrong)) : answer),
      set: (v) => { answer = v; window.testVooraf = v; },
    });
  });
  const page = await context.newPage();
  const form = new Form(page, server.url);
  const early = () => page.evaluate(() => window.testVooraf);
  const KEYS = { db: 'meedoen', versie: 1, store: 'formulier', sleutels: ['ontvangstbewijs', 'concept'] };
  await form.open();
  assert.deepEqual(await early(), { ...KEYS, waarden: [null, null] }, 'a new browser: nothing kept');
  await page.getByTestId('begin').click();
  await form.at('nu');
  await page.locator('#nu-geen').check();
  await form.next('wil');
  let stored;
  for (let i = 0; i < 50 && !stored; i++) stored = await form.stored('concept') ?? (await page.waitForTimeout(100));
  assert.match(stored ?? '', /"nu_geen":true/, 'the app kept the draft');
  await page.goto(server.url + '/formulier');
  await ready(page);
  await page.getByTestId('verder').waitFor();
  assert.deepEqual(await early(), { ...KEYS, waarden: [null, stored] }, 'the script read what the app kept');
  // Another database version, store or key: the app reads itself and still finds the draft.
  for (const wrong of [{ versie: 2 }, { store: 'werkplek' }, { sleutels: ['ontvangstbewijs', 'concept2'] }]) {
    await page.evaluate((w) => localStorage.setItem('test.vooraf', JSON.stringify(w)), { ...KEYS, ...wrong, waarden: [null, null] });
    await page.reload();
    await ready(page);
    await page.getByTestId('verder').waitFor({ timeout: 5_000 });
  }
  await page.evaluate(() => localStorage.removeItem('test.vooraf'));
  await context.close();
});

test('before the app runs, the start page shows its frame and introduction: the app\'s own texts, in the chosen language, only at /formulier', async () => {
  /** The introduction's texts as shown: the heading, the lead and the points. */
  const intro = (page, root) => page.locator(root).evaluate((el) =>
    [...el.querySelectorAll('h1, p.utrecht-paragraph--lead, li')]
      .filter((x) => x.getClientRects().length)
      .map((x) => x.textContent.trim()));
  /** Where the heading starts: the same before and after the app takes over, nothing moves. */
  const top = (page) => page.locator('main h1:visible').evaluate((el) => el.getBoundingClientRect().top);
  const shown = {};
  const app = {};
  const tops = {};
  for (const lang of ['nl', 'en']) {
    // The app's wasm never arrives: what the page shows on its own stays.
    const waiting = await newPage(chromium.browser, { width: 320, height: 640 });
    await waiting.addInitScript((l) => localStorage.setItem('meedoen.taal', l), lang);
    await waiting.route(/_bg\.wasm$/, () => { /* never answered */ });
    await waiting.goto(server.url + '/formulier', { waitUntil: 'domcontentloaded' });
    await waiting.locator('#voorlopig-start h1:visible').waitFor();
    shown[lang] = await intro(waiting, '#voorlopig-start');
    tops[lang] = [await top(waiting)];
    assert.equal(await waiting.locator('#laden').getAttribute('role'), 'status', 'the loading notice is announced');
    assert.match(await waiting.locator('#laden').textContent(), /Het formulier wordt geladen… \(Loading the form…\)/);
    await checkA11y(waiting, `formulier voor de app, ${lang}, 320px`);
    const fits = await waiting.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, `${lang}: no sideways scrolling at 320 px`);
    // Another address of the form: the notice, without the start page's introduction.
    await waiting.goto(server.url + '/formulier/nu', { waitUntil: 'domcontentloaded' });
    await waiting.locator('#laden').waitFor();
    assert.equal(await waiting.locator('#voorlopig-start').count(), 0, 'no introduction at /formulier/nu');
    await checkA11y(waiting, `formulier/nu voor de app, ${lang}`);
    await waiting.context().close();
    // The app itself, in the same language.
    const page = await newPage(chromium.browser, { width: 320, height: 640 });
    await page.addInitScript((l) => localStorage.setItem('meedoen.taal', l), lang);
    const form = new Form(page, server.url);
    await form.open();
    assert.equal(await page.locator('#voorlopig').count(), 0, 'the app removed the page\'s own frame');
    assert.equal(await page.locator('main').count(), 1, 'one main landmark');
    app[lang] = await intro(page, 'main');
    tops[lang].push(await top(page));
    assert.equal(tops[lang][0], tops[lang][1], `${lang}: the heading does not move when the app takes over`);
    page.assertClean();
    await page.context().close();
  }
  assert.equal(shown.nl[0], 'Vertel wat u doet en wat u wilt');
  assert.equal(shown.en[0], 'Tell us what you do and what you would like');
  assert.equal(shown.nl.length, 5);
  assert.deepEqual(shown, app, 'the page shows the start page\'s own texts before the app runs');
});

test('pages change without loading the app again; Back and Forward work; unknown addresses say so', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  const form = new Form(page, server.url);
  await form.open();
  // A mark on the window survives only as long as the page is not loaded again.
  await page.evaluate(() => { window.zelfdePagina = true; });
  await page.getByTestId('begin').click();
  await form.at('nu');
  assert.equal(new URL(page.url()).pathname, '/formulier/nu');
  await page.locator('#nu-vrijwilligerswerk').check();
  await form.next('hoe-vaak-vrijwilligerswerk');
  await page.goBack();
  await form.at('nu');
  assert.ok(await page.locator('#nu-vrijwilligerswerk').isChecked(), 'the answer is still there after Back');
  await page.goForward();
  await form.at('hoe-vaak-vrijwilligerswerk');
  // The page's own Back link, then the header's link to the start.
  await page.locator('a.back-link').click();
  await form.at('nu');
  await page.locator('a.site-header__name').click();
  await page.getByTestId('verder').waitFor();
  assert.equal(new URL(page.url()).pathname, '/formulier');
  assert.equal(await page.evaluate(() => window.zelfdePagina), true, 'no page load between the form pages');
  // A link with a modifier key is the browser's to open (here: a new tab), not followed here.
  const [tab] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByTestId('verder').click({ modifiers: ['Control'] }),
  ]);
  await tab.close();
  assert.equal(new URL(page.url()).pathname, '/formulier');
  for (const wrong of ['/formulier/bestaat-niet', '/formulier/nu/extra']) {
    await page.goto(server.url + wrong);
    await ready(page);
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
    await checkA11y(page, `formulier onbekend adres ${wrong}`);
    await page.getByRole('link', { name: 'Naar het begin van het formulier' }).click();
    await page.getByTestId('verder').waitFor();
  }
  page.assertClean();
});

test('every error is listed in the summary, linked to its input, in Dutch and English', async () => {
  const page = await newPage(chromium.browser);
  const form = new Form(page, server.url);
  await page.goto(server.url + '/formulier/nu');
  await ready(page);
  await form.at('nu');
  await page.getByTestId('volgende').click();
  await form.expectSummaryFocusLinks(['nu-betaald_werk']);
  assert.match(await page.title(), /^Fout: /);
  await checkA11y(page, 'formulier nu met fout');
  await page.getByTestId('taalkeuze').click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /Choose what you do now/);
  await checkA11y(page, 'formulier nu met fout (en)');
  await page.getByTestId('taalkeuze').click();
  // The check page sends the resident to each page that still needs an answer.
  await page.goto(server.url + '/formulier/controleren');
  await ready(page);
  await page.getByTestId('versturen').click();
  const links = await page.getByTestId('foutoverzicht').locator('a').allTextContents();
  assert.equal(links.length, 4, links.join(' | '));
  const entries = await page.evaluate(() => history.length);
  await page.getByTestId('foutoverzicht').getByRole('link', { name: /naam/ }).click();
  await form.at('naam');
  await expectFocus(page, 'naam');
  // The summary's own handler decides where its link goes (in change mode): one step in the
  // history, not a second one by the form's link handler.
  assert.equal(new URL(page.url()).search, '?terug=controleren');
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  assert.match(await page.locator('#naam-fout').textContent(), /Schrijf uw naam op/);
  // Bad input on each page: wrong date, impossible hours, a wrong phone number, too long text.
  await page.goto(server.url + '/formulier/geboortedatum');
  await ready(page);
  await page.locator('#geboortedatum-dag').fill('31');
  await page.locator('#geboortedatum-maand').fill('2');
  await page.locator('#geboortedatum-jaar').fill('1980');
  await page.getByTestId('volgende').click();
  await form.expectSummaryFocusLinks(['geboortedatum-dag']);
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /Deze datum bestaat niet/);
  await page.goto(server.url + '/formulier/nu');
  await ready(page);
  await page.locator('#nu-betaald_werk').check();
  await form.next('hoe-vaak-betaald_werk');
  await page.locator('#uren-betaald_werk').fill('200');
  await page.getByTestId('volgende').click();
  await form.expectSummaryFocusLinks(['vaak-betaald_werk-elke_dag', 'uren-betaald_werk']);
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /tussen 0 en 80/);
  await page.goto(server.url + '/formulier/contact');
  await ready(page);
  await page.locator('#manier-telefoon').check();
  await page.locator('#telefoon').fill('12345');
  await page.getByTestId('volgende').click();
  await form.expectSummaryFocusLinks(['telefoon']);
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /10 cijfers/);
  await page.goto(server.url + '/formulier/wil');
  await ready(page);
  await page.locator('#wil_toelichting').fill('x'.repeat(1001));
  await page.getByTestId('volgende').click();
  await form.expectSummaryFocusLinks(['wil_toelichting']);
  assert.match(await page.getByTestId('foutoverzicht').textContent(), /te lang/);
  await checkA11y(page, 'formulier wil met fout');
  page.assertClean();
});

test('the server rejects bad and oversized submissions with clear messages', async () => {
  const key = 'k'.repeat(40);
  const post = (body) => fetch(server.url + '/api/inzendingen', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const big = await post(JSON.stringify({ sleutel: key, inzending: { taal: 'nl', wil_toelichting: 'x'.repeat(20000) } }));
  assert.equal(big.status, 413);
  assert.match((await big.json()).fout.nl, /te groot/i);
  const bad = await post(JSON.stringify({ sleutel: key, inzending: { taal: 'nl', contact: { naam: 'A', geboortedatum: '1980-01-01', manier: 'telefoon' } } }));
  assert.equal(bad.status, 422);
  const body = await bad.json();
  assert.deepEqual(body.fouten.map((f) => f.veld).sort(), ['contact.naam', 'contact.telefoon']);
  assert.ok(body.fouten.every((f) => f.nl && f.en));
});

test('network cut at the moment of sending: kept, retried, delivered exactly once', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const form = new Form(page, server.url);
  await form.fillQuickly('Netwerk Onderbreking');
  await context.setOffline(true);
  await page.getByTestId('versturen').click();
  await page.getByText('Nog niet verstuurd.').waitFor();
  await checkA11y(page, 'formulier niet verstuurd');
  await screenshot(page, 'formulier-offline-1280');
  assert.deepEqual(await form.storedKeys(), ['concept'], 'the answers are kept while offline');
  await context.setOffline(false);
  await page.getByTestId('ontvangstbewijs').waitFor({ timeout: 20_000 });
  const ref = await page.getByTestId('referentie').textContent();
  assert.equal((await inbox()).filter((x) => x.inzending.contact.naam === 'Netwerk Onderbreking').length, 1);
  assert.equal((await inbox()).filter((x) => x.referentie === ref).length, 1);

  // The answer is lost on the way back: the server has it, the browser does not know.
  const page2 = await context.newPage();
  const form2 = new Form(page2, server.url);
  await form2.fillQuickly('Antwoord Kwijt');
  let cut = 0;
  await page2.route('**/api/inzendingen', async (route) => {
    if (cut++ === 0) { await route.fetch(); await route.abort('connectionreset'); } else { await route.continue(); }
  });
  await page2.getByTestId('versturen').click();
  await page2.getByTestId('ontvangstbewijs').waitFor({ timeout: 20_000 });
  assert.ok(cut >= 2, 'sent again after the lost answer');
  const ref2 = await page2.getByTestId('referentie').textContent();
  const mine = (await inbox()).filter((x) => x.inzending.contact.naam === 'Antwoord Kwijt');
  assert.equal(mine.length, 1, 'delivered exactly once');
  assert.equal(mine[0].referentie, ref2, 'the retry got the first reference');
  await context.close();
});

test('storage full: the resident is told the answers are not kept on this device, and can still send them, also after a failed attempt', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // No room on this phone (a quota of 1 byte through Chromium's override).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
  const form = new Form(page, server.url);
  await form.fillQuickly('Geen Ruimte');
  // Each question says the answers are not kept on this device: back to the last one.
  await page.goBack();
  await form.at('wanneer');
  await page.getByText('Let op: uw antwoorden konden niet op dit apparaat bewaard worden.').waitFor();
  await checkA11y(page, 'formulier, opslag vol');
  await form.next('controleren');
  // No connection either at the moment of sending: the page does not promise what it cannot
  // keep, and asks to stay open.
  await context.setOffline(true);
  await page.getByTestId('versturen').click();
  await page.getByText('Uw antwoorden konden niet op dit apparaat bewaard worden. Laat deze pagina open').waitFor();
  assert.equal(await page.getByText('Uw antwoorden zijn bewaard.').count(), 0);
  await checkA11y(page, 'formulier niet verstuurd, opslag vol');
  await context.setOffline(false);
  await page.getByTestId('ontvangstbewijs').waitFor({ timeout: 20_000 });
  assert.equal((await inbox()).filter((x) => x.inzending.contact.naam === 'Geen Ruimte').length, 1, 'delivered once');
  await context.close();
});

test('English, 320 px wide and 200% zoom: every page passes axe and fits', async () => {
  for (const [name, opts] of [['320', { width: 320, height: 720 }], ['zoom200', { width: 640, height: 450, deviceScaleFactor: 2 }]]) {
    const context = await chromium.browser.newContext({ viewport: { width: opts.width, height: opts.height }, deviceScaleFactor: opts.deviceScaleFactor ?? 1 });
    const page = await context.newPage();
    const form = new Form(page, server.url);
    await form.open();
    await page.getByTestId('taalkeuze').click();
    await page.getByRole('heading', { name: 'Tell us what you do and what you would like' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByTestId('begin').click();
    const visit = async (slug) => {
      await form.at(slug);
      await checkA11y(page, `form ${slug} (en, ${name})`);
      await form.fits(`${slug} ${name}`);
      await screenshot(page, `formulier-${slug}-${name}`);
    };
    await visit('nu');
    assert.equal(await page.getByTestId('voortgang').textContent(), 'Question 1 of 7');
    await page.locator('#nu-betaald_werk').check();
    await form.next('hoe-vaak-betaald_werk');
    await visit('hoe-vaak-betaald_werk');
    await page.locator('#vaak-betaald_werk-paar_keer_per_week').check();
    await page.locator('#uren-betaald_werk').fill('16');
    for (const [from, to] of [['hoe-vaak-betaald_werk', 'wil'], ['wil', 'moeilijk']]) { await form.next(to); await visit(to); }
    await page.locator('#moeilijk-gezondheid').check();
    await form.next('naam'); await visit('naam');
    await page.locator('#naam').fill(`Smalle Scherm ${name}`);
    await form.next('geboortedatum'); await visit('geboortedatum');
    await page.locator('#geboortedatum-dag').fill('1');
    await page.locator('#geboortedatum-maand').fill('2');
    await page.locator('#geboortedatum-jaar').fill('1990');
    await form.next('contact');
    await page.locator('#manier-email').check();
    await page.locator('#email').fill('smal@voorbeeld.nl');
    await visit('contact');
    await form.next('wanneer'); await visit('wanneer');
    await form.next('controleren'); await visit('controleren');
    await page.getByTestId('versturen').click();
    await page.getByTestId('ontvangstbewijs').waitFor();
    assert.match(await page.getByTestId('wat-nu').textContent(), /within 10 working days/);
    await checkA11y(page, `form received (en, ${name})`);
    await form.fits(`received ${name}`);
    await screenshot(page, `formulier-ontvangen-${name}`);
    const mine = (await inbox()).filter((x) => x.inzending.contact.naam === `Smalle Scherm ${name}`);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].inzending.taal, 'en');
    await context.close();
  }
});
