//! The `rapport` binary: a thin shell around the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    match rapport::cli::Cli::parse_in_language() {
        Ok((cli, lang)) => rapport::cmd::run(cli, lang),
        Err(err) => rapport::cmd::usage_error(&err),
    }
}
