//! Simplification for print: detail finer than the pen cannot show is noise in the PDF.

use ::geo::{Area as _, MultiPolygon, Polygon, Simplify};

/// The default tolerance on paper: 0.3 mm, about the width of a thin map line.
pub const DEFAULT_TOLERANCE_MM: f64 = 0.3;

/// Simplifies a projected shape (metres) with Ramer–Douglas–Peucker for a map drawn at
/// `mm_per_m` (millimetres of paper per metre of ground), so no vertex moves more than
/// `tolerance_mm` on paper.
///
/// Rings that would collapse (islets smaller than the tolerance) are dropped, since they
/// could not be seen and RDP leaves them as slivers.
pub fn simplify_for_print(shape: &MultiPolygon, mm_per_m: f64, tolerance_mm: f64) -> MultiPolygon {
    let epsilon = tolerance_mm / mm_per_m;
    if !(epsilon.is_finite() && epsilon > 0.0) {
        return shape.clone();
    }
    let visible = |p: &Polygon| p.exterior().0.len() >= 4 && p.unsigned_area() > epsilon * epsilon;
    let polygons = shape
        .iter()
        .map(|polygon| {
            let simple = polygon.simplify(epsilon);
            let holes =
                simple.interiors().iter().filter(|r| visible(&Polygon::new((*r).clone(), vec![]))).cloned().collect();
            Polygon::new(simple.exterior().clone(), holes)
        })
        .filter(visible)
        .collect();
    MultiPolygon::new(polygons)
}

/// The number of vertices of a shape, for reports and tests.
pub fn vertex_count(shape: &MultiPolygon) -> usize {
    shape.iter().map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()).sum()
}

#[cfg(test)]
mod tests {
    use ::geo::{Coord, LineString};

    use super::*;

    /// A circle of radius 10 km with a vertex every 0.1°: far more detail than print shows.
    fn circle() -> MultiPolygon {
        let ring: Vec<Coord> = (0..=3600)
            .map(|i| f64::from(i).to_radians() / 10.0)
            .map(|a| Coord { x: 10_000.0 * a.cos(), y: 10_000.0 * a.sin() })
            .collect();
        MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
    }

    // At 1:250 000 (0.3 mm = 75 m) most vertices go, the area stays within 1 %, islets vanish.
    #[test]
    fn simplification_reduces_vertices_and_keeps_area() {
        let shape = circle();
        let simple = simplify_for_print(&shape, 0.004, DEFAULT_TOLERANCE_MM);
        assert!(vertex_count(&simple) < vertex_count(&shape) / 20, "{} vertices", vertex_count(&simple));
        assert!((simple.unsigned_area() / shape.unsigned_area() - 1.0).abs() < 0.01);
        let islet = Polygon::new(LineString::from(vec![(0.0, 0.0), (30.0, 0.0), (30.0, 30.0), (0.0, 0.0)]), vec![]);
        let with_islet = MultiPolygon::new(vec![shape.0[0].clone(), islet]);
        assert_eq!(simplify_for_print(&with_islet, 0.004, DEFAULT_TOLERANCE_MM).0.len(), 1);
    }
}
