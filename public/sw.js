// Meedoen's service worker, one file for both apps: at /sw.js it keeps the staff app, at
// /formulier/sw.js the resident's form. It keeps the app itself (page, script, wasm, styles) so
// it opens without a connection; the data a consultant may see offline lives in IndexedDB under
// the app's own rules, and API requests are never cached.
//
// One cache per app and release: the build writes the release (a digest of the hashed asset
// names) over the placeholder below, so every new build is a new worker. On activation the
// caches of older releases of the same app are removed. The page hears of the new worker
// (controllerchange) and offers a reload; queued changes and drafts are in IndexedDB.
const RELEASE = '__MEEDOEN_RELEASE__';
const BASE = new URL('./', self.location).pathname; // "/" or "/formulier/"
const APP = BASE === '/' ? 'werkplek' : 'formulier';
const SHELL = BASE === '/' ? '/' : BASE.replace(/\/$/, ''); // the page every address of the app is
const PREFIX = `meedoen-${APP}-`;
const CACHE = PREFIX + RELEASE;
// How long a page request waits for the network before the kept copy answers.
const NETWORK_TIMEOUT_MS = 3000;

// Trunk's content hash: 64 bits in hexadecimal without leading zeros (12–16 digits in practice).
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;

// Whether this worker answers for a request: its own app only, never the API.
function mine(url) {
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return false;
  const inForm = url.pathname === '/formulier' || url.pathname.startsWith('/formulier/');
  // The developers' performance page, the administration pages, Klant in Beeld, the council
  // report, the scenarios and the sign-in page's files are apps of their own that no worker
  // keeps: they work with the server.
  const own = (p) => url.pathname === p || url.pathname.startsWith(p + '/');
  const elsewhere = ['/prestatie', '/beheer', '/inbeeld', '/beleid', '/rapportage', '/scenarios', '/aanmelden'].some(own);
  return APP === 'formulier' ? inForm : !inForm && !elsewhere;
}

// The sign-in page registers the staff worker while the user types, so the workspace is kept
// for working offline by the time a consultant signs in. A role that keeps no copy of case
// files (policy staff, the income department, the assessor, the administrator) does not work
// offline: once signed in, the page says so ('geen-werkplek') and a worker still installing
// stops downloading, so the link is free for the app that user does need. The installation
// fails and leaves no cache; the workspace registers the worker again when it is opened.
const stopInstalling = new AbortController();

self.addEventListener('install', (event) => event.waitUntil((async () => {
  const signal = stopInstalling.signal;
  const cache = await caches.open(CACHE);
  try {
    // The workspace's page by its file name: `/` is the sign-in app to a visitor without a
    // session cookie, and this worker is installed while the user signs in.
    const res = await fetch(APP === 'werkplek' ? '/index.html' : SHELL, { cache: 'no-store', signal });
    if (!res.ok) throw new Error(`shell ${res.status}`);
    const html = await res.clone().text();
    // The page is minified: an attribute's value may stand without quotes (`href=/x.css`).
    const assets = [...html.matchAll(/(?:href=|src=|module_or_path: )["']?([^"'\s>]+\.(?:js|wasm|css))(?=["'\s>])/g)]
      .map((m) => new URL(m[1], self.location.origin).pathname);
    await Promise.all([...new Set(assets)].map(async (asset) => {
      const kept = await fetch(asset, { signal });
      if (!kept.ok) throw new Error(`${asset} ${kept.status}`);
      await cache.put(asset, kept);
    }));
    await cache.put(SHELL, res);
  } catch (err) {
    await caches.delete(CACHE);
    throw err;
  }
  await self.skipWaiting();
})()));

self.addEventListener('activate', (event) => event.waitUntil((async () => {
  const names = await caches.keys();
  await Promise.all(names
    .filter((n) => (n.startsWith(PREFIX) && n !== CACHE) || n === 'meedoen-app-v1')
    .map((n) => caches.delete(n)));
  await self.clients.claim();
})()));

// A page that loaded while this worker was being activated is not controlled by it; once the
// worker is ready the page asks to be claimed (src/update.rs).
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
  if (event.data === 'aangemeld') signedInAt = Date.now();
  if (event.data === 'geen-werkplek' && APP === 'werkplek') stopInstalling.abort();
});

// Signing in is followed by the page the user came for (or their start page), which the server
// answers with the workspace whatever its address. The sign-in app says so ('aangemeld'), and
// when this worker kept the workspace minutes ago (it installs while the user types), that page
// comes from the kept copy: one round trip less before the caseload. Never an older copy: a
// release whose files the server may no longer have must not start; then the network first.
const SIGNED_IN_MS = 10_000;
const FRESH_COPY_MS = 10 * 60_000;
let signedInAt = 0;
async function justSignedIn(cache) {
  if (APP !== 'werkplek' || Date.now() - signedInAt > SIGNED_IN_MS) return null;
  signedInAt = 0;
  const hit = await cache.match(SHELL);
  const kept = hit ? Date.parse(hit.headers.get('date') || '') : NaN;
  return Date.now() - kept < FRESH_COPY_MS ? hit : null;
}

// This release's cache, or null once a newer release has removed it. `caches.open` creates a
// cache that is not there, so a worker still answering a request after its successor's
// activation removed its cache would bring that cache back, and nothing would remove it until
// the next release. A worker being replaced reads and keeps nothing; the network answers.
async function ownCache() {
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

// The network, or a rejection after `ms` (the request itself goes on and may still fill the cache).
function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || !mine(url)) return;
  event.respondWith((async () => {
    const cache = await ownCache();
    if (!cache) return fetch(req);
    // Hashed assets never change: the kept copy is the right one.
    if (HASHED.test(url.pathname)) {
      const hit = await cache.match(url.pathname);
      if (hit) return hit;
      const res = await fetch(req);
      // The copy is kept beside the answer, not before it: the page reads the response as it
      // arrives, and a copy that cannot be kept (the storage is full) costs the copy, never
      // the answer (tests/e2e/update.test.mjs).
      if (res.ok) event.waitUntil(cache.put(url.pathname, res.clone()).catch(() => {}));
      return res;
    }
    // Every page of the app is the same shell; the network first, the kept copy when it fails
    // or is too slow.
    const key = req.mode === 'navigate' ? SHELL : url.pathname;
    if (req.mode === 'navigate') {
      const fresh = await justSignedIn(cache);
      if (fresh) return fresh;
    }
    // The server answers /inloggen, and / without a session cookie, with the sign-in app
    // (dist/aanmelden): only a page that says it is the workspace is kept as this app's page.
    // Offline the kept workspace answers those addresses with its own pages.
    const keep = (res) => APP !== 'werkplek' || req.mode !== 'navigate'
      || res.headers.get('x-meedoen-app') === 'werkplek';
    const network = fetch(req).then(async (res) => {
      // A page that cannot be kept (the storage is full) is still the answer.
      if (res.ok && keep(res)) await cache.put(key, res.clone()).catch(() => {});
      return res;
    });
    try {
      return await withTimeout(network, NETWORK_TIMEOUT_MS);
    } catch (err) {
      const hit = await cache.match(key);
      if (hit) return hit;
      return network;
    }
  })());
});
