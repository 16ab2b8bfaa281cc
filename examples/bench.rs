//! Benchmark: times a full build of the default edition — loading the data, Typst's compile
//! (cold; warm after reloading unchanged data; after an edit that changes a chapter title) and
//! PDF export, separately — and reports peak memory.
//!
//! Run: `cargo run --release --example bench [-- RUNS]`

use std::time::Instant;

use rapport::edition::default_edition;
use rapport::session::Session;

fn main() -> anyhow::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let id = default_edition(&root)?;

    let start = Instant::now();
    let mut session = Session::open(&root, &id)?;
    let load = start.elapsed();

    let mut compile = Vec::new();
    let mut export = Vec::new();
    let mut pages = 0;
    let mut size = 0;
    for run in 0..runs {
        if run > 0 {
            // A designer's edit: the data is reloaded from disk and the model changes.
            session.reload()?;
        }
        let t = Instant::now();
        let compiled = session.compile(None).map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
        compile.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let pdf = session.pdf(&compiled).map_err(|f| anyhow::anyhow!("export failed: {f:?}"))?;
        export.push(t.elapsed().as_secs_f64());
        pages = compiled.document.pages().len();
        size = pdf.len();
    }
    // A designer's edit that changes the report: one chapter title in the model.
    if let Some(chapter) = session.edition.model.parts.iter_mut().flat_map(|p| p.chapters.iter_mut()).next() {
        chapter.title.push_str(" (endret)");
    }
    let t = Instant::now();
    session.compile(None).map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
    let edited = t.elapsed().as_secs_f64();
    let warm = |v: &[f64]| if v.len() > 1 { v[1..].iter().sum::<f64>() / (v.len() - 1) as f64 } else { f64::NAN };
    println!("edition {id}: {pages} pages, {:.0} KiB PDF", size as f64 / 1024.0);
    println!("load data + fonts        {:>8.3} s", load.as_secs_f64());
    println!("compile (cold)           {:>8.3} s", compile[0]);
    println!("compile (warm, mean {})   {:>8.3} s", runs - 1, warm(&compile));
    println!("compile after an edit    {:>8.3} s", edited);
    println!("PDF export (first)       {:>8.3} s", export[0]);
    println!("PDF export (mean rest)   {:>8.3} s", warm(&export));
    println!("cold build total         {:>8.3} s", load.as_secs_f64() + compile[0] + export[0]);
    println!("peak memory (VmHWM)      {:>8.1} MiB", peak_rss_kib() as f64 / 1024.0);
    Ok(())
}

/// Peak resident set size of this process, from Linux's /proc (0 elsewhere).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
