//! Page-flow checks a designer makes of a composed book: pages left thin in the middle of a
//! chapter, proper names hyphenated, and editors' wording that must never reach print.

use std::collections::BTreeSet;

use typst::foundations::Value;
use typst_layout::PagedDocument;

use super::{PageLines, finding};
use crate::diag::{Diagnostic, shorten};
use crate::typeset::introspect::metadata_with_pages;

/// A page is thin when its text reaches less than this share of the text area's height.
const THIN: f64 = 0.6;

/// How many thin pages a book may have outside its chapters' last pages.
const THIN_ALLOWED: usize = 3;

/// Editors' wording that marks a gap in the data: right in an editor's note, wrong in print.
pub const BACK_OFFICE: [&str; 5] =
    ["finnes ikke i", "ikke i kildeteksten", "ikke i kartdataene", "datagrunnlaget", "i den trykte utgaven (ikke"];

/// How far down its text area a page is filled, from 0 to 1: the lowest thing on it.
pub fn fill(page: &PageLines, top: f64) -> f64 {
    let height = page.bottom - top;
    if height <= 0.0 { 1.0 } else { ((page.lowest - top) / height).clamp(0.0, 1.0) }
}

/// More than [`THIN_ALLOWED`] pages filled less than [`THIN`] that are not a chapter's last
/// page (the page before a chapter starts, or the book's last) nor a designed page.
pub fn thin_pages(document: &PagedDocument, pages: &[PageLines], top: f64) -> Vec<Diagnostic> {
    let starts: BTreeSet<usize> = metadata_with_pages(document, "chapter-start").into_iter().map(|(p, _)| p).collect();
    let thin: Vec<usize> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| (i + 1, page))
        .filter(|(n, page)| !page.free && !page.lines.is_empty() && *n < pages.len() && !starts.contains(&(n + 1)))
        .filter(|(_, page)| fill(page, top) < THIN)
        .map(|(n, _)| n)
        .collect();
    if thin.len() <= THIN_ALLOWED {
        return Vec::new();
    }
    let list = thin.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
    let message = format!(
        "{} pages are less than {:.0} % full inside a chapter (at most {THIN_ALLOWED}): pages {list}",
        thin.len(),
        THIN * 100.0
    );
    vec![finding(thin[0], "thin-pages", &message)]
}

/// Lines that end in a hyphen inside one of the names the layouts keep whole, or a word one
/// starts (report.typ places them as `<lint-names>`).
pub fn hyphenated_names(document: &PagedDocument, pages: &[PageLines]) -> Vec<Diagnostic> {
    let names: Vec<String> = metadata_with_pages(document, "lint-names")
        .into_iter()
        .flat_map(|(_, value)| match value {
            Value::Array(names) => names.into_iter().filter_map(|n| n.cast::<String>().ok()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let lines: Vec<(usize, &str)> =
        pages.iter().enumerate().flat_map(|(i, p)| p.lines.iter().map(move |(_, l)| (i + 1, l.as_str()))).collect();
    let mut findings = Vec::new();
    for pair in lines.windows(2) {
        let ((page, line), (_, next)) = (pair[0], pair[1]);
        let trimmed = line.trim_end();
        let head = trimmed.trim_end_matches(['\u{ad}', '-']);
        if head.len() == trimmed.len() {
            continue;
        }
        let head = head.rsplit(char::is_whitespace).next().unwrap_or_default();
        let tail = next.split_whitespace().next().unwrap_or_default();
        let word: String = format!("{head}{tail}").chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
        // A name keeps the words it starts whole too (Oslofjord: Oslofjorden).
        if let Some(name) = names.iter().find(|n| word.starts_with(n.as_str())) {
            findings.push(finding(page, "hyphenated-name", &format!("the name «{name}» is hyphenated as «{head}-»")));
        }
    }
    findings
}

/// Editors' wording ([`BACK_OFFICE`]) in the laid-out text.
pub fn back_office(pages: &[PageLines]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let text = page.text.to_lowercase();
        if let Some(phrase) = BACK_OFFICE.iter().find(|p| text.contains(*p)) {
            let at = text.find(phrase).unwrap_or(0);
            let context: String =
                page.text.chars().skip(text[..at].chars().count().saturating_sub(20)).take(70).collect();
            findings.push(finding(
                i + 1,
                "back-office",
                &format!(
                    "editors' wording reaches the page: «{}»; mark the gap with a placeholder or an editor's note",
                    shorten(&context)
                ),
            ));
        }
    }
    findings
}
