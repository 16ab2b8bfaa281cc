//! The one build: from an opened edition and a [`Target`] to an [`Artifact`] (the PDF's bytes
//! and what the build has to say) or the diagnostics that stopped it. `build`, `watch`,
//! `archive`, `preflight` and `proof` all go through [`build`], as the Typst CLI's `compile`
//! and `watch` share one `compile_once`. Nothing here prints or writes to the terminal.

use std::path::{Path, PathBuf};

use typst_pdf::PdfStandard;

use crate::diag::{Diagnostic, Origin};
use crate::error::{Error, Result, usage};
use crate::inputs::edition::catalog::Catalog;
use crate::model::{Model, Rendition};
use crate::outputs::print::PrintSettings;
use crate::typeset::session::{Compiled, Session};

/// What to build.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The whole report for the screen: PDF/UA-1, as Norwegian rules for universal design
    /// ask of what public bodies publish.
    Screen,
    /// One chapter as a handout (its slug): starts on page 1, without the photo spreads.
    Chapter(String),
    /// The print file: the print rendition with bleed, finished for the press (CMYK, boxes,
    /// marks, padding; PDF/X-4 with the printer's output profile, which `output_intent`
    /// gives in place of the one `[print]` names). Position marks of missing assets stop it
    /// unless `allow_placeholders` (a proof, not a job for the press).
    Print { output_intent: Option<PathBuf>, allow_placeholders: bool },
    /// The archival edition: PDF/A-2a and PDF/UA-1, or with the edition's CSV files attached
    /// as its data PDF/A-3a and PDF/UA-1.
    Archive { attach_data: bool },
}

impl Target {
    /// The chapter a handout shows.
    pub fn chapter(&self) -> Option<&str> {
        match self {
            Target::Chapter(slug) => Some(slug),
            _ => None,
        }
    }

    /// The PDF's file name, from the edition's `output`.
    pub fn file_name(&self, output: &str) -> String {
        match self {
            Target::Screen | Target::Archive { .. } => format!("{output}.pdf"),
            Target::Chapter(slug) => format!("{output}-{slug}.pdf"),
            Target::Print { .. } => format!("{output}-trykk.pdf"),
        }
    }

    /// A perfect-bound print job's two files: the book block and the cover.
    pub fn perfect_bound_names(output: &str) -> (String, String) {
        (format!("{output}-trykk-innmat.pdf"), format!("{output}-trykk-omslag.pdf"))
    }

    /// The standards the PDF conforms to, with their names.
    fn standards(&self) -> &'static [(PdfStandard, &'static str)] {
        match self {
            Target::Screen | Target::Chapter(_) => &[(PdfStandard::Ua_1, "PDF/UA-1")],
            // PDF 1.6, which PDF/X-4 builds on; not PDF/UA: paper has no links, and the print
            // file is not what goes on the web (the tag tree is kept all the same).
            // Typst is asked for PDF 1.5 and the file is labelled 1.6 when it is finished:
            // at 1.6 krilla drops a photo's ICC profile of version 2.2–2.4 (it compares the
            // minor version across major ones) and the photo would be taken as sRGB.
            Target::Print { .. } => &[(PdfStandard::V_1_5, "PDF 1.6")],
            Target::Archive { attach_data: false } => {
                &[(PdfStandard::A_2a, "PDF/A-2a"), (PdfStandard::Ua_1, "PDF/UA-1")]
            }
            Target::Archive { attach_data: true } => {
                &[(PdfStandard::A_3a, "PDF/A-3a"), (PdfStandard::Ua_1, "PDF/UA-1")]
            }
        }
    }
}

/// What one build made.
#[derive(Debug)]
pub struct Artifact {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Where each chapter starts: slug and 1-based page.
    pub chapter_pages: Vec<(String, usize)>,
    /// The standards the PDF conforms to, e.g. `PDF/A-2a`.
    pub standards: Vec<&'static str>,
    /// What the build warns of: Typst's warnings, colours the print file converted by formula.
    pub warnings: Vec<Diagnostic>,
    /// What finishing a print file did (only for [`Target::Print`]).
    pub print: Option<PrintNotes>,
}

/// What finishing a print file did.
#[derive(Debug)]
pub struct PrintNotes {
    /// Blank pages added to reach a multiple of `page_multiple`.
    pub added_pages: usize,
    pub page_multiple: usize,
    /// The PDF/X version written, or why the file is not PDF/X.
    pub pdfx: std::result::Result<String, String>,
    /// The position marks of missing assets the job holds (a perfect-bound book's block and
    /// cover together): folio and kind.
    pub placeholders: Vec<(u64, String)>,
    /// The words standing for numbers still to come (`pending-words` of [print], «Tall
    /// kommer») in the job: folio and word.
    pub pending: Vec<(u64, String)>,
    /// The folios of the blank pages added to fill the last sheet.
    pub blank_folios: Vec<u64>,
    /// The folio of each page of the file, the number printed on it (none for a blank page
    /// added to fill the sheet).
    pub folios: Vec<Option<u64>>,
    /// The folios of the report's pages that went to the cover file (a perfect-bound book's
    /// front cover, colophon and back cover).
    pub cover_folios: Vec<u64>,
    /// A perfect-bound book's cover file (the PDF is then the book block without it).
    pub cover: Option<CoverFile>,
    /// How the pictures were converted to CMYK, one line (none without pictures).
    pub pictures: Option<String>,
    /// The colours small type printed in two of their inks, with the difference (ΔE2000).
    pub two_ink_type: Vec<String>,
}

/// The cover file of a perfect-bound book: outside and inside spreads around the spine.
#[derive(Debug)]
pub struct CoverFile {
    pub pdf: Vec<u8>,
    pub spine_mm: f64,
    /// The paper's share of the spine and the glue and board allowance added to it; none when
    /// the printer's quote (`spine-mm`) stands.
    pub paper_mm: Option<(f64, f64)>,
    /// Whether the spine is wide enough for the title.
    pub spine_title: bool,
    /// The book block's pages the spine wraps.
    pub block_pages: usize,
    /// The position marks of missing assets the cover file holds.
    pub placeholders: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Opens the edition `id` of `catalog` (default: the project's default edition).
pub fn open(project: &Path, catalog: &Catalog, id: Option<&str>) -> Result<Session> {
    let id = match id {
        Some(id) => id.to_string(),
        None => catalog.default_edition(project, |id| crate::checks::finished::items_left(project, id))?.id,
    };
    if let Some(other) = catalog.same_output(&id) {
        return Err(usage(format!(
            "data/{id}/edition.toml and data/{other}/edition.toml have the same `output`: one would overwrite the other's PDF"
        )));
    }
    let mut session = Session::open(project, &id)?;
    check_project(&mut session);
    Ok(session)
}

/// Reloads the session's edition from disk (watch mode) and checks it as [`open`] and
/// `rapport check` do: its project's assets and fonts, what a finished report must not hold.
pub fn reload(session: &mut Session) -> anyhow::Result<()> {
    session.reload()?;
    check_project(session);
    add_finished_problems(session);
    Ok(())
}

/// Adds what the checks find in the project's assets (SVGs) and fonts to the session's
/// problems and warnings: on opening an edition, and after each reload.
pub fn check_project(session: &mut Session) {
    let mut found = crate::diag::Diagnostics::default();
    crate::checks::assets::check_assets(&session.project, &mut found);
    crate::checks::fonts::check_fonts(&session.project, &mut found);
    session.warnings.extend(found.take_warnings());
    session.problems.extend(found);
    session.problems.dedup();
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

/// The edition's model as `target` shows it: the rendition and its bleed, the attached data
/// files of an archive, the one chapter of a handout.
pub fn model(session: &Session, target: &Target) -> Model {
    let mut model = session.model.clone();
    if let Target::Print { .. } = target {
        model.edition.rendition = Rendition::Print;
        model.edition.bleed = session.edition.config.print.bleed;
    }
    if let Target::Archive { attach_data: true } = target {
        let csv = crate::inputs::paths::files_below(&session.edition.dir)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "csv"));
        model.edition.attachments =
            csv.map(|f| format!("/{}", crate::inputs::paths::relative(&session.project, &f).display())).collect();
    }
    if let Some(slug) = target.chapter() {
        for part in &mut model.parts {
            part.chapters.retain(|c| c.slug == slug);
        }
        model.parts.retain(|p| !p.chapters.is_empty());
        model.edition.scope = slug.to_string();
    }
    model
}

/// The edition's data problems, which stop every rendition before Typst runs.
pub fn refuse_data_problems(session: &Session) -> Result<()> {
    match session.problems.is_empty() {
        true => Ok(()),
        false => Err(Error::failed(session.problems.clone().into_vec())),
    }
}

/// Typesets the report for `target`; the edition's data problems stop it first.
pub fn typeset(session: &mut Session, target: &Target) -> Result<Compiled> {
    refuse_data_problems(session)?;
    let model = model(session, target);
    session.typeset(&model).map_err(Error::failed)
}

/// One item left to do in an edition: its chapter (none for the edition as a whole) and what
/// it is.
pub struct ToDoItem {
    pub chapter: Option<String>,
    pub what: ToDoWhat,
}

/// What an item left to do is.
pub enum ToDoWhat {
    /// A file unchanged from the previous edition, a nøkkeltall without figures, what the data
    /// has yet to say ([`crate::inputs::edition::progress::items`]).
    Left(crate::inputs::edition::progress::Left),
    /// A problem of the data that is not one of those already (a final edition's editors'
    /// wording, a warning).
    Problem(Diagnostic),
    /// A position mark for a missing picture, figure, map or chart: its page and kind.
    Mark { page: usize, kind: String },
}

/// Everything left to do in an edition: its items ([`crate::inputs::edition::progress::items`]), the
/// data's problems that are not among them, and the position marks on its pages (of
/// `compiled`, else of the report typeset here with the faulty data left out). The one list
/// `check --todo` prints and the one count `check` and `list` give.
pub fn to_do_items(session: &mut Session, compiled: Option<&Compiled>) -> Vec<ToDoItem> {
    use crate::inputs::edition::progress;
    let edition = &session.edition;
    let mut items: Vec<ToDoItem> = progress::items(&session.project, edition)
        .into_iter()
        .map(|left| ToDoItem { chapter: left.chapter.clone(), what: ToDoWhat::Left(left) })
        .collect();
    // The data's problems that are not items of the list already (a final edition's
    // unchanged files are errors too).
    let listed = progress::left_to_fill(&session.project, edition);
    for problem in session.problems.iter().filter(|d| !listed.iter().any(|l| l == *d)) {
        let chapter = problem.file().and_then(|f| progress::chapter_of_file(&session.project, edition, f));
        items.push(ToDoItem { chapter, what: ToDoWhat::Problem(problem.clone()) });
    }
    // The position marks, where the layouts can be compiled (the faulty data left out).
    let typeset_here;
    let compiled = match compiled {
        Some(compiled) => Some(compiled),
        None => {
            let config_errors = session.problems.iter().any(|d| d.is_error() && d.origin == Origin::Config);
            typeset_here = (!config_errors && session.theme.is_some())
                .then(|| {
                    let model = model(session, &Target::Screen).without_missing_blocks();
                    session.typeset(&model).ok()
                })
                .flatten();
            typeset_here.as_ref()
        }
    };
    if let Some(compiled) = compiled {
        for (page, kind) in placeholders(&compiled.document) {
            // The chapter that starts last on or before the page.
            let chapter = compiled.chapter_pages.iter().filter(|(_, start)| *start <= page).max_by_key(|(_, s)| *s);
            items
                .push(ToDoItem { chapter: chapter.map(|(slug, _)| slug.clone()), what: ToDoWhat::Mark { page, kind } });
        }
    }
    items
}

/// What `rapport check` of an edition finds left: items to do, or problems in its data.
pub enum ToDo {
    Items(usize),
    Problems,
    /// The edition cannot be opened or typeset (`check` says why).
    Unknown,
}

/// What `rapport check --todo` of edition `id` counts as left to do ([`to_do_items`]), or,
/// for a draft, that its data has errors, which `check` reports instead: what `rapport list`
/// says of each edition. (A final edition's errors of what is left are items of the count.)
/// The count is kept in `out/.render-cache/<id>.todo` with the hash of every input it was
/// counted from ([`crate::outputs::approval::inputs_hash`]): an unchanged edition is not typeset again.
pub fn to_do(project: &Path, catalog: &Catalog, id: &str) -> ToDo {
    let Ok(mut session) = open(project, catalog, Some(id)) else { return ToDo::Unknown };
    add_finished_problems(&mut session);
    let is_final = session.edition.config.status == crate::inputs::edition::Status::Final;
    if !is_final && session.problems.iter().any(Diagnostic::is_error) {
        return ToDo::Problems;
    }
    // The count's own version, so that a count kept by an older rule is counted again.
    let inputs = format!(
        "items2-{}",
        crate::outputs::approval::inputs_hash(&session.project, &model(&session, &Target::Screen))
    );
    // Only inside the project: an `out` that links elsewhere gets no count kept.
    let cache = crate::inputs::paths::output_inside(&session.project, Path::new("out/.render-cache"))
        .ok()
        .map(|dir| dir.join(format!("{id}.todo")));
    let cached = cache
        .as_ref()
        .and_then(|cache| crate::inputs::paths::read_regular(cache, "a to-do count", 1024).ok())
        .and_then(|bytes| {
            let text = String::from_utf8(bytes).ok()?;
            let (hash, items) = text.trim().split_once(' ')?;
            (hash == inputs).then(|| items.parse::<usize>().ok()).flatten()
        });
    if let Some(items) = cached {
        return ToDo::Items(items);
    }
    let items = to_do_items(&mut session, None).len();
    // A count that cannot be kept is only counted again next time.
    if let Some(cache) = &cache {
        let _ = crate::outputs::files::write_atomic(cache, format!("{inputs} {items}").as_bytes());
    }
    ToDo::Items(items)
}

/// Adds to the session's problems what a finished report must not hold
/// ([`crate::checks::finished`]): a final edition's editors' wording in print, chosen goals
/// that differ from the cover's.
pub fn add_finished_problems(session: &mut Session) {
    let wording = crate::checks::finished::editors_wording(&session.project, &session.edition);
    let goals = crate::checks::finished::goals_against_cover(&session.project, &session.edition);
    session.problems.extend(wording.into_iter().chain(goals));
}

/// Exports a typeset report as `target` asks: the PDF conforming to its standards.
pub fn export(session: &Session, compiled: &Compiled, target: &Target) -> Result<Vec<u8>> {
    let standards: Vec<PdfStandard> = target.standards().iter().map(|(s, _)| *s).collect();
    session.export(compiled, &standards).map_err(Error::failed)
}

/// Builds `target`: typesets, exports and, for the print file, finishes the PDF for the
/// press. Writes nothing.
pub fn build(session: &mut Session, target: &Target) -> Result<Artifact> {
    if let Target::Print { output_intent, allow_placeholders } = target {
        return build_print(session, target, output_intent.as_deref(), *allow_placeholders);
    }
    let compiled = typeset(session, target)?;
    exported(session, compiled, target)
}

/// Builds the handouts of `slugs` (chapters), typeset and exported at once on every core,
/// in order; the edition's data problems stop them all first. Each is what
/// `build(session, &Target::Chapter(slug))` makes, byte for byte. Writes nothing.
pub fn build_handouts(session: &mut Session, slugs: &[String]) -> Result<Vec<Result<Artifact>>> {
    use rayon::prelude::*;
    refuse_data_problems(session)?;
    let targets: Vec<Target> = slugs.iter().map(|slug| Target::Chapter(slug.clone())).collect();
    let models: Vec<Model> = targets.iter().map(|target| model(session, target)).collect();
    let typeset = session.typeset_each(&models);
    let session = &*session;
    let built = typeset
        .into_par_iter()
        .zip(&targets)
        .map(|(compiled, target)| exported(session, compiled.map_err(Error::failed)?, target))
        .collect();
    Ok(built)
}

/// The print file: its settings and inks first (a profile or an ink missing stops it before
/// Typst runs), then the print rendition, refused while it holds position marks of missing
/// assets (unless allowed), exported and finished.
fn build_print(
    session: &mut Session,
    target: &Target,
    output_intent: Option<&Path>,
    allow_placeholders: bool,
) -> Result<Artifact> {
    let settings = print_settings(session, output_intent)?;
    let inks = print_inks(session)?;
    // The print file falls page for page as the screen PDF: the screen's settled model, in
    // the print rendition.
    let screen = typeset(session, &Target::Screen)?;
    let mut settled = screen.settled.unwrap_or_else(|| model(session, &Target::Screen));
    let print = model(session, target);
    settled.edition.rendition = print.edition.rendition;
    settled.edition.bleed = print.edition.bleed;
    let compiled = session.typeset_settled(&settled).map_err(Error::failed)?;
    // The folios, the numbers printed on the pages (`counter(page)`): what a printer names a
    // page by.
    let folios: Vec<u64> = compiled.document.pages().iter().map(|page| page.number).collect();
    let folio_of = |page: usize| folios.get(page.wrapping_sub(1)).copied().unwrap_or(page as u64);
    let marks = placeholders(&compiled.document);
    let by_folio = |marks: &[(usize, String)]| -> Vec<(u64, String)> {
        marks.iter().map(|(page, kind)| (folio_of(*page), kind.clone())).collect()
    };
    refuse_placeholders(&by_folio(&marks), allow_placeholders)?;
    let print_config = session.edition.config.print.clone();
    let pending = pending_numbers(&compiled.document, &print_config.pending_words);
    if print_config.refuse_pending && !allow_placeholders && !pending.is_empty() {
        let pending = by_folio(&pending);
        return Err(Error::sources(format!(
            "the print file would hold {} word(s) standing for numbers still to come ({}), on folios {}; `refuse-pending = true` in [print] refuses them in the final job: add the numbers, or pass --allow-placeholders for a proof",
            pending.len(),
            words_of(&pending),
            folio_list_of(&pending)
        )));
    }
    let covers = cover_pages(&compiled.document);
    let pages = compiled.document.pages().len();
    let config = &session.edition.config;
    // A book with a front cover (a handout has none); the back cover may be left out.
    let has_cover = covers.iter().any(|(_, kind)| kind == "front");
    let perfect = has_cover && crate::outputs::print::cover::perfect_bound(config.print.binding, pages);
    // Typst's page frame is the trim (the bleed lies outside it).
    let trim_mm = compiled
        .document
        .pages()
        .first()
        .map(|p| (round_mm(p.frame.width().to_mm()), round_mm(p.frame.height().to_mm())));
    let mut artifact = exported(session, compiled, target)?;
    let mut settings = settings;
    let cover = match (perfect, trim_mm) {
        (true, Some(trim)) => {
            let spread =
                crate::outputs::print::cover::Spread::new(&config.print, trim, pages - covers.len()).map_err(usage)?;
            let cover = build_cover(session, target, &settings, &inks, &spread)?;
            settings.drop_pages = covers.iter().map(|(page, _)| *page).collect();
            Some(cover)
        }
        _ => None,
    };
    // The file's own position marks and pending numbers: a perfect-bound book's block holds
    // those off its covers.
    let own = |marks: &[(usize, String)]| -> Vec<(u64, String)> {
        by_folio(&marks.iter().filter(|(page, _)| !settings.drop_pages.contains(page)).cloned().collect::<Vec<_>>())
    };
    let (own_marks, own_pending) = (own(&marks), own(&pending));
    settings.placeholders = own_marks.len();
    // As the file's information says it, for preflight: `folios 3 (photo), 15 (figure)`.
    let folios_said = |list: String| if list.is_empty() { list } else { format!("folios {list}") };
    settings.placeholder_folios = folios_said(listed(&own_marks, 200));
    settings.pending = own_pending.len();
    settings.pending_folios = folios_said(folio_list_of(&own_pending));
    let part = if cover.is_some() { "innmat · " } else { "" };
    let label = |_: usize, folio: Option<u64>| match folio {
        Some(folio) => format!("{part}side {folio}"),
        None => format!("{part}blank side"),
    };
    finish_print(session, &settings, &inks, cover.is_none(), &folios, &label, &mut artifact)?;
    if let Some(notes) = &mut artifact.print {
        notes.placeholders = by_folio(&marks);
        notes.pending = by_folio(&pending);
        notes.cover_folios = settings.drop_pages.iter().filter_map(|page| folios.get(page - 1).copied()).collect();
        notes.cover = cover;
    }
    Ok(artifact)
}

fn round_mm(mm: f64) -> f64 {
    (mm * 100.0).round() / 100.0
}

/// The pages `<cover-page>` marks in a laid-out book (front, inside front, back).
fn cover_pages(document: &typst_layout::PagedDocument) -> Vec<(usize, String)> {
    crate::typeset::introspect::metadata_with_pages(document, "cover-page")
        .into_iter()
        .map(|(page, kind)| (page, kind.cast::<String>().unwrap_or_default()))
        .collect()
}

/// The cover file of a perfect-bound book: the spread typeset by layout/cover-file.typ,
/// finished like the book block, with fold marks at the spine.
fn build_cover(
    session: &mut Session,
    target: &Target,
    settings: &PrintSettings,
    inks: &crate::outputs::print::Inks,
    spread: &crate::outputs::print::cover::Spread,
) -> Result<CoverFile> {
    let model = model(session, target);
    let compiled = session.typeset_cover(&model, &spread.json()).map_err(Error::failed)?;
    let spine_title = !crate::typeset::introspect::metadata_with_pages(&compiled.document, "spine-title").is_empty();
    // A spine too thin for its title at the smallest size: how wide a spine the title needs.
    let needed = crate::typeset::introspect::metadata_with_pages(&compiled.document, "spine-too-thin")
        .into_iter()
        .find_map(|(_, mm)| mm.cast::<f64>().ok());
    // The cover's own position marks (its photo), not the edition's.
    let cover_marks = placeholders(&compiled.document);
    let placeholders = cover_marks.len();
    let mut artifact = exported(session, compiled, target)?;
    if let Some(needed) = needed {
        artifact.warnings.push(Diagnostic::warning(
            Origin::Print,
            format!(
                "the spine ({:.1} mm) is too thin for its title, which needs {needed:.1} mm to keep 1.5 mm from each fold at 8 pt: the spine is left plain (`spine-mm` in [print] sets the width the printer quotes)",
                spread.spine_mm
            ),
        ));
    }
    let spread_name = |page: usize| if page == 1 { "omslag · utside" } else { "omslag · innside" };
    let placeholder_folios = cover_marks
        .iter()
        .map(|(page, kind)| format!("{} ({kind})", spread_name(*page)))
        .collect::<Vec<_>>()
        .join(", ");
    let settings = PrintSettings {
        page_multiple: 1,
        folds_pt: spread.folds_pt(),
        cover: true,
        drop_pages: Vec::new(),
        placeholders,
        placeholder_folios,
        pending: 0,
        pending_folios: String::new(),
        ..settings.clone()
    };
    // The cover's pages carry no folio: the slug names the spread.
    let label = |page: usize, _: Option<u64>| spread_name(page).to_string();
    finish_print(session, &settings, inks, false, &[], &label, &mut artifact)?;
    Ok(CoverFile {
        pdf: artifact.pdf,
        spine_mm: spread.spine_mm,
        paper_mm: spread.paper_mm,
        spine_title,
        block_pages: spread.block_pages,
        placeholders,
        warnings: artifact.warnings,
    })
}

/// A typeset report exported for `target`, with what it warns of.
fn exported(session: &Session, compiled: Compiled, target: &Target) -> Result<Artifact> {
    let pdf = export(session, &compiled, target)?;
    Ok(artifact(compiled, pdf, target))
}

/// A typeset report and its PDF, exported for `target` ([`export`]), with what it warns of.
pub fn artifact(compiled: Compiled, pdf: Vec<u8>, target: &Target) -> Artifact {
    Artifact {
        pages: compiled.document.pages().len(),
        pdf,
        chapter_pages: compiled.chapter_pages,
        standards: target.standards().iter().map(|(_, name)| *name).collect(),
        warnings: compiled.warnings,
        print: None,
    }
}

/// The print file's inks; a theme colour without one is an error.
fn print_inks(session: &mut Session) -> Result<crate::outputs::print::Inks> {
    let (inks, missing) = crate::typeset::theme::print_inks(&mut session.world).map_err(Error::failed)?;
    if !missing.is_empty() {
        let message = format!(
            "layout/print.typ: expected a CMYK ink in `inks` for every theme colour, found none for {}",
            missing.join(", ")
        );
        return Err(Error::sources(message));
    }
    Ok(inks)
}

/// Finishes Typst's PDF of the print rendition for the press (see [`crate::outputs::print`]).
/// `with_back_cover`: the book ends with its back cover (blank pages go before it); `folios`:
/// the numbers Typst gave its pages; `label(page, folio)` names a page of the finished file
/// in the slug line (`innmat · side 42`, `omslag · utside`).
fn finish_print(
    session: &Session,
    settings: &PrintSettings,
    inks: &crate::outputs::print::Inks,
    with_back_cover: bool,
    folios: &[u64],
    label: &dyn Fn(usize, Option<u64>) -> String,
    artifact: &mut Artifact,
) -> Result<()> {
    let config = &session.edition.config;
    let (title, id, date) = (&config.title, &config.id, config.date.to_string());
    let slug = |page: usize, folio: Option<u64>| format!("{title} · {id} · {} · {date}", label(page, folio));
    let ends_with_back_cover = with_back_cover && !config.back_cover.is_empty();
    let finished = crate::outputs::print::finish(&artifact.pdf, settings, inks, ends_with_back_cover, folios, &slug)?;
    if !finished.colours_by_formula.is_empty() {
        let message = format!(
            "colours without an ink in layout/print.typ, converted to CMYK by formula: {}",
            finished.colours_by_formula.join(", ")
        );
        artifact.warnings.push(Diagnostic::warning(Origin::Print, message));
    }
    let by_formula = finished.pictures.iter().filter(|h| **h == crate::outputs::print::pictures::How::Formula).count();
    if by_formula > 0 {
        let message = format!(
            "{by_formula} picture(s) converted to CMYK by formula, not colour-managed: no output profile (`--output-intent FILE.icc` or `output-intent` in [print]) to convert to"
        );
        artifact.warnings.push(Diagnostic::warning(Origin::Print, message));
    }
    let limit = settings.ink_limit;
    if !finished.colours_over_limit.is_empty() {
        let message = format!(
            "layout/print.typ: expected every colour's ink within the ink limit of {limit} % (`ink-limit` in [print]), found {}: give the colour a lighter build in `inks` (or `sdg-inks`)",
            finished.colours_over_limit.join(", ")
        );
        return Err(Error::sources(message));
    }
    let names = cmyk_photo_names(&session.project, &session.edition.dir, &finished.cmyk_photos);
    let profile = settings.output_intent.as_ref().map(|p| p.description.clone());
    for photo in &finished.cmyk_photos {
        let name = names.get(&photo.sha256).cloned().unwrap_or_else(|| photo.image.clone());
        let message = match (&photo.ink, &photo.reseparated) {
            (Err(why), _) => format!("expected a CMYK photo whose ink can be checked, found {name} with {why}"),
            (Ok(ink), None) if *ink > limit + 0.5 => {
                // `over-limit-photos = "refuse"`: the job is not made.
                let message = format!(
                    "expected CMYK photos within the ink limit of {limit} % (`ink-limit` in [print]), found {name} with pixels of {ink:.0} %: separate it again for this paper, or let the build do it (`over-limit-photos = \"re-separate\"` in [print])"
                );
                return Err(Error::failed(vec![Diagnostic::error(Origin::Print, message)]));
            }
            (Ok(_), None) => continue,
            (Ok(ink), Some(Ok(after))) => match &profile {
                Some(profile) => format!(
                    "re-separated {name}: its pixels of {ink:.0} % went past the ink limit of {limit} % (`ink-limit` in [print]); through {profile} it now reaches {after:.0} %"
                ),
                None => format!(
                    "re-separated {name}: its pixels of {ink:.0} % went past the ink limit of {limit} % (`ink-limit` in [print]); with no output profile its cyan, magenta and yellow were reduced, black kept: it now reaches {after:.0} %"
                ),
            },
            (Ok(ink), Some(Err(why))) => {
                let message = format!(
                    "expected CMYK photos within the ink limit of {limit} % (`ink-limit` in [print]), found {name} with pixels of {ink:.0} %, which cannot be separated again ({why})"
                );
                return Err(Error::failed(vec![Diagnostic::error(Origin::Print, message)]));
            }
        };
        artifact.warnings.push(Diagnostic::warning(Origin::Print, message));
    }
    if let Some(reach) = finished.profile_reach.filter(|reach| *reach > limit + 0.5) {
        let profile = profile.unwrap_or_default();
        artifact.warnings.push(Diagnostic::warning(
            Origin::Print,
            format!(
                "expected an output profile within the ink limit of {limit} % (`ink-limit` in [print]), found {profile} reaching {reach:.0} % in its darkest colours: photos converted through it are held to {limit} % (black kept, cyan, magenta and yellow reduced where they go over); for the paper's own separation ask the printer for its profile, or set `ink-limit` to the paper's limit"
            ),
        ));
    }
    for image in &finished.images_left {
        artifact.warnings.push(Diagnostic::warning(Origin::Print, format!("not converted to CMYK: {image}")));
    }
    if let Some(message) = reversed_small_type(session, &finished, label) {
        artifact.warnings.push(Diagnostic::warning(Origin::Print, message));
    }
    artifact.pdf = finished.pdf;
    artifact.pages = finished.pages;
    artifact.print = Some(PrintNotes {
        added_pages: finished.added_pages,
        page_multiple: settings.page_multiple,
        pdfx: finished.pdfx,
        placeholders: Vec::new(),
        pending: Vec::new(),
        blank_folios: crate::outputs::print::pages::blank_folios(&finished.folios),
        folios: finished.folios,
        cover_folios: Vec::new(),
        cover: None,
        pictures: pictures_line(&finished.pictures, settings),
        two_ink_type: finished.two_ink_type,
    });
    Ok(())
}

/// Small white type knocked out of a field of more than two inks (preflight's
/// `reversed-type`), named by the pages it is on: folios, or a cover file's spreads by
/// `label`. The plates out of register fill such letters in, so the build says where.
fn reversed_small_type(
    session: &Session,
    finished: &crate::outputs::print::Finished,
    label: &dyn Fn(usize, Option<u64>) -> String,
) -> Option<String> {
    let rules = crate::checks::preflight::Rules::of(&session.edition.config.print);
    let fonts = session.project.join("fonts");
    let report = crate::checks::preflight::preflight(&finished.pdf, Some(&fonts), &rules).ok()?;
    let pages: Vec<usize> =
        report.findings.iter().filter(|f| f.code == Some("reversed-type")).filter_map(|f| f.page()).collect();
    if pages.is_empty() {
        return None;
    }
    let folios: Vec<u64> = pages.iter().filter_map(|p| finished.folios.get(p - 1).copied().flatten()).collect();
    let mut named: Vec<String> = Vec::new();
    if !folios.is_empty() {
        named.push(format!("folios {}", crate::outputs::print::pages::folio_list(&folios)));
    }
    for page in pages.iter().filter(|p| finished.folios.get(*p - 1).copied().flatten().is_none()) {
        named.push(label(*page, None));
    }
    Some(format!(
        "white type under {} pt knocked out of a field of more than two inks on {}: plates out of register fill its letters in; set it larger or on a field of at most two inks (`rapport preflight` names each)",
        crate::checks::preflight::REVERSED_TEXT_PT,
        named.join(", ")
    ))
}

/// The files of the CMYK photos in `photos`, by the SHA-256 of their bytes (a JPEG is placed
/// as its file's bytes): the JPEG files below the edition folder `dir`, as the project shows
/// them (`data/mini/photos/cmyk.jpg`). Nothing is read when no photo is CMYK.
fn cmyk_photo_names(
    project: &Path,
    dir: &Path,
    photos: &[crate::outputs::print::converted::CmykPhoto],
) -> std::collections::HashMap<String, String> {
    use sha2::Digest as _;
    let mut names = std::collections::HashMap::new();
    if photos.is_empty() {
        return names;
    }
    for path in crate::inputs::paths::files_below(dir).into_iter().take(10_000) {
        let jpeg = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("jpg") || e.eq_ignore_ascii_case("jpeg"));
        if !jpeg {
            continue;
        }
        let Ok(bytes) = crate::inputs::paths::read_regular(&path, "a photo", crate::inputs::images::MAX_IMAGE_BYTES)
        else {
            continue;
        };
        let hash: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        names.insert(hash, crate::inputs::paths::relative(project, &path).display().to_string());
    }
    names
}

/// How the pictures were converted: through which profile, with which intent, and how many
/// were assumed to be sRGB for want of a profile of their own.
fn pictures_line(pictures: &[crate::outputs::print::pictures::How], settings: &PrintSettings) -> Option<String> {
    use crate::outputs::print::pictures::How;
    if pictures.is_empty() {
        return None;
    }
    let Some(profile) = &settings.output_intent else {
        return Some(format!("{} picture(s) converted by formula (no output profile)", pictures.len()));
    };
    let assumed = pictures.iter().filter(|h| matches!(h, How::Managed { embedded: false, .. })).count();
    let greys = pictures.iter().filter(|h| matches!(h, How::Managed { grey: true, .. })).count();
    let bpc = if settings.black_point_compensation { ", black-point compensation" } else { "" };
    let mut line = format!(
        "{} picture(s) converted through {} ({}{bpc}); {assumed} without a profile of their own, taken as sRGB",
        pictures.len(),
        profile.description,
        settings.rendering_intent.name()
    );
    if greys > 0 {
        let how = if settings.four_colour_greys { "in four inks" } else { "on the black plate alone" };
        line.push_str(&format!("; {greys} greyscale, {how}"));
    }
    Some(line)
}

/// The project's folder of printers' ICC profiles, which the user fills (profiles are not
/// shipped: their licences do not allow it).
pub const PROFILES: &str = "profiles";

/// The print file's settings: `[print]` of edition.toml, with the output profile given on the
/// command line (`--output-intent`, as given) in place of the one it names (inside the
/// edition folder). A profile that cannot be used is a usage error.
pub fn print_settings(session: &Session, output_intent: Option<&Path>) -> Result<PrintSettings> {
    let print = &session.edition.config.print;
    let profile = match (output_intent, &print.output_intent) {
        (Some(path), _) => Some(path.to_path_buf()),
        (None, Some(name)) => {
            Some(crate::inputs::paths::resolve_inside(&session.edition.dir, name).map_err(|err| {
                usage(format!(
                    "data/{}/edition.toml: [print] `output-intent` names `{name}`: {err}",
                    session.edition.config.id
                ))
            })?)
        }
        // The printing condition's ECI profile, where the user has put it in the project.
        (None, None) => print
            .printing_condition
            .map(|c| session.project.join(PROFILES).join(c.eci_profile()))
            .filter(|path| path.is_file()),
    };
    // Else rapport's own profile of the condition, where it ships one (FOGRA39).
    let output_intent = match profile {
        Some(path) => Some(crate::outputs::print::pdfx::read_profile(&path)?),
        None => print.printing_condition.and_then(crate::outputs::print::pdfx::shipped),
    };
    // A profile given for a printing condition must print it: its paper and blacks are the
    // condition's. A profile given alone whose description names a condition it prints names
    // that condition in the output intent.
    let printing_condition = match (print.printing_condition, &output_intent) {
        (Some(condition), Some(profile)) => {
            if let Err(found) = crate::outputs::print::condition::check(&profile.bytes, condition) {
                return Err(usage(format!(
                    "data/{}/edition.toml: [print] `printing-condition = \"{}\"`: expected an output profile of that condition (ECI's is {}), found «{}» printing {found}: give the profile of the condition, or name the condition the profile is for",
                    session.edition.config.id,
                    condition.identifier(),
                    condition.eci_profile(),
                    profile.description
                )));
            }
            Some(condition)
        }
        (None, Some(profile)) => crate::outputs::print::condition::printed_condition(&profile.bytes)
            .filter(|condition| condition.described_by(&profile.description)),
        (condition, None) => condition,
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
        folds_pt: Vec::new(),
        drop_pages: Vec::new(),
        cover: false,
        rendering_intent: print.rendering_intent,
        black_point_compensation: print.black_point_compensation,
        four_colour_greys: print.four_colour_greys,
        ink_limit: print.ink_limit(),
        over_limit: print.over_limit_photos,
        printing_condition,
        placeholders: 0,
        placeholder_folios: String::new(),
        pending: 0,
        pending_folios: String::new(),
    })
}

/// The position marks of missing assets in a laid-out document: page and kind (`photo`,
/// `figure`, `map`, `chart`), as placeholder.typ labels them.
pub fn placeholders(document: &typst_layout::PagedDocument) -> Vec<(usize, String)> {
    crate::typeset::introspect::metadata_with_pages(document, "placeholder")
        .into_iter()
        .map(|(page, kind)| (page, kind.cast::<String>().unwrap_or_default()))
        .collect()
}

/// The words of `words` (`pending-words` of [print]) in a laid-out document, one entry each
/// time one stands on a page: page (1-based) and word. A page's text is read as laid out,
/// without its running head and foot.
pub fn pending_numbers(document: &typst_layout::PagedDocument, words: &[String]) -> Vec<(usize, String)> {
    let words: Vec<&String> = words.iter().filter(|w| !w.trim().is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        let text = crate::outputs::approval::page_text(&page.frame);
        for word in &words {
            found.extend(std::iter::repeat_n((index + 1, word.to_string()), text.matches(word.as_str()).count()));
        }
    }
    found
}

/// The distinct words of pending numbers, quoted: `«Tall kommer»`.
fn words_of(pending: &[(u64, String)]) -> String {
    let mut words: Vec<&str> = pending.iter().map(|(_, word)| word.as_str()).collect();
    words.sort_unstable();
    words.dedup();
    words.iter().map(|w| format!("\u{ab}{w}\u{bb}")).collect::<Vec<_>>().join(", ")
}

/// The folios of `found`, as a printer reads a list (`12, 14–16`).
fn folio_list_of(found: &[(u64, String)]) -> String {
    crate::outputs::print::pages::folio_list(&found.iter().map(|(folio, _)| *folio).collect::<Vec<_>>())
}

/// The pages of position marks with their kinds, `4 (photo), 15 (figure)`, at most `shown`
/// of them (then `, …`).
pub fn listed<N: std::fmt::Display>(marks: &[(N, String)], shown: usize) -> String {
    let pages: Vec<String> = marks.iter().take(shown).map(|(page, kind)| format!("{page} ({kind})")).collect();
    let more = if marks.len() > shown { ", …" } else { "" };
    format!("{}{more}", pages.join(", "))
}

/// Refuses a print job that still holds position marks (folio and kind), unless they are
/// allowed (a proof).
pub fn refuse_placeholders(marks: &[(u64, String)], allowed: bool) -> Result<()> {
    if marks.is_empty() || allowed {
        return Ok(());
    }
    Err(Error::sources(format!(
        "the print file would hold {} position mark(s) for missing pictures, figures, maps or charts, on folios {}; add the files, or pass --allow-placeholders for a proof",
        marks.len(),
        listed(marks, 12)
    )))
}
