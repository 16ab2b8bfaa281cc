//! Maps drawn from geographic data: boundaries (GeoJSON, WGS84) and places (CSV) are
//! checked, projected to UTM 33N (EPSG:25833, as Kartverket), simplified for the page and
//! drawn as a standalone SVG that Typst places like any other image.
//!
//! ```no_run
//! use std::path::Path;
//! use rapport::inputs::geo::{MapInput, MapStyle, PlaceKind, render_svg};
//!
//! let dir = Path::new("data/2020-2023/maps");
//! let map = MapInput::load(&dir.join("asker-region-2024.geojson"), Some(&dir.join("places.csv")), Some("Asker"))?
//!     .with_kinds(&PlaceKind::CENTRES);
//! let style = MapStyle { credit: "Kartverket, Kommunegrenser 2024 (CC BY 4.0)".into(), ..MapStyle::default() };
//! let svg = render_svg(&map, &style)?;
//! # Ok::<(), rapport::inputs::geo::MapError>(())
//! ```

mod boundary;
mod derive;
mod error;
mod furniture;
mod layout;
pub mod metrics;
mod places;
mod project;
mod simplify;
mod style;
mod svg;

use std::path::Path;

pub use boundary::{Area, load_boundaries, parse_boundaries};
pub use derive::{Derivation, derive_region};
pub use error::MapError;
pub use layout::{BoxMm, Segment};
pub use places::{PLACES_HEADER, Place, PlaceKind, check_places_inside, load_places, parse_places, places_of_kinds};
pub use project::{UTM33N, Utm33};
pub use simplify::{DEFAULT_TOLERANCE_MM, simplify_for_print, vertex_count};
pub use style::{MapStyle, THEME_TOKENS, parse_hex, token};
pub use svg::{MapLayout, render_svg, render_svg_with_layout};

/// Everything one map shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapInput {
    /// The areas, in longitude/latitude.
    pub areas: Vec<Area>,
    /// The places with their symbols.
    pub places: Vec<Place>,
    /// The area the map is framed on and draws in the full land tone, e.g. `Asker`; the
    /// others are neighbours in a lighter tone. `None`: all areas, framed together.
    pub highlight: Option<String>,
}

impl MapInput {
    /// Loads boundaries and (optionally) places, and checks that every place lies inside the
    /// highlighted area, or inside one of the areas if none is highlighted.
    pub fn load(boundaries: &Path, places: Option<&Path>, highlight: Option<&str>) -> Result<MapInput, MapError> {
        let read = |path: &Path| {
            std::fs::read(path).map_err(|e| MapError::Read { file: path.to_path_buf(), message: e.to_string() })
        };
        let boundaries = (boundaries, read(boundaries)?);
        let places = match places {
            Some(path) => Some((path, read(path)?)),
            None => None,
        };
        let places = places.as_ref().map(|(path, bytes)| (*path, bytes.as_slice()));
        MapInput::from_bytes((boundaries.0, &boundaries.1), places, highlight)
    }

    /// [`MapInput::load`] from the files' bytes as read (`(path, bytes)`: the path names the
    /// file in errors).
    pub fn from_bytes(
        (boundaries, bytes): (&Path, &[u8]),
        places: Option<(&Path, &[u8])>,
        highlight: Option<&str>,
    ) -> Result<MapInput, MapError> {
        let text = std::str::from_utf8(bytes).map_err(|_| MapError::Read {
            file: boundaries.to_path_buf(),
            message: "stream did not contain valid UTF-8".into(),
        })?;
        let areas = parse_boundaries(text, boundaries)?;
        if let Some(h) = highlight
            && !areas.iter().any(|a| a.name == h)
        {
            let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
            return Err(MapError::Empty {
                file: boundaries.to_path_buf(),
                message: format!("expected a feature named `{h}`, found {}", names.join(", ")),
            });
        }
        let places = match places {
            Some((path, bytes)) => {
                let places = parse_places(bytes, path)?;
                check_inside_map(&places, &areas, highlight, path)?;
                places
            }
            None => Vec::new(),
        };
        Ok(MapInput { areas, places, highlight: highlight.map(str::to_string) })
    }

    /// Keeps only the places of the given kinds: one places file serves several maps.
    pub fn with_kinds(mut self, kinds: &[PlaceKind]) -> MapInput {
        self.places = places_of_kinds(&self.places, kinds);
        self
    }
}

/// Checks every place against the highlighted area, or against all areas (a place must lie
/// in at least one of them).
fn check_inside_map(places: &[Place], areas: &[Area], highlight: Option<&str>, file: &Path) -> Result<(), MapError> {
    let targets: Vec<&Area> = areas.iter().filter(|a| highlight.is_none_or(|h| h == a.name)).collect();
    check_places_inside(places, &targets, 0.0, file)
}
