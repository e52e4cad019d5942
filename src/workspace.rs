//! What the signed-in consultant may see, kept in the browser: every record of their caseload
//! (or team), pulled from the change feed and stored per resident in IndexedDB, so the caseload
//! and the files open without a connection and after a reload. Changes made here appear at once
//! (marked as waiting) and are replaced by the server's version once synced.

use crate::api;
use crate::browser;
use crate::idb::{self, WORK};
use leptos::prelude::*;
use leptos::task::spawn_local;
use meedoen_domain::partners::Partner;
use meedoen_domain::records::{Kind, Record, Resident};
use meedoen_domain::wire::{Dossier, Feed, Mutation, RawRecord, Stored};
use std::collections::BTreeMap;

/// A record of this browser's copy: the server's record in its typed form, and whether it is
/// a change made here that the server has not confirmed yet (`wacht`). Kept in IndexedDB in
/// the wire shape.
pub type Rec = Stored;

/// A record as the server sent it, read into its typed form at this edge. A record this
/// version of the app cannot read (a newer server) is left out of the offline copy and
/// reported in the console; the server keeps it.
pub fn from_server(raw: RawRecord) -> Option<Rec> {
    match Stored::try_from(raw) {
        Ok(stored) => Some(stored),
        Err(e) => {
            web_sys::console::warn_1(&format!("record not readable: {e}").into());
            None
        }
    }
}

fn same(a: &Rec, b: &Rec) -> bool {
    a.kind() == b.kind() && a.id == b.id
}

/// All records of one resident.
pub type File = Vec<Rec>;

/// The records of one kind in a file.
pub fn of_kind(file: &File, kind: Kind) -> impl Iterator<Item = &Rec> {
    file.iter().filter(move |r| r.kind() == kind)
}

/// The resident record of a file.
pub fn person(file: &File) -> Option<&Resident> {
    file.iter().find_map(|r| match &r.record {
        Record::Inwoner(p) => Some(p),
        _ => None,
    })
}

const FILE: &str = "dossier:";
const UPTO: &str = "stand";
const PARTNERS: &str = "partners";

#[derive(Clone, Copy)]
pub struct Workspace {
    pub files: RwSignal<BTreeMap<i64, File>>,
    /// Loaded from this browser (usable offline).
    pub ready: RwSignal<bool>,
    /// The last pull failed (offline); the data shown is what this browser kept.
    pub stale: RwSignal<bool>,
    /// The server refused the feed (this role sees no case content): "no access", which is not
    /// the same as "no connection".
    pub denied: RwSignal<bool>,
    /// The municipality's partner organisations, kept here for referring offline.
    pub partners: RwSignal<Vec<Partner>>,
    /// A write of the copy failed since it was opened (the device's storage is full, or
    /// refuses): without a connection this device would not show everything, which the user is
    /// told until the next start pulls again what the copy lacks.
    pub unkept: RwSignal<bool>,
    upto: StoredValue<i64>,
    pulling: StoredValue<bool>,
}

pub fn provide_workspace() {
    let w = Workspace {
        files: RwSignal::new(BTreeMap::new()),
        ready: RwSignal::new(false),
        stale: RwSignal::new(false),
        denied: RwSignal::new(false),
        partners: RwSignal::new(Vec::new()),
        unkept: RwSignal::new(false),
        upto: StoredValue::new(0),
        pulling: StoredValue::new(false),
    };
    provide_context(w);
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

impl Workspace {
    /// Open what this browser kept, then pull what changed (again after every sync of changes).
    /// The partner list is fetched beside the pull, not after it: one round trip less before
    /// the caseload's follow-up dates are complete.
    pub fn start(self) {
        spawn_local(async move {
            if let Ok(all) = idb::all(WORK).await {
                let mut files = BTreeMap::new();
                for (k, v) in all {
                    if let Some(id) = k.strip_prefix(FILE).and_then(|s| s.parse::<i64>().ok()) {
                        if let Ok(f) = serde_json::from_str::<File>(&v) {
                            files.insert(id, f);
                        }
                    } else if k == UPTO {
                        self.upto.set_value(v.parse().unwrap_or(0));
                    } else if k == PARTNERS {
                        if let Ok(list) = serde_json::from_str::<Vec<Partner>>(&v) {
                            self.partners.set(list);
                        }
                    }
                }
                if !files.is_empty() {
                    self.files.set(files);
                    self.mark_ready();
                }
            }
            spawn_local(self.refresh_partners());
            self.pull().await;
            self.mark_ready();
        });
    }

    /// Fetch the partner list and keep it in IndexedDB (offline, the kept list serves).
    pub async fn refresh_partners(self) {
        #[derive(serde::Deserialize)]
        struct List {
            partners: Vec<Partner>,
        }
        if let Ok(list) = api::get::<List>("/api/partners").await {
            if let Ok(text) = serde_json::to_string(&list.partners) {
                self.keep(&[(PARTNERS, &text)], &[]).await;
            }
            self.partners.set(list.partners);
        }
    }

    fn mark_ready(self) {
        if !self.ready.get_untracked() {
            self.ready.set(true);
        }
    }

    /// Forget everything (sign-out).
    pub fn clear(self) {
        self.files.set(BTreeMap::new());
        self.ready.set(false);
        self.partners.set(Vec::new());
        self.unkept.set(false);
        self.upto.set_value(0);
    }

    /// Write to the copy in IndexedDB, noting a write that was not taken.
    async fn keep(self, put: &[(&str, &str)], delete: &[&str]) {
        if idb::write(WORK, put, delete).await.is_err() && !self.unkept.get_untracked() {
            self.unkept.set(true);
        }
    }

    /// Pull the change feed from where this browser stood, page by page.
    pub async fn pull(self) {
        if self.pulling.get_value() {
            return;
        }
        self.pulling.set_value(true);
        loop {
            let url = format!(
                "/api/wijzigingen?sinds={}&limiet=5000",
                self.upto.get_value()
            );
            // The first page after signing in may have been asked for by the page already.
            let answer = match api::get_prefetched::<Feed>(&url).await {
                Some(answer) => answer,
                None => api::get::<Feed>(&url).await,
            };
            match answer {
                Ok(feed) => {
                    self.stale.set(false);
                    self.denied.set(false);
                    let more = feed.meer;
                    self.apply(feed, !more).await;
                    if !more {
                        break;
                    }
                }
                Err(api::ApiFailure::Status { status: 403, .. }) => {
                    self.denied.set(true);
                    self.stale.set(false);
                    break;
                }
                Err(_) => {
                    self.stale.set(true);
                    break;
                }
            }
        }
        self.pulling.set_value(false);
    }

    /// Take a page of the feed into the files shown, then keep it in IndexedDB. When the `last`
    /// page makes the caseload ready (the first pull on this device), it is drawn before the
    /// copy is written (serialising every touched file is the larger part of the work); a page
    /// closed in between loses nothing: the kept position is written with the files, so that
    /// page is pulled again.
    async fn apply(self, feed: Feed, last: bool) {
        let mut touched: Vec<i64> = vec![];
        let mut gone: Vec<i64> = vec![];
        self.files.update(|files| {
            for g in &feed.vervallen {
                files.remove(&g.inwoner_id);
                gone.push(g.inwoner_id);
            }
            for r in feed.wijzigingen.into_iter().filter_map(from_server) {
                let id = r.inwoner_id;
                gone.retain(|g| *g != id);
                upsert(files.entry(id).or_default(), r);
                if !touched.contains(&id) {
                    touched.push(id);
                }
            }
        });
        self.upto.set_value(feed.tot);
        if last && !self.ready.get_untracked() {
            self.mark_ready();
            browser::after_paint().await;
        }
        let texts: Vec<(String, String)> = self.files.with_untracked(|files| {
            touched
                .iter()
                .filter_map(|id| {
                    Some((
                        format!("{FILE}{id}"),
                        serde_json::to_string(files.get(id)?).ok()?,
                    ))
                })
                .collect()
        });
        let upto = feed.tot.to_string();
        let mut put: Vec<(&str, &str)> = texts
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // The kept position moves only while the copy has taken every write: after a failed
        // one it stays where the copy was whole, so the next start pulls the rest again
        // (rather than a later write declaring files kept that never were).
        if !self.unkept.get_untracked() {
            put.push((UPTO, &upto));
        }
        let gone_keys: Vec<String> = gone.iter().map(|id| format!("{FILE}{id}")).collect();
        let del: Vec<&str> = gone_keys.iter().map(String::as_str).collect();
        self.keep(&put, &del).await;
    }

    /// Show a change made here at once (waiting, or as the server answered it).
    pub fn put_local(self, r: Rec) {
        let id = r.inwoner_id;
        self.files
            .update(|files| upsert(files.entry(id).or_default(), r));
        spawn_local(self.store_file(id));
    }

    /// Put back the server's copy of a record whose change made here was refused (or drop
    /// the record when it never reached the server).
    pub async fn restore(self, m: &Mutation) {
        let url = format!("/api/inwoners/{}/dossier", m.inwoner_id);
        let Ok(d) = api::get::<Dossier>(&url).await else {
            return;
        };
        let server = d
            .records
            .into_iter()
            .find(|r| r.soort == m.soort && r.id == m.id)
            .and_then(from_server);
        let id = m.inwoner_id;
        self.files.update(|files| {
            let file = files.entry(id).or_default();
            file.retain(|r| !(r.kind() == m.soort && r.id == m.id));
            if let Some(r) = server {
                file.push(r);
            }
        });
        self.store_file(id).await;
    }

    /// Keep one resident's file, as it stands here, in IndexedDB.
    async fn store_file(self, id: i64) {
        if let Some(text) = self
            .files
            .with_untracked(|f| f.get(&id).and_then(|f| serde_json::to_string(f).ok()))
        {
            self.keep(&[(&format!("{FILE}{id}"), &text)], &[]).await;
        }
    }

    /// The resident record of a file.
    pub fn resident(self, id: i64) -> Option<Resident> {
        self.files.with(|f| person(f.get(&id)?).cloned())
    }
}

fn upsert(file: &mut File, r: Rec) {
    match file.iter_mut().find(|x| same(x, &r)) {
        // A waiting local change (on top of version `x.versie`) gives way only to a newer
        // server version; otherwise the newest server copy wins.
        Some(x) if r.versie > x.versie || (!x.wacht && r.versie == x.versie) => *x = r,
        Some(_) => {}
        None => file.push(r),
    }
}
