//! Durability: the real server binary is killed with SIGKILL in the middle of a stream of
//! writes, restarted on the same SQLite file, and every acknowledged write is there. Stopped
//! with SIGTERM instead, it finishes what is in flight, writes the WAL back and exits 0.

mod common;

use common::{http, Client};
use serde_json::json;
use std::process::{Child, Command, Stdio};

fn launch(db: &std::path::Path) -> (Child, std::net::SocketAddr) {
    common::launch_binary(db, &[], Stdio::null())
}

async fn sign_in(addr: std::net::SocketAddr) -> Client {
    common::sign_in_at(addr, "pc.ramdin", "demo-participatie-1").await
}

/// One write that does not panic when the server dies mid-request.
async fn try_write(addr: std::net::SocketAddr, c: &Client, body: &str) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    let req = format!(
        "POST /api/mutaties HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {}\r\nX-CSRF-Token: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        c.cookie, c.csrf, body.len()
    );
    s.write_all(req.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.ok()?;
    let text = String::from_utf8_lossy(&buf);
    text.get(9..12)?.parse().ok()
}

/// Send writes (ids `{prefix}-{n}`) until the server is gone; `signal` is sent to it once ten
/// writes have been acknowledged (by progress, not by time: a busy machine is slower, never
/// wrong), so it lands in the middle of the stream. Returns the numbers acknowledged.
async fn stream_until_signal(
    addr: std::net::SocketAddr,
    c: &Client,
    resident: i64,
    pid: u32,
    signal: &'static str,
    prefix: &str,
) -> Vec<usize> {
    let acked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = acked.clone();
    let killer = tokio::spawn(async move {
        for _ in 0..6000 {
            if seen.load(std::sync::atomic::Ordering::SeqCst) >= 10 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
    });
    let mut acknowledged = Vec::new();
    let mut failed = 0;
    for n in 0..100_000 {
        let body = json!({"mutatie_id": format!("{prefix}-m-{n}"), "soort": "gesprek", "id": format!("{prefix}-{n}"), "inwoner_id": resident, "basis_versie": 0, "velden": {"datum": "2025-06-02", "soort": "voortgang", "verslag": format!("Schrijven {n}")}}).to_string();
        match try_write(addr, c, &body).await {
            Some(201) => {
                acknowledged.push(n);
                acked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            Some(other) => panic!("write {n}: {other}"),
            None => {
                failed += 1;
                if failed > 3 {
                    break;
                }
            }
        }
    }
    killer.await.unwrap();
    acknowledged
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_in_flight_writes_checkpoints_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("term.sqlite3");
    let (mut child, addr) = launch(&db);
    let c = sign_in(addr).await;
    let r = http(addr, "GET", "/api/inwoners", &[("Cookie", &c.cookie)], None).await;
    let resident = r.json()["inwoners"][0]["id"].as_i64().unwrap();
    let acknowledged = stream_until_signal(addr, &c, resident, child.id(), "TERM", "term").await;
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a clean stop exits 0");
    assert!(
        acknowledged.len() > 5,
        "writes were acknowledged before the stop"
    );
    // The WAL was written back: the database file alone holds everything.
    let wal = dir.path().join("term.sqlite3-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the WAL is empty after a clean stop"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id FROM dossier WHERE id LIKE 'term-%'")
        .unwrap();
    let stored: std::collections::HashSet<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for n in &acknowledged {
        assert!(
            stored.contains(&format!("term-{n}")),
            "acknowledged write {n} lost"
        );
    }
    println!(
        "SIGTERM: {} writes acknowledged, all present, exit 0, WAL written back",
        acknowledged.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_write_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let (mut child, addr) = launch(&db);
    let c = sign_in(addr).await;
    let r = http(addr, "GET", "/api/inwoners", &[("Cookie", &c.cookie)], None).await;
    let resident = r.json()["inwoners"][0]["id"].as_i64().unwrap();

    // Kill the server while writes stream in.
    let acknowledged = stream_until_signal(addr, &c, resident, child.id(), "KILL", "kill").await;
    child.wait().unwrap();
    assert!(
        acknowledged.len() > 5,
        "writes were acknowledged before the kill"
    );

    // Restart on the same file: every acknowledged write is there, the database is sound.
    let (mut child, addr) = launch(&db);
    let c = sign_in(addr).await;
    let r = http(
        addr,
        "GET",
        &format!("/api/inwoners/{resident}/dossier"),
        &[("Cookie", &c.cookie)],
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    let stored: std::collections::HashSet<String> = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| {
            r["id"]
                .as_str()
                .filter(|id| id.starts_with("kill-"))
                .map(str::to_string)
        })
        .collect();
    for n in &acknowledged {
        assert!(
            stored.contains(&format!("kill-{n}")),
            "acknowledged write {n} lost"
        );
    }
    println!(
        "crash test: {} writes acknowledged before SIGKILL, all {} found after restart ({} stored in total)",
        acknowledged.len(),
        acknowledged.len(),
        stored.len()
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}
