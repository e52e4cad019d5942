//! Embeds every rule file under `rules/` at build time, so a new table version is a data
//! change only: drop a file in, and the engine loads (and validates) it.

use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    for table in fs::read_dir(&root).unwrap() {
        let table = table.unwrap().path();
        if !table.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", table.display());
        for f in fs::read_dir(&table).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "md") {
                files.push(f);
            }
        }
    }
    files.sort();
    let mut out = String::from("/// Every rule file under `rules/`: (path relative to `rules/`, text).\npub static RULE_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    let out_dir = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out_dir).join("rule_files.rs"), out).unwrap();

    // The expert case files under tests/cases, for the one harness that walks them all
    // (natively and as wasm in the browser, where there is no file system).
    let cases = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("tests/cases");
    println!("cargo:rerun-if-changed={}", cases.display());
    let mut list: Vec<_> = fs::read_dir(&cases)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    list.sort();
    let mut out = String::from(
        "/// Every case file: (file name, text).\npub static CASE_FILES: &[(&str, &str)] = &[\n",
    );
    for f in &list {
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(Path::new(&out_dir).join("case_files.rs"), out).unwrap();
}
