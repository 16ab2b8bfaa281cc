//! `rapport preflight`: checks a print file as a printer would (see [`crate::checks::preflight`]).

use std::path::PathBuf;

use super::Log;
use crate::build::{Target, build};
use crate::checks::preflight::Rules;
use crate::cli::PreflightArgs;
use crate::error::{Error, Result};

pub fn run(log: &mut Log, project: Option<PathBuf>, args: &PreflightArgs) -> Result<()> {
    // (bytes, how the file is named, position marks) of each file checked.
    let mut files: Vec<(Vec<u8>, String, usize)> = Vec::new();
    let (fonts, rules) = match &args.file {
        Some(file) => {
            let bytes = crate::inputs::paths::read_regular(file, "the PDF", crate::checks::preflight::MAX_FILE_BYTES)?;
            // The project's fonts, where there is one, tell the licences of fonts embedded as
            // bare CFF; its edition's [print] gives the rules. The project is the one named,
            // else the one run in, else the one the file lies in (`out/` of a project, checked
            // from anywhere).
            let found = project
                .clone()
                .or_else(|| crate::find_project(&std::env::current_dir().ok()?))
                .or_else(|| crate::find_project(file.canonicalize().ok()?.parent()?));
            let rules = match &found {
                Some(project) => Rules::of_edition(project, args.edition.edition.as_deref())?.unwrap_or_else(|| {
                    log.line("note: no edition's [print] could be read; the preflight's default rules apply");
                    Rules::default()
                }),
                None => Rules::default(),
            };
            let marks = crate::outputs::print::placeholders_in(&bytes);
            files.push((bytes, file.display().to_string(), marks));
            (found.map(|p| p.join("fonts")), rules)
        }
        None => {
            let project = super::project(project)?;
            let mut session = log.open(&project, args.edition.edition.as_deref())?;
            // Built with its position marks, which are judged after the printer's checks.
            let target = Target::Print { output_intent: args.output_intent.clone(), allow_placeholders: true };
            let artifact = build(&mut session, &target)?;
            log.diagnostics(&artifact.warnings);
            let id = session.edition.config.id.clone();
            // Each file's own position marks (a block's are those off its covers).
            let marks = crate::outputs::print::placeholders_in(&artifact.pdf);
            let cover = artifact.print.and_then(|notes| notes.cover);
            match cover {
                // A perfect-bound book: the block and the cover file, each on its own.
                Some(cover) => {
                    files.push((cover.pdf, format!("the cover file of edition {id}"), cover.placeholders));
                    files.push((artifact.pdf, format!("the book block of edition {id}"), marks));
                }
                None => files.push((artifact.pdf, format!("the print file of edition {id}"), marks)),
            }
            (Some(session.project.join("fonts")), Rules::of(&session.edition.config.print))
        }
    };
    let mut failed = Vec::new();
    for (bytes, shown, marks) in &files {
        let report = crate::checks::preflight::preflight(bytes, fonts.as_deref(), &rules)
            .map_err(|e| anyhow::anyhow!("{shown}: {e:#}"))?;
        if files.len() > 1 {
            super::say(format_args!("{}:", crate::lang::translate(log.lang, shown)));
        }
        super::print_stdout(&report.table_in(log.lang));
        match report.verdict(shown, *marks, args.allow_placeholders) {
            Ok(passes) => super::say(crate::lang::translate(log.lang, &passes)),
            Err(why) => failed.push(why),
        }
    }
    if !failed.is_empty() {
        return Err(Error::sources(failed.join("; ")));
    }
    Ok(())
}
