//! `rapport build`: typesets the edition and writes the PDF (and chapter handouts).

use std::path::Path;
use std::time::Instant;

use crate::build::{build_once, build_print_once, check_chapter, open, out_dir};
use crate::cli::BuildArgs;
use crate::error::Result;

pub fn run(project: &Path, args: &BuildArgs) -> Result<()> {
    let start = Instant::now();
    let mut session = open(project, args.edition.edition.as_deref())?;
    let out = out_dir(&session, &args.out);
    if args.print {
        build_print_once(&mut session, &out, args.output_intent.as_deref(), args.allow_placeholders)?;
        eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
        return Ok(());
    }
    let mut scopes: Vec<Option<String>> = Vec::new();
    match &args.chapter {
        Some(slug) => {
            check_chapter(&session, slug)?;
            scopes.push(Some(slug.clone()));
        }
        None => {
            scopes.push(None);
            if args.handouts {
                scopes.extend(session.edition.config.chapters().map(|c| Some(c.slug.clone())));
            }
        }
    }
    for scope in scopes {
        build_once(&mut session, scope.as_deref(), &out)?;
    }
    eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}
