//! Dutch by default, English on request: the chosen language is a context signal, kept in
//! localStorage and mirrored to `<html lang>` so screen readers pronounce the page right.

use leptos::prelude::*;
use meedoen_domain::{Lang, Text};

const STORAGE_KEY: &str = "meedoen.taal";

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Pick the text for the current language (reactive when read inside a closure).
    pub fn t(&self, nl: &'static str, en: &'static str) -> &'static str {
        match self.lang.get() {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
    /// A text in the page that follows the language: `{i.tr("Terug", "Back")}` in a view.
    /// Every call gives the same closure type, so all of them share one renderer; a closure
    /// written at each place (`move || i.t(…)`) is a type of its own, each with its own copy.
    pub fn tr(
        self,
        nl: &'static str,
        en: &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(nl, en)
    }
    /// The current language's side of a bilingual domain text.
    pub fn text(&self, text: &Text) -> String {
        text.get(self.lang.get()).to_string()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn provide_i18n() {
    let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let lang = RwSignal::new(if saved.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Nl
    });
    Effect::new(move |_| {
        let code = match lang.get() {
            Lang::Nl => "nl",
            Lang::En => "en",
        };
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, code);
        }
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", code);
        }
    });
    provide_context(I18n { lang });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
