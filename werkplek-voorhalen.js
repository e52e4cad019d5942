// Right after signing in, on a device without a copy of the caseload: the first page of the
// change feed is asked for while the workspace is still downloading and starting (Trunk inlines
// this into the workspace's page; the server's CSP admits it by its hash), instead of after.
//
// Only then: the sign-in app handed the session over in this tab less than a minute ago, for a
// role that keeps a copy of case files (`kopie`, `src/session.rs`), and this browser keeps no
// position in the feed (`stand` in the `werkplek` store, `src/workspace.rs`), so the app would
// ask from the beginning. The app (`api::get_prefetched`) takes the answer only for exactly the
// address it would ask itself, and asks itself when there is none or it failed. The session's
// cookie goes with the request as with the app's own; the answer is read by the app alone.
//
// This script never creates or changes the database (in a browser that has none, the opening is
// undone) and never rejects (laden.js takes an unhandled rejection for a failed start).
(function () {
  var URL = '/api/wijzigingen?sinds=0&limiet=5000';
  try {
    var handoff = JSON.parse(sessionStorage.getItem('meedoen.sessie.overdracht') || 'null');
    var age = handoff && Date.now() - handoff.at;
    if (!handoff || !handoff.kopie || !(age >= 0 && age < 60000)) return;
  } catch (err) {
    return;
  }
  function fetchNow() {
    var answer = fetch(URL, { credentials: 'same-origin' });
    answer.catch(function () {});
    window.meedoenVoorgehaald = { url: URL, antwoord: answer };
  }
  try {
    var q = indexedDB.open('meedoen', 1);
    q.onupgradeneeded = function (e) {
      if (e.oldVersion === 0) fetchNow(); // no copy on this device at all
      q.transaction.abort();
    };
    q.onerror = function (e) { e.preventDefault(); };
    q.onsuccess = function () {
      var db = q.result;
      try {
        var get = db.transaction('werkplek', 'readonly').objectStore('werkplek').get('stand');
        get.onsuccess = function () {
          db.close();
          if (get.result === undefined) fetchNow();
        };
        get.onerror = function (e) { e.preventDefault(); db.close(); };
      } catch (err) {
        db.close();
      }
    };
  } catch (err) {
    // No IndexedDB here: the app works without a copy and asks itself.
  }
})();
