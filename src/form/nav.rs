//! The form's addresses (`crate::nav`): its start, `/formulier`, and one page per question, the
//! check page and the receipt, `/formulier/<page>`. Links to them are followed without loading
//! the page again, Back and Forward work; the form's bundle holds no routing library (issue 15:
//! the form's first load).

use leptos::prelude::*;

pub use crate::nav::use_nav;

/// Every address of the form starts with this.
pub const BASE: &str = "/formulier";

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

/// Start following the address bar and the form's links; call once, before the pages. The
/// page the address names changes with the path only, not with the query string.
pub fn provide_nav() -> Memo<Page> {
    // A link to a path of the form is followed without a page load.
    let nav = crate::nav::provide_nav(|path| crate::nav::under(path, BASE));
    Memo::new(move |_| Page::of(&nav.path()))
}
