//! Where things go on the paper: the ground-to-paper transform, boxes, text widths and the
//! greedy label placement. Everything here is in millimetres, y pointing down as in SVG.

use ::geo::{Contains, Coord, MultiPolygon, Point, Rect};

/// Millimetres per point.
pub const MM_PER_PT: f64 = 25.4 / 72.0;

/// A box on the paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxMm {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl BoxMm {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        BoxMm { x0: x, y0: y, x1: x + width, y1: y + height }
    }

    /// The area two boxes share.
    pub fn overlap(&self, other: &BoxMm) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    /// The area of this box outside `bounds`.
    /// Whether the segment runs through the box (an end inside it, or crossing an edge).
    pub fn crosses(&self, &((ax, ay), (bx, by)): &Segment) -> bool {
        let inside = |x: f64, y: f64| x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1;
        if inside(ax, ay) || inside(bx, by) {
            return true;
        }
        if ax.max(bx) < self.x0 || ax.min(bx) > self.x1 || ay.max(by) < self.y0 || ay.min(by) > self.y1 {
            return false;
        }
        // The box's corners on both sides of the segment's line means the line crosses it.
        let side = |x: f64, y: f64| (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        let corners = [side(self.x0, self.y0), side(self.x1, self.y0), side(self.x0, self.y1), side(self.x1, self.y1)];
        corners.iter().any(|c| *c > 0.0) && corners.iter().any(|c| *c < 0.0)
    }

    pub fn outside(&self, bounds: &BoxMm) -> f64 {
        (self.x1 - self.x0) * (self.y1 - self.y0) - self.overlap(bounds)
    }
}

/// Ground (UTM metres, y north) to paper (mm, y down): `paper = offset + (ground − origin)·k`.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// West edge and north edge of the fitted extent, in metres.
    pub min_x: f64,
    pub max_y: f64,
    /// Millimetres of paper per metre of ground (1:200 000 is 0.005).
    pub k: f64,
    pub offset_x: f64,
    pub offset_y: f64,
    /// The box the map itself may use (the paper minus margins and the bottom strip).
    pub map: BoxMm,
}

impl Frame {
    /// Fits `extent` (metres) into `map`, centred, keeping north up and the scale equal in
    /// both directions. `None` for an extent without width or height.
    pub fn fit(extent: Rect, map: BoxMm) -> Option<Frame> {
        // A little air around the area, so its outline does not touch the frame.
        let pad = 0.03 * extent.width().max(extent.height());
        let (w, h) = (extent.width() + 2.0 * pad, extent.height() + 2.0 * pad);
        let k = ((map.x1 - map.x0) / w).min((map.y1 - map.y0) / h);
        if !(k.is_finite() && k > 0.0) {
            return None;
        }
        Some(Frame {
            min_x: extent.min().x - pad,
            max_y: extent.max().y + pad,
            k,
            offset_x: map.x0 + ((map.x1 - map.x0) - w * k) / 2.0,
            offset_y: map.y0 + ((map.y1 - map.y0) - h * k) / 2.0,
            map,
        })
    }

    /// A ground position on the paper.
    pub fn paper(&self, c: Coord) -> (f64, f64) {
        (self.offset_x + (c.x - self.min_x) * self.k, self.offset_y + (self.max_y - c.y) * self.k)
    }

    /// A paper position on the ground.
    pub fn ground(&self, x: f64, y: f64) -> Coord {
        Coord { x: self.min_x + (x - self.offset_x) / self.k, y: self.max_y - (y - self.offset_y) / self.k }
    }

    /// The share (0…1) of a paper box that covers `shape` (metres), sampled on a grid:
    /// used to put the legend and the north arrow where they hide the least land.
    pub fn coverage(&self, b: &BoxMm, shape: &MultiPolygon) -> f64 {
        const N: usize = 12;
        let mut hits = 0;
        for i in 0..N {
            for j in 0..N {
                let x = b.x0 + (b.x1 - b.x0) * (i as f64 + 0.5) / N as f64;
                let y = b.y0 + (b.y1 - b.y0) * (j as f64 + 0.5) / N as f64;
                hits += usize::from(shape.contains(&Point(self.ground(x, y))));
            }
        }
        hits as f64 / (N * N) as f64
    }
}

/// The approximate width of `text` in Inter at `size` mm: Inter's average advance is about
/// 0.55 em for Norwegian words. Good enough to keep labels apart; Typst sets the real glyphs.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| {
            if c.is_uppercase() {
                0.66
            } else if c == ' ' {
                0.28
            } else {
                0.55
            }
        })
        .sum::<f64>()
        * size
}

/// Where a label goes relative to its symbols.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// SVG `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
    pub bounds: BoxMm,
}

/// A line on the paper, in millimetres: a piece of a drawn outline (the coastline).
pub type Segment = ((f64, f64), (f64, f64));

/// Places a label of `width` next to `symbol`, trying right, left, above, below and the
/// diagonals, and takes the first spot that overlaps nothing in `taken`, crosses none of the
/// `lines` (the outline, so labels don't straddle the coast) and stays inside `bounds`; if
/// none is free, the one that does the least harm.
pub fn place_label(symbol: &BoxMm, width: f64, size: f64, taken: &[BoxMm], lines: &[Segment], bounds: &BoxMm) -> Label {
    let gap = 0.25 * size;
    let (ascent, descent) = (0.75 * size, 0.25 * size);
    let cy = (symbol.y0 + symbol.y1) / 2.0;
    let cx = (symbol.x0 + symbol.x1) / 2.0;
    let middle = cy + (ascent - descent) / 2.0;
    let above = symbol.y0 - gap - descent;
    let below = symbol.y1 + gap + ascent;
    let (right, left) = (symbol.x1 + gap, symbol.x0 - gap);
    let candidates = [
        (right, middle, "start"),
        (left, middle, "end"),
        (cx, above, "middle"),
        (cx, below, "middle"),
        (right, above + 0.3 * size, "start"),
        (right, below - 0.3 * size, "start"),
        (left, above + 0.3 * size, "end"),
        (left, below - 0.3 * size, "end"),
    ];
    let label = |(x, y, anchor): (f64, f64, &'static str)| {
        let x0 = match anchor {
            "start" => x,
            "end" => x - width,
            _ => x - width / 2.0,
        };
        // The halo around the glyphs belongs to the label too.
        let halo = 0.15 * size;
        Label {
            x,
            y,
            anchor,
            bounds: BoxMm { x0: x0 - halo, y0: y - ascent - halo, x1: x0 + width + halo, y1: y + descent + halo },
        }
    };
    // An overlap costs its area; a crossed line about a quarter of the label's.
    let crossing = 0.25 * width * size;
    let cost = |l: &Label| {
        taken.iter().map(|t| l.bounds.overlap(t)).sum::<f64>()
            + 4.0 * l.bounds.outside(bounds)
            + crossing * lines.iter().filter(|s| l.bounds.crosses(s)).count() as f64
    };
    let mut best = label(candidates[0]);
    let mut best_cost = cost(&best);
    for candidate in candidates.into_iter().skip(1) {
        if best_cost <= 0.0 {
            break;
        }
        let l = label(candidate);
        let c = cost(&l);
        if c < best_cost {
            (best, best_cost) = (l, c);
        }
    }
    best
}

/// Escapes text for SVG content and attributes.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

#[cfg(test)]
mod crossing_tests {
    use super::*;

    #[test]
    fn segments_crossing_a_box() {
        let b = BoxMm::new(0.0, 0.0, 10.0, 4.0);
        assert!(b.crosses(&((-5.0, 2.0), (15.0, 2.0))), "through it");
        assert!(b.crosses(&((5.0, 2.0), (20.0, 20.0))), "from inside");
        assert!(!b.crosses(&((-5.0, -1.0), (15.0, -1.0))), "above it");
        assert!(!b.crosses(&((11.0, -5.0), (20.0, 5.0))), "beside it");
        assert!(b.crosses(&((-2.0, 6.0), (6.0, -2.0))), "across a corner");
    }

    #[test]
    fn labels_avoid_the_coast() {
        let symbol = BoxMm::new(10.0, 10.0, 2.0, 2.0);
        // A coast just right of the symbol: the label goes left.
        let coast = [((13.0, 0.0), (13.0, 30.0))];
        let label = place_label(&symbol, 8.0, 2.5, &[], &coast, &BoxMm::new(0.0, 0.0, 40.0, 40.0));
        assert_eq!(label.anchor, "end");
    }
}
