// Page objects for the end-to-end tests: the resident's form, keyboard-only helpers, and a
// signed-in API client.
import assert from 'node:assert/strict';
import { ready, expectFocus } from './harness.mjs';

/** Keyboard-only driving: every input is reached with Tab, changed with Space or typing. */
class Keyboard {
  constructor(page) { this.page = page; }
  /** Press Tab until the element matching `selector` has the focus (at most 60 presses). */
  async tabTo(selector) {
    for (let n = 0; n < 60; n++) {
      if (await this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`${selector} cannot be reached with Tab`);
  }
  /** A checkbox: Tab to it and press Space. A radio button: Tab into its group, then arrows. */
  async check(id) {
    const el = this.page.locator(`#${id}`);
    if (await el.getAttribute('type') === 'radio') {
      await this.tabTo(`input[name=${await el.getAttribute('name')}]`);
      for (let n = 0; n < 10 && !(await this.page.evaluate((i) => document.activeElement.id === i, id)); n++) {
        await this.page.keyboard.press('ArrowDown');
      }
      await this.page.keyboard.press('Space');
    } else {
      await this.tabTo(`#${id}`);
      await this.page.keyboard.press('Space');
    }
    assert.ok(await el.isChecked(), `${id} checked`);
  }
  async type(id, text) { await this.tabTo(`#${id}`); await this.page.keyboard.type(text); }
  async next(slug) { await this.tabTo('[data-testid=volgende]'); await this.page.keyboard.press('Enter'); await new Form(this.page).at(slug); }
}

export class Form {
  constructor(page, url) {
    this.page = page; this.url = url; this.key = new Keyboard(page); this.urls = [];
    page.on('request', (r) => this.urls.push(r.url()));
  }
  async open() { await this.page.goto(this.url + '/formulier'); await ready(this.page); await this.page.getByTestId('formulier-start').locator('a, button').first().waitFor(); }
  /** Wait for the page of this step. */
  async at(slug) { await this.page.waitForSelector(`[data-testid="stap-${slug}"], ${slug === 'controleren' ? '[data-testid=antwoorden]' : 'x-none'}`); }
  async next(slug) { await this.page.getByTestId('volgende').click(); await this.at(slug); }
  /** The summary has the focus; its links lead to exactly these inputs, each taking the focus. */
  async expectSummaryFocusLinks(ids) {
    await this.page.waitForFunction(() => document.activeElement?.id === 'foutoverzicht');
    const links = this.page.getByTestId('foutoverzicht').locator('a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href').slice(1)));
    assert.deepEqual(hrefs, ids);
    for (let i = 0; i < ids.length; i++) {
      await links.nth(i).click();
      await expectFocus(this.page, ids[i]);
      const invalid = await this.page.locator(`#${ids[i]}`).getAttribute('aria-invalid');
      const described = await this.page.locator(`#${ids[i]}`).evaluate((el) => el.closest('fieldset')?.getAttribute('aria-describedby') ?? el.getAttribute('aria-describedby'));
      assert.ok(invalid === 'true' || /-fout/.test(described ?? ''), `${ids[i]} is marked as wrong`);
    }
  }
  /** Keys kept in the browser's IndexedDB store of the form. */
  async storedKeys() { return (await this.readStore(null)).sort(); }
  /** The text kept under `key` in that store (undefined when nothing is). */
  async stored(key) { return this.readStore(key); }
  /** All keys of the form's store (`key` null), or the value under `key`. */
  readStore(key) {
    return this.page.evaluate((key) => new Promise((ok, fail) => {
      const r = indexedDB.open('meedoen');
      r.onsuccess = () => {
        const db = r.result;
        const store = db.transaction('formulier').objectStore('formulier');
        const q = key === null ? store.getAllKeys() : store.get(key);
        q.onsuccess = () => { db.close(); ok(q.result); };
        q.onerror = () => fail(q.error);
      };
      r.onerror = () => fail(r.error);
    }), key);
  }
  /** Nothing is wider than the screen (no sideways scrolling). */
  async fits(name) {
    const over = await this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 0, `${name}: page is ${over}px wider than the screen`);
  }
  /** Fill in a complete form quickly (mouse) and stop at the check page. */
  async fillQuickly(name) {
    const p = this.page;
    await this.open();
    await p.getByTestId('begin').click();
    await this.at('nu');
    await p.locator('#nu-geen').check();
    for (const s of ['wil', 'moeilijk', 'naam']) await this.next(s);
    await p.locator('#naam').fill(name);
    await this.next('geboortedatum');
    await p.locator('#geboortedatum-dag').fill('9');
    await p.locator('#geboortedatum-maand').fill('9');
    await p.locator('#geboortedatum-jaar').fill('1979');
    await this.next('contact');
    await p.locator('#manier-brief').check();
    await this.next('wanneer');
    await this.next('controleren');
  }
}

/** Open `target` on the server at `base`, follow its sign-in link and sign in; resolves when the
 * header shows the signed-in user. */
export async function signInPage(page, base, user, password, target) {
  await page.goto(base + target);
  await ready(page);
  await page.getByTestId('naar-inloggen').click();
  await page.locator('#gebruikersnaam').fill(user);
  await page.locator('#wachtwoord').fill(password);
  await page.getByTestId('inloggen-knop').click();
  await page.getByTestId('gebruiker').waitFor();
}

/** Sign in through the API; `get`/`post` carry the session cookie and CSRF token. */
export async function signInApi(url, user, password) {
  const res = await fetch(url + '/api/sessie', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gebruikersnaam: user, wachtwoord: password }) });
  assert.equal(res.status, 200, `sign in ${user}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf } = await res.json();
  const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
  return {
    cookie,
    get: async (path) => (await fetch(url + path, { headers })).json(),
    post: async (path, body) => fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}
