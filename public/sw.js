// Meedoen's service worker: keeps the app itself (page, script, wasm, styles) so it opens
// without a connection. Network first, so an online browser always gets the current version;
// the cache only answers when the network does not. API requests are never cached: the data
// a consultant may see offline lives in IndexedDB, under the app's own rules.
const CACHE = 'meedoen-app-v1';

// On install, keep the page and every asset it names (Trunk gives them hashed names).
self.addEventListener('install', (event) => event.waitUntil((async () => {
  const cache = await caches.open(CACHE);
  const res = await fetch('/', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/', res);
  const assets = [...html.matchAll(/(?:href|src)="(\/[^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)]);
  await self.skipWaiting();
})()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // Every page of the app is the same index.html.
  const key = req.mode === 'navigate' ? '/' : req;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok) await cache.put(key, res.clone());
      return res;
    } catch (err) {
      const hit = await cache.match(key);
      if (hit) return hit;
      throw err;
    }
  })());
});
