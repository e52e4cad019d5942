// Every role gets its own start, its own tools, and only the actions it may take (issue 17):
// start pages with figures checked against the API; the administrator adds a user who must
// change the first password; a locked account is unlocked from the page; a consultant changes
// their password and an older session ends; the shared matrix (docs/security.md, generated
// from meedoen_domain::access) is walked through the navigation and a resident's file; the
// team lead pages through the caseload and keeps page and filters over a reload; bad input on
// every new form names the field and saves nothing; axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, launchBrowser, newPage, ready, checkA11y, screenshot } from './harness.mjs';
import { signInApi } from './pages.mjs';

let server, chromium;
// Going to the next page at once cancels what the last one was still loading (the change feed,
// the waiting list, the user list): the browser's doing, not an error of the app.
const CANCELLED = /\/api\/.*net::ERR_ABORTED/;
before(async () => { server = await startServer(); chromium = await launchBrowser(); });
after(async () => { await chromium?.close(); await server?.stop(); });

const DEMO = {
  'pc.ramdin': ['demo-participatie-1', 'participatieconsulent'],
  'wc.bakker': ['demo-werkgevers-1', 'werkconsulent'],
  'tl.visser': ['demo-teamleider-1', 'teamleider'],
  beheer: ['demo-beheerder-1', 'beheerder'],
  'bm.jansen': ['demo-beleid-1', 'beleidsmedewerker'],
};

/** The authorisation matrix as docs/security.md holds it (a Rust test keeps it equal to the
 * code): endpoint text → role → scope or '403'. */
function matrix() {
  const doc = readFileSync(join(ROOT, 'docs', 'security.md'), 'utf8');
  const lines = doc.split('\n');
  const head = lines.findIndex((l) => l.startsWith('| endpoints |'));
  const roles = lines[head].split('|').slice(2, -1).map((c) => c.trim().replaceAll('`', ''));
  const rows = new Map();
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.set(cells[0], Object.fromEntries(roles.map((r, k) => [r, cells[k + 1]])));
  }
  /** Whether `role` may use the action whose endpoints start with `prefix`. */
  return (prefix, role) => {
    const key = [...rows.keys()].find((k) => k.startsWith(prefix));
    assert.ok(key, `matrix row ${prefix}`);
    return rows.get(key)[role] !== '403';
  };
}

async function signIn(page, user, password, path = '/inloggen') {
  await page.goto(server.url + path);
  await ready(page);
  await page.locator('#gebruikersnaam').fill(user);
  await page.locator('#wachtwoord').fill(password);
  await page.getByTestId('inloggen-knop').click();
  await page.getByTestId('gebruiker').waitFor();
}

test('each role lands on its own start page, with figures that match the API, and a header under a third of a phone', async () => {
  for (const [user, [password, role]] of Object.entries(DEMO)) {
    const page = await newPage(chromium.browser, { width: 390, height: 844 });
    await signIn(page, user, password);
    // Policy staff start in the report (their app); the start page of the others is '/'.
    await page.waitForURL((u) => new URL(u).pathname === (role === 'beleidsmedewerker' ? '/rapportage' : '/'));
    const api = await signInApi(server.url, user, password);
    if (role === 'participatieconsulent' || role === 'werkconsulent') {
      await page.getByTestId('vandaag').waitFor();
      const w = await api.get('/api/wachtlijst');
      await page.getByTestId('eigen-caseload').filter({ hasText: `${w.eigen_caseload} / ${w.norm}` }).waitFor();
      await page.getByTestId('wachtlijst-aantal').filter({ hasText: String(w.inwoners.length) }).waitFor();
      await page.getByTestId('nieuw-toegewezen').filter({ hasText: String(w.nieuw_toegewezen.length) }).waitFor();
      if (role === 'participatieconsulent') {
        const inbox = (await api.get('/api/inzendingen')).inzendingen.filter((e) => e.inwoner_id == null).length;
        await page.getByTestId('nieuw-inbox').filter({ hasText: String(inbox) }).waitFor();
      } else {
        assert.equal(await page.getByTestId('nieuw-inbox').count(), 0, 'no inbox figure for the WSP');
      }
      // Check-points open the caseload soonest first.
      assert.equal(await page.getByRole('link', { name: 'controlemomenten te laat' }).getAttribute('href'), '/werk?sorteer=volgende');
    } else if (role === 'teamleider') {
      await page.getByTestId('team-overzicht').waitFor();
      const w = await api.get('/api/wachtlijst');
      await page.getByTestId('wachtlijst-aantal').filter({ hasText: String(w.inwoners.length) }).waitFor();
      for (const c of w.consulenten) {
        assert.equal(await page.getByTestId(`consulent-${c.id}`).getByTestId('caseload').textContent(), String(c.caseload));
      }
      const team = (await api.get('/api/inwoners')).aantal;
      await page.getByTestId('team-residents').filter({ hasText: String(team) }).waitFor({ timeout: 60_000 });
      for (const c of w.consulenten) {
        assert.equal(c.inwoners.length, c.caseload, 'the residents of each consultant come with the list');
      }
      // Overdue check-points per consultant add up to at most the team's (the rest wait unassigned).
      await page.waitForFunction(() => document.querySelector('[data-testid=te-laat]')?.textContent.match(/^\d+$/));
      const perConsultant = (await page.getByTestId('caseloads').getByTestId('te-laat').allTextContents()).map(Number);
      const teamLate = Number(await page.locator('.figures [data-testid=te-laat]').textContent());
      assert.equal(perConsultant.length, w.consulenten.length);
      assert.ok(perConsultant.reduce((a, b) => a + b, 0) <= teamLate, `${perConsultant} of ${teamLate}`);
    } else if (role === 'beheerder') {
      await page.getByTestId('beheer-overzicht').waitFor();
      const users = await api.get('/api/gebruikers');
      await page.getByTestId('actieve-gebruikers').filter({ hasText: String(users.filter((u) => u.actief).length) }).waitFor();
      await page.getByTestId('geblokkeerd').filter({ hasText: String(users.filter((u) => u.geblokkeerd).length) }).waitFor();
    } else {
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.getByTestId('nav-scenarios').waitFor();
      // Their start page in the workspace is still one click away.
      await page.getByRole('link', { name: 'Start', exact: true }).click();
      await page.getByTestId('beleid-start').waitFor();
    }
    const header = await page.locator('header.site-header').boundingBox();
    assert.ok(header.height < 844 / 3, `${user}: header ${header.height}px of 844`);
    await checkA11y(page, `start ${role} 390px`);
    await screenshot(page, `start-${role}-390`);
    page.assertClean([CANCELLED]);
  }
});

test('the shared matrix, walked through the UI: each role is offered exactly the actions it may take', async () => {
  const may = matrix();
  const nav = {
    Caseload: '`GET /api/inwoners`',
    Inbox: '`GET /api/inzendingen`',
    Rapportage: '`GET /api/rapportage',
    Gebruikers: '`POST /api/gebruikers`',
    Auditlog: '`GET /api/audit`',
    Instellingen: '`GET /api/gemeente`',
    Import: '`POST /api/import/voorbeeld`',
    Partners: '`POST /api/partners`',
  };
  for (const [user, [password, role]] of Object.entries(DEMO)) {
    const page = await newPage(chromium.browser);
    await signIn(page, user, password);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    for (const [label, endpoint] of Object.entries(nav)) {
      const shown = await menu.getByRole('link', { name: label, exact: true }).count();
      assert.equal(shown, may(endpoint, role) ? 1 : 0, `${role}: menu item ${label}`);
    }
    // Klant in Beeld: for who fills indicators and for who reads the progress.
    const inView = may('`GET /api/indicatoren/inwoners`', role) || may('`GET /api/indicatoren/voortgang`', role);
    assert.equal(await menu.getByRole('link', { name: 'Klant in Beeld', exact: true }).count(), inView ? 1 : 0, `${role}: menu item Klant in Beeld`);
    if (may('`GET /api/inwoners`', role)) {
      await page.goto(server.url + '/werk');
      await ready(page);
      await page.getByTestId('caseload').locator('tbody tr a').first().click();
      await page.getByTestId('dossier-naam').waitFor();
      const id = Number(page.url().split('/').pop());
      const count = async (testid) => page.getByTestId(testid).count();
      assert.equal(await count('nieuw-gesprek'), may('`POST /api/mutaties`: records other', role) ? 1 : 0, `${role}: add a conversation`);
      assert.equal(await count('nieuw-verwijzing'), may('`POST /api/mutaties`: records other', role) ? 1 : 0, `${role}: refer to a partner`);
      assert.equal(await count('nieuwe-meting'), may('`POST /api/mutaties`: records other', role) ? 1 : 0, `${role}: new measurement`);
      assert.equal(await count('nieuw-plaatsing'), may('`POST /api/mutaties`: placements', role) ? 1 : 0, `${role}: add a placement`);
      assert.equal(await count('rechten'), may('`GET /api/inwoners/{id}/inzage`', role) ? 1 : 0, `${role}: the rights section`);
      // A record form the role may not write is read-only, with no save button.
      await page.goto(server.url + `/inwoners/${id}/nieuw/plaatsing`);
      await ready(page);
      await page.getByTestId('formulier-plaatsing').waitFor();
      const writes = may('`POST /api/mutaties`: placements', role);
      assert.equal(await count('opslaan'), writes ? 1 : 0, `${role}: save a placement`);
      assert.equal(await count('alleen-lezen'), writes ? 0 : 1, `${role}: read-only notice`);
      await checkA11y(page, `plaatsing ${role}`);
    }
    // Pages of actions the role may not take say "no access", never "no connection".
    const pages = [
      ['/werk', '`GET /api/inwoners`'], ['/wachtlijst', '`GET /api/wachtlijst`'], ['/inbox', '`GET /api/inzendingen`'],
      ['/rapportage', '`GET /api/rapportage'], ['/scenarios', '`GET /api/scenarios`'],
      ['/beheer/gebruikers', '`POST /api/gebruikers`'], ['/beheer/audit', '`GET /api/audit`'], ['/beheer/instellingen', '`GET /api/gemeente`'],
      ['/beheer/import', '`POST /api/import/voorbeeld`'], ['/beheer/partners', '`POST /api/partners`'],
    ];
    for (const [path, endpoint] of pages) {
      await page.goto(server.url + path);
      await ready(page);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.equal(await page.getByTestId('geen-toegang').count(), may(endpoint, role) ? 0 : 1, `${role}: ${path}`);
      assert.equal(await page.getByText('Geen verbinding').count(), 0);
    }
    page.assertClean([/403/, CANCELLED]);
  }
});

test('the administrator adds a user; bad input names the field; the user must choose their own password', async () => {
  const admin = await newPage(chromium.browser, { width: 390, height: 844 });
  await signIn(admin, 'beheer', 'demo-beheerder-1');
  await admin.goto(server.url + '/beheer/gebruikers');
  await ready(admin);
  await admin.getByTestId('gebruikers').waitFor();
  const before = await admin.getByTestId('gebruikers').locator('tbody tr').count();
  // Empty: every field is named, focus on the summary.
  await admin.getByTestId('toevoegen').click();
  await admin.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
  const summary = admin.getByTestId('foutoverzicht').last();
  for (const text of ['kleine letters', 'naam in', 'team in', 'minstens 12 tekens']) {
    await summary.getByText(text, { exact: false }).waitFor();
  }
  await checkA11y(admin, 'gebruikers met fouten');
  // Too long, and a weak password.
  await admin.getByTestId('n-gebruikersnaam').fill('pc.nieuw');
  await admin.getByTestId('n-naam').fill('N'.repeat(101));
  await admin.getByTestId('n-team').fill('participatie');
  await admin.getByTestId('n-wachtwoord').fill('wachtwoord123');
  await admin.getByTestId('toevoegen').click();
  await summary.getByText('hoogstens 100 tekens').waitFor();
  await summary.getByText('veel gebruikt').waitFor();
  // An existing user name: the server names the field.
  await admin.getByTestId('n-gebruikersnaam').fill('pc.ramdin');
  await admin.getByTestId('n-naam').fill('Nina Nieuw');
  await admin.getByTestId('n-wachtwoord').fill('eerste keer inloggen 2026');
  await admin.getByTestId('toevoegen').click();
  await summary.getByText('bestaat al').waitFor();
  assert.equal(await admin.getByTestId('gebruikers').locator('tbody tr').count(), before, 'nothing saved');
  // Now right.
  await admin.getByTestId('n-gebruikersnaam').fill('pc.nieuw');
  await admin.getByTestId('n-rol').selectOption('participatieconsulent');
  await admin.getByTestId('toevoegen').click();
  await admin.getByTestId('beheer-melding').getByText('pc.nieuw is toegevoegd').waitFor();
  await admin.getByTestId('gebruiker-pc.nieuw').getByTestId('status').filter({ hasText: 'moet wachtwoord kiezen' }).waitFor();
  await checkA11y(admin, 'gebruikers 390px');
  await screenshot(admin, 'beheer-gebruikers-390');

  const user = await newPage(chromium.browser);
  await signIn(user, 'pc.nieuw', 'eerste keer inloggen 2026', '/inloggen?naar=%2Fwerk');
  await user.waitForURL((u) => new URL(u).pathname === '/account');
  await user.getByTestId('wachtwoord-verplicht').waitFor();
  assert.equal(await user.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Caseload' }).count(), 0);
  await checkA11y(user, 'account, wachtwoord verplicht');
  await user.goto(server.url + '/werk');
  await ready(user);
  await user.getByRole('heading', { name: 'Kies eerst een eigen wachtwoord' }).waitFor();
  await user.getByTestId('naar-account').click();
  // Bad input: a repetition that differs, then a password like the user name.
  await user.getByTestId('huidig').fill('eerste keer inloggen 2026');
  await user.getByTestId('nieuw').fill('een eigen zin van mij');
  await user.getByTestId('nieuw-herhaling').fill('een andere zin');
  await user.getByTestId('wachtwoord-opslaan').click();
  await user.getByTestId('foutoverzicht').getByText('niet gelijk').waitFor();
  await user.getByTestId('nieuw').fill('pc.nieuw2026!');
  await user.getByTestId('nieuw-herhaling').fill('pc.nieuw2026!');
  await user.getByTestId('wachtwoord-opslaan').click();
  await user.getByTestId('foutoverzicht').getByText('gebruikersnaam').waitFor();
  await user.getByTestId('nieuw').fill('een eigen zin van mij');
  await user.getByTestId('nieuw-herhaling').fill('een eigen zin van mij');
  await user.getByTestId('wachtwoord-opslaan').click();
  await user.getByTestId('wachtwoord-gewijzigd').waitFor();
  await user.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Caseload' }).waitFor();
  await user.goto(server.url + '/');
  await ready(user);
  await user.getByTestId('vandaag').waitFor();
  admin.assertClean([/409/, CANCELLED]);
  user.assertClean([/403/, CANCELLED]);
});

test('five wrong passwords lock an account; the administrator unlocks it from the page and resets a password', async () => {
  for (let k = 0; k < 5; k++) {
    const r = await fetch(server.url + '/api/sessie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gebruikersnaam: 'pc.elamrani', wachtwoord: `fout-${k}` }) });
    assert.equal(r.status, 401);
  }
  const locked = await fetch(server.url + '/api/sessie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gebruikersnaam: 'pc.elamrani', wachtwoord: 'demo-participatie-3' }) });
  assert.equal(locked.status, 423);
  const admin = await newPage(chromium.browser);
  await signIn(admin, 'beheer', 'demo-beheerder-1');
  await admin.getByTestId('geblokkeerde-accounts').getByText('pc.elamrani').waitFor();
  await admin.getByTestId('nav-gebruikers').click();
  const row = admin.getByTestId('gebruiker-pc.elamrani');
  await row.getByTestId('status').filter({ hasText: 'geblokkeerd' }).waitFor();
  await row.getByTestId('deblokkeren').click();
  await admin.getByTestId('beheer-melding').getByText('gedeblokkeerd').waitFor();
  await row.getByTestId('deblokkeren').waitFor({ state: 'detached' });
  const ok = await fetch(server.url + '/api/sessie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gebruikersnaam: 'pc.elamrani', wachtwoord: 'demo-participatie-3' }) });
  assert.equal(ok.status, 200);
  // A reset shows a one-time password once; it signs in and must be changed.
  await admin.getByTestId('gebruiker-wc.yilmaz').getByTestId('wachtwoord-resetten').click();
  const code = (await admin.getByTestId('eenmalig-wachtwoord').textContent()).trim();
  assert.match(code, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  const fresh = await signInApi(server.url, 'wc.yilmaz', code);
  assert.equal((await fresh.get('/api/sessie')).gebruiker.moet_wachtwoord_wijzigen, true);
  // Change a role and team; a consultant with residents keeps the role until reassigned.
  // The user list is drawn again after every answer: open the panel, and open it again when the
  // click landed on a row that was being replaced.
  // The panel is ready when the focus has moved to its heading (after it is drawn): typing
  // before that raced with the move, and the Delete of an emptied field went to the heading.
  const openEdit = async (user) => {
    const heading = admin.getByTestId('gebruiker-wijzigen').getByRole('heading', { name: new RegExp(`${user.replace('.', '\\.')}$`) });
    const focused = () => admin.waitForFunction(() => document.activeElement?.id === 'wijzig-kop', null, { timeout: 5000 });
    for (let attempt = 0; attempt < 3; attempt++) {
      await admin.getByTestId(`gebruiker-${user}`).getByTestId('wijzigen').click();
      try { await heading.waitFor({ timeout: 3000 }); await focused(); return; } catch { /* drawn again: once more */ }
    }
    await heading.waitFor();
    await focused();
  };
  await openEdit('pc.ramdin');
  await admin.getByTestId('w-actief').uncheck();
  await admin.getByTestId('wijziging-opslaan').click();
  await admin.getByTestId('gebruiker-wijzigen').getByTestId('foutoverzicht').getByText('inwoners in de caseload').waitFor();
  await checkA11y(admin, 'gebruiker wijzigen met fout');
  await openEdit('bm.jansen');
  await admin.getByTestId('w-team').fill('');
  await admin.getByTestId('wijziging-opslaan').click();
  await admin.getByTestId('gebruiker-wijzigen').getByTestId('foutoverzicht').getByText('team in').waitFor();
  await admin.getByTestId('w-team').fill('beleid en onderzoek');
  await admin.getByTestId('wijziging-opslaan').click();
  await admin.getByTestId('beheer-melding').getByText('bm.jansen is gewijzigd').waitFor();
  await admin.getByTestId('gebruiker-bm.jansen').getByText('beleid en onderzoek').waitFor();
  admin.assertClean([/409/, /422/, CANCELLED]);
});

test('a consultant changes their own password and an older session ends; sessions are listed and ended', async () => {
  const older = await signInApi(server.url, 'pc.devries', 'demo-participatie-2');
  assert.equal((await older.get('/api/sessie')).gebruiker.gebruikersnaam, 'pc.devries');
  const page = await newPage(chromium.browser, { width: 320, height: 700 });
  await signIn(page, 'pc.devries', 'demo-participatie-2');
  await page.getByTestId('mijn-account').click();
  await page.getByTestId('sessies').waitFor();
  assert.equal(await page.getByTestId('sessie').count(), 2);
  await checkA11y(page, 'mijn account 320px');
  await screenshot(page, 'account-320');
  // Wrong current password: named, nothing changed.
  await page.getByTestId('huidig').fill('niet mijn wachtwoord');
  await page.getByTestId('nieuw').fill('een nieuwe lange zin');
  await page.getByTestId('nieuw-herhaling').fill('een nieuwe lange zin');
  await page.getByTestId('wachtwoord-opslaan').click();
  await page.getByTestId('foutoverzicht').getByText('huidige wachtwoord klopt niet').waitFor();
  assert.equal((await older.get('/api/sessie')).gebruiker.gebruikersnaam, 'pc.devries', 'the older session goes on');
  await page.getByTestId('huidig').fill('demo-participatie-2');
  await page.getByTestId('wachtwoord-opslaan').click();
  await page.getByTestId('wachtwoord-gewijzigd').getByText('beëindigd: 1').waitFor();
  const gone = await fetch(server.url + '/api/sessie', { headers: { cookie: older.cookie ?? '' } });
  assert.equal(gone.status, 401);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sessie]').length === 1);
  // A second device, ended from the list.
  const other = await signInApi(server.url, 'pc.devries', 'een nieuwe lange zin');
  await page.reload();
  await ready(page);
  await page.getByTestId('sessie-beeindigen').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sessie]').length === 1);
  const ended = await fetch(server.url + '/api/sessie', { headers: { cookie: other.cookie ?? '' } });
  assert.equal(ended.status, 401);
  page.assertClean([/422/, CANCELLED]);
});

test('the audit log filters and pages with the selection in the address; settings reject bad input', async () => {
  const page = await newPage(chromium.browser);
  await signIn(page, 'beheer', 'demo-beheerder-1');
  await page.goto(server.url + '/beheer/audit');
  await ready(page);
  await page.getByTestId('audit-regels').waitFor();
  await checkA11y(page, 'auditlog');
  await page.getByTestId('a-inwoner').fill('twaalf');
  await page.getByTestId('filter-toepassen').click();
  await page.getByTestId('foutoverzicht').getByText('cijfers').waitFor();
  await page.getByTestId('a-inwoner').fill('');
  await page.getByTestId('a-gebruiker').fill('tl.visser');
  await page.getByTestId('a-actie').selectOption('inloggen');
  await page.getByTestId('filter-toepassen').click();
  await page.waitForURL(/gebruiker=tl.visser/);
  await page.getByTestId('audit-regel').first().waitFor();
  const actions = await page.getByTestId('audit-regel').getByTestId('actie').allTextContents();
  assert.ok(actions.length > 0 && actions.every((a) => a === 'inloggen'), actions.join());
  const api = await signInApi(server.url, 'beheer', 'demo-beheerder-1');
  const expected = await api.get('/api/audit?gebruiker=tl.visser&actie=inloggen');
  await page.getByTestId('audit-aantal').filter({ hasText: `${expected.totaal} regels` }).waitFor();
  assert.match(await page.getByTestId('audit-export').getAttribute('href'), /export\?gebruiker=tl.visser&actie=inloggen/);
  // Paging: all entries, 50 a page; older keeps the filters, a reload keeps the page.
  await page.goto(server.url + '/beheer/audit');
  await ready(page);
  await page.getByTestId('audit-ouder').click();
  await page.waitForURL(/voor=\d+/);
  const url = page.url();
  await page.reload();
  await ready(page);
  await page.getByTestId('audit-nieuwste').waitFor();
  assert.equal(page.url(), url);

  await page.goto(server.url + '/beheer/instellingen');
  await ready(page);
  await page.getByTestId('instellingen').waitFor();
  await page.getByTestId('g-norm').fill('0');
  await page.getByTestId('g-naam').fill('');
  await page.getByTestId('instellingen-opslaan').click();
  await page.getByTestId('foutoverzicht').getByText('naam van de gemeente').waitFor();
  await page.getByTestId('foutoverzicht').getByText('1 tot en met 500').waitFor();
  await checkA11y(page, 'instellingen met fouten');
  const settings = await api.get('/api/gemeente');
  assert.equal(settings.naam, 'Demogemeente Meedoen', 'nothing saved');
  await page.getByTestId('g-naam').fill('Demogemeente Meedoen');
  await page.getByTestId('g-norm').fill('90');
  await page.getByTestId('instellingen-opslaan').click();
  await page.getByTestId('instellingen-status').getByText('opgeslagen').waitFor();
  assert.equal((await api.get('/api/gemeente')).caseload_norm, 90);
  page.assertClean([CANCELLED]);
});

test('a consultant who picks up a resident sees them as new on the start page', async () => {
  const pc = await signInApi(server.url, 'pc.elamrani', 'demo-participatie-3');
  const me = (await pc.get('/api/sessie')).gebruiker.id;
  const before = await pc.get('/api/wachtlijst');
  assert.equal(before.nieuw_toegewezen.length, 0);
  const pick = before.inwoners[0];
  assert.equal((await pc.post(`/api/inwoners/${pick.id}/toewijzing`, { consulent_id: me })).status, 200);
  assert.deepEqual((await pc.get('/api/wachtlijst')).nieuw_toegewezen, [pick.id]);
  const page = await newPage(chromium.browser, { width: 390, height: 844 });
  await signIn(page, 'pc.elamrani', 'demo-participatie-3');
  await page.getByTestId('nieuw-toegewezen').filter({ hasText: '1' }).waitFor();
  await page.getByTestId('lijst-nieuw-toegewezen').getByRole('link', { name: pick.naam }).waitFor({ timeout: 60_000 });
  await checkA11y(page, 'vandaag met nieuwe toewijzing');
  page.assertClean([CANCELLED]);
});

test('the team lead pages through the caseload; reload and back keep page and filters', async () => {
  const page = await newPage(chromium.browser);
  await signIn(page, 'tl.visser', 'demo-teamleider-1', '/inloggen?naar=%2Fwerk');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=aantal]')?.textContent.match(/\d+/)?.[0] ?? 0) > 1000, null, { timeout: 60_000 });
  const total = Number((await page.getByTestId('aantal').textContent()).match(/\d+/)[0]);
  assert.ok(total > 1000, `team caseload ${total}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=caseload] tbody tr').length === 50);
  await page.getByTestId('pagina').filter({ hasText: `Pagina 1 van ${Math.ceil(total / 50)}` }).waitFor();
  await page.getByTestId('volgende-pagina').click();
  await page.getByTestId('volgende-pagina').click();
  await page.waitForURL(/pagina=3/);
  await page.reload();
  await ready(page);
  await page.getByTestId('pagina').filter({ hasText: 'Pagina 3 van' }).waitFor({ timeout: 60_000 });
  // A filter starts again at page 1 and is in the address; the name search is not.
  await page.getByTestId('filter-traject').selectOption('participatie');
  await page.waitForURL((u) => new URL(u).search === '?traject=participatie');
  await page.getByTestId('sorteer').selectOption('trede');
  await page.waitForURL(/sorteer=trede/);
  const filtered = Number((await page.getByTestId('aantal').textContent()).match(/\d+/)[0]);
  assert.ok(filtered < total && filtered > 50, `${filtered}`);
  await page.getByTestId('volgende-pagina').click();
  await page.waitForURL(/pagina=2/);
  const firstOnPage2 = await page.getByTestId('caseload').locator('tbody tr a').first().textContent();
  await page.getByTestId('zoek').fill('a');
  assert.doesNotMatch(page.url(), /zoek|naam/);
  await page.getByTestId('zoek').fill('');
  await page.getByTestId('volgende-pagina').click();
  await page.waitForURL(/pagina=2/);
  await page.getByTestId('caseload').locator('tbody tr a').first().click();
  await page.getByTestId('dossier-naam').waitFor();
  await page.goBack();
  await page.getByTestId('caseload').locator('tbody tr').first().waitFor();
  assert.match(page.url(), /traject=participatie/);
  assert.match(page.url(), /sorteer=trede/);
  assert.match(page.url(), /pagina=2/);
  assert.equal(await page.getByTestId('filter-traject').inputValue(), 'participatie');
  assert.equal(await page.getByTestId('caseload').locator('tbody tr a').first().textContent(), firstOnPage2);
  await checkA11y(page, 'caseload pagina 2 gefilterd');
  // By consultant: exactly that consultant's caseload, in the address.
  const lead = await signInApi(server.url, 'tl.visser', 'demo-teamleider-1');
  const c = (await lead.get('/api/wachtlijst')).consulenten[0];
  await page.goto(server.url + '/werk');
  await ready(page);
  await page.locator(`[data-testid=filter-consulent] option[value="${c.id}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByTestId('filter-consulent').selectOption(String(c.id));
  await page.waitForURL(new RegExp(`consulent=${c.id}`));
  await page.getByTestId('aantal').filter({ hasText: `${c.caseload} inwoners` }).waitFor({ timeout: 60_000 });
  page.assertClean([CANCELLED]);
});
