//! What is on a laid-out page, read from the frames Typst produced: text runs with their
//! size and baseline, and drawn shapes and images, all in page coordinates (points); the lines
//! of body text; and the words hyphenated at a page's end, which the page-balancing pass keeps
//! whole in the next compile and the layout lint reports.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::visualize::Paint;
use typst_layout::PagedDocument;

use crate::typeset::introspect::metadata_with_pages;
use crate::typeset::theme::Geometry;

/// One thing drawn on a page, with its bounding box in points from the top left.
#[derive(Debug, Clone)]
pub struct Mark {
    pub kind: MarkKind,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MarkKind {
    /// A run of text: its size in points, its baseline, its text and its colour (sRGB 0–1,
    /// none for a gradient or tiling).
    Text { size: f64, baseline: f64, text: String, fill: Option<[f32; 3]> },
    /// A filled or stroked shape.
    Shape,
    /// An image (photos, icons, maps).
    Image,
}

/// Everything drawn in `frame`, placed with the transforms of the groups around it.
pub fn marks(frame: &Frame) -> Vec<Mark> {
    let mut out = Vec::new();
    collect(frame, Transform::identity(), &mut out);
    out
}

fn collect(frame: &Frame, ts: Transform, out: &mut Vec<Mark>) {
    for (pos, item) in frame.items() {
        let at = |p: Point| p.transform(ts);
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let size = text.size.to_pt() * (ts.sx.get() * ts.sy.get() - ts.kx.get() * ts.ky.get()).abs().sqrt();
                let width = text.width();
                let start = at(*pos);
                let end = at(Point::new(pos.x + width, pos.y));
                let fill = match &text.fill {
                    Paint::Solid(colour) => {
                        let rgb = colour.to_rgb();
                        Some([rgb.red, rgb.green, rgb.blue])
                    }
                    _ => None,
                };
                out.push(Mark {
                    kind: MarkKind::Text { size, baseline: start.y.to_pt(), text: text.text.to_string(), fill },
                    x0: start.x.to_pt().min(end.x.to_pt()),
                    x1: start.x.to_pt().max(end.x.to_pt()),
                    y0: start.y.to_pt() - 0.8 * size,
                    y1: start.y.to_pt() + 0.2 * size,
                });
            }
            FrameItem::Shape(shape, _) => {
                let bbox = shape.geometry.bbox(shape.stroke.as_ref());
                push_box(out, MarkKind::Shape, at(*pos + bbox.min), at(*pos + bbox.max));
            }
            FrameItem::Image(_, size, _) => {
                push_box(out, MarkKind::Image, at(*pos), at(Point::new(pos.x + size.x, pos.y + size.y)));
            }
            FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}

fn push_box(out: &mut Vec<Mark>, kind: MarkKind, a: Point, b: Point) {
    let (ax, ay, bx, by) = (a.x.to_pt(), a.y.to_pt(), b.x.to_pt(), b.y.to_pt());
    out.push(Mark { kind, x0: ax.min(bx), y0: ay.min(by), x1: ax.max(bx), y1: ay.max(by) });
}

/// The lines of body text in `marks`: baselines (rounded to a tenth of a point) of text runs
/// of about the body size, top to bottom, with the text on each.
pub fn body_lines(marks: &[Mark], body_size: f64, top: f64, bottom: f64) -> Vec<(f64, String)> {
    let mut lines: Vec<(f64, String)> = Vec::new();
    for mark in marks {
        let MarkKind::Text { size, baseline, text, .. } = &mark.kind else { continue };
        if (size - body_size).abs() > 0.15 * body_size || *baseline < top || *baseline > bottom {
            continue;
        }
        let y = (baseline * 10.0).round() / 10.0;
        match lines.iter_mut().find(|(b, _)| (*b - y).abs() < 0.5) {
            Some((_, line)) => line.push_str(text),
            None => lines.push((y, text.clone())),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines
}

/// The words of `document` hyphenated at a page's end (head and tail joined, letters only),
/// each once: the balancing pass keeps them whole in the next compile
/// (src/typeset/balance.rs), so no word breaks over a page turn. A freely designed page
/// (`<lint-page>`) has no body lines.
pub fn broken_at_page_ends(document: &PagedDocument, geometry: Geometry) -> Vec<String> {
    let free: Vec<usize> = metadata_with_pages(document, "lint-page").into_iter().map(|(page, _)| page).collect();
    let lines: Vec<Option<Vec<(f64, String)>>> = (document.pages().iter().enumerate())
        .map(|(i, page)| {
            let bottom = page.frame.height().to_pt() - geometry.bottom;
            (!free.contains(&(i + 1))).then(|| body_lines(&marks(&page.frame), geometry.body, geometry.top, bottom))
        })
        .collect();
    let pages: Vec<Option<&[(f64, String)]>> = lines.iter().map(|l| l.as_deref()).collect();
    let mut words: Vec<String> = page_end_breaks(&pages)
        .into_iter()
        .map(|(_, head, tail)| format!("{head}{tail}").chars().filter(|c| c.is_alphabetic()).collect())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The words broken at a page's end: the page (counted from 1), the head before the hyphen
/// and the tail the next page starts with. `pages` holds each page's body lines, `None` for
/// a freely designed page (which neither ends nor continues a broken word).
pub fn page_end_breaks(pages: &[Option<&[(f64, String)]>]) -> Vec<(usize, String, String)> {
    let mut breaks = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(lines) = page else { continue };
        let next_page = pages.get(i + 1).copied().flatten().and_then(|lines| lines.first());
        if let (Some((_, last)), Some((_, next))) = (lines.last(), next_page)
            && let Some(head) = broken(last)
            && continues(next)
        {
            let tail = next.split_whitespace().next().unwrap_or_default();
            breaks.push((i + 1, head.to_string(), tail.to_string()));
        }
    }
    breaks
}

/// The word a line breaks at its end: the line ends in a hyphen after a letter.
pub fn broken(line: &str) -> Option<&str> {
    let trimmed = line.trim_end();
    let head = trimmed.strip_suffix(['-', '\u{ad}'])?;
    head.chars().last().filter(|c| c.is_alphabetic())?;
    Some(head.rsplit(char::is_whitespace).next().unwrap_or(head))
}

/// Words that follow a suspended compound («helse- og omsorg»), not a broken word's tail.
const SUSPENDED: [&str; 4] = ["og", "eller", "samt", "til"];

/// Whether a line that follows a broken line goes on with its word.
pub fn continues(next: &str) -> bool {
    let first = next.split_whitespace().next().unwrap_or_default();
    first.chars().next().is_some_and(char::is_lowercase) && !SUSPENDED.contains(&first)
}
