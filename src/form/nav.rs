//! The form's own addresses: the current one is a signal, links inside the form are followed
//! without loading the page again (`history.pushState`), and Back and Forward work
//! (`popstate`). The form has only two kinds of address (its start and `/formulier/<page>`),
//! so its bundle does without a routing library (issue 15: the form's first load).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Every address of the form starts with this.
pub const BASE: &str = "/formulier";

/// Where the form is: the path and the query string of the address bar.
#[derive(Debug, Clone, PartialEq, Default)]
struct Address {
    path: String,
    query: String,
}

fn address_bar() -> Address {
    let l = window().location();
    Address {
        path: l.pathname().unwrap_or_default(),
        query: l.search().unwrap_or_default(),
    }
}

/// Whether `href` is an address of the form (and so is followed without a page load).
fn in_form(href: &str) -> bool {
    href == BASE
        || href
            .strip_prefix(BASE)
            .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('?'))
}

/// A page of the form, read from its path.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    Start,
    /// `/formulier/<slug>`: a question, the check page or the receipt (the slug says which).
    Named(String),
    Unknown,
}

impl Page {
    fn of(path: &str) -> Page {
        match path.strip_prefix(BASE) {
            Some("" | "/") => Page::Start,
            Some(rest) => match rest.strip_prefix('/') {
                Some(slug) if !slug.contains('/') => Page::Named(slug.to_string()),
                _ => Page::Unknown,
            },
            None => Page::Unknown,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Nav {
    address: RwSignal<Address>,
}

/// Start following the address bar and the form's links; call once, before the pages.
pub fn provide_nav() -> Nav {
    let nav = Nav {
        address: RwSignal::new(address_bar()),
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

impl Nav {
    /// The page the address names; changes with the path only, not with the query string.
    pub fn page(&self) -> Memo<Page> {
        let address = self.address;
        Memo::new(move |_| address.with(|a| Page::of(&a.path)))
    }

    /// Whether the query string holds `key` (read once, when a page is made).
    pub fn has_query(&self, key: &str) -> bool {
        self.address.with_untracked(|a| {
            a.query
                .trim_start_matches('?')
                .split('&')
                .any(|kv| kv.split('=').next() == Some(key))
        })
    }

    /// Go to an address of the form, at the top of the page, as a new history entry.
    pub fn go(&self, href: &str) {
        let w = window();
        if let Ok(history) = w.history() {
            if history
                .push_state_with_url(&JsValue::NULL, "", Some(href))
                .is_err()
            {
                // Pushing the state failed (it does not on a same-origin path): load it.
                let _ = w.location().set_href(href);
                return;
            }
        }
        self.follow_bar();
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }

    fn follow_bar(&self) {
        let now = address_bar();
        if self.address.with_untracked(|a| *a != now) {
            self.address.set(now);
        }
    }

    /// A plain click on a link to a form address: follow it here. Links that open elsewhere
    /// (a modifier key, another button, `target`, `download`), links within the page (`#…`)
    /// and clicks a component already handled keep the browser's behaviour. Leptos attaches
    /// `on:click` to the element itself (its `delegation` feature is off), so a component's
    /// handler runs before this one on `window`, and its `preventDefault` is seen here.
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
        else {
            return;
        };
        if link.has_attribute("target") || link.has_attribute("download") {
            return;
        }
        let href = link.get_attribute("href").unwrap_or_default();
        if in_form(&href) {
            ev.prevent_default();
            self.go(&href);
        }
    }
}
