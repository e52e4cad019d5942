//! Import benchmark: a synthetic income-department file of 50,000 residents against the demo
//! municipality on a fresh SQLite file, through the same functions the endpoint and
//! `meedoen-server importeer` call. Prints the time of the preview and of the import (one
//! transaction, audited), then of the same file again. Target (issue 16): preview and import
//! each < 5 s. Figures only; nothing is asserted.

use meedoen_server::import::{apply_in, choose_team, preview_of, Actor};
use meedoen_server::{db, demo};
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open(&dir.path().join("bench.sqlite3")).unwrap();
    demo::seed(&mut conn).unwrap();
    let file = meedoen_domain::import::synthetic(50_000, 11);
    let ctx = meedoen_domain::records::Context {
        today: demo::reference_date(),
        rules: meedoen_domain::RuleSet::embedded(),
    };
    let actor = Actor {
        user: None,
        name: "bench",
        request: "bench",
        client: None,
    };
    let team = choose_team(&conn, None, "").unwrap();
    for round in ["eerste keer", "zelfde bestand opnieuw"] {
        let t = Instant::now();
        let p = preview_of(&conn, file.as_bytes(), &ctx).unwrap();
        let preview = t.elapsed();
        let t = Instant::now();
        let tx = conn.transaction().unwrap();
        let s = apply_in(
            &tx,
            file.as_bytes(),
            &ctx,
            &team,
            &actor,
            "2025-06-01T00:00:00.000Z",
        )
        .unwrap();
        tx.commit().unwrap();
        let apply = t.elapsed();
        println!(
            "import 50.000 regels ({:.1} MB), {round}: voorbeeld {:.2} s ({} toevoegen, {} wijzigen, {} markeren), inlezen {:.2} s ({} toegevoegd, {} ongewijzigd) (doel: elk < 5 s)",
            file.len() as f64 / 1e6,
            preview.as_secs_f64(),
            p.toevoegen,
            p.wijzigen,
            p.markeren,
            apply.as_secs_f64(),
            s.toegevoegd,
            s.ongewijzigd
        );
    }
}
