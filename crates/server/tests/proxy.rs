//! Behind a reverse proxy (issue 18): only a configured trusted proxy's `X-Forwarded-For` names
//! the client, for the form's rate limit, the sign-in limit and the audit log; from any other
//! peer the header is ignored, and addresses a client wrote into the header itself do not count.
//! Failed sign-ins are limited per address, so guessing from one address cannot lock every
//! account.

mod common;

use common::*;
use meedoen_server::limits::{RATE_PER_WINDOW, SIGN_IN_FAILURES_PER_WINDOW};
use serde_json::json;

fn form(n: u32) -> String {
    json!({"sleutel": format!("{n:0>40}"), "inzending": {
        "taal": "nl", "nu": [], "wil": ["vrijwilligerswerk"], "moeilijk": [],
        "contact": {"naam": "Proxy Test", "geboortedatum": "1979-04-02", "manier": "brief", "wanneer": []}
    }})
    .to_string()
}

async fn submit(s: &Server, n: u32, forwarded: Option<&str>) -> u16 {
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(f) = forwarded {
        headers.push(("X-Forwarded-For", f));
    }
    http(s.addr, "POST", "/api/inzendingen", &headers, Some(&form(n)))
        .await
        .status
}

async fn sign_in(s: &Server, user: &str, password: &str, forwarded: &str) -> u16 {
    let body = json!({"gebruikersnaam": user, "wachtwoord": password}).to_string();
    http(
        s.addr,
        "POST",
        "/api/sessie",
        &[
            ("Content-Type", "application/json"),
            ("X-Forwarded-For", forwarded),
        ],
        Some(&body),
    )
    .await
    .status
}

fn last_sign_in_address(s: &Server) -> Option<String> {
    s.state
        .db
        .lock()
        .unwrap()
        .query_row(
            "SELECT adres FROM audit WHERE actie = 'inloggen' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn a_forwarded_address_from_an_untrusted_peer_is_ignored() {
    let s = start().await;
    // Every request claims another address; the peer is the same, so the limit holds.
    let mut statuses = Vec::new();
    for n in 0..RATE_PER_WINDOW + 1 {
        statuses.push(submit(&s, n, Some(&format!("203.0.113.{n}"))).await);
    }
    assert_eq!(
        statuses.iter().filter(|&&c| c == 201).count(),
        RATE_PER_WINDOW as usize
    );
    assert_eq!(statuses.last(), Some(&429));
    assert_eq!(
        sign_in(&s, "pc.ramdin", "demo-participatie-1", "198.51.100.1").await,
        200
    );
    assert_eq!(last_sign_in_address(&s).as_deref(), Some("127.0.0.1"));
}

#[tokio::test]
async fn behind_a_trusted_proxy_limits_and_the_audit_log_use_the_forwarded_client() {
    let s = start_with(None, vec!["127.0.0.1".parse().unwrap()]).await;
    // One resident's address reaches the limit; another resident behind the same proxy does not.
    for n in 0..RATE_PER_WINDOW {
        assert_eq!(submit(&s, n, Some("203.0.113.5")).await, 201);
    }
    assert_eq!(submit(&s, 100, Some("203.0.113.5")).await, 429);
    assert_eq!(submit(&s, 101, Some("203.0.113.6")).await, 201);
    // A client that writes its own X-Forwarded-For before the proxy's cannot escape its limit:
    // the rightmost address that is not a trusted proxy counts.
    assert_eq!(submit(&s, 102, Some("10.9.8.7, 203.0.113.5")).await, 429);
    // Without the header the peer (the proxy itself) is the client.
    assert_eq!(submit(&s, 103, None).await, 201);

    assert_eq!(
        sign_in(&s, "pc.ramdin", "demo-participatie-1", "198.51.100.7").await,
        200
    );
    assert_eq!(last_sign_in_address(&s).as_deref(), Some("198.51.100.7"));
}

#[tokio::test]
async fn guessing_from_one_address_is_stopped_before_it_locks_every_account() {
    let s = start_with(None, vec!["127.0.0.1".parse().unwrap()]).await;
    let guesser = "192.0.2.66";
    let users = ["pc.ramdin", "pc.devries", "tl.visser", "wsp.bakker"];
    let mut refused = 0;
    // Wrong passwords round the accounts: after the address's limit, nothing is checked.
    for round in 0..10 {
        for user in users {
            match sign_in(&s, user, &format!("gok-{round}-xxxxxxxx"), guesser).await {
                401 | 423 => {}
                429 => refused += 1,
                other => panic!("{user}: {other}"),
            }
        }
    }
    assert!(refused >= 40 - SIGN_IN_FAILURES_PER_WINDOW as i32);
    let locked = s.count("SELECT COUNT(*) FROM gebruiker WHERE geblokkeerd_op IS NOT NULL");
    assert!(
        locked <= (SIGN_IN_FAILURES_PER_WINDOW / 5) as i64,
        "{locked} accounts locked by one address"
    );
    // The guessing address is refused even with a right password; others sign in.
    assert_eq!(sign_in(&s, "tl.visser", "x", guesser).await, 429);
    let free = users
        .iter()
        .find(|u| {
            s.count(&format!(
                "SELECT COUNT(*) FROM gebruiker WHERE gebruikersnaam = '{u}' AND geblokkeerd_op IS NULL"
            )) == 1
        })
        .unwrap();
    let (_, _, _, _, pw) = meedoen_server::demo::USERS
        .iter()
        .find(|x| x.0 == *free)
        .unwrap();
    assert_eq!(sign_in(&s, free, pw, "192.0.2.67").await, 200);
    // The window passes: the address may try again.
    s.advance(11);
    assert_eq!(sign_in(&s, free, pw, guesser).await, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_reads_forwarded_addresses_only_from_the_configured_proxy() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = launch_binary(
        &dir.path().join("p.sqlite3"),
        &["--vertrouwde-proxy", "127.0.0.1"],
        std::process::Stdio::null(),
    );
    let post = |n: u32, forwarded: &'static str| async move {
        http(
            addr,
            "POST",
            "/api/inzendingen",
            &[
                ("Content-Type", "application/json"),
                ("X-Forwarded-For", forwarded),
            ],
            Some(&form(n)),
        )
        .await
        .status
    };
    for n in 0..RATE_PER_WINDOW {
        assert_eq!(post(n, "203.0.113.9").await, 201);
    }
    assert_eq!(post(50, "203.0.113.9").await, 429);
    assert_eq!(
        post(51, "203.0.113.10").await,
        201,
        "another resident behind the proxy"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    // A bad proxy address is refused at start, with exit code 2.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_meedoen-server"))
        .args(["serve", "--vertrouwde-proxy", "proxy.example"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
