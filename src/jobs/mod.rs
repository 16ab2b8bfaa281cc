//! What each command does, as library calls: a command parses its arguments (clap), opens
//! the edition, calls one job and renders what it reports, so another front end (a test, a
//! server) runs the same job. A job reports as it goes to a [`Progress`] and never prints;
//! it orchestrates the stages as [`crate::build`] does, and no stage imports it.

pub mod approve;
pub mod archive;
pub mod build;
pub mod check;
pub mod diff;
pub mod import;
pub mod proof;

use std::path::{Path, PathBuf};

use crate::build::Target;
use crate::diag::Diagnostic;
use crate::error::{Result, usage};
use crate::typeset::session::Session;

/// Where a job reports as it goes: the command line's log is one (standard error and
/// standard output), a test can collect them.
pub trait Progress {
    /// The stage a slow job has come to (`Typesetting the book`), in English, so that the
    /// person waiting sees it working; the front end words it (the command line in the
    /// user's language, on standard error, and not in the short format read by scripts).
    fn stage(&mut self, what: &str);
    /// A line of progress or a note (standard error, in the user's language).
    fn line(&mut self, text: &str);
    /// A line of the result (standard output), as given.
    fn say(&mut self, text: &str);
    /// Diagnostics, in the chosen format.
    fn diagnostics(&mut self, diagnostics: &[Diagnostic]);
}

/// Checks that `slug` names a chapter of the session's edition; else a usage error listing
/// the chapters' slugs, the closest to `slug` first.
pub fn known_chapter(session: &Session, slug: &str) -> Result<()> {
    let slugs: Vec<&str> = session.edition.config.chapters().map(|c| c.slug.as_str()).collect();
    if slugs.contains(&slug) {
        return Ok(());
    }
    let id = &session.edition.config.id;
    Err(usage(match crate::inputs::edition::catalog::closest(slug, &slugs) {
        Some(near) => {
            format!(
                "expected a chapter slug of edition {id} ({}), found `{slug}`: did you mean `{near}`?",
                slugs.join(", ")
            )
        }
        None => format!("expected a chapter slug of edition {id} ({}), found `{slug}`", slugs.join(", ")),
    }))
}

/// The screen PDF, or the handout of `chapter` (a chapter of the session's edition).
pub fn screen_target(session: &Session, chapter: Option<&str>) -> Result<Target> {
    match chapter {
        Some(slug) => {
            known_chapter(session, slug)?;
            Ok(Target::Chapter(slug.to_string()))
        }
        None => Ok(Target::Screen),
    }
}

/// `dir` as given on the command line, relative to the project unless absolute; a relative
/// one that leads out of the project through a link is refused (`paths::output_inside`).
pub fn out_dir(session: &Session, dir: &Path) -> Result<PathBuf> {
    crate::inputs::paths::output_inside(&session.project, dir).map_err(|err| {
        usage(format!(
            "cannot write to {}: expected an output folder inside the project, found {}",
            dir.display(),
            match err {
                crate::inputs::paths::PathError::Io(err) => err,
                _ => "a link or path that leads out of it".into(),
            }
        ))
    })
}
