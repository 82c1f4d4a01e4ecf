// Registers the storefront's service worker (wwwroot/sw.js). A file of its own rather than an inline script, so the
// Content Security Policy can refuse every inline script.
if ('serviceWorker' in navigator) {
    window.addEventListener('load', () => {
        navigator.serviceWorker.register('/sw.js', { scope: '/' })
            .catch(error => console.warn('The service worker was not registered:', error));
    });
}
