//! rapport: typesets a municipality's report from an edition's data (`data/<id>/`), the
//! Typst layouts in `layout/`, the vector art in `assets/` and the fonts in `fonts/`.
//!
//! Data flows one way: edition files → [`edition::load_edition`] (typed, checked model)
//! → [`build::build`] for a [`build::Target`] (Typst, as a library) → the PDF's bytes, or the
//! [`diag::Diagnostic`]s that stopped it. The library never prints; [`cmd`] renders.

pub mod archive;
pub mod assets;
pub mod blocks;
pub mod build;
pub mod cli;
pub mod cmd;
pub mod corrections;
pub mod diag;
pub mod edition;
pub mod error;
pub mod files;
pub mod fonts;
pub mod geo;
pub mod introspect;
pub mod keyfigures;
pub mod lint;
pub mod maps;
pub mod model;
pub mod names;
pub mod paths;
pub mod pdf;
pub mod preflight;
pub mod print;
pub mod session;
pub mod table;
pub mod text;
pub mod theme;
pub mod value;
pub mod world;

use std::path::{Path, PathBuf};

pub use files::files_below;

/// Finds the project folder: `start` or the nearest folder above it with `data/` and `layout/`.
pub fn find_project(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| dir.join("data").is_dir() && dir.join("layout").is_dir()).map(Path::to_path_buf)
}
