//! Checks of `edition.toml` beyond its types: names that become file names, goal numbers,
//! years. Every problem points at its line in `edition.toml` and is a configuration error
//! (exit code 2).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::config::{EditionConfig, is_file_name};
use crate::diag::Diagnostics;

/// Reports every problem of `config`, read from `text` (the file `shown`).
pub fn validate(shown: &Path, text: &Arc<str>, config: &EditionConfig, problems: &mut Diagnostics) {
    let mut report = |range: Range<usize>, message: String| problems.config_error(shown, text, range, message);
    if !is_file_name(&config.output) {
        report(
            locate(text, "output", 0),
            format!(
                "expected `output` to be a file name of letters, digits, `-`, `_` or `.` (the PDF is written to out/<output>.pdf), found `{}`",
                config.output.escape_debug()
            ),
        );
    }
    if let Some(previous) = config.previous.as_deref().filter(|p| !is_file_name(p)) {
        report(
            locate(text, "previous", 0),
            format!("expected `previous` to be an edition id (a folder in data/), found `{}`", previous.escape_debug()),
        );
    }
    if config.years.is_empty() || config.years.windows(2).any(|w| w[0] >= w[1]) {
        report(locate(text, "years", 0), format!("expected `years` in increasing order, found {:?}", config.years));
    }
    if let Some(bad) = config.cover_goals.iter().find(|g| !(1..=17).contains(*g)) {
        report(locate(text, "cover-goals", 0), format!("expected cover goals 1–17, found {bad}"));
    }
    validate_print(text, &config.print, &mut report);
    validate_web(text, &config.web, &mut report);
    let mut seen: Vec<&str> = Vec::new();
    for chapter in config.chapters() {
        let slug = chapter.slug.as_str();
        let nth = seen.iter().filter(|s| **s == slug).count();
        let at = locate_value(text, "slug", slug, nth);
        if !is_file_name(slug) {
            report(
                at.clone(),
                format!(
                    "expected a chapter slug of letters, digits, `-`, `_` or `.` (it names the handout's file), found `{}`",
                    slug.escape_debug()
                ),
            );
        }
        if nth > 0 {
            report(at.clone(), format!("expected each chapter slug once, found `{slug}` again"));
        }
        // A chapter's web page is `<slug>.html`: `index.html` is the front page.
        if slug.eq_ignore_ascii_case("index") {
            report(
                at.clone(),
                format!(
                    "expected a chapter slug other than `index`, found `{slug}`: the web edition's front page is index.html, and the chapter's page would take its place; choose another slug"
                ),
            );
        }
        if let Some(bad) = chapter.goals.iter().find(|g| !(1..=17).contains(*g)) {
            report(at, format!("chapter `{slug}`: expected goal numbers 1–17, found {bad}"));
        }
        seen.push(slug);
    }
}

/// Checks `[web]`: `statement-date` a real day (no time), `statement-url` an https address on
/// uustatus.no (Uutilsynet's register), the only place a statement's entry lives.
fn validate_web(text: &str, web: &super::config::WebConfig, report: &mut impl FnMut(Range<usize>, String)) {
    if let Some(datetime) = &web.statement_date {
        let real = datetime.time.is_none()
            && datetime.offset.is_none()
            && datetime.date.is_some_and(|d| {
                let leap = d.year % 4 == 0 && (d.year % 100 != 0 || d.year % 400 == 0);
                let days = match d.month {
                    2 if leap => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                (1..=12).contains(&d.month) && d.day >= 1 && d.day <= days
            });
        if !real {
            report(
                locate(text, "statement-date", 0),
                format!("expected `statement-date` to be a day such as `2024-05-02`, found `{datetime}`"),
            );
        }
    }
    // A method is said with the date it describes, and says something.
    if let Some(method) = &web.statement_method {
        if method.trim().is_empty() {
            report(
                locate(text, "statement-method", 0),
                "expected `statement-method` to say how the web edition was tested, found an empty text".into(),
            );
        } else if web.statement_date.is_none() {
            report(
                locate(text, "statement-method", 0),
                "expected `statement-date` beside `statement-method` (the day of the test it describes), found none"
                    .into(),
            );
        }
    }
    if let Some(url) = &web.statement_url {
        let host = url.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c));
        if !(clean && matches!(host, Some("uustatus.no" | "www.uustatus.no"))) {
            report(
                locate(text, "statement-url", 0),
                format!(
                    "expected `statement-url` to be the https address of the edition's statement in Uutilsynet's register, such as `https://www.uustatus.no/nb/erklaringer/publisert/…`, found `{}`",
                    url.escape_debug()
                ),
            );
        }
    }
}

/// Checks the lengths and counts of `[print]`; the output profile is checked where the
/// edition's folder is known (`check_output_intent`).
fn validate_print(text: &str, print: &super::config::PrintConfig, report: &mut impl FnMut(Range<usize>, String)) {
    let ranges = [
        ("bleed", print.bleed, 0.0, 10.0),
        ("mark-length", print.mark_length, 1.0, 20.0),
        ("safe-zone", print.safe_zone, 0.0, 30.0),
    ];
    for (key, value, min, max) in ranges {
        if !(value.is_finite() && (min..=max).contains(&value)) {
            report(
                locate(text, key, 0),
                format!("[print]: expected `{key}` in millimetres from {min} to {max}, found {value}"),
            );
        }
    }
    // The marks start `mark-offset` past the bleed's edge, never at it: a mark at the edge
    // shows on a sheet cut a little wide of the bleed.
    if !(print.mark_offset.is_finite() && (1.0..=20.0).contains(&print.mark_offset)) {
        report(
            locate(text, "mark-offset", 0),
            format!(
                "[print]: expected `mark-offset`, the gap between the bleed's edge and the crop marks, from 1 to 20 mm, found {}: a mark that starts at the bleed's edge shows where the sheet is cut a little wide",
                print.mark_offset
            ),
        );
    }
    if !(1..=64).contains(&print.page_multiple) {
        report(
            locate(text, "page-multiple", 0),
            format!("[print]: expected `page-multiple` from 1 (no padding) to 64, found {}", print.page_multiple),
        );
    }
    if let Some(limit) = print.ink_limit_set.filter(|l| !(l.is_finite() && (100.0..=400.0).contains(l))) {
        report(
            locate(text, "ink-limit", 0),
            format!("[print]: expected `ink-limit` in percent from 100 to 400, found {limit}"),
        );
    }
    // The paper the spine of a perfect-bound book is measured by.
    if !(print.paper_caliper_um.is_finite() && (10.0..=1000.0).contains(&print.paper_caliper_um)) {
        let message = format!(
            "[print]: expected `paper-caliper-um`, a leaf's thickness, from 10 to 1000 µm, found {}",
            print.paper_caliper_um
        );
        report(locate(text, "paper-caliper-um", 0), message);
    }
    if let Some(spine) = print.spine_mm.filter(|s| !(s.is_finite() && (1.0..=100.0).contains(s))) {
        report(
            locate(text, "spine-mm", 0),
            format!(
                "[print]: expected `spine-mm`, the spine's width as the printer quotes it, from 1 to 100 mm, found {spine}"
            ),
        );
    }
    if !(print.spine_allowance_mm.is_finite() && (0.0..=10.0).contains(&print.spine_allowance_mm)) {
        report(
            locate(text, "spine-allowance-mm", 0),
            format!(
                "[print]: expected `spine-allowance-mm`, what glue and board add to the spine, from 0 to 10 mm, found {}",
                print.spine_allowance_mm
            ),
        );
    }
    if let Some(ppi) = print.pages_per_inch.filter(|p| !(p.is_finite() && (10.0..=5000.0).contains(p))) {
        report(
            locate(text, "pages-per-inch", 0),
            format!("[print]: expected `pages-per-inch` from 10 to 5000, found {ppi}"),
        );
    }
}

/// Checks `output-intent` of `[print]`: a file inside the edition folder `dir` (canonical).
pub fn check_output_intent(
    shown: &Path,
    text: &Arc<str>,
    config: &EditionConfig,
    dir: &Path,
    problems: &mut Diagnostics,
) {
    let Some(name) = &config.print.output_intent else { return };
    if let Err(err) = crate::inputs::paths::resolve_inside(dir, name) {
        problems.config_error(
            shown,
            text,
            locate(text, "output-intent", 0),
            format!("[print]: `output-intent` names `{}`: {err}", name.escape_debug()),
        );
    }
}

/// Checks that the layouts have words for the edition's `language` (`languages`, the keys of
/// layout/strings.typ), so a language they lack is reported at its line of edition.toml,
/// never by an assertion inside the layouts.
pub fn check_language(project: &Path, edition: &super::Edition, languages: &[String], problems: &mut Diagnostics) {
    let language = &edition.config.language;
    if languages.iter().any(|l| l == language) {
        return;
    }
    let path = edition.dir.join("edition.toml");
    let text: Arc<str> = std::fs::read_to_string(&path).unwrap_or_default().into();
    let known: Vec<String> = languages.iter().map(|l| format!("`{l}`")).collect();
    problems.config_error(
        &crate::inputs::paths::relative(project, &path),
        &text,
        locate(&text, "language", 0),
        format!(
            "expected `language` to be one the layouts have words for ({}, in layout/strings.typ), found `{}`",
            known.join(", "),
            language.escape_debug()
        ),
    );
}

/// The range of the `nth` line that sets `key`, or the file's start.
fn locate(text: &str, key: &str, nth: usize) -> Range<usize> {
    let mut offset = 0;
    let mut found = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let is_key = trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_key {
            if found == nth {
                let start = offset + (line.len() - trimmed.len());
                return start..offset + line.trim_end().len();
            }
            found += 1;
        }
        offset += line.len();
    }
    0..0
}

/// The range of the `nth` line that sets `key` to the string `value`.
fn locate_value(text: &str, key: &str, value: &str, nth: usize) -> Range<usize> {
    let mut seen = 0;
    for i in 0.. {
        let range = locate(text, key, i);
        if range == (0..0) {
            break;
        }
        if text[range.clone()].contains(&format!("\"{value}\"")) {
            if seen == nth {
                return range;
            }
            seen += 1;
        }
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_and_values() {
        let text = "output = \"x\"\n[[parts.chapters]]\nslug = \"a\"\n[[parts.chapters]]\n  slug = \"a\"\n";
        assert_eq!(&text[locate(text, "output", 0)], "output = \"x\"");
        assert_eq!(&text[locate_value(text, "slug", "a", 1)], "slug = \"a\"");
        assert_eq!(locate_value(text, "slug", "a", 1).start, text.rfind("slug").unwrap());
    }
}
