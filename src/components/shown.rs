//! Leptos' `<Show>` without its weight per use.
//!
//! `<Show when children fallback>` is generic over its children, so each use links its own copy
//! of the show-or-hide machinery: a memo, a children function and the renderer for its view type
//! (about 1 KB of code before compression, and 53 uses). [`show_if`] does the same
//! through one copy: the condition is memoised, so the view is built when it turns true and kept
//! while it stays true (as `<Show>` does: a focused button inside keeps its focus), and the
//! views are type-erased (`AnyView`).

use leptos::prelude::*;

type Condition = Box<dyn Fn() -> bool + Send + Sync>;
type Build = Box<dyn Fn() -> AnyView + Send + Sync>;

/// `view` while `when` is true, nothing otherwise.
pub fn show_if(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    either(Box::new(when), Box::new(view), Box::new(|| ().into_any()))
}

/// `view` while `when` is true, `otherwise` while it is false.
pub fn show_if_else(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
    otherwise: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    either(Box::new(when), Box::new(view), Box::new(otherwise))
}

fn either(when: Condition, view: Build, otherwise: Build) -> AnyView {
    let on = Memo::new(move |_| when());
    (move || if on.get() { view() } else { otherwise() }).into_any()
}
