//! The layout lint: `rapport check` inspects the laid-out document — the frames Typst
//! produced — for what a book designer would send back: blank pages that carry a running
//! head or folio, near-empty pages, more than a few thin pages inside chapters, headings in
//! the last lines of a page, widows and orphans, text outside the text area, key-figure
//! values wrapped inside their cell, proper names hyphenated, editors' wording in print, and
//! text colours without enough contrast on their background (the theme's pairs, read with the
//! theme in [`crate::typeset::theme`]); and the make-up ([`makeup`]): holes in the middle of a page,
//! runts, split summary boxes, words of position that no longer hold, hyphens at a page's
//! end, small coloured type whose print build changes its hue. Findings are warnings, diagnostics of origin lint;
//! `check --strict` makes them errors.
//!
//! The layouts may mark a page as designed freely (`#metadata("free") <lint-page>`: the
//! cover, the colophon, the back cover), which exempts it from the page-flow checks, and
//! report a wrapped key-figure value (`#metadata((value: …)) <lint-wrapped>`), which only
//! they can measure.

pub mod flow;
pub mod makeup;

use std::collections::BTreeSet;

use typst::foundations::{NativeElement, Selector, Value};
use typst::introspection::Introspector;
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

use crate::typeset::pages::{Mark, MarkKind, body_lines, marks};

use crate::diag::{Diagnostic, Origin, shorten};
use crate::typeset::introspect::metadata_with_pages;

use crate::typeset::theme::Geometry;

/// A page's lines of body text (baseline, text), where its text area begins and ends, its
/// width, whether it is a freely designed page, the lowest point anything in its text area
/// reaches, all its text, everything drawn on it, and whether it was found near-empty.
pub struct PageLines {
    lines: Vec<(f64, String)>,
    top: f64,
    bottom: f64,
    width: f64,
    free: bool,
    lowest: f64,
    text: String,
    marks: Vec<Mark>,
    near_empty: bool,
}

impl PageLines {
    /// What is drawn in the text area (not the running head nor the folio).
    fn body(&self) -> impl Iterator<Item = &Mark> {
        self.marks.iter().filter(|m| m.y1 > self.top && m.y0 < self.bottom)
    }
}

/// Lines of body text a page must hold, unless it is a designed page.
const MIN_LINES: usize = 4;

/// Lints every page of `document`.
/// `inks`: the print file's inks (layout/print.typ), to judge small coloured type's print
/// build ([`makeup`]); without them that check is left out.
pub fn lint(
    document: &PagedDocument,
    geometry: Geometry,
    inks: Option<&crate::typeset::appearance::Inks>,
) -> Vec<Diagnostic> {
    let free = labelled_pages(document, "lint-page");
    let mut findings = Vec::new();
    let mut lines = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        let marks = marks(&page.frame);
        let number = i + 1;
        let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        let bottom = height - geometry.bottom;
        let body: Vec<&Mark> = marks.iter().filter(|m| m.y1 > geometry.top && m.y0 < bottom).collect();
        let furniture = marks.len() > body.len();
        let page_lines = body_lines(&marks, geometry.body, geometry.top, bottom);
        let mut near_empty = false;
        if body.is_empty() {
            if furniture {
                findings.push(finding(number, "blank-page", "the page is blank but carries a running head or folio"));
            }
        } else if !free.contains(&number) {
            let other =
                body.iter().any(|m| !matches!(m.kind, MarkKind::Text { .. }) && area(m) > 0.02 * width * height);
            let text_lines = body.iter().filter_map(|m| match &m.kind {
                MarkKind::Text { baseline, .. } => Some((baseline * 2.0).round() as i64),
                _ => None,
            });
            let count = text_lines.collect::<BTreeSet<_>>().len();
            if !other && count < MIN_LINES {
                near_empty = true;
                findings.push(finding(number, "near-empty", &format!("the page holds only {count} line(s)")));
            }
            let (left, right) =
                if number % 2 == 1 { (geometry.inside, geometry.outside) } else { (geometry.outside, geometry.inside) };
            // The margin column, on the outer side (right on odd pages, on every page of a
            // one-sided handout): text wholly inside it is where the grid puts it (a pull
            // quote); text that runs from the text column into it is not.
            let in_column = |m: &Mark| {
                geometry.column.is_some_and(|(near, far)| {
                    let within = |x0: f64, x1: f64| m.x0 >= x0 - 1.0 && m.x1 <= x1 + 1.0;
                    within(width - far, width - near) || (number % 2 == 0 && within(near, far))
                })
            };
            let outside = body.iter().find(|m| {
                matches!(m.kind, MarkKind::Text { .. })
                    && (m.x0 < left - 1.0 || m.x1 > width - right + 1.0)
                    && !in_column(m)
            });
            if let Some(mark) = outside {
                let text = if let MarkKind::Text { text, .. } = &mark.kind { text.as_str() } else { "" };
                findings.push(finding(
                    number,
                    "outside-text-area",
                    &format!("text runs outside the text area: «{}»", shorten(text)),
                ));
            }
        }
        let lowest = body.iter().map(|m| m.y1).fold(geometry.top, f64::max);
        let text = marks
            .iter()
            .filter_map(|m| if let MarkKind::Text { text, .. } = &m.kind { Some(text.as_str()) } else { None })
            .collect::<Vec<_>>()
            .join(" ");
        lines.push(PageLines {
            lines: page_lines,
            top: geometry.top,
            bottom,
            width,
            free: free.contains(&number),
            lowest,
            text,
            marks,
            near_empty,
        });
    }
    findings.extend(flow::thin_pages(document, &lines, geometry.top));
    findings.extend(flow::hyphenated_names(document, &lines));
    findings.extend(flow::back_office(&lines));
    findings.extend(widows_and_orphans(&lines, geometry));
    findings.extend(headings_at_foot(document, &lines, geometry));
    findings.extend(wrapped_values(document));
    findings.extend(makeup::check(document, &lines, geometry, inks));
    findings
}

/// A finding of the lint: a warning of kind `kind` (`blank-page`, `near-empty`,
/// `thin-pages`, `heading-at-foot`, `widow`, `orphan`, `outside-text-area`, `wrapped-value`,
/// `hyphenated-name`, `back-office`, and [`makeup`]'s `hole`, `runt`, `split-box`,
/// `position-word`, `hyphen-page-end`, `hyphen-tail`, `print-hue`; the theme's `contrast`)
/// on a page.
fn finding(page: usize, kind: &'static str, message: &str) -> Diagnostic {
    Diagnostic::warning(Origin::Lint, message).with_code(kind).on_page(page)
}

fn area(mark: &Mark) -> f64 {
    (mark.x1 - mark.x0) * (mark.y1 - mark.y0)
}

/// The distance between two lines of body text: the most common gap between baselines.
fn pitch(lines: &[PageLines], body: f64) -> f64 {
    let mut gaps: Vec<i64> = lines
        .iter()
        .flat_map(|p| p.lines.windows(2).map(|w| ((w[1].0 - w[0].0) * 10.0).round() as i64))
        .filter(|g| *g > 0)
        .collect();
    gaps.sort_unstable();
    let mode = gaps.chunk_by(|a, b| a == b).max_by_key(|run| run.len()).map(|run| run[0] as f64 / 10.0);
    mode.unwrap_or(1.4 * body)
}

/// A paragraph's last line alone at the top of a page (widow), or its first line alone at
/// the foot of one (orphan). Paragraph breaks show as a gap wider than a line's.
fn widows_and_orphans(lines: &[PageLines], geometry: Geometry) -> Vec<Diagnostic> {
    let pitch = pitch(lines, geometry.body);
    let mut findings = Vec::new();
    for (i, PageLines { lines: page, bottom, free, .. }) in lines.iter().enumerate() {
        if *free || page.is_empty() {
            continue;
        }
        let reaches_foot = |l: &[(f64, String)], bottom: f64| l.last().is_some_and(|(y, _)| bottom - y < pitch);
        let starts_at_top = |l: &[(f64, String)]| l.first().is_some_and(|(y, _)| y - geometry.top < 2.0 * pitch);
        // Widow: the page's first line, then a paragraph break, after a page that ran to its foot.
        let alone_at_top = page.len() == 1 || page[1].0 - page[0].0 > 1.3 * pitch;
        let previous_full = i > 0 && reaches_foot(&lines[i - 1].lines, lines[i - 1].bottom) && !lines[i - 1].free;
        // (A list item of one line that starts the page is whole, not a paragraph's tail.)
        let item = page[0].1.trim_start().starts_with(['•', '●']);
        if alone_at_top
            && previous_full
            && starts_at_top(page)
            && !item
            && page[0].1.trim_end().ends_with(['.', '!', '?'])
        {
            findings.push(finding(
                i + 1,
                "widow",
                &format!("a paragraph's last line stands alone at the top: «{}»", shorten(&page[0].1)),
            ));
        }
        // Orphan: the page's last line after a paragraph break, continued on the next page.
        let n = page.len();
        let alone_at_foot = n == 1 || page[n - 1].0 - page[n - 2].0 > 1.3 * pitch;
        // A list item of one line whose next item starts the next page ends where it should.
        let next_item =
            |next: &PageLines| next.lines.first().is_some_and(|(_, l)| l.trim_start().starts_with(['•', '●']));
        let next_continues =
            lines.get(i + 1).is_some_and(|next| !next.free && starts_at_top(&next.lines) && !next_item(next));
        let last = &page[n - 1].1;
        if alone_at_foot
            && reaches_foot(page, *bottom)
            && next_continues
            && !last.trim_end().ends_with(['.', '!', '?', ':'])
        {
            findings.push(finding(
                i + 1,
                "orphan",
                &format!("a paragraph's first line stands alone at the foot: «{}»", shorten(last)),
            ));
        }
    }
    findings
}

/// Headings with fewer than three lines of room below them on their page.
fn headings_at_foot(document: &PagedDocument, lines: &[PageLines], geometry: Geometry) -> Vec<Diagnostic> {
    let pitch = pitch(lines, geometry.body);
    let introspector = document.introspector();
    let mut findings = Vec::new();
    for heading in introspector.query(&Selector::Elem(HeadingElem::ELEM, None)) {
        let Some(position) = heading.location().and_then(|l| introspector.position(l)) else { continue };
        let page = position.page.get();
        let Some(PageLines { bottom, free: false, .. }) = lines.get(page - 1) else { continue };
        let room = bottom - position.point.y.to_pt();
        if room < 3.0 * pitch + 2.0 * geometry.body {
            let text = heading.to_packed::<HeadingElem>().map_or_else(|| heading.plain_text(), |h| h.body.plain_text());
            findings.push(finding(
                page,
                "heading-at-foot",
                &format!("the heading «{}» has less than three lines below it", shorten(&text)),
            ));
        }
    }
    findings
}

/// Key-figure values the layout found wrapped in their cell.
fn wrapped_values(document: &PagedDocument) -> Vec<Diagnostic> {
    metadata_with_pages(document, "lint-wrapped")
        .into_iter()
        .map(|(page, value)| {
            let text = match value {
                Value::Dict(d) => {
                    d.get("value").ok().map(|v| v.clone().display().plain_text().to_string()).unwrap_or_default()
                }
                other => other.display().plain_text().to_string(),
            };
            finding(page, "wrapped-value", &format!("the key-figure value «{text}» wraps inside its cell"))
        })
        .collect()
}

/// The pages that carry metadata labelled `label`.
fn labelled_pages(document: &PagedDocument, label: &str) -> BTreeSet<usize> {
    metadata_with_pages(document, label).into_iter().map(|(page, _)| page).collect()
}

#[cfg(test)]
mod tests {
    use super::{Geometry, PageLines, widows_and_orphans};

    impl PageLines {
        fn clone_lines(&self) -> PageLines {
            let lines: Vec<(f64, &str)> = self.lines.iter().map(|(y, l)| (*y, l.as_str())).collect();
            page(&lines)
        }
    }

    fn page(lines: &[(f64, &str)]) -> PageLines {
        PageLines {
            lines: lines.iter().map(|(y, l)| (*y, l.to_string())).collect(),
            top: 60.0,
            bottom: 100.0,
            width: 400.0,
            free: false,
            lowest: 100.0,
            text: String::new(),
            marks: Vec::new(),
            near_empty: false,
        }
    }

    // A list item of one line at a page's foot, the next item on the next page, is no orphan;
    // the first line of a paragraph that goes on over the page is.
    #[test]
    fn a_one_line_list_item_at_the_foot_is_no_orphan() {
        let geometry = Geometry { top: 60.0, bottom: 100.0, inside: 0.0, outside: 0.0, body: 10.0, column: None };
        let foot = |last: &str| page(&[(60.0, "tekst"), (72.0, "tekst som slutter."), (92.0, last)]);
        let next = |first: &str| page(&[(62.0, first), (74.0, "videre")]);
        let found = |last: &str, first: &str| widows_and_orphans(&[foot(last), next(first)], geometry).len();
        assert_eq!(found("• Utvalg for velferd", "• Utvalg for medborgerskap"), 0);
        assert_eq!(found("Første linje i et nytt avsnitt som", "fortsetter her."), 1);
    }

    // A list item of one line at a page's top, after a page that ran to its foot, is no widow;
    // a paragraph's last line alone there is.
    #[test]
    fn a_one_line_list_item_at_the_top_is_no_widow() {
        let geometry = Geometry { top: 60.0, bottom: 100.0, inside: 0.0, outside: 0.0, body: 10.0, column: None };
        let full = page(&[(60.0, "tekst"), (72.0, "tekst"), (84.0, "og flere"), (96.0, "boliger.")]);
        let top = |first: &str| page(&[(62.0, first), (80.0, "Et nytt avsnitt")]);
        let found = |first: &str| widows_and_orphans(&[full.clone_lines(), top(first)], geometry).len();
        assert_eq!(found("• Vollen har funnet sin form."), 0);
        assert_eq!(found("avsnittets siste linje."), 1);
    }
}
