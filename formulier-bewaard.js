// The form's kept answers and receipt, read from IndexedDB while the app is still downloading
// (Trunk inlines this into formulier.html; the server's CSP admits it by its hash), so the start
// page does not wait for the database once the app runs. The app (`idb::read_before_start`)
// takes this answer only when the database, version, store and keys are the ones it uses itself
// (`src/idb.rs`, `src/form/mod.rs`), and otherwise reads them itself, as it would without this.
//
// This script never creates or changes the database: in a browser that has none, the opening
// is undone (nothing was kept), and at another version it gives no answer. It never rejects,
// since the loading notice (laden.js) takes an unhandled rejection for a failed start.
(function () {
  var DB = 'meedoen';
  var VERSION = 1;
  var STORE = 'formulier';
  var KEYS = ['ontvangstbewijs', 'concept'];
  function answer(values) {
    return values && { db: DB, versie: VERSION, store: STORE, sleutels: KEYS, waarden: values };
  }
  try {
    window.meedoenBewaard = new Promise(function (done) {
      var q = indexedDB.open(DB, VERSION);
      q.onupgradeneeded = function (e) {
        // No database yet: nothing was kept. An older one is left to the app to upgrade.
        done(answer(e.oldVersion === 0 ? KEYS.map(function () { return null; }) : null));
        q.transaction.abort();
      };
      q.onerror = function (e) {
        e.preventDefault();
        done(null);
      };
      q.onblocked = function () { done(null); };
      q.onsuccess = function () {
        var db = q.result;
        try {
          var tx = db.transaction(STORE, 'readonly');
          var store = tx.objectStore(STORE);
          var values = [];
          KEYS.forEach(function (k, i) {
            var get = store.get(k);
            get.onsuccess = function () { values[i] = typeof get.result === 'string' ? get.result : null; };
          });
          tx.oncomplete = function () { db.close(); done(answer(values)); };
          tx.onerror = tx.onabort = function (e) {
            if (e) e.preventDefault();
            db.close();
            done(null);
          };
        } catch (err) {
          db.close();
          done(null);
        }
      };
    });
  } catch (err) {
    // No IndexedDB here (or it refused): the app reads, or reports, itself.
  }
})();
