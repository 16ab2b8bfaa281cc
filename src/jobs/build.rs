//! `rapport build`: typesets the edition and writes the PDF (and chapter handouts, the web
//! edition, or the print file), never leaving a broken file.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::Progress;
use crate::build::{Artifact, Target, build};
use crate::diag::{Diagnostic, Origin};
use crate::error::Result;
use crate::inputs::paths::relative;
use crate::outputs::files::write_atomic;
use crate::outputs::web::SitePdf;
use crate::typeset::session::Session;

/// What to build beside `target`: the whole report's chapter handouts, the web edition (which
/// links the handouts, so it brings them).
pub struct Extras {
    pub handouts: bool,
    pub web: bool,
}

/// Builds `target` into `out`, with the `extras` a screen build asks for, and says what it
/// wrote and how long it took.
pub fn build_into(
    progress: &mut dyn Progress,
    session: &mut Session,
    target: &Target,
    extras: Extras,
    out: &Path,
) -> Result<()> {
    let start = Instant::now();
    // The whole report's chapter handouts, beside it (the web edition links them too).
    let handouts: Vec<String> = match target {
        Target::Screen if extras.handouts || extras.web => {
            session.edition.config.chapters().map(|c| c.slug.clone()).collect()
        }
        _ => Vec::new(),
    };
    let mut written = vec![(target.chapter().map(str::to_string), build_and_write(progress, session, target, out)?)];
    if !handouts.is_empty() {
        // Typeset together, on every core; each written as it would be alone, in order.
        let started = Instant::now();
        let built = crate::build::build_handouts(session, &handouts)?;
        for (slug, artifact) in handouts.iter().zip(built) {
            let path = write_built(progress, session, &Target::Chapter(slug.clone()), out, artifact, None)?;
            written.push((Some(slug.clone()), path));
        }
        progress.line(&format!("{} handouts in {:.2} s", handouts.len(), started.elapsed().as_secs_f64()));
    }
    if extras.web {
        write_site(progress, session, out, written)?;
    }
    progress.line(&format!("done in {:.2} s", start.elapsed().as_secs_f64()));
    Ok(())
}

/// Builds `target` and writes it to `out` without ever leaving a broken file, and says what
/// it wrote (and, for the print file, what it added and whether it is PDF/X).
pub fn build_and_write(
    progress: &mut dyn Progress,
    session: &mut Session,
    target: &Target,
    out: &Path,
) -> Result<PathBuf> {
    let start = Instant::now();
    let artifact = match target {
        Target::Screen => build_screen(session),
        _ => build(session, target),
    };
    write_built(progress, session, target, out, artifact, Some(start))
}

/// Builds the screen PDF, and records the build in `out/.render-cache/` for `rapport diff`
/// and `approve` to take while every input stays the same
/// ([`super::approve::record_build`]): an edit, a build and a diff typeset once.
fn build_screen(session: &mut Session) -> Result<Artifact> {
    // Hashed before typesetting: a file saved while it runs makes the record miss, never lie.
    let inputs = super::approve::inputs(session);
    let compiled = crate::build::typeset(session, &Target::Screen)?;
    let pdf = crate::build::export(session, &compiled, &Target::Screen)?;
    super::approve::record_build(session, &inputs, &compiled, &pdf);
    Ok(crate::build::artifact(compiled, pdf, &Target::Screen))
}

/// Writes what building `target` gave to `out` without ever leaving a broken file, and says
/// what it wrote (and how long it took since `start`, for a build of its own); a failed build
/// leaves the last good PDF.
fn write_built(
    progress: &mut dyn Progress,
    session: &Session,
    target: &Target,
    out: &Path,
    artifact: Result<Artifact>,
    start: Option<Instant>,
) -> Result<PathBuf> {
    let kept = |err: crate::error::Error| err.with_summary_note("; the last good PDF (if any) is left untouched");
    let artifact = artifact.map_err(kept)?;
    if let Some(notes) = artifact.print.as_ref().filter(|notes| !notes.placeholders.is_empty()) {
        let message = format!(
            "the print file holds {} position mark(s) for missing assets, on folios {} (--allow-placeholders): a proof, not a job for the press",
            notes.placeholders.len(),
            crate::build::listed(&notes.placeholders, 40)
        );
        progress.diagnostics(&[Diagnostic::warning(Origin::Print, message)]);
    }
    if let Some(notes) = artifact.print.as_ref().filter(|notes| !notes.pending.is_empty()) {
        let mut words: Vec<&str> = notes.pending.iter().map(|(_, word)| word.as_str()).collect();
        words.sort_unstable();
        words.dedup();
        let folios: Vec<u64> = notes.pending.iter().map(|(folio, _)| *folio).collect();
        let message = format!(
            "the print file holds {} word(s) standing for numbers still to come ({}), on folios {}: not the final job (`refuse-pending = true` in [print] refuses it)",
            notes.pending.len(),
            words.iter().map(|w| format!("\u{ab}{w}\u{bb}")).collect::<Vec<_>>().join(", "),
            crate::outputs::print::pages::folio_list(&folios)
        );
        progress.diagnostics(&[Diagnostic::warning(Origin::Print, message)]);
    }
    let output = &session.edition.config.output;
    let cover = artifact.print.as_ref().and_then(|notes| notes.cover.as_ref());
    let path = match cover {
        // A perfect-bound book: the cover file and the block, written as one unit (both or
        // neither), so a failure never leaves a new cover beside an old block.
        Some(cover) => {
            let (block, cover_name) = Target::perfect_bound_names(output);
            let (cover_path, path) = (out.join(cover_name), out.join(block));
            crate::outputs::files::write_all_atomic(&[(&cover_path, &cover.pdf), (&path, &artifact.pdf)]).map_err(
                |err| crate::error::usage(format!("{err:#}; the last good cover and book block are left as they were")),
            )?;
            progress.diagnostics(&cover.warnings);
            let title = if cover.spine_title { "with the title on it" } else { "too narrow for the title" };
            let shown = relative(&session.project, &cover_path).display().to_string();
            progress.line(&match cover.paper_mm {
                Some((paper, allowance)) => format!(
                    "wrote {shown} (cover: outside and inside spreads, spine {:.1} mm for {} pages: {paper:.1} mm of paper and {allowance:.1} mm for glue and board, {title})",
                    cover.spine_mm, cover.block_pages
                ),
                None => format!(
                    "wrote {shown} (cover: outside and inside spreads, spine {:.1} mm for {} pages as the printer quotes it, {title})",
                    cover.spine_mm, cover.block_pages
                ),
            });
            path
        }
        None => {
            let path = out.join(target.file_name(output));
            write_atomic(&path, &artifact.pdf)?;
            path
        }
    };
    // Typst's warnings came before the file was written; the print file's after.
    let (print, layout): (Vec<_>, Vec<_>) = artifact.warnings.iter().partition(|d| d.origin == Origin::Print);
    progress.diagnostics(&layout.into_iter().cloned().collect::<Vec<_>>());
    progress.line(&wrote(&session.project, &path, &artifact, start));
    if let Some(notes) = &artifact.print {
        match &notes.pdfx {
            Ok(version) => progress.line(&format!("print file: {version}")),
            Err(why) => {
                progress.line(&format!("print file: print-ready CMYK with bleed and marks, but NOT PDF/X: {why}"))
            }
        }
    }
    if let Some(notes) = artifact.print.as_ref().filter(|notes| !notes.blank_folios.is_empty()) {
        let folios = crate::outputs::print::pages::folio_list(&notes.blank_folios);
        progress.line(&format!(
            "print file: blank pages added to fill the last sheet: {} (folios {folios})",
            notes.blank_folios.len()
        ));
        // One blank page is what a book of sheets may end on; more are pages not balanced.
        if notes.blank_folios.len() > 1 {
            let message = format!(
                "the print job holds {} blank pages (folios {folios}) to fill its last sheet of {} pages, where at most one is the aim: the pages are not balanced to the sheet",
                notes.blank_folios.len(),
                notes.page_multiple
            );
            progress.diagnostics(&[Diagnostic::warning(Origin::Print, message)]);
        }
    }
    if let Some(line) = artifact.print.as_ref().and_then(|notes| notes.pictures.as_ref()) {
        progress.line(&format!("print file: {line}"));
    }
    // One line a colour, so its ΔE reads as the language writes numbers.
    for build in artifact.print.iter().flat_map(|notes| &notes.two_ink_type) {
        progress.line(&format!("print file: small coloured type in two inks: {build}"));
    }
    progress.diagnostics(&print.into_iter().cloned().collect::<Vec<_>>());
    Ok(path)
}

/// `wrote out/x.pdf (136 pages, 1234.5 KiB) in 1.02 s`, with the blank pages a print file got.
fn wrote(project: &Path, path: &Path, artifact: &Artifact, start: Option<Instant>) -> String {
    let blank = match &artifact.print {
        Some(notes) if notes.added_pages > 0 => format!(
            ", {} blank page{} added to make a multiple of {}",
            notes.added_pages,
            if notes.added_pages == 1 { "" } else { "s" },
            notes.page_multiple
        ),
        _ => String::new(),
    };
    let took = start.map(|start| format!(" in {:.2} s", start.elapsed().as_secs_f64())).unwrap_or_default();
    format!(
        "wrote {} ({} pages{blank}, {:.1} KiB){took}",
        relative(project, path).display(),
        artifact.pages,
        artifact.pdf.len() as f64 / 1024.0
    )
}

/// Builds the web edition into `out/web/`, whole or not at all, with the PDFs just written
/// (`(chapter, path)`: the report, then the handouts) beside its pages.
fn write_site(
    progress: &mut dyn Progress,
    session: &mut Session,
    out: &Path,
    written: Vec<(Option<String>, PathBuf)>,
) -> Result<()> {
    let start = Instant::now();
    let mut pdfs = Vec::new();
    for (slug, path) in written {
        pdfs.push(SitePdf::read(&path, slug)?);
    }
    let site = site(session, pdfs)?;
    progress.diagnostics(&site.warnings);
    let dir = out.join("web");
    let files: Vec<(&str, &[u8])> = site.files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    crate::outputs::files::replace_site_folder(&dir, &files)?;
    let bytes: usize = site.files.iter().map(|(_, b)| b.len()).sum();
    progress.line(&format!(
        "wrote {} ({} pages, {} files, {:.1} KiB) in {:.2} s",
        relative(&session.project, &dir).display(),
        site.pages,
        site.files.len(),
        bytes as f64 / 1024.0,
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// The web edition of the session's edition, linking the screen PDF written at `pdf`; says
/// what Typst warned of.
pub fn web_site(progress: &mut dyn Progress, session: &mut Session, pdf: &Path) -> Result<crate::outputs::web::Site> {
    let site = site(session, vec![SitePdf::read(pdf, None)?])?;
    progress.diagnostics(&site.warnings);
    Ok(site)
}

/// The web edition of the session's edition, linking `pdfs`; the edition's data problems stop
/// it first.
pub fn site(session: &mut Session, pdfs: Vec<SitePdf>) -> Result<crate::outputs::web::Site> {
    crate::build::refuse_data_problems(session)?;
    let model = crate::build::model(session, &Target::Screen);
    crate::outputs::web::site(session, &model, pdfs)
}
