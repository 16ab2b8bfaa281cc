//! `rapport preflight`: checks a print file as a printer would (see [`crate::preflight`]).

use std::path::PathBuf;

use super::Log;
use crate::build::{Target, build};
use crate::cli::PreflightArgs;
use crate::error::{Error, Result};

pub fn run(log: &mut Log, project: Option<PathBuf>, args: &PreflightArgs) -> Result<()> {
    let (bytes, shown, fonts, marks) = match &args.file {
        Some(file) => {
            let bytes = crate::paths::read_regular(file, "the PDF", crate::preflight::MAX_FILE_BYTES)?;
            // The project's fonts, where there is one, tell the licences of fonts embedded as bare CFF.
            let found = project.clone().or_else(|| crate::find_project(&std::env::current_dir().ok()?));
            let marks = crate::print::placeholders_in(&bytes);
            (bytes, file.display().to_string(), found.map(|p| p.join("fonts")), marks)
        }
        None => {
            let project = super::project(project)?;
            let mut session = log.open(&project, args.edition.edition.as_deref())?;
            // Built with its position marks, which are judged after the printer's checks.
            let target = Target::Print { output_intent: args.output_intent.clone(), allow_placeholders: true };
            let artifact = build(&mut session, &target)?;
            log.diagnostics(&artifact.warnings);
            let shown = format!("the print file of edition {}", session.edition.config.id);
            let marks = artifact.print.as_ref().map_or(0, |notes| notes.placeholders.len());
            (artifact.pdf, shown, Some(session.project.join("fonts")), marks)
        }
    };
    let report =
        crate::preflight::preflight(&bytes, fonts.as_deref()).map_err(|e| anyhow::anyhow!("{shown}: {e:#}"))?;
    print!("{}", super::render::printable(&report.table()));
    if report.errors() > 0 {
        return Err(Error::sources(format!("preflight of {shown}: {} error(s)", report.errors())));
    }
    if marks > 0 && !args.allow_placeholders {
        return Err(Error::sources(format!(
            "preflight of {shown}: the file holds {marks} position mark(s) for missing pictures, figures, maps or charts (pass --allow-placeholders to check a proof)"
        )));
    }
    println!("ok: {shown} passes preflight");
    Ok(())
}
