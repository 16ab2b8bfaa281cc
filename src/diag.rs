//! The one diagnostic type of rapport. Everything that is wrong with an edition — a bad cell
//! in a table, a layout error from Typst, a lint finding on a laid-out page, a preflight
//! finding, a colour the print file converted by formula — is a [`Diagnostic`]: a severity,
//! where it comes from, where it is (a file and byte range, or a page), a message and hints.
//!
//! The library only collects diagnostics and returns them; `cmd/` renders them
//! (codespan-style, as Typst's own, or one line each for CI and editors).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How bad a diagnostic is. Errors stop a build; warnings are shown and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that tables can align it (`{:<8}`).
        f.pad(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Which stage found a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The edition's configuration, `edition.toml`: an error here exits with code 2.
    Config,
    /// The edition's data: tables, chapter text, key figures, maps, assets and fonts.
    Data,
    /// The Typst layouts (or data the layouts rejected).
    Layout,
    /// The layout lint of the laid-out pages.
    Lint,
    /// The printer's checks of a PDF.
    Preflight,
    /// Finishing the print file (CMYK conversion, inks).
    Print,
}

/// Where a diagnostic points.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    /// The whole run, or nothing in particular (a folder that is not an edition).
    Nowhere,
    /// A byte range of a file. `text` is the file's (decoded) text, shared between the
    /// diagnostics of that file; it is empty when the file could not be read, and then the
    /// diagnostic is about the whole file.
    File { path: PathBuf, text: Arc<str>, range: Range<usize> },
    /// A page of the document, from 1.
    Page(usize),
    /// A cell of a workbook: its file and `Ark1!B7` (a workbook has no lines to point at).
    Cell { path: PathBuf, cell: String },
}

/// A place a diagnostic also points at: a hint about other code, or a call or import that
/// led to a Typst error.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub at: Location,
    pub message: String,
}

/// One problem, or one warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub origin: Origin,
    pub at: Location,
    /// A short name of the check that found it (`widow`, `safe-zone`), if any.
    pub code: Option<&'static str>,
    /// What is wrong, e.g. "expected a number, found `abc`".
    pub message: String,
    /// Extra hints shown under the message.
    pub hints: Vec<String>,
    /// Other places the diagnostic points at (shown underlined with their message).
    pub related: Vec<Related>,
    /// The calls and imports that led to a Typst error, innermost first (shown as a trace).
    pub trace: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic with no location, hint or code.
    pub fn new(severity: Severity, origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            origin,
            at: Location::Nowhere,
            code: None,
            message: message.into(),
            hints: Vec::new(),
            related: Vec::new(),
            trace: Vec::new(),
        }
    }

    /// An error of `origin` with no location.
    pub fn error(origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, origin, message)
    }

    /// A warning of `origin` with no location.
    pub fn warning(origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, origin, message)
    }

    /// The same diagnostic, pointing at `at`.
    pub fn at(self, at: Location) -> Diagnostic {
        Diagnostic { at, ..self }
    }

    /// The same diagnostic, pointing at a page.
    pub fn on_page(self, page: usize) -> Diagnostic {
        self.at(Location::Page(page))
    }

    /// The same diagnostic, with the name of the check that found it.
    pub fn with_code(self, code: &'static str) -> Diagnostic {
        Diagnostic { code: Some(code), ..self }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The page it points at, if any.
    pub fn page(&self) -> Option<usize> {
        match self.at {
            Location::Page(page) => Some(page),
            _ => None,
        }
    }

    /// The file it points at, if any.
    pub fn file(&self) -> Option<&Path> {
        match &self.at {
            Location::File { path, .. } | Location::Cell { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The byte range of its file it points at, if any.
    pub fn range(&self) -> Option<Range<usize>> {
        match &self.at {
            Location::File { range, .. } => Some(range.clone()),
            _ => None,
        }
    }

    /// Where it points, for one line: `path:line:column`, `page N`, or nothing.
    pub fn place(&self) -> Option<String> {
        match &self.at {
            Location::File { path, .. } => {
                let (line, column) = self.line_column();
                Some(format!("{}:{line}:{column}", path.display()))
            }
            Location::Cell { path, cell } => Some(format!("{}:{cell}", path.display())),
            Location::Page(page) => Some(format!("page {page}")),
            Location::Nowhere => None,
        }
    }

    /// Where it points, for one line, in `lang` (`side 4` for `page 4`).
    pub fn place_in(&self, lang: crate::lang::Lang) -> Option<String> {
        match (lang, &self.at) {
            (crate::lang::Lang::Nb, Location::Page(page)) => Some(format!("side {page}")),
            _ => self.place(),
        }
    }

    /// The 1-based line and column (in characters) where it starts in its file (1:1 when it
    /// points at no file).
    pub fn line_column(&self) -> (usize, usize) {
        match &self.at {
            Location::File { text, range, .. } => line_column(text, range.start),
            _ => (1, 1),
        }
    }
}

/// One line: `path:line:column: message`, `page N: code: message` or `code: message`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = self.place() {
            write!(f, "{place}: ")?;
        }
        if let Some(code) = self.code {
            write!(f, "{code}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// The 1-based line and character column of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The diagnostics of a run, in the order they were found, so that `rapport check` reports
/// all of them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a diagnostic and returns it, to add hints.
    pub fn push(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.list.push(diagnostic);
        self.list.last_mut().expect("just pushed")
    }

    /// A data error at a byte range of a file.
    pub fn error(
        &mut self,
        path: &Path,
        text: &Arc<str>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let at = Location::File { path: path.to_path_buf(), text: text.clone(), range };
        self.push(Diagnostic::error(Origin::Data, message).at(at))
    }

    /// A data error about a whole file (it is missing, unreadable, …).
    pub fn file_error(&mut self, path: &Path, message: impl Into<String>) -> &mut Diagnostic {
        self.error(path, &Arc::from(""), 0..0, message)
    }

    /// An error in the edition's configuration at a byte range of `edition.toml`.
    pub fn config_error(&mut self, path: &Path, text: &Arc<str>, range: Range<usize>, message: impl Into<String>) {
        self.error(path, text, range, message).origin = Origin::Config;
    }

    /// A warning about a whole file: shown, never a reason to stop.
    pub fn file_warning(&mut self, path: &Path, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = self.file_error(path, message);
        diagnostic.severity = Severity::Warning;
        diagnostic
    }

    /// Adds all of `other`'s diagnostics.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    /// Takes the warnings out, leaving the errors (a session keeps them apart: warnings are
    /// shown, errors stop the build).
    pub fn take_warnings(&mut self) -> Diagnostics {
        let (warnings, errors) = std::mem::take(&mut self.list).into_iter().partition(|d| !d.is_error());
        self.list = errors;
        Diagnostics { list: warnings }
    }

    /// Drops every diagnostic that repeats an earlier one (the same severity, place, message
    /// and hints): a file two maps share, broken once, is reported once.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.list.retain(|d| {
            seen.insert(format!("{:?} {:?} {:?} {d} {:?} {:?}", d.severity, d.origin, d.range(), d.code, d.hints))
        });
    }

    /// The diagnostics added since there were `start` of them, to move them (e.g. from the
    /// text of a workbook's range to its cells).
    pub fn since_mut(&mut self, start: usize) -> impl Iterator<Item = &mut Diagnostic> {
        self.list.iter_mut().skip(start)
    }

    /// The diagnostic added last.
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.list.last_mut()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.list {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// A cell's text for a message: at most 40 characters, control characters escaped, so a
/// stray binary cell cannot flood the terminal.
pub fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The byte offset of a 1-based line and character column (clamped to the text).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}
