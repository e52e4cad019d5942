// Benchmark in headless Chromium: classify + route 410,000 synthetic residents with the rules
// compiled to wasm (the shipped app build), read the figures from the page and print them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, ready, checkA11y } from './harness.mjs';

let server, chromium;
before(async () => { server = await startServer({ demo: false }); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

test('wasm classify+route of 410,000 residents: figures printed', async () => {
  const page = await newPage(chromium.browser);
  await page.goto(server.url + '/prestatie');
  await ready(page);
  await checkA11y(page, 'prestatie');
  await page.getByTestId('meet').click();
  await page.getByTestId('meting').waitFor({ timeout: 120_000 });
  const best = await page.getByTestId('beste-ms').textContent();
  const median = await page.getByTestId('mediaan-ms').textContent();
  const checksum = await page.getByTestId('controlegetal').textContent();
  console.log(`bench wasm classify+route (Chromium, 410000 residents): best ${best}, median ${median} (target < 30 ms), checksum ${checksum}`);
  assert.match(best, /^\d+(\.\d)? ms$/);
  await checkA11y(page, 'prestatie with figures');
  page.assertClean();
});
