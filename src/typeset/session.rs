//! A session: an edition loaded into the model, and the Typst world it compiles in. What to
//! typeset for which target is decided in [`crate::build`]; a session typesets a model and
//! exports a document, and returns diagnostics, never prints them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Context;
use typst::diag::{SourceResult, Warned};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Diagnostic, Diagnostics, Origin};
use crate::inputs::edition::{Edition, load_edition};
use crate::model::Model;
use crate::typeset::balance;
use crate::typeset::theme::Theme;
use crate::typeset::world::{MODEL, ReportWorld};

/// The entry point of the print file's cover spread, and where it reads the spread's measures.
const COVER_MAIN: &str = "layout/cover-file.typ";
const COVER: &str = "/cover.json";
const WEB_MAIN: &str = "layout/web.typ";
const WEB: &str = "/web.json";

/// A typeset report.
pub struct Compiled {
    pub document: PagedDocument,
    /// Typst's warnings.
    pub warnings: Vec<Diagnostic>,
    /// Where each chapter starts: slug and 1-based page.
    pub chapter_pages: Vec<(String, usize)>,
    /// The model as the page-balancing pass left it (where each figure stands, how tight each
    /// chapter is set, how each reference is worded), for a rendition that must fall the same.
    pub settled: Option<Model>,
}

impl Compiled {
    /// Where Typst's layout did not converge («did not converge», «did not stabilize» among
    /// its warnings: an element placed by where it landed, moving it again), the chapter its
    /// hints name most often where the elements ended up (page 1 is where Typst starts, not a
    /// place); `None`
    /// where it converged; an empty slug where no chapter can be told.
    pub fn unsettled(&self) -> Option<String> {
        let unsettled: Vec<&Diagnostic> = self
            .warnings
            .iter()
            .filter(|w| w.message.contains("did not converge") || w.message.contains("did not stabilize"))
            .collect();
        if unsettled.is_empty() {
            return None;
        }
        // The pages where the unsettled elements ended up (Typst's `final:` lines), each
        // counted for its chapter: the chapter named most often.
        let page = regex::Regex::new(r"final: page (\d+)").ok()?;
        let mut counts: Vec<(String, usize)> = Vec::new();
        for hint in unsettled.iter().flat_map(|w| w.hints.iter()) {
            for p in page.captures_iter(hint).filter_map(|c| c[1].parse::<usize>().ok()).filter(|&p| p > 1) {
                let Some((slug, _)) = self.chapter_pages.iter().rev().find(|(_, start)| *start <= p) else { continue };
                match counts.iter_mut().find(|(s, _)| s == slug) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((slug.clone(), 1)),
                }
            }
        }
        let chapter = counts.iter().max_by_key(|(_, n)| *n).map(|(slug, _)| slug.clone());
        Some(chapter.unwrap_or_default())
    }
}

/// An edition ready to compile.
pub struct Session {
    pub project: PathBuf,
    pub edition: Edition,
    /// The model made from the edition ([`Model::from_input`]), before a target prepares it.
    pub model: Model,
    pub world: ReportWorld,
    /// The errors in the edition's data, found while loading it (its warnings are kept apart,
    /// in `warnings`).
    pub problems: Diagnostics,
    /// Warnings: what is left to fill in a new edition, and the data's own warnings.
    pub warnings: Diagnostics,
    /// What Rust reads of the theme, read with the edition; `None` when it cannot be read
    /// (and then why is among the problems).
    pub theme: Option<Theme>,
}

impl Session {
    /// Loads the edition `id` of the project. Configuration errors are `Err`; data problems
    /// are kept in `problems` so a check can report all of them.
    pub fn open(project: &Path, id: &str) -> anyhow::Result<Session> {
        let project =
            project.canonicalize().with_context(|| format!("cannot open the project folder {}", project.display()))?;
        let loaded = crate::inputs::loaded::Loaded::default();
        let (edition, mut problems) = load(&project, id, &loaded)?;
        let date = edition.config.date.date.context("`date` in edition.toml needs a day, e.g. 2023-06-01")?;
        let today = Datetime::from_ymd(i32::from(date.year), date.month, date.day)
            .context("`date` in edition.toml is not a valid date")?;
        let world = ReportWorld::new(&project, today, loaded)?;
        let warnings = progress(&project, &edition, &mut problems);
        let model = Model::from_input(&edition);
        let mut session = Session { project, edition, model, world, problems, warnings, theme: None };
        session.read_theme();
        Ok(session)
    }

    /// Reloads the edition's data from disk (watch mode); the world keeps its caches. The
    /// files read are noted where the first reading's were (a file saved since is marked as
    /// changed there: a reloaded session is for watching, not for archiving).
    pub fn reload(&mut self) -> anyhow::Result<()> {
        let loaded = self.edition.loaded.clone();
        (self.edition, self.problems) = load(&self.project, &self.edition.config.id, &loaded)?;
        self.model = Model::from_input(&self.edition);
        self.warnings = progress(&self.project, &self.edition, &mut self.problems);
        self.world.reset();
        self.read_theme();
        Ok(())
    }

    /// Reads the theme, and adds a problem for every font it names that `fonts/` lacks (or
    /// the theme's errors, when it cannot be read).
    fn read_theme(&mut self) {
        match Theme::read(&mut self.world) {
            Ok(theme) => {
                self.problems.extend(theme.check_fonts(&self.world, &self.project));
                crate::inputs::edition::validate::check_language(
                    &self.project,
                    &self.edition,
                    &theme.languages,
                    &mut self.problems,
                );
                self.problems.extend(theme.check_coverage(&self.world, &self.project, &self.edition.dir));
                self.theme = Some(theme);
            }
            Err(errors) => {
                self.problems.extend(errors);
                self.theme = None;
            }
        }
    }

    /// Typesets `model` (the edition's model, prepared for a target): the world serves it as
    /// `/model.json`, with the drawn maps. A crash inside Typst is an error too.
    /// Chapters that end on a runt are set again a step tighter, and references worded for
    /// where their figures landed (the page-balancing pass).
    pub fn typeset(&mut self, model: &Model) -> Result<Compiled, Vec<Diagnostic>> {
        let geometry = self.theme.as_ref().map(|theme| theme.geometry);
        let compile = |model: &Model| {
            self.serve(model, Vec::new())?;
            self.compile()
        };
        let (mut compiled, settled) = balance::settle(
            model.clone(),
            compile,
            |c: &Compiled| &c.document,
            broken_words(geometry),
            Compiled::unsettled,
        )?;
        compiled.settled = Some(settled);
        Ok(compiled)
    }

    /// Typesets `model` once, as settled by an earlier [`Session::typeset`] (the print file
    /// takes the screen PDF's settled model, so its pages fall exactly as the proof's).
    pub fn typeset_settled(&mut self, model: &Model) -> Result<Compiled, Vec<Diagnostic>> {
        self.serve(model, Vec::new())?;
        self.compile()
    }

    /// Typesets each of `models` (the chapter handouts) at once, on every core: each in its
    /// own view of the world, with the same files, fonts and Typst caches and its own
    /// `/model.json`. A handout is a single page run, which Typst lays out on one core.
    pub fn typeset_each(&mut self, models: &[Model]) -> Vec<Result<Compiled, Vec<Diagnostic>>> {
        use rayon::prelude::*;
        // The drawn maps (the same for every model) are served by the world itself.
        if let Some(Err(errors)) = models.first().map(|first| self.serve(first, Vec::new())) {
            return models.iter().map(|_| Err(errors.clone())).collect();
        }
        let world = &self.world;
        let geometry = self.theme.as_ref().map(|theme| theme.geometry);
        models
            .par_iter()
            .map(|model| {
                let compile = |model: &Model| compiled(world, world.with_model(model_json(model)?).compile());
                Ok(balance::settle(
                    model.clone(),
                    compile,
                    |c: &Compiled| &c.document,
                    broken_words(geometry),
                    Compiled::unsettled,
                )?
                .0)
            })
            .collect()
    }

    /// Typesets the print file's cover spread (layout/cover-file.typ) of `model`, with the
    /// spread's measures (`width`, `height`, `spine` in millimetres) at `/cover.json`.
    pub fn typeset_cover(&mut self, model: &Model, spread: &serde_json::Value) -> Result<Compiled, Vec<Diagnostic>> {
        self.serve(model, vec![(COVER, spread.to_string().into_bytes())])?;
        self.world.set_main(COVER_MAIN);
        let compiled = self.compile();
        self.world.set_main(crate::typeset::world::MAIN);
        compiled
    }

    /// Typesets the web edition (layout/web.typ) of `model`, with what the site links to
    /// beside its pages at `/web.json`: the bundle of pages and assets, and Typst's warnings.
    pub fn typeset_web(
        &mut self,
        model: &Model,
        site: &serde_json::Value,
    ) -> Result<(typst_bundle::Bundle, Vec<Diagnostic>), Vec<Diagnostic>> {
        self.serve(model, vec![(WEB, site.to_string().into_bytes())])?;
        self.world.set_main(WEB_MAIN);
        self.world.set_web(true);
        let Warned { output, warnings } = self.world.compile_bundle();
        self.world.set_main(crate::typeset::world::MAIN);
        self.world.set_web(false);
        let warnings = self.world.diagnostics(&warnings);
        let bundle = output.map_err(|errors| self.world.diagnostics(&errors))?;
        Ok((bundle, warnings))
    }

    /// Serves the model at `/model.json`, the drawn maps and `more` to the next compile.
    fn serve(&mut self, model: &Model, more: Vec<(&str, Vec<u8>)>) -> Result<(), Vec<Diagnostic>> {
        let json = model_json(model)?;
        let generated: Vec<(&str, Vec<u8>)> =
            self.edition.generated.iter().map(|(path, bytes)| (path.as_str(), bytes.clone())).collect();
        self.world.set_virtual(std::iter::once((MODEL, json)).chain(generated).chain(more));
        Ok(())
    }

    fn compile(&mut self) -> Result<Compiled, Vec<Diagnostic>> {
        compiled(&self.world, self.world.compile())
    }

    /// Exports a typeset report as PDF conforming to `standards` (Typst refuses what would
    /// break them, as layout errors), dated with the edition's date and identified by its
    /// id, so builds are reproducible.
    pub fn export(&self, compiled: &Compiled, standards: &[PdfStandard]) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let standards = PdfStandards::new(standards)
            .map_err(|err| vec![Diagnostic::error(Origin::Layout, err.message().as_str())])?;
        let options = PdfOptions {
            ident: Smart::Custom(format!("rapport/{}", self.edition.config.id)),
            timestamp: self.world_date().map(Timestamp::new_utc),
            standards,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&compiled.document, &options).map_err(|errors| self.world.diagnostics(&errors))
    }

    fn world_date(&self) -> Option<Datetime> {
        use typst::World;
        self.world.today(None)
    }

    /// The files the last build read: the layouts and assets Typst read, and every file of
    /// the edition (Rust reads those, so Typst does not list them).
    pub fn watched_files(&mut self) -> Vec<PathBuf> {
        let mut files = self.world.dependencies();
        // The folders too: a file deleted and then created again is seen where it appears.
        for dir in [self.edition.dir.clone(), self.project.join("layout"), self.project.join("assets")] {
            files.extend(crate::inputs::paths::dirs_below(&dir));
        }
        files.extend(crate::inputs::paths::files_below(&self.edition.dir));
        files.sort();
        files.dedup();
        files
    }
}

/// Loads the edition: what `open` and `reload` both see. The project's assets and fonts are
/// checked by the build that opens it ([`crate::build::check_project`]), a later stage.
fn load(project: &Path, id: &str, loaded: &crate::inputs::loaded::Loaded) -> anyhow::Result<(Edition, Diagnostics)> {
    let mut problems = Diagnostics::default();
    let edition = load_edition(project, id, &mut problems, loaded)?;
    problems.dedup();
    Ok((edition, problems))
}

/// What Typst's compile in `world` (or a view of it) gave, with its diagnostics as
/// rapport's and where each chapter starts.
fn compiled(world: &ReportWorld, warned: Warned<SourceResult<PagedDocument>>) -> Result<Compiled, Vec<Diagnostic>> {
    let Warned { output, warnings } = warned;
    let warnings = world.diagnostics(&warnings);
    let document = output.map_err(|errors| world.diagnostics(&errors))?;
    let chapter_pages = crate::typeset::introspect::chapter_pages(&document);
    Ok(Compiled { document, warnings, chapter_pages, settled: None })
}

/// The model as Typst reads it, at `/model.json`.
fn model_json(model: &Model) -> Result<Vec<u8>, Vec<Diagnostic>> {
    serde_json::to_vec(model)
        .map_err(|err| vec![Diagnostic::error(Origin::Data, format!("the model cannot be written as JSON: {err}"))])
}

/// Whether one of `files` changed after `since` (saved while a build ran).
pub fn changed_since(files: &[PathBuf], since: SystemTime) -> bool {
    let now = SystemTime::now();
    files.iter().any(|f| f.metadata().and_then(|m| m.modified()).is_ok_and(|t| t > since && t <= now))
}

/// The warnings of a loaded edition: what is left to fill, then the data's own (taken out of
/// `problems`); an error of what is left to fill joins the problems.
fn progress(project: &Path, edition: &Edition, problems: &mut Diagnostics) -> Diagnostics {
    let mut found = crate::inputs::edition::progress::left_to_fill(project, edition);
    let mut warnings = found.take_warnings();
    problems.extend(found);
    warnings.extend(problems.take_warnings());
    warnings
}

/// The words a compile hyphenates at a page's end (the lint's reading, in the theme's
/// geometry), which the balancing pass keeps whole; none without a theme.
fn broken_words(geometry: Option<crate::typeset::theme::Geometry>) -> impl Fn(&PagedDocument) -> Vec<String> {
    move |document| geometry.map(|g| crate::typeset::pages::broken_at_page_ends(document, g)).unwrap_or_default()
}
