//! `rapport import ssb FILE.json`: a Statistics Norway table (JSON-stat 2.0) written as a
//! table CSV of the edition (see [`crate::inputs::jsonstat`]), with the JSON's checksum
//! beside it, and the `::: table` block to paste printed.

use std::path::{Component, Path, PathBuf};

use super::{Log, say};
use crate::cli::ImportSsbArgs;
use crate::error::{Error, Result, usage};
use crate::inputs::jsonstat::{self, Region};

pub fn run(log: &mut Log, project: &Path, args: &ImportSsbArgs) -> Result<()> {
    let regions: Vec<Region> =
        args.region.iter().map(|r| Region::parse(r)).collect::<std::result::Result<_, _>>().map_err(usage)?;
    let session = log.open_quietly(project, args.edition.edition.as_deref())?;
    let edition = &session.edition;
    let bytes = crate::paths::read_regular(&args.file, "the JSON file", jsonstat::MAX_FILE_BYTES)?;
    let name =
        args.file.file_name().map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let data = jsonstat::parse(&name, &bytes).map_err(Error::sources)?;
    let regions = (!regions.is_empty()).then_some(regions.as_slice());
    let table = jsonstat::table(&name, &data, regions, &edition.config.vocabulary()).map_err(Error::sources)?;

    let relative = match &args.out {
        Some(out) => out.clone(),
        None => PathBuf::from(format!("tables/ssb-{}.csv", data.table)),
    };
    let csv_path = inside_edition(&edition.dir, &relative, &edition.config.id)?;
    // A table typed by hand is never overwritten by an import unless asked.
    if (csv_path.exists() || csv_path.is_symlink()) && !args.force {
        return Err(usage(format!("{} exists: pass --force to overwrite it", relative.display())));
    }
    // The JSON is kept beside the CSV with its checksum, which names it: the checksum always
    // names a file that is there (`sha256sum -c` checks it). Another file of that name is
    // never overwritten unless asked.
    let json_path = csv_path.with_file_name(&name);
    let other_json = std::fs::symlink_metadata(&json_path).is_ok()
        && crate::paths::read_regular(&json_path, "the JSON file", jsonstat::MAX_FILE_BYTES).ok().as_deref()
            != Some(&bytes[..]);
    if other_json && !args.force {
        let kept = relative.with_file_name(&name);
        return Err(usage(format!(
            "{} exists and differs from the JSON imported: pass --force to overwrite it",
            kept.display()
        )));
    }
    let sidecar = csv_path.with_file_name(format!("{name}.sha256"));
    let checksum = jsonstat::checksum_line(&bytes, &name);
    crate::files::write_all_atomic(&[
        (&csv_path, table.csv.as_bytes()),
        (&json_path, &bytes[..]),
        (&sidecar, checksum.as_bytes()),
    ])
    .map_err(|err| usage(format!("cannot write {}: {err:#}", relative.display())))?;
    let shown = |p: &Path| crate::paths::relative(project, p).display().to_string();
    log.line(format_args!(
        "wrote {} ({} rows, {} columns of years), {} (the JSON, kept) and {} (its SHA-256)",
        shown(&csv_path),
        table.rows,
        table.columns,
        shown(&json_path),
        shown(&sidecar)
    ));
    log.line("paste into the chapter:");
    say(table.block(&relative.to_string_lossy().replace('\\', "/")));
    // SSB's licence asks for the credit; the colophon gives the report's credits.
    if !jsonstat::credited(&edition.config.colophon) {
        log.line(format_args!("add to `colophon` in edition.toml: \"{}\"", jsonstat::CREDIT));
    }
    Ok(())
}

/// `out` (relative to the edition's folder) as a path inside it: relative, no `..`, a `.csv`
/// file, its folder (made if missing) not leading out through a link.
fn inside_edition(edition_dir: &Path, out: &Path, id: &str) -> Result<PathBuf> {
    let refused = || {
        usage(format!("expected --out as a CSV file inside the edition's folder (data/{id}/), found {}", out.display()))
    };
    if out.extension().is_none_or(|e| e != "csv") {
        return Err(refused());
    }
    in_edition_folder(edition_dir, out, refused)
}

/// `relative` as a path inside the edition's folder: no root, no `..`, its folder (made if
/// missing) not leading out through a link, the file itself no link; else `refused()`.
pub(super) fn in_edition_folder(edition_dir: &Path, relative: &Path, refused: impl Fn() -> Error) -> Result<PathBuf> {
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(refused());
    }
    let path = edition_dir.join(relative);
    let dir = path.parent().ok_or_else(&refused)?;
    std::fs::create_dir_all(dir).map_err(|err| usage(format!("cannot create {}: {err}", dir.display())))?;
    let real_dir = dir.canonicalize().map_err(|err| usage(format!("cannot create {}: {err}", dir.display())))?;
    let real_edition =
        edition_dir.canonicalize().map_err(|err| usage(format!("cannot read {}: {err}", edition_dir.display())))?;
    if !real_dir.starts_with(&real_edition) || path.is_symlink() {
        return Err(refused());
    }
    Ok(real_dir.join(path.file_name().ok_or_else(&refused)?))
}
