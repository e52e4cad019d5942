// Right after signing in, when this device keeps no copy of the user's caseload: the first page
// of the change feed is asked for while the workspace is still downloading and starting (Trunk
// inlines this into the workspace's page; the server's CSP admits it by its hash), instead of
// after it started.
//
// Only then: the sign-in app handed the session over in this tab less than a minute ago and
// said the workspace will pull from the beginning (`voorhalen`, `src/session.rs`: a role that
// keeps a copy of case files, and no copy of this user's on this device). The app
// (`api::get_prefetched`) takes the answer only for exactly the address it asks itself, so a
// wrong guess costs a download and nothing else; it asks itself when there is none or it
// failed. The session's cookie goes with the request as with the app's own.
//
// It never rejects (laden.js takes an unhandled rejection for a failed start).
(function () {
  var URL = '/api/wijzigingen?sinds=0&limiet=5000';
  try {
    var handoff = JSON.parse(sessionStorage.getItem('meedoen.sessie.overdracht') || 'null');
    var age = handoff && Date.now() - handoff.at;
    if (!handoff || !handoff.voorhalen || !(age >= 0 && age < 60000)) return;
    var answer = fetch(URL, { credentials: 'same-origin' });
    answer.catch(function () {});
    window.meedoenVoorgehaald = { url: URL, antwoord: answer };
  } catch (err) {
    // No storage or no fetch here: the app asks itself.
  }
})();
