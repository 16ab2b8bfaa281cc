//! One module per subcommand. Each returns a [`Result`](crate::error::Result); [`run`] prints
//! an error once and turns it into the documented exit code.

pub mod archive;
pub mod build;
pub mod check;
pub mod fonts;
pub mod new_edition;
pub mod preflight;
pub mod proof;
pub mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use typst_kit::diagnostics::termcolor::{ColorChoice, StandardStream};

use crate::cli::{Cli, Command};
use crate::error::{OK, Result, usage};

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        // A PDF can be preflighted outside any project.
        Command::Preflight(args) => preflight::run(cli.project, &args),
        command => project(cli.project).and_then(|project| match command {
            Command::Build(args) => build::run(&project, &args),
            Command::Check(args) => check::run(&project, &args),
            Command::Fonts => fonts::run(&project),
            Command::Proof(args) => proof::run(&project, &args),
            Command::Watch(args) => watch::run(&project, &args),
            Command::NewEdition(args) => new_edition::run(&project, &args),
            Command::Archive(args) => archive::run(&project, &args),
            Command::Preflight(_) => unreachable!("handled above"),
        }),
    };
    match result {
        Ok(()) => ExitCode::from(OK),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

/// Standard error, coloured when it is a terminal.
pub fn stderr() -> StandardStream {
    let choice =
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) { ColorChoice::Auto } else { ColorChoice::Never };
    StandardStream::stderr(choice)
}

/// The project folder: as given, or the current folder or the nearest one above it.
pub fn project(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = given {
        return Ok(dir);
    }
    let cwd = std::env::current_dir()?;
    crate::find_project(&cwd).ok_or_else(|| {
        usage(format!(
            "no rapport project here: expected data/ and layout/ in {} or a folder above it (or pass --project)",
            cwd.display()
        ))
    })
}
