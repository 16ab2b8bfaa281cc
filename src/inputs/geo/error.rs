//! Map errors: each names the file and where in it (line and column of a CSV or JSON text,
//! or the index and name of a GeoJSON feature), what was expected and what was found.

use std::fmt;
use std::path::PathBuf;

/// What went wrong while loading, checking or drawing a map. Never a panic: every bad input
/// ends up here.
#[derive(Debug, Clone, PartialEq)]
pub enum MapError {
    /// The file cannot be read at all.
    Read { file: PathBuf, message: String },
    /// The edition names a file outside its folder (absolute, `..`, or a link leading out).
    Refused { file: PathBuf, message: String },
    /// The file has nothing to draw (no features, no places, an empty text).
    Empty { file: PathBuf, message: String },
    /// The text is not GeoJSON: a JSON syntax error or a GeoJSON object of the wrong shape,
    /// at a 1-based line and column.
    Syntax { file: PathBuf, line: usize, column: usize, message: String },
    /// A GeoJSON feature is not a usable boundary (geometry, coordinates, `name`).
    /// `index` counts features from 0, as in the file's `features` array.
    Feature { file: PathBuf, index: usize, name: Option<String>, message: String },
    /// A line of a places CSV is wrong (header, kind, coordinate), at a 1-based line and column.
    Line { file: PathBuf, line: usize, column: usize, message: String },
    /// A place lies outside the boundary it must lie in; `distance_m` is how far outside.
    Outside { file: PathBuf, line: usize, place: String, area: String, distance_m: f64, hint: Option<String> },
    /// What the caller passed is unusable: a size, a colour, a highlighted area or a
    /// choropleth value naming no area.
    Options { message: String },
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapError::Read { file, message } => write!(f, "{}: cannot read this file: {message}", file.display()),
            MapError::Empty { file, message } | MapError::Refused { file, message } => {
                write!(f, "{}: {message}", file.display())
            }
            MapError::Syntax { file, line, column, message } | MapError::Line { file, line, column, message } => {
                write!(f, "{}:{line}:{column}: {message}", file.display())
            }
            MapError::Feature { file, index, name, message } => {
                write!(f, "{}: feature {index}", file.display())?;
                if let Some(name) = name {
                    write!(f, " (`{name}`)")?;
                }
                write!(f, ": {message}")
            }
            MapError::Outside { file, line, place, area, distance_m, hint } => {
                write!(
                    f,
                    "{}:{line}:1: expected `{place}` inside the boundary of {area}, found it {:.1} km outside",
                    file.display(),
                    distance_m / 1000.0
                )?;
                if let Some(hint) = hint {
                    write!(f, " ({hint})")?;
                }
                Ok(())
            }
            MapError::Options { message } => write!(f, "map options: {message}"),
        }
    }
}

impl std::error::Error for MapError {}

impl MapError {
    /// The file the error is in, if it is about one.
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            MapError::Read { file, .. }
            | MapError::Empty { file, .. }
            | MapError::Refused { file, .. }
            | MapError::Syntax { file, .. }
            | MapError::Feature { file, .. }
            | MapError::Line { file, .. }
            | MapError::Outside { file, .. } => Some(file),
            MapError::Options { .. } => None,
        }
    }

    /// What is wrong, without the file and position (a diagnostic shows those itself).
    pub fn message(&self) -> String {
        match self {
            MapError::Read { message, .. } => format!("cannot read this file: {message}"),
            MapError::Empty { message, .. }
            | MapError::Refused { message, .. }
            | MapError::Syntax { message, .. }
            | MapError::Line { message, .. } => message.clone(),
            MapError::Feature { index, name, message, .. } => match name {
                Some(name) => format!("feature {index} (`{name}`): {message}"),
                None => format!("feature {index}: {message}"),
            },
            MapError::Outside { place, area, distance_m, hint, .. } => {
                let mut text = format!(
                    "expected `{place}` inside the boundary of {area}, found it {:.1} km outside",
                    distance_m / 1000.0
                );
                if let Some(hint) = hint {
                    text.push_str(&format!(" ({hint})"));
                }
                text
            }
            MapError::Options { message } => format!("map options: {message}"),
        }
    }
}
