//! WGS84 longitude/latitude → UTM zone 33N (EPSG:25833), the projection Kartverket uses for
//! national map data, so our maps have the proportions of the printed ones.

use ::geo::{Coord, LineString, MultiPolygon, Polygon};
use proj4rs::Proj;
use proj4rs::adaptors::transform_vertex_2d;

use super::error::MapError;

/// EPSG:25833: ETRS89 / UTM zone 33N.
pub const UTM33N: &str = "+proj=utm +zone=33 +ellps=GRS80 +units=m +no_defs";

/// Geographic coordinates on the same ellipsoid. WGS84 and ETRS89 differ by under a metre in
/// Norway, far below what a printed map shows, so no datum shift is applied.
const LONLAT: &str = "+proj=longlat +ellps=GRS80 +no_defs";

/// The projection from longitude/latitude in degrees to UTM 33N easting/northing in metres.
pub struct Utm33 {
    from: Proj,
    to: Proj,
}

impl Utm33 {
    /// Sets up the projection.
    pub fn new() -> Result<Self, MapError> {
        let parse = |s: &str| {
            Proj::from_proj_string(s)
                .map_err(|e| MapError::Options { message: format!("cannot set up the projection `{s}`: {e}") })
        };
        Ok(Utm33 { from: parse(LONLAT)?, to: parse(UTM33N)? })
    }

    /// Projects one point given in degrees (`x` longitude, `y` latitude) to metres.
    pub fn point(&self, lonlat: Coord) -> Result<Coord, MapError> {
        // proj4rs works in radians for geographic coordinates.
        let (x, y) = transform_vertex_2d(&self.from, &self.to, (lonlat.x.to_radians(), lonlat.y.to_radians()))
            .map_err(|e| MapError::Options { message: format!("cannot project ({}, {}): {e}", lonlat.x, lonlat.y) })?;
        if !x.is_finite() || !y.is_finite() {
            return Err(MapError::Options {
                message: format!("projecting ({}, {}) gave no finite position", lonlat.x, lonlat.y),
            });
        }
        Ok(Coord { x, y })
    }

    /// Projects every vertex of a multipolygon.
    pub fn multi_polygon(&self, shape: &MultiPolygon) -> Result<MultiPolygon, MapError> {
        let ring = |ring: &LineString| -> Result<LineString, MapError> {
            ring.coords().map(|&c| self.point(c)).collect::<Result<Vec<_>, _>>().map(LineString::new)
        };
        shape
            .iter()
            .map(|polygon| {
                let interiors = polygon.interiors().iter().map(ring).collect::<Result<Vec<_>, _>>()?;
                Ok(Polygon::new(ring(polygon.exterior())?, interiors))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(MultiPolygon::new)
    }

    /// The angle in degrees, clockwise from the map's up, in which true north points at
    /// `lonlat`: UTM's grid north differs from true north away from the zone's central
    /// meridian (15° E), about 4° at Asker.
    pub fn north_angle(&self, lonlat: Coord) -> Result<f64, MapError> {
        let here = self.point(lonlat)?;
        let north = self.point(Coord { x: lonlat.x, y: lonlat.y + 0.01 })?;
        Ok((north.x - here.x).atan2(north.y - here.y).to_degrees())
    }
}
