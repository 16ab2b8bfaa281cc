//! Editions: `data/<id>/edition.toml` and everything it names, loaded and checked into an
//! [`Edition`] (the model the layouts consume is made from it, in `crate::model`). Every
//! data problem is collected, so `rapport check` reports them all.
//!
//! - [`config`]: the schema of `edition.toml`, finding and reading it;
//! - [`loader`]: reading the files it names, top-down, into the edition's [`Content`].

pub mod catalog;
pub mod charts;
pub mod config;
pub mod loader;
pub mod progress;
pub mod scaffold;
pub mod validate;

use std::path::{Path, PathBuf};

use anyhow::Context;

pub use config::{ChapterConfig, EditionConfig, Opener, PartConfig, PrintConfig, Status, load_config};
use loader::{Content, Loader};

use crate::diag::Diagnostics;

/// A loaded edition.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition's folder (canonical).
    pub dir: PathBuf,
    pub config: EditionConfig,
    /// What its files hold: the chapters' blocks with their data.
    pub content: Content,
    /// Files generated from the data (drawn maps), served to Typst at these virtual paths.
    pub generated: Vec<(String, Vec<u8>)>,
    /// The files read for it, with the bytes read (shared with the Typst world, which adds
    /// the layouts, pictures and fonts it reads).
    pub loaded: crate::inputs::loaded::Loaded,
}

/// The warning for a final edition without `[web] statement-date`.
pub const STATEMENT_UNDATED: &str = "no `statement-date` under `[web]`: the web edition's accessibility statement says that the date of its check is not given; write the day the web edition was last checked against the requirements, e.g. `statement-date = 2024-05-02` under `[web]`";

/// Loads an edition and all its files. A broken `edition.toml` is an `Err`;
/// problems in the files it names are collected in `problems`; every file read is noted in
/// `loaded`.
pub fn load_edition(
    project: &Path,
    id: &str,
    problems: &mut Diagnostics,
    loaded: &crate::inputs::loaded::Loaded,
) -> anyhow::Result<Edition> {
    let project = &project.canonicalize().with_context(|| format!("cannot open the project {}", project.display()))?;
    let (dir, config, text) = config::read_config(project, id)?;
    let edition_toml = dir.join("edition.toml");
    loaded.record(&edition_toml, text.as_bytes());
    let text: std::sync::Arc<str> = text.into();
    validate::validate(&crate::inputs::paths::relative(project, &edition_toml), &text, &config, problems);
    // A published edition's accessibility statement gives the day the web edition was checked;
    // without one it says so on the page, and every command says so here.
    if config.status == Status::Final && config.web.statement_date.is_none() {
        problems.file_warning(&crate::inputs::paths::relative(project, &edition_toml), STATEMENT_UNDATED);
    }
    let dir = dir.canonicalize().with_context(|| format!("cannot open the edition folder data/{id}"))?;
    validate::check_output_intent(
        &crate::inputs::paths::relative(project, &edition_toml),
        &text,
        &config,
        &dir,
        problems,
    );
    let vocabulary = config.vocabulary();
    let mut loader = Loader {
        project,
        dir,
        config: &config,
        problems,
        generated: Vec::new(),
        vocabulary,
        failed_maps: Vec::new(),
        shown_kinds: Vec::new(),
        drawn_places: Vec::new(),
        toml: text.clone(),
        loaded: loaded.clone(),
    };
    let content = loader.content();
    let Loader { dir, generated, .. } = loader;
    crate::inputs::corrections::check_corrections(project, &dir, problems);
    Ok(Edition { dir, config, content, generated, loaded: loaded.clone() })
}
