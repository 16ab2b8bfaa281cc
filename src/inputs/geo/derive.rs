//! Deriving an edition's boundary file from Kartverket's municipal boundaries: the area a
//! map is framed on and the neighbours around it, clipped to the map's surroundings,
//! simplified for the page and rounded. The default edition's
//! `maps/asker-region-2024.geojson` is made this way (`cargo run --example derive-boundaries`),
//! and a test derives it again from the shared file and compares.

use std::fmt::Write;
use std::path::Path;

use ::geo::{BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect};

use super::boundary::parse_boundaries;
use super::error::MapError;
use super::simplify::simplify_for_print;

/// How a region is cut out of a larger boundary file.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    /// The area the maps are framed on, e.g. `Asker`; it is kept whole.
    pub focus: String,
    /// How far around the focus area's extent neighbours are kept, in degrees of longitude
    /// and latitude: enough to fill the map's frame beside the focus area.
    pub margin_deg: (f64, f64),
    /// Ramer–Douglas–Peucker tolerance on the ground, in metres.
    pub tolerance_m: f64,
    /// Decimals of the degrees written (5: about a metre).
    pub decimals: i32,
    /// The `attribution` written into the file.
    pub attribution: String,
}

impl Default for Derivation {
    /// Asker with its neighbours for a map of about 1:330 000 (136 × 170 mm): neighbours
    /// 0.3° (17 km) east and west and 0.05° (5.5 km) north and south of Asker's extent,
    /// vertices within 40 m (0.12 mm on the page) of the source, degrees to 5 decimals.
    fn default() -> Self {
        Derivation {
            focus: "Asker".into(),
            margin_deg: (0.3, 0.05),
            tolerance_m: 40.0,
            decimals: 5,
            attribution: "Kartverket, Kommunegrenser 2024 (CC BY 4.0). Derived by rapport (src/inputs/geo/derive.rs): \
                          Asker whole, neighbours clipped to its surroundings, simplified to 40 m, degrees \
                          rounded to 5 decimals."
                .into(),
        }
    }
}

/// Derives the region from GeoJSON `text` (`file` names it in errors) and returns the new
/// file's text: a FeatureCollection with the focus area first, then its neighbours in the
/// source's order, each with its `name` and `kommunenummer`.
pub fn derive_region(text: &str, file: &Path, how: &Derivation) -> Result<String, MapError> {
    let areas = parse_boundaries(text, file)?;
    let numbers = kommunenummer(text);
    let focus = areas.iter().find(|a| a.name == how.focus).ok_or_else(|| MapError::Empty {
        file: file.to_path_buf(),
        message: format!("expected a feature named `{}`, found none", how.focus),
    })?;
    let Some(extent) = focus.shape.bounding_rect() else {
        return Err(MapError::Empty { file: file.to_path_buf(), message: format!("`{}` has no extent", how.focus) });
    };
    let (dx, dy) = how.margin_deg;
    let window = Rect::new(
        Coord { x: extent.min().x - dx, y: extent.min().y - dy },
        Coord { x: extent.max().x + dx, y: extent.max().y + dy },
    )
    .to_polygon();
    // Simplified in local metres (an equirectangular plane at the focus area's middle
    // latitude: at this size within a fraction of a percent of UTM), written in degrees.
    let local = Local::at(extent.center());
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"type\": \"FeatureCollection\", \"name\": \"{}-region\", \"attribution\": {},\n\"features\": [",
        how.focus.to_lowercase(),
        serde_json::Value::String(how.attribution.clone())
    );
    let ordered = std::iter::once(focus).chain(areas.iter().filter(|a| a.name != how.focus));
    let mut first = true;
    for area in ordered {
        let shape = if area.name == how.focus { area.shape.clone() } else { area.shape.intersection(&window) };
        let simple = simplify_for_print(&local.to_metres(&shape), 1.0, how.tolerance_m);
        let polygons = local.to_degrees(&simple, how.decimals);
        if polygons.is_empty() {
            continue;
        }
        let properties = serde_json::json!({
            "name": area.name,
            "kommunenummer": numbers.iter().find(|(n, _)| *n == area.name).map(|(_, k)| k.as_str()),
        });
        let _ = write!(
            out,
            "{}\n{{\"type\": \"Feature\", \"properties\": {properties}, \"geometry\": {{\"type\": \"MultiPolygon\", \"coordinates\": {}}}}}",
            if first { "" } else { "," },
            serde_json::to_string(&polygons).unwrap_or_default()
        );
        first = false;
    }
    out.push_str("\n]}\n");
    Ok(out)
}

/// The `kommunenummer` property of each named feature, where the source has one.
fn kommunenummer(text: &str) -> Vec<(String, String)> {
    let Ok(geojson::GeoJson::FeatureCollection(collection)) = serde_json::from_str::<geojson::GeoJson>(text) else {
        return Vec::new();
    };
    collection
        .features
        .iter()
        .filter_map(|f| {
            let p = f.properties.as_ref()?;
            Some((p.get("name")?.as_str()?.to_string(), p.get("kommunenummer")?.as_str()?.to_string()))
        })
        .collect()
}

/// A local plane in metres around a point, for simplifying in ground units.
struct Local {
    origin: Coord,
    /// Metres per degree of longitude and of latitude there.
    scale: (f64, f64),
}

impl Local {
    fn at(origin: Coord) -> Local {
        Local { origin, scale: (111_320.0 * origin.y.to_radians().cos(), 110_574.0) }
    }

    fn map(shape: &MultiPolygon, f: impl Fn(Coord) -> Coord) -> MultiPolygon {
        let ring = |r: &LineString| LineString::new(r.coords().map(|c| f(*c)).collect());
        MultiPolygon::new(
            shape.iter().map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect())).collect(),
        )
    }

    fn to_metres(&self, shape: &MultiPolygon) -> MultiPolygon {
        let (o, (sx, sy)) = (self.origin, self.scale);
        Local::map(shape, |c| Coord { x: (c.x - o.x) * sx, y: (c.y - o.y) * sy })
    }

    /// The shape in degrees rounded to `decimals`, as GeoJSON MultiPolygon coordinates;
    /// rings that rounding leaves with fewer than four distinct positions are dropped.
    fn to_degrees(&self, shape: &MultiPolygon, decimals: i32) -> Vec<Vec<Vec<[f64; 2]>>> {
        let (o, (sx, sy)) = (self.origin, self.scale);
        let factor = 10f64.powi(decimals);
        let round = |v: f64| (v * factor).round() / factor;
        let ring = |r: &LineString| -> Option<Vec<[f64; 2]>> {
            let mut out: Vec<[f64; 2]> = Vec::with_capacity(r.0.len());
            for c in r.coords() {
                let p = [round(o.x + c.x / sx), round(o.y + c.y / sy)];
                if out.last() != Some(&p) {
                    out.push(p);
                }
            }
            if out.first() != out.last() {
                let first = out[0];
                out.push(first);
            }
            (out.len() >= 4).then_some(out)
        };
        shape
            .iter()
            .filter_map(|p| {
                let exterior = ring(p.exterior())?;
                Some(std::iter::once(exterior).chain(p.interiors().iter().filter_map(ring)).collect())
            })
            .collect()
    }
}
