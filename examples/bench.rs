//! Benchmark of the default edition (pinned to 2020-2023), reporting times and memory.
//!
//! Run: `cargo run --release --example bench [-- build|stages|print|watch|table|scale|baseline|web|diff|profile|all] [RUNS]`
//! (`RAPPORT_PROJECT=DIR` measures the project in DIR instead of this checkout).
//!
//! - `build`: loading, Typst's compile (cold; warm after reloading unchanged data; after an
//!   edit that changes a chapter title) and PDF export, separately, and peak memory;
//! - `stages`: where a cold build's time goes, for the screen PDF, the print job and the
//!   handouts: loading, each Typst compile with its layout iterations, PDF export, and the
//!   print file's finishing (CMYK, boxes, marks, the cover file); the handouts against the
//!   full build;
//! - `print`: the screen build (compile, export) against the print build (the print
//!   rendition's compile, export and finishing for the press: CMYK, boxes, marks, and the
//!   cover file of a perfect-bound book, typeset and finished too), both cold
//!   (Typst's cache evicted before each), and the ratio, which must stay at most 1.5;
//! - `watch`: 20 rebuilds after an edit to one table's CSV on disk, as `rapport watch` does
//!   them (data reloaded, report typeset, exported and written), the median and its steps;
//!   then 200 rebuilds after edits in memory (evicting Typst's cache after each), and the
//!   resident memory after the first and the last;
//! - `table`: only the rebuilds after a table edit, RUNS of them (to run under a profiler);
//! - `scale`: the report with each chapter's text 1, 2, 4 and 8 times, and one chapter with
//!   2 000 to 16 000 more short paragraphs: pages and compile time, to show how time grows;
//! - `baseline`: the report's screen build (compile and export) against Typst typesetting the
//!   seed's words unstyled (one paragraph per seed paragraph, the body font, `nb`), both cold
//!   and alternating, medians of RUNS: the ratio says what the design costs over Typst itself;
//!   and Typst setting the same words with the report's body typography (hyphenated, lines
//!   broken per paragraph, read from theme.typ), which says how much of that cost is the
//!   typography alone; the goal is the report within 2 × that.
//!   The seed is read from `tests/fixtures/seed/` (a measurement, not the tool);
//! - `web`: the web edition (`build --web`'s site: typeset as HTML bundle and exported)
//!   against the screen PDF (compile and export), both cold and alternating, medians of RUNS,
//!   with the site's pages, files and size (goal: the site in less than the PDF's time);
//! - `diff`: the review loop as an editor runs it (`rapport approve`, then `rapport diff`),
//!   in a copy of the project with the release binary (built first): the approval, a diff
//!   of the unchanged edition (the build record reused), after one table number is edited a
//!   `rapport build` and the diff that takes its record, and after another edit a diff alone
//!   (typeset again), each a process of its own as on the command line;
//! - `profile`: where one cold screen build spends its time, from Typst's own timing events:
//!   the self time and count of each kind of step (layout passes, shaping, realization, …),
//!   and per line of the layout's source (`RAPPORT_TIMING_JSON=FILE` keeps the events, for
//!   a trace viewer).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rapport::build::Target;
use rapport::typeset::session::Session;

const EDITION: &str = "2020-2023";

fn main() -> anyhow::Result<()> {
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    let runs: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    // Another checkout can be measured with the same binary: RAPPORT_PROJECT=DIR.
    let root =
        std::env::var_os("RAPPORT_PROJECT").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    if matches!(what.as_str(), "build" | "all") {
        build(&root, runs)?;
    }
    if matches!(what.as_str(), "stages" | "all") {
        stages(&root)?;
    }
    if matches!(what.as_str(), "print" | "all") {
        print(&root, runs)?;
    }
    if matches!(what.as_str(), "watch" | "all") {
        watch(&root, 200)?;
    }
    // Only the rebuilds after a table edit, `runs` of them (for a profiler).
    if what == "table" {
        watch_table(&root, runs)?;
    }
    if matches!(what.as_str(), "scale" | "all") {
        scale(&root)?;
    }
    if matches!(what.as_str(), "baseline" | "all") {
        baseline(&root, runs)?;
    }
    if matches!(what.as_str(), "web" | "all") {
        web(&root, runs)?;
    }
    if matches!(what.as_str(), "diff" | "all") {
        diff(&root)?;
    }
    if matches!(what.as_str(), "profile" | "all") {
        profile(&root)?;
    }
    Ok(())
}

fn build(root: &Path, runs: usize) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut session = Session::open(root, EDITION)?;
    let load = start.elapsed();
    let (mut compile, mut export) = (Vec::new(), Vec::new());
    let (mut pages, mut size) = (0, 0);
    for run in 0..runs.max(2) {
        if run > 0 {
            // The data is reloaded from disk, unchanged.
            session.reload()?;
        }
        let t = Instant::now();
        let compiled = rapport::build::typeset(&mut session, &Target::Screen)
            .map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
        compile.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let pdf = rapport::build::export(&session, &compiled, &Target::Screen)
            .map_err(|f| anyhow::anyhow!("export failed: {f:?}"))?;
        export.push(t.elapsed().as_secs_f64());
        pages = compiled.document.pages().len();
        size = pdf.len();
    }
    edit_title(&mut session, 0);
    let t = Instant::now();
    rapport::build::typeset(&mut session, &Target::Screen).map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
    let edited = t.elapsed().as_secs_f64();
    let warm = |v: &[f64]| v[1..].iter().sum::<f64>() / (v.len() - 1) as f64;
    println!("edition {EDITION}: {pages} pages, {:.0} KiB PDF", size as f64 / 1024.0);
    println!("load data + fonts        {:>8.3} s", load.as_secs_f64());
    println!("compile (cold)           {:>8.3} s", compile[0]);
    println!("compile (warm, mean {})   {:>8.3} s", compile.len() - 1, warm(&compile));
    println!("compile after an edit    {:>8.3} s", edited);
    println!("PDF export (first)       {:>8.3} s", export[0]);
    println!("PDF export (mean rest)   {:>8.3} s", warm(&export));
    println!("cold build total         {:>8.3} s", load.as_secs_f64() + compile[0] + export[0]);
    println!("peak memory (VmHWM)      {:>8.1} MiB", memory("VmHWM:") as f64 / 1024.0);
    Ok(())
}

/// A compile of `target`, cold, with the number of layout iterations Typst needed (its
/// `layout document` timing events) and its time.
fn compile_counted(
    session: &mut Session,
    target: &Target,
) -> anyhow::Result<(rapport::typeset::session::Compiled, usize, f64)> {
    typst::comemo::evict(0);
    typst_timing::clear();
    typst_timing::enable();
    let t = Instant::now();
    let compiled = rapport::build::typeset(session, target).map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
    let secs = t.elapsed().as_secs_f64();
    typst_timing::disable();
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |span| source_line(&session.world, span)).map_err(|e| anyhow::anyhow!(e))?;
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json)?;
    let iterations = events.iter().filter(|e| e["ph"] == "B" && e["name"] == "layout document").count();
    Ok((compiled, iterations, secs))
}

/// Where the time of each cold build goes: screen, print job, handouts.
fn stages(root: &Path) -> anyhow::Result<()> {
    let t = Instant::now();
    let mut session = Session::open(root, EDITION)?;
    println!("stages: load data + fonts + theme     {:>8.3} s", t.elapsed().as_secs_f64());
    let (compiled, iterations, compile) = compile_counted(&mut session, &Target::Screen)?;
    let t = Instant::now();
    rapport::build::export(&session, &compiled, &Target::Screen).map_err(|f| anyhow::anyhow!("{f:?}"))?;
    let export = t.elapsed().as_secs_f64();
    println!("stages: screen compile ({iterations} iterations)  {compile:>8.3} s");
    println!("stages: screen PDF export             {export:>8.3} s");
    let full = compile + export;
    let print = Target::Print { output_intent: None, allow_placeholders: true };
    let (compiled, iterations, compile) = compile_counted(&mut session, &print)?;
    let t = Instant::now();
    rapport::build::export(&session, &compiled, &print).map_err(|f| anyhow::anyhow!("{f:?}"))?;
    let export = t.elapsed().as_secs_f64();
    typst::comemo::evict(0);
    let t = Instant::now();
    rapport::build::build(&mut session, &print).map_err(|e| anyhow::anyhow!("{e}"))?;
    let whole = t.elapsed().as_secs_f64();
    println!("stages: print compile ({iterations} iterations)   {compile:>8.3} s");
    println!("stages: print PDF export              {export:>8.3} s");
    println!("stages: print cover file + finishing  {:>8.3} s", (whole - compile - export).max(0.0));
    println!("stages: print job in all              {whole:>8.3} s");
    let slugs: Vec<String> = session.edition.config.chapters().map(|c| c.slug.clone()).collect();
    typst::comemo::evict(0);
    let t = Instant::now();
    for slug in &slugs {
        rapport::build::build(&mut session, &Target::Chapter(slug.clone())).map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let one_by_one = t.elapsed().as_secs_f64();
    println!("stages: {} handouts one by one, one cache {one_by_one:>8.3} s", slugs.len());
    // As `build --handouts` makes them: typeset and exported together, on every core.
    typst::comemo::evict(0);
    let t = Instant::now();
    for built in rapport::build::build_handouts(&mut session, &slugs).map_err(|e| anyhow::anyhow!("{e}"))? {
        built.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let handouts = t.elapsed().as_secs_f64();
    println!("stages: {} handouts together           {handouts:>8.3} s", slugs.len());
    println!("stages: handouts / full screen build  {:>8.2} ×", handouts / full);
    Ok(())
}

/// Screen build against print build, each cold, `runs` times; prints the means and the ratio.
fn print(root: &Path, runs: usize) -> anyhow::Result<()> {
    let mut session = Session::open(root, EDITION)?;
    let settings = rapport::build::print_settings(&session, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    let (mut screen, mut print, mut finish) = (Vec::new(), Vec::new(), Vec::new());
    let mut pages = 0;
    for _ in 0..runs.max(1) {
        typst::comemo::evict(0);
        let t = Instant::now();
        let compiled = rapport::build::typeset(&mut session, &Target::Screen)
            .map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
        let pdf = rapport::build::export(&session, &compiled, &Target::Screen)
            .map_err(|f| anyhow::anyhow!("export failed: {f:?}"))?;
        screen.push(t.elapsed().as_secs_f64());
        typst::comemo::evict(0);
        let t = Instant::now();
        let finished =
            rapport::build::build(&mut session, &Target::Print { output_intent: None, allow_placeholders: true })
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        print.push(t.elapsed().as_secs_f64());
        pages = finished.pages;
        // The finishing alone, on the screen PDF's bytes (the same work on the same size).
        let t = Instant::now();
        let folios: Vec<u64> = (1..=compiled.document.pages().len() as u64).collect();
        rapport::outputs::print::finish(
            &pdf,
            &settings,
            &rapport::outputs::print::Inks::default(),
            true,
            &folios,
            &|_, _| String::new(),
        )?;
        finish.push(t.elapsed().as_secs_f64());
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!("print: screen build (cold)          {:>8.3} s", mean(&screen));
    println!("print: print build (cold, {pages} pages) {:>8.3} s", mean(&print));
    println!("print: of which finishing (lopdf)   {:>8.3} s", mean(&finish));
    println!("print: print / screen               {:>8.2} ×", mean(&print) / mean(&screen));
    Ok(())
}

/// A designer's edit: one chapter title changes, so Innhold and running heads change too.
fn edit_title(session: &mut Session, n: usize) {
    if let Some(chapter) = session.model.parts.iter_mut().flat_map(|p| p.chapters.iter_mut()).next() {
        chapter.title = format!("{} ({n})", chapter.title.split(" (").next().unwrap_or_default());
    }
}

/// `rapport watch`'s loop without the file watcher: edit, rebuild, export, evict.
fn watch(root: &Path, rebuilds: usize) -> anyhow::Result<()> {
    watch_table(root, 20)?;
    let mut session = Session::open(root, EDITION)?;
    let mut after_first = 0;
    let start = Instant::now();
    for n in 0..rebuilds {
        edit_title(&mut session, n);
        let compiled = rapport::build::typeset(&mut session, &Target::Screen)
            .map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
        rapport::build::export(&session, &compiled, &Target::Screen)
            .map_err(|f| anyhow::anyhow!("export failed: {f:?}"))?;
        // Set RAPPORT_BENCH_NO_EVICT to see the growth that evicting prevents.
        if std::env::var_os("RAPPORT_BENCH_NO_EVICT").is_none() {
            typst::comemo::evict(10);
        }
        if n == 0 {
            after_first = memory("VmRSS:");
        }
        if (n + 1) % 50 == 0 {
            println!("watch: after {} rebuilds: {:.1} MiB resident", n + 1, memory("VmRSS:") as f64 / 1024.0);
        }
    }
    let per = start.elapsed().as_secs_f64() / rebuilds as f64;
    println!(
        "watch: {rebuilds} rebuilds after edits, {per:.3} s each; resident memory after the first {:.1} MiB, after the last {:.1} MiB, peak {:.1} MiB",
        after_first as f64 / 1024.0,
        memory("VmRSS:") as f64 / 1024.0,
        memory("VmHWM:") as f64 / 1024.0
    );
    Ok(())
}

/// `rapport watch` after an edit to one table on disk (in a copy of the project): the data
/// reloaded, the report typeset and exported, the PDF written; medians of `rebuilds`.
fn watch_table(root: &Path, rebuilds: usize) -> anyhow::Result<()> {
    let dir = copy_project(root)?;
    let table = dir.path().join("data").join(EDITION).join("tables/okonomi/omstillingsbelop.csv");
    let original = std::fs::read_to_string(&table)?;
    let mut session = Session::open(dir.path(), EDITION)?;
    let out = dir.path().join("out.pdf");
    let first = rapport::build::build(&mut session, &Target::Screen).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(&out, &first.pdf)?;
    let mut steps: [Vec<f64>; 5] = Default::default();
    for n in 0..rebuilds {
        // One cell of one table changes: 80 → 81, 82, …
        std::fs::write(&table, original.replacen(";80\n", &format!(";{}\n", 81 + n), 1))?;
        let t = Instant::now();
        session.reload()?;
        let reload = t.elapsed().as_secs_f64();
        let compiled = rapport::build::typeset(&mut session, &Target::Screen).map_err(|e| anyhow::anyhow!("{e}"))?;
        let compile = t.elapsed().as_secs_f64() - reload;
        let pdf = rapport::build::export(&session, &compiled, &Target::Screen).map_err(|e| anyhow::anyhow!("{e}"))?;
        let export = t.elapsed().as_secs_f64() - reload - compile;
        rapport::outputs::files::write_atomic(&out, &pdf)?;
        let all = t.elapsed().as_secs_f64();
        typst::comemo::evict(10);
        for (times, value) in steps.iter_mut().zip([reload, compile, export, all - reload - compile - export, all]) {
            times.push(value);
        }
    }
    let [reload, compile, export, write, all] = steps.map(median);
    println!(
        "watch: {rebuilds} rebuilds after a table edit, median {all:.3} s each: reload {reload:.3} s, compile {compile:.3} s, export {export:.3} s, write {write:.3} s (goal: under 0.150 s)"
    );
    Ok(())
}

/// Compile times of larger reports, built in a temporary copy of the project.
fn scale(root: &Path) -> anyhow::Result<()> {
    let times_list: &[usize] = if std::env::var_os("RAPPORT_BENCH_PARAGRAPHS").is_some() { &[] } else { &[1, 2, 4, 8] };
    for &times in times_list {
        let (pages, secs) = timed_copy(root, |dir| repeat_chapters(dir, times))?;
        println!("scale: chapters ×{times}: {pages} pages in {secs:.2} s");
    }
    let sizes: Vec<usize> = std::env::var("RAPPORT_BENCH_PARAGRAPHS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 4_000, 8_000, 16_000]);
    for paragraphs in sizes {
        let (pages, secs) = timed_copy(root, |dir| long_chapter(dir, paragraphs))?;
        println!("scale: one chapter + {paragraphs} paragraphs: {pages} pages in {secs:.2} s");
    }
    Ok(())
}

fn timed_copy(root: &Path, change: impl Fn(&Path) -> anyhow::Result<()>) -> anyhow::Result<(usize, f64)> {
    let dir = copy_project(root)?;
    change(&dir.path().join("data").join(EDITION))?;
    let mut session = Session::open(dir.path(), EDITION)?;
    let t = Instant::now();
    let compiled =
        rapport::build::typeset(&mut session, &Target::Screen).map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
    Ok((compiled.document.pages().len(), t.elapsed().as_secs_f64()))
}

/// The report against plain Typst on the seed's words, cold, alternating; medians.
fn baseline(root: &Path, runs: usize) -> anyhow::Result<()> {
    let seed = std::fs::read_to_string(root.join("tests/fixtures/seed/4-arsrapport-2020-2023.txt"))?;
    // Copies of the project whose layout sets the seed's paragraphs and nothing else: unstyled
    // (Typst's defaults), and with the report's body typography (theme.typ's `typography`:
    // hyphenated, lines broken per paragraph, its costs), to tell the typography's cost from
    // the rest of the design's.
    let settings = [
        "",
        "#import \"/layout/theme.typ\": theme\n#set text(hyphenate: theme.typography.hyphenate, costs: theme.typography.costs)\n#set par(justify: false, linebreaks: theme.typography.linebreaks)\n",
    ];
    let mut plains = Vec::new();
    for set in settings {
        let plain = copy_project(root)?;
        std::fs::write(plain.path().join("data").join(EDITION).join("seed.txt"), &seed)?;
        let doc = format!(
            "#set document(title: \"Seed\")\n#set text(font: \"Inter\", lang: \"nb\")\n{set}#for p in read(\"/data/{EDITION}/seed.txt\").split(\"\\n\") {{ if p.trim() != \"\" {{ par(p) }} }}\n"
        );
        std::fs::write(plain.path().join("layout/report.typ"), doc)?;
        plains.push(plain);
    }
    let mut sessions = [
        Session::open(root, EDITION)?,
        Session::open(plains[0].path(), EDITION)?,
        Session::open(plains[1].path(), EDITION)?,
    ];
    let mut times: [Vec<f64>; 3] = Default::default();
    let mut pages = [0; 3];
    for _ in 0..runs.max(1) {
        for (i, session) in sessions.iter_mut().enumerate() {
            typst::comemo::evict(0);
            let t = Instant::now();
            let compiled = rapport::build::typeset(session, &Target::Screen)
                .map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
            rapport::build::export(session, &compiled, &Target::Screen)
                .map_err(|f| anyhow::anyhow!("export failed: {f:?}"))?;
            times[i].push(t.elapsed().as_secs_f64());
            pages[i] = compiled.document.pages().len();
        }
    }
    let [ours, theirs, typeset] = times.map(median);
    println!("baseline: the report ({} pages), cold       {ours:>8.3} s", pages[0]);
    println!("baseline: Typst on the seed ({} pages), cold {theirs:>8.3} s", pages[1]);
    println!("baseline: report / Typst                      {:>8.2} ×", ours / theirs);
    println!(
        "baseline: Typst on the seed set as the report's body text (hyphenated, optimized breaks; {} pages) {typeset:.3} s",
        pages[2]
    );
    println!("baseline: report / that                       {:>8.2} ×", ours / typeset);
    // The goal: the design (tables, boxes, maps, charts, running heads, two layout passes)
    // costs at most as much again as setting its words with its typography. Against Typst's
    // unstyled defaults the ratio is shown for reference: most of it is the typography.
    let verdict = if ours <= 2.0 * typeset { "met" } else { "NOT met" };
    println!("baseline: goal report ≤ 2 × Typst with the same typography: {verdict}");
    Ok(())
}

/// One cold screen build under Typst's timing: self time and count per event name.
fn profile(root: &Path) -> anyhow::Result<()> {
    let mut session = Session::open(root, EDITION)?;
    typst::comemo::evict(0);
    typst_timing::clear();
    typst_timing::enable();
    let t = Instant::now();
    let compiled =
        rapport::build::typeset(&mut session, &Target::Screen).map_err(|f| anyhow::anyhow!("compile failed: {f:?}"))?;
    let typeset = t.elapsed().as_secs_f64();
    rapport::build::export(&session, &compiled, &Target::Screen)
        .map_err(|f| anyhow::anyhow!("export failed: {f:?}"))?;
    let total = t.elapsed().as_secs_f64();
    typst_timing::disable();
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |span| source_line(&session.world, span)).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(path) = std::env::var_os("RAPPORT_TIMING_JSON") {
        std::fs::write(path, &json)?;
    }
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json)?;
    // Self time: an event's time less that of the events nested in it, per thread.
    // Per open event: its name, start, the time of the events nested in it, and its line.
    type Open = (String, f64, f64, Option<String>);
    let mut stacks: std::collections::HashMap<u64, Vec<Open>> = Default::default();
    let mut totals: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    // The same, per line of the layout's source, for the steps Typst places there.
    let mut lines: std::collections::BTreeMap<String, (f64, usize)> = Default::default();
    for e in &events {
        let (name, ts, tid) = (
            e["name"].as_str().unwrap_or("?").to_string(),
            e["ts"].as_f64().unwrap_or(0.0),
            e["tid"].as_u64().unwrap_or(0),
        );
        let place = match (e["args"]["file"].as_str(), e["args"]["line"].as_u64()) {
            (Some(file), Some(line)) if !file.is_empty() => Some(format!("{file}:{}", line + 1)),
            _ => None,
        };
        let stack = stacks.entry(tid).or_default();
        if e["ph"] == "B" {
            stack.push((name, ts, 0.0, place));
        } else if let Some((name, start, nested, place)) = stack.pop() {
            let spent = ts - start;
            let entry = totals.entry(name).or_default();
            entry.0 += spent - nested;
            entry.1 += 1;
            if let Some(place) = place {
                let entry = lines.entry(place).or_default();
                entry.0 += spent - nested;
                entry.1 += 1;
            }
            if let Some(parent) = stack.last_mut() {
                parent.2 += spent;
            }
        }
    }
    let mut rows: Vec<_> = totals.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    println!("profile: typeset {typeset:.3} s, with export {total:.3} s; self time by Typst step (all threads):");
    for (name, (micros, count)) in rows.iter().take(14) {
        println!("profile: {name:<28} {:>8.3} s  {count:>7}×", micros / 1e6);
    }
    let mut lines: Vec<_> = lines.into_iter().collect();
    lines.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    println!("profile: self time by line of the layout (all threads):");
    for (place, (micros, count)) in lines.iter().take(14) {
        println!("profile: {place:<40} {:>8.3} s  {count:>7}×", micros / 1e6);
    }
    Ok(())
}

/// The file (project path) and 0-based line a timing event's span points at.
fn source_line(world: &impl typst::World, span: std::num::NonZeroU64) -> (String, u32) {
    let found = match typst::syntax::Span::from_raw(span).get() {
        typst::syntax::SpanKind::Number { id, num } => world.source(id).ok().and_then(|source| {
            let line = source.lines().byte_to_line(source.range(num, None)?.start)?;
            Some((id.vpath().get_without_slash().to_string(), line as u32))
        }),
        _ => None,
    };
    found.unwrap_or_default()
}

/// Each chapter's text `times` times over (its headings and blocks too).
fn repeat_chapters(edition: &Path, times: usize) -> anyhow::Result<()> {
    for file in rapport::inputs::paths::files_below(&edition.join("chapters")) {
        let text = std::fs::read_to_string(&file)?;
        // A key-figure box appears once per chapter.
        let body: String = text.replace("::: key-figures\n:::\n", "");
        std::fs::write(&file, format!("{text}{}", format!("\n{body}").repeat(times - 1)))?;
    }
    Ok(())
}

/// `n` more short paragraphs at the end of the first chapter.
fn long_chapter(edition: &Path, n: usize) -> anyhow::Result<()> {
    let file = rapport::inputs::paths::files_below(&edition.join("chapters")).into_iter().next().expect("a chapter");
    let mut text = std::fs::read_to_string(&file)?;
    for i in 0..n {
        text.push_str(&format!("\nAvsnitt {i}: en kort setning om kommunens arbeid.\n"));
    }
    std::fs::write(&file, text)?;
    Ok(())
}

/// The median of `times` (the upper one of an even count).
fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// A temporary copy of the project's layouts, fonts, assets and data, to change and measure.
fn copy_project(root: &Path) -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    for sub in ["layout", "fonts", "assets", "data"] {
        copy_dir(&root.join(sub), &dir.path().join(sub))?;
    }
    Ok(dir)
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// A line of Linux's /proc/self/status in KiB (`VmHWM:` peak, `VmRSS:` now); 0 elsewhere.
fn memory(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

/// The site against the screen PDF, both cold, alternating: medians of `runs`.
fn web(root: &Path, runs: usize) -> anyhow::Result<()> {
    let mut session = Session::open(root, EDITION)?;
    let (mut pdf_times, mut site_times) = (Vec::new(), Vec::new());
    let mut shown = None;
    for _ in 0..runs.max(1) {
        typst::comemo::evict(0);
        let t = Instant::now();
        let built = rapport::build::build(&mut session, &Target::Screen).map_err(|f| anyhow::anyhow!("{f:?}"))?;
        pdf_times.push(t.elapsed().as_secs_f64());
        typst::comemo::evict(0);
        let t = Instant::now();
        let pdf = rapport::outputs::web::SitePdf {
            slug: None,
            file: "rapport.pdf".into(),
            bytes: built.pdf,
            archival: false,
        };
        let site = rapport::jobs::build::site(&mut session, vec![pdf]).map_err(|f| anyhow::anyhow!("{f:?}"))?;
        site_times.push(t.elapsed().as_secs_f64());
        let html: usize = site.files.iter().filter(|(p, _)| p.ends_with(".html")).map(|(_, b)| b.len()).sum();
        let all: usize = site.files.iter().map(|(_, b)| b.len()).sum();
        shown = Some((site.pages, site.files.len(), html, all));
    }
    let (pages, files, html, all) = shown.unwrap_or_default();
    let (pdf, site) = (median(pdf_times), median(site_times));
    println!(
        "web edition: {pages} pages, {files} files, HTML {:.0} KiB, all {:.0} KiB",
        html as f64 / 1024.0,
        all as f64 / 1024.0
    );
    println!("screen PDF (cold, median {runs})   {pdf:>8.3} s");
    println!("site (cold, median {runs})         {site:>8.3} s");
    println!("site / PDF                    {:>8.2}", site / pdf);
    Ok(())
}

/// `rapport approve`, then `rapport diff` unchanged; after a table edit `rapport build`, then
/// `rapport diff` (which takes the build's record); after another edit `rapport diff` alone
/// (which typesets): each timed as a process of the release binary in a copy of the project,
/// with the line in which the diff says where its time went.
fn diff(root: &Path) -> anyhow::Result<()> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let status = std::process::Command::new("cargo")
        .args(["build", "--release", "--quiet", "--bin", "rapport"])
        .current_dir(&manifest)
        .status()?;
    anyhow::ensure!(status.success(), "cargo build --release failed");
    let binary = manifest.join("target/release/rapport");
    let copy = copy_project(root)?;
    // Exit code, seconds, and the line saying how the build compared was made (typeset or
    // taken from the record).
    let run = |args: &[&str]| -> anyhow::Result<(i32, f64, String)> {
        let t = Instant::now();
        let out = std::process::Command::new(&binary)
            .arg("--project")
            .arg(copy.path())
            .args(["--lang", "en"])
            .args(args)
            .output()?;
        let seconds = t.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let how = stderr.lines().find(|l| l.starts_with("typeset in ") || l.starts_with("not typeset again"));
        Ok((out.status.code().unwrap_or(-1), seconds, how.unwrap_or_default().to_string()))
    };
    // One number of the jobs table: `from` → `to`.
    let table = copy.path().join("data").join(EDITION).join("tables/baerekraftige-byer/arbeidsplasser.csv");
    let edit = |from: &str, to: &str| -> anyhow::Result<()> {
        let text = std::fs::read_to_string(&table)?;
        anyhow::ensure!(text.contains(from), "{} holds no {from}", table.display());
        Ok(std::fs::write(&table, text.replacen(from, to, 1))?)
    };
    let (_, approve, _) = run(&["approve", "--edition", EDITION])?;
    let (same_code, same, same_how) = run(&["diff", "--edition", EDITION])?;
    edit("38 500", "38 600")?;
    let (_, build, _) = run(&["build", "--edition", EDITION])?;
    let (built_code, built, built_how) = run(&["diff", "--edition", EDITION])?;
    edit("50 700", "50 800")?;
    let (edit_code, edited, edited_how) = run(&["diff", "--edition", EDITION])?;
    println!("approve (typeset, render, record)              {approve:>8.3} s");
    println!("diff, unchanged (exit {same_code})                       {same:>8.3} s");
    println!("    {same_how}");
    println!("edit, then build (typeset, write, record)      {build:>8.3} s");
    println!("  then diff (exit {built_code}), the build's record       {built:>8.3} s");
    println!("    {built_how}");
    println!("edit, then diff alone (exit {edit_code}), typeset      {edited:>8.3} s");
    println!("    {edited_how}");
    Ok(())
}
