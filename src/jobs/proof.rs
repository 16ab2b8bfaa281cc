//! `rapport proof`: PNG previews of the SVG assets and the edition's maps with a contact
//! sheet, or pages of the screen PDF, a handout or the print file with their spreads.

use std::path::Path;

use super::{Progress, screen_target};
use crate::build::{Target, build};
use crate::checks::assets::{Preview, asset_previews, write_proofs};
use crate::error::{Error, Result};
use crate::inputs::paths::relative;
use crate::lang::{Lang, translate};
use crate::typeset::session::Session;

/// Writes a PNG preview of each SVG asset and of each of the edition's maps (themed), and a
/// contact sheet of them, into `out`; says each file written in `lang`.
pub fn asset_proofs(progress: &mut dyn Progress, session: &mut Session, out: &Path, lang: Lang) -> Result<()> {
    let mut previews = asset_previews(&session.project)?;
    let maps =
        crate::typeset::theme::themed_maps(&mut session.world, &session.edition.generated).map_err(Error::failed)?;
    for (path, svg) in maps {
        let name = path.trim_start_matches("/maps/").trim_end_matches(".svg");
        previews.push(Preview { name: format!("map-{name}"), svg: svg.into_bytes() });
    }
    for file in write_proofs(&session.project, &previews, out)? {
        progress.say(&translate(lang, &format!("wrote {}", relative(&session.project, &file).display())));
    }
    Ok(())
}

/// Renders pages of the screen PDF, or of a chapter's handout, named by their folios, and a
/// contact sheet of them as spreads (even pages left).
pub fn screen_pages(
    progress: &mut dyn Progress,
    session: &mut Session,
    chapter: Option<&str>,
    list: Option<&str>,
    ppi: f32,
    out: &Path,
    lang: Lang,
) -> Result<()> {
    let target = screen_target(session, chapter)?;
    // The whole screen PDF as `rapport build` (or a diff) last recorded it, when every input
    // is as it was then: not typeset again.
    let recorded = match chapter {
        None => {
            let cache = super::approve::render_cache(session)?;
            let id = session.edition.config.id.clone();
            let found = crate::outputs::approval::read_build(&cache, &id, &super::approve::inputs(session));
            if found.is_some() {
                progress.line(&format!(
                    "not typeset again: every input is as when out/.render-cache/{id}.build.json was recorded"
                ));
            }
            found
        }
        Some(_) => None,
    };
    let (pdf, folios): (Vec<u8>, Vec<Option<u64>>) = match recorded {
        Some((baseline, _, pdf)) => (pdf, baseline.pages.iter().map(|p| Some(p.id.folio)).collect()),
        None => {
            progress.stage("Typesetting the book");
            let compiled = crate::build::typeset(session, &target)?;
            progress.diagnostics(&compiled.warnings);
            let pdf = crate::build::export(session, &compiled, &target)?;
            (pdf, compiled.document.pages().iter().map(|p| Some(p.number)).collect())
        }
    };
    let pages: Vec<(usize, u64)> = match list {
        Some(list) => crate::outputs::print::render::pages_by_folio(list, &folios, &[]).map_err(crate::error::usage)?.0,
        None => folios.iter().enumerate().map(|(i, f)| (i + 1, f.unwrap_or(i as u64 + 1))).collect(),
    };
    let name = match chapter {
        Some(slug) => format!("{slug}-page"),
        None => "page".to_string(),
    };
    let files = crate::outputs::print::render::render_pages(pdf, &pages, ppi, out, &name)?;
    // The sheet: each page by its place in the file (the first page a right-hand page).
    let mut sheet = Vec::new();
    for (file, (page, _)) in files.iter().zip(&pages) {
        let png =
            std::fs::read(file).map_err(|err| crate::error::usage(format!("cannot read {}: {err}", file.display())))?;
        sheet.push((*page, png));
    }
    let sheet = crate::outputs::approval::contact_sheet(&sheet, 4).map_err(crate::error::usage)?;
    let sheet_file = out.join(match chapter {
        Some(slug) => format!("{slug}-spreads.png"),
        None => "spreads.png".to_string(),
    });
    crate::outputs::files::write_atomic(&sheet_file, &sheet)?;
    for file in files.iter().chain([&sheet_file]) {
        progress.say(&translate(lang, &format!("wrote {}", relative(&session.project, file).display())));
    }
    Ok(())
}

/// Renders pages of the print file, bleed and marks included, named by their folios (the
/// numbers printed on them).
pub fn print_pages(
    progress: &mut dyn Progress,
    session: &mut Session,
    list: &str,
    ppi: f32,
    out: &Path,
    lang: Lang,
) -> Result<()> {
    let artifact = build(session, &Target::Print { output_intent: None, allow_placeholders: true })?;
    progress.diagnostics(&artifact.warnings);
    let (folios, on_cover) = match &artifact.print {
        Some(notes) => (notes.folios.clone(), notes.cover_folios.clone()),
        None => (Vec::new(), Vec::new()),
    };
    let (pages, on_cover) =
        crate::outputs::print::render::pages_by_folio(list, &folios, &on_cover).map_err(crate::error::usage)?;
    let mut files = Vec::new();
    // A perfect-bound book's cover file is proofed with it: its outside and inside spreads.
    if let Some(cover) = artifact.print.as_ref().and_then(|notes| notes.cover.as_ref()) {
        files.extend(crate::outputs::print::render::render_pages(
            cover.pdf.clone(),
            &[(1, 1), (2, 2)],
            ppi,
            out,
            "print-cover",
        )?);
    }
    for folio in on_cover {
        progress.line(&format!(
            "note: page {folio} is on the cover file: see its spreads, print-cover-001.png (outside) and print-cover-002.png (inside)"
        ));
    }
    files.extend(crate::outputs::print::render::render_pages(artifact.pdf, &pages, ppi, out, "print-page")?);
    for file in files {
        progress.say(&translate(lang, &format!("wrote {}", relative(&session.project, &file).display())));
    }
    Ok(())
}
