//! `rapport approve`: records the current screen PDF as approved (see
//! [`crate::jobs::approve`]), for `rapport diff` to compare against.

use std::path::Path;

use super::Log;
use crate::cli::ApproveArgs;
use crate::error::Result;

pub fn run(log: &mut Log, project: &Path, args: &ApproveArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let lang = log.lang;
    crate::jobs::approve::approve(log, &mut session, lang)
}
