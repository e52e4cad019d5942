//! Small helpers around the browser: today's date, secure random keys, timers, the page
//! title and moving the focus.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Today's date from the browser clock (the domain crate never reads a clock itself).
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// Milliseconds since the page started (for measurements).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A random key of 64 hexadecimal characters from the browser's cryptographic generator.
pub fn random_key() -> Option<String> {
    let mut bytes = [0u8; 32];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Wait `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Wait until the browser has had the chance to paint what was rendered so far (the next
/// animation frame, then a task after it), or at most 100 ms: a tab in the background gets no
/// frames, and work waiting here must not wait for the tab to be shown.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        after_render(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether the browser believes it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Set the document title ("… – Meedoen").
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(&format!("{title} – Meedoen"));
    }
}

/// The element with this id, when it is one that can take the keyboard focus.
fn focusable(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Move the keyboard focus to the element with this id (and bring it into view).
pub fn focus(id: &str) {
    if let Some(el) = focusable(id) {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

/// Run `f` after the current render has reached the page.
pub fn after_render(f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

/// Offer `text` as a file download (CSV, JSON) named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Open the browser's print dialog (print to PDF gives the council attachment).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The skip link: move the keyboard focus into the main content (the router would otherwise
/// only change the address to `#inhoud`).
pub fn skip_to_main(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    focus("inhoud");
}

thread_local! {
    /// The page's own first view, taken out of the page when the app started, with the id of
    /// the field that had the keyboard focus in it then.
    static BEFORE_START: std::cell::RefCell<Option<(web_sys::Element, Option<String>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The app runs: remove what the page showed until now (`#voorlopig` where the page has a first
/// view of its own: the form's introduction, the sign-in fields; the loading notice `#laden`).
/// What was typed into that view is kept for [`typed_before_start`].
pub fn app_started() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(frame) = doc.get_element_by_id("voorlopig") {
        let focused = doc
            .active_element()
            .filter(|a| frame.contains(Some(a)))
            .map(|a| a.id())
            .filter(|id| !id.is_empty());
        frame.remove();
        BEFORE_START.with(|b| *b.borrow_mut() = Some((frame, focused)));
    }
    if let Some(el) = doc.get_element_by_id("laden") {
        el.remove();
    }
}

/// Give the element `id` the keyboard focus, scrolling only when it is out of view: for a field
/// the user was already typing in.
pub fn focus_in_place(id: &str) {
    if let Some(el) = focusable(id) {
        let _ = el.focus();
    }
}

/// What the user typed into the field `id` of the page's own first view before the app started
/// (empty when nothing; taken once).
pub fn typed_before_start(id: &str) -> String {
    BEFORE_START.with(|b| {
        let b = b.borrow();
        let Some((frame, _)) = b.as_ref() else {
            return String::new();
        };
        frame
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| {
                // Taken once: a password is not kept in the page's old fields.
                let value = input.value();
                input.set_value("");
                value
            })
            .unwrap_or_default()
    })
}

/// Right after the app is mounted, in the same task as [`app_started`]: the keyboard focus in
/// the app's element with the id of the first view's element that had it (the sign-in field
/// being typed in). Nothing else runs in between, so no key typed at that moment goes to the
/// page instead of the field.
pub fn focus_as_before_start() {
    if let Some(id) = BEFORE_START.with(|b| b.borrow().as_ref().and_then(|(_, f)| f.clone())) {
        focus_in_place(&id);
    }
}

thread_local! {
    /// The address this app was loaded at.
    static LOADED_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The path of the page's address.
pub fn pathname() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// A parameter of the address's query (`?naar=%2Fwerk` gives `/werk` for `naar`), decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Whether `key` was not set in this tab's `sessionStorage` within the last `ms`
/// milliseconds; sets it to now. Guards a page that loads itself again against a loop.
pub fn first_time_within(key: &str, ms: u64) -> bool {
    let Some(s) = tab_storage() else {
        return false;
    };
    // Whole milliseconds: integers keep float formatting and parsing out of the apps.
    let now = js_sys::Date::now() as u64;
    let last = s
        .get_item(key)
        .ok()
        .flatten()
        .and_then(|t| t.parse::<u64>().ok());
    let _ = s.set_item(key, &now.to_string());
    !last.is_some_and(|t| now >= t && now - t < ms)
}

/// This tab's `sessionStorage`, if the browser gives one.
pub fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Remember where this app was loaded (call once at start).
pub fn remember_start() {
    LOADED_AT.with(|p| *p.borrow_mut() = pathname());
}

/// This router reached `target` (path and query), an address of another staff app: load it
/// from the server once the router has put it in the history (so back and forward work).
/// `false` when the server answered this very address with this app (the other app is not
/// built): then nothing is loaded, so a page can never reload itself in a loop.
pub fn load_other_app(target: String) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or("").to_string();
    if LOADED_AT.with(|p| *p.borrow() == path) {
        return false;
    }
    after_render(move || {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let _ = if here == target {
            location.reload()
        } else {
            location.assign(&target)
        };
    });
    true
}

/// Send `message` to a service worker of this page's scope that is still installing (on a
/// first visit no worker controls the page yet), and wait until it is sent: the page may be
/// left right after.
pub async fn tell_installing_worker(message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let found = wasm_bindgen_futures::JsFuture::from(
        window.navigator().service_worker().get_registration(),
    )
    .await;
    if let Some(worker) = found
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>().ok())
        .and_then(|r| r.installing())
    {
        let _ = worker.post_message(&JsValue::from_str(message));
    }
}

/// Send `message` to the service worker that controls this page, if one does.
pub fn tell_worker(message: &str) {
    if let Some(worker) =
        web_sys::window().and_then(|w| w.navigator().service_worker().controller())
    {
        let _ = worker.post_message(&JsValue::from_str(message));
    }
}

/// What a script of the page left on `window` under `name` for the app (read before the app
/// ran), taken once: the property is removed.
pub fn take_from_page(name: &str) -> Option<JsValue> {
    let window = JsValue::from(web_sys::window()?);
    let key = JsValue::from_str(name);
    let v = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    (!v.is_undefined()).then_some(v)
}

/// The field `name` of a plain object from a page's script.
pub fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()
}
