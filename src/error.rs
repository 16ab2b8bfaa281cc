//! The one error type of the commands. A command returns it; `main` prints it once and
//! turns it into the documented exit code.

use std::fmt;

/// Everything fine.
pub const OK: u8 = 0;
/// Errors in the report's sources: data, chapter text, layouts.
pub const SOURCE_ERRORS: u8 = 1;
/// Usage, configuration or I/O errors.
pub const USAGE_ERRORS: u8 = 2;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// Errors in the report's sources (data, chapter text, layouts). Their diagnostics were
    /// printed where they were found, with file, line and column; this is the summary.
    Sources(String),
    /// Errors in the edition's configuration (`edition.toml`), already printed as
    /// diagnostics like `Sources`; this is the summary.
    Config(String),
    /// Usage, configuration or I/O: a context chain of what was being done.
    Usage(anyhow::Error),
}

impl Error {
    /// The process's exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Sources(_) => SOURCE_ERRORS,
            Error::Config(_) | Error::Usage(_) => USAGE_ERRORS,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sources(summary) | Error::Config(summary) => f.write_str(summary),
            Error::Usage(err) => write!(f, "{err:#}"),
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

/// What commands return.
pub type Result<T> = std::result::Result<T, Error>;

/// A usage error with a message, e.g. an unknown chapter slug.
pub fn usage(message: impl fmt::Display) -> Error {
    Error::Usage(anyhow::anyhow!("{message}"))
}
