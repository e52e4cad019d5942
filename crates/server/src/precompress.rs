//! Build step: compress the built apps once, at the highest levels, so the server never spends
//! maximum effort per request. Beside every text or wasm file in `dist/` it writes `NAME.br`
//! (brotli, quality 11) and `NAME.gz` (gzip, level 9) when they are smaller; the server picks
//! the variant the browser accepts (`Accept-Encoding`).

use std::io::Write;
use std::path::{Path, PathBuf};

/// What was compressed, for the build log and the benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compressed {
    pub path: PathBuf,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

const EXTENSIONS: &[&str] = &["html", "js", "wasm", "css", "txt", "json", "svg"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if e.file_type()?.is_dir() {
            files(&p, out)?;
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| EXTENSIONS.contains(&x))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// Brotli at quality 11 with a 4 MB window (the wasm files are over 1 MB).
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        w.write_all(data).expect("writing to memory");
    }
    out
}

/// Gzip at level 9.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(data).expect("writing to memory");
    w.finish().expect("writing to memory")
}

/// Compress every file of `dist` (and its folders). A stale `.br`/`.gz` of a file that no
/// longer compresses smaller is removed.
pub fn compress_dir(dist: &Path) -> std::io::Result<Vec<Compressed>> {
    let mut list = Vec::new();
    files(dist, &mut list)?;
    let mut done = Vec::new();
    for path in list {
        let data = std::fs::read(&path)?;
        let mut sizes = [0u64; 2];
        for (i, (ext, bytes)) in [("br", brotli(&data)), ("gz", gzip(&data))]
            .into_iter()
            .enumerate()
        {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(ext);
            let target = PathBuf::from(name);
            if bytes.len() < data.len() {
                std::fs::write(&target, &bytes)?;
                sizes[i] = bytes.len() as u64;
            } else {
                let _ = std::fs::remove_file(&target);
                sizes[i] = data.len() as u64;
            }
        }
        done.push(Compressed {
            path,
            raw: data.len() as u64,
            brotli: sizes[0],
            gzip: sizes[1],
        });
    }
    Ok(done)
}
