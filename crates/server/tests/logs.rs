//! Logs of the real binary (issue 18): one line per request with its id, the route template,
//! the status and the duration, on standard error; no password, token, user name or personal
//! data in them; a 5xx never without a logged cause.

mod common;

use common::http;
use serde_json::json;
use std::io::Read;
use std::process::{Command, Stdio};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_line_per_request_with_route_status_and_duration_and_nothing_personal() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = common::launch_binary(
        &dir.path().join("log.sqlite3"),
        &["--log-niveau", "info"],
        Stdio::piped(),
    );

    let password = "demo-participatie-1";
    let body = json!({"gebruikersnaam": "pc.ramdin", "wachtwoord": password}).to_string();
    let r = http(
        addr,
        "POST",
        "/api/sessie",
        &[("Content-Type", "application/json")],
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 200);
    let cookie = r
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let token = cookie.split('=').nth(1).unwrap().to_string();
    let csrf = r.json()["csrf"].as_str().unwrap().to_string();
    let list = http(addr, "GET", "/api/inwoners", &[("Cookie", &cookie)], None).await;
    let first = &list.json()["inwoners"][0];
    let (id, name) = (
        first["id"].as_i64().unwrap(),
        first["velden"]["naam"].as_str().unwrap().to_string(),
    );
    let file = http(
        addr,
        "GET",
        &format!("/api/inwoners/{id}/dossier?x={}", name.replace(' ', "%20")),
        &[("Cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(file.status, 200);
    let wrong = http(addr, "GET", "/api/bestaat-niet", &[], None).await;
    assert_eq!(wrong.status, 404);

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));

    let lines: Vec<&str> = log.lines().filter(|l| l.contains(" verzoek ")).collect();
    assert_eq!(lines.len(), 4, "one line per request:\n{log}");
    let sign_in = lines
        .iter()
        .find(|l| l.contains("route=/api/sessie"))
        .unwrap();
    assert!(
        sign_in.contains("status=200")
            && sign_in.contains("methode=POST")
            && sign_in.contains("ms="),
        "{sign_in}"
    );
    assert!(
        sign_in.contains(&format!("verzoek={}", r.header("x-request-id").unwrap())),
        "{sign_in}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("route=/api/inwoners/{id}/dossier") && l.contains("status=200")),
        "the route template, not the address:\n{log}"
    );
    assert!(lines.iter().any(|l| l.contains("status=404")));
    for secret in [password, "pc.ramdin", &token, &csrf, &name] {
        assert!(!log.contains(secret), "the log holds '{secret}':\n{log}");
    }
}
