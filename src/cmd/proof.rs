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
    if args.pages.is_some() || args.chapter.is_some() {
        return screen_pages(log, &mut session, args, &out);
    }
    let mut previews = asset_previews(&session.project)?;
    let maps = crate::theme::themed_maps(&mut session.world, &session.edition.generated).map_err(Error::failed)?;
    for (path, svg) in maps {
        let name = path.trim_start_matches("/maps/").trim_end_matches(".svg");
        previews.push(Preview { name: format!("map-{name}"), svg: svg.into_bytes() });
    }
    for file in write_proofs(&session.project, &previews, &out)? {
        super::say(crate::lang::translate(log.lang, &format!("wrote {}", relative(&session.project, &file).display())));
    }
    Ok(())
}

/// Renders pages of the screen PDF, or of a chapter's handout, named by their folios, and a
/// contact sheet of them as spreads (even pages left).
fn screen_pages(log: &mut Log, session: &mut Session, args: &ProofArgs, out: &Path) -> Result<()> {
    let target = match &args.chapter {
        Some(slug) => {
            super::known_chapter(session, slug)?;
            Target::Chapter(slug.clone())
        }
        None => Target::Screen,
    };
    let compiled = crate::build::typeset(session, &target)?;
    log.diagnostics(&compiled.warnings);
    let pdf = crate::build::export(session, &compiled, &target)?;
    let folios: Vec<Option<u64>> = compiled.document.pages().iter().map(|p| Some(p.number)).collect();
    let pages: Vec<(usize, u64)> = match &args.pages {
        Some(list) => crate::print::render::pages_by_folio(list, &folios, &[]).map_err(crate::error::usage)?.0,
        None => folios.iter().enumerate().map(|(i, f)| (i + 1, f.unwrap_or(i as u64 + 1))).collect(),
    };
    let name = match &args.chapter {
        Some(slug) => format!("{slug}-page"),
        None => "page".to_string(),
    };
    let files = crate::print::render::render_pages(pdf, &pages, args.ppi, out, &name)?;
    // The sheet: each page by its place in the file (the first page a right-hand page).
    let mut sheet = Vec::new();
    for (file, (page, _)) in files.iter().zip(&pages) {
        let png =
            std::fs::read(file).map_err(|err| crate::error::usage(format!("cannot read {}: {err}", file.display())))?;
        sheet.push((*page, png));
    }
    let sheet = crate::approval::contact_sheet(&sheet, 4).map_err(crate::error::usage)?;
    let sheet_file = out.join(match &args.chapter {
        Some(slug) => format!("{slug}-spreads.png"),
        None => "spreads.png".to_string(),
    });
    crate::files::write_atomic(&sheet_file, &sheet)?;
    for file in files.iter().chain([&sheet_file]) {
        super::say(crate::lang::translate(log.lang, &format!("wrote {}", relative(&session.project, file).display())));
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
        super::say(crate::lang::translate(log.lang, &format!("wrote {}", relative(&session.project, &file).display())));
    }
    Ok(())
}
