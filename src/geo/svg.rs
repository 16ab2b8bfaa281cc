//! Drawing a map as a standalone SVG: areas, places with labels, legend, scale bar, north
//! arrow and credit. Units are millimetres (`viewBox` in mm), text is set in Inter.

use std::collections::BTreeMap;
use std::fmt::Write;

use ::geo::{BoundingRect, Coord, MultiPolygon, Rect};

use super::MapInput;
use super::error::MapError;
use super::furniture;
use super::layout::{BoxMm, Frame, MM_PER_PT, Segment, escape, place_label, text_width};
use super::places::PlaceKind;
use super::project::Utm33;
use super::simplify::simplify_for_print;
use super::style::MapStyle;

/// An area after projection and simplification, with its fill.
struct Drawn {
    name: String,
    shape: MultiPolygon,
    fill: String,
    focus: bool,
}

/// Draws `map` as a standalone SVG of `style.width_mm` × `style.height_mm` (no external
/// references, fonts by family name `Inter`).
///
/// The map is framed on the highlighted area (or on all areas), north up in UTM 33N, and
/// simplified for its scale. Areas other than the highlighted one get the neighbour tone.
pub fn render_svg(map: &MapInput, style: &MapStyle) -> Result<String, MapError> {
    style.check()?;
    if map.areas.is_empty() {
        return Err(MapError::Options { message: "expected at least one area to draw, found none".into() });
    }
    let utm = Utm33::new()?;
    let focus = |name: &str| map.highlight.as_deref().is_none_or(|h| h == name);
    if let Some(h) = &map.highlight
        && !map.areas.iter().any(|a| &a.name == h)
    {
        return Err(MapError::Options {
            message: format!("expected the highlighted area `{h}` among the areas, found no area of that name"),
        });
    }

    // Project, then frame on the focus areas.
    let mut projected = Vec::with_capacity(map.areas.len());
    let mut extent: Option<Rect> = None;
    let mut lonlat_extent: Option<Rect> = None;
    for area in &map.areas {
        let shape = utm.multi_polygon(&area.shape)?;
        if focus(&area.name) {
            extent = union(extent, shape.bounding_rect());
            lonlat_extent = union(lonlat_extent, area.shape.bounding_rect());
        }
        projected.push((area, shape));
    }
    let (Some(extent), Some(lonlat_extent)) = (extent, lonlat_extent) else {
        return Err(MapError::Options { message: "expected areas with an extent, found empty shapes".into() });
    };
    let size = style.font_size_pt * MM_PER_PT;
    let (w, h, m) = (style.width_mm, style.height_mm, style.margin_mm);
    // The bottom strip holds the scale bar and the credit line, side by side, or the scale
    // bar above the credit where a long credit would run into it.
    let credit_width = text_width(style.credit.trim(), 0.9 * size);
    let scale_right = m + size + 0.3 * (w - 2.0 * m) + 2.5 * size;
    let stacked = scale_right + size > w - m - credit_width;
    let strip = if stacked { 3.8 * size } else { 2.6 * size };
    let map_box = BoxMm { x0: m, y0: m, x1: w - m, y1: h - m - strip };
    let frame = Frame::fit(extent, map_box).ok_or_else(|| MapError::Options {
        message: "expected an area with a width and a height, found a point or a line".into(),
    })?;

    let fills = fills(map, style);
    let drawn: Vec<Drawn> = projected
        .into_iter()
        .map(|(area, shape)| Drawn {
            name: area.name.clone(),
            shape: simplify_for_print(&shape, frame.k, style.tolerance_mm),
            fill: fills.get(&area.name).cloned().unwrap_or_else(|| style.neighbour.clone()),
            focus: focus(&area.name),
        })
        .collect();
    let focus_shape = MultiPolygon::new(drawn.iter().filter(|d| d.focus).flat_map(|d| d.shape.0.clone()).collect());

    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}" font-family="{}">"#,
        escape(&style.font_family)
    );
    svg.push_str(&areas(&drawn, &frame, style, (w, h - strip), map.highlight.is_some()));
    // Furniture is laid out before the labels, so labels keep clear of it, but drawn last.
    let mut taken = Vec::new();
    let center = Coord {
        x: (lonlat_extent.min().x + lonlat_extent.max().x) / 2.0,
        y: (lonlat_extent.min().y + lonlat_extent.max().y) / 2.0,
    };
    let north = utm.north_angle(center)?;
    let furniture = furniture(map, style, &frame, &focus_shape, north, stacked, &mut taken);
    let outline = segments(&focus_shape, &frame);
    let bounds = BoxMm { x0: 0.0, y0: 0.0, x1: w, y1: h - strip };
    svg.push_str(&places(map, style, &frame, &utm, &mut taken, &outline, &bounds)?);
    svg.push_str(&furniture);
    svg.push_str("</svg>\n");
    Ok(svg)
}

/// The sea and the areas, clipped to the map above the bottom strip (`clip` is its size).
fn areas(drawn: &[Drawn], frame: &Frame, style: &MapStyle, clip: (f64, f64), highlighted: bool) -> String {
    let (w, h) = clip;
    let mut svg = format!(
        r#"<defs><clipPath id="map-clip"><rect x="0" y="0" width="{w:.2}" height="{h:.2}"/></clipPath></defs>"#
    );
    if let Some(water) = &style.water {
        let _ = write!(svg, r#"<rect x="0" y="0" width="{w:.2}" height="{h:.2}" fill="{water}"/>"#);
    }
    svg.push_str(r#"<g class="areas" clip-path="url(#map-clip)" fill-rule="evenodd" stroke-linejoin="round">"#);
    // Neighbours first, so the highlighted outline lies on top of the shared borders.
    for area in drawn.iter().filter(|d| !d.focus).chain(drawn.iter().filter(|d| d.focus)) {
        let width = style.stroke_width_mm * if area.focus && highlighted { 1.6 } else { 1.0 };
        let _ = write!(
            svg,
            r#"<path data-name="{}" d="{}" fill="{}" stroke="{}" stroke-width="{width:.2}"/>"#,
            escape(&area.name),
            path_data(&area.shape, frame),
            area.fill,
            style.stroke
        );
    }
    svg.push_str("</g>");
    svg
}

/// The legend and the north arrow in the corners where they hide the least of the focus
/// areas (the arrow turned `north` degrees to true north), the scale bar and the credit line
/// in the bottom strip. Adds their boxes to `taken`.
fn furniture(
    map: &MapInput,
    style: &MapStyle,
    frame: &Frame,
    focus: &MultiPolygon,
    north: f64,
    stacked: bool,
    taken: &mut Vec<BoxMm>,
) -> String {
    let size = style.font_size_pt * MM_PER_PT;
    let (w, h, m) = (style.width_mm, style.height_mm, style.margin_mm);
    let b = frame.map;
    let mut corners = vec![(b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)];
    let mut svg = String::new();
    let rows = legend_rows(map, style);
    if !rows.is_empty() {
        let (lw, lh) = furniture::legend_size(&rows, size);
        let (i, at) = best_corner(frame, focus, &corners, lw, lh);
        corners.remove(i);
        taken.push(at);
        svg.push_str(&furniture::legend(&rows, (at.x0, at.y0), size, style));
    }
    let arrow = furniture::north_arrow_box(0.0, 0.0, size);
    let (_, at) = best_corner(frame, focus, &corners, arrow.x1 - arrow.x0, arrow.y1 - arrow.y0);
    taken.push(at);
    svg.push_str(&furniture::north_arrow(
        (at.x0 + at.x1) / 2.0,
        (at.y0 + at.y1) / 2.0 + 0.3 * size,
        north,
        size,
        style,
    ));
    // A round length of at most 30 % of the map's width.
    let length = furniture::scale_length(0.3 * (w - 2.0 * m) / frame.k);
    let scale_y = h - m - if stacked { 1.7 } else { 0.5 } * size;
    svg.push_str(&furniture::scale_bar(length, frame.k, m + size, scale_y, size, style));
    if !style.credit.trim().is_empty() {
        svg.push_str(&furniture::credit(style.credit.trim(), w - m, h - m, size, style));
    }
    svg
}

fn union(a: Option<Rect>, b: Option<Rect>) -> Option<Rect> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Rect::new(
            Coord { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
            Coord { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
        )),
        (a, b) => a.or(b),
    }
}

/// The fill of each area by name: the land tone for the highlighted area (all areas when
/// none is highlighted); the others get the neighbour tone.
fn fills(map: &MapInput, style: &MapStyle) -> BTreeMap<String, String> {
    map.areas
        .iter()
        .filter(|a| map.highlight.as_deref().is_none_or(|h| h == a.name))
        .map(|area| (area.name.clone(), style.land.clone()))
        .collect()
}

/// The legend: the kinds of place the map shows.
fn legend_rows(map: &MapInput, style: &MapStyle) -> Vec<PlaceKind> {
    if !style.legend {
        return Vec::new();
    }
    PlaceKind::ALL.into_iter().filter(|k| map.places.iter().any(|p| p.kind == *k)).collect()
}

/// Of the map's `corners`, the one where a box of `bw` × `bh` hides the least of the focus
/// areas: its index and the box there.
fn best_corner(frame: &Frame, focus: &MultiPolygon, corners: &[(f64, f64)], bw: f64, bh: f64) -> (usize, BoxMm) {
    let place = |&(x, y): &(f64, f64)| {
        let x0 = if x <= frame.map.x0 { x } else { x - bw };
        let y0 = if y <= frame.map.y0 { y } else { y - bh };
        BoxMm::new(x0, y0, bw, bh)
    };
    corners
        .iter()
        .map(place)
        .enumerate()
        .min_by(|a, b| frame.coverage(&a.1, focus).total_cmp(&frame.coverage(&b.1, focus)))
        .unwrap_or((0, place(&(frame.map.x0, frame.map.y0))))
}

/// The outline of a shape as line segments on the paper.
fn segments(shape: &MultiPolygon, frame: &Frame) -> Vec<Segment> {
    let mut out = Vec::new();
    for polygon in shape {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let points: Vec<(f64, f64)> = ring.coords().map(|c| frame.paper(*c)).collect();
            out.extend(points.windows(2).map(|w| (w[0], w[1])));
        }
    }
    out
}

/// SVG path data for a shape on the paper.
fn path_data(shape: &MultiPolygon, frame: &Frame) -> String {
    let mut d = String::new();
    for polygon in shape {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for (i, c) in ring.coords().enumerate() {
                let (x, y) = frame.paper(*c);
                let _ = write!(d, "{}{x:.2} {y:.2}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
    }
    d
}

/// The places: symbols of one place side by side (a lokalsenter with an innbyggertorg), its
/// name once, placed clear of other labels, symbols and the furniture in `taken`.
fn places(
    map: &MapInput,
    style: &MapStyle,
    frame: &Frame,
    utm: &Utm33,
    taken: &mut Vec<BoxMm>,
    outline: &[Segment],
    bounds: &BoxMm,
) -> Result<String, MapError> {
    let size = style.font_size_pt * MM_PER_PT;
    // Group by name; the first kind in legend order ranks the group (kommunesenter first).
    let mut groups: Vec<(String, Coord, Vec<PlaceKind>)> = Vec::new();
    for place in &map.places {
        match groups.iter_mut().find(|g| g.0 == place.name) {
            Some(group) => group.2.push(place.kind),
            None => groups.push((place.name.clone(), place.position, vec![place.kind])),
        }
    }
    for group in &mut groups {
        group.2.sort();
        group.2.dedup();
    }
    groups.sort_by_key(|g| g.2[0]);
    let mut symbols = Vec::new();
    let mut boxes = Vec::new();
    for (_, position, kinds) in &groups {
        let (x, y) = frame.paper(utm.point(*position)?);
        let widths: Vec<f64> = kinds.iter().map(|k| 2.0 * furniture::symbol_radius(*k, size)).collect();
        let gap = 0.15 * size;
        let total = widths.iter().sum::<f64>() + gap * (widths.len() - 1) as f64;
        let mut left = x - total / 2.0;
        for (kind, width) in kinds.iter().zip(&widths) {
            symbols.push(furniture::symbol(*kind, left + width / 2.0, y, size, style));
            left += width + gap;
        }
        let half_h = widths.iter().fold(0.0, |a: f64, b| a.max(*b)) / 2.0;
        boxes.push(BoxMm { x0: x - total / 2.0, y0: y - half_h, x1: x + total / 2.0, y1: y + half_h });
    }
    taken.extend(boxes.iter().copied());
    let mut labels = String::new();
    for ((name, _, kinds), symbol_box) in groups.iter().zip(&boxes) {
        let bold = kinds[0] == PlaceKind::Kommunesenter;
        let width = text_width(name, size) * if bold { 1.05 } else { 1.0 };
        let label = place_label(symbol_box, width, size, taken, outline, bounds);
        taken.push(label.bounds);
        let _ = write!(
            labels,
            r#"<text x="{:.2}" y="{:.2}" font-size="{size:.2}"{} fill="{}" text-anchor="{}" stroke="{}" stroke-width="{:.2}" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            label.x,
            label.y,
            if bold { r#" font-weight="600""# } else { "" },
            style.text,
            label.anchor,
            style.land,
            0.25 * size,
            escape(name)
        );
    }
    Ok(format!(r#"<g class="places">{}{labels}</g>"#, symbols.concat()))
}
