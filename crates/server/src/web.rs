//! Web plumbing: static files with SPA
//! fallback, compression, cache headers and security headers including a Content-Security-
//! Policy that admits exactly the inline loader script Trunk writes into index.html.

use crate::error::ApiError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub async fn api_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "Deze API-route bestaat niet.",
        "This API route does not exist.",
    )
}

/// The CSP for the apps: own scripts and the hashed inline scripts of their pages only (Trunk's
/// loader, the "cannot start" notice), wasm allowed.
pub fn content_security_policy(pages: &[String]) -> String {
    let mut hashes = String::new();
    for html in pages {
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<script") {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let Some(close) = after.find("</script>") else {
                break;
            };
            let body = &after[open_end + 1..close];
            if !after[..open_end].contains("src=") && !body.is_empty() {
                let digest = Sha256::digest(body.as_bytes());
                hashes.push_str(&format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                ));
            }
            rest = &after[close + 9..];
        }
    }
    format!("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
}

/// The sign-in page (`aanmelden.html`, built to `dist/aanmelden/`): its page is `/inloggen`
/// (loaded from outside, or when a page of another app asks to sign in), its files are below
/// `/aanmelden`. Small, so nobody downloads the consultants' workspace to sign in.
const SIGN_IN_PAGE: &str = "/inloggen";

/// Whether a path is `prefix` or below it.
fn under(prefix: &str, path: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The app a page or file address belongs to. Each is a Trunk build of its own (its page in
/// `dist/{name}/index.html`, its files below `/{name}`), but the workspace: `dist/index.html`,
/// every address no other app has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum App {
    Staff,
    Form,
    Performance,
    Admin,
    InView,
    Policy,
    Scenarios,
    SignIn,
}

impl App {
    /// Every app: the workspace, which answers every address no other app has, then the apps
    /// with addresses of their own in the order they are asked ([`App::own`]): Klant in
    /// Beeld's pages are below `/beheer`, so it comes before the administration.
    const ALL: [App; 8] = [
        App::Staff,
        App::Form,
        App::Performance,
        App::InView,
        App::Admin,
        App::Policy,
        App::Scenarios,
        App::SignIn,
    ];

    /// The apps with addresses of their own, in the order they are asked.
    fn own() -> &'static [App] {
        &App::ALL[1..]
    }

    /// The app's name: its folder in `dist/` and below `/`, and its page's `x-meedoen-app`
    /// header (the staff service worker keeps a page as the workspace's only when it says
    /// `werkplek`).
    fn name(self) -> &'static str {
        match self {
            App::Staff => "werkplek",
            App::Form => "formulier",
            App::Performance => "prestatie",
            App::Admin => "beheer",
            App::InView => "inbeeld",
            App::Policy => "beleid",
            App::Scenarios => "scenarios",
            App::SignIn => "aanmelden",
        }
    }

    /// The addresses the app answers, each with everything below it: its pages, and its files
    /// below its name.
    fn addresses(self) -> &'static [&'static str] {
        match self {
            App::Staff => &[],
            // The form's pages are `/formulier` and `/formulier/{step}`.
            App::Form => &["/formulier"],
            App::Performance => &["/prestatie"],
            App::Admin => &["/beheer"],
            App::InView => &["/inbeeld", "/beheer/klant-in-beeld"],
            App::Policy => &["/beleid", "/rapportage"],
            App::Scenarios => &["/scenarios"],
            App::SignIn => &["/aanmelden"],
        }
    }
}

/// The app a page or file address belongs to.
fn app_for(path: &str) -> App {
    if path == SIGN_IN_PAGE {
        return App::SignIn;
    }
    App::own()
        .iter()
        .copied()
        .find(|app| app.addresses().iter().any(|prefix| under(prefix, path)))
        .unwrap_or(App::Staff)
}

/// The app that answers a request: as [`app_for`], except that `/` is the sign-in app's
/// welcome page for a visitor whose request carries no session cookie, so a staff member's
/// first load is that small app rather than the workspace (which a signed-in user gets).
fn app_for_request(path: &str, has_session_cookie: bool) -> App {
    match app_for(path) {
        App::Staff if path == "/" && !has_session_cookie => App::SignIn,
        app => app,
    }
}

/// Whether the request carries a session cookie (either name; valid or not: a stale one gets
/// the workspace, which asks the server and shows its own welcome or sign-in).
fn has_session_cookie(headers: &axum::http::HeaderMap) -> bool {
    [false, true]
        .into_iter()
        .any(|secure| crate::auth::cookie_token(headers, secure).is_some_and(|t| !t.is_empty()))
}

/// Wrap the API router with the static apps (if built) and the headers every response gets.
///
/// Eight apps: the staff workspace (`dist/index.html`, every other address) and the apps with
/// addresses of their own ([`App::addresses`], each its page in `dist/{name}/index.html`): the
/// sign-in page (at `/inloggen`), the administration pages (below `/beheer`), Klant in Beeld
/// (`/beheer/klant-in-beeld…`), the council report (`/rapportage…`), the scenarios
/// (`/scenarios`), the resident's form (its own small bundle) and the developers' performance
/// page. Files are served as they were
/// compressed at build time (`meedoen-server comprimeer`: `.br` and `.gz` beside each file);
/// anything else (the API) is compressed on the fly at the fastest level.
pub fn with_static_and_headers(router: Router, dist: Option<&Path>) -> Router {
    // Each app's page.
    let page_of = |dist: &Path, app: App| match app {
        App::Staff => dist.join("index.html"),
        app => dist.join(app.name()).join("index.html"),
    };
    let pages: Vec<String> = dist
        .map(|d| {
            App::ALL
                .into_iter()
                .filter_map(|app| std::fs::read_to_string(page_of(d, app)).ok())
                .collect()
        })
        .unwrap_or_default();
    let csp = content_security_policy(&pages);
    let router = match dist {
        Some(dist) => {
            // Each app: the files of every app, its page for every other address (the
            // workspace's when that app was not built). Folders are never files: `/formulier`
            // is the form's page, not a redirect to `/formulier/` (the fallback answers both).
            let app = |app: App| {
                let page = page_of(dist, app);
                let page = if page.is_file() {
                    page
                } else {
                    page_of(dist, App::Staff)
                };
                (
                    app,
                    ServeDir::new(dist)
                        .append_index_html_on_directories(false)
                        .precompressed_br()
                        .precompressed_gzip()
                        .fallback(ServeFile::new(page).precompressed_br().precompressed_gzip()),
                )
            };
            let served = App::ALL.map(app);
            let assets = tower::service_fn(move |req: axum::extract::Request| {
                let path = req.uri().path();
                let chosen = app_for_request(path, has_session_cookie(req.headers()));
                // The answer at `/` depends on the cookie.
                let varies = path == "/";
                let mut serve = served
                    .iter()
                    .find(|(app, _)| *app == chosen)
                    .map(|(_, serve)| serve.clone())
                    .expect("every app is served");
                async move {
                    let mut res = tower::Service::call(&mut serve, req)
                        .await
                        .map(|r| r.map(axum::body::Body::new))?;
                    let page = res
                        .headers()
                        .get(header::CONTENT_TYPE)
                        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
                    if page {
                        res.headers_mut().insert(
                            header::HeaderName::from_static("x-meedoen-app"),
                            HeaderValue::from_static(chosen.name()),
                        );
                    }
                    // A file compressed at build time is one of several encodings of the
                    // address: caches must keep them apart (hashed files are public).
                    if res.headers().contains_key(header::CONTENT_ENCODING) {
                        res.headers_mut()
                            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
                    }
                    if varies {
                        res.headers_mut()
                            .append(header::VARY, HeaderValue::from_static("cookie"));
                    }
                    Ok(res)
                }
            });
            router.fallback_service(assets)
        }
        None => router,
    };
    router
        .layer(axum::middleware::from_fn(path_guard))
        .layer(axum::middleware::from_fn(cache_headers))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp).expect("CSP is ASCII"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(axum::middleware::from_fn(crate::logging::log_request))
}

/// Whether a file name carries Trunk's content hash (`main-0123456789abcdef.css`,
/// `meedoen-0123456789abcdef_bg.wasm`; a 64-bit hash in hexadecimal without leading zeros, so
/// 12 to 16 digits in practice): such a file never changes under its name.
fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Hashed assets are cached for a year; everything else (the pages, `sw.js`, the API) is never
/// stored, so a new release is seen at once and personal data does not linger in caches. The
/// form's service worker may control `/formulier` itself (one level above its folder).
async fn cache_headers(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let value = if is_hashed_asset(&path) && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-store"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    if path == "/formulier/sw.js" {
        res.headers_mut().insert(
            header::HeaderName::from_static("service-worker-allowed"),
            HeaderValue::from_static("/formulier"),
        );
    }
    res
}

/// The id of one request (in every audit entry it causes and in the `x-request-id` header)
/// and the client's address (for rate limits and the audit log).
#[derive(Debug, Clone)]
pub struct RequestId(pub String, pub std::net::IpAddr);

/// The client's address: the peer, or — only when the peer is a configured trusted proxy — the
/// address that proxy forwarded. `X-Forwarded-For` is read from the right: the last address
/// that is not itself a trusted proxy is the client (addresses to its left were written by the
/// client and can be anything). From any other peer the header is ignored.
pub fn client_address(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<std::net::IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .map(|a| a.parse::<std::net::IpAddr>().ok())
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    hops.into_iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

/// Give every request an id and its client's address (extension) and echo the id in the
/// response.
pub async fn request_id(
    axum::extract::State(trusted): axum::extract::State<std::sync::Arc<Vec<std::net::IpAddr>>>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let id = crate::token::random_token()[..22].to_string();
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or(std::net::IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    let client = client_address(peer, req.headers(), &trusted);
    req.extensions_mut().insert(RequestId(id.clone(), client));
    let mut res = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), v);
    }
    res
}

/// A JSON body: malformed JSON, wrong types and unknown fields become a 400/422 that names the
/// field, in Dutch and English; a body over the limit a 413.
#[derive(Debug)]
pub struct ValidJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S>
    for ValidJson<T>
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/json"));
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Stuur de gegevens als JSON (Content-Type: application/json).",
                "Send the data as JSON (Content-Type: application/json).",
            ));
        }
        let bytes = <axum::body::Bytes as axum::extract::FromRequest<S>>::from_request(req, state)
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Het verzoek is te groot.",
                    "The request is too large.",
                )
            })?;
        // One JSON object and nothing else: an array where an object is expected (serde would
        // read it as the fields in order) and anything after the object are refused.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "Stuur één JSON-object ({ … }), geen lijst of losse waarde.",
                "Send one JSON object ({ … }), not a list or a bare value.",
            ));
        }
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize::<_, T>(&mut *de) {
            Ok(v) => match de.end() {
                Ok(()) => Ok(ValidJson(v)),
                Err(_) => Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "Na het JSON-object staat nog iets; stuur precies één object.",
                    "There is more after the JSON object; send exactly one object.",
                )),
            },
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let syntax = inner.is_syntax() || inner.is_eof();
                let t = meedoen_domain::text::parse_error(&inner.to_string());
                let status = if syntax {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                Err(ApiError::text(
                    status,
                    (path != "." && !syntax).then_some(path),
                    t,
                ))
            }
        }
    }
}

/// The longest path served, and the longest segment of it (file systems allow 255 bytes a
/// name; a longer one must be a 404, never an I/O error turned into a 500).
pub const MAX_PATH: usize = 2048;
pub const MAX_SEGMENT: usize = 255;

/// Refuse paths no file or route can have before they reach the file system: too long a path
/// is a 414, too long a segment a 404.
pub async fn path_guard(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path();
    if path.len() > MAX_PATH {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            "Het adres is te lang.",
            "The address is too long.",
        )
        .into_response();
    }
    if path.split('/').any(|s| s.len() > MAX_SEGMENT) {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "Deze pagina of dit bestand bestaat niet.",
            "This page or file does not exist.",
        )
        .into_response();
    }
    next.run(req).await
}

/// Make every client error of the API a bilingual JSON error: axum's own rejections (a bad
/// query string, a path that is not a number, a wrong method) come as plain text otherwise.
pub async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !status.is_client_error() || is_json {
        return res;
    }
    let bytes = axum::body::to_bytes(res.into_body(), 4096)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let (field, detail) = match text.split_once("query string: ") {
        Some((_, rest)) => match rest.split_once(": ") {
            Some((f, d)) => (Some(f.to_string()), d.to_string()),
            None => (None, rest.to_string()),
        },
        None => (None, text.to_string()),
    };
    let t = meedoen_domain::text::parse_error(&detail);
    let (nl, en) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "Deze methode is niet toegestaan op deze API-route.".to_string(),
            "This method is not allowed on this API route.".to_string(),
        ),
        _ if text.contains("Invalid URL") => (
            "Het adres klopt niet: een nummer in het pad is geen geldig getal.".to_string(),
            "The address is wrong: a number in the path is not a valid number.".to_string(),
        ),
        _ => (
            format!("Het verzoek klopt niet: {}", t.nl),
            format!("The request is not valid: {}", t.en),
        ),
    };
    let mut out = ApiError::text(status, field, meedoen_domain::Text::new(nl, en)).into_response();
    *out.status_mut() = status;
    out
}

#[cfg(test)]
mod tests {
    use super::{app_for, app_for_request, has_session_cookie, App};
    use axum::http::{header, HeaderMap, HeaderValue};

    #[test]
    fn the_start_address_without_a_session_cookie_is_the_sign_in_app() {
        assert_eq!(app_for_request("/", false), App::SignIn);
        assert_eq!(app_for_request("/", true), App::Staff);
        // Only the start address: other pages, files and other apps are as addressed.
        for path in [
            "/werk",
            "/sw.js",
            "/index.html",
            "/formulier",
            "/rapportage",
        ] {
            assert_eq!(app_for_request(path, false), app_for(path), "{path}");
        }
        let with = |c: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::COOKIE, HeaderValue::from_static(c));
            h
        };
        assert!(!has_session_cookie(&HeaderMap::new()));
        assert!(!has_session_cookie(&with("taal=nl")));
        assert!(!has_session_cookie(&with("meedoen_sessie=")));
        assert!(has_session_cookie(&with("taal=nl; meedoen_sessie=abc")));
        assert!(has_session_cookie(&with("__Host-meedoen_sessie=abc")));
    }

    #[test]
    fn every_address_goes_to_its_app() {
        for (path, app) in [
            ("/", App::Staff),
            ("/werk", App::Staff),
            ("/inwoners/12", App::Staff),
            ("/sw.js", App::Staff),
            ("/formulier", App::Form),
            ("/formulier/nu", App::Form),
            ("/formulieren", App::Staff),
            ("/prestatie", App::Performance),
            ("/beheer/gebruikers", App::Admin),
            ("/beheer/beheer-0123456789abcdef_bg.wasm", App::Admin),
            ("/beheer/klant-in-beeld", App::InView),
            ("/beheer/klant-in-beeld/12", App::InView),
            ("/beheer/klant-in-beeldx", App::Admin),
            ("/inbeeld/inbeeld-0123456789abcdef_bg.wasm", App::InView),
            ("/rapportage", App::Policy),
            ("/rapportage/poster", App::Policy),
            ("/beleid/beleid-0123456789abcdef.js", App::Policy),
            ("/scenarios", App::Scenarios),
            (
                "/scenarios/scenarios-0123456789abcdef_bg.wasm",
                App::Scenarios,
            ),
            ("/rapportages", App::Staff),
            ("/scenarios-oud", App::Staff),
            ("/inloggen", App::SignIn),
            ("/aanmelden/aanmelden-0123456789abcdef_bg.wasm", App::SignIn),
            ("/inloggen/verder", App::Staff),
            ("/aanmeldenx", App::Staff),
        ] {
            assert_eq!(app_for(path), app, "{path}");
        }
    }
}
