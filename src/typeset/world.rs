//! The Typst [`World`] of a project: layouts, data and assets from the project folder, fonts
//! only from `fonts/`, the model as a virtual file, and a fixed date per edition.
//!
//! It delegates to `typst-kit` (file store, font scanning) and adds one rule: no file outside
//! the project's `layout/`, `data/` and `assets/` folders is ever read.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::diag::{FileError, FileResult, SourceDiagnostic, SourceResult, Warned};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Location, Origin, Related, Severity};

/// The folders of the project that Typst may read (fonts/: the web edition serves them).
pub const READABLE: [&str; 4] = ["layout", "data", "assets", "fonts"];

/// The Typst entry point of every rendition.
pub const MAIN: &str = "layout/report.typ";

/// The virtual path at which the model is served.
pub const MODEL: &str = "/model.json";

/// Loads project files, refusing anything outside the readable folders.
pub struct ProjectFiles {
    root: PathBuf,
    virtual_files: HashMap<FileId, Bytes>,
    /// Every file read, with the bytes read.
    loaded: crate::inputs::loaded::Loaded,
}

impl ProjectFiles {
    fn resolve(&self, id: FileId) -> FileResult<PathBuf> {
        let VirtualRoot::Project = id.get().root() else {
            return Err(FileError::Other(Some(
                "packages are not available: the report is built offline from the project's own files".into(),
            )));
        };
        let vpath = id.get().vpath();
        let path = vpath.realize(&self.root).map_err(|e| FileError::Other(Some(e.to_string().into())))?;
        let refuse = || {
            FileError::Other(Some(
                format!(
                    "access denied: {} is outside the project's {} folders",
                    vpath.get_with_slash(),
                    READABLE.join(", ")
                )
                .into(),
            ))
        };
        let top = vpath.get_without_slash().split('/').next().unwrap_or("");
        if !READABLE.contains(&top) {
            return Err(refuse());
        }
        // Symlinks could still lead out of the project: compare the real paths.
        match path.canonicalize() {
            Ok(real) if real.starts_with(self.root.join(top)) => Ok(real),
            Ok(_) => Err(refuse()),
            Err(err) => Err(FileError::from_io(err, &path)),
        }
    }
}

impl FileLoader for ProjectFiles {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.virtual_files.get(&id) {
            return Ok(bytes.clone());
        }
        let path = self.resolve(id)?;
        if path.is_dir() {
            return Err(FileError::IsDirectory);
        }
        let bytes = fs::read(&path).map_err(|e| FileError::from_io(e, &path))?;
        self.loaded.record(&path, &bytes);
        Ok(Bytes::new(bytes))
    }
}

/// A font of `fonts/`, read when Typst first needs it; the bytes read are noted.
struct NotedFont {
    path: PathBuf,
    index: u32,
    loaded: crate::inputs::loaded::Loaded,
}

impl typst_kit::fonts::FontSource for NotedFont {
    fn load(&self) -> Option<Font> {
        let data = fs::read(&self.path).ok()?;
        self.loaded.record(&self.path, &data);
        Font::new(Bytes::new(data), self.index)
    }
}

/// A project file id from a path relative to the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/invalid").expect("valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world a report is compiled in.
pub struct ReportWorld {
    main: FileId,
    library: LazyHash<Library>,
    /// The library with HTML and bundle export, and whether it is the one compiled with.
    web_library: LazyHash<Library>,
    web: bool,
    fonts: FontStore,
    files: FileStore<ProjectFiles>,
    today: Datetime,
}

impl ReportWorld {
    /// A world over the project at `root`, with the fonts of `root/fonts` only; every file
    /// and font it reads is noted in `loaded`.
    pub fn new(root: &Path, today: Datetime, loaded: crate::inputs::loaded::Loaded) -> anyhow::Result<Self> {
        let root = root
            .canonicalize()
            .map_err(|e| anyhow::anyhow!("cannot open the project folder {}: {e}", root.display()))?;
        let mut fonts = FontStore::new();
        // Only fonts inside fonts/ after resolving links: a link to a font elsewhere is not loaded.
        let dir = root.join("fonts");
        fonts.extend(
            typst_kit::fonts::scan(&dir)
                .filter(|(font, _)| crate::inputs::paths::inside(&dir, &font.path).is_ok())
                .map(|(font, info)| (NotedFont { path: font.path, index: font.index, loaded: loaded.clone() }, info)),
        );
        if fonts.book().families().next().is_none() {
            anyhow::bail!(
                "no fonts found in {}: the report uses only the fonts committed there",
                root.join("fonts").display()
            );
        }
        // The placeholders the maps are drawn in, for the layouts to replace (one list, in Rust).
        let tokens = HashMap::from([(
            file_id(crate::inputs::maps::TOKENS_FILE),
            Bytes::new(crate::inputs::maps::tokens_json()),
        )]);
        let files = FileStore::new(ProjectFiles { root, virtual_files: tokens, loaded });
        let (library, web_library) = (LazyHash::new(library()), LazyHash::new(web_library()));
        Ok(Self { main: file_id(MAIN), library, web_library, web: false, fonts, files, today })
    }

    /// Serves each `(path, bytes)` at its virtual path (the model, drawn maps); the next
    /// compilation sees them. Files on disk are marked stale too, so edits are picked up.
    pub fn set_virtual<'a>(&mut self, files: impl IntoIterator<Item = (&'a str, Vec<u8>)>) {
        for (path, bytes) in files {
            self.files.loader_mut().virtual_files.insert(file_id(path), Bytes::new(bytes));
        }
        self.files.reset();
    }

    /// Marks all files as stale so changed files on disk are read again (watch mode).
    pub fn reset(&mut self) {
        self.files.reset();
    }

    /// The files read by the last compilation, as real paths (for watching).
    pub fn dependencies(&mut self) -> Vec<PathBuf> {
        let (loader, ids) = self.files.dependencies();
        let ids: Vec<FileId> = ids.collect();
        ids.into_iter().filter_map(|id| loader.resolve(id).ok()).collect()
    }

    /// Typst's diagnostics as rapport's: each span resolved to its file (by its project
    /// path) and byte range, hints kept, and the calls that led to an error as its trace.
    pub fn diagnostics(&self, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .map(|d| {
                let severity = match d.severity {
                    typst::diag::Severity::Error => Severity::Error,
                    typst::diag::Severity::Warning => Severity::Warning,
                };
                let mut diagnostic =
                    Diagnostic::new(severity, Origin::Layout, d.message.as_str()).at(self.locate(d.span));
                for hint in &d.hints {
                    match self.locate(hint.span) {
                        Location::Nowhere => diagnostic.hints.push(format!("hint: {}", hint.v)),
                        at => diagnostic.related.push(Related { at, message: hint.v.to_string() }),
                    }
                }
                for point in &d.trace {
                    diagnostic.trace.push(Related { at: self.locate(point.span), message: point.v.to_string() });
                }
                diagnostic
            })
            .collect()
    }

    /// The file and byte range a span points at.
    fn locate(&self, span: impl Into<DiagSpan>) -> Location {
        let span = span.into();
        let (Some(id), Some(range)) = (span.id(), self.range(span)) else { return Location::Nowhere };
        let text: Arc<str> = match self.source(id) {
            Ok(source) => source.text().into(),
            Err(_) => self.file(id).map(|b| String::from_utf8_lossy(&b).into()).unwrap_or_else(|_| "".into()),
        };
        let range = range.start.min(text.len())..range.end.min(text.len());
        Location::File { path: PathBuf::from(self.name(id)), text, range }
    }

    /// Typst's compile, with a crash inside the compiler turned into an error: a bug in Typst
    /// must not take the tool (or `watch`, or the other editions of `archive --all`) down.
    pub fn compile(&self) -> Warned<SourceResult<PagedDocument>> {
        compile_guarded(self, "laying out the report")
    }

    /// Compiles with Typst's HTML and bundle export switched on (the web edition), or off.
    pub fn set_web(&mut self, web: bool) {
        self.web = web;
    }

    /// Compiles the web edition: a bundle of HTML pages and their assets. A crash inside
    /// Typst is an error, as for [`Self::compile`].
    pub fn compile_bundle(&self) -> Warned<SourceResult<typst_bundle::Bundle>> {
        compile_guarded(self, "building the web edition")
    }

    /// Compiles `path` (a project path, real or virtual) from now on instead of the report.
    pub fn set_main(&mut self, path: &str) {
        self.main = file_id(path);
    }

    /// This world with `model` served at `/model.json` instead: one of several models
    /// typeset at once (the chapter handouts), sharing the files, fonts and Typst's caches.
    pub fn with_model(&self, model: Vec<u8>) -> ModelView<'_> {
        ModelView { base: self, model_id: file_id(MODEL), model: Bytes::new(model) }
    }
}

/// A [`ReportWorld`] that serves its own `/model.json` and delegates everything else.
pub struct ModelView<'a> {
    base: &'a ReportWorld,
    model_id: FileId,
    model: Bytes,
}

impl ModelView<'_> {
    /// Typst's compile of this view, a crash inside the compiler turned into an error.
    pub fn compile(&self) -> Warned<SourceResult<PagedDocument>> {
        compile_guarded(self, "laying out the report")
    }
}

impl World for ModelView<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.base.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.base.book()
    }

    fn main(&self) -> FileId {
        self.base.main()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.base.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.model_id { Ok(self.model.clone()) } else { self.base.file(id) }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.font(index)
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        self.base.today(offset)
    }
}

/// Compiles the main file of `world` to a `D`, a crash inside Typst (while `doing` it)
/// turned into an error: a bug in Typst must not take the tool down.
fn compile_guarded<D: typst::foundations::Output>(world: &dyn World, doing: &str) -> Warned<SourceResult<D>> {
    let run = std::panic::AssertUnwindSafe(|| typst::compile::<D>(world));
    std::panic::catch_unwind(run).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        let message = format!(
            "the Typst compiler crashed while {doing} ({what}); this is a bug in Typst, triggered by the layouts"
        );
        let error = SourceDiagnostic::error(typst::syntax::Span::detached(), message);
        Warned { output: Err(typst::ecow::eco_vec![error]), warnings: Default::default() }
    })
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        if self.web { &self.web_library } else { &self.library }
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for ReportWorld {
    fn name(&self, id: FileId) -> String {
        let vpath = id.get().vpath().get_without_slash().to_string();
        if vpath.is_empty() { "<unknown>".into() } else { vpath }
    }
}

/// Typst's standard library, with the accessibility extras the layouts use (`pdf.header-cell`:
/// a key-figure row's name is its row header).
fn library() -> Library {
    let features: typst::Features = [typst::Feature::A11yExtras].into_iter().collect();
    Library::builder().with_features(features).build()
}

/// The library of the web edition: HTML export and bundles (several pages from one source).
fn web_library() -> Library {
    let features: typst::Features =
        [typst::Feature::A11yExtras, typst::Feature::Html, typst::Feature::Bundle].into_iter().collect();
    Library::builder().with_features(features).build()
}
