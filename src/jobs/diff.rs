//! `rapport diff`: the current screen PDF against the approved baseline (`rapport approve`),
//! another edition's or another PDF: one line per chapter, then each changed page with the
//! numbers and words that changed, and a report with the renders before and now.

use std::path::{Path, PathBuf};

use super::Progress;
use crate::error::{Error, Result, usage};
use crate::lang::{Lang, translate};
use crate::outputs::compare::{Diff, NumberChange, PageDiff, Status};
use crate::typeset::session::Session;

/// The most words listed as added or removed on one page.
const SHOWN_WORDS: usize = 40;

/// What the current build is compared with.
pub enum Against {
    /// The approved build, `approved/<edition>/`.
    Approved,
    /// Another PDF, only read.
    Pdf(PathBuf),
    /// Another edition's current build, its session open.
    Edition(Box<Session>),
}

impl Against {
    /// `--against` of the session's edition `id`: none is the approved build, a value ending
    /// in `.pdf` a file, any other another edition, opened by `open`.
    pub fn from(arg: Option<&str>, id: &str, open: impl FnOnce(&str) -> Result<Session>) -> Result<Against> {
        Ok(match arg {
            None => Against::Approved,
            Some(value) if value.to_ascii_lowercase().ends_with(".pdf") => Against::Pdf(PathBuf::from(value)),
            Some(other) if other == id => {
                return Err(usage(format!("expected another edition than {id} to compare with, found `{other}`")));
            }
            Some(other) => Against::Edition(Box::new(open(other)?)),
        })
    }
}

/// The renders of the build compared with: the approved pages' files, or in memory; and its
/// PDF when there is one (the approved PDF, from `approve`), for the report's sharp renders.
enum Before {
    Files(PathBuf, Option<Vec<u8>>),
    Renders(Vec<crate::outputs::approval::Render>, Vec<u8>),
}

impl Before {
    /// The render of its page `page` (from 1), if there is one.
    fn png(&self, page: usize) -> Option<Vec<u8>> {
        match self {
            Before::Files(dir, _) => {
                let path = dir.join(format!("{page:03}.png"));
                crate::inputs::paths::read_regular(&path, "an approved render", 16 * 1024 * 1024).ok()
            }
            Before::Renders(renders, _) => renders.get(page.checked_sub(1)?).map(|r| r.png.clone()),
        }
    }

    /// Its PDF, if there is one.
    fn pdf(&self) -> Option<&[u8]> {
        match self {
            Before::Files(_, pdf) => pdf.as_deref(),
            Before::Renders(_, pdf) => Some(pdf),
        }
    }
}

/// The most bytes of a PDF `--against` reads.
const MAX_PDF: u64 = 1 << 30;

/// Compares the session's current screen PDF with `against`: says one line per chapter, then
/// each changed page with the numbers and words that changed (on standard output), writes the
/// report to `out` (`index.html`, with the renders before and now), and fails (exit 1) when
/// anything changed. Lines are in `lang`.
pub fn diff(
    progress: &mut dyn Progress,
    session: &mut Session,
    against: Against,
    out: &Path,
    lang: Lang,
) -> Result<()> {
    let started = std::time::Instant::now();
    let id = session.edition.config.id.clone();
    let approved = match &against {
        Against::Approved => match crate::outputs::approval::read_baseline(&session.project, &id)? {
            Some(approved) => Some(approved),
            None => {
                return Err(usage(format!(
                    "no approved build of edition {id}: expected approved/{id}/baseline.json; run `rapport approve --edition {id}` first"
                )));
            }
        },
        _ => None,
    };
    let cache = super::approve::render_cache(session)?;
    let mut now = super::approve::current(progress, session, &cache)?;
    let mut keep = now.keys.clone();
    let tr = |text: String| translate(lang, &text);
    let from_pdf = matches!(against, Against::Pdf(_));
    let titles = |session: &Session| -> Vec<(String, String)> {
        session.edition.config.chapters().map(|c| (c.slug.clone(), c.title.clone())).collect()
    };
    let mut titles_now = titles(session);
    let (old, before, what) = match against {
        Against::Approved => {
            let approved = approved.unwrap_or_else(|| unreachable!("read above"));
            let folder = crate::outputs::approval::baseline_dir(&session.project, &id);
            let pdf = crate::inputs::paths::read_regular(
                &folder.join(crate::outputs::approval::APPROVED_PDF),
                "the approved PDF",
                MAX_PDF,
            )
            .ok();
            (approved, Before::Files(folder.join("pages"), pdf), APPROVED.to_string())
        }
        Against::Edition(mut other_session) => {
            let then = super::approve::current(progress, &mut other_session, &cache)?;
            keep.extend(then.keys);
            // The other edition's chapters by their own titles, where the slug is not ours.
            let ours: Vec<String> = titles_now.iter().map(|(slug, _)| slug.clone()).collect();
            titles_now.extend(titles(&other_session).into_iter().filter(|(slug, _)| !ours.contains(slug)));
            let name = format!("edition {}", other_session.edition.config.id);
            (then.baseline, Before::Renders(then.renders, then.pdf), name)
        }
        Against::Pdf(path) => {
            let bytes = crate::inputs::paths::read_regular(&path, "the PDF to compare with", MAX_PDF).map_err(usage)?;
            let shown = path.display().to_string();
            let words =
                crate::outputs::pdf_words::page_words(&bytes).map_err(|err| usage(format!("{shown}: {err}")))?;
            let blank = vec![String::new(); words.len()];
            let (renders, _) = crate::outputs::approval::render_all(&bytes, &blank, now.baseline.ppi, None)
                .map_err(|err| usage(format!("{shown}: {err}")))?;
            let pages = words.into_iter().zip(&renders).enumerate().map(|(i, (text, render))| {
                crate::outputs::approval::PageRecord {
                    id: crate::outputs::approval::PageId {
                        page: i + 1,
                        folio: i as u64 + 1,
                        chapter: None,
                        heading: None,
                    },
                    render: render.hash.clone(),
                    text,
                    numbers: Vec::new(),
                }
            });
            let old = crate::outputs::approval::Baseline { pages: pages.collect(), ..now.baseline.clone() };
            // The current build read the same way, out of its PDF, its pages counted as the
            // other's are.
            let words = crate::outputs::pdf_words::page_words(&now.pdf).map_err(usage)?;
            for (page, text) in now.baseline.pages.iter_mut().zip(words) {
                page.text = text;
                page.id.folio = page.id.page as u64;
                page.numbers.clear();
            }
            (old, Before::Renders(renders, bytes), shown)
        }
    };
    // An approval before format 3 split a word at a no-break space (`31 %` two words): the
    // current words are split so too, or every number with a unit would differ.
    if old.format < 3 {
        for page in &mut now.baseline.pages {
            page.text = page.text.replace('\u{a0}', " ");
        }
    }
    crate::outputs::approval::prune_cache(&cache, &keep);
    // An approval of format 1 recorded no chart's numbers: they are not compared with it.
    let charts_unrecorded = old.format < 2 && now.baseline.pages.iter().flat_map(|p| &p.numbers).any(|n| n.chart);
    if charts_unrecorded {
        for page in &mut now.baseline.pages {
            page.numbers.retain(|n| !n.chart);
        }
    }
    progress.stage(&match &what {
        w if w == APPROVED => "Comparing with the approved edition".to_string(),
        w => format!("Comparing with {w}"),
    });
    let compare_started = std::time::Instant::now();
    let diff = if from_pdf {
        compare_as_one(&old, &now.baseline)
    } else {
        crate::outputs::compare::compare(&old, &now.baseline)
    };
    let (there, here) = (old.pages.len(), now.baseline.pages.len());
    progress.say(&tr(match what.as_str() {
        APPROVED => format!("compared with approved/{id}/: {there} pages approved, {here} pages now"),
        _ if from_pdf => format!(
            "compared with {what}: {there} pages there, {here} pages now, their words and renders read out of both PDFs (a PDF holds no tables: their numbers are not compared)"
        ),
        _ => format!("compared with {what}: {there} pages there, {here} pages now"),
    }));
    if charts_unrecorded {
        progress.say(&tr(format!(
            "the charts' numbers are not compared: approved/{id}/ was recorded before they were (approve again to record them)"
        )));
    }
    let compare_s = compare_started.elapsed().as_secs_f64();
    let count = |f: fn(&Status) -> bool| diff.pages.iter().filter(|p| f(&p.status)).count();
    let changed = count(|s| matches!(s, Status::Changed { .. } | Status::Added));
    // The moves listed: each block of text that moved whole, and each page whose text only
    // flowed on (one without such a block), not the pages a moved block stands on.
    let moved = diff.pages.iter().map(|p| p.moved_in.len()).sum::<usize>()
        + diff.pages.iter().filter(|p| matches!(p.status, Status::Moved { .. }) && p.moved_in.is_empty()).count();
    let numbers: usize = diff.pages.iter().map(|p| p.numbers.len()).sum::<usize>() + diff.numbers_elsewhere.len();
    let removed = diff.removed_pages.len();
    // A PDF holds no tables: no count of changed numbers is claimed against one.
    let counted = if from_pdf {
        format!("{changed} page(s) changed, {moved} moved, {removed} removed")
    } else {
        format!("{changed} page(s) changed, {moved} moved, {removed} removed, {numbers} number(s) changed")
    };
    let summary = match what.as_str() {
        APPROVED => tr(format!("{counted} since the approved build")),
        _ if from_pdf => format!(
            "{} {}",
            tr(format!("{counted} against {what}")),
            tr("Numbers in the tables are not compared against a PDF; see the word changes.".to_string())
        ),
        _ => tr(format!("{counted} against {what}")),
    };
    // What an editor reads first: the counts, then the chapters that changed by their
    // titles, the unchanged ones in one line.
    if !diff.is_empty() {
        progress.say(&summary);
    }
    let chapters = chapter_lines(&diff, &titles_now, &tr);
    for chapter in chapters.iter().filter(|c| c.changes.is_some()) {
        progress.say(&format!("  {}: {}", chapter.name, chapter.changes.as_deref().unwrap_or_default()));
    }
    if let Some(line) = unchanged_line(&chapters, &tr) {
        progress.say(&format!("  {line}"));
    }
    let shown_pages: Vec<&PageDiff> =
        diff.pages.iter().filter(|p| matches!(p.status, Status::Changed { .. } | Status::Added)).collect();
    if shown_pages.iter().any(|p| !p.hunks.is_empty()) {
        progress.say(&tr("the words that changed, in their place: [-removed-] {+added+}".to_string()));
    }
    for page in shown_pages {
        progress.say(&tr(page_line(page, &what, &titles_now)));
        for number in &page.numbers {
            progress.say(&format!("    {}", number_line(number, &tr)));
        }
        for hunk in &page.hunks {
            progress.say(&format!("    {}", hunk_line(hunk)));
        }
    }
    // The blocks that moved whole, after the edits under their own heading: each says where
    // from and where to.
    if diff.pages.iter().any(|p| !p.moved_in.is_empty()) {
        progress.say(&format!("{}:", tr("Moved, not changed".to_string())));
    }
    for page in diff.pages.iter() {
        for block in &page.moved_in {
            progress.say(&format!("  {}", tr(moved_line(block, page.id.folio))));
        }
    }
    for number in &diff.numbers_elsewhere {
        progress.say(&format!("  {}", tr(format!("number on a page that is gone: {}", number_line(number, &tr)))));
    }
    let report_started = std::time::Instant::now();
    let report =
        write_report(session, out, &diff, &summary, &chapters, (&now.renders, &now.pdf), &before, &what, lang)?;
    progress.say(&tr(format!("wrote {}", crate::inputs::paths::relative(&session.project, &report).display())));
    progress.line(&format!(
        "compared in {compare_s:.1} s, report written in {:.1} s",
        report_started.elapsed().as_secs_f64()
    ));
    let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
    if diff.is_empty() {
        progress.line(&match what.as_str() {
            APPROVED => format!("no changes: the build is as approved (in {seconds} s)"),
            _ => format!("no changes against {what} (in {seconds} s)"),
        });
        return Ok(());
    }
    Err(Error::Changes(match what.as_str() {
        APPROVED => format!("{counted} since the approved build (in {seconds} s)"),
        _ => format!("{counted} against {what} (in {seconds} s)"),
    }))
}

/// What the approved build is called in the messages.
const APPROVED: &str = "the approved build";

/// `compare` of two builds read out of PDFs, which know no chapters: their pages compared as
/// one sequence of words, then each page given back the chapter and heading it lies in now
/// (a page that is gone, the chapter of the page now matched to the one before it).
fn compare_as_one(old: &crate::outputs::approval::Baseline, now: &crate::outputs::approval::Baseline) -> Diff {
    let mut plain = now.clone();
    for page in &mut plain.pages {
        page.id.chapter = None;
    }
    let mut diff = crate::outputs::compare::compare(old, &plain);
    for page in &mut diff.pages {
        page.id.chapter = now.pages.get(page.id.page - 1).and_then(|p| p.id.chapter.clone());
    }
    for (folio, chapter) in &mut diff.removed_pages {
        let before =
            diff.pages.iter().filter(|p| p.matched.is_some_and(|m| (m as u64) < *folio)).max_by_key(|p| p.matched);
        *chapter = before.and_then(|p| p.id.chapter.clone());
    }
    diff
}

/// The resolution of the pages shown in the report, in pixels per inch: an A4 page is 910 ×
/// 1286 pixels, its body text readable; the page's own width on the screen at 100 %.
pub const REPORT_PPI: f32 = 110.0;

/// The most changed pages shown at [`REPORT_PPI`]; any further at the approval's resolution,
/// so that a report of a whole other edition stays quick and small.
const SHARP_PAGES: usize = 40;

/// A share of the page above which a frame is the whole page (`hele siden`).
const WHOLE_PAGE: f64 = 0.6;

/// Writes the report as a web page, `index.html` in `out`, with the renders of the changed
/// pages, before (`before`) and now (`current`: the renders for comparing and the PDF), the
/// changed words framed.
#[allow(clippy::too_many_arguments)]
fn write_report(
    session: &Session,
    out: &Path,
    diff: &Diff,
    summary: &str,
    chapters: &[crate::outputs::diff_report::ChapterLine],
    current: (&[crate::outputs::approval::Render], &[u8]),
    before: &Before,
    what: &str,
    lang: Lang,
) -> Result<std::path::PathBuf> {
    use crate::outputs::diff_report::{Region, changed_regions, word_regions};
    let tr = |text: String| translate(lang, &text);
    let titles: Vec<(String, String)> =
        session.edition.config.chapters().map(|c| (c.slug.clone(), c.title.clone())).collect();
    let id = &session.edition.config.id;
    let dir = super::out_dir(session, out)?;
    let (renders, now_pdf) = current;
    let shown: Vec<&PageDiff> =
        diff.pages.iter().filter(|p| matches!(p.status, Status::Changed { .. } | Status::Added)).collect();
    // The pages before and now at the report's resolution (the first SHARP_PAGES), each PDF
    // read once for its words' boxes.
    let sharp: Vec<&PageDiff> = shown.iter().copied().take(SHARP_PAGES).collect();
    let now_sharp = crate::outputs::approval::render_pages(
        now_pdf,
        &sharp.iter().map(|p| p.id.page).collect::<Vec<_>>(),
        REPORT_PPI,
    );
    let old_numbers: Vec<Option<usize>> = sharp.iter().map(|p| p.matched).collect();
    let old_sharp = before.pdf().map(|pdf| {
        let pages: Vec<usize> = old_numbers.iter().map(|m| m.unwrap_or(0)).collect();
        crate::outputs::approval::render_pages(pdf, &pages, REPORT_PPI)
    });
    let now_words = crate::outputs::pdf_words::page_word_boxes(now_pdf).unwrap_or_default();
    let old_words =
        before.pdf().and_then(|pdf| crate::outputs::pdf_words::page_word_boxes(pdf).ok()).unwrap_or_default();
    struct Shown {
        old: Option<Vec<u8>>,
        now: Vec<u8>,
        old_regions: Vec<Region>,
        now_regions: Vec<Region>,
        whole: bool,
    }
    let whole_page = vec![Region { x: 0.0, y: 0.0, w: 100.0, h: 100.0 }];
    let mut prepared: Vec<(&PageDiff, Shown)> = Vec::new();
    for (k, page) in shown.iter().enumerate() {
        let Some(low) = renders.get(page.id.page - 1) else { continue };
        let matched = page.matched.filter(|_| matches!(page.status, Status::Changed { .. }));
        let now_png = now_sharp.get(k).cloned().flatten().unwrap_or_else(|| low.png.clone());
        let old_png = matched.and_then(|n| {
            old_sharp.as_ref().and_then(|renders| renders.get(k).cloned().flatten()).or_else(|| before.png(n))
        });
        let (mut old_regions, mut now_regions) = match (matched, now_words.get(page.id.page - 1)) {
            (Some(n), Some(now)) if !page.added.is_empty() || !page.removed.is_empty() => {
                let old = old_words.get(n - 1).map(Vec::as_slice).unwrap_or_default();
                word_regions(old, now, &page.removed, &page.added)
            }
            _ => (Vec::new(), Vec::new()),
        };
        // No word to frame (a number in a chart, a picture, the same words looking
        // different): where the pixels differ.
        if old_regions.is_empty()
            && now_regions.is_empty()
            && let Some(old) = &old_png
        {
            let regions = changed_regions(old, &now_png);
            (old_regions, now_regions) = (regions.clone(), regions);
        }
        let area = |regions: &[Region]| regions.iter().map(|r| r.w * r.h).sum::<f64>() / 10_000.0;
        let whole = matched.is_none() || area(&now_regions).max(area(&old_regions)) > WHOLE_PAGE;
        if whole {
            now_regions.clone_from(&whole_page);
            if old_png.is_some() {
                old_regions.clone_from(&whole_page);
            }
        }
        prepared.push((page, Shown { old: old_png, now: now_png, old_regions, now_regions, whole }));
    }
    let pages: Vec<crate::outputs::diff_report::Page> = prepared
        .iter()
        .map(|(p, shown)| crate::outputs::diff_report::Page {
            diff: p,
            title: tr(page_line(p, what, &titles)),
            approved_png: shown.old.as_deref(),
            current_png: &shown.now,
            approved_regions: &shown.old_regions,
            current_regions: &shown.now_regions,
            whole: shown.whole,
        })
        .collect();
    let code = if lang == Lang::Nb { "nb" } else { "en" };
    let (title, label) = match what {
        APPROVED => (
            tr(format!("Changes since the approved build of edition {id}")),
            crate::outputs::diff_report::Label::Approved,
        ),
        _ => (tr(format!("Changes in edition {id} against {what}")), crate::outputs::diff_report::Label::Before),
    };
    let html = crate::outputs::diff_report::html(code, &title, summary, chapters, &pages, diff, label, &tr);
    let path = dir.join("index.html");
    crate::outputs::files::write_atomic(&path, html.as_bytes())?;
    Ok(path)
}

/// One line per chapter, in the order of the pages (the front and back matter as one), in
/// the language of `tr`.
fn chapter_lines(
    diff: &Diff,
    titles: &[(String, String)],
    tr: &dyn Fn(String) -> String,
) -> Vec<crate::outputs::diff_report::ChapterLine> {
    let mut chapters: Vec<Option<&str>> = Vec::new();
    let all =
        diff.pages.iter().map(|p| p.id.chapter.as_deref()).chain(diff.removed_pages.iter().map(|(_, c)| c.as_deref()));
    for chapter in all {
        if !chapters.contains(&chapter) {
            chapters.push(chapter);
        }
    }
    chapters
        .into_iter()
        .map(|chapter| {
            let name = match chapter {
                Some(slug) => chapter_name(slug, titles),
                None => tr(FRONT_AND_BACK.to_string()),
            };
            let pages: Vec<&PageDiff> = diff.pages.iter().filter(|p| p.id.chapter.as_deref() == chapter).collect();
            let changed: Vec<String> = pages
                .iter()
                .filter(|p| matches!(p.status, Status::Changed { .. } | Status::Added))
                .map(|p| p.id.folio.to_string())
                .collect();
            let moved: Vec<String> = pages
                .iter()
                .filter_map(|p| match p.status {
                    Status::Moved { from } if from == p.id.folio => Some(tr(format!("{from} (reflowed)"))),
                    Status::Moved { from } => Some(format!("{from} → {}", p.id.folio)),
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
            crate::outputs::diff_report::ChapterLine { name, changes: (!parts.is_empty()).then(|| parts.join("; ")) }
        })
        .collect()
}

/// The front and back matter's name in the summary.
const FRONT_AND_BACK: &str = "the front and back matter";

/// A chapter as the reader knows it: `«Økonomi»`, by its title (its slug when it has none).
fn chapter_name(slug: &str, titles: &[(String, String)]) -> String {
    match titles.iter().find(|(s, _)| s == slug).map(|(_, t)| t.as_str()) {
        Some(title) if !title.trim().is_empty() => format!("«{title}»"),
        _ => slug.to_string(),
    }
}

/// The chapters that did not change, in one line: all of them named when they are few,
/// else counted; none when every chapter changed.
fn unchanged_line(
    chapters: &[crate::outputs::diff_report::ChapterLine],
    tr: &dyn Fn(String) -> String,
) -> Option<String> {
    let unchanged: Vec<&str> = chapters.iter().filter(|c| c.changes.is_none()).map(|c| c.name.as_str()).collect();
    match unchanged.len() {
        0 => None,
        1..=4 => Some(tr(format!("unchanged: {}", unchanged.join(", ")))),
        n if n == chapters.len() => Some(tr(format!("unchanged: all {n} part(s) of the book"))),
        n => Some(tr(format!("unchanged: the other {n} part(s) of the book"))),
    }
}

/// An edit with its context: `«… viser at [-78-] {+12 345+} prosent av …»`.
fn hunk_line(hunk: &crate::outputs::compare::Hunk) -> String {
    let cut = |words: &[String]| {
        let more =
            if words.len() > SHOWN_WORDS { format!(" … (+{})", words.len() - SHOWN_WORDS) } else { String::new() };
        format!(
            "{}{more}",
            words.iter().take(SHOWN_WORDS).cloned().collect::<Vec<_>>().join(" ").replace('\u{a0}', " ")
        )
    };
    let mut parts: Vec<String> = Vec::new();
    if !hunk.before.is_empty() {
        parts.push(format!("… {}", hunk.before.join(" ").replace('\u{a0}', " ")));
    }
    if !hunk.removed.is_empty() {
        parts.push(format!("[-{}-]", cut(&hunk.removed)));
    }
    if !hunk.added.is_empty() {
        parts.push(format!("{{+{}+}}", cut(&hunk.added)));
    }
    if !hunk.after.is_empty() {
        parts.push(format!("{} …", hunk.after.join(" ").replace('\u{a0}', " ")));
    }
    format!("«{}»", parts.join(" "))
}

/// A block that moved onto page `to`: `moved from page 24 to page 25: «REGNSKAP 2022 …» (12 words)`.
fn moved_line(block: &crate::outputs::compare::MovedBlock, to: u64) -> String {
    let words = block.words.len();
    let start: Vec<String> = block.words.iter().take(8).map(|w| w.replace('\u{a0}', " ")).collect();
    let more = if words > 8 { " …" } else { "" };
    let shown = format!("«{}{more}» ({words} words)", start.join(" "));
    format!("moved from page {} to page {to}: {shown}", block.from)
}

/// A changed page's heading line: `page 3 («Første kapittel», «Et avsnitt»): changed`
/// (`what`: the build compared with; `titles`: the chapters' by slug).
fn page_line(page: &PageDiff, what: &str, titles: &[(String, String)]) -> String {
    let place = match (&page.id.chapter, &page.id.heading) {
        (Some(chapter), Some(heading)) => format!("{}, «{heading}»", chapter_name(chapter, titles)),
        (Some(chapter), None) => chapter_name(chapter, titles),
        (None, Some(heading)) => format!("«{heading}»"),
        (None, None) => FRONT_AND_BACK.to_string(),
    };
    let folio = page.id.folio;
    match page.status {
        Status::Added => format!("page {folio} ({place}): new, nothing like it in {what}"),
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
