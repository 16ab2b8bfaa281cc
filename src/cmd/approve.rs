//! `rapport approve`: records the current screen PDF as approved, in
//! `approved/<edition>/` (see [`crate::approval`]), for `rapport diff` to compare against.

use std::path::Path;

use super::{Log, out_dir};
use crate::approval::{BASELINE_PPI, Baseline, Render};
use crate::build::{Target, export, typeset};
use crate::cli::ApproveArgs;
use crate::error::{Result, usage};
use crate::paths::relative;
use crate::session::Session;

pub fn run(log: &mut Log, project: &Path, args: &ApproveArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let (baseline, renders) = current(log, &mut session)?;
    // The folder is inside the project by construction; `out_dir` refuses a link out of it.
    let dir = crate::approval::baseline_dir(&session.project, &session.edition.config.id);
    let dir = out_dir(&session, &relative(&session.project, &dir))?;
    crate::approval::write_baseline(&dir, &baseline, &renders)?;
    let numbers: usize = baseline.pages.iter().map(|p| p.numbers.len()).sum();
    log.line(format_args!(
        "approved {} pages and {numbers} numbers (tables and key figures) in {:.1} s",
        baseline.pages.len(),
        started.elapsed().as_secs_f64()
    ));
    super::say(format_args!("wrote {}", relative(&session.project, &dir.join("baseline.json")).display()));
    Ok(())
}

/// The current build of the session's screen PDF as a baseline: typeset, exported, its
/// pages rendered (from the cache in out/.render-cache/ where a page is unchanged). Says
/// how long the typesetting and the rendering took.
pub fn current(log: &mut Log, session: &mut Session) -> Result<(Baseline, Vec<Render>)> {
    let target = Target::Screen;
    let started = std::time::Instant::now();
    let compiled = typeset(session, &target)?;
    log.diagnostics(&compiled.warnings);
    let pdf = export(session, &compiled, &target)?;
    let model = compiled.settled.clone().unwrap_or_else(|| crate::build::model(session, &target));
    let facts = crate::approval::page_facts(&compiled.document, &model, &compiled.chapter_pages);
    let keys = crate::approval::page_keys(&compiled.document, BASELINE_PPI);
    let cache = out_dir(session, Path::new("out/.render-cache"))?;
    let typeset_s = started.elapsed().as_secs_f64();
    let (renders, rendered) = crate::approval::render_all(&pdf, &keys, BASELINE_PPI, Some(&cache)).map_err(usage)?;
    crate::approval::prune_cache(&cache, &keys);
    log.line(format_args!(
        "typeset in {typeset_s:.1} s; {} pages, {rendered} of them rendered (the rest from out/.render-cache/) in {:.1} s",
        renders.len(),
        started.elapsed().as_secs_f64() - typeset_s
    ));
    let config = &session.edition.config;
    let baseline = crate::approval::baseline(&config.id, &config.date.to_string(), facts, &renders, BASELINE_PPI);
    Ok((baseline, renders))
}
