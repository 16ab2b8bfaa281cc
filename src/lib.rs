//! rapport: typesets a municipality's report from an edition's data (`data/<id>/`), the
//! Typst layouts in `layout/`, the vector art in `assets/` and the fonts in `fonts/`.
//!
//! Data flows one way: edition files → [`inputs::edition::load_edition`] (typed, checked model)
//! → [`build::build`] for a [`build::Target`] (Typst, as a library) → the PDF's bytes, or the
//! [`diag::Diagnostic`]s that stopped it. The library never prints; [`cmd`] renders.

// The stages, in the order data flows through them. A module is named with its stage
// (`crate::inputs::table`, `crate::typeset::session`, `crate::outputs::print`), so every
// import of one says the stage it reaches.
pub mod build;
pub mod checks;
pub mod inputs;
pub mod model;
pub mod outputs;
pub mod typeset;

// Shared by the stages: the one diagnostic and error types, the bokmål message tables, the
// cache of what `watch` would redo.
pub mod diag;
pub mod error;
pub mod lang;
pub mod memo;

// What each command does, as library calls that report to a `jobs::Progress`.
pub mod jobs;

// The command line (arguments, rendering, `watch --web`'s server) and its commands, the only
// code that writes to the terminal.
pub mod cli;
pub mod cmd;

use std::path::{Path, PathBuf};

/// Finds the project folder: `start` or the nearest folder above it with `data/` and `layout/`.
pub fn find_project(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| dir.join("data").is_dir() && dir.join("layout").is_dir()).map(Path::to_path_buf)
}
