//! `rapport import ssb FILE.json`: a Statistics Norway table (JSON-stat 2.0) written as a
//! table CSV of the edition, with the JSON's checksum beside it, and the `::: table` block to
//! paste printed (see [`crate::jobs::import::import_ssb`]).

use std::path::Path;

use super::Log;
use crate::cli::ImportSsbArgs;
use crate::error::{Result, usage};
use crate::inputs::jsonstat::Region;

pub fn run(log: &mut Log, project: &Path, args: &ImportSsbArgs) -> Result<()> {
    let regions: Vec<Region> =
        args.region.iter().map(|r| Region::parse(r)).collect::<std::result::Result<_, _>>().map_err(usage)?;
    let session = log.open_quietly(project, args.edition.edition.as_deref())?;
    crate::jobs::import::import_ssb(log, &session, &args.file, &regions, args.out.as_ref(), args.force, args.add)
}
