//! `rapport build`: typesets the edition and writes the PDF (and chapter handouts, the web
//! edition, or the print file); see [`crate::jobs::build`].

use std::path::Path;

use super::{Log, out_dir};
use crate::build::Target;
use crate::cli::BuildArgs;
use crate::error::Result;
use crate::jobs::build::{Extras, build_into};
use crate::jobs::screen_target;

pub fn run(log: &mut Log, project: &Path, args: &BuildArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    if args.without_marks {
        session.model.edition.marks = false;
    }
    let out = out_dir(&session, &args.out)?;
    let target = if args.print {
        Target::Print { output_intent: args.output_intent.clone(), allow_placeholders: args.allow_placeholders }
    } else {
        screen_target(&session, args.chapter.as_deref())?
    };
    build_into(log, &mut session, &target, Extras { handouts: args.handouts, web: args.web }, &out)
}
