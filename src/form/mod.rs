//! The resident's form in the browser: the draft (kept in IndexedDB as it is typed), the
//! outgoing submission (frozen when the resident presses "send", kept until the server has
//! confirmed it, retried with the same secret key so it is delivered exactly once) and the
//! receipt, which is all that stays on the device afterwards.

pub mod nav;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::idb::{self, FORM};
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::form::{Draft, Problem};
use meedoen_domain::submission::Submission;
use meedoen_domain::Text;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

const DRAFT_KEY: &str = "concept";
const RECEIPT_KEY: &str = "ontvangstbewijs";

/// What is kept on the device while the form is being filled in.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Saved {
    sleutel: String,
    draft: Draft,
    /// The submission as it was sent, while the server has not yet confirmed it: kept as the
    /// JSON text that was sent, so a retry sends the same answers and the form carries no code
    /// to read a `Submission` back (about 8 KB gzip), nor to build a generic JSON value (about
    /// 4 KB). A draft kept before, with the submission as a JSON object, reads the same.
    #[serde(default)]
    uit: Option<Box<RawValue>>,
}

/// What is posted: the submission with the key that makes a retry a no-op on the server.
#[derive(Serialize)]
struct Outgoing<'a> {
    sleutel: &'a str,
    inzending: &'a RawValue,
}

/// The server's confirmation, kept for the resident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub referentie: String,
    pub ontvangen_op: String,
    pub wat_nu: WhatNext,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatNext {
    pub nl: String,
    pub en: String,
}

/// Where the outgoing submission is.
#[derive(Debug, Clone, PartialEq)]
pub enum Sending {
    Idle,
    Busy,
    /// Not delivered yet; tried `attempts` times, trying again.
    Waiting {
        attempts: u32,
        reason: Text,
    },
    /// The server refused the answers: these need fixing.
    Refused(Vec<Problem>),
    Delivered,
}

/// Whether the latest answers are safely stored in this browser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SaveState {
    Nothing,
    Saved,
    Failed,
}

#[derive(Clone, Copy)]
pub struct FormStore {
    pub draft: RwSignal<Draft>,
    pub loaded: RwSignal<bool>,
    pub saved: RwSignal<SaveState>,
    /// The frozen submission (its JSON) while it is not yet delivered.
    pub outgoing: RwSignal<Option<Box<RawValue>>>,
    pub sending: RwSignal<Sending>,
    pub receipt: RwSignal<Option<Receipt>>,
    /// The input to focus when a page opens (from an error summary on another page).
    pub focus_on: RwSignal<Option<String>>,
    key: StoredValue<Option<String>>,
    writing: StoredValue<bool>,
    dirty: StoredValue<bool>,
    loading: StoredValue<bool>,
    delivering: StoredValue<bool>,
}

pub fn provide_form() {
    let store = FormStore {
        draft: RwSignal::new(Draft::default()),
        loaded: RwSignal::new(false),
        saved: RwSignal::new(SaveState::Nothing),
        outgoing: RwSignal::new(None),
        sending: RwSignal::new(Sending::Idle),
        receipt: RwSignal::new(None),
        focus_on: RwSignal::new(None),
        key: StoredValue::new(None),
        writing: StoredValue::new(false),
        dirty: StoredValue::new(false),
        loading: StoredValue::new(false),
        delivering: StoredValue::new(false),
    };
    provide_context(store);
    // Before the first page is drawn: the start page waits for what this browser kept.
    store.load();
}

pub fn use_form() -> FormStore {
    let store = expect_context::<FormStore>();
    store.load();
    store
}

impl FormStore {
    /// Read what this browser kept, once; resume an unfinished delivery.
    fn load(self) {
        if self.loading.get_value() {
            return;
        }
        self.loading.set_value(true);
        spawn_local(async move {
            // Read by the page's script while the app downloaded, if it could; else read now.
            let keys = [RECEIPT_KEY, DRAFT_KEY];
            let [receipt, draft] = match idb::read_before_start(FORM, keys).await {
                Some(kept) => kept,
                None => idb::get_each(FORM, keys).await.unwrap_or_default(),
            };
            if let Some(text) = receipt {
                self.receipt.set(serde_json::from_str(&text).ok());
            }
            if let Some(text) = draft {
                if let Ok(saved) = serde_json::from_str::<Saved>(&text) {
                    self.key.set_value(Some(saved.sleutel));
                    self.draft.set(saved.draft);
                    self.outgoing.set(saved.uit);
                    self.saved.set(SaveState::Saved);
                }
            }
            self.loaded.set(true);
            if self.outgoing.get_untracked().is_some() {
                self.deliver();
            }
        });
    }

    /// Change the draft and store it in the browser.
    pub fn edit(self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(f);
        self.save();
    }

    /// Write the latest state; writes never overlap and the last one always wins.
    fn save(self) {
        if !self.loaded.get_untracked() {
            return;
        }
        if self.writing.get_value() {
            self.dirty.set_value(true);
            return;
        }
        self.writing.set_value(true);
        spawn_local(async move {
            loop {
                self.dirty.set_value(false);
                let result = self.write().await;
                if let Err(e) = &result {
                    leptos::logging::warn!("formulier niet bewaard: {}", e.0);
                }
                self.saved.set(if result.is_ok() {
                    SaveState::Saved
                } else {
                    SaveState::Failed
                });
                if !self.dirty.get_value() {
                    break;
                }
            }
            self.writing.set_value(false);
        });
    }

    /// Write the latest state now, noting whether it was kept (what the pages say of it).
    async fn write_noting(self) {
        self.saved.set(if self.write().await.is_ok() {
            SaveState::Saved
        } else {
            SaveState::Failed
        });
    }

    async fn write(self) -> Result<(), idb::IdbError> {
        if self.key.get_value().is_none() {
            self.key.set_value(browser::random_key());
        }
        let saved = Saved {
            sleutel: self.key.get_value().unwrap_or_default(),
            draft: self.draft.get_untracked(),
            uit: self.outgoing.get_untracked(),
        };
        let text = serde_json::to_string(&saved).map_err(|e| idb::IdbError(e.to_string()))?;
        idb::write(FORM, &[(DRAFT_KEY, &text)], &[]).await
    }

    /// Freeze the answers and deliver them; kept and retried until the server confirms.
    pub fn send(self, submission: Submission) {
        // Cannot fail: a submission has no map with keys other than text.
        let Ok(frozen) = serde_json::value::to_raw_value(&submission) else {
            return;
        };
        self.outgoing.set(Some(frozen));
        self.sending.set(Sending::Busy);
        spawn_local(async move {
            // Stored first: a reload or a closed tab resumes the delivery.
            self.write_noting().await;
            self.deliver();
        });
    }

    fn deliver(self) {
        if self.delivering.get_value() {
            return;
        }
        self.delivering.set_value(true);
        spawn_local(async move {
            let mut attempts = 0u32;
            while let Some(submission) = self.outgoing.get_untracked() {
                self.sending.set(Sending::Busy);
                let key = self.key.get_value().unwrap_or_default();
                let body = Outgoing {
                    sleutel: &key,
                    inzending: &submission,
                };
                match api::post::<_, Receipt>("/api/inzendingen", &body).await {
                    Ok((_, receipt)) => {
                        let text = serde_json::to_string(&receipt).unwrap_or_default();
                        // The answers leave the device; only the receipt stays.
                        let _ = idb::write(FORM, &[(RECEIPT_KEY, &text)], &[DRAFT_KEY]).await;
                        self.key.set_value(None);
                        self.outgoing.set(None);
                        self.draft.set(Draft::default());
                        self.saved.set(SaveState::Nothing);
                        self.receipt.set(Some(receipt));
                        self.sending.set(Sending::Delivered);
                    }
                    Err(e) if e.retryable() => {
                        attempts += 1;
                        self.sending.set(Sending::Waiting {
                            attempts,
                            reason: e.message(),
                        });
                        // 1, 2, 4, 8 s, then every 10 s; sooner when the browser is back online.
                        let wait = 1000 * 2i32.pow(attempts.min(4) - 1).min(10);
                        let mut waited = 0;
                        let was_online = browser::online();
                        while waited < wait && (was_online || !browser::online()) {
                            browser::sleep(250).await;
                            waited += 250;
                        }
                    }
                    Err(ApiFailure::Status {
                        fields, message, ..
                    }) => {
                        let draft = self.draft.get_untracked();
                        let mut problems: Vec<Problem> =
                            fields.into_iter().map(|f| draft.problem_for(f)).collect();
                        if problems.is_empty() {
                            problems.push(draft.problem_for(meedoen_domain::records::FieldError {
                                field: String::new(),
                                message,
                            }));
                        }
                        self.outgoing.set(None);
                        self.write_noting().await;
                        self.sending.set(Sending::Refused(problems));
                    }
                    Err(ApiFailure::Unreachable) => {}
                }
            }
            self.delivering.set_value(false);
        });
    }

    /// Start again: forget the answers (not a receipt).
    pub fn restart(self) {
        self.draft.set(Draft::default());
        self.outgoing.set(None);
        self.sending.set(Sending::Idle);
        self.key.set_value(None);
        spawn_local(async move {
            let _ = idb::write(FORM, &[], &[DRAFT_KEY]).await;
            self.saved.set(SaveState::Nothing);
        });
    }

    /// Remove the receipt from this device.
    pub fn forget_receipt(self) {
        self.receipt.set(None);
        spawn_local(async move {
            let _ = idb::write(FORM, &[], &[RECEIPT_KEY]).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{Outgoing, Saved};
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// A draft kept by an earlier release, its frozen submission a JSON object with spaces in
    /// it, is read and sent again with the same answers; one without a submission has none.
    #[wasm_bindgen_test]
    fn a_kept_submission_is_sent_again_as_it_was_kept() {
        let kept = r#"{"sleutel":"k1","draft":{"naam":"Ada"},"uit":{"naam": "Ada", "nu": [{"activiteit": "club"}]}}"#;
        let saved: Saved = serde_json::from_str(kept).unwrap();
        assert_eq!(saved.draft.naam, "Ada");
        let uit = saved.uit.as_deref().expect("the frozen submission");
        let body = serde_json::to_string(&Outgoing {
            sleutel: &saved.sleutel,
            inzending: uit,
        })
        .unwrap();
        let sent: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            sent,
            serde_json::json!({"sleutel": "k1", "inzending": {"naam": "Ada", "nu": [{"activiteit": "club"}]}})
        );
        // Kept again, it reads the same.
        let again: Saved = serde_json::from_str(&serde_json::to_string(&saved).unwrap()).unwrap();
        assert_eq!(
            again.uit.map(|v| v.get().to_string()),
            saved.uit.map(|v| v.get().to_string())
        );
        for none in [
            r#"{"sleutel":"k2","draft":{}}"#,
            r#"{"sleutel":"k2","draft":{},"uit":null}"#,
        ] {
            assert!(
                serde_json::from_str::<Saved>(none).unwrap().uit.is_none(),
                "{none}"
            );
        }
    }
}
