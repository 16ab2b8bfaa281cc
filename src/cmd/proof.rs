//! `rapport proof`: PNG previews of the SVG assets and the edition's maps, and a contact
//! sheet; or pages of the screen PDF, a handout or the print file (see [`crate::jobs::proof`]).

use std::path::Path;

use super::{Log, out_dir};
use crate::cli::ProofArgs;
use crate::error::{Error, Result};
use crate::jobs::proof::{asset_proofs, print_pages, screen_pages};

pub fn run(log: &mut Log, project: &Path, args: &ProofArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let (out, lang) = (out_dir(&session, &args.out)?, log.lang);
    if !session.problems.is_empty() {
        return Err(Error::failed(session.problems.clone().into_vec()));
    }
    if let Some(list) = &args.print_pages {
        return print_pages(log, &mut session, list, args.ppi, &out, lang);
    }
    if args.pages.is_some() || args.chapter.is_some() {
        let (chapter, pages) = (args.chapter.as_deref(), args.pages.as_deref());
        return screen_pages(log, &mut session, chapter, pages, args.ppi, &out, lang);
    }
    asset_proofs(log, &mut session, &out, lang)
}
