//! A small key–value layer over IndexedDB: JSON text under string keys, in named stores.
//! Writes resolve only when their transaction has committed, so what the UI reports as
//! saved survives a reload or a closed tab.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "meedoen";
const DB_VERSION: u32 = 1;
/// The resident's form (draft, outgoing submission, receipt).
pub const FORM: &str = "formulier";
/// The consultant's offline copy of the caseload and the queue of changes.
pub const WORK: &str = "werkplek";
const STORES: [&str; 2] = [FORM, WORK];

/// Why the browser store could not be used.
#[derive(Debug, Clone)]
pub struct IdbError(pub String);

impl From<JsValue> for IdbError {
    fn from(v: JsValue) -> Self {
        IdbError(
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| v.as_string())
                .unwrap_or_else(|| "IndexedDB".into()),
        )
    }
}

/// A promise that settles with the request's result or error.
fn request(req: &IdbRequest) -> JsFuture {
    let req = req.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let e = r
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::from_str("IndexedDB"), JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// A promise that settles when the transaction commits (or fails).
fn committed(tx: &IdbTransaction) -> JsFuture {
    let tx = tx.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("transactie mislukt"));
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(fail.clone().unchecked_ref()));
        tx.set_onabort(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Opens the database. The browser is asked at once, when `open()` is called, not when the
/// future is first polled (a spawned task runs only after the current one): so a page that
/// starts reading before it draws itself has the database open by the time it is drawn.
fn open() -> impl std::future::Future<Output = Result<IdbDatabase, IdbError>> {
    let asked = ask_open();
    async move {
        let (answer, upgrade) = asked?;
        let db = answer.await?;
        drop(upgrade);
        Ok(db.dyn_into::<IdbDatabase>()?)
    }
}

type Upgrade = Closure<dyn FnMut(web_sys::Event)>;

fn ask_open() -> Result<(JsFuture, Upgrade), IdbError> {
    let factory = web_sys::window()
        .ok_or_else(|| IdbError("geen venster".into()))?
        .indexed_db()?
        .ok_or_else(|| IdbError("IndexedDB ontbreekt".into()))?;
    let req = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrade = Upgrade::new(move |e: web_sys::Event| {
        let Some(db) = e
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        else {
            return;
        };
        let names = db.object_store_names();
        for s in STORES {
            if !names.contains(s) {
                let _ = db.create_object_store(s);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    Ok((request(&req), upgrade))
}

/// The text stored under each of `keys`, if any, read in one transaction (one opening of the
/// database instead of one per key). A key whose read fails is `None` and does not take the
/// others with it. The database is asked to open when this is called (see `open`).
pub fn get_each<'a, const N: usize>(
    store: &'a str,
    keys: [&'a str; N],
) -> impl std::future::Future<Output = Result<[Option<String>; N], IdbError>> + 'a {
    let opened = open();
    async move {
        let db = opened.await?;
        let tx = db.transaction_with_str(store)?;
        let os = tx.object_store(store)?;
        let mut asked = Vec::with_capacity(N);
        for k in keys {
            asked.push(request(&os.get(&JsValue::from_str(k))?));
        }
        let mut out = [const { None }; N];
        for (slot, answer) in out.iter_mut().zip(asked) {
            *slot = answer.await.ok().and_then(|v| v.as_string());
        }
        db.close();
        Ok(out)
    }
}

/// What the page's script read before the app ran (`formulier-bewaard.js`, as
/// `window.meedoenBewaard`): the text under each of `keys`, when that script read this database,
/// at this version, from `store`, under exactly these keys. `None` when it is missing, gave no
/// answer, or read anything else: then the caller reads itself. Taken once.
pub async fn read_before_start<const N: usize>(
    store: &str,
    keys: [&str; N],
) -> Option<[Option<String>; N]> {
    let promise = crate::browser::take_from_page("meedoenBewaard")?;
    let answer = JsFuture::from(promise.dyn_into::<js_sys::Promise>().ok()?)
        .await
        .ok()?;
    let field = |k: &str| crate::browser::field(&answer, k);
    let same = field("db")?.as_string()? == DB_NAME
        && field("versie")?.as_f64()? == f64::from(DB_VERSION)
        && field("store")?.as_string()? == store;
    let read_keys = js_sys::Array::from(&field("sleutels")?);
    let values = js_sys::Array::from(&field("waarden")?);
    if !same
        || read_keys.length() as usize != N
        || values.length() as usize != N
        || read_keys
            .iter()
            .zip(keys)
            .any(|(r, k)| r.as_string().as_deref() != Some(k))
    {
        return None;
    }
    let mut out = [const { None }; N];
    for (slot, v) in out.iter_mut().zip(values.iter()) {
        *slot = v.as_string();
    }
    Some(out)
}

/// (key, text) pairs from the answers of `getAllKeys` and `getAll` over the same range.
fn pairs(keys: &JsValue, values: &JsValue) -> Vec<(String, String)> {
    js_sys::Array::from(keys)
        .iter()
        .zip(js_sys::Array::from(values).iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect()
}

/// Every (key, text) in a store.
pub async fn all(store: &str) -> Result<Vec<(String, String)>, IdbError> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    let os = tx.object_store(store)?;
    let keys = request(&os.get_all_keys()?).await?;
    let values = request(&os.get_all()?).await?;
    db.close();
    Ok(pairs(&keys, &values))
}

/// Every (key, text) whose key starts with `prefix` (a key range, so nothing else is read).
pub async fn prefixed(store: &str, prefix: &str) -> Result<Vec<(String, String)>, IdbError> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    let os = tx.object_store(store)?;
    let range = web_sys::IdbKeyRange::bound(
        &JsValue::from_str(prefix),
        &JsValue::from_str(&format!("{prefix}\u{ffff}")),
    )?;
    let keys = request(&os.get_all_keys_with_key(&range)?).await?;
    let values = request(&os.get_all_with_key(&range)?).await?;
    db.close();
    Ok(pairs(&keys, &values))
}

/// Write several keys (text) and delete others in one transaction; resolves once committed.
pub async fn write(store: &str, put: &[(&str, &str)], delete: &[&str]) -> Result<(), IdbError> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let os = tx.object_store(store)?;
    for (k, v) in put {
        os.put_with_key(&JsValue::from_str(v), &JsValue::from_str(k))?;
    }
    for k in delete {
        os.delete(&JsValue::from_str(k))?;
    }
    committed(&tx).await?;
    db.close();
    Ok(())
}

/// Remove every key of a store except those starting with one of `keep`.
pub async fn clear_except(store: &str, keep: &[&str]) -> Result<(), IdbError> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let os = tx.object_store(store)?;
    let keys = js_sys::Array::from(&request(&os.get_all_keys()?).await?);
    for k in keys.iter() {
        if !k
            .as_string()
            .is_some_and(|k| keep.iter().any(|p| k.starts_with(p)))
        {
            os.delete(&k)?;
        }
    }
    committed(&tx).await?;
    db.close();
    Ok(())
}

/// Remove everything from a store.
pub async fn clear(store: &str) -> Result<(), IdbError> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    tx.object_store(store)?.clear()?;
    committed(&tx).await?;
    db.close();
    Ok(())
}

/// Key prefix of the queue of changes waiting for the connection (per user).
pub const QUEUE: &str = "wachtrij:";
/// Key prefix of changes the server refused when they were sent (per user).
pub const REFUSED: &str = "geweigerd:";
/// Keys of a consultant's own unsent work, kept on this device when a session merely lapses.
pub const OWN_WORK: [&str; 2] = [QUEUE, REFUSED];
