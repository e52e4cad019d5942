// The service worker's own cache, without a browser: public/sw.js run in a Node context with a
// small CacheStorage and fetch beside it, so the order of events (a newer release removing this
// release's cache while this worker still answers requests) is exact instead of a race.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SOURCE = readFileSync(new URL('../../public/sw.js', import.meta.url), 'utf8');
const ASSET = '/formulier/formulier-0123456789abcdef_bg.wasm';
const NEW_ASSET = '/formulier/formulier-fedcba9876543210.js';

/** A CacheStorage as the spec has it: `open` creates a cache that is not there. */
function cacheStorage() {
  const named = new Map();
  const key = (r) => (typeof r === 'string' ? r : new URL(r.url).pathname);
  const cache = (entries) => ({
    match: async (r) => entries.get(key(r))?.clone(),
    put: async (r, res) => void entries.set(key(r), res),
    addAll: async (urls) => {
      for (const u of urls) entries.set(u, await fakeFetch(u));
    },
  });
  return {
    named,
    open: async (name) => {
      if (!named.has(name)) named.set(name, new Map());
      return cache(named.get(name));
    },
    has: async (name) => named.has(name),
    delete: async (name) => named.delete(name),
    keys: async () => [...named.keys()],
  };
}

async function fakeFetch(req) {
  const path = typeof req === 'string' ? req : new URL(req.url).pathname;
  if (path === '/formulier') {
    return new Response(`<script src="${ASSET.replace('_bg.wasm', '.js')}"></script><link href="${ASSET}">`, {
      headers: { 'content-type': 'text/html' },
    });
  }
  return new Response(`body of ${path}`);
}

/** sw.js run as the worker at `path` with `fetch` as its network: its event listeners by type
 * and its CacheStorage. */
function loadWorker(path, fetch) {
  const listeners = {};
  const caches = cacheStorage();
  const self = {
    location: new URL(`http://meedoen.test${path}`),
    addEventListener: (type, fn) => (listeners[type] = fn),
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  vm.runInNewContext(SOURCE, { self, caches, fetch, URL, Response, setTimeout, Date, Promise, Error, Set, AbortController });
  return { listeners, caches };
}

/** The form's worker, installed and active, with its events to call. */
async function formWorker() {
  const { listeners, caches } = loadWorker('/formulier/sw.js', fakeFetch);
  const lifecycle = async (type) => {
    let done;
    listeners[type]({ waitUntil: (p) => (done = p) });
    await done;
  };
  await lifecycle('install');
  await lifecycle('activate');
  const request = async (path, mode = 'no-cors') => {
    let answer;
    const kept = [];
    listeners.fetch({
      request: { url: `http://meedoen.test${path}`, method: 'GET', mode },
      respondWith: (p) => (answer = p),
      waitUntil: (p) => kept.push(p),
    });
    const res = await answer;
    await Promise.all(kept);
    return res;
  };
  return { caches, request };
}

test('the service worker keeps what its release needs, and an asset it did not have yet', async () => {
  const { caches, request } = await formWorker();
  const [name] = await caches.keys();
  assert.match(name, /^meedoen-formulier-/);
  assert.equal(await (await request(ASSET)).text(), `body of ${ASSET}`);
  assert.equal(await (await request(NEW_ASSET)).text(), `body of ${NEW_ASSET}`);
  assert.ok(caches.named.get(name).has(NEW_ASSET), 'the new asset is kept beside the answer');
});

test('a worker whose cache a newer release removed still answers, but never brings that cache back', async () => {
  const { caches, request } = await formWorker();
  const [name] = await caches.keys();
  // The next release's worker activates: it removes this release's cache before it takes over
  // the pages, and until then this worker still answers their requests.
  await caches.delete(name);
  assert.equal(await (await request(NEW_ASSET)).text(), `body of ${NEW_ASSET}`);
  assert.equal((await request('/formulier/controleren', 'navigate')).status, 200);
  assert.deepEqual(await caches.keys(), [], 'the old release left no cache behind');
});

test('the staff worker stops installing when the user signed in needs no workspace, and keeps nothing', async () => {
  const WASM = '/meedoen-0123456789abcdef_bg.wasm';
  let asked = 0;
  // The workspace's page comes at once; its wasm only when the request is aborted (a slow link).
  const fetch = async (req, init = {}) => {
    const path = typeof req === 'string' ? req : new URL(req.url).pathname;
    if (path === '/index.html') return new Response(`<link href="${WASM}">`, { headers: { 'content-type': 'text/html' } });
    asked += 1;
    return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
  };
  const { listeners, caches } = loadWorker('/sw.js', fetch);
  let installed;
  listeners.install({ waitUntil: (p) => (installed = p) });
  while (asked === 0) await new Promise((r) => setTimeout(r, 1));
  assert.equal((await caches.keys()).length, 1, 'the release\'s cache is open while it installs');
  // A message of another kind changes nothing; this one stops the downloads.
  listeners.message({ data: 'aangemeld', waitUntil: () => {} });
  listeners.message({ data: 'geen-werkplek', waitUntil: () => {} });
  const stillInstalling = new Promise((done) => setTimeout(done, 2000));
  await assert.rejects(Promise.race([installed, stillInstalling]), /aborted/);
  assert.deepEqual(await caches.keys(), [], 'nothing kept');
});

test('the worker keeps every file a minified page names, quoted or not', async () => {
  // What Trunk writes in a release build (`minify = "on_release"`): attribute values without
  // quotes where HTML allows it, the loader's paths quoted inside its script.
  const files = ['/meedoen-0123456789abcdef.js', '/meedoen-0123456789abcdef_bg.wasm', '/werkplek-0123456789abcdef.css'];
  const page = `<!doctype html><html lang=nl><link href=${files[2]} integrity=sha384-x rel=stylesheet>`
    + `<script type=module>import init from '${files[0]}';await init({ module_or_path: '${files[1]}' });</script>`
    + `<link crossorigin href=${files[0]} rel=modulepreload><link as=fetch href=${files[1]} rel=preload type=application/wasm></head>`;
  const fetch = async (req) => {
    const path = typeof req === 'string' ? req : new URL(req.url).pathname;
    return new Response(path === '/index.html' ? page : `body of ${path}`, { headers: { 'content-type': 'text/html' } });
  };
  const { listeners, caches } = loadWorker('/sw.js', fetch);
  let installed;
  listeners.install({ waitUntil: (p) => (installed = p) });
  await installed;
  const [name] = await caches.keys();
  assert.deepEqual([...caches.named.get(name).keys()].filter((k) => k !== '/').sort(), [...files].sort());
});
