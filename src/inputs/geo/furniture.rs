//! Map furniture: place symbols, the scale bar, the north arrow, the credit line (the legend
//! is the layout's, in the words of the edition and strings.typ, never drawn into the map).
//! Each function returns an SVG fragment in millimetres.

use std::fmt::Write;

use super::layout::{BoxMm, escape};
use super::places::PlaceKind;
use super::style::MapStyle;
use crate::inputs::value::format_number;

/// Half the width of a kind's symbol, for a label size of `size` mm.
pub fn symbol_radius(kind: PlaceKind, size: f64) -> f64 {
    match kind {
        PlaceKind::Kommunesenter => 0.62 * size,
        _ => 0.42 * size,
    }
}

/// The symbol of a kind centred on (x, y), in a group of its own (`class="symbol"`, its kind
/// in `data-kind`). Shapes tell kinds apart in black-and-white print too: circles are centres
/// and barneskoler, squares innbyggertorg and ungdomsskoler; an outline only is something
/// planned ("kommer"). A symbol in the dark `primary` stands out by its fill, with a rim of
/// the land's colour between it and its neighbours; one in the lighter `secondary` is edged
/// in `edge`, which stands 3:1 against land and sea where the fill does not (WCAG 1.4.11).
pub fn symbol(kind: PlaceKind, x: f64, y: f64, size: f64, style: &MapStyle) -> String {
    let r = symbol_radius(kind, size);
    let rim = format!(r#"stroke="{}" stroke-width="{:.2}""#, style.land, 0.1 * size);
    let edge = format!(r#"stroke="{}" stroke-width="{:.2}""#, style.edge, 0.1 * size);
    let (p, s) = (&style.primary, &style.secondary);
    let shape = match kind {
        PlaceKind::Kommunesenter => format!(
            r#"<circle cx="{x:.2}" cy="{y:.2}" r="{r:.2}" fill="{p}" {rim}/><circle cx="{x:.2}" cy="{y:.2}" r="{:.2}" fill="{}"/>"#,
            0.4 * r,
            style.land
        ),
        PlaceKind::Lokalsenter | PlaceKind::Barneskole => {
            format!(r#"<circle cx="{x:.2}" cy="{y:.2}" r="{r:.2}" fill="{p}" {rim}/>"#)
        }
        PlaceKind::Innbyggertorg | PlaceKind::Ungdomsskole => square(x, y, r, s, &edge),
        // The outline in the second colour, edged outside in `edge`: the land's colour inside.
        PlaceKind::InnbyggertorgKommer => {
            let outer = square(x, y, r, &style.land, &edge);
            let band = format!(r#"stroke="{s}" stroke-width="{:.2}""#, 0.12 * size);
            outer + &square(x, y, r - 0.11 * size, "none", &band)
        }
        PlaceKind::PrivatSkole => format!(
            r#"<path d="M{x:.2} {:.2}L{:.2} {y:.2}L{x:.2} {:.2}L{:.2} {y:.2}Z" fill="{s}" {edge}/>"#,
            y - 1.2 * r,
            x + 1.2 * r,
            y + 1.2 * r,
            x - 1.2 * r
        ),
        PlaceKind::AlternativSkole => format!(
            r#"<path d="M{x:.2} {:.2}L{:.2} {:.2}L{:.2} {:.2}Z" fill="{p}" {rim}/>"#,
            y - 1.15 * r,
            x + 1.1 * r,
            y + 0.85 * r,
            x - 1.1 * r,
            y + 0.85 * r
        ),
    };
    format!(r#"<g class="symbol" data-kind="{}">{shape}</g>"#, kind.id())
}

fn square(x: f64, y: f64, r: f64, fill: &str, edge: &str) -> String {
    format!(
        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{fill}" {edge}/>"#,
        x - r,
        y - r,
        2.0 * r,
        2.0 * r
    )
}

/// A round length for the scale bar: the longest of 1, 2, 5 × 10ⁿ m not over `max_m`.
pub fn scale_length(max_m: f64) -> f64 {
    let mut best = 100.0;
    for exp in 2..7 {
        for step in [1.0, 2.0, 5.0] {
            let length = step * 10f64.powi(exp);
            if length <= max_m {
                best = length;
            }
        }
    }
    best
}

/// A scale bar of `length_m` drawn at `mm_per_m`, its left end at (x, y) (the bar's bottom):
/// two halves, dark and light, with `0` and the length in km above the ends.
pub fn scale_bar(length_m: f64, mm_per_m: f64, x: f64, y: f64, size: f64, style: &MapStyle) -> String {
    let (len, bar, line) = (length_m * mm_per_m, 0.35 * size, 0.04 * size);
    let km = length_m / 1000.0;
    let label = format_number(km, if km.fract() == 0.0 { 0 } else { 1 }, Some("km"), false);
    let (top, base, ink) = (y - bar, y - bar - 0.3 * size, &style.text);
    let half = |x0: f64, fill: &str| {
        format!(
            r#"<rect x="{x0:.2}" y="{top:.2}" width="{:.2}" height="{bar:.2}" fill="{fill}" stroke="{ink}" stroke-width="{line:.2}"/>"#,
            len / 2.0
        )
    };
    let text = |x0: f64, t: &str| {
        format!(
            r#"<text x="{x0:.2}" y="{base:.2}" font-size="{size:.2}" fill="{ink}" text-anchor="middle" stroke="{}" stroke-width="{:.2}" stroke-linejoin="round" paint-order="stroke">{}</text>"#,
            style.land,
            0.3 * size,
            escape(t)
        )
    };
    format!(
        r#"<g class="scale-bar">{}{}{}{}</g>"#,
        half(x, ink),
        half(x + len / 2.0, &style.land),
        text(x, "0"),
        text(x + len, &label)
    )
}

/// The box a north arrow of label size `size` takes, centred on (x, y).
pub fn north_arrow_box(x: f64, y: f64, size: f64) -> BoxMm {
    BoxMm::new(x - 1.2 * size, y - 2.2 * size, 2.4 * size, 4.0 * size)
}

/// A north arrow centred on (x, y), turned `angle` degrees clockwise to true north: a
/// notched arrowhead, dark on the right half and light on the left, with an `N` above.
pub fn north_arrow(x: f64, y: f64, angle: f64, size: f64, style: &MapStyle) -> String {
    let (tip, foot, notch, w) = (-0.8 * size, 0.8 * size, 0.4 * size, 0.55 * size);
    let ink = &style.text;
    let mut svg = format!(r#"<g class="north-arrow" transform="translate({x:.2} {y:.2}) rotate({angle:.2})">"#);
    let _ = write!(svg, r#"<path d="M0 {tip:.2}L{w:.2} {foot:.2}L0 {notch:.2}Z" fill="{ink}"/>"#);
    let _ = write!(
        svg,
        r#"<path d="M0 {tip:.2}L{:.2} {foot:.2}L0 {notch:.2}Z" fill="{}" stroke="{ink}" stroke-width="{:.2}"/>"#,
        -w,
        style.land,
        0.04 * size
    );
    let _ = write!(
        svg,
        r#"<text x="0" y="{:.2}" font-size="{size:.2}" font-weight="600" fill="{ink}" text-anchor="middle">N</text></g>"#,
        tip - 0.3 * size
    );
    svg
}

/// The credit line, right-aligned with its baseline at (x, y).
pub fn credit(text: &str, x: f64, y: f64, size: f64, style: &MapStyle) -> String {
    format!(
        r#"<text class="credit" x="{x:.2}" y="{y:.2}" font-size="{:.2}" fill="{}" text-anchor="end">{}</text>"#,
        // At the labels' 7 pt, 0.9 keeps the credit above the 6 pt print wants.
        0.9 * size,
        style.muted,
        escape(text)
    )
}
