//! `rapport archive`: archival PDFs with their manifest, one edition or all in parallel (see
//! [`crate::jobs::archive`]). Each edition's lines are held back and written whole, so
//! parallel editions never interleave their diagnostics.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use super::{Log, out_dir, stderr_buffers};
use crate::cli::ArchiveArgs;
use crate::error::Result;
use crate::inputs::edition::catalog::Catalog;
use crate::jobs::archive::{archive_one, finals, outcome};

pub fn run(log: &mut Log, project: &Path, args: &ArchiveArgs) -> Result<()> {
    let start = Instant::now();
    let ids: Vec<Option<String>> = if args.all {
        let catalog = Catalog::read(project)?;
        // Said once here, not once per edition archived.
        log.diagnostics(&catalog.warnings);
        log.catalog_said = true;
        let finals = finals(log, catalog);
        if finals.is_empty() {
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
            let result = one(&mut edition_log, project, id.as_deref(), args);
            let result = result.map_err(|err| edition_log.shown(err));
            let _ = writer.print(&edition_log.out);
            result
        })
        .collect();
    outcome(log, &ids, results, args.all, start)
}

/// Opens the edition `id` and archives it, saying both in `log`.
fn one<W: typst_kit::diagnostics::termcolor::WriteColor>(
    log: &mut Log<W>,
    project: &Path,
    id: Option<&str>,
    args: &ArchiveArgs,
) -> Result<()> {
    let mut session = log.open(project, id)?;
    let out = out_dir(&session, &args.out)?;
    archive_one(log, &mut session, &out, args.attach_data, args.web)
}
