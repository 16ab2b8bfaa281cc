//! The `rapport` binary: a thin shell around the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let (cli, lang) = rapport::cli::Cli::parse_in_language();
    rapport::cmd::run(cli, lang)
}
