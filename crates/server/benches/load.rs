//! Load benchmark, loopback only, bounded in count and time: the real router over a fresh
//! SQLite file with the demo municipality. Prints requests/s and p50/p99 for change-feed
//! reads, record reads and writes (mixed, concurrent, keep-alive), and the time of a first
//! full sync of a 250-resident caseload. Targets on a 2-core machine: ≥ 1,000 mixed
//! requests/s with p99 < 25 ms; first sync < 300 ms. Figures only; nothing is asserted.

use meedoen_server::{app, db, demo, AppState};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const CLIENTS: usize = 6;
const REQUESTS: usize = 6_000;
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    stream: BufReader<TcpStream>,
    cookie: String,
    csrf: String,
}

impl Conn {
    async fn open(addr: SocketAddr) -> Conn {
        let s = TcpStream::connect(addr).await.unwrap();
        s.set_nodelay(true).unwrap();
        Conn {
            stream: BufReader::new(s),
            cookie: String::new(),
            csrf: String::new(),
        }
    }

    async fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> (u16, String, String) {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
        if !self.cookie.is_empty() {
            req.push_str(&format!(
                "Cookie: {}\r\nX-CSRF-Token: {}\r\n",
                self.cookie, self.csrf
            ));
        }
        if let Some(b) = body {
            req.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                b.len()
            ));
        }
        req.push_str("\r\n");
        if let Some(b) = body {
            req.push_str(b);
        }
        self.stream
            .get_mut()
            .write_all(req.as_bytes())
            .await
            .unwrap();
        let mut status_line = String::new();
        self.stream.read_line(&mut status_line).await.unwrap();
        let status: u16 = status_line[9..12].parse().unwrap();
        let (mut length, mut cookie) = (0usize, String::new());
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (k, v) = line.split_once(':').unwrap();
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap();
            } else if k.eq_ignore_ascii_case("set-cookie") {
                cookie = v.trim().split(';').next().unwrap().to_string();
            }
        }
        let mut buf = vec![0; length];
        self.stream.read_exact(&mut buf).await.unwrap();
        (status, String::from_utf8(buf).unwrap(), cookie)
    }

    async fn sign_in(&mut self, user: &str, password: &str) {
        let body = json!({"gebruikersnaam": user, "wachtwoord": password}).to_string();
        let (status, text, cookie) = self.request("POST", "/api/sessie", Some(&body)).await;
        assert_eq!(status, 200, "{text}");
        self.cookie = cookie;
        self.csrf = serde_json::from_str::<Value>(&text).unwrap()["csrf"]
            .as_str()
            .unwrap()
            .to_string();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Feed,
    Read,
    Write,
    Report,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open(&dir.path().join("load.sqlite3")).unwrap();
    demo::seed(&mut conn).unwrap();
    // Give one consultant a caseload of 250 for the first-sync measurement.
    let big: i64 = conn
        .query_row(
            "SELECT id FROM gebruiker WHERE gebruikersnaam = 'pc.ramdin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE inwoner SET consulent_id = ?1 WHERE id IN (SELECT id FROM inwoner WHERE team = 'participatie' AND (consulent_id IS NULL OR consulent_id = ?1) ORDER BY consulent_id IS NULL, id LIMIT 250)",
        [big],
    )
    .unwrap();
    let records: i64 = conn
        .query_row("SELECT COUNT(*) FROM dossier", [], |r| r.get(0))
        .unwrap();
    let state = AppState::new(conn, None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(state);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    // First full sync of a 250-resident caseload (including its audit entries).
    let mut c = Conn::open(addr).await;
    c.sign_in("pc.ramdin", "demo-participatie-1").await;
    let mut first = Vec::new();
    let mut synced = 0;
    for round in 0..5 {
        let t = Instant::now();
        let (mut cursor, mut n) = (0i64, 0usize);
        loop {
            let (status, text, _) = c
                .request(
                    "GET",
                    &format!("/api/wijzigingen?sinds={cursor}&limiet=5000"),
                    None,
                )
                .await;
            assert_eq!(status, 200);
            let v: Value = serde_json::from_str(&text).unwrap();
            n += v["wijzigingen"].as_array().unwrap().len();
            cursor = v["tot"].as_i64().unwrap();
            if !v["meer"].as_bool().unwrap() {
                break;
            }
        }
        if round > 0 {
            first.push(t.elapsed());
        }
        synced = n;
    }
    first.sort();
    println!(
        "first full sync, caseload of 250 residents ({synced} records of {records} in the database): best {:.1} ms, median {:.1} ms",
        first[0].as_secs_f64() * 1000.0,
        percentile(&first, 0.5)
    );

    // Mixed load: each client is a consultant on their own caseload.
    let users = [
        ("pc.ramdin", "demo-participatie-1"),
        ("pc.devries", "demo-participatie-2"),
        ("pc.elamrani", "demo-participatie-3"),
    ];
    let start = Instant::now();
    let mut tasks = Vec::new();
    for k in 0..CLIENTS {
        let (user, password) = users[k % users.len()];
        tasks.push(tokio::spawn(async move {
            let mut c = Conn::open(addr).await;
            c.sign_in(user, password).await;
            // Beside each consultant, a team lead or a policy officer reading the report.
            let mut reader = Conn::open(addr).await;
            if k % 2 == 0 {
                reader.sign_in("tl.visser", "demo-teamleider-1").await;
            } else {
                reader.sign_in("bm.jansen", "demo-beleid-1").await;
            }
            let (_, text, _) = c.request("GET", "/api/inwoners", None).await;
            let ids: Vec<i64> = serde_json::from_str::<Value>(&text).unwrap()["inwoners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect();
            let (_, text, _) = c.request("GET", "/api/wijzigingen?sinds=0&limiet=5000", None).await;
            let mut cursor = serde_json::from_str::<Value>(&text).unwrap()["tot"].as_i64().unwrap();
            let mut samples: Vec<(Op, Duration)> = Vec::new();
            let mut i = 0usize;
            while i < REQUESTS / CLIENTS && start.elapsed() < TIME_LIMIT {
                let op = match i % 10 {
                    0..=3 => Op::Feed,
                    4..=6 => Op::Read,
                    7 => Op::Report,
                    _ => Op::Write,
                };
                let resident = ids[(i * 7 + k) % ids.len()];
                let t = Instant::now();
                let status = match op {
                    Op::Feed => {
                        let (s, text, _) = c.request("GET", &format!("/api/wijzigingen?sinds={cursor}&limiet=1000"), None).await;
                        cursor = serde_json::from_str::<Value>(&text).unwrap()["tot"].as_i64().unwrap();
                        s
                    }
                    Op::Read => c.request("GET", &format!("/api/inwoners/{resident}/dossier"), None).await.0,
                    Op::Report => reader.request("GET", &format!("/api/rapportage?jaar={}", 2024 + (i / 10) % 2), None).await.0,
                    Op::Write => {
                        let body = json!({"mutatie_id": format!("load-{k}-{i}"), "soort": "gesprek", "id": format!("load-{k}-{i}"), "inwoner_id": resident, "basis_versie": 0, "velden": {"datum": "2025-06-02", "soort": "voortgang", "verslag": "Belastingtest: voortgang besproken."}}).to_string();
                        c.request("POST", "/api/mutaties", Some(&body)).await.0
                    }
                };
                samples.push((op, t.elapsed()));
                assert!(status < 300, "{status}");
                i += 1;
            }
            samples
        }));
    }
    let mut all: Vec<(Op, Duration)> = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut total: Vec<Duration> = all.iter().map(|s| s.1).collect();
    total.sort();
    println!(
        "mixed load, {CLIENTS} keep-alive clients, {} requests in {:.2} s: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms",
        total.len(),
        elapsed,
        total.len() as f64 / elapsed,
        percentile(&total, 0.5),
        percentile(&total, 0.99)
    );
    for (op, name) in [
        (Op::Feed, "change-feed reads"),
        (Op::Read, "record reads (a resident's file)"),
        (Op::Write, "writes (mutations)"),
        (Op::Report, "council report (year; target p99 < 50 ms)"),
    ] {
        let mut d: Vec<Duration> = all.iter().filter(|s| s.0 == op).map(|s| s.1).collect();
        d.sort();
        println!(
            "  {name:<34} {:>5} requests, p50 {:.2} ms, p99 {:.2} ms",
            d.len(),
            percentile(&d, 0.5),
            percentile(&d, 0.99)
        );
    }
}
