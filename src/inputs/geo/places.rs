//! Places from CSV: `name;kind;lat;lon`, one place and one kind per line.
//!
//! Coordinates are WGS84 degrees with a decimal POINT (`59.8333`): they are coordinates as
//! every map service writes them, not report numbers, so the Norwegian decimal comma of the
//! tables does not apply here. A place with two roles (a lokalsenter with an innbyggertorg)
//! has one line per role; the map draws its symbols side by side with one label.

use std::fmt;
use std::path::Path;

use ::geo::{Contains, Coord, Distance, Euclidean, Point};

use super::boundary::Area;
use super::error::MapError;
use super::project::Utm33;
use crate::diag::{Diagnostics, line_column};
use crate::inputs::table::{decode, read_records};

/// What a place is; decides its symbol (the legend is the edition's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    Kommunesenter,
    Lokalsenter,
    Innbyggertorg,
    InnbyggertorgKommer,
    Barneskole,
    Ungdomsskole,
    PrivatSkole,
    AlternativSkole,
}

impl PlaceKind {
    /// Every kind, in legend order.
    pub const ALL: [PlaceKind; 8] = [
        PlaceKind::Kommunesenter,
        PlaceKind::Lokalsenter,
        PlaceKind::Innbyggertorg,
        PlaceKind::InnbyggertorgKommer,
        PlaceKind::Barneskole,
        PlaceKind::Ungdomsskole,
        PlaceKind::PrivatSkole,
        PlaceKind::AlternativSkole,
    ];
    /// The kinds of SENTERSTRUKTUR, INNBYGGERTORG OG LOKALOMRÅDER I ASKER.
    pub const CENTRES: [PlaceKind; 4] =
        [PlaceKind::Kommunesenter, PlaceKind::Lokalsenter, PlaceKind::Innbyggertorg, PlaceKind::InnbyggertorgKommer];
    /// The kinds of GRUNNSKOLER I ASKER.
    pub const SCHOOLS: [PlaceKind; 4] =
        [PlaceKind::Barneskole, PlaceKind::Ungdomsskole, PlaceKind::PrivatSkole, PlaceKind::AlternativSkole];

    /// The word in the CSV's `kind` column, e.g. `innbyggertorg-kommer`.
    pub fn id(self) -> &'static str {
        match self {
            PlaceKind::Kommunesenter => "kommunesenter",
            PlaceKind::Lokalsenter => "lokalsenter",
            PlaceKind::Innbyggertorg => "innbyggertorg",
            PlaceKind::InnbyggertorgKommer => "innbyggertorg-kommer",
            PlaceKind::Barneskole => "barneskole",
            PlaceKind::Ungdomsskole => "ungdomsskole",
            PlaceKind::PrivatSkole => "privat-skole",
            PlaceKind::AlternativSkole => "alternativ-skole",
        }
    }

    /// The kind with this CSV word, or that a legend entry names (the word with spaces for its
    /// hyphens, in any case: `Innbyggertorg kommer`), if any. The legend's words are the
    /// edition's own; no word a reader sees is written here.
    pub fn parse(text: &str) -> Option<PlaceKind> {
        let word = text.split_whitespace().collect::<Vec<_>>().join("-").to_lowercase();
        PlaceKind::ALL.into_iter().find(|k| k.id() == word)
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One place on a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    /// WGS84 degrees: `x` longitude, `y` latitude.
    pub position: Coord,
    /// The 1-based line of the CSV it came from, for error messages.
    pub line: usize,
}

/// The header a places file must start with.
pub const PLACES_HEADER: &str = "name;kind;lat;lon";

/// Reads and checks a places file; see [`parse_places`].
pub fn load_places(path: &Path) -> Result<Vec<Place>, MapError> {
    let bytes = std::fs::read(path).map_err(|e| MapError::Read { file: path.to_path_buf(), message: e.to_string() })?;
    parse_places(&bytes, path)
}

/// Parses a places CSV (UTF-8 or Windows-1252, as the tables). `file` names it in errors.
pub fn parse_places(bytes: &[u8], file: &Path) -> Result<Vec<Place>, MapError> {
    let text = decode(bytes).map_err(|message| MapError::Read { file: file.to_path_buf(), message })?;
    let line_error = |offset: usize, message: String| {
        let (line, column) = line_column(&text, offset);
        MapError::Line { file: file.to_path_buf(), line, column, message }
    };
    let mut problems = Diagnostics::default();
    let Some(records) = read_records(file, &text, &mut problems) else {
        let problem = problems.iter().next().map(|p| (p.range().map_or(0, |r| r.start), p.message.clone()));
        let (offset, message) = problem.unwrap_or((0, "this is not a readable CSV file".into()));
        return Err(line_error(offset, message));
    };
    let Some((header, rows)) = records.split_first() else {
        return Err(MapError::Empty {
            file: file.to_path_buf(),
            message: format!("expected the header `{PLACES_HEADER}`, found an empty file"),
        });
    };
    let header_text: Vec<&str> = header.fields.iter().map(|(f, _)| f.trim()).collect();
    if header_text.join(";") != PLACES_HEADER {
        return Err(line_error(
            header.range.start,
            format!("expected the header `{PLACES_HEADER}`, found `{}`", header_text.join(";")),
        ));
    }
    if rows.is_empty() {
        return Err(MapError::Empty {
            file: file.to_path_buf(),
            message: "expected at least one place after the header, found none".into(),
        });
    }
    rows.iter()
        .map(|row| {
            if row.fields.len() != 4 {
                return Err(line_error(
                    row.range.start,
                    format!("expected 4 cells (`{PLACES_HEADER}`), found {}", row.fields.len()),
                ));
            }
            let (name, name_at) = &row.fields[0];
            if name.trim().is_empty() {
                return Err(line_error(name_at.start, "expected a place name, found an empty cell".into()));
            }
            let (kind, kind_at) = &row.fields[1];
            let kind = PlaceKind::parse(kind).ok_or_else(|| {
                let known: Vec<String> = PlaceKind::ALL.iter().map(|k| format!("`{k}`")).collect();
                line_error(kind_at.start, format!("expected a kind ({}), found `{}`", known.join(", "), kind.trim()))
            })?;
            let lat =
                coordinate(&row.fields[2].0, "latitude", 90.0).map_err(|m| line_error(row.fields[2].1.start, m))?;
            let lon =
                coordinate(&row.fields[3].0, "longitude", 180.0).map_err(|m| line_error(row.fields[3].1.start, m))?;
            let (line, _) = line_column(&text, row.range.start);
            Ok(Place { name: name.trim().to_string(), kind, position: Coord { x: lon, y: lat }, line })
        })
        .collect()
}

/// A latitude or longitude in decimal degrees with a decimal point, within ±`limit`.
fn coordinate(cell: &str, what: &str, limit: f64) -> Result<f64, String> {
    let cell = cell.trim();
    let hint = if cell.contains(',') {
        format!(" (coordinates take a decimal point: `{}`)", cell.replace(',', "."))
    } else {
        String::new()
    };
    match cell.parse::<f64>() {
        // `parse` also accepts `NaN` and `inf`, which are no position.
        Ok(value) if value.is_finite() && value.abs() <= limit => Ok(value),
        Ok(value) if value.is_finite() => {
            Err(format!("expected a {what} between -{limit} and {limit} degrees, found `{cell}`"))
        }
        _ => Err(format!("expected a {what} in decimal degrees such as `59.8333`, found `{cell}`{hint}")),
    }
}

/// Checks that every place lies inside one of `areas` (on a boundary counts as inside), or
/// within `tolerance_m` metres of it: a coarse outline may be stricter than the real coast.
/// The check is made in UTM 33N, where distances are metres. `file` is the places file.
pub fn check_places_inside(places: &[Place], areas: &[&Area], tolerance_m: f64, file: &Path) -> Result<(), MapError> {
    let utm = Utm33::new()?;
    let shapes = areas
        .iter()
        .map(|a| Ok((a.name.as_str(), utm.multi_polygon(&a.shape)?)))
        .collect::<Result<Vec<_>, MapError>>()?;
    let inside = |c: Coord| shapes.iter().any(|(_, shape)| shape.contains(&Point(c)));
    for place in places {
        let point = Point(utm.point(place.position)?);
        if inside(point.0) {
            continue;
        }
        let nearest = shapes
            .iter()
            .map(|(name, shape)| (*name, Euclidean.distance(&point, shape)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let Some((area, distance_m)) = nearest else {
            return Err(MapError::Options {
                message: "expected an area to check the places against, found none".into(),
            });
        };
        if distance_m <= tolerance_m {
            continue;
        }
        // A position outside whose swapped coordinates fall inside was written lon;lat.
        let swapped = Coord { x: place.position.y, y: place.position.x };
        let hint = (swapped.y.abs() <= 90.0 && utm.point(swapped).is_ok_and(inside))
            .then(|| "latitude and longitude look swapped: the columns are `lat;lon`".to_string());
        return Err(MapError::Outside {
            file: file.to_path_buf(),
            line: place.line,
            place: place.name.clone(),
            area: area.to_string(),
            distance_m,
            hint,
        });
    }
    Ok(())
}

/// Keeps only the places of the given kinds, e.g. [`PlaceKind::SCHOOLS`] for the school map.
pub fn places_of_kinds(places: &[Place], kinds: &[PlaceKind]) -> Vec<Place> {
    places.iter().filter(|p| kinds.contains(&p.kind)).cloned().collect()
}
