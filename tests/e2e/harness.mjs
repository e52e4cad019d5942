// End-to-end harness: starts the real server binary on a fresh temporary database with the
// demo municipality, drives Debian's Chromium through playwright-core, runs axe-core on
// every page, fails on console errors, and saves screenshots under target/e2e/.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'target', 'e2e');
const SERVER = process.env.MEEDOEN_SERVER ?? join(ROOT, 'target', 'release', 'meedoen-server');

/** Start the server on a free loopback port with a new database and the built apps of `dist`;
 * resolves to { url, stop }. */
export async function startServer({ demo = true, dist = join(ROOT, 'dist') } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'meedoen-e2e-'));
  const args = ['serve', '--db', join(dir, 'test.sqlite3'), '--dist', dist, '--adres', '127.0.0.1:0'];
  if (demo) args.push('--demo');
  const proc = spawn(SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 20 s:\n${log}`)), 20_000);
    const onData = (d) => {
      log += d;
      const m = log.match(/draait op (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d) => { log += d; });
    proc.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${log}`)); });
  });
  return {
    url, dir,
    log: () => log,
    stop: async () => {
      proc.removeAllListeners('exit');
      proc.kill('SIGTERM');
      await new Promise((r) => { proc.once('exit', r); setTimeout(r, 3000); });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launch Debian's Chromium headless; playwright gives it a fresh, temporary profile. */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

/** A new page that records console errors and failed requests; `assertClean()` checks them. */
export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A request the browser aborts because the page is left (a link into the other staff app
  // loads that app) is no failure: aborts within two seconds of a page load are set aside.
  const loads = [];
  const aborted = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) loads.push(Date.now()); });
  page.on('requestfailed', (r) => {
    const text = `request failed: ${r.url()} ${r.failure()?.errorText}`;
    if (/ERR_ABORTED/.test(text)) aborted.push([Date.now(), text]); else problems.push(text);
  });
  /** No console errors or failed requests, except those a test expects (regular expressions). */
  page.assertClean = (expected = []) => {
    const unexplained = aborted.filter(([t]) => !loads.some((l) => Math.abs(l - t) < 2000)).map(([, text]) => text);
    assert.deepEqual([...problems, ...unexplained].filter((p) => !expected.some((re) => re.test(p))), [], 'no console errors or failed requests');
  };
  return page;
}

/** Wait until the wasm app has mounted (the header is rendered). */
export async function ready(page) {
  await page.waitForSelector('header.site-header', { timeout: 30_000 });
  // The form's and the sign-in page have a first view of their own until the app runs and
  // removes it (#voorlopig).
  await page.waitForSelector('#voorlopig', { state: 'detached', timeout: 30_000 });
}

/** Assert that the element with id `id` has the keyboard focus, waiting up to 5 s for it: the
 * apps move the focus on the next animation frame after a render (`browser::after_render`), so
 * reading it straight after a click can come a frame too early. */
export async function expectFocus(page, id, message) {
  await page.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 5_000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.id), id, message);
}

/** Run axe-core (WCAG 2.0/2.1 A and AA) and assert there are no violations; and assert that the
 * page's style sheet styles every class of the page that style/main.css styles. */
export async function checkA11y(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  assert.deepEqual(summary, [], `axe-core violations on ${name}`);
  await checkStyled(page, name);
}

/** The classes style/main.css styles (outside `:not(…)`). */
const OWN_CLASSES = [...new Set([...readFileSync(join(ROOT, 'style', 'main.css'), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\{[^{}]*\}/g, '{}')
  .replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '')
  .matchAll(/\.(-?[A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]))];

/** Each app's sheet keeps the rules of style/main.css whose classes its sources name
 * (tools/css.mjs). Assert that no class an element of this page carries lost its rules that way:
 * every such class is in a rule of the page's style sheets. */
export async function checkStyled(page, name) {
  const missing = await page.evaluate((own) => {
    const inSheets = new Set();
    const walk = (rules) => {
      for (const r of rules) {
        if (r.selectorText) for (const m of r.selectorText.matchAll(/\.(-?[A-Za-z_][A-Za-z0-9_-]*)/g)) inSheets.add(m[1]);
        if (r.cssRules) walk(r.cssRules);
      }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules);
    const onPage = new Set([...document.querySelectorAll('[class]')].flatMap((e) => [...e.classList]));
    return own.filter((c) => onPage.has(c) && !inSheets.has(c));
  }, OWN_CLASSES);
  assert.deepEqual(missing, [], `classes on ${name} that style/main.css styles but the page's style sheet left out`);
}

/** Save a full-page screenshot under target/e2e/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
