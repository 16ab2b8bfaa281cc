//! `rapport proof`: PNG previews of the SVG assets and the edition's maps, and a contact sheet.

use std::path::Path;

use crate::assets::{Preview, asset_previews, write_proofs};
use crate::build::{open, out_dir, print_file, print_settings, report_failure};
use crate::cli::ProofArgs;
use crate::error::Result;
use crate::paths::relative;

pub fn run(project: &Path, args: &ProofArgs) -> Result<()> {
    let mut session = open(project, args.edition.edition.as_deref())?;
    let out = out_dir(&session, &args.out);
    if !session.problems.is_empty() {
        let failure = crate::session::Failure::Data(session.problems.clone());
        return Err(report_failure(&session, &failure));
    }
    if let Some(list) = &args.print_pages {
        return print_pages(&mut session, list, args.ppi, &out);
    }
    let mut previews = asset_previews(&session.project)?;
    let maps = crate::theme::themed_maps(&mut session).map_err(|failure| report_failure(&session, &failure))?;
    for (path, svg) in maps {
        let name = path.trim_start_matches("/maps/").trim_end_matches(".svg");
        previews.push(Preview { name: format!("map-{name}"), svg: svg.into_bytes() });
    }
    for file in write_proofs(&session.project, &previews, &out)? {
        println!("wrote {}", relative(&session.project, &file).display());
    }
    Ok(())
}

/// Renders pages of the print file, bleed and marks included.
fn print_pages(session: &mut crate::session::Session, list: &str, ppi: f32, out: &Path) -> Result<()> {
    let settings = print_settings(session, None)?;
    let finished = print_file(session, &settings)?;
    let pages = crate::print::render::parse_pages(list, finished.pages)?;
    for file in crate::print::render::render_pages(finished.pdf, &pages, ppi, out)? {
        println!("wrote {}", relative(&session.project, &file).display());
    }
    Ok(())
}
