//! Diagnostics for the report's data: every problem names its file, line and column,
//! what was expected and what was found, and is printed codespan-style like Typst's own.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

/// One problem in a data file.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// The file's text (decoded), shared between all problems of that file.
    pub text: Arc<str>,
    /// The byte range the problem is about.
    pub range: Range<usize>,
    /// What is wrong, e.g. "expected a number, found `abc`".
    pub message: String,
    /// Extra hints shown under the message.
    pub notes: Vec<String>,
    /// A problem of the edition's configuration (`edition.toml`), which exits with code 2.
    pub config: bool,
    /// Only a warning: printed, but the build goes on.
    pub warning: bool,
}

impl Problem {
    /// The 1-based line and column (in characters) where the problem starts.
    pub fn line_column(&self) -> (usize, usize) {
        line_column(&self.text, self.range.start)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_column();
        write!(f, "{}:{line}:{column}: {}", self.path.display(), self.message)
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

/// Collects the problems of a whole edition, so `rapport check` reports all of them.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    /// A problem at a byte range of a file.
    pub fn error(
        &mut self,
        path: &Path,
        text: &Arc<str>,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Problem {
        self.list.push(Problem {
            path: path.to_path_buf(),
            text: text.clone(),
            range,
            message: message.into(),
            notes: Vec::new(),
            config: false,
            warning: false,
        });
        self.list.last_mut().expect("just pushed")
    }

    /// A problem about a whole file (it is missing, unreadable, …).
    pub fn file_error(&mut self, path: &Path, message: impl Into<String>) -> &mut Problem {
        self.error(path, &Arc::from(""), 0..0, message)
    }

    /// A problem in the edition's configuration at a byte range of `edition.toml`.
    pub fn config_error(&mut self, path: &Path, text: &Arc<str>, range: Range<usize>, message: impl Into<String>) {
        self.error(path, text, range, message).config = true;
    }

    /// Adds all of `other`'s problems.
    pub fn extend(&mut self, other: Problems) {
        self.list.extend(other.list);
    }

    /// The problem added last.
    pub fn last_mut(&mut self) -> Option<&mut Problem> {
        self.list.last_mut()
    }

    /// A warning about a whole file: printed, never a reason to stop.
    pub fn file_warning(&mut self, path: &Path, message: impl Into<String>) -> &mut Problem {
        let problem = self.file_error(path, message);
        problem.warning = true;
        problem
    }

    /// Takes the warnings out, leaving the errors.
    pub fn take_warnings(&mut self) -> Problems {
        let (warnings, errors) = std::mem::take(&mut self.list).into_iter().partition(|p| p.warning);
        self.list = errors;
        Problems { list: warnings }
    }

    /// Whether any problem is one of the configuration.
    pub fn has_config_errors(&self) -> bool {
        self.list.iter().any(|p| p.config)
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter()
    }

    /// Prints every problem with the offending source line underlined.
    pub fn emit(&self, out: &mut dyn WriteColor) -> std::io::Result<()> {
        let mut files = SimpleFiles::new();
        let mut ids: Vec<(PathBuf, usize)> = Vec::new();
        let config = term::Config::default();
        for problem in &self.list {
            let id = match ids.iter().find(|(p, _)| *p == problem.path) {
                Some((_, id)) => *id,
                None => {
                    let id = files.add(problem.path.display().to_string(), problem.text.to_string());
                    ids.push((problem.path.clone(), id));
                    id
                }
            };
            let severity = if problem.warning { Diagnostic::warning() } else { Diagnostic::error() };
            let mut diagnostic = severity.with_message(&problem.message).with_notes(problem.notes.clone());
            if !problem.text.is_empty() {
                diagnostic = diagnostic.with_labels(vec![Label::primary(id, problem.range.clone())]);
            } else {
                diagnostic = diagnostic.with_notes(vec![format!("in {}", problem.path.display())]);
            }
            term::emit(out, &config, &files, &diagnostic).map_err(std::io::Error::other)?;
        }
        Ok(())
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.list {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl Problems {
    /// A map's problem, at the line and column of its file where it has one. The file's text
    /// is read again to show the line (map files are small, and this is the error path).
    /// Errors about no file (a map's options) are put on `config`, the edition file.
    pub fn map_error(&mut self, project: &Path, config: &Path, err: &crate::geo::MapError) {
        use crate::geo::MapError;
        let message = err.message();
        let Some(file) = err.file() else {
            self.file_error(&crate::paths::relative(project, config), message);
            return;
        };
        let shown = crate::paths::relative(project, file);
        let located = match err {
            MapError::Syntax { line, column, .. } | MapError::Line { line, column, .. } => Some((*line, *column)),
            MapError::Outside { line, .. } => Some((*line, 1)),
            _ => None,
        };
        let text = std::fs::read(file).ok().and_then(|bytes| crate::table::decode(&bytes).ok());
        match (located, text) {
            (Some((line, column)), Some(text)) => {
                let start = offset_of(&text, line, column);
                let end = text[start..].find('\n').map_or(text.len(), |n| start + n).max(start);
                self.error(&shown, &text, start..end, message);
            }
            _ => {
                self.file_error(&shown, message);
            }
        }
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
