//! The apps' own addresses, without a routing library (issue 15: every app's first load). The
//! current address is a signal; a plain click on a link to an address of this app is followed
//! without loading the page again (`history.pushState`), and Back and Forward work
//! (`popstate`). The form has two kinds of address (`form::nav`); each staff app has a table of
//! flat routes (`/inwoners/:id`, `/beheer/*any`) and shows the page of the first that matches
//! ([`pages`]). A page stays when only its parameters or the query change (the next resident's
//! file, the caseload's filters); it reads them through [`use_params_map`] and
//! [`use_query_map`].
//!
//! What Leptos' router did and this keeps: links that open elsewhere (a modifier key, another
//! button, `target`, `download`, `rel="external"`, another origin) and links within the page
//! (`#…`) keep the browser's behaviour; a followed link or [`use_navigate`] goes to the top of
//! the page unless asked not to; the site menu marks the page it is on (`aria-current`,
//! [`Nav::is_current`]).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Where the app is: the path and the query string (without `?`) of the address bar.
#[derive(Debug, Clone, PartialEq, Default)]
struct Address {
    path: String,
    query: String,
}

fn address_bar() -> Address {
    let l = window().location();
    Address {
        path: l.pathname().unwrap_or_default(),
        query: l
            .search()
            .unwrap_or_default()
            .trim_start_matches('?')
            .to_string(),
    }
}

/// Names with their values: a page's parameters or the query of its address.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParamsMap(Vec<(String, String)>);

impl ParamsMap {
    /// The value of `key`, the first if there are more.
    pub fn get(&self, key: &str) -> Option<String> {
        self.get_str(key).map(str::to_string)
    }

    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A query string read as the browser does (`+` is a space, `%xx` decoded).
    fn of_query(query: &str) -> ParamsMap {
        let mut pairs = Vec::new();
        if query.is_empty() {
            return ParamsMap(pairs);
        }
        let Ok(search) = web_sys::UrlSearchParams::new_with_str(query) else {
            return ParamsMap(pairs);
        };
        for entry in js_sys::Array::from(&search).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                pairs.push((k, v));
            }
        }
        ParamsMap(pairs)
    }
}

/// Whether `path` is `base` or an address below it (`/beheer/audit` is under `/beheer`,
/// `/beheerder` is not).
pub fn under(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One page of an app: the address it answers (`/werk`, `/inwoners/:id`, `/beheer/*any`) and
/// the view it shows.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub path: &'static str,
    pub view: fn() -> AnyView,
}

/// The parameters of `path` when it matches `pattern`. Segments match one for one, `:name`
/// takes any segment, `*name` the rest (also nothing); empty segments (a trailing `/`) do not
/// count, as with Leptos' router.
fn matched(pattern: &str, path: &str) -> Option<ParamsMap> {
    let mut params = Vec::new();
    let mut wanted = pattern.split('/').filter(|s| !s.is_empty());
    let mut given = path.split('/').filter(|s| !s.is_empty());
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(ParamsMap(params)),
            (Some(w), rest) if w.starts_with('*') => {
                let rest: Vec<&str> = rest.into_iter().chain(given).collect();
                params.push((w[1..].to_string(), rest.join("/")));
                return Some(ParamsMap(params));
            }
            (Some(w), Some(g)) if w.starts_with(':') => {
                let value = js_sys::decode_uri_component(g)
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_else(|| g.to_string());
                params.push((w[1..].to_string(), value));
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return None,
        }
    }
}

/// Which route of `routes` the path is (its position), with its parameters.
fn route_of(routes: &[Route], path: &str) -> (Option<usize>, ParamsMap) {
    routes
        .iter()
        .enumerate()
        .find_map(|(n, r)| matched(r.path, path).map(|p| (Some(n), p)))
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy)]
pub struct Nav {
    address: RwSignal<Address>,
    /// Whether a link to this path is followed here, without loading the page.
    follows: fn(&str) -> bool,
}

/// The staff app's route (its position in the table) and the page's parameters.
#[derive(Debug, Clone, Copy)]
struct Matched(Memo<(Option<usize>, ParamsMap)>);

/// Start following the address bar and the links `follows` says are this app's; call once,
/// before the pages.
pub fn provide_nav(follows: fn(&str) -> bool) -> Nav {
    let nav = Nav {
        address: RwSignal::new(address_bar()),
        follows,
    };
    provide_context(nav);
    // The listeners live as long as the page: their handles are not kept to remove them.
    let _ = window_event_listener(leptos::ev::popstate, move |_| nav.follow_bar());
    let _ = window_event_listener(leptos::ev::click, move |ev| nav.on_click(ev));
    nav
}

pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

/// A staff app's pages: the page of the first route that matches the address, else
/// `fallback`. A page is made anew when the route changes, not when its parameters or the
/// query do.
pub fn pages(routes: &'static [Route], fallback: fn() -> AnyView) -> impl IntoView {
    let address = use_nav().address;
    let route = Memo::new(move |_| address.with(|a| route_of(routes, &a.path)));
    provide_context(Matched(route));
    let which = Memo::new(move |_| route.with(|r| r.0));
    move || match which.get() {
        Some(n) => (routes[n].view)(),
        None => fallback(),
    }
}

/// The current page's parameters (`:id` in `/inwoners/:id`).
pub fn use_params_map() -> Memo<ParamsMap> {
    let Matched(route) = expect_context::<Matched>();
    Memo::new(move |_| route.with(|r| r.1.clone()))
}

/// The current address's query.
pub fn use_query_map() -> Memo<ParamsMap> {
    let nav = use_nav();
    Memo::new(move |_| nav.address.with(|a| ParamsMap::of_query(&a.query)))
}

/// How [`use_navigate`] goes: as a new history entry or in place of the current one, and
/// whether to the top of the page.
#[derive(Debug, Clone, Copy)]
pub struct NavigateOptions {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions {
            replace: false,
            scroll: true,
        }
    }
}

/// Go to an address of this site from code (after signing in or out, a changed filter).
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Copy + 'static {
    let nav = use_nav();
    move |href: &str, options: NavigateOptions| nav.go_with(href, options)
}

impl Nav {
    /// The path of the address, followed.
    pub fn path(&self) -> String {
        self.address.with(|a| a.path.clone())
    }

    /// The path and the query of the address (`/rapportage?periode=2025`), not followed.
    pub fn here_untracked(&self) -> String {
        self.address.with_untracked(|a| {
            if a.query.is_empty() {
                a.path.clone()
            } else {
                format!("{}?{}", a.path, a.query)
            }
        })
    }

    /// Whether the query string holds `key` (read once, when a page is made).
    pub fn has_query(&self, key: &str) -> bool {
        self.address.with_untracked(|a| {
            a.query
                .split('&')
                .any(|kv| kv.split('=').next() == Some(key))
        })
    }

    /// Whether the address is `href` or a page below it, for the site menu's `aria-current`.
    /// `/` is current on the start page only.
    pub fn is_current(&self, href: &str) -> bool {
        self.address.with(|a| {
            let path = a.path.trim_end_matches('/');
            match href.trim_end_matches('/') {
                "" => path.is_empty(),
                href => under(path, href),
            }
        })
    }

    /// Go to an address of this app, at the top of the page, as a new history entry.
    pub fn go(&self, href: &str) {
        self.go_with(href, NavigateOptions::default());
    }

    fn go_with(&self, href: &str, options: NavigateOptions) {
        let w = window();
        if let Ok(history) = w.history() {
            let pushed = if options.replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(href))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(href))
            };
            if pushed.is_err() {
                // Pushing the state failed (it does not on a same-origin path): load it.
                let _ = w.location().set_href(href);
                return;
            }
        }
        self.follow_bar();
        if options.scroll {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    fn follow_bar(&self) {
        let now = address_bar();
        if self.address.with_untracked(|a| *a != now) {
            self.address.set(now);
        }
    }

    /// A plain click on a link to an address of this app: follow it here. Links that open
    /// elsewhere (a modifier key, another button, `target`, `download`, `rel="external"`,
    /// another origin), links within the page (`#…`) and clicks a component already handled
    /// keep the browser's behaviour. Leptos attaches `on:click` to the element itself (its
    /// `delegation` feature is off), so a component's handler runs before this one on
    /// `window`, and its `preventDefault` is seen here.
    fn on_click(&self, ev: web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let external = link
            .get_attribute("rel")
            .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
        if !link.target().is_empty() || link.has_attribute("download") || external {
            return;
        }
        let (path, search, hash) = (link.pathname(), link.search(), link.hash());
        let origin = window().location().origin().unwrap_or_default();
        if link.origin() != origin || !(self.follows)(&path) {
            return;
        }
        // A place on this page (`#…`, also written with the page's own address).
        let here = self
            .address
            .with_untracked(|a| a.path == path && a.query == search.trim_start_matches('?'));
        if !hash.is_empty() && here {
            return;
        }
        ev.prevent_default();
        let href = format!("{path}{search}{hash}");
        self.go(&href);
    }
}

#[cfg(test)]
mod tests {
    use super::{matched, route_of, Address, Nav, ParamsMap, Route};
    use leptos::prelude::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn params(pattern: &str, path: &str) -> Option<Vec<(String, String)>> {
        matched(pattern, path).map(|p| p.0)
    }

    fn pairs(list: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(
            list.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[wasm_bindgen_test]
    fn a_route_matches_segment_for_segment() {
        assert_eq!(params("/", "/"), pairs(&[]));
        assert_eq!(params("/", "/werk"), None);
        assert_eq!(params("/werk", "/werk"), pairs(&[]));
        assert_eq!(params("/werk", "/werk/"), pairs(&[]), "a trailing slash");
        assert_eq!(params("/werk", "/werkplek"), None);
        assert_eq!(
            params("/inwoners/:id", "/inwoners/12"),
            pairs(&[("id", "12")])
        );
        assert_eq!(params("/inwoners/:id", "/inwoners"), None);
        assert_eq!(params("/inwoners/:id", "/inwoners/12/meting"), None);
        assert_eq!(
            params("/inwoners/:id", "/inwoners/%31%32"),
            pairs(&[("id", "12")])
        );
        assert_eq!(
            params("/inwoners/:id/:soort/:rid", "/inwoners/3/gesprek/9"),
            pairs(&[("id", "3"), ("soort", "gesprek"), ("rid", "9")])
        );
        assert_eq!(
            params("/beheer/*any", "/beheer/a/b"),
            pairs(&[("any", "a/b")])
        );
        assert_eq!(params("/beheer/*any", "/beheer"), pairs(&[("any", "")]));
        assert_eq!(params("/beheer/*any", "/rapportage"), None);
    }

    #[wasm_bindgen_test]
    fn the_first_route_that_matches_is_the_page() {
        fn nothing() -> AnyView {
            ().into_any()
        }
        let routes = [
            Route {
                path: "/inwoners/:id/nieuw/:soort",
                view: nothing,
            },
            Route {
                path: "/inwoners/:id/:soort/:rid",
                view: nothing,
            },
        ];
        let (n, p) = route_of(&routes, "/inwoners/4/nieuw/gesprek");
        assert_eq!((n, p.get("soort")), (Some(0), Some("gesprek".into())));
        let (n, p) = route_of(&routes, "/inwoners/4/gesprek/7");
        assert_eq!((n, p.get("rid")), (Some(1), Some("7".into())));
        assert_eq!(route_of(&routes, "/inwoners/4").0, None);
    }

    #[wasm_bindgen_test]
    fn a_query_is_read_as_the_browser_reads_it() {
        let q = ParamsMap::of_query("naar=%2Fwerk%3Fa%3D1&zoek=a+b&leeg&naar=tweede");
        assert_eq!(
            q.get("naar").as_deref(),
            Some("/werk?a=1"),
            "the first of two"
        );
        assert_eq!(q.get("zoek").as_deref(), Some("a b"));
        assert_eq!(q.get("leeg").as_deref(), Some(""));
        assert_eq!(q.get("anders"), None);
        assert_eq!(ParamsMap::of_query(""), ParamsMap::default());
    }

    #[wasm_bindgen_test]
    fn the_menu_marks_the_page_and_the_pages_below_it() {
        let owner = Owner::new();
        owner.set();
        let at = |path: &str| Nav {
            address: RwSignal::new(Address {
                path: path.to_string(),
                query: String::new(),
            }),
            follows: |_| true,
        };
        assert!(at("/").is_current("/"));
        assert!(!at("/werk").is_current("/"), "the start page only at /");
        assert!(at("/werk").is_current("/werk"));
        assert!(at("/rapportage/poster").is_current("/rapportage"));
        assert!(!at("/rapportage").is_current("/rapportage/poster"));
        assert!(!at("/werkplek").is_current("/werk"));
    }

    #[wasm_bindgen_test]
    fn an_address_is_under_its_base_and_below() {
        assert!(super::under("/formulier", "/formulier"));
        assert!(super::under("/formulier/naam", "/formulier"));
        assert!(!super::under("/formulieren", "/formulier"));
        assert!(!super::under("/werk", "/formulier"));
    }
}
