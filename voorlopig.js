// The page's own first view until the app runs (Trunk inlines this at the end of the body of
// formulier.html and aanmelden.html; the server's CSP admits it by its hash). A part with
// data-pad (a list of addresses) stays only at one of those addresses, and is shown there when
// it was hidden (the sign-in page's parts: without JavaScript that page only says it needs it);
// at another address it is left out. Texts with data-en are shown in English when this device
// chose English before (the apps keep the choice in localStorage under meedoen.taal,
// src/i18n.rs). Without JavaScript the Dutch stays.
(function () {
  var frame = document.getElementById('voorlopig');
  if (!frame) return;
  var here = location.pathname.replace(/\/+$/, '') || '/';
  var parts = frame.querySelectorAll('[data-pad]');
  for (var i = 0; i < parts.length; i++) {
    if (parts[i].getAttribute('data-pad').split(' ').indexOf(here) < 0) parts[i].remove();
    else parts[i].hidden = false;
  }
  var en = false;
  try { en = localStorage.getItem('meedoen.taal') === 'en'; } catch (e) { /* no storage: Dutch */ }
  if (!en) return;
  var texts = frame.querySelectorAll('[data-en]');
  for (var j = 0; j < texts.length; j++) {
    texts[j].textContent = texts[j].getAttribute('data-en');
    texts[j].lang = 'en';
  }
})();
