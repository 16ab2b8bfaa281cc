//! Drawing a map as a standalone SVG: areas, places with labels, scale bar, north arrow and
//! credit (the legend is the layout's). Units are millimetres (`viewBox` in mm), text is set in Inter.

use std::collections::BTreeMap;
use std::fmt::Write;

use ::geo::{BoundingRect, Contains, Coord, MultiPolygon, Point, Rect};

use super::MapInput;
use super::error::MapError;
use super::furniture;
use super::layout::{BoxMm, Frame, Label, MM_PER_PT, Obstacles, Segment, escape, place_label, text_width};
use super::metrics::{TextBox, measure};
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
    render_svg_with_layout(map, style).map(|(svg, _)| svg)
}

/// [`render_svg`], and where it put the labels, symbols, leaders, outlines and furniture.
pub fn render_svg_with_layout(map: &MapInput, style: &MapStyle) -> Result<(String, MapLayout), MapError> {
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
    // Below the margin under the map: the scale bar with its numbers, and the credit.
    let strip = m + if stacked { 3.4 } else { 2.2 } * size;
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
    // The places the map shows, in reading order: the file's own description, for the web
    // edition's published SVG (the layout's alt text takes them from the model's map block).
    let mut names: Vec<&str> = Vec::new();
    for place in &map.places {
        if !names.contains(&place.name.as_str()) {
            names.push(&place.name);
        }
    }
    if !names.is_empty() {
        let _ = write!(svg, "<desc>{}</desc>", escape(&names.join(", ")));
    }
    svg.push_str(&areas(&drawn, &frame, style, (w, h - strip), map.highlight.is_some()));
    // Furniture is laid out before the labels, so labels keep clear of it, but drawn last.
    let mut layout = MapLayout::default();
    let center = Coord {
        x: (lonlat_extent.min().x + lonlat_extent.max().x) / 2.0,
        y: (lonlat_extent.min().y + lonlat_extent.max().y) / 2.0,
    };
    let north = utm.north_angle(center)?;
    let furniture = furniture(style, &frame, &focus_shape, north, stacked, &mut layout.furniture);
    let bounds = BoxMm { x0: m, y0: m, x1: w - m, y1: h - strip };
    layout.outline = drawn.iter().flat_map(|d| segments(&d.shape, &frame)).filter(|s| bounds.crosses(s)).collect();
    svg.push_str(&places(map, style, &frame, &utm, &drawn, &mut layout, &bounds)?);
    if map.highlight.is_some() {
        svg.push_str(&neighbour_names(&drawn, style, &frame, &mut layout, &bounds));
    }
    svg.push_str(&furniture);
    svg.push_str("</svg>\n");
    Ok((svg, layout))
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

/// The north arrow in the corner where it hides the least of the focus areas (turned `north`
/// degrees to true north), the scale bar and the credit line in the bottom strip. Adds the
/// arrow's box to `taken`.
fn furniture(
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
    let corners = [(b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)];
    let mut svg = String::new();
    let arrow = furniture::north_arrow_box(0.0, 0.0, size);
    let at = best_corner(frame, focus, &corners, arrow.x1 - arrow.x0, arrow.y1 - arrow.y0);
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

/// Of the map's `corners`, the one where a box of `bw` × `bh` hides the least of the focus
/// areas: the box there.
fn best_corner(frame: &Frame, focus: &MultiPolygon, corners: &[(f64, f64)], bw: f64, bh: f64) -> BoxMm {
    let place = |&(x, y): &(f64, f64)| {
        let x0 = if x <= frame.map.x0 { x } else { x - bw };
        let y0 = if y <= frame.map.y0 { y } else { y - bh };
        BoxMm::new(x0, y0, bw, bh)
    };
    corners
        .iter()
        .map(place)
        .min_by(|a, b| frame.coverage(a, focus).total_cmp(&frame.coverage(b, focus)))
        .unwrap_or_else(|| place(&(frame.map.x0, frame.map.y0)))
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

/// Where the drawing put things, in millimetres on the paper (y down): what the collision
/// test measures, and what a proof can mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapLayout {
    /// Each label's text, its box (the text's line box and the halo) and its leader line.
    pub labels: Vec<(String, BoxMm, Option<Segment>)>,
    /// The box of each place's symbols.
    pub symbols: Vec<BoxMm>,
    /// The leader lines of labels that had to move away from their point.
    pub leaders: Vec<Segment>,
    /// The drawn outlines: coast and borders.
    pub outline: Vec<Segment>,
    /// The north arrow.
    pub furniture: Vec<BoxMm>,
    /// Labels that found no spot clear of everything (none on a good map).
    pub crowded: Vec<String>,
}

/// One place on the paper: its name, its kinds (first the one that ranks it), its symbols' box.
struct Spot {
    name: String,
    kinds: Vec<PlaceKind>,
    at: (f64, f64),
    symbol: BoxMm,
}

/// The places: symbols of one place side by side (a lokalsenter with an innbyggertorg), its
/// name once, placed clear of other labels, symbols, leaders, the outlines and the furniture
/// in `taken`; a label that must move away from its point gets a leader line. Labels with a
/// halo in the colour of what lies under them, so they stay legible on land and on water.
fn places(
    map: &MapInput,
    style: &MapStyle,
    frame: &Frame,
    utm: &Utm33,
    drawn: &[Drawn],
    layout: &mut MapLayout,
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
    let mut spots = Vec::with_capacity(groups.len());
    let mut symbols = String::new();
    for (name, position, mut kinds) in groups {
        kinds.sort();
        kinds.dedup();
        let (x, y) = frame.paper(utm.point(position)?);
        let widths: Vec<f64> = kinds.iter().map(|k| 2.0 * furniture::symbol_radius(*k, size)).collect();
        let gap = 0.15 * size;
        let total = widths.iter().sum::<f64>() + gap * (widths.len() - 1) as f64;
        let mut left = x - total / 2.0;
        for (kind, width) in kinds.iter().zip(&widths) {
            symbols.push_str(&furniture::symbol(*kind, left + width / 2.0, y, size, style));
            left += width + gap;
        }
        let half_h = widths.iter().fold(0.0, |a: f64, b| a.max(*b)) / 2.0;
        let symbol = BoxMm { x0: x - total / 2.0, y0: y - half_h, x1: x + total / 2.0, y1: y + half_h };
        spots.push(Spot { name, kinds, at: (x, y), symbol });
    }
    layout.symbols = spots.iter().map(|s| s.symbol).collect();
    let labels = place_all(&spots, size, layout, bounds);
    let mut leaders = String::new();
    let mut texts = String::new();
    for (spot, label) in spots.iter().zip(&labels) {
        let bold = bold(spot);
        if let Some(((x0, y0), (x1, y1))) = label.leader {
            let _ = write!(
                leaders,
                r#"<line x1="{x0:.2}" y1="{y0:.2}" x2="{x1:.2}" y2="{y1:.2}" stroke="{}" stroke-width="{:.2}" stroke-linecap="round"/>"#,
                style.text,
                0.06 * size
            );
        }
        let under = ground_under(&label.bounds, frame, drawn)
            .unwrap_or_else(|| style.water.clone().unwrap_or_else(|| style.land.clone()));
        let _ = write!(
            texts,
            r#"<text x="{:.2}" y="{:.2}" font-size="{size:.2}"{} fill="{}" text-anchor="{}" stroke="{under}" stroke-width="{:.2}" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            label.x,
            label.y,
            if bold { r#" font-weight="600""# } else { "" },
            style.text,
            label.anchor,
            0.3 * size,
            lines_svg(&label_lines(&spot.name)[label.form], label.x, size)
        );
    }
    layout.labels = spots.iter().zip(&labels).map(|(s, l)| (s.name.clone(), l.bounds, l.leader)).collect();
    layout.leaders = labels.iter().filter_map(|l| l.leader).collect();
    layout.crowded = spots.iter().zip(&labels).filter(|(_, l)| l.cost > 0.0).map(|(s, _)| s.name.clone()).collect();
    Ok(format!(r#"<g class="places">{leaders}{symbols}{texts}</g>"#))
}

/// Places every label, most crowded first (after the kommunesenter); labels that found no
/// clear spot go first in the next round, so a crowded corner is solved before the easy
/// places around it take its room. Returns the labels in the order of `spots`.
fn place_all(spots: &[Spot], size: f64, layout: &MapLayout, bounds: &BoxMm) -> Vec<Label> {
    let near = |s: &Spot| {
        spots.iter().filter(|o| ((o.at.0 - s.at.0).powi(2) + (o.at.1 - s.at.1).powi(2)).sqrt() < 8.0 * size).count()
    };
    let mut order: Vec<usize> = (0..spots.len()).collect();
    order.sort_by_key(|&i| (spots[i].kinds[0] != PlaceKind::Kommunesenter, std::cmp::Reverse(near(&spots[i]))));
    let forms: Vec<Vec<TextBox>> = spots
        .iter()
        .map(|s| label_lines(&s.name).iter().map(|lines| lines_box(lines, size, bold(s))).collect())
        .collect();
    let mut best: Option<(f64, Vec<Option<Label>>)> = None;
    for _round in 0..12 {
        let mut boxes: Vec<BoxMm> = layout.furniture.iter().chain(&layout.symbols).copied().collect();
        let mut leaders = Vec::new();
        let mut placed: Vec<Option<Label>> = vec![None; spots.len()];
        for &i in &order {
            let obstacles = Obstacles { boxes: &boxes, leaders: &leaders, lines: &layout.outline, bounds: *bounds };
            let label = place_label(&spots[i].symbol, &forms[i], size, &obstacles);
            boxes.push(label.bounds);
            leaders.extend(label.leader);
            placed[i] = Some(label);
        }
        let total: f64 = placed.iter().flatten().map(|l| l.cost).sum();
        let failed: Vec<usize> = order.iter().copied().filter(|&i| placed[i].is_some_and(|l| l.cost > 0.0)).collect();
        if best.as_ref().is_none_or(|(t, _)| total < *t) {
            best = Some((total, placed));
        }
        if failed.is_empty() {
            break;
        }
        order.retain(|i| !failed.contains(i));
        order.splice(0..0, failed);
    }
    best.map(|(_, placed)| placed.into_iter().flatten().collect()).unwrap_or_default()
}

/// The fill of the area under the middle of a label (`None`: the sea).
fn ground_under(b: &BoxMm, frame: &Frame, drawn: &[Drawn]) -> Option<String> {
    let middle = Point(frame.ground((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0));
    // The highlighted area lies on top of its neighbours.
    drawn
        .iter()
        .rev()
        .filter(|d| d.focus)
        .chain(drawn.iter().filter(|d| !d.focus))
        .find(|d| d.shape.contains(&middle))
        .map(|d| d.fill.clone())
}

/// The neighbours' names, in capitals in the muted colour, each where its area has room on
/// the map: wholly inside it, clear of the outlines, the places and their labels, as near the
/// middle of that room as may be. A neighbour without such room is left unnamed.
fn neighbour_names(drawn: &[Drawn], style: &MapStyle, frame: &Frame, layout: &mut MapLayout, bounds: &BoxMm) -> String {
    let size = 0.9 * style.font_size_pt * MM_PER_PT;
    let step = 1.5 * size;
    let mut out = String::new();
    for area in drawn.iter().filter(|d| !d.focus) {
        let name = area.name.to_uppercase();
        let text = measure(&name, size, false);
        let halo = 0.15 * size;
        let (w, h) = (text.width + 2.0 * halo, text.ascent + text.descent + 2.0 * halo);
        let inside = |x: f64, y: f64| area.shape.contains(&Point(frame.ground(x, y)));
        let mut room = Vec::new();
        let mut y = bounds.y0;
        while y + h <= bounds.y1 {
            let mut x = bounds.x0;
            while x + w <= bounds.x1 {
                let b = BoxMm::new(x, y, w, h);
                let clear =
                    [(b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)].iter().all(|&(px, py)| inside(px, py))
                        && !layout.outline.iter().any(|s| b.crosses(s))
                        && !layout.leaders.iter().any(|s| b.crosses(s))
                        && layout
                            .symbols
                            .iter()
                            .chain(&layout.furniture)
                            .chain(layout.labels.iter().map(|(_, l, _)| l))
                            .all(|o| b.overlap(o) <= 0.0);
                if clear {
                    room.push(b);
                }
                x += step;
            }
            y += step;
        }
        if room.is_empty() {
            continue;
        }
        let n = room.len() as f64;
        let (mx, my) =
            room.iter().fold((0.0, 0.0), |(sx, sy), b| (sx + (b.x0 + b.x1) / 2.0 / n, sy + (b.y0 + b.y1) / 2.0 / n));
        let distance = |b: &BoxMm| ((b.x0 + b.x1) / 2.0 - mx).powi(2) + ((b.y0 + b.y1) / 2.0 - my).powi(2);
        let Some(at) = room.into_iter().min_by(|a, b| distance(a).total_cmp(&distance(b))) else { continue };
        let _ = write!(
            out,
            r#"<text x="{:.2}" y="{:.2}" font-size="{size:.2}" fill="{}" text-anchor="middle" letter-spacing="0">{}</text>"#,
            (at.x0 + at.x1) / 2.0,
            at.y0 + halo + text.ascent,
            style.muted,
            escape(&name)
        );
        layout.labels.push((name, at, None));
    }
    format!(r#"<g class="neighbours">{out}</g>"#)
}

/// A kommunesenter's name is set in semibold.
fn bold(spot: &Spot) -> bool {
    spot.kinds[0] == PlaceKind::Kommunesenter
}

/// The distance between the baselines of a label set over two lines, in label sizes.
const LINE_ADVANCE: f64 = 1.1;

/// The ways a name may be set: on one line, and (if it has a space) over two lines broken at
/// the space nearest its middle, as `Risenga` / `ungdomsskole`.
fn label_lines(name: &str) -> Vec<Vec<&str>> {
    let mut forms = vec![vec![name]];
    let middle = name.len() / 2;
    if let Some(at) = name.match_indices(' ').map(|(i, _)| i).min_by_key(|i| i.abs_diff(middle)) {
        forms.push(vec![&name[..at], &name[at + 1..]]);
    }
    forms
}

/// The box of a label's lines: the widest line, from the first line's ascender to the last
/// line's descender.
fn lines_box(lines: &[&str], size: f64, bold: bool) -> TextBox {
    let boxes: Vec<TextBox> = lines.iter().map(|l| measure(l, size, bold)).collect();
    TextBox {
        width: boxes.iter().map(|b| b.width).fold(0.0, f64::max),
        ascent: boxes.first().map_or(0.0, |b| b.ascent),
        descent: boxes.last().map_or(0.0, |b| b.descent) + LINE_ADVANCE * size * (lines.len() - 1) as f64,
    }
}

/// A label's lines as the content of its `<text>`: the first line, then one `<tspan>` per
/// further line, each starting again at `x`.
fn lines_svg(lines: &[&str], x: f64, size: f64) -> String {
    let mut out = escape(lines.first().copied().unwrap_or_default());
    for line in lines.iter().skip(1) {
        let _ = write!(out, r#"<tspan x="{x:.2}" dy="{:.2}">{}</tspan>"#, LINE_ADVANCE * size, escape(line));
    }
    out
}
