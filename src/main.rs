//! The `rapport` binary: a thin shell around the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    rapport::cmd::run(cli)
}
