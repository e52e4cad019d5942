// The form's page before the app runs (Trunk inlines this at the end of formulier.html's body;
// the server's CSP admits it by its hash): the start page's introduction only at the start
// page's address (/formulier), and in the language this device chose before (the app keeps it
// in localStorage under meedoen.taal, src/i18n.rs). Without JavaScript the Dutch stays.
(function () {
  var start = document.getElementById('voorlopig-start');
  if (!start) return;
  if (location.pathname.replace(/\/+$/, '') !== '/formulier') {
    start.remove();
    return;
  }
  var en = false;
  try { en = localStorage.getItem('meedoen.taal') === 'en'; } catch (e) { /* no storage: Dutch */ }
  if (en) {
    start.querySelector('[lang=nl]').hidden = true;
    start.querySelector('[lang=en]').hidden = false;
  }
})();
