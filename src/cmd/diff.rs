//! `rapport diff`: the current screen PDF against the approved baseline (`rapport approve`):
//! one line per chapter, then each changed page with the numbers and words that changed;
//! exit code 1 when anything changed (for CI), 0 when the build is as approved.

use std::path::Path;

use super::{Log, say};
use crate::cli::DiffArgs;
use crate::compare::{Diff, NumberChange, PageDiff, Status};
use crate::error::{Error, Result, usage};
use crate::lang::translate;

/// The most words listed as added or removed on one page.
const SHOWN_WORDS: usize = 40;

pub fn run(log: &mut Log, project: &Path, args: &DiffArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let id = session.edition.config.id.clone();
    let Some(approved) = crate::approval::read_baseline(&session.project, &id)? else {
        return Err(usage(format!(
            "no approved build of edition {id}: expected approved/{id}/baseline.json; run `rapport approve --edition {id}` first"
        )));
    };
    let (current, renders) = super::approve::current(log, &mut session)?;
    let diff = crate::compare::compare(&approved, &current);
    let titles: Vec<(String, String)> =
        session.edition.config.chapters().map(|c| (c.slug.clone(), c.title.clone())).collect();
    let lang = log.lang;
    let tr = |text: String| translate(lang, &text);
    say(tr(format!(
        "compared with approved/{id}/: {} pages approved, {} pages now",
        approved.pages.len(),
        current.pages.len()
    )));
    let chapters = chapter_lines(&diff, &titles, &tr);
    for line in &chapters {
        say(format_args!("  {line}"));
    }
    for page in diff.pages.iter().filter(|p| matches!(p.status, Status::Changed { .. } | Status::Added)) {
        say(tr(page_line(page)));
        for number in &page.numbers {
            say(format_args!("    {}", number_line(number, &tr)));
        }
        for (words, what) in [(&page.added, "added"), (&page.removed, "removed")] {
            if !words.is_empty() {
                say(format_args!("    {}", tr(format!("words {what}: {}", shown(words)))));
            }
        }
    }
    for number in &diff.numbers_elsewhere {
        say(format_args!("  {}", tr(format!("number on a page that is gone: {}", number_line(number, &tr)))));
    }
    let report = write_report(&session, &args.out, &diff, &chapters, &renders, lang)?;
    say(tr(format!("wrote {}", crate::paths::relative(&session.project, &report).display())));
    let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
    if diff.is_empty() {
        log.line(format_args!("no changes: the build is as approved (in {seconds} s)"));
        return Ok(());
    }
    let count = |f: fn(&Status) -> bool| diff.pages.iter().filter(|p| f(&p.status)).count();
    let changed = count(|s| matches!(s, Status::Changed { .. } | Status::Added));
    let moved = count(|s| matches!(s, Status::Moved { .. }));
    let numbers: usize = diff.pages.iter().map(|p| p.numbers.len()).sum::<usize>() + diff.numbers_elsewhere.len();
    Err(Error::sources(format!(
        "{changed} page(s) changed, {moved} moved, {} removed, {numbers} number(s) changed since the approved build (in {seconds} s)",
        diff.removed_pages.len()
    )))
}

/// Writes the report as a web page, `index.html` in `out`, with the renders of the changed
/// pages, approved (from approved/<edition>/pages/) and now.
fn write_report(
    session: &crate::session::Session,
    out: &Path,
    diff: &Diff,
    chapters: &[String],
    renders: &[crate::approval::Render],
    lang: crate::lang::Lang,
) -> Result<std::path::PathBuf> {
    let tr = |text: String| translate(lang, &text);
    let id = &session.edition.config.id;
    let dir = super::out_dir(session, out)?;
    let approved_dir = crate::approval::baseline_dir(&session.project, id).join("pages");
    // The approved renders, read as needed (a missing one leaves the page without its pair).
    let old: Vec<Option<Vec<u8>>> = diff
        .pages
        .iter()
        .map(|p| {
            let wanted = matches!(p.status, Status::Changed { .. });
            let path = p.matched.filter(|_| wanted).map(|n| approved_dir.join(format!("{n:03}.png")));
            path.and_then(|path| crate::paths::read_regular(&path, "an approved render", 16 * 1024 * 1024).ok())
        })
        .collect();
    let pages: Vec<crate::diff_report::Page> = diff
        .pages
        .iter()
        .zip(&old)
        .filter(|(p, _)| matches!(p.status, Status::Changed { .. } | Status::Added))
        .filter_map(|(p, old)| {
            let current = renders.get(p.page - 1)?;
            Some(crate::diff_report::Page {
                diff: p,
                title: tr(page_line(p)),
                approved_png: old.as_deref(),
                current_png: &current.png,
            })
        })
        .collect();
    let code = if lang == crate::lang::Lang::Nb { "nb" } else { "en" };
    let title = tr(format!("Changes since the approved build of edition {id}"));
    let html = crate::diff_report::html(code, &title, chapters, &pages, diff, &tr);
    let path = dir.join("index.html");
    crate::files::write_atomic(&path, html.as_bytes())?;
    Ok(path)
}

/// One line per chapter, in the order of the pages (the front and back matter as one), in
/// the language of `tr`.
fn chapter_lines(diff: &Diff, titles: &[(String, String)], tr: &dyn Fn(String) -> String) -> Vec<String> {
    let mut chapters: Vec<Option<&str>> = Vec::new();
    let all =
        diff.pages.iter().map(|p| p.chapter.as_deref()).chain(diff.removed_pages.iter().map(|(_, c)| c.as_deref()));
    for chapter in all {
        if !chapters.contains(&chapter) {
            chapters.push(chapter);
        }
    }
    chapters
        .into_iter()
        .map(|chapter| {
            let name = match chapter {
                Some(slug) => {
                    let title = titles.iter().find(|(s, _)| s == slug).map_or("", |(_, t)| t.as_str());
                    format!("{slug} «{title}»")
                }
                None => tr(FRONT_AND_BACK.to_string()),
            };
            let pages: Vec<&PageDiff> = diff.pages.iter().filter(|p| p.chapter.as_deref() == chapter).collect();
            let changed: Vec<String> = pages
                .iter()
                .filter(|p| matches!(p.status, Status::Changed { .. } | Status::Added))
                .map(|p| p.folio.to_string())
                .collect();
            let moved: Vec<String> = pages
                .iter()
                .filter_map(|p| match p.status {
                    Status::Moved { from } if from == p.folio => Some(tr(format!("{from} (reflowed)"))),
                    Status::Moved { from } => Some(format!("{from} → {}", p.folio)),
                    _ => None,
                })
                .collect();
            let removed: Vec<String> = diff
                .removed_pages
                .iter()
                .filter(|(_, c)| c.as_deref() == chapter)
                .map(|(folio, _)| folio.to_string())
                .collect();
            let mut parts = Vec::new();
            if !changed.is_empty() {
                parts.push(tr(format!("{} page(s) changed ({})", changed.len(), changed.join(", "))));
            }
            if !moved.is_empty() {
                parts.push(tr(format!("{} page(s) moved ({})", moved.len(), moved.join(", "))));
            }
            if !removed.is_empty() {
                parts.push(tr(format!("{} page(s) removed ({})", removed.len(), removed.join(", "))));
            }
            if parts.is_empty() { tr(format!("{name}: unchanged")) } else { format!("{name}: {}", parts.join("; ")) }
        })
        .collect()
}

/// The front and back matter's name in the summary.
const FRONT_AND_BACK: &str = "the front and back matter";

/// A changed page's heading line: `page 3 (en, «Et avsnitt»): changed`.
fn page_line(page: &PageDiff) -> String {
    let place = match (&page.chapter, &page.heading) {
        (Some(chapter), Some(heading)) => format!("{chapter}, «{heading}»"),
        (Some(chapter), None) => chapter.clone(),
        (None, Some(heading)) => format!("«{heading}»"),
        (None, None) => FRONT_AND_BACK.to_string(),
    };
    let folio = page.folio;
    match page.status {
        Status::Added => format!("page {folio} ({place}): new, nothing like it in the approved build"),
        _ if page.appearance => format!("page {folio} ({place}): looks different, the same words"),
        Status::Changed { from: Some(from) } if from != folio => {
            format!("page {folio} ({place}): changed (was page {from})")
        }
        _ => format!("page {folio} ({place}): changed"),
    }
}

/// `EN TABELL (tables/en/tabell.csv) · Hurum · 2022: 66 % → 67 %`.
fn number_line(number: &NumberChange, tr: &dyn Fn(String) -> String) -> String {
    // None: the number was added or removed; an empty cell is said.
    let shown = |value: &Option<String>| match value.as_deref() {
        None => "–".to_string(),
        Some("") => tr("(empty)".to_string()),
        Some(value) => value.to_string(),
    };
    let (old, new) = (shown(&number.old), shown(&number.new));
    format!("{} · {} · {}: {old} → {new}", number.table, number.row, number.column)
}

/// Words as a quoted list, at most [`SHOWN_WORDS`] of them.
fn shown(words: &[String]) -> String {
    let more = if words.len() > SHOWN_WORDS { format!(" … (+{})", words.len() - SHOWN_WORDS) } else { String::new() };
    format!("«{}»{more}", words.iter().take(SHOWN_WORDS).cloned().collect::<Vec<_>>().join(" "))
}
