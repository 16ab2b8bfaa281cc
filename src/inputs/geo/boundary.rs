//! Boundaries from GeoJSON: a FeatureCollection (or one Feature) of Polygon/MultiPolygon
//! features in WGS84 longitude/latitude, each with a `name` property.

use std::collections::HashSet;
use std::path::Path;

use ::geo::{Coord, LineString, MultiPolygon, Polygon};
use geojson::{Feature, GeoJson, GeometryValue, Position};

use super::error::MapError;

/// One named area, e.g. a municipality, in longitude/latitude degrees (`x` = lon, `y` = lat).
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The `name` property, e.g. `"Asker"`.
    pub name: String,
    /// The outline; polygons may have holes and there may be islands.
    pub shape: MultiPolygon,
}

/// Reads and checks a boundaries file; see [`parse_boundaries`].
pub fn load_boundaries(path: &Path) -> Result<Vec<Area>, MapError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| MapError::Read { file: path.to_path_buf(), message: e.to_string() })?;
    parse_boundaries(&text, path)
}

/// Parses GeoJSON text into named areas. `file` is only used in error messages.
///
/// Every feature must have a `name` and a Polygon or MultiPolygon geometry whose rings are
/// closed, have at least four positions, and hold finite longitudes in −180…180 and latitudes
/// in −90…90. Names must be unique, since choropleth values and the highlight find areas by
/// name.
pub fn parse_boundaries(text: &str, file: &Path) -> Result<Vec<Area>, MapError> {
    if text.trim().is_empty() {
        return Err(MapError::Empty {
            file: file.to_path_buf(),
            message: "expected GeoJSON, found an empty file".into(),
        });
    }
    // Through serde_json, not `GeoJson::from_str`, to keep the line and column of the error.
    let geojson: GeoJson = serde_json::from_str(text).map_err(|e| {
        // serde_json ends its message with the position, which the error shows in front.
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]).to_string();
        MapError::Syntax {
            file: file.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: format!("expected a GeoJSON FeatureCollection: {message}"),
        }
    })?;
    let features = match geojson {
        GeoJson::FeatureCollection(collection) => collection.features,
        GeoJson::Feature(feature) => vec![feature],
        GeoJson::Geometry(_) => {
            return Err(MapError::Syntax {
                file: file.to_path_buf(),
                line: 1,
                column: 1,
                message: "expected a FeatureCollection of named features, found a bare geometry without a `name`"
                    .into(),
            });
        }
    };
    if features.is_empty() {
        return Err(MapError::Empty {
            file: file.to_path_buf(),
            message: "expected at least one feature, found none".into(),
        });
    }
    let mut seen = HashSet::new();
    let mut areas = Vec::with_capacity(features.len());
    for (index, feature) in features.iter().enumerate() {
        let area = feature_area(feature).map_err(|(name, message)| MapError::Feature {
            file: file.to_path_buf(),
            index,
            name,
            message,
        })?;
        if !seen.insert(area.name.clone()) {
            return Err(MapError::Feature {
                file: file.to_path_buf(),
                index,
                name: Some(area.name),
                message: "expected a unique `name`, found one used by an earlier feature".into(),
            });
        }
        areas.push(area);
    }
    Ok(areas)
}

/// One feature as an area, or (its name if known, what is wrong).
fn feature_area(feature: &Feature) -> Result<Area, (Option<String>, String)> {
    let name = match feature.properties.as_ref().and_then(|p| p.get("name")) {
        Some(serde_json::Value::String(name)) if !name.trim().is_empty() => name.trim().to_string(),
        Some(other) => return Err((None, format!("expected a `name` property with text, found `{other}`"))),
        None => return Err((None, "expected a `name` property, found none".into())),
    };
    let fail = |message: String| (Some(name.clone()), message);
    let Some(geometry) = &feature.geometry else {
        return Err(fail("expected a Polygon or MultiPolygon geometry, found none".into()));
    };
    let polygons = match &geometry.value {
        GeometryValue::Polygon { coordinates } => vec![coordinates],
        GeometryValue::MultiPolygon { coordinates } => coordinates.iter().collect(),
        other => {
            return Err(fail(format!("expected a Polygon or MultiPolygon geometry, found a {}", other.type_name())));
        }
    };
    let mut shape = Vec::with_capacity(polygons.len());
    for (p, rings) in polygons.into_iter().enumerate() {
        let mut rings = rings
            .iter()
            .enumerate()
            .map(|(r, ring)| to_ring(ring).map_err(|message| fail(format!("polygon {p}, ring {r}: {message}"))));
        let exterior =
            rings.next().ok_or_else(|| fail(format!("polygon {p}: expected an outer ring, found no rings")))??;
        shape.push(Polygon::new(exterior, rings.collect::<Result<_, _>>()?));
    }
    if shape.is_empty() {
        return Err(fail("expected at least one polygon, found an empty MultiPolygon".into()));
    }
    Ok(Area { name, shape: MultiPolygon::new(shape) })
}

/// A GeoJSON ring as a closed line string of checked lon/lat coordinates.
fn to_ring(ring: &[Position]) -> Result<LineString, String> {
    let mut coords = Vec::with_capacity(ring.len());
    for (i, position) in ring.iter().enumerate() {
        let &[lon, lat, ..] = position.as_slice() else {
            return Err(format!("position {i}: expected [longitude, latitude], found {} number(s)", position.len()));
        };
        if !lon.is_finite() || !lat.is_finite() || !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!(
                "position {i}: expected longitude −180…180 and latitude −90…90 in degrees, found [{lon}, {lat}]"
            ));
        }
        coords.push(Coord { x: lon, y: lat });
    }
    if coords.len() < 4 {
        return Err(format!("expected a ring of at least 4 positions, found {}", coords.len()));
    }
    if coords.first() != coords.last() {
        return Err("expected a closed ring (last position equal to the first), found an open one".into());
    }
    Ok(LineString::new(coords))
}
