//! `rapport diff`: the current screen PDF against the approved baseline (`rapport approve`),
//! another edition's or another PDF (see [`crate::jobs::diff`]); exit code 3 when anything
//! changed (for CI), 0 when the build is as approved, 1 or 2 when it could not compare.

use std::path::Path;

use super::Log;
use crate::cli::DiffArgs;
use crate::error::Result;
use crate::jobs::diff::{Against, diff};

pub fn run(log: &mut Log, project: &Path, args: &DiffArgs) -> Result<()> {
    // The edition's warnings are `check`'s to tell: a diff, run after every edit, counts them.
    let mut session = log.open_quietly(project, args.edition.edition.as_deref())?;
    let warnings = session.warnings.iter().count();
    if warnings > 0 {
        log.line(format!("{warnings} warning(s) about the edition's data not shown here: `rapport check` lists them"));
    }
    let id = session.edition.config.id.clone();
    let against = Against::from(args.against.as_deref(), &id, |other| log.open(project, Some(other)))?;
    let lang = log.lang;
    diff(log, &mut session, against, &args.out, lang)
}
