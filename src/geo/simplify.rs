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
            let holes = simple.interiors().iter().filter(|r| visible(&Polygon::new((*r).clone(), vec![]))).cloned().collect();
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
