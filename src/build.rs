//! The one build routine: open an edition, choose what to write, compile, export and write
//! atomically. `build`, `watch`, `check` and `proof` all go through here, as the Typst CLI's
//! `compile` and `watch` share one `compile_once`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::edition::catalog::Catalog;
use crate::error::{Error, Result, usage};
use crate::model::Rendition;
use crate::paths::relative;
use crate::print::{Finished, PrintSettings};
use crate::session::{Failure, Session, write_atomic};

/// Opens the edition `id` (default: the project's default edition) and says which it is;
/// warns of folders in `data/` that are not editions.
pub fn open(project: &Path, id: Option<&str>) -> Result<Session> {
    let catalog = Catalog::read(project)?;
    for warning in &catalog.warnings {
        eprintln!("warning: {warning}");
    }
    let id = match id {
        Some(id) => id.to_string(),
        None => catalog.default_id(project)?,
    };
    if let Some(other) = catalog.same_output(&id) {
        return Err(usage(format!(
            "data/{id}/edition.toml and data/{other}/edition.toml have the same `output`: one would overwrite the other's PDF"
        )));
    }
    let session = Session::open(project, &id)?;
    eprintln!("edition {id}: {}", session.edition.config.title);
    if !session.warnings.is_empty() {
        let _ = session.warnings.emit(&mut crate::cmd::stderr());
    }
    Ok(session)
}

/// `dir` as given on the command line, relative to the project unless absolute.
pub fn out_dir(session: &Session, dir: &Path) -> PathBuf {
    if dir.is_absolute() { dir.to_path_buf() } else { session.project.join(dir) }
}

/// Checks that `slug` names a chapter of the edition.
pub fn check_chapter(session: &Session, slug: &str) -> Result<()> {
    let mut slugs = session.edition.config.chapters().map(|c| c.slug.as_str());
    if slugs.any(|s| s == slug) {
        return Ok(());
    }
    let known: Vec<&str> = session.edition.config.chapters().map(|c| c.slug.as_str()).collect();
    Err(usage(format!("expected a chapter slug ({}), found `{slug}`", known.join(", "))))
}

/// What one build wrote.
pub struct Built {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// Typesets the report (or the chapter `scope`, a handout), exports it and writes it to
/// `out` without ever leaving a broken file. Diagnostics and warnings are printed here.
pub fn build_once(session: &mut Session, scope: Option<&str>, out: &Path) -> Result<Built> {
    let start = Instant::now();
    let kept = |err: Error| match err {
        Error::Sources(what) => Error::Sources(format!("{what}; the last good PDF (if any) is left untouched")),
        Error::Config(what) => Error::Config(format!("{what}; the last good PDF (if any) is left untouched")),
        other => other,
    };
    let compiled = session.compile(scope).map_err(|failure| kept(report_failure(session, &failure)))?;
    if !compiled.warnings.is_empty() {
        session.emit_typst(&mut crate::cmd::stderr(), &compiled.warnings);
    }
    let pdf = session.pdf(&compiled).map_err(|failure| kept(report_failure(session, &failure)))?;
    let path = session.output_path(out, scope);
    write_atomic(&path, &pdf)?;
    let built = Built { path, pages: compiled.document.pages().len(), bytes: pdf.len() };
    eprintln!(
        "wrote {} ({} pages, {:.1} KiB) in {:.2} s",
        relative(&session.project, &built.path).display(),
        built.pages,
        built.bytes as f64 / 1024.0,
        start.elapsed().as_secs_f64()
    );
    Ok(built)
}

/// Prints a failure's diagnostics and returns its summary.
pub fn report_failure(session: &Session, failure: &Failure) -> Error {
    session.emit_failure(&mut crate::cmd::stderr(), failure);
    match failure {
        Failure::Data(problems) if problems.has_config_errors() => {
            Error::Config(format!("{} problem(s) in the edition's configuration and data", problems.len()))
        }
        Failure::Data(problems) => Error::Sources(format!("{} problem(s) in the data", problems.len())),
        Failure::Typst(diagnostics) => Error::Sources(format!("{} error(s) in the layouts", diagnostics.len())),
    }
}

/// The print file's settings: `[print]` of edition.toml, with the output profile given on the
/// command line (`--output-intent`, as given) in place of the one it names (inside the
/// edition folder). A profile that cannot be used is a usage error.
pub fn print_settings(session: &Session, output_intent: Option<&Path>) -> Result<PrintSettings> {
    let print = &session.edition.config.print;
    let profile = match (output_intent, &print.output_intent) {
        (Some(path), _) => Some(path.to_path_buf()),
        (None, Some(name)) => Some(crate::paths::resolve_inside(&session.edition.dir, name).map_err(|err| {
            usage(format!(
                "data/{}/edition.toml: [print] `output-intent` names `{name}`: {err}",
                session.edition.config.id
            ))
        })?),
        (None, None) => None,
    };
    let output_intent = match profile {
        Some(path) => Some(crate::print::pdfx::read_profile(&path)?),
        None => None,
    };
    Ok(PrintSettings {
        bleed_mm: print.bleed,
        crop_marks: print.crop_marks,
        mark_offset_mm: print.mark_offset,
        mark_length_mm: print.mark_length,
        registration_marks: print.registration_marks,
        slug: print.slug,
        slug_font: session.project.join("fonts").join("Inter-Regular.otf"),
        page_multiple: print.page_multiple as usize,
        output_intent,
        placeholders: 0,
    })
}

/// Typesets the print rendition of the whole report and finishes it for the press (see
/// [`crate::print`]). Diagnostics and warnings are printed here.
pub fn print_file(session: &mut Session, settings: &PrintSettings) -> Result<Finished> {
    let (inks, missing) = crate::theme::print_inks(session).map_err(|failure| report_failure(session, &failure))?;
    if !missing.is_empty() {
        return Err(Error::Sources(format!(
            "layout/print.typ: expected a CMYK ink in `inks` for every theme colour, found none for {}",
            missing.join(", ")
        )));
    }
    let compiled = session.compile_for(None, Rendition::Print).map_err(|failure| report_failure(session, &failure))?;
    if !compiled.warnings.is_empty() {
        session.emit_typst(&mut crate::cmd::stderr(), &compiled.warnings);
    }
    let marks = placeholders(&compiled.document);
    let settings = &PrintSettings { placeholders: marks.len(), ..settings.clone() };
    // PDF 1.6, which PDF/X-4 builds on; not PDF/UA: paper has no links, and the print file is
    // not what goes on the web (the tag tree is kept all the same).
    let pdf = session
        .pdf_conforming(&compiled, &[typst_pdf::PdfStandard::V_1_6])
        .map_err(|failure| report_failure(session, &failure))?;
    let config = &session.edition.config;
    let (title, id, date) = (config.title.clone(), config.id.clone(), config.date.to_string());
    let slug = move |page: usize, pages: usize| format!("{title} · {id} · side {page} av {pages} · {date}");
    let finished = crate::print::finish(&pdf, settings, &inks, !config.back_cover.is_empty(), &slug)?;
    Ok(Finished { placeholders: marks, ..finished })
}

/// The position marks of missing assets in a laid-out document: page and kind (`photo`,
/// `figure`, `map`, `chart`), as placeholder.typ labels them.
pub fn placeholders(document: &typst_layout::PagedDocument) -> Vec<(usize, String)> {
    crate::session::metadata_with_pages(document, "placeholder")
        .into_iter()
        .map(|(page, kind)| (page, kind.cast::<String>().unwrap_or_default()))
        .collect()
}

/// Refuses a print job that still holds position marks, unless they are allowed (a proof).
pub fn refuse_placeholders(marks: &[(usize, String)], allowed: bool) -> Result<()> {
    if marks.is_empty() || allowed {
        return Ok(());
    }
    let pages: Vec<String> = marks.iter().take(12).map(|(page, kind)| format!("{page} ({kind})")).collect();
    let more = if marks.len() > 12 { ", …" } else { "" };
    Err(Error::Sources(format!(
        "the print file would hold {} position mark(s) for missing pictures, figures, maps or charts, on pages {}{more}; add the files, or pass --allow-placeholders for a proof",
        marks.len(),
        pages.join(", ")
    )))
}

/// Builds the print file `<out>/<output>-trykk.pdf` and says what it added and whether it is
/// PDF/X (and if not, why not).
pub fn build_print_once(
    session: &mut Session,
    out: &Path,
    output_intent: Option<&Path>,
    allow_placeholders: bool,
) -> Result<Built> {
    let start = Instant::now();
    let settings = print_settings(session, output_intent)?;
    let finished = print_file(session, &settings)?;
    refuse_placeholders(&finished.placeholders, allow_placeholders)?;
    if !finished.placeholders.is_empty() {
        eprintln!(
            "warning: the print file holds {} position mark(s) for missing assets (--allow-placeholders): a proof, not a job for the press",
            finished.placeholders.len()
        );
    }
    let path = session.print_path(out);
    write_atomic(&path, &finished.pdf)?;
    let blank = match finished.added_pages {
        0 => String::new(),
        n => format!(
            ", {n} blank page{} added to make a multiple of {}",
            if n == 1 { "" } else { "s" },
            settings.page_multiple
        ),
    };
    eprintln!(
        "wrote {} ({} pages{blank}, {:.1} KiB) in {:.2} s",
        relative(&session.project, &path).display(),
        finished.pages,
        finished.pdf.len() as f64 / 1024.0,
        start.elapsed().as_secs_f64()
    );
    match &finished.pdfx {
        Ok(version) => eprintln!("print file: {version}"),
        Err(why) => eprintln!("print file: print-ready CMYK with bleed and marks, but NOT PDF/X: {why}"),
    }
    if !finished.colours_by_formula.is_empty() {
        eprintln!(
            "warning: colours without an ink in layout/print.typ, converted to CMYK by formula: {}",
            finished.colours_by_formula.join(", ")
        );
    }
    for image in &finished.images_left {
        eprintln!("warning: not converted to CMYK: {image}");
    }
    Ok(Built { path, pages: finished.pages, bytes: finished.pdf.len() })
}
