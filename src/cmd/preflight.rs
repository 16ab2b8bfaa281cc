//! `rapport preflight`: checks a print file as a printer would (see [`crate::checks::preflight`]).

use std::path::PathBuf;

use super::Log;
use crate::build::{Target, build};
use crate::checks::preflight::Rules;
use crate::cli::PreflightArgs;
use crate::error::{Error, Result};
use crate::outputs::print::JobNotes;

pub fn run(log: &mut Log, project: Option<PathBuf>, args: &PreflightArgs) -> Result<()> {
    // (bytes, how the file is named, what it says of missing assets and numbers) of each
    // file checked.
    let mut files: Vec<(Vec<u8>, String, JobNotes)> = Vec::new();
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
            let notes = crate::outputs::print::job_notes_in(&bytes);
            files.push((bytes, file.display().to_string(), notes));
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
            // Each file's own position marks and pending numbers (a block's are those off its
            // covers), as the file says.
            let notes = crate::outputs::print::job_notes_in(&artifact.pdf);
            let cover = artifact.print.and_then(|notes| notes.cover);
            match cover {
                // A perfect-bound book: the block and the cover file, each on its own.
                Some(cover) => {
                    let cover_notes = crate::outputs::print::job_notes_in(&cover.pdf);
                    files.push((cover.pdf, format!("the cover file of edition {id}"), cover_notes));
                    files.push((artifact.pdf, format!("the book block of edition {id}"), notes));
                }
                None => files.push((artifact.pdf, format!("the print file of edition {id}"), notes)),
            }
            (Some(session.project.join("fonts")), Rules::of(&session.edition.config.print))
        }
    };
    let mut failed = Vec::new();
    for (bytes, shown, notes) in &files {
        let mut report = crate::checks::preflight::preflight(bytes, fonts.as_deref(), &rules)
            .map_err(|e| anyhow::anyhow!("{shown}: {e:#}"))?;
        report.note_unfinished((notes.placeholders, &notes.placeholder_folios), (notes.pending, &notes.pending_folios));
        if files.len() > 1 {
            super::say(format_args!("{}:", crate::lang::translate(log.lang, shown)));
        }
        super::print_stdout(&report.table_in(log.lang));
        match report.verdict(shown, (notes.placeholders, notes.pending), &rules, args.allow_placeholders) {
            Ok(passes) => super::say(crate::lang::translate(log.lang, &passes)),
            Err(why) => failed.push(why),
        }
    }
    if !failed.is_empty() {
        return Err(Error::sources(failed.join("; ")));
    }
    Ok(())
}
