//! One module per subcommand. Each returns the process's exit code.

pub mod build;
pub mod check;
pub mod fonts;
pub mod proof;
pub mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use typst_kit::diagnostics::termcolor::{ColorChoice, StandardStream};

use crate::cli::{Cli, Command, EditionArg};

/// Everything fine.
pub const OK: u8 = 0;
/// Errors in the report's sources: data, chapter text, layouts.
pub const SOURCE_ERRORS: u8 = 1;
/// Usage, configuration or I/O errors.
pub const USAGE_ERRORS: u8 = 2;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let code = match project(cli.project) {
        Ok(project) => match cli.command {
            Command::Build(args) => build::run(&project, &args),
            Command::Check(args) => check::run(&project, &args),
            Command::Fonts => fonts::run(&project),
            Command::Proof(args) => proof::run(&project, &args),
            Command::Watch(args) => watch::run(&project, &args),
        },
        Err(err) => fail(&err),
    };
    ExitCode::from(code)
}

/// Prints an I/O or configuration error with its causes and returns [`USAGE_ERRORS`].
pub fn fail(err: &anyhow::Error) -> u8 {
    eprintln!("error: {err:#}");
    USAGE_ERRORS
}

/// Standard error, coloured when it is a terminal.
pub fn stderr() -> StandardStream {
    let choice =
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) { ColorChoice::Auto } else { ColorChoice::Never };
    StandardStream::stderr(choice)
}

fn project(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match given {
        Some(dir) => Ok(dir),
        None => {
            let cwd = std::env::current_dir()?;
            crate::find_project(&cwd).ok_or_else(|| anyhow::anyhow!(
                "no rapport project here: expected data/ and layout/ in {} or a folder above it (or pass --project)",
                cwd.display()
            ))
        }
    }
}

/// The edition asked for, or the default one.
pub fn edition_id(project: &std::path::Path, arg: &EditionArg) -> anyhow::Result<String> {
    match &arg.edition {
        Some(id) => Ok(id.clone()),
        None => crate::edition::default_edition(project),
    }
}
