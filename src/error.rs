//! The one error type of the library and the commands. A failed build returns the
//! diagnostics that made it fail; `cmd/` renders them once and turns the error into the
//! documented exit code.

use std::fmt;

use crate::diag::{Diagnostic, Origin};

/// Everything fine.
pub const OK: u8 = 0;
/// Errors in the report's sources: data, chapter text, layouts.
pub const SOURCE_ERRORS: u8 = 1;
/// Usage, configuration or I/O errors.
pub const USAGE_ERRORS: u8 = 2;
/// No error: `rapport diff` found changes (a script tells them from a failed run, 1 or 2).
pub const CHANGES: u8 = 3;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// Errors in the report's sources (data, chapter text, layouts, the pages' lint, the
    /// preflight): the diagnostics, not yet shown, and a summary.
    Sources { summary: String, diagnostics: Vec<Diagnostic> },
    /// Errors in the edition's configuration (`edition.toml`), reported like `Sources`.
    Config { summary: String, diagnostics: Vec<Diagnostic> },
    /// Usage, configuration or I/O: a context chain of what was being done.
    Usage(anyhow::Error),
    /// Not an error: changes found (`rapport diff`), said with an exit code of their own
    /// ([`CHANGES`]) so that a script tells them from a failure, and never called errors to
    /// the reader.
    Changes(String),
}

impl Error {
    /// The error of a failed build: its diagnostics, with a summary that counts them. An
    /// error of the configuration makes it a configuration error (exit code 2).
    pub fn failed(diagnostics: Vec<Diagnostic>) -> Error {
        let n = diagnostics.len();
        let config = diagnostics.iter().any(|d| d.is_error() && d.origin == Origin::Config);
        if config {
            return Error::Config {
                summary: format!("{n} problem(s) in the edition's configuration and data"),
                diagnostics,
            };
        }
        let summary = if diagnostics.iter().all(|d| d.origin == Origin::Layout) {
            format!("{n} error(s) in the layouts")
        } else {
            format!("{n} problem(s) in the data")
        };
        Error::Sources { summary, diagnostics }
    }

    /// An error in the sources with a summary only (its diagnostics were shown already, or
    /// there are none).
    pub fn sources(summary: impl Into<String>) -> Error {
        Error::Sources { summary: summary.into(), diagnostics: Vec::new() }
    }

    /// The process's exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Sources { .. } => SOURCE_ERRORS,
            Error::Changes(_) => CHANGES,
            Error::Config { .. } | Error::Usage(_) => USAGE_ERRORS,
        }
    }

    /// Takes the diagnostics out, to show them; the summary stays.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        match self {
            Error::Sources { diagnostics, .. } | Error::Config { diagnostics, .. } => std::mem::take(diagnostics),
            Error::Usage(_) | Error::Changes(_) => Vec::new(),
        }
    }

    /// The same error with `more` added to its summary.
    pub fn with_summary_note(mut self, more: &str) -> Error {
        if let Error::Sources { summary, .. } | Error::Config { summary, .. } = &mut self {
            summary.push_str(more);
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sources { summary, .. } | Error::Config { summary, .. } => f.write_str(summary),
            Error::Usage(err) => write!(f, "{err:#}"),
            Error::Changes(summary) => f.write_str(summary),
        }
    }
}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        Error::Usage(err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Usage(err.into())
    }
}

/// What the library's and the commands' fallible calls return.
pub type Result<T> = std::result::Result<T, Error>;

/// A usage error with a message, e.g. an unknown chapter slug.
pub fn usage(message: impl fmt::Display) -> Error {
    Error::Usage(anyhow::anyhow!("{message}"))
}
