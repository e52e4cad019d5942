//! Tidy checks on the source itself (issue 12): no two modules of the server or of the app import
//! each other, directly or through a loop. A module is a file; an import is a `crate::…` or
//! `super::…` path that names another module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file below `root` (`routes/record_form/mod.rs` → `routes::record_form`).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The module paths a file's source names, each as written after `crate::` or `super::`.
fn named_paths(src: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![];
    for (prefix, base) in [
        ("crate::", Vec::new()),
        ("super::", here[..here.len().saturating_sub(1)].to_vec()),
    ] {
        let mut rest = src;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().last();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let heads: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').map(|x| ident(x.trim())).collect()
            } else {
                let mut path = vec![];
                let mut r = rest;
                loop {
                    let id = ident(r);
                    if id.is_empty() {
                        break;
                    }
                    r = &r[id.len()..];
                    path.push(id);
                    match r.strip_prefix("::") {
                        Some(x) if !x.starts_with('{') => r = x,
                        _ => break,
                    }
                }
                vec![path.join("::")]
            };
            for h in heads.into_iter().filter(|h| !h.is_empty()) {
                let mut p = base.clone();
                p.extend(h.split("::").map(str::to_string));
                out.push(p);
            }
        }
    }
    out
}

/// A cycle in the module graph of the crate rooted at `root`, if there is one.
fn cycle(root: &Path) -> Option<Vec<String>> {
    let mut files = vec![];
    rust_files(root, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(root, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let here = module_of(root, f);
        let src = std::fs::read_to_string(f).unwrap();
        for path in named_paths(&src, &here) {
            // The longest prefix of the path that is a module.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p));
            if let Some(t) = target {
                // A module naming its own children is its declaration, not an import back.
                if t != here && !t.starts_with(&here) {
                    edges
                        .entry(here.join("::"))
                        .or_default()
                        .insert(t.join("::"));
                }
            }
        }
    }
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut c = stack[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(c) = visit(n, &edges, &mut vec![], &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_imports_itself_through_a_loop() {
    let server = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    for root in [server, app] {
        assert_eq!(cycle(&root), None, "import loop in {}", root.display());
    }
}

#[test]
fn the_loop_finder_finds_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.rs"), "use crate::b::x;").unwrap();
    std::fs::write(dir.path().join("b.rs"), "use crate::c::{y, z};").unwrap();
    std::fs::write(dir.path().join("c.rs"), "fn f() { super::a::g() }").unwrap();
    std::fs::write(dir.path().join("lib.rs"), "mod a; mod b; mod c;").unwrap();
    let c = cycle(dir.path()).expect("a → b → c → a");
    assert_eq!(c.first(), c.last());
    assert_eq!(c.len(), 4);
}
