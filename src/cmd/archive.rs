//! `rapport archive`: archival PDFs with their manifest, one edition or all in parallel.
//! Each edition's lines are held back and written whole, so parallel editions never
//! interleave their diagnostics.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use typst_kit::diagnostics::termcolor::WriteColor;

use super::{Log, out_dir, stderr_buffers};
use crate::archive::archive;
use crate::cli::ArchiveArgs;
use crate::edition::catalog::Catalog;
use crate::error::{Error, Result};

pub fn run(log: &mut Log, project: &Path, args: &ArchiveArgs) -> Result<()> {
    let start = Instant::now();
    let ids: Vec<Option<String>> = if args.all {
        // Every finished edition: drafts are never archived.
        let catalog = Catalog::read(project)?;
        // Said once here, not once per edition archived.
        log.diagnostics(&catalog.warnings);
        log.catalog_said = true;
        let (finals, drafts) = catalog.finals_and_drafts();
        for id in drafts {
            log.line(format_args!("skipped {id}: a draft is not archived"));
        }
        // Nothing is final yet (a first period's draft): nothing to archive, which is no
        // error for a CI job that archives whatever is finished.
        if finals.is_empty() {
            log.line("note: no edition in data/ is final (`status = \"final\"` in edition.toml): nothing archived; drafts are not archived");
            return Ok(());
        }
        finals.into_iter().map(Some).collect()
    } else {
        vec![args.edition.edition.clone()]
    };
    let (writer, format, lang, catalog_said) = (stderr_buffers(), log.format, log.lang, log.catalog_said);
    let results: Vec<Result<()>> = ids
        .par_iter()
        .map(|id| {
            let mut edition_log = Log { out: writer.buffer(), format, lang, catalog_said };
            let result = one(&mut edition_log, project, id.as_deref(), args).map_err(|err| edition_log.shown(err));
            let _ = writer.print(&edition_log.out);
            result
        })
        .collect();
    let failed = results.iter().filter(|r| r.is_err()).count();
    log.line(format_args!(
        "archived {} of {} edition(s) in {:.2} s",
        results.len() - failed,
        results.len(),
        start.elapsed().as_secs_f64()
    ));
    // Which editions failed, by id (a failed edition's archive is left as it was).
    let names: Vec<&str> = ids
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_err())
        .map(|(id, _)| id.as_deref().unwrap_or("default"))
        .collect();
    match results.into_iter().find_map(Result::err) {
        Some(err) if failed == 1 && !args.all => Err(err),
        Some(err) => Err(Error::sources(format!(
            "{failed} of {} edition(s) failed to archive: {}; the first: {err}",
            ids.len(),
            names.join(", ")
        ))),
        None => Ok(()),
    }
}

/// Archives one edition and says so in a progress line.
fn one<W: WriteColor>(log: &mut Log<W>, project: &Path, id: Option<&str>, args: &ArchiveArgs) -> Result<()> {
    let start = Instant::now();
    let mut session = log.open(project, id)?;
    let out = out_dir(&session, &args.out)?;
    let archived = archive(&mut session, &out, args.attach_data, args.web)?;
    log.diagnostics(&archived.warnings);
    log.line(format_args!(
        "archived {} ({}, {} pages, {} inputs) into {} in {:.2} s",
        archived.manifest.edition,
        archived.manifest.standards.join(" + "),
        archived.manifest.pages,
        archived.manifest.inputs.len(),
        crate::paths::relative(&session.project, &archived.dir).display(),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}
