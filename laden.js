// Before the app runs (Trunk inlines this into each app's page, and the server's CSP admits it
// by its hash): when this browser cannot run the app, or loading fails, the loading notice
// (#laden) says so in Dutch and English instead of leaving a blank page. The notice names the
// app: data-wat / data-what ("het formulier" / "the form", default Meedoen), and data-hint /
// data-hint-en add what else the reader can do.
(function () {
  function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
  function say(problem) {
    var el = document.getElementById('laden');
    if (!el) return; // the app started and removed the notice
    var d = el.dataset;
    var wat = d.wat || 'Meedoen';
    var what = d.what || 'Meedoen';
    var nl = problem === 'wasm'
      ? 'Deze browser kan ' + wat + ' niet openen: WebAssembly ontbreekt. Gebruik een recente browser' + (d.hint || '') + '.'
      : cap(wat) + ' kon niet worden geladen. Controleer uw verbinding en laad de pagina opnieuw.';
    var en = problem === 'wasm'
      ? '(This browser cannot open ' + what + ': WebAssembly is missing. Use a recent browser' + (d.hintEn || '') + '.)'
      : '(' + cap(what) + ' could not be loaded. Check your connection and reload the page.)';
    var span = document.createElement('span');
    span.lang = 'en';
    span.textContent = en;
    el.className = 'app-loading app-loading--failed';
    el.textContent = nl + ' ';
    el.appendChild(span);
  }
  if (typeof WebAssembly !== 'object') {
    document.addEventListener('DOMContentLoaded', function () { say('wasm'); });
    return;
  }
  // The loader's `await init(…)` failing surfaces as an error or an unhandled rejection,
  // depending on the browser; either way, as long as the notice is there, the app did not start.
  window.addEventListener('unhandledrejection', function () { say('load'); });
  window.addEventListener('error', function () { say('load'); });
})();
