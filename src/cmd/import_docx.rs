//! `rapport import docx FILE.docx --chapter SLUG`: a Word chapter written as the chapter
//! dialect with its tables' CSV files and its pictures, all inside the edition's folder (see
//! [`crate::jobs::import::import_docx`]).

use std::path::Path;

use super::Log;
use crate::cli::ImportDocxArgs;
use crate::error::Result;
use crate::jobs::import::{check_slug, import_docx};

pub fn run(log: &mut Log, project: &Path, args: &ImportDocxArgs) -> Result<()> {
    check_slug(&args.chapter)?;
    let session = log.open_quietly(project, args.edition.edition.as_deref())?;
    import_docx(log, &session, &args.file, &args.chapter, args.force, args.add.then_some(args.part.as_deref()))
}
