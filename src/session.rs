//! A build session: an edition loaded into the model, and the Typst world it compiles in.
//! `build`, `check` and `watch` all go through here, so they see the same report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Context;
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoVec;
use typst::foundations::{Datetime, Label, Selector, Smart, Value};
use typst::introspection::MetadataElem;
use typst::utils::PicoStr;
use typst_kit::diagnostics::{DiagnosticFormat, emit, termcolor::WriteColor};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Problems;
use crate::edition::{Edition, load_edition};
use crate::model::Rendition;
use crate::world::{MODEL, ReportWorld};

/// Why a compilation produced no document.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the edition's data files.
    Data(Problems),
    /// Errors reported by Typst in the layouts (or data the layouts rejected).
    Typst(EcoVec<SourceDiagnostic>),
}

/// A typeset report.
pub struct Compiled {
    pub document: PagedDocument,
    pub warnings: EcoVec<SourceDiagnostic>,
    /// Where each chapter starts: slug and 1-based page.
    pub chapter_pages: Vec<(String, usize)>,
}

/// An edition ready to compile.
pub struct Session {
    pub project: PathBuf,
    pub edition: Edition,
    pub world: ReportWorld,
    /// Problems found while loading the data.
    pub problems: Problems,
    /// Warnings: what is left to fill in a new edition.
    pub warnings: Problems,
    /// Whether the next compilation attaches the edition's CSV files (PDF/A-3 archive).
    pub attach_data: bool,
}

impl Session {
    /// Loads the edition `id` of the project. Configuration errors are `Err`; data problems
    /// are kept in `problems` so a check can report all of them.
    pub fn open(project: &Path, id: &str) -> anyhow::Result<Session> {
        let project =
            project.canonicalize().with_context(|| format!("cannot open the project folder {}", project.display()))?;
        let (edition, mut problems) = load(&project, id)?;
        let date = edition.config.date.date.context("`date` in edition.toml needs a day, e.g. 2023-06-01")?;
        let today = Datetime::from_ymd(i32::from(date.year), date.month, date.day)
            .context("`date` in edition.toml is not a valid date")?;
        let world = ReportWorld::new(&project, today)?;
        let mut warnings = crate::edition::progress::left_to_fill(&project, &edition);
        warnings.extend(problems.take_warnings());
        let mut session = Session { project, edition, world, problems, warnings, attach_data: false };
        session.check_fonts();
        Ok(session)
    }

    /// Reloads the edition's data from disk (watch mode); the world keeps its caches.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        (self.edition, self.problems) = load(&self.project, &self.edition.config.id)?;
        self.warnings = crate::edition::progress::left_to_fill(&self.project, &self.edition);
        self.warnings.extend(self.problems.take_warnings());
        self.world.reset();
        self.check_fonts();
        Ok(())
    }

    /// Adds a problem for every font the theme names that `fonts/` lacks.
    fn check_fonts(&mut self) {
        let missing = crate::theme::check_theme_fonts(self);
        self.problems.extend(missing);
    }

    /// Typesets the report, or only the chapter `scope` (a handout), for the screen.
    pub fn compile(&mut self, scope: Option<&str>) -> Result<Compiled, Failure> {
        self.compile_for(scope, Rendition::Screen)
    }

    /// Typesets the report (or the chapter `scope`) for `rendition`: the print rendition
    /// tells the layouts the bleed of `[print]`.
    pub fn compile_for(&mut self, scope: Option<&str>, rendition: Rendition) -> Result<Compiled, Failure> {
        if !self.problems.is_empty() {
            return Err(Failure::Data(self.problems.clone()));
        }
        let mut model = self.edition.model.clone();
        model.edition.rendition = rendition;
        if rendition == Rendition::Print {
            model.edition.bleed = self.edition.config.print.bleed;
        }
        if self.attach_data {
            let csv =
                crate::files_below(&self.edition.dir).into_iter().filter(|f| f.extension().is_some_and(|e| e == "csv"));
            model.edition.attachments =
                csv.map(|f| format!("/{}", crate::paths::relative(&self.project, &f).display())).collect();
        }
        if let Some(slug) = scope {
            for part in &mut model.parts {
                part.chapters.retain(|c| c.slug == slug);
            }
            model.parts.retain(|p| !p.chapters.is_empty());
            model.edition.scope = slug.to_string();
        }
        let json = serde_json::to_vec(&model).expect("the model serialises");
        let generated = self.edition.generated.iter().map(|(path, bytes)| (path.as_str(), bytes.clone()));
        self.world.set_virtual(std::iter::once((MODEL, json)).chain(generated));

        let Warned { output, warnings } = compile_guarded(&self.world);
        let document = output.map_err(Failure::Typst)?;
        let chapter_pages = chapter_pages(&document);
        Ok(Compiled { document, warnings, chapter_pages })
    }

    /// Exports a typeset report as PDF, dated with the edition's date so builds are
    /// reproducible.
    ///
    /// The screen PDF is PDF/UA-1: public bodies in Norway must publish universally designed
    /// documents, so the file that goes on the web is tagged and checked as such.
    pub fn pdf(&self, compiled: &Compiled) -> Result<Vec<u8>, Failure> {
        self.pdf_conforming(compiled, &[PdfStandard::Ua_1])
    }

    /// Exports as [`pdf`](Self::pdf) does, conforming to `standards` (e.g. PDF/A-2a and
    /// PDF/UA-1 for the archive); Typst refuses what would break them, as layout errors.
    pub fn pdf_conforming(&self, compiled: &Compiled, standards: &[PdfStandard]) -> Result<Vec<u8>, Failure> {
        let standards = PdfStandards::new(standards).map_err(|err| {
            Failure::Typst(typst::ecow::eco_vec![SourceDiagnostic::error(
                typst::syntax::Span::detached(),
                err.message().clone()
            )])
        })?;
        let options = PdfOptions {
            ident: Smart::Custom(format!("rapport/{}", self.edition.config.id)),
            timestamp: self.world_date().map(Timestamp::new_utc),
            standards,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&compiled.document, &options).map_err(Failure::Typst)
    }

    fn world_date(&self) -> Option<Datetime> {
        use typst::World;
        self.world.today(None)
    }

    /// Prints Typst diagnostics (errors or warnings) codespan-style.
    pub fn emit_typst(&self, out: &mut dyn WriteColor, diagnostics: &[SourceDiagnostic]) {
        if emit(out, &self.world, diagnostics, DiagnosticFormat::Human).is_err() {
            for d in diagnostics {
                let _ = writeln!(out, "error: {}", d.message);
            }
        }
    }

    /// Prints a failure.
    pub fn emit_failure(&self, out: &mut dyn WriteColor, failure: &Failure) {
        match failure {
            Failure::Data(problems) => {
                let _ = problems.emit(out);
            }
            Failure::Typst(diagnostics) => self.emit_typst(out, diagnostics),
        }
    }

    /// The files the last build read: the layouts and assets Typst read, and every file of
    /// the edition (Rust reads those, so Typst does not list them).
    pub fn watched_files(&mut self) -> Vec<PathBuf> {
        let mut files = self.world.dependencies();
        files.push(self.edition.dir.clone());
        files.extend(crate::files_below(&self.edition.dir));
        files
    }

    /// The path of the print file: `<out>/<output>-trykk.pdf`.
    pub fn print_path(&self, out_dir: &Path) -> PathBuf {
        out_dir.join(format!("{}-trykk.pdf", self.edition.config.output))
    }

    /// The path of the PDF for the whole report or a chapter handout.
    pub fn output_path(&self, out_dir: &Path, scope: Option<&str>) -> PathBuf {
        let stem = &self.edition.config.output;
        match scope {
            Some(slug) => out_dir.join(format!("{stem}-{slug}.pdf")),
            None => out_dir.join(format!("{stem}.pdf")),
        }
    }
}

/// Loads the edition and checks the assets: what `open` and `reload` both see.
fn load(project: &Path, id: &str) -> anyhow::Result<(Edition, Problems)> {
    let mut problems = Problems::default();
    let edition = load_edition(project, id, &mut problems)?;
    crate::assets::check_assets(project, &mut problems);
    crate::fonts::check_fonts(project, &mut problems);
    Ok((edition, problems))
}

/// Whether one of `files` changed after `since` (saved while a build ran).
pub fn changed_since(files: &[PathBuf], since: SystemTime) -> bool {
    let now = SystemTime::now();
    files.iter().any(|f| f.metadata().and_then(|m| m.modified()).is_ok_and(|t| t > since && t <= now))
}

/// Typst's compile, with a crash inside the compiler turned into an error: a bug in Typst
/// must not take the tool (or `watch`, or the other editions of `archive --all`) down.
pub fn compile_guarded(world: &ReportWorld) -> Warned<typst::diag::SourceResult<PagedDocument>> {
    let run = std::panic::AssertUnwindSafe(|| typst::compile::<PagedDocument>(world));
    std::panic::catch_unwind(run).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        let message = format!("the Typst compiler crashed while laying out the report ({what}); this is a bug in Typst, triggered by the layouts");
        let error = SourceDiagnostic::error(typst::syntax::Span::detached(), message);
        Warned { output: Err(typst::ecow::eco_vec![error]), warnings: Default::default() }
    })
}

/// The values of the metadata labelled `label` in a document.
pub fn metadata(document: &PagedDocument, label: &str) -> Vec<Value> {
    metadata_with_pages(document, label).into_iter().map(|(_, value)| value).collect()
}

/// The pages on which chapters start, from the `<chapter-start>` metadata the layout places.
fn chapter_pages(document: &PagedDocument) -> Vec<(String, usize)> {
    metadata_with_pages(document, "chapter-start")
        .into_iter()
        .filter_map(|(page, value)| if let Value::Str(slug) = value { Some((slug.to_string(), page)) } else { None })
        .collect()
}

/// The metadata labelled `label`, with the page each stands on.
pub fn metadata_with_pages(document: &PagedDocument, label: &str) -> Vec<(usize, Value)> {
    use typst::introspection::Introspector;
    let Some(label) = Label::new(PicoStr::intern(label)) else { return Vec::new() };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let page = introspector.page(content.location()?)?;
            Some((page.get(), meta.value.clone()))
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed or interrupted build never leaves a broken file where the last good one was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write {}", file.path().display()))?;
    file.as_file().sync_all().ok();
    // Temporary files are private (0600); the PDF is a document to share, as a plain write makes it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    file.persist(path).with_context(|| format!("cannot move the new PDF to {}", path.display()))?;
    Ok(())
}
