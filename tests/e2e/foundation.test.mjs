// The first vertical slice: the app starts, calls the server through gloo-net and shows the
// answer; the rules run in the browser; every page passes axe-core; both languages work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';

let server, chromium;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('start page shows the server status from the real server and demo municipality', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByTestId('status').waitFor();
  assert.equal(await page.getByTestId('status').textContent(), 'ok');
  assert.equal(await page.getByTestId('gemeente').textContent(), 'Demogemeente Meedoen');
  assert.equal(await page.getByTestId('inwoners').textContent(), '1900');
  // The rules this browser runs are named on the workspace's welcome (sign-in.test.mjs) and
  // listed on the rules page (below); the first visit is the small sign-in app.
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  await checkA11y(page, 'start (nl)');
  console.log(`screenshot: ${await screenshot(page, 'start-1280')}`);
  page.assertClean();
});

test('the language switch turns the page into English and back, and is remembered', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByTestId('taalkeuze').click();
  await page.getByRole('heading', { name: 'About this installation' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await checkA11y(page, 'start (en)');
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: 'About this installation' }).waitFor();
  await page.getByTestId('taalkeuze').click();
  await page.getByRole('heading', { name: 'Over deze installatie' }).waitFor();
  page.assertClean();
});

test('the rules page lists every table version with its rows', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/regels');
  await ready(page);
  for (const id of ['tabel-ladder-2022-09', 'tabel-ladder-2025-01', 'tabel-traject-2022-09', 'tabel-doorstroom-2022-09']) {
    await page.getByTestId(id).waitFor();
  }
  assert.ok(await page.getByText('T4-mz').count() > 0, 'the informal-care row of version 2025-01 is shown');
  await checkA11y(page, 'regels');
  await screenshot(page, 'regels-1280');
  page.assertClean();
});

test('an unknown address shows a helpful page, and the phone width works', async () => {
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await page.goto(server.url + '/bestaat-niet');
  await ready(page);
  await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
  await checkA11y(page, '404');
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByTestId('status').waitFor();
  await checkA11y(page, 'start 390px');
  await screenshot(page, 'start-390');
  page.assertClean();
});

test('security headers and CSP are sent, and the app runs under that CSP', async () => {
  const res = await fetch(server.url + '/');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const api = await fetch(server.url + '/api/bestaat-niet');
  assert.equal(api.status, 404);
  assert.match((await api.json()).fout.nl, /bestaat niet/);
});

test('no blank page: without WebAssembly, or when loading fails, every app says so in Dutch and English', async () => {
  const apps = [
    ['/', 'Meedoen'], ['/beheer/gebruikers', 'Meedoen'], ['/rapportage', 'Meedoen'],
    ['/formulier', 'het formulier'], ['/prestatie', 'de meting'],
  ];
  for (const [path, name] of apps) {
    // A browser without WebAssembly: the notice names the app and what is missing.
    const page = await newPage(chromium.browser, { width: 320, height: 640 });
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(server.url + path);
    const notice = page.locator('#laden.app-loading--failed');
    await notice.waitFor();
    const text = await notice.textContent();
    assert.ok(text.includes(`Deze browser kan ${name} niet openen: WebAssembly ontbreekt.`), `${path}: ${text}`);
    assert.equal(await notice.locator('span[lang=en]').textContent().then((t) => t.startsWith('(This browser cannot open')), true, `${path}: English part`);
    await checkA11y(page, `zonder WebAssembly ${path}`);
    await page.context().close();
    // The app's wasm does not arrive: the notice says it could not be loaded.
    const failing = await newPage(chromium.browser, { width: 320, height: 640 });
    await failing.route(/_bg\.wasm$/, (route) => route.abort());
    await failing.goto(server.url + path);
    const failed = failing.locator('#laden.app-loading--failed');
    await failed.waitFor();
    assert.match(await failed.textContent(), /kon niet worden geladen\. Controleer uw verbinding en laad de pagina opnieuw\. \(.* could not be loaded\./);
    await failing.context().close();
  }
});
