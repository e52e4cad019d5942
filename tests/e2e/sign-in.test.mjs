// The sign-in page as an app of its own (issue 15): /inloggen opened from outside loads a small
// app, never the workspace; bad input names the field in both languages; after signing in each
// role goes on to the page it came for or its start page, in the app that holds it; an address
// to go on to that leads to another site is ignored; the staff service worker it registers
// keeps the workspace, so the caseload opens without a connection afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot, expectFocus } from './harness.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

/** The wasm files this page itself asked for (not its service worker), by path. */
function wasmRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm')) seen.push(path);
  });
  return seen;
}

async function fillAndSend(page, user, password) {
  await page.locator('#gebruikersnaam').fill(user);
  await page.locator('#wachtwoord').fill(password);
  await page.getByTestId('inloggen-knop').click();
}

test('the sign-in page loads its own small app; bad input is named per field, in Dutch and English', async () => {
  const page = await newPage(chromium.browser, { width: 320, height: 640 });
  const wasm = wasmRequests(page);
  await page.goto(server.url + '/inloggen');
  await ready(page);
  await page.locator('#gebruikersnaam:enabled').waitFor();
  assert.equal(await page.title(), 'Inloggen – Meedoen');
  assert.deepEqual(wasm.map((p) => p.split('/')[1]), ['aanmelden'], `only the sign-in app's wasm: ${wasm}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`);
  assert.equal(await page.getByTestId('naar-formulier').getAttribute('href'), '/formulier', 'a resident finds the form');
  await checkA11y(page, 'inloggen, eigen app, 320px');
  await screenshot(page, 'inloggen-eigen-app-320');

  // Nothing filled in: both fields named, the summary takes the focus, its links lead to them.
  await page.getByTestId('inloggen-knop').click();
  const summary = page.getByTestId('foutoverzicht');
  await summary.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht', null, { timeout: 5_000 });
  assert.match(await summary.innerText(), /Vul uw gebruikersnaam in\.[\s\S]*Vul uw wachtwoord in\./);
  assert.equal(await page.locator('#gebruikersnaam').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'inloggen, eigen app, fouten');

  // The same in English, by keyboard.
  await page.getByTestId('taalkeuze').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByTestId('inloggen-knop').click();
  await summary.filter({ hasText: 'Enter your user name.' }).waitFor();
  await summary.filter({ hasText: 'Enter your password.' }).waitFor();

  // A wrong password: said at the password, which is emptied; the name stays.
  await fillAndSend(page, 'pc.devries', 'niet-het-wachtwoord');
  await summary.filter({ hasNotText: 'Enter your user name.' }).waitFor();
  assert.equal(await page.locator('#wachtwoord').inputValue(), '');
  assert.equal(await page.locator('#gebruikersnaam').inputValue(), 'pc.devries');
  assert.equal(await page.locator('#wachtwoord').getAttribute('aria-invalid'), 'true');
  page.assertClean([/401/]);
});

test('before the app runs, /inloggen and / show the sign-in fields with the app\'s own texts; what was typed there is taken over and nothing moves', async () => {
  /** The page's texts (the introduction, the sign-in part's heading, labels and links) and
   * where its parts start. */
  const shown = (page) => page.evaluate(() => ({
    texts: [...document.querySelectorAll('main h1, main p.utrecht-paragraph--lead, .narrow h2, .narrow label, .narrow a')]
      .filter((x) => x.getClientRects().length).map((x) => x.textContent.trim()),
    tops: ['main h1', '#gebruikersnaam', '#wachtwoord', 'main a[href="/formulier"]'].map((s) => document.querySelector(s).getBoundingClientRect().top),
  }));
  const pages = [
    // The sign-in page, on to the caseload; the welcome at /, on to the role's start page.
    { path: '/inloggen?naar=%2Fwerk', first: { nl: 'Inloggen', en: 'Sign in' }, after: (page) => page.getByTestId('caseload').waitFor() },
    { path: '/', first: { nl: 'Meedoen', en: 'Meedoen' }, after: (page) => page.locator('.site-nav').waitFor() },
  ];
  for (const { path, first, after } of pages) {
    for (const lang of ['nl', 'en']) {
      const page = await newPage(chromium.browser, { width: 320, height: 640 });
      await page.addInitScript((l) => localStorage.setItem('meedoen.taal', l), lang);
      let release;
      const held = new Promise((ok) => { release = ok; });
      await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
      await page.goto(server.url + path, { waitUntil: 'domcontentloaded' });
      await page.locator('#voorlopig #gebruikersnaam').waitFor();
      const before = await shown(page);
      assert.equal(before.texts[0], first[lang], `${path} ${lang}: its heading`);
      await checkA11y(page, `${path} voor de app, ${lang}, 320px`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling at 320 px');
      // Typed before the app runs; nothing can be sent yet.
      await page.locator('#gebruikersnaam').fill('pc.devries');
      await page.locator('#wachtwoord').focus();
      await page.keyboard.type('demo-participatie-2');
      assert.equal(await page.getByTestId('inloggen-knop').count(), 0, 'no button before the app runs');
      const at = page.url();
      await page.keyboard.press('Enter');
      assert.equal(page.url(), at, 'Enter sends nothing before the app runs');
      release();
      await page.locator('#voorlopig').waitFor({ state: 'detached' });
      await page.getByTestId('inloggen-knop').waitFor();
      assert.equal(await page.locator('#gebruikersnaam').inputValue(), 'pc.devries', `${path} ${lang}: the user name is taken over`);
      assert.equal(await page.locator('#wachtwoord').inputValue(), 'demo-participatie-2', `${path} ${lang}: the password is taken over`);
      await expectFocus(page, 'wachtwoord', 'the focus stays in the field typed in');
      assert.deepEqual(await shown(page), before, `${path} ${lang}: the app shows the same texts in the same places`);
      page.assertClean();
      await page.getByTestId('inloggen-knop').click();
      await after(page);
      await page.context().close();
    }
  }
});

test('after signing in each role goes on in the app that holds its page; another site is never a target', async () => {
  // Policy staff: the report, in the report app, without loading the workspace.
  const policy = await newPage(chromium.browser, { width: 390, height: 844 });
  const policyWasm = wasmRequests(policy);
  await policy.goto(server.url + '/inloggen');
  await ready(policy);
  await fillAndSend(policy, 'bm.jansen', 'demo-beleid-1');
  await policy.waitForURL((u) => new URL(u).pathname === '/rapportage');
  await policy.getByTestId('gebruiker').waitFor();
  assert.deepEqual(policyWasm.map((p) => p.split('/')[1]), ['aanmelden', 'beleid'], `sign-in app, then the report app: ${policyWasm}`);
  // The scenarios are an app of their own: the menu loads it, Back the report again.
  await policy.getByTestId('nav-scenarios').click();
  await policy.getByTestId('basis-begeleid').waitFor();
  assert.equal(new URL(policy.url()).pathname, '/scenarios');
  assert.deepEqual(policyWasm.map((p) => p.split('/')[1]), ['aanmelden', 'beleid', 'scenarios'], `then the scenarios app: ${policyWasm}`);
  await policy.goBack();
  await policy.waitForURL((u) => new URL(u).pathname === '/rapportage');
  await policy.getByTestId('nav-scenarios').waitFor();
  policy.assertClean();

  // The assessor: Klant in Beeld, in its own app; the income department: the signals, in the
  // administration app. Neither loads the workspace, nor the other's app.
  for (const [user, password, start, app] of [
    ['eb.koen', 'demo-beoordelaar-1', '/beheer/klant-in-beeld', 'inbeeld'],
    ['ik.dekker', 'demo-inkomen-1', '/beheer/signalen', 'beheer'],
  ]) {
    const page = await newPage(chromium.browser, { width: 390, height: 844 });
    const wasm = wasmRequests(page);
    await page.goto(server.url + '/inloggen');
    await ready(page);
    await fillAndSend(page, user, password);
    await page.waitForURL((u) => new URL(u).pathname === start);
    await page.getByTestId('gebruiker').waitFor();
    await page.locator('h1').first().waitFor();
    assert.deepEqual(wasm.map((p) => p.split('/')[1]), ['aanmelden', app], `${user}: sign-in app, then ${app}: ${wasm}`);
    page.assertClean();
    await page.context().close();
  }

  // The address to go on to is followed within this site…
  const consultant = await newPage(chromium.browser, { width: 390, height: 844 });
  await consultant.goto(server.url + '/inloggen?naar=%2Fwachtlijst');
  await ready(consultant);
  await fillAndSend(consultant, 'pc.devries', 'demo-participatie-2');
  await consultant.waitForURL((u) => new URL(u).pathname === '/wachtlijst');
  await consultant.getByTestId('gebruiker').waitFor();
  consultant.assertClean();

  // …and never to another site, however it is written: the start page instead.
  for (const elsewhere of ['//example.org/', '/\\example.org/', '/\t/example.org/', 'https://example.org/']) {
    const page = await newPage(chromium.browser, { width: 390, height: 844 });
    await page.goto(`${server.url}/inloggen?naar=${encodeURIComponent(elsewhere)}`);
    await ready(page);
    await fillAndSend(page, 'beheer', 'demo-beheerder-1');
    await page.getByTestId('gebruiker').waitFor();
    const url = new URL(page.url());
    assert.equal(url.origin, server.url, `${JSON.stringify(elsewhere)} stays on this site`);
    assert.equal(url.pathname, '/', `${JSON.stringify(elsewhere)}: the administrator's start page`);
    page.assertClean();
    await page.context().close();
  }
});

test('keys typed while the app takes over the page\'s own fields all arrive in the field', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(server.url + '/inloggen', { waitUntil: 'domcontentloaded' });
  await page.locator('#voorlopig #gebruikersnaam').focus();
  // The app starts while the user keeps typing: no key between the old field's removal and
  // the new one's focus may go to the page.
  const name = 'pc.devries.'.repeat(12);
  release();
  await page.keyboard.type(name, { delay: 3 });
  await page.getByTestId('inloggen-knop').waitFor();
  await page.locator('#voorlopig').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#gebruikersnaam').inputValue(), name);
  await expectFocus(page, 'gebruikersnaam', 'the focus stays in the field typed in');
  page.assertClean();
  await page.context().close();
});

test('signing in as a role without a copy of case files stops the worker keeping the workspace; a consultant\'s goes on', async () => {
  for (const [user, password, keeps, address] of [
    ['bm.jansen', 'demo-beleid-1', false, '/inloggen'],
    ['pc.devries', 'demo-participatie-2', true, '/inloggen?naar=%2Fwerk'],
  ]) {
    const page = await newPage(chromium.browser, { width: 390, height: 844 });
    // The worker's download of the workspace's wasm is held, as on a slow link, so the user
    // signs in while the worker is still installing; the page's own requests go through.
    let held = 0;
    await page.context().route(/\/meedoen-[0-9a-f]+_bg\.wasm$/, (route) => {
      if (!route.request().serviceWorker()) return route.continue();
      held += 1; // never answered
    });
    await page.goto(server.url + address);
    await ready(page);
    for (let i = 0; i < 100 && held === 0; i++) await page.waitForTimeout(100);
    assert.equal(held, 1, `${user}: the worker is downloading the workspace`);
    await fillAndSend(page, user, password);
    await page.getByTestId('gebruiker').waitFor();
    const worker = () => page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration('/');
      const kept = (await caches.keys()).filter((n) => n.startsWith('meedoen-werkplek-'));
      return { installing: r?.installing != null, active: r?.active != null, kept: kept.length };
    });
    if (keeps) {
      await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 30_000 });
      assert.deepEqual(await worker(), { installing: true, active: false, kept: 1 }, `${user}: the worker still keeps the workspace`);
    } else {
      assert.equal(new URL(page.url()).pathname, '/rapportage');
      await page.waitForFunction(async () => {
        const r = await navigator.serviceWorker.getRegistration('/');
        return r?.installing == null;
      }, null, { timeout: 10_000 });
      assert.deepEqual(await worker(), { installing: false, active: false, kept: 0 }, `${user}: the worker stopped and kept nothing`);
    }
    page.assertClean();
    await page.context().close();
  }
});

test('the service worker the sign-in page registers keeps the workspace: after signing in the caseload opens offline', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await page.goto(server.url + '/inloggen?naar=%2Fwerk');
  await ready(page);
  // The worker installs while the user types: the workspace is kept before anyone signs in.
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    return names.some((n) => n.startsWith('meedoen-werkplek-'));
  }, null, { timeout: 30_000 });
  await fillAndSend(page, 'pc.devries', 'demo-participatie-2');
  await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 30_000 });
  // The workspace's first page is controlled by the worker, even when it loaded while the
  // worker was being activated (it asks to be claimed).
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 10_000 });
  await page.context().setOffline(true);
  await page.reload();
  await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 30_000 });
  // Offline, /inloggen is answered by the kept workspace (its own sign-in page), never by an
  // error page; the sign-in app itself is not kept as the workspace's page.
  await page.goto(server.url + '/inloggen');
  await page.locator('#gebruikersnaam').waitFor();
  await page.context().setOffline(false);
  page.assertClean([/ERR_INTERNET_DISCONNECTED/, /Failed to fetch/, /Failed to load resource/]);
});

test('right after signing in, the worker answers the next page from the copy it has just kept; an older copy is never used', async () => {
  /** Sign in on a new device; `age` (ms) makes the kept copy of the workspace's page that old. */
  const signIn = async (age = 0) => {
    const page = await newPage(chromium.browser, { width: 390, height: 844 });
    const fetchedByWorker = [];
    page.context().on('request', (r) => { if (r.serviceWorker()) fetchedByWorker.push(new URL(r.url()).pathname); });
    await page.goto(server.url + '/inloggen?naar=%2Fwerk');
    await ready(page);
    // The worker kept the workspace and controls the sign-in page, as when someone types.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
    if (age) {
      await page.evaluate(async (ms) => {
        const cache = await caches.open((await caches.keys()).find((n) => n.startsWith('meedoen-werkplek-')));
        const kept = await cache.match('/');
        const headers = new Headers(kept.headers);
        headers.set('date', new Date(Date.now() - ms).toUTCString());
        await cache.put('/', new Response(await kept.text(), { status: kept.status, headers }));
      }, age);
    }
    fetchedByWorker.length = 0;
    await fillAndSend(page, 'pc.devries', 'demo-participatie-2');
    await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 30_000 });
    assert.equal(new URL(page.url()).pathname, '/werk');
    page.assertClean();
    await page.context().close();
    return fetchedByWorker;
  };
  // Kept moments ago: /werk comes from the copy, without a round trip.
  const fresh = await signIn();
  assert.ok(!fresh.includes('/werk'), `the worker did not ask the server for /werk: ${fresh}`);
  // Kept eleven minutes ago (a release the server may have replaced): the network first.
  const old = await signIn(11 * 60_000);
  assert.ok(old.includes('/werk'), `the worker asked the server for /werk: ${old}`);
});

/** The residents whose files this browser keeps (IndexedDB 'meedoen', store 'werkplek'). */
async function keptFiles(page) {
  return page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('meedoen');
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const q = r.result.transaction('werkplek').objectStore('werkplek').getAllKeys();
      q.onerror = () => fail(q.error);
      q.onsuccess = () => ok(q.result.filter((k) => k.startsWith('dossier:')).sort());
    };
  }));
}

/** Sign in at /inloggen as `user` and wait until the caseload is drawn and the pull is done. */
async function signInToCaseload(page, user, password) {
  await page.goto(server.url + '/inloggen?naar=%2Fwerk');
  await ready(page);
  await fillAndSend(page, user, password);
  await page.getByTestId('caseload').locator('tbody tr').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
}

test('right after signing in, the workspace\'s page asks for the change feed while the app loads, and the app uses that answer', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  // The page's script leaves the request on window for the app, which takes it once: note its
  // address for the test.
  await context.addInitScript(() => {
    let early;
    Object.defineProperty(window, 'meedoenVoorgehaald', {
      configurable: true,
      get: () => early,
      set: (v) => { early = v; window.testVoorgehaald = v.url; },
    });
  });
  const page = await context.newPage();
  const feeds = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/wijzigingen' && !r.serviceWorker()) feeds.push(u.search);
  });
  const early = () => page.evaluate(() => window.testVoorgehaald ?? null);
  // A consultant on a device without a copy: asked once, by the page, and that answer used.
  await signInToCaseload(page, 'pc.devries', 'demo-participatie-2');
  assert.equal(await early(), '/api/wijzigingen?sinds=0&limiet=5000');
  assert.deepEqual(feeds, ['?sinds=0&limiet=5000']);
  assert.ok((await keptFiles(page)).length > 0, 'the copy was made from that answer');
  // Signing in again with the copy kept: the app asks from where it stood; the page asks nothing.
  feeds.length = 0;
  await signInToCaseload(page, 'pc.devries', 'demo-participatie-2');
  assert.equal(await early(), null);
  assert.ok(feeds.length > 0 && !feeds.includes('?sinds=0&limiet=5000'), `asked from the kept position: ${feeds}`);
  // Someone else on this device: the copy before is removed, so asked by the page again.
  feeds.length = 0;
  await signInToCaseload(page, 'wc.bakker', 'demo-werkgevers-1');
  assert.equal(await early(), '/api/wijzigingen?sinds=0&limiet=5000');
  assert.deepEqual(feeds, ['?sinds=0&limiet=5000']);
  await context.close();
  // An administrator keeps no case files: nothing is asked for.
  const adminContext = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const admin = await adminContext.newPage();
  const adminFeeds = [];
  admin.on('request', (r) => { if (new URL(r.url()).pathname === '/api/wijzigingen') adminFeeds.push(r.url()); });
  await admin.goto(server.url + '/inloggen');
  await ready(admin);
  await fillAndSend(admin, 'beheer', 'demo-beheerder-1');
  await admin.getByTestId('gebruiker').waitFor();
  await admin.waitForLoadState('networkidle');
  assert.equal(new URL(admin.url()).pathname, '/', 'the administrator\'s start page, in the workspace');
  assert.deepEqual(adminFeeds, []);
  await adminContext.close();
});

test('someone else signing in on the same device never gets the copy of the one before', async () => {
  // What the WSP consultant keeps on a device of their own.
  const own = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInToCaseload(own, 'wc.bakker', 'demo-werkgevers-1');
  const theirs = await keptFiles(own);
  own.assertClean();

  // A shared device: a participation consultant works, closes nothing, and the WSP consultant
  // signs in on the sign-in page while that session still runs.
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signInToCaseload(page, 'pc.devries', 'demo-participatie-2');
  const before = await keptFiles(page);
  const notTheirs = before.filter((k) => !theirs.includes(k));
  assert.ok(notTheirs.length > 0, 'the first consultant keeps files the second may not see');
  await signInToCaseload(page, 'wc.bakker', 'demo-werkgevers-1');
  const after = await keptFiles(page);
  assert.deepEqual(after.filter((k) => notTheirs.includes(k)), [], 'none of the previous copy is left');
  assert.deepEqual(after, theirs, 'the same copy as on their own device');
  page.assertClean();
});

test('/ without a session is the sign-in app\'s welcome; signed in, / is the workspace, also from a link on another site', async () => {
  // A first visit: the welcome of the small app, with the form in it and the installation's state.
  const page = await newPage(chromium.browser, { width: 320, height: 640 });
  const wasm = wasmRequests(page);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByRole('heading', { level: 1, name: 'Meedoen' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Inloggen voor medewerkers' }).waitFor();
  await page.getByTestId('status').filter({ hasText: 'ok' }).waitFor();
  assert.equal(await page.getByTestId('gemeente').textContent(), 'Demogemeente Meedoen');
  assert.equal(await page.title(), 'Welkom – Meedoen');
  assert.deepEqual(wasm.map((p) => p.split('/')[1]), ['aanmelden'], `only the sign-in app's wasm: ${wasm}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `no sideways scrolling at 320 px (${width})`);
  await checkA11y(page, 'welkom, eigen app, 320px');
  await screenshot(page, 'welkom-eigen-app-320');
  const bare = await fetch(server.url + '/');
  assert.equal(bare.headers.get('x-meedoen-app'), 'aanmelden');
  assert.match(bare.headers.get('vary'), /cookie/);
  assert.match(bare.headers.get('vary'), /accept-encoding/, 'the precompressed page still varies by encoding');

  // Signing in there opens the consultant's day in the workspace, at the same address.
  await fillAndSend(page, 'pc.devries', 'demo-participatie-2');
  await page.getByTestId('vandaag').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).pathname, '/');
  assert.ok(wasm.some((p) => /^\/meedoen-[0-9a-f]+_bg\.wasm$/.test(p)), `then the workspace: ${wasm}`);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'meedoen_sessie');
  const signedIn = await fetch(server.url + '/', { headers: { cookie: `${cookie.name}=${cookie.value}` } });
  assert.equal(signedIn.headers.get('x-meedoen-app'), 'werkplek');

  // A link from another site arrives without the (SameSite=Strict) cookie: the welcome asks
  // the server who is signed in and loads the start page again, now in the workspace.
  const other = server.url.replace('127.0.0.1', 'localhost');
  await page.goto(other + '/formulier');
  await ready(page);
  await page.evaluate((to) => { location.href = to; }, server.url + '/');
  await page.getByTestId('vandaag').waitFor({ timeout: 30_000 });
  assert.equal(new URL(page.url()).origin, server.url);

  // The worker kept the workspace's page, never the welcome: offline, / is the workspace.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 10_000 });
  await page.context().setOffline(true);
  await page.reload();
  await page.getByTestId('vandaag').waitFor({ timeout: 30_000 });
  await page.context().setOffline(false);

  // Signed out inside the workspace, its own welcome names the rules this browser runs.
  await page.getByTestId('uitloggen').click();
  await page.locator('#gebruikersnaam').waitFor();
  await page.getByRole('link', { name: 'Meedoen', exact: true }).click();
  await page.getByTestId('browser-regels').waitFor();
  assert.match(await page.getByTestId('browser-regels').textContent(), /ladder 20\d\d-\d\d · traject 2022-09 · doorstroom 2022-09/);
  page.assertClean([/ERR_INTERNET_DISCONNECTED/, /Failed to fetch/, /Failed to load resource/]);
});
