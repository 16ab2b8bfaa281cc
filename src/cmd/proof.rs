//! `rapport proof`: PNG previews of the SVG assets and the edition's maps, and a contact sheet.

use std::path::Path;

use super::{Log, out_dir};
use crate::assets::{Preview, asset_previews, write_proofs};
use crate::build::{Target, build};
use crate::cli::ProofArgs;
use crate::error::{Error, Result};
use crate::paths::relative;
use crate::session::Session;

pub fn run(log: &mut Log, project: &Path, args: &ProofArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let out = out_dir(&session, &args.out)?;
    if !session.problems.is_empty() {
        return Err(Error::failed(session.problems.clone().into_vec()));
    }
    if let Some(list) = &args.print_pages {
        return print_pages(log, &mut session, list, args.ppi, &out);
    }
    let mut previews = asset_previews(&session.project)?;
    let maps = crate::theme::themed_maps(&mut session.world, &session.edition.generated).map_err(Error::failed)?;
    for (path, svg) in maps {
        let name = path.trim_start_matches("/maps/").trim_end_matches(".svg");
        previews.push(Preview { name: format!("map-{name}"), svg: svg.into_bytes() });
    }
    for file in write_proofs(&session.project, &previews, &out)? {
        super::say(format_args!("wrote {}", relative(&session.project, &file).display()));
    }
    Ok(())
}

/// Renders pages of the print file, bleed and marks included, named by their folios (the
/// numbers printed on them).
fn print_pages(log: &mut Log, session: &mut Session, list: &str, ppi: f32, out: &Path) -> Result<()> {
    let artifact = build(session, &Target::Print { output_intent: None, allow_placeholders: true })?;
    log.diagnostics(&artifact.warnings);
    let (folios, on_cover) = match &artifact.print {
        Some(notes) => (notes.folios.clone(), notes.cover_folios.clone()),
        None => (Vec::new(), Vec::new()),
    };
    let (pages, on_cover) =
        crate::print::render::pages_by_folio(list, &folios, &on_cover).map_err(crate::error::usage)?;
    let mut files = Vec::new();
    // A perfect-bound book's cover file is proofed with it: its outside and inside spreads.
    if let Some(cover) = artifact.print.as_ref().and_then(|notes| notes.cover.as_ref()) {
        files.extend(crate::print::render::render_pages(
            cover.pdf.clone(),
            &[(1, 1), (2, 2)],
            ppi,
            out,
            "print-cover",
        )?);
    }
    for folio in on_cover {
        log.line(format_args!(
            "note: page {folio} is on the cover file: see its spreads, print-cover-001.png (outside) and print-cover-002.png (inside)"
        ));
    }
    files.extend(crate::print::render::render_pages(artifact.pdf, &pages, ppi, out, "print-page")?);
    for file in files {
        super::say(format_args!("wrote {}", relative(&session.project, &file).display()));
    }
    Ok(())
}
