// The storefront's service worker: static assets from a cache, and an offline page when a page cannot load.
// Pages and API answers are never cached: prices, stock, carts and accounts change by the second, and what a
// shopper sees in the cart, checkout, account or admin is theirs alone. Bump VERSION to drop the old caches.
const VERSION = 'v1';
const SHELL_CACHE = `store-shell-${VERSION}`;
const ASSET_CACHE = `store-assets-${VERSION}`;
const OFFLINE_URL = '/offline';
const SHELL = [OFFLINE_URL, '/css/site.css', '/favicon.svg', '/icons/icon-192.png'];

// Product pictures come and go with the catalog: keep the most recent ones, not all of them.
const MAX_ASSETS = 300;

const PRIVATE = ['/api', '/cart', '/checkout', '/account', '/admin', '/orders', '/pay', '/track', '/_blazor'];
const STATIC_DESTINATIONS = ['style', 'script', 'image', 'font'];
const STATIC_PATH = /\.(?:css|js|mjs|png|jpe?g|webp|avif|gif|svg|ico|woff2?|ttf|otf)$/i;

// A file whose name carries its content hash (site.abc123def4.css, /media/{hash}-640.webp) never changes.
const IMMUTABLE_PATH = /(?:\.[a-z0-9]{8,}\.[a-z0-9]+$)|^\/media\//i;

self.addEventListener('install', event => {
    event.waitUntil(caches.open(SHELL_CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(k => k !== SHELL_CACHE && k !== ASSET_CACHE).map(k => caches.delete(k))))
        .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET') {
        return;
    }

    const url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }

    // Blazor's enhanced navigation fetches pages with fetch(), not as navigations: both get the offline page.
    if (request.mode === 'navigate' || (request.headers.get('accept') || '').includes('text/html')) {
        event.respondWith(fetch(request).catch(() => offlinePage()));
        return;
    }

    if (isPrivate(url.pathname) || url.pathname === '/sw.js') {
        return;
    }

    if (STATIC_DESTINATIONS.includes(request.destination) || STATIC_PATH.test(url.pathname)) {
        event.respondWith(IMMUTABLE_PATH.test(url.pathname) ? cacheFirst(request) : staleWhileRevalidate(event, request));
    }
});

function isPrivate(path) {
    return PRIVATE.some(prefix => path === prefix || path.startsWith(prefix + '/'));
}

async function offlinePage() {
    const page = await caches.match(OFFLINE_URL);
    return page || new Response('You are offline.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function cacheFirst(request) {
    const cached = await caches.match(request);
    return cached || fetchAndStore(request);
}

async function staleWhileRevalidate(event, request) {
    const cached = await caches.match(request);
    const fresh = fetchAndStore(request);
    if (cached) {
        event.waitUntil(fresh.catch(() => undefined));
        return cached;
    }

    return fresh;
}

async function fetchAndStore(request) {
    const response = await fetch(request);

    // Only whole, same-origin answers: an error page or a partial (206) response must not stand in for the file.
    if (response.ok && response.status === 200 && response.type === 'basic') {
        const copy = response.clone();
        const cache = await caches.open(ASSET_CACHE);
        await cache.put(request, copy);
        await trim(cache);
    }

    return response;
}

async function trim(cache) {
    const keys = await cache.keys();
    await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ASSETS)).map(key => cache.delete(key)));
}
