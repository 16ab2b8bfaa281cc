//! `rapport approve`: records the current screen PDF as approved, in
//! `approved/<edition>/` (see [`crate::outputs::approval`]), for `rapport diff` to compare against.

use std::path::Path;

use super::{Progress, out_dir};
use crate::build::{Target, export, typeset};
use crate::error::{Result, usage};
use crate::inputs::paths::relative;
use crate::lang::{Lang, translate};
use crate::outputs::approval::{BASELINE_PPI, Baseline, PageRecord, Render};
use crate::typeset::session::{Compiled, Session};

/// Records the session's current screen PDF as approved, says how many pages and numbers,
/// and the baseline written (on standard output, in `lang`).
pub fn approve(progress: &mut dyn Progress, session: &mut Session, lang: Lang) -> Result<()> {
    let started = std::time::Instant::now();
    let cache = render_cache(session)?;
    let Current { baseline, renders, keys, pdf } = current(progress, session, &cache)?;
    crate::outputs::approval::prune_cache(&cache, &keys);
    // The folder is inside the project by construction; `out_dir` refuses a link out of it.
    let dir = crate::outputs::approval::baseline_dir(&session.project, &session.edition.config.id);
    let dir = out_dir(session, &relative(&session.project, &dir))?;
    crate::outputs::approval::write_baseline(&dir, &baseline, &renders)?;
    // The PDF itself, for the diff's report to show the approved pages at a readable size.
    crate::outputs::files::write_atomic(&dir.join(crate::outputs::approval::APPROVED_PDF), &pdf)?;
    let numbers: usize = baseline.pages.iter().map(|p| p.numbers.len()).sum();
    progress.line(&format!(
        "approved {} pages and {numbers} numbers (tables and key figures) in {:.1} s",
        baseline.pages.len(),
        started.elapsed().as_secs_f64()
    ));
    let wrote = format!("wrote {}", relative(&session.project, &dir.join("baseline.json")).display());
    progress.say(&translate(lang, &wrote));
    Ok(())
}

/// The current build of a session's screen PDF, as `approve` records it and `diff` compares.
pub struct Current {
    pub baseline: Baseline,
    pub renders: Vec<Render>,
    /// Each page's key in the render cache.
    pub keys: Vec<String>,
    /// The screen PDF.
    pub pdf: Vec<u8>,
}

/// The pages of `pdf` drawn for comparing (those unchanged from `cache`), saying so: the
/// renders and how many were drawn anew.
fn draw(progress: &mut dyn Progress, pdf: &[u8], keys: &[String], cache: &Path) -> Result<(Vec<Render>, usize)> {
    progress.stage("Drawing the pages to compare");
    crate::outputs::approval::render_all(pdf, keys, BASELINE_PPI, Some(cache)).map_err(usage)
}

/// The current build of the session's screen PDF as a baseline: typeset, exported, its
/// pages rendered (from the cache in `cache` where a page is unchanged). When every input
/// is as when it was last built (see [`crate::outputs::approval::inputs_hash`]) — by `diff`,
/// `approve` or `rapport build` — the build recorded in `cache` is taken as it is, not typeset
/// again, and only its pages not in the cache are rendered. Says where the time went.
pub fn current(progress: &mut dyn Progress, session: &mut Session, cache: &Path) -> Result<Current> {
    let target = Target::Screen;
    let id = session.edition.config.id.clone();
    let started = std::time::Instant::now();
    let inputs = inputs(session);
    let lap = |since: &mut std::time::Instant| {
        let seconds = since.elapsed().as_secs_f64();
        *since = std::time::Instant::now();
        seconds
    };
    let mut at = started;
    let hash_s = lap(&mut at);
    if let Some((mut baseline, keys, pdf)) = crate::outputs::approval::read_build(cache, &id, &inputs) {
        let read_s = lap(&mut at);
        let (renders, rendered) = draw(progress, &pdf, &keys, cache)?;
        // A build recorded by `rapport build` drew no page: each page's render hash is its
        // render's, now.
        for (page, render) in baseline.pages.iter_mut().zip(&renders) {
            page.render.clone_from(&render.hash);
        }
        let drawn = drawn(renders.len(), rendered, lap(&mut at));
        progress.line(&format!(
            "not typeset again: every input is as when out/.render-cache/{id}.build.json was recorded (checked in {:.1} s); {drawn}",
            hash_s + read_s,
        ));
        return Ok(Current { baseline, renders, keys, pdf });
    }
    progress.stage("Typesetting the book");
    let compiled = typeset(session, &target)?;
    progress.diagnostics(&compiled.warnings);
    let typeset_s = lap(&mut at);
    progress.stage("Making the PDF");
    let pdf = export(session, &compiled, &target)?;
    let export_s = lap(&mut at);
    let (facts, keys) = read_pages(session, &compiled);
    let read_s = lap(&mut at);
    let (renders, rendered) = draw(progress, &pdf, &keys, cache)?;
    let drawn = drawn(renders.len(), rendered, lap(&mut at));
    progress.line(&format!(
        "typeset in {typeset_s:.1} s, exported in {export_s:.1} s, pages read in {read_s:.1} s; {drawn}"
    ));
    let config = &session.edition.config;
    let baseline =
        crate::outputs::approval::baseline(&config.id, &config.date.to_string(), facts, &renders, BASELINE_PPI);
    // A record that cannot be written only makes the next run slower.
    let _ = crate::outputs::approval::write_build(cache, &id, &inputs, &baseline, &keys, &pdf);
    Ok(Current { baseline, renders, keys, pdf })
}

/// How the pages were drawn: `112 pages rendered in 1.9 s`, `112 pages, all from
/// out/.render-cache/`, or `112 pages, 3 of them rendered (the rest from out/.render-cache/) in 0.1 s`.
fn drawn(pages: usize, rendered: usize, seconds: f64) -> String {
    match rendered {
        0 => format!("{pages} pages, all from out/.render-cache/"),
        n if n == pages => format!("{pages} pages rendered in {seconds:.1} s"),
        n => format!("{pages} pages, {n} of them rendered (the rest from out/.render-cache/) in {seconds:.1} s"),
    }
}

/// The hash of every input of the session's screen build
/// ([`crate::outputs::approval::inputs_hash`]), which its record is kept under.
pub fn inputs(session: &Session) -> String {
    crate::outputs::approval::inputs_hash(&session.project, &crate::build::model(session, &Target::Screen))
}

/// The facts of each page of a typeset screen build (words, chapter, heading, numbers), and
/// each page's key in the render cache.
fn read_pages(session: &Session, compiled: &Compiled) -> (Vec<PageRecord>, Vec<String>) {
    let model = compiled.settled.clone().unwrap_or_else(|| crate::build::model(session, &Target::Screen));
    let facts = crate::outputs::approval::page_facts(&compiled.document, &model, &compiled.chapter_pages);
    (facts, crate::outputs::approval::page_keys(&compiled.document, BASELINE_PPI))
}

/// Records a screen build that `rapport build` typeset (`compiled`, exported as `pdf`) from
/// inputs hashing to `inputs` (taken before it was typeset) in the session's render cache,
/// for `diff` and `approve` to take instead of typesetting again: its pages' facts and keys,
/// and its PDF; nothing is rendered (the diff renders the pages its cache lacks). A record
/// that cannot be written only makes the next diff slower: false then.
pub fn record_build(session: &Session, inputs: &str, compiled: &Compiled, pdf: &[u8]) -> bool {
    let Ok(cache) = render_cache(session) else { return false };
    let (facts, keys) = read_pages(session, compiled);
    let config = &session.edition.config;
    let baseline = crate::outputs::approval::baseline(&config.id, &config.date.to_string(), facts, &[], BASELINE_PPI);
    crate::outputs::approval::write_build(&cache, &config.id, inputs, &baseline, &keys, pdf).is_ok()
}

/// The render cache of the session's project, `out/.render-cache/`.
pub fn render_cache(session: &Session) -> Result<std::path::PathBuf> {
    out_dir(session, Path::new("out/.render-cache"))
}
