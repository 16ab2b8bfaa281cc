//! The make-up a designer signs off, measured on the laid-out pages: empty bands in the
//! middle of a page, runts (pages left too empty), summary boxes split across pages, words
//! of position («tabellen under», «til høyre», «på neste side») that no longer hold where
//! the item landed, hyphens at a page's end and paragraphs that end on a hyphen's tail, and
//! small coloured type whose print build changes its hue.
//!
//! The layouts mark what only they know: each floating item at the top of its block
//! (`#metadata((kind: "table", id: …)) <lint-float>`), a summary box's top and bottom
//! (`#metadata("start") <lint-box>`, `#metadata("end") <lint-box>`), a chapter's last page
//! (`#metadata(slug) <lint-chapter-end>`, besides the page before a `<chapter-start>`). A
//! document is one-sided when its margins are not mirrored.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use typst::foundations::{Selector, Value};
use typst::introspection::Introspector;
use typst_layout::PagedDocument;

use super::{Geometry, PageLines, finding};
use crate::diag::{Diagnostic, shorten};
use crate::typeset::appearance::{self, HUE_CHANGED, Inks, SMALL_TYPE_PT, small_type_ink};
use crate::typeset::introspect::metadata_with_pages;
use crate::typeset::pages::{Mark, MarkKind, broken, continues, page_end_breaks};

/// An empty band taller than this share of the type area, with content above and below it,
/// is a hole.
pub const HOLE: f64 = 0.15;
/// A page filled less than this share of its type area is a runt …
pub const RUNT: f64 = 0.4;
/// … and a chapter's last page, less than this.
pub const RUNT_CHAPTER_END: f64 = 1.0 / 3.0;

/// A floating item the layout marked: its page, the top of its block, its kind and id.
#[derive(Debug, Clone)]
pub struct Float {
    pub page: usize,
    pub y: f64,
    pub kind: String,
    pub id: Option<String>,
}

/// All make-up checks.
pub fn check(
    document: &PagedDocument,
    pages: &[PageLines],
    geometry: Geometry,
    inks: Option<&Inks>,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    findings.extend(holes(pages, geometry));
    findings.extend(runts(document, pages, geometry));
    findings.extend(split_boxes(document));
    findings.extend(position_words(pages, &floats(document), &references(document), one_sided(pages, geometry.body)));
    findings.extend(hyphens(pages));
    if let Some(inks) = inks {
        findings.extend(print_hues(pages, inks));
    }
    findings
}

/// The vertical extents of a page's marks, merged, clipped to the type area; a shape that
/// spans the whole type area (a page's background) is left out.
fn spans<'a>(body: impl Iterator<Item = &'a Mark>, top: f64, bottom: f64) -> Vec<(f64, f64)> {
    let height = bottom - top;
    let mut spans: Vec<(f64, f64)> = body
        .filter(|m| !(m.kind == MarkKind::Shape && m.y1 - m.y0 > 0.9 * height))
        .map(|m| (m.y0.max(top), m.y1.min(bottom)))
        .filter(|(a, b)| b >= a)
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

fn mm(pt: f64) -> f64 {
    pt / crate::typeset::pdf::PT_PER_MM
}

/// Empty bands over [`HOLE`] of the type area between content above and content below (the
/// band under a page's last content is no hole: nothing stands below it).
fn holes(pages: &[PageLines], geometry: Geometry) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if page.free {
            continue;
        }
        let height = page.bottom - geometry.top;
        let spans = spans(page.body(), geometry.top, page.bottom);
        let widest = spans.windows(2).map(|w| (w[0].1, w[1].0)).max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
        if let Some((from, to)) = widest.filter(|(from, to)| to - from > HOLE * height) {
            let message = format!(
                "an empty band of {:.0} % of the type area ({:.0} mm, {:.0}–{:.0} mm from its top) between content above and below",
                (to - from) / height * 100.0,
                mm(to - from),
                mm(from - geometry.top),
                mm(to - geometry.top)
            );
            findings.push(finding(i + 1, "hole", &message));
        }
    }
    findings
}

/// The pages that end a chapter: the last page with content before a `<chapter-start>`, the
/// book's last page with content, and the pages marked `<lint-chapter-end>`.
fn chapter_ends(document: &PagedDocument, pages: &[PageLines]) -> BTreeSet<usize> {
    let mut ends: BTreeSet<usize> =
        metadata_with_pages(document, "lint-chapter-end").into_iter().map(|(p, _)| p).collect();
    let starts: BTreeSet<usize> = metadata_with_pages(document, "chapter-start").into_iter().map(|(p, _)| p).collect();
    let filled = |n: usize| pages.get(n - 1).is_some_and(|p| p.body().next().is_some());
    for start in starts.iter().copied().chain([pages.len() + 1]) {
        if let Some(end) = (1..start).rev().find(|n| filled(*n)) {
            ends.insert(end);
        }
    }
    ends
}

/// Pages filled less than [`RUNT`] (a chapter's last page: [`RUNT_CHAPTER_END`]), and pages
/// that hold nothing but a picture or a position mark. Designed pages, blank pages and pages
/// already found near-empty are left to their own checks.
fn runts(document: &PagedDocument, pages: &[PageLines], geometry: Geometry) -> Vec<Diagnostic> {
    let ends = chapter_ends(document, pages);
    let starts: BTreeSet<usize> = metadata_with_pages(document, "chapter-start").into_iter().map(|(p, _)| p).collect();
    let mut findings = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        if page.free || page.body().next().is_none() || page.near_empty {
            continue;
        }
        let area = (page.bottom - geometry.top) * page.width;
        let pictures: Vec<&Mark> = page
            .body()
            .filter(|m| !matches!(m.kind, MarkKind::Text { .. }) && (m.x1 - m.x0) * (m.y1 - m.y0) > 0.05 * area)
            .collect();
        let inside = |m: &Mark| {
            pictures
                .iter()
                .any(|p| m.x0 >= p.x0 - 1.0 && m.x1 <= p.x1 + 1.0 && m.y0 >= p.y0 - 1.0 && m.y1 <= p.y1 + 1.0)
        };
        let lines_outside: BTreeSet<i64> = page
            .body()
            .filter(|m| !inside(m))
            .filter_map(|m| match &m.kind {
                MarkKind::Text { baseline, .. } => Some((baseline * 2.0).round() as i64),
                _ => None,
            })
            .collect();
        if !pictures.is_empty() && lines_outside.len() <= 1 && !starts.contains(&n) {
            findings.push(finding(n, "runt", "the page holds only a picture or a position mark"));
            continue;
        }
        let fill = super::flow::fill(page, geometry.top);
        let (least, what) =
            if ends.contains(&n) { (RUNT_CHAPTER_END, "a chapter's last page") } else { (RUNT, "a page") };
        if fill < least {
            let message =
                format!("{what} filled {:.0} % of its type area (at least {:.0} %)", fill * 100.0, least * 100.0);
            findings.push(finding(n, "runt", &message));
        }
    }
    findings
}

/// Metadata labelled `label` with its page and its top (points from the page's top), in
/// document order.
fn metadata_at(document: &PagedDocument, label: &str) -> Vec<(usize, f64, Value)> {
    let Some(label) = typst::foundations::Label::new(typst::utils::PicoStr::intern(label)) else { return Vec::new() };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<typst::introspection::MetadataElem>()?;
            let position = introspector.position(content.location()?)?;
            Some((position.page.get(), position.point.y.to_pt(), meta.value.clone()))
        })
        .collect()
}

/// Summary boxes whose top (`<lint-box>` "start") and bottom ("end") are on different pages.
fn split_boxes(document: &PagedDocument) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (page, _, value) in metadata_at(document, "lint-box") {
        match value.cast::<String>().as_deref() {
            Ok("start") => open.push(page),
            Ok("end") => {
                if let Some(start) = open.pop()
                    && start != page
                {
                    findings.push(finding(
                        start,
                        "split-box",
                        &format!("a summary box is split across pages {start}–{page}"),
                    ));
                }
            }
            _ => {}
        }
    }
    findings
}

/// The floating items the layouts marked, in reading order (page, then top).
pub fn floats(document: &PagedDocument) -> Vec<Float> {
    let mut floats: Vec<Float> = metadata_at(document, "lint-float")
        .into_iter()
        .map(|(page, y, value)| {
            let field = |name: &str| match &value {
                Value::Dict(d) => d.get(name).ok().and_then(|v| v.clone().cast::<String>().ok()),
                _ => None,
            };
            Float { page, y, kind: field("kind").unwrap_or_default(), id: field("id") }
        })
        .collect();
    floats.sort_by(|a, b| a.page.cmp(&b.page).then(a.y.total_cmp(&b.y)));
    floats
}

/// Whether the document is one-sided (a handout, whose margins are not mirrored): its body
/// lines start at the same distance from the left edge on odd and even pages (the most
/// common start of each).
fn one_sided(pages: &[PageLines], body: f64) -> bool {
    let mut starts: [HashMap<i64, usize>; 2] = [HashMap::new(), HashMap::new()];
    for (i, page) in pages.iter().enumerate() {
        for mark in page.body() {
            if let MarkKind::Text { size, .. } = mark.kind
                && (size - body).abs() <= 0.15 * body
            {
                *starts[i % 2].entry(mark.x0.round() as i64).or_default() += 1;
            }
        }
    }
    let mode = |counts: &HashMap<i64, usize>| counts.iter().max_by_key(|(x, n)| (**n, -**x)).map(|(x, _)| *x);
    match (mode(&starts[0]), mode(&starts[1])) {
        (Some(odd), Some(even)) => (odd - even).abs() <= 3,
        _ => false,
    }
}

/// «tabellen under», «i figuren nedenfor», «til høyre», «på neste side»: a noun of a floating
/// item (optional before «til høyre» and «på neste side», required before «under»).
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(tabellen|tabellene|figuren|figurene|grafen|grafene|diagrammet|diagrammene|kartet|bildet)\s+)?(under|nedenfor|over|til høyre|til venstre|på neste side|på forrige side|på side \d+)\b",
    )
    .expect("a valid pattern")
});

/// The kinds of float a noun names (none: any).
fn kinds(noun: &str) -> Option<&'static [&'static str]> {
    let noun = noun.to_lowercase();
    Some(if noun.starts_with("tabell") {
        &["table"]
    } else if noun.starts_with("kart") {
        &["map"]
    } else if noun.starts_with("bild") {
        &["photo"]
    } else if noun.is_empty() {
        return None;
    } else {
        &["chart", "figure"]
    })
}

/// A reference of the text to a figure by its id (`[Tabellen til høyre](#langtidsopphold)`),
/// as the layout marks it (`<reference>`): its page and top, where its figure landed seen
/// from it (`below`, `right`, `next`, …) and the figure's page number.
pub struct Reference {
    page: usize,
    y: f64,
    at: String,
    number: i64,
}

/// The references the layout marked.
fn references(document: &PagedDocument) -> Vec<Reference> {
    metadata_at(document, "reference")
        .into_iter()
        .filter_map(|(page, y, value)| {
            let Value::Dict(mark) = value else { return None };
            let at = mark.get("at").ok()?.clone().cast::<String>().ok()?;
            let number = mark.get("page").ok().and_then(|v| v.clone().cast::<i64>().ok()).unwrap_or(0);
            Some(Reference { page, y, at, number })
        })
        .collect()
}

/// Words of position in the body text that do not hold for where the next floating item of
/// their kind landed: «under» (below on the same page), «på neste side» (on the next page),
/// «til høyre» (on the facing right-hand page of a two-sided book; never in a one-sided one).
/// A reference to a figure by its id is judged by where that figure landed, which its mark
/// says, not by the next item of its kind (another table may stand between them).
fn position_words(pages: &[PageLines], floats: &[Float], references: &[Reference], one_sided: bool) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        // The page's body lines as one text, with where each line starts in it.
        let mut text = String::new();
        let mut starts = Vec::new();
        for (baseline, line) in &page.lines {
            starts.push((text.len(), *baseline));
            text.push_str(line.trim_end());
            text.push(' ');
        }
        for found in POSITION.captures_iter(&text) {
            let whole = found.get(0).map_or("", |m| m.as_str());
            let noun = found.get(1).map_or("", |m| m.as_str());
            let place = found.get(2).map_or("", |m| m.as_str()).to_lowercase();
            // Words only a reference (a noun before them) says: «over 760 mill.» is no position.
            let referring_only = place == "over"
                || place.starts_with("til venstre")
                || place.starts_with("på forrige")
                || place.starts_with("på side");
            if noun.is_empty() && (place == "under" || place == "nedenfor" || referring_only) {
                continue;
            }
            let at = found.get(0).map_or(0, |m| m.start());
            let baseline = starts.iter().rev().find(|(start, _)| *start <= at).map_or(0.0, |(_, b)| *b);
            let wanted = kinds(noun);
            // A reference on this line: its figure's place is the one its mark gives.
            if let Some(reference) =
                references.iter().find(|r| r.page == n && r.y <= baseline + 3.0 && baseline - r.y < 20.0)
            {
                let holds = match place.as_str() {
                    "under" | "nedenfor" => reference.at == "below",
                    "over" => reference.at == "above",
                    "til høyre" => reference.at == "right",
                    "til venstre" => reference.at == "left",
                    "på neste side" => reference.at == "next",
                    "på forrige side" => reference.at == "previous",
                    // «på side N»: the figure is on page N (the words the balancing pass
                    // settles on for a figure that kept moving).
                    _ => place.ends_with(&format!(" {}", reference.number)),
                };
                if !holds {
                    let what = if wanted == Some(&["table"][..]) { "table" } else { "floating item" };
                    let message =
                        format!("«{}» does not hold: the {what} is on page {}", whole.trim(), reference.number);
                    findings.push(finding(n, "position-word", &message));
                }
                continue;
            }
            if referring_only {
                continue;
            }
            let next = floats.iter().find(|f| {
                (f.page > n || (f.page == n && f.y > baseline)) && wanted.is_none_or(|k| k.contains(&f.kind.as_str()))
            });
            let what = match wanted {
                Some(["table"]) => "table",
                Some(["map"]) => "map",
                Some(["photo"]) => "photo",
                Some(_) => "chart or figure",
                None => "floating item",
            };
            let problem = match (next, place.as_str()) {
                (None, _) => Some(format!("no {what} marked `<lint-float>` follows it")),
                (Some(f), "til høyre") if one_sided => {
                    Some(format!("the document is one-sided (the {what} is on page {})", f.page))
                }
                (Some(f), "til høyre") => (n % 2 == 1 || f.page != n + 1)
                    .then(|| format!("the {what} is on page {}, not on the facing right-hand page", f.page)),
                (Some(f), "på neste side") => (f.page != n + 1).then(|| format!("the {what} is on page {}", f.page)),
                (Some(f), _) => (f.page != n).then(|| format!("the {what} is on page {}", f.page)),
            };
            if let Some(problem) = problem {
                let id = next.and_then(|f| f.id.as_deref()).map(|id| format!(" (`{id}`)")).unwrap_or_default();
                let message = format!("«{}» does not hold: {problem}{id}", whole.trim());
                findings.push(finding(n, "position-word", &message));
            }
        }
    }
    findings
}

/// A word broken across a page's end (its last body line ends in a hyphen and the next page
/// goes on with the word), and a paragraph whose last line is only a broken word's tail.
fn hyphens(pages: &[PageLines]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let lines: Vec<Option<&[(f64, String)]>> = pages.iter().map(|p| (!p.free).then_some(p.lines.as_slice())).collect();
    for (page, head, tail) in page_end_breaks(&lines) {
        let turn = if page % 2 == 1 { " across a leaf turn" } else { "" };
        let message = format!("a word is hyphenated at the page's end{turn}: «{head}-» / «{}»", shorten(&tail));
        findings.push(finding(page, "hyphen-page-end", &message));
    }
    for (i, page) in pages.iter().enumerate() {
        if page.free {
            continue;
        }
        for pair in page.lines.windows(2) {
            let ((_, line), (_, tail)) = (&pair[0], &pair[1]);
            let tail = tail.trim();
            if let Some(head) = broken(line)
                && continues(tail)
                && !tail.contains(char::is_whitespace)
                && tail.ends_with(['.', '!', '?', ':', ';', '»', ')'])
            {
                let message = format!("a paragraph ends on a hyphen's tail: «{head}-» / «{tail}»");
                findings.push(finding(i + 1, "hyphen-tail", &message));
            }
        }
    }
    findings
}

/// Small type whose print build loses its screen colour's hue ([`appearance::hue_lost`] over
/// [`HUE_CHANGED`]: another hue, or much less chroma), once a colour, on the first page it
/// is on.
fn print_hues(pages: &[PageLines], inks: &Inks) -> Vec<Diagnostic> {
    let mut seen: HashMap<[u8; 3], Option<(usize, String, String)>> = HashMap::new();
    let mut pages_of: HashMap<[u8; 3], usize> = HashMap::new();
    let mut order = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for mark in &page.marks {
            let MarkKind::Text { size, fill: Some(rgb), .. } = &mark.kind else { continue };
            if *size >= SMALL_TYPE_PT {
                continue;
            }
            let key = rgb.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
            let entry = seen.entry(key).or_insert_with(|| {
                let (cmyk, _) = inks.cmyk(*rgb);
                let (printed, _) = small_type_ink(*rgb, cmyk);
                let screen = appearance::srgb_to_lab(rgb.map(f64::from));
                let dh = appearance::hue_lost(screen, appearance::cmyk_to_lab(printed));
                (dh > HUE_CHANGED).then(|| {
                    order.push(key);
                    (i + 1, appearance::named(&printed), format!("{dh:.1}"))
                })
            });
            if entry.is_some() {
                *pages_of.entry(key).or_default() += 1;
            }
        }
    }
    order
        .into_iter()
        .filter_map(|key| {
            let (page, build, lost) = seen.get(&key)?.clone()?;
            let hex = format!("#{:02x}{:02x}{:02x}", key[0], key[1], key[2]);
            let message = format!(
                "small coloured type changed hue in print: {hex} prints in {build}, its hue {lost} off ({} run(s) under {SMALL_TYPE_PT} pt)",
                pages_of.get(&key).copied().unwrap_or(0)
            );
            Some(finding(page, "print-hue", &message))
        })
        .collect()
}
