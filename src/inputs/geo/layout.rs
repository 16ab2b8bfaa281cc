//! Where things go on the paper: the ground-to-paper transform, boxes, text widths and the
//! greedy label placement. Everything here is in millimetres, y pointing down as in SVG.

use ::geo::{Contains, Coord, MultiPolygon, Point, Rect};

use super::metrics::TextBox;

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

    /// The area of this box outside `bounds`.
    pub fn outside(&self, bounds: &BoxMm) -> f64 {
        (self.x1 - self.x0) * (self.y1 - self.y0) - self.overlap(bounds)
    }

    /// The box made smaller by `by` on every side.
    pub fn shrunk(&self, by: f64) -> BoxMm {
        BoxMm { x0: self.x0 + by, y0: self.y0 + by, x1: self.x1 - by, y1: self.y1 - by }
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

/// The advance width of `text` in Inter at `size` mm (see [`super::metrics`]).
pub fn text_width(text: &str, size: f64) -> f64 {
    super::metrics::measure(text, size, false).width
}

/// Where a label goes relative to its symbols.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// SVG `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The glyphs' box with the halo around them.
    pub bounds: BoxMm,
    /// A line from the symbol to the label, where the label had to move away from its point.
    pub leader: Option<Segment>,
    /// What the spot costs: 0 is clear of every label, symbol, leader and outline.
    pub cost: f64,
    /// Which of the label's forms (one line, two lines, …) it is set in.
    pub form: usize,
}

/// A line on the paper, in millimetres: a piece of a drawn outline (the coastline).
pub type Segment = ((f64, f64), (f64, f64));

/// What a label must keep clear of.
pub struct Obstacles<'a> {
    /// Labels, symbols and furniture already on the map.
    pub boxes: &'a [BoxMm],
    /// Leader lines already drawn.
    pub leaders: &'a [Segment],
    /// The outlines (coast and borders): a label never straddles one.
    pub lines: &'a [Segment],
    /// The part of the paper labels may use.
    pub bounds: BoxMm,
}

/// How far (in label sizes) a label may move from its point, ring by ring, and in how many
/// directions each ring is tried.
const RINGS: [f64; 7] = [0.8, 1.6, 2.6, 3.8, 5.2, 7.0, 9.0];
const DIRECTIONS: usize = 24;

/// Places a label next to `symbol`, in one of its `forms` (the boxes of its text at the
/// label size `size`, e.g. on one line and broken over two): first in one of the 8 spots
/// around the point (right, left, above, below, then the diagonals), a form at a time, else
/// further away in rings around the point with a leader line back to it. The first spot
/// clear of every obstacle wins; if none is, the one that does the least harm.
pub fn place_label(symbol: &BoxMm, forms: &[TextBox], size: f64, obstacles: &Obstacles) -> Label {
    let near = forms.iter().enumerate().flat_map(|(form, text)| adjacent(symbol, text, form, size));
    let far = forms.iter().enumerate().flat_map(|(form, text)| ringed(symbol, text, form, size));
    let mut best: Option<Label> = None;
    for (rank, mut candidate) in near.chain(far).enumerate() {
        candidate.cost = harm(&candidate, symbol, size, obstacles);
        if candidate.cost <= 0.0 {
            return candidate;
        }
        // Among spots that all do harm, a nearer one is worth a little more.
        let weighed = candidate.cost + 0.001 * rank as f64;
        if best.is_none_or(|b| weighed < b.cost) {
            best = Some(Label { cost: weighed, ..candidate });
        }
    }
    best.expect("there are always candidates")
}

/// A label of `text` with its anchor at (x, y) (the first line's baseline).
fn label_at(text: &TextBox, form: usize, size: f64, (x, y): (f64, f64), anchor: &'static str) -> Label {
    let halo = 0.15 * size;
    let x0 = match anchor {
        "start" => x,
        "end" => x - text.width,
        _ => x - text.width / 2.0,
    };
    let bounds =
        BoxMm { x0: x0 - halo, y0: y - text.ascent - halo, x1: x0 + text.width + halo, y1: y + text.descent + halo };
    Label { x, y, anchor, bounds, leader: None, cost: 0.0, form }
}

/// The 8 spots right by the symbol.
fn adjacent(symbol: &BoxMm, text: &TextBox, form: usize, size: f64) -> Vec<Label> {
    let (gap, halo) = (0.25 * size, 0.15 * size);
    let cy = (symbol.y0 + symbol.y1) / 2.0;
    let cx = (symbol.x0 + symbol.x1) / 2.0;
    let middle = cy + (text.ascent - text.descent) / 2.0;
    let above = symbol.y0 - gap - text.descent - halo;
    let below = symbol.y1 + gap + text.ascent + halo;
    let (right, left) = (symbol.x1 + gap + halo, symbol.x0 - gap - halo);
    let lift = 0.3 * size;
    [
        ((right, middle), "start"),
        ((left, middle), "end"),
        ((cx, above), "middle"),
        ((cx, below), "middle"),
        ((right, above + lift), "start"),
        ((right, below - lift), "start"),
        ((left, above + lift), "end"),
        ((left, below - lift), "end"),
    ]
    .into_iter()
    .map(|(at, anchor)| label_at(text, form, size, at, anchor))
    .collect()
}

/// Spots further out: the label's box centred on rings around the point, its nearest side
/// the ring's distance from the symbol, with a leader from the symbol's edge to the box.
fn ringed(symbol: &BoxMm, text: &TextBox, form: usize, size: f64) -> Vec<Label> {
    let (gap, halo) = (0.25 * size, 0.15 * size);
    let cy = (symbol.y0 + symbol.y1) / 2.0;
    let cx = (symbol.x0 + symbol.x1) / 2.0;
    let radius = (symbol.x1 - symbol.x0).max(symbol.y1 - symbol.y0) / 2.0;
    let (half_w, half_h) = (text.width / 2.0 + halo, (text.ascent + text.descent) / 2.0 + halo);
    let mut out = Vec::new();
    for ring in RINGS {
        for i in 0..DIRECTIONS {
            let a = std::f64::consts::TAU * i as f64 / DIRECTIONS as f64;
            let (dx, dy) = (a.cos(), a.sin());
            let reach = radius + gap + ring * size + dx.abs() * half_w + dy.abs() * half_h;
            let (bx, by) = (cx + dx * reach, cy + dy * reach);
            let mut l = label_at(text, form, size, (bx, by + (text.ascent - text.descent) / 2.0), "middle");
            // The leader runs from the symbol's edge to the nearest point of the box.
            let (nx, ny) = (cx.clamp(l.bounds.x0, l.bounds.x1), cy.clamp(l.bounds.y0, l.bounds.y1));
            let length = ((nx - cx).powi(2) + (ny - cy).powi(2)).sqrt();
            if length <= radius + gap {
                continue;
            }
            let from = radius + 0.15 * size;
            l.leader = Some(((cx + (nx - cx) / length * from, cy + (ny - cy) / length * from), (nx, ny)));
            out.push(l);
        }
    }
    out
}

/// What a spot costs: the area it shares with labels and symbols, what lies outside the
/// usable paper, each outline it crosses and each leader or box its own leader runs through.
fn harm(l: &Label, symbol: &BoxMm, size: f64, o: &Obstacles) -> f64 {
    let area = (l.bounds.x1 - l.bounds.x0) * (l.bounds.y1 - l.bounds.y0);
    let crossing = 0.25 * area.max(size * size);
    let mut cost = o.boxes.iter().map(|t| l.bounds.overlap(t)).sum::<f64>() + 4.0 * l.bounds.outside(&o.bounds);
    cost += crossing * o.lines.iter().filter(|s| l.bounds.crosses(s)).count() as f64;
    cost += crossing * o.leaders.iter().filter(|s| l.bounds.crosses(s)).count() as f64;
    if let Some(leader) = &l.leader {
        // Its own symbol is where the leader starts; anything else in its way is harm.
        let blocked = o.boxes.iter().filter(|b| **b != *symbol && b.shrunk(-0.2 * size).crosses(leader)).count();
        let crossed = o.leaders.iter().filter(|s| segments_cross(s, leader)).count();
        cost += crossing * (blocked + crossed) as f64;
    }
    cost
}

/// Whether two segments cross (touching ends do not count).
pub fn segments_cross(&(a, b): &Segment, &(c, d): &Segment) -> bool {
    let side = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (side(a, b, c), side(a, b, d));
    let (d3, d4) = (side(c, d, a), side(c, d, b));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
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
        let text = [TextBox { width: 8.0, ascent: 1.8, descent: 0.5 }];
        let obstacles = Obstacles { boxes: &[], leaders: &[], lines: &coast, bounds: BoxMm::new(0.0, 0.0, 40.0, 40.0) };
        let label = place_label(&symbol, &text, 2.5, &obstacles);
        assert_eq!((label.anchor, label.leader), ("end", None));
        // On an islet too small for its name: it moves off the islet, with a leader.
        let (a, b, c, d) = ((8.0, 8.0), (14.0, 8.0), (14.0, 14.0), (8.0, 14.0));
        let walls = [(a, b), (b, c), (c, d), (d, a)];
        let obstacles = Obstacles { lines: &walls, ..obstacles };
        let label = place_label(&symbol, &text, 2.5, &obstacles);
        assert!(label.leader.is_some(), "{label:?}");
    }
}
