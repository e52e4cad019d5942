//! The client of the storage endpoint (gloo-net). Every failure becomes an [`ApiFailure`]:
//! either the server could not be reached (keep the work and retry) or it answered with a
//! bilingual message, per field where it named one.

use gloo_net::http::{Request, RequestBuilder, Response};
use meedoen_domain::records::FieldError;
use meedoen_domain::wire::{Conflict, ErrorText, RawRecord};
use meedoen_domain::Text;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde::Serialize;
use std::cell::RefCell;

/// Why a request did not succeed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// No answer (offline, server down, connection cut): safe to retry later.
    Unreachable,
    /// The server answered with an error.
    Status {
        status: u16,
        message: Text,
        fields: Vec<FieldError>,
        /// The field the message is about, when the answer names one.
        field: Option<String>,
        /// The answer as it came; a conflict's parts are read from it only where they are
        /// needed ([`ApiFailure::conflict`]), so the form and the sign-in page link no code to
        /// read a conflict or a record.
        text: Option<String>,
    },
}

impl ApiFailure {
    /// Whether trying again later may succeed (no answer, server trouble, too many requests).
    pub fn retryable(&self) -> bool {
        match self {
            ApiFailure::Unreachable => true,
            ApiFailure::Status { status, .. } => *status >= 500 || *status == 429,
        }
    }

    /// What a conflict answer (409) carries besides its message: the fields in conflict and
    /// the server's copy of the record (`wire::ErrorBody`).
    pub fn conflict(&self) -> Option<ConflictParts> {
        match self {
            ApiFailure::Status {
                text: Some(text), ..
            } => serde_json::from_str(text).ok(),
            _ => None,
        }
    }

    pub fn message(&self) -> Text {
        match self {
            ApiFailure::Unreachable => Text::new(
                "De server is niet bereikbaar. Controleer de verbinding.",
                "The server cannot be reached. Check the connection.",
            ),
            ApiFailure::Status { message, .. } => message.clone(),
        }
    }
}

thread_local! {
    /// The session's CSRF token, sent with every state-changing request.
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
    /// When the server last answered a request (each answer resets its idle clock).
    static LAST_CONTACT: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Time (ms since the epoch) of the server's last answer.
pub fn last_contact() -> f64 {
    LAST_CONTACT.with(|c| c.get())
}

pub fn set_csrf(token: Option<String>) {
    CSRF.with(|c| *c.borrow_mut() = token);
}

/// The conflict's parts of an error answer ([`ApiFailure::conflict`]).
#[derive(Deserialize)]
pub struct ConflictParts {
    #[serde(default)]
    pub conflicten: Vec<Conflict>,
    #[serde(default)]
    pub server: Option<RawRecord>,
}

/// What every page reads of an error answer (`wire::ErrorBody` without the conflict's parts).
#[derive(Deserialize)]
struct ErrorHead {
    fout: ErrorText,
    #[serde(default)]
    fouten: Vec<ErrorText>,
}

async fn failure(res: Response) -> ApiFailure {
    let status = res.status();
    let text = res.text().await.ok();
    match text.as_deref().map(serde_json::from_str::<ErrorHead>) {
        Some(Ok(b)) => ApiFailure::Status {
            status,
            message: b.fout.text(),
            fields: b.fouten.iter().map(ErrorText::field_error).collect(),
            field: b.fout.veld,
            text,
        },
        _ => ApiFailure::Status {
            field: None,
            text: None,
            status,
            message: Text::new(
                format!("De server antwoordde met status {status}."),
                format!("The server answered with status {status}."),
            ),
            fields: vec![],
        },
    }
}

async fn finish<T: DeserializeOwned>(
    req: Result<Response, gloo_net::Error>,
) -> Result<(u16, T), ApiFailure> {
    let res = req.map_err(|_| ApiFailure::Unreachable)?;
    if res.status() != 401 {
        LAST_CONTACT.with(|c| c.set(js_sys::Date::now()));
    }
    if !res.ok() {
        return Err(failure(res).await);
    }
    let status = res.status();
    // 204 has no body: read it as JSON null.
    let text = res.text().await.map_err(|_| ApiFailure::Unreachable)?;
    let v = if text.is_empty() { "null" } else { &text };
    serde_json::from_str(v)
        .map(|t| (status, t))
        .map_err(|_| ApiFailure::Status {
            status,
            message: Text::new(
                "Het antwoord van de server was onleesbaar.",
                "The server's answer could not be read.",
            ),
            fields: vec![],
            field: None,
            text: None,
        })
}

fn with_csrf(b: RequestBuilder) -> RequestBuilder {
    match CSRF.with(|c| c.borrow().clone()) {
        Some(t) => b.header("x-csrf-token", &t),
        None => b,
    }
}

/// What `ask` answers, as a signal: `None` until the first answer. It is asked when the view is
/// made, and again whenever a signal that `ask` reads before it returns its future changes; the
/// last answer stays while a new one is on its way, and an answer to an earlier question that
/// arrives after a later one is dropped. This is what the pages used Leptos' `LocalResource`
/// for, without its async machinery: that was about 4 KB of code for each use, in every
/// consultant's download.
pub fn answer<T, F>(ask: impl Fn() -> F + 'static) -> leptos::prelude::ReadSignal<Option<T>>
where
    T: Send + Sync + 'static,
    F: std::future::Future<Output = T> + 'static,
{
    use leptos::prelude::{signal, Effect, Set};
    use std::cell::Cell;
    use std::rc::Rc;
    let (value, set) = signal(None);
    let asked = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let future = ask();
        let n = asked.get().wrapping_add(1);
        asked.set(n);
        let asked = Rc::clone(&asked);
        leptos::task::spawn_local(async move {
            let v = future.await;
            if asked.get() == n {
                set.try_set(Some(v));
            }
        });
    });
    value
}

pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiFailure> {
    finish(Request::get(url).send().await).await.map(|(_, t)| t)
}

/// The answer to a GET of `url` that the page's script asked for before the app ran
/// (`werkplek-voorhalen.js`, as `window.meedoenVoorgehaald`), read as [`get`] reads its own;
/// taken once. `None` when there is none, it was for another address, or the request did not
/// reach the server: then the caller asks itself.
pub async fn get_prefetched<T: DeserializeOwned>(url: &str) -> Option<Result<T, ApiFailure>> {
    use wasm_bindgen::JsCast;
    let early = crate::browser::take_from_page("meedoenVoorgehaald")?;
    if crate::browser::field(&early, "url")?.as_string()? != url {
        return None;
    }
    let answer = crate::browser::field(&early, "antwoord")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let res = wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    Some(finish(Ok(Response::from(res))).await.map(|(_, t)| t))
}

/// After an offline start the CSRF token is not known yet: fetch it with the session.
async fn ensure_csrf(url: &str) {
    if url == "/api/sessie" || url == "/api/inzendingen" || CSRF.with(|c| c.borrow().is_some()) {
        return;
    }
    if let Ok((_, v)) = finish::<serde_json::Value>(Request::get("/api/sessie").send().await).await
    {
        set_csrf(v["csrf"].as_str().map(str::to_string));
    }
}

/// POST a JSON body; answers the status too (201 created, 200 repeated).
pub async fn post<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<(u16, T), ApiFailure> {
    ensure_csrf(url).await;
    let req = with_csrf(Request::post(url))
        .json(body)
        .map_err(|_| ApiFailure::Unreachable)?;
    finish(req.send().await).await
}

/// POST a file's bytes as they are (`content_type`, e.g. text/csv); answers the status too.
pub async fn post_bytes<T: DeserializeOwned>(
    url: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<(u16, T), ApiFailure> {
    ensure_csrf(url).await;
    let req = with_csrf(Request::post(url))
        .header("content-type", content_type)
        .body(js_sys::Uint8Array::from(bytes))
        .map_err(|_| ApiFailure::Unreachable)?;
    finish(req.send().await).await
}

/// PATCH a JSON body (a partial change).
pub async fn patch<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    ensure_csrf(url).await;
    let req = with_csrf(Request::patch(url))
        .json(body)
        .map_err(|_| ApiFailure::Unreachable)?;
    finish(req.send().await).await.map(|(_, t)| t)
}

pub async fn delete(url: &str) -> Result<(), ApiFailure> {
    finish::<serde_json::Value>(with_csrf(Request::delete(url)).send().await)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::answer;
    use leptos::prelude::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    async fn wait(ms: i32) {
        let timer = js_sys::Promise::new(&mut |done, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&done, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(timer).await.unwrap();
    }

    /// The question 1 takes 300 ms to answer, the others 10 ms.
    #[wasm_bindgen_test]
    async fn the_last_question_decides_and_its_answer_stays_while_a_new_one_comes() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let owner = Owner::new();
        owner.set();
        let question = RwSignal::new(1u32);
        let value = answer(move || {
            let q = question.get();
            async move {
                wait(if q == 1 { 300 } else { 10 }).await;
                q
            }
        });
        assert_eq!(
            value.get_untracked(),
            None,
            "nothing before the first answer"
        );
        wait(50).await;
        question.set(2);
        wait(100).await;
        assert_eq!(value.get_untracked(), Some(2));
        wait(300).await;
        assert_eq!(
            value.get_untracked(),
            Some(2),
            "the answer to question 1 came later and is dropped"
        );
        question.set(1);
        wait(100).await;
        assert_eq!(
            value.get_untracked(),
            Some(2),
            "kept while a new answer comes"
        );
        wait(300).await;
        assert_eq!(value.get_untracked(), Some(1));
    }
}
