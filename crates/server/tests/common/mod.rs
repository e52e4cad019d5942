//! Shared test harness: the real router on a loopback port over a fresh SQLite file with the
//! demo municipality, a movable clock, and a minimal HTTP/1.1 client.
#![allow(dead_code)]

use chrono::{Duration, Utc};
use meedoen_server::{app, db, demo, AppState};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub struct Server {
    pub addr: std::net::SocketAddr,
    pub state: AppState,
    pub minutes: Arc<AtomicI64>,
    _dir: tempfile::TempDir,
}

impl Server {
    /// The database file the server runs on.
    pub fn db_path(&self) -> std::path::PathBuf {
        self._dir.path().join("a.sqlite3")
    }
}

pub async fn start() -> Server {
    start_serving(None).await
}

/// The same server, also serving the static app from `dist` (with its SPA fallback).
pub async fn start_serving(dist: Option<std::path::PathBuf>) -> Server {
    start_with(dist, Vec::new()).await
}

/// The same server behind configured trusted proxies (the tests connect from 127.0.0.1).
pub async fn start_with(
    dist: Option<std::path::PathBuf>,
    trusted_proxies: Vec<std::net::IpAddr>,
) -> Server {
    start_configured(dist, trusted_proxies, false).await
}

/// The same server as if behind TLS (`--veilige-cookies`).
pub async fn start_secure() -> Server {
    start_configured(None, Vec::new(), true).await
}

async fn start_configured(
    dist: Option<std::path::PathBuf>,
    trusted_proxies: Vec<std::net::IpAddr>,
    secure_cookies: bool,
) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open(&dir.path().join("a.sqlite3")).unwrap();
    demo::seed(&mut conn).unwrap();
    let mut state = AppState::new(conn, dist);
    state.trusted_proxies = trusted_proxies;
    state.secure_cookies = secure_cookies;
    let minutes = Arc::new(AtomicI64::new(0));
    let m = minutes.clone();
    let start = Utc::now();
    state.clock = Arc::new(move || start + Duration::minutes(m.load(Ordering::SeqCst)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap()
    });
    Server {
        addr,
        state,
        minutes,
        _dir: dir,
    }
}

#[derive(Debug)]
pub struct Res {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Res {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// One HTTP/1.1 request over a fresh TCP connection.
pub async fn http(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Res {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    if let Some(b) = body {
        s.write_all(b.as_bytes()).await.unwrap();
    }
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Res {
        status: head[9..12].parse().unwrap(),
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// A signed-in client: cookie and CSRF token.
pub struct Client {
    pub cookie: String,
    pub csrf: String,
}

/// Sign in at a server on `addr` (e.g. the real binary, [`launch_binary`]).
pub async fn sign_in_at(addr: std::net::SocketAddr, user: &str, password: &str) -> Client {
    let body = json!({"gebruikersnaam": user, "wachtwoord": password}).to_string();
    let r = http(
        addr,
        "POST",
        "/api/sessie",
        &[("Content-Type", "application/json")],
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    Client {
        cookie: r
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string(),
        csrf: r.json()["csrf"].as_str().unwrap().to_string(),
    }
}

impl Server {
    pub async fn sign_in(&self, user: &str, password: &str) -> Result<Client, Res> {
        let body = json!({"gebruikersnaam": user, "wachtwoord": password}).to_string();
        let r = http(
            self.addr,
            "POST",
            "/api/sessie",
            &[("Content-Type", "application/json")],
            Some(&body),
        )
        .await;
        if r.status != 200 {
            return Err(r);
        }
        let cookie = r.header("set-cookie").unwrap();
        let csrf = r.json()["csrf"].as_str().unwrap().to_string();
        Ok(Client {
            cookie: cookie.split(';').next().unwrap().to_string(),
            csrf,
        })
    }
    pub async fn demo(&self, user: &str) -> Client {
        let (_, _, _, _, pw) = demo::USERS.iter().find(|u| u.0 == user).unwrap();
        self.sign_in(user, pw)
            .await
            .unwrap_or_else(|r| panic!("{user}: {} {}", r.status, r.body))
    }
    pub async fn get(&self, c: &Client, path: &str) -> Res {
        http(self.addr, "GET", path, &[("Cookie", &c.cookie)], None).await
    }
    pub async fn post(&self, c: &Client, path: &str, body: &str) -> Res {
        http(
            self.addr,
            "POST",
            path,
            &[
                ("Cookie", &c.cookie),
                ("X-CSRF-Token", &c.csrf),
                ("Content-Type", "application/json"),
            ],
            Some(body),
        )
        .await
    }
    /// Any method with a JSON body (PATCH, DELETE, …).
    pub async fn send(&self, c: &Client, method: &str, path: &str, body: Option<&str>) -> Res {
        http(
            self.addr,
            method,
            path,
            &[
                ("Cookie", &c.cookie),
                ("X-CSRF-Token", &c.csrf),
                ("Content-Type", "application/json"),
            ],
            body,
        )
        .await
    }
    /// The first resident of the signed-in user's caseload.
    pub async fn first_resident(&self, c: &Client) -> i64 {
        self.get(c, "/api/inwoners").await.json()["inwoners"][0]["id"]
            .as_i64()
            .unwrap()
    }
    pub fn advance(&self, minutes: i64) {
        self.minutes.fetch_add(minutes, Ordering::SeqCst);
    }
    /// A `SELECT COUNT(*) …` straight from the database.
    pub fn count(&self, sql: &str) -> i64 {
        self.state
            .db
            .lock()
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }
}

/// The body of `POST /api/mutaties`.
pub fn mutation(
    id: &str,
    kind: &str,
    rec: &str,
    resident: i64,
    base: i64,
    fields: Value,
) -> String {
    json!({"mutatie_id": id, "soort": kind, "id": rec, "inwoner_id": resident, "basis_versie": base, "velden": fields}).to_string()
}

/// Start the real server binary on `db` (demo municipality, no app, a free loopback port) with
/// `extra` options; standard error goes to `stderr`. Returns the process and its address.
pub fn launch_binary(
    db: &std::path::Path,
    extra: &[&str],
    stderr: std::process::Stdio,
) -> (std::process::Child, std::net::SocketAddr) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_meedoen-server"))
        .args(["serve", "--db"])
        .arg(db)
        .args(["--adres", "127.0.0.1:0", "--demo", "--dist", "/nonexistent"])
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("server binary starts");
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("server prints its address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}
