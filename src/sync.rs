//! Writes of the consultant app: every change is a field-level mutation with a client id.
//! Sent at once when the server is reachable; otherwise kept in IndexedDB (surviving a reload)
//! and sent again when the connection returns. The server applies a mutation id once, so a
//! retry never doubles a record. A visible sync state says what is still waiting.

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::idb::{self, QUEUE, REFUSED, WORK};
use crate::workspace::{use_workspace, Rec, Workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::records::{FieldError, Kind, Record};
use meedoen_domain::wire::{Conflict, Fields, Mutation, MutationAnswer, Stored};
use meedoen_domain::Text;
use serde::{Deserialize, Serialize};

/// A change made offline that the server refused when it was sent (someone else changed the
/// same field meanwhile, or a rule said no). Kept on this device until the consultant has
/// looked at it again: never dropped silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefusedChange {
    pub mutatie: Mutation,
    pub reden: Text,
    /// Local time of the refusal.
    pub op: String,
    /// Refused because of a conflict (409), to be resolved field by field.
    #[serde(default)]
    pub conflict: bool,
}

/// A change of record `id` (a new record when `None`) of `kind` from version `base`, with a
/// fresh mutation id.
pub fn mutation(
    kind: Kind,
    id: Option<String>,
    resident: i64,
    base: i64,
    fields: Fields,
) -> Mutation {
    let key = browser::random_key().unwrap_or_default();
    Mutation {
        mutatie_id: format!("mu-{}", &key[..32]),
        soort: kind,
        id: id.unwrap_or_else(|| format!("{}-{}", &kind.code()[..2], &key[32..])),
        inwoner_id: resident,
        basis_versie: base,
        velden: fields,
    }
}

/// Why the server did not take a change: problems per field, or a conflict to resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub fields: Vec<FieldError>,
    /// The record as the server has it now, and the conflicting fields.
    pub conflict: Option<(Rec, Vec<Conflict>)>,
}

/// Where a change ended up.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Server { version: i64 },
    Queued,
}

#[derive(Clone, Copy)]
pub struct Sync {
    /// Changes waiting for the connection.
    pub pending: RwSignal<usize>,
    /// Last moment the server confirmed a change (local time text).
    pub last: RwSignal<Option<String>>,
    /// Queued changes the server refused (kept, with the reason).
    pub refused: RwSignal<Vec<RefusedChange>>,
    /// The refused changes of the signed-in user were read from this device.
    pub refused_loaded: RwSignal<bool>,
    flushing: StoredValue<bool>,
    workspace: Workspace,
    user: RwSignal<Option<crate::session::User>>,
}

pub fn provide_sync() {
    let s = Sync {
        pending: RwSignal::new(0),
        last: RwSignal::new(None),
        refused: RwSignal::new(vec![]),
        refused_loaded: RwSignal::new(false),
        flushing: StoredValue::new(false),
        workspace: use_workspace(),
        user: crate::session::use_session().user,
    };
    provide_context(s);
    // The queue shown is the signed-in user's own.
    Effect::new(move |_| {
        s.user.track();
        spawn_local(async move {
            s.count().await;
            s.load_refused().await;
        });
    });
    spawn_local(async move {
        loop {
            if s.pending.get_untracked() > 0 && browser::online() {
                s.flush().await;
            }
            browser::sleep(3_000).await;
        }
    });
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

/// The record as the server has it, from the body of a conflict (409) answer.
fn server_copy(parts: Option<crate::api::ConflictParts>) -> Option<Rec> {
    crate::workspace::from_server(parts?.server?)
}

fn time_now() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

impl Sync {
    /// The keys of the signed-in user's own queue (`QUEUE`) or refused changes (`REFUSED`):
    /// changes are sent only under the name of who made them.
    fn own(self, kind: &str) -> Option<String> {
        self.user
            .with_untracked(|u| u.as_ref().map(|u| format!("{kind}{}:", u.gebruikersnaam)))
    }

    async fn load_refused(self) {
        let list = match self.own(REFUSED) {
            Some(p) => idb::prefixed(WORK, &p).await.unwrap_or_default(),
            None => vec![],
        };
        self.refused.set(
            list.iter()
                .filter_map(|(_, v)| serde_json::from_str::<RefusedChange>(v).ok())
                .collect(),
        );
        self.refused_loaded.set(true);
    }

    /// A refused change of the signed-in user, by its mutation id.
    pub fn refused_change(self, mutatie_id: &str) -> Option<RefusedChange> {
        self.refused.with_untracked(|r| {
            r.iter()
                .find(|c| c.mutatie.mutatie_id == mutatie_id)
                .cloned()
        })
    }

    /// The consultant dealt with a refused change (saved it again, or let it go).
    pub async fn forget(self, mutatie_id: &str) {
        if let Some(p) = self.own(REFUSED) {
            let _ = idb::write(WORK, &[], &[&format!("{p}{mutatie_id}")]).await;
        }
        self.refused
            .update(|r| r.retain(|c| c.mutatie.mutatie_id != mutatie_id));
    }

    async fn count(self) {
        let n = match self.own(QUEUE) {
            Some(p) => idb::prefixed(WORK, &p).await.map_or(0, |q| q.len()),
            None => 0,
        };
        self.pending.set(n);
    }

    /// Send one change; keep it when the server cannot be reached.
    pub async fn submit(self, m: Mutation) -> Result<Saved, Refusal> {
        let refused = |message: Text| Refusal {
            fields: vec![FieldError {
                field: String::new(),
                message,
            }],
            conflict: None,
        };
        match api::post::<_, MutationAnswer>("/api/mutaties", &m).await {
            Ok((_, a)) => {
                self.last.set(Some(time_now()));
                let version = a.record.versie;
                if let Some(r) = crate::workspace::from_server(a.record) {
                    self.workspace.put_local(r);
                }
                Ok(Saved::Server { version })
            }
            Err(f) if f.retryable() => {
                let text = serde_json::to_string(&m).unwrap_or_default();
                // Keys sort by time, so the queue is sent oldest first.
                let key = format!(
                    "{}{:015}-{}",
                    self.own(QUEUE).unwrap_or_else(|| QUEUE.into()),
                    js_sys::Date::now() as u64,
                    m.mutatie_id
                );
                match idb::write(WORK, &[(&key, &text)], &[]).await {
                    Ok(()) => {
                        self.pending.update(|n| *n += 1);
                        if let Some(r) = self.waiting(&m) {
                            self.workspace.put_local(r);
                        }
                        Ok(Saved::Queued)
                    }
                    Err(_) => Err(refused(Text::new(
                        "Geen verbinding, en bewaren op dit apparaat lukte niet. Laat deze pagina open en probeer het opnieuw.",
                        "No connection, and keeping it on this device failed. Keep this page open and try again.",
                    ))),
                }
            }
            Err(f @ ApiFailure::Status { status: 409, .. }) => {
                let message = f.message();
                let (server, conflicts) = match f.conflict() {
                    Some(p) => (
                        p.server.and_then(crate::workspace::from_server),
                        p.conflicten,
                    ),
                    None => (None, vec![]),
                };
                if let Some(r) = &server {
                    self.workspace.put_local(r.clone());
                }
                Err(Refusal {
                    conflict: server.map(|r| (r, conflicts)),
                    ..refused(message)
                })
            }
            Err(ApiFailure::Status {
                fields, message, ..
            }) if fields.is_empty() => Err(refused(message)),
            Err(ApiFailure::Status { fields, .. }) => Err(Refusal {
                fields,
                conflict: None,
            }),
            Err(ApiFailure::Unreachable) => Err(refused(ApiFailure::Unreachable.message())),
        }
    }

    /// How a queued change looks in this browser until the server has it: the record as it
    /// stands here with the change on top, in its typed form (the form checked it already).
    fn waiting(self, m: &Mutation) -> Option<Rec> {
        let base = self.workspace.files.with_untracked(|f| {
            f.get(&m.inwoner_id)?
                .iter()
                .find(|r| r.kind() == m.soort && r.id == m.id)
                .map(|r| r.velden.clone())
        });
        let mut fields = base.unwrap_or_default();
        for (k, v) in &m.velden {
            if v.is_null() {
                fields.remove(k);
            } else {
                fields.insert(k.clone(), v.clone());
            }
        }
        let record = Record::read(m.soort, &fields).ok()?;
        Some(Stored {
            id: m.id.clone(),
            inwoner_id: m.inwoner_id,
            versie: m.basis_versie,
            record,
            velden: fields,
            volgnummer: 0,
            gewijzigd_door: String::new(),
            gewijzigd_op: String::new(),
            wacht: true,
        })
    }

    /// Send what is waiting, oldest first; stop at the first one that cannot be sent now.
    pub async fn flush(self) {
        if self.flushing.get_value() {
            return;
        }
        self.flushing.set_value(true);
        let queue = match self.own(QUEUE) {
            Some(p) => idb::prefixed(WORK, &p).await,
            None => Ok(vec![]),
        };
        if let Ok(all) = queue {
            for (key, text) in all {
                let Ok(m) = serde_json::from_str::<Mutation>(&text) else {
                    continue;
                };
                match api::post::<_, MutationAnswer>("/api/mutaties", &m).await {
                    Ok(_) => {
                        let _ = idb::write(WORK, &[], &[&key]).await;
                        self.last.set(Some(time_now()));
                    }
                    // Offline, or the session must be renewed first: try again later.
                    Err(f)
                        if f.retryable()
                            || matches!(
                                f,
                                ApiFailure::Status {
                                    status: 401 | 403,
                                    ..
                                }
                            ) =>
                    {
                        break
                    }
                    Err(f) => {
                        // Refused (a conflict or a rule): kept and shown to the consultant, never
                        // dropped silently; the file shows the server's version again.
                        // A conflict answer carries the server's copy; otherwise it is fetched.
                        let (conflict, server) = match &f {
                            ApiFailure::Status { status: 409, .. } => {
                                (true, server_copy(f.conflict()))
                            }
                            _ => (false, None),
                        };
                        let refused = RefusedChange {
                            reden: f.message(),
                            op: time_now(),
                            conflict,
                            mutatie: m,
                        };
                        let prefix = self.own(REFUSED).unwrap_or_else(|| REFUSED.into());
                        let _ = idb::write(
                            WORK,
                            &[(
                                &format!("{prefix}{}", refused.mutatie.mutatie_id),
                                &serde_json::to_string(&refused).unwrap_or_default(),
                            )],
                            &[&key],
                        )
                        .await;
                        match server {
                            Some(r) => self.workspace.put_local(r),
                            None => self.workspace.restore(&refused.mutatie).await,
                        }
                        self.refused.update(|r| r.push(refused));
                    }
                }
            }
        }
        self.count().await;
        self.flushing.set_value(false);
        self.workspace.pull().await;
    }
}
