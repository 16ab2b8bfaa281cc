//! `rapport archive`: archival PDFs with their manifest, one edition or all in parallel.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use crate::archive::archive;
use crate::build::{open, out_dir};
use crate::cli::ArchiveArgs;
use crate::edition::catalog::Catalog;
use crate::error::{Error, Result};

pub fn run(project: &Path, args: &ArchiveArgs) -> Result<()> {
    let start = Instant::now();
    let ids: Vec<Option<String>> = if args.all {
        Catalog::read(project)?.editions.into_iter().map(|(id, _)| Some(id)).collect()
    } else {
        vec![args.edition.edition.clone()]
    };
    let results: Vec<Result<()>> = ids.par_iter().map(|id| one(project, id.as_deref(), args)).collect();
    let failed = results.iter().filter(|r| r.is_err()).count();
    eprintln!(
        "archived {} of {} edition(s) in {:.2} s",
        results.len() - failed,
        results.len(),
        start.elapsed().as_secs_f64()
    );
    match results.into_iter().find_map(Result::err) {
        Some(err) if failed == 1 => Err(err),
        Some(err) => Err(Error::Sources(format!("{failed} editions failed; the first: {err}"))),
        None => Ok(()),
    }
}

/// Archives one edition and prints its progress line.
fn one(project: &Path, id: Option<&str>, args: &ArchiveArgs) -> Result<()> {
    let start = Instant::now();
    let mut session = open(project, id)?;
    let out = out_dir(&session, &args.out);
    let archived = archive(&mut session, &out, args.attach_data)?;
    eprintln!(
        "archived {} ({}, {} pages, {} inputs) into {} in {:.2} s",
        archived.manifest.edition,
        archived.manifest.standards.join(" + "),
        archived.manifest.pages,
        archived.manifest.inputs.len(),
        crate::paths::relative(&session.project, &archived.dir).display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
