//! The storage endpoint over real HTTP on a real SQLite file: health, the demo seed,
//! migrations that run once, unknown API routes, and the CSP built from index.html.

use meedoen_server::{app, db, demo, web, AppState, Health};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Start the app on a free loopback port; returns its address.
async fn serve(state: AppState) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app(state)).await.unwrap() });
    addr
}

/// A minimal HTTP/1.1 GET; returns (status, headers, body).
async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

fn state(dir: &tempfile::TempDir, with_demo: bool, dist: Option<std::path::PathBuf>) -> AppState {
    let mut conn = db::open(&dir.path().join("t.sqlite3")).unwrap();
    if with_demo {
        assert!(demo::seed(&mut conn).unwrap());
        assert!(
            !demo::seed(&mut conn).unwrap(),
            "seeding twice does nothing"
        );
    }
    AppState::new(conn, dist)
}

#[tokio::test]
async fn health_reports_database_municipality_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let addr = serve(state(&dir, true, None)).await;
    let (status, head, body) = get(addr, "/api/gezondheid").await;
    assert_eq!(status, 200);
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(head.contains("x-content-type-options: nosniff"));
    let h: Health = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (h.status.as_str(), h.schema_versie, h.inwoners),
        ("ok", db::MIGRATIONS.len() as i64, demo::RESIDENTS as i64)
    );
    assert_eq!(h.gemeente.as_deref(), Some("Demogemeente Meedoen"));
    assert!(h.regels.iter().any(|r| r.starts_with("ladder 2025-01")));
}

#[tokio::test]
async fn unknown_api_routes_get_a_bilingual_404() {
    let dir = tempfile::tempdir().unwrap();
    let addr = serve(state(&dir, false, None)).await;
    let (status, _, body) = get(addr, "/api/niets").await;
    assert_eq!(status, 404);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["fout"]["nl"], "Deze API-route bestaat niet.");
    assert_eq!(v["fout"]["en"], "This API route does not exist.");
}

#[tokio::test]
async fn the_app_is_served_with_spa_fallback_and_a_hashed_csp() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("formulier")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<html><script type=\"module\">start()</script><script src=\"/a.js\"></script></html>",
    )
    .unwrap();
    std::fs::write(
        dist.join("formulier").join("index.html"),
        "<html><script type=\"module\">startForm()</script></html>",
    )
    .unwrap();
    std::fs::write(dist.join("app-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dist.join("app-123.wasm"), b"\0asm").unwrap();
    // Trunk writes its 64-bit hash without leading zeros: 15 digits happen.
    std::fs::write(dist.join("app-cad840b7cc54177.js"), b"//").unwrap();
    std::fs::write(dist.join("sw.js"), b"// worker").unwrap();
    let addr = serve(state(&dir, false, Some(dist))).await;
    let (status, head, body) = get(addr, "/inwoners/12").await;
    assert_eq!(status, 200);
    assert!(body.contains("start()"));
    // sha256 of each page's inline loader, base64: only those are admitted, no 'unsafe-inline'.
    assert!(
        head.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{head}"
    );
    assert_eq!(head.matches("'sha256-").count(), 2);
    assert!(!head.contains("unsafe-inline"));
    // The resident's form is an app of its own under /formulier.
    for path in ["/formulier", "/formulier/naam"] {
        let (status, _, body) = get(addr, path).await;
        assert_eq!(status, 200);
        assert!(body.contains("startForm()"), "{path}: {body}");
    }
    let (_, _, body) = get(addr, "/formulieren").await;
    assert!(
        body.contains("start()"),
        "only /formulier and below are the form"
    );
    // Only files named with a content hash are immutable; the worker script never is.
    for path in ["/app-0123456789abcdef_bg.wasm", "/app-cad840b7cc54177.js"] {
        let (status, head, _) = get(addr, path).await;
        assert_eq!(status, 200);
        assert!(
            head.contains("cache-control: public, max-age=31536000, immutable"),
            "{path}: {head}"
        );
    }
    for path in ["/app-123.wasm", "/sw.js"] {
        let (status, head, _) = get(addr, path).await;
        assert_eq!(status, 200);
        assert!(head.contains("cache-control: no-store"), "{path}: {head}");
    }
}

#[test]
fn migrations_apply_once_and_the_file_is_durable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.sqlite3");
    let conn = db::open(&path).unwrap();
    assert_eq!(
        db::schema_version(&conn).unwrap(),
        db::MIGRATIONS.len() as i64
    );
    drop(conn);
    let conn = db::open(&path).unwrap();
    assert_eq!(
        db::schema_version(&conn).unwrap(),
        db::MIGRATIONS.len() as i64
    );
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(!web::content_security_policy(&[]).contains("'sha256-"));
}

#[test]
fn the_demo_seed_is_deterministic_and_valid() {
    let read = || {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = db::open(&dir.path().join("d.sqlite3")).unwrap();
        demo::seed(&mut conn).unwrap();
        let mut stmt = conn
            .prepare("SELECT soort, id, inwoner_id, velden FROM dossier ORDER BY volgnummer")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
    };
    let a = read();
    assert_eq!(a, read(), "the seed is deterministic");
    let ctx = meedoen_domain::records::Context {
        today: demo::reference_date(),
        rules: meedoen_domain::RuleSet::embedded(),
    };
    let mut count = std::collections::BTreeMap::<String, usize>::new();
    for (kind, id, _, fields) in &a {
        let k = meedoen_domain::records::Kind::parse(kind).unwrap();
        let v: serde_json::Value = serde_json::from_str(fields).unwrap();
        meedoen_domain::records::check(k, v, &ctx).unwrap_or_else(|e| panic!("{kind} {id}: {e:?}"));
        *count.entry(kind.clone()).or_default() += 1;
    }
    println!("demo records: {count:?}");
    assert_eq!(count["inwoner"], demo::RESIDENTS);
    // Plausible histories: every kind occurs, in the magnitudes of the reference municipality.
    for kind in meedoen_domain::records::Kind::ALL {
        assert!(count.get(kind.code()).copied().unwrap_or(0) > 0, "{kind:?}");
    }
    assert!((500..=1000).contains(&count["intake"]), "{count:?}");
}

#[test]
fn backup_and_export_commands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    {
        let mut conn = db::open(&path).unwrap();
        demo::seed(&mut conn).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_meedoen-server");
    let copy = dir.path().join("kopie.sqlite3");
    let out = std::process::Command::new(bin)
        .args(["backup", "--db"])
        .arg(&path)
        .arg("--naar")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = |p: &std::path::Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM dossier", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(n(&copy), n(&path));
    // Never overwrites; errors are in Dutch and exit with 2.
    let again = std::process::Command::new(bin)
        .args(["backup", "--db"])
        .arg(&path)
        .arg("--naar")
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("bestaat al"));
    // Restore the back-up into a fresh file: checked, complete, and a server runs on it.
    let restored = dir.path().join("teruggezet.sqlite3");
    let restore = |from: &std::path::Path, to: &std::path::Path| {
        std::process::Command::new(bin)
            .args(["herstel", "--van"])
            .arg(from)
            .arg("--naar")
            .arg(to)
            .output()
            .unwrap()
    };
    let out = restore(&copy, &restored);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(n(&restored), n(&path));
    assert_eq!(
        db::schema_version(&db::open(&restored).unwrap()).unwrap(),
        db::MIGRATIONS.len() as i64
    );
    // Never over an existing database; a damaged or foreign file is refused with the reason.
    let out = restore(&copy, &path);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bestaat al"));
    let damaged = dir.path().join("kapot.sqlite3");
    let mut bytes = std::fs::read(&copy).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 4096].fill(0xA5);
    std::fs::write(&damaged, bytes).unwrap();
    let out = restore(&damaged, &dir.path().join("uit-kapot.sqlite3"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !dir.path().join("uit-kapot.sqlite3").exists(),
        "nothing restored from a damaged file"
    );
    let foreign = dir.path().join("vreemd.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute("CREATE TABLE x (a)", [])
        .unwrap();
    let out = restore(&foreign, &dir.path().join("uit-vreemd.sqlite3"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("geen Meedoen-database"));
    let jsonl = dir.path().join("export.jsonl");
    let out = std::process::Command::new(bin)
        .args(["export", "--db"])
        .arg(&path)
        .arg("--naar")
        .arg(&jsonl)
        .args(["--doel", "overdracht archief gemeente"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&jsonl).unwrap();
    assert_eq!(text.lines().count() as i64, n(&path));
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(first["velden"].is_object());
    let audited: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE actie = 'exporteren' AND doel = 'overdracht archief gemeente'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn the_operator_commands_have_help_a_version_and_refuse_what_they_do_not_know() {
    let bin = env!("CARGO_BIN_EXE_meedoen-server");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();
    let v = run(&["--version"]);
    assert!(v.status.success());
    assert_eq!(
        String::from_utf8_lossy(&v.stdout).trim(),
        format!("meedoen-server {}", env!("CARGO_PKG_VERSION"))
    );
    for cmd in [
        "serve",
        "gebruiker-toevoegen",
        "backup",
        "herstel",
        "export",
        "rapport",
        "comprimeer",
        "add-user",
        "restore",
    ] {
        let h = run(&[cmd, "--help"]);
        assert!(h.status.success(), "{cmd} --help");
        assert!(
            String::from_utf8_lossy(&h.stdout).contains("Usage:"),
            "{cmd}"
        );
    }
    let h = run(&["--help"]);
    assert!(String::from_utf8_lossy(&h.stdout).contains("Afsluitcodes"));
    // A misspelled option: exit 2 with a hint to the right one; nothing is done.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    let typo = run(&["backup", "--db", db.to_str().unwrap(), "--naaar", "y"]);
    assert_eq!(typo.status.code(), Some(2));
    let err = String::from_utf8_lossy(&typo.stderr);
    assert!(err.contains("--naaar") && err.contains("--naar"), "{err}");
    assert!(!db.exists(), "nothing was done");
    for args in [
        &["vertaal"][..],
        &["serve", "--adres", "geen-adres"],
        &["serve", "--log-niveau", "luid"],
        &[
            "rapport",
            "--db",
            "x",
            "--jaar",
            "2025",
            "--van",
            "2025-01-01",
        ],
        &[
            "gebruiker-toevoegen",
            "--db",
            "x",
            "--gebruikersnaam",
            "a",
            "--naam",
            "b",
            "--rol",
            "baas",
            "--team",
            "t",
        ],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
