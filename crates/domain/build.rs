//! Embeds every rule file under `rules/` at build time, so a new table version is a data
//! change only: drop a file in, and the engine loads (and validates) it. The build also parses,
//! checks and compiles every table with the crate's own modules and writes the compiled set
//! (`rules.bin`): the browser reads that instead of parsing, and a table that fails its checks
//! fails the build, with every problem named.

use std::{env, fs, path::Path};

// The modules that read and check a rule file, shared with the library (they use only each
// other, chrono and serde).
#[allow(dead_code, unused_imports)]
#[path = "src/analysis.rs"]
mod analysis;
#[allow(dead_code, unused_imports)]
#[path = "src/schema.rs"]
mod schema;
#[allow(dead_code, unused_imports)]
#[path = "src/table.rs"]
mod table;
#[allow(dead_code, unused_imports, unused_macros)]
#[path = "src/text.rs"]
mod text;
#[allow(dead_code, unused_imports, unused_macros)]
#[path = "src/vocab.rs"]
mod vocab;

/// Parse, check and compile every rule file; the compiled set as `RuleSet::encode` writes it.
fn compile_rules(root: &Path, files: &[std::path::PathBuf]) -> Vec<u8> {
    let mut tables: [Vec<(table::Table, analysis::Compiled)>; 3] = Default::default();
    let mut errors = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let folder = rel.split('/').next().unwrap_or("");
        let Some(k) = schema::ALL.iter().position(|s| s.table == folder) else {
            errors.push(format!("{rel}: map '{folder}' hoort bij geen tabel"));
            continue;
        };
        let text = fs::read_to_string(f).unwrap();
        match table::parse(&rel, &text, schema::ALL[k]) {
            Ok(t) => match analysis::compile(&t) {
                Ok(c) => tables[k].push((t, c)),
                Err(e) => errors.extend(e.iter().map(ToString::to_string)),
            },
            Err(e) => errors.extend(e.iter().map(ToString::to_string)),
        }
    }
    if !errors.is_empty() {
        panic!(
            "de regeltabellen kloppen niet (the rule tables are invalid):\n{}",
            errors.join("\n")
        );
    }
    for list in &mut tables {
        list.sort_by_key(|(t, _)| t.valid_from);
    }
    analysis::write_set(
        tables
            .iter()
            .map(|list| list.iter().map(|(t, c)| (t, c)).collect()),
    )
}

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
    fs::write(
        Path::new(&out_dir).join("rules.bin"),
        compile_rules(&root, &files),
    )
    .unwrap();

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
