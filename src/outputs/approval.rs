//! An approved build, as `rapport approve` records it and `rapport diff` compares against:
//! per page of the screen PDF a low-resolution render (and its hash), the page's words, the
//! chapter and heading it starts in, and the numbers of the tables on it, taken from the
//! model the page was typeset from (never read back out of the PDF).
//!
//! The record lives in `approved/<edition>/` at the project's root: `baseline.json` and
//! `pages/NNN.png`. Pages are rendered with hayro (the PDF renderer Typst depends on), and a
//! render is cached under `out/.render-cache/` by the hash of the page as Typst laid it out,
//! so an unchanged page is not rendered twice.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use typst::foundations::{Element, Selector};
use typst::introspection::{Introspector, Tag};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::model::HeadingElem;
use typst::pdf::ArtifactElem;
use typst_layout::PagedDocument;

use crate::inputs::table::Table;
use crate::model::{Block, ChartBlock, Model};

/// The folder of the approved baselines, at the project's root.
pub const APPROVED: &str = "approved";

/// The approved screen PDF's name in `approved/<edition>/`: the report draws the approved
/// pages from it at a readable size.
pub const APPROVED_PDF: &str = "approved.pdf";

/// The resolution of the recorded renders, in pixels per inch: an A4 page is 198 × 281
/// pixels, a few kilobytes as PNG, enough to see what changed and where.
pub const BASELINE_PPI: f32 = 24.0;

/// The version of `baseline.json`'s format: 2 since each page's identity is one object
/// (`id`) and charts' numbers are recorded, 3 since a word goes on over a no-break space
/// (`31 %` one word, see [`printed_words`]); baselines of formats 1 and 2 are still read (see
/// [`read_baseline`]).
pub const FORMAT: u32 = 3;

/// A build as recorded: the edition's pages, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Baseline {
    pub format: u32,
    pub edition: String,
    /// The date the edition.toml gives (not the day it was approved: the file stays the same
    /// when nothing changed).
    pub date: String,
    /// The resolution of the renders, pixels per inch.
    pub ppi: f32,
    pub pages: Vec<PageRecord>,
}

/// Which page of a build a page is: where it stands in the PDF, the number printed on it, and
/// the chapter and heading it lies in (the record's and the comparison's one identity).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PageId {
    /// The page of the PDF, from 1.
    pub page: usize,
    /// The number printed on it.
    pub folio: u64,
    /// The chapter it lies in (its slug); none for the front and back matter.
    pub chapter: Option<String>,
    /// The heading it starts under: the first on the page, else the last before it.
    pub heading: Option<String>,
}

/// One page of a build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PageRecord {
    /// Which page it is.
    pub id: PageId,
    /// SHA-256 of its render's pixels (RGBA at [`Baseline::ppi`]).
    pub render: String,
    /// Its words in the order they were laid out, the running head and foot left out.
    pub text: String,
    /// The numbers of the tables on it.
    pub numbers: Vec<NumberRecord>,
}

/// A number of a table or a chart's data, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct NumberRecord {
    /// The table: its title, and its file in the edition folder.
    pub table: String,
    pub row: String,
    pub column: String,
    pub value: String,
    /// It is a chart's: the table is the chart, the row its category, the column its series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chart: bool,
}

impl NumberRecord {
    /// What identifies the number across builds.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.table, &self.row, &self.column)
    }
}

/// The folder of `edition`'s approved baseline.
pub fn baseline_dir(project: &Path, edition: &str) -> PathBuf {
    project.join(APPROVED).join(edition)
}

/// Reads `edition`'s approved baseline; `None` when there is none.
pub fn read_baseline(project: &Path, edition: &str) -> anyhow::Result<Option<Baseline>> {
    let path = baseline_dir(project, edition).join("baseline.json");
    if !path.is_file() {
        return Ok(None);
    }
    let text = crate::inputs::paths::read_regular(&path, "an approved baseline", 64 * 1024 * 1024)?;
    let text = String::from_utf8(text).with_context(|| format!("{} is not UTF-8", path.display()))?;
    let expected = |err: serde_json::Error| {
        anyhow::anyhow!(
            "{}:{}:{}: expected an approved baseline written by `rapport approve`, found {err}; approve the edition again",
            path.display(),
            err.line(),
            err.column()
        )
    };
    // Format 1: each page's identity among its other fields, no chart's numbers.
    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case", deny_unknown_fields)]
    struct First {
        format: u32,
        edition: String,
        date: String,
        ppi: f32,
        pages: Vec<FirstPage>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case", deny_unknown_fields)]
    struct FirstPage {
        page: usize,
        folio: u64,
        chapter: Option<String>,
        heading: Option<String>,
        render: String,
        text: String,
        numbers: Vec<NumberRecord>,
    }
    #[derive(Deserialize)]
    struct Format {
        format: u32,
    }
    if serde_json::from_str::<Format>(&text).is_ok_and(|f| f.format == 1) {
        let first: First = serde_json::from_str(&text).map_err(expected)?;
        let pages = first.pages.into_iter().map(|p| PageRecord {
            id: PageId { page: p.page, folio: p.folio, chapter: p.chapter, heading: p.heading },
            render: p.render,
            text: p.text,
            numbers: p.numbers,
        });
        let (edition, date, ppi) = (first.edition, first.date, first.ppi);
        return Ok(Some(Baseline { format: first.format, edition, date, ppi, pages: pages.collect() }));
    }
    let baseline: Baseline = serde_json::from_str(&text).map_err(expected)?;
    if !(2..=FORMAT).contains(&baseline.format) {
        bail!(
            "{}: expected a baseline of format {FORMAT}, found format {}; approve the edition again",
            path.display(),
            baseline.format
        );
    }
    Ok(Some(baseline))
}

/// The facts of each page of a laid-out document: all but its render.
pub fn page_facts(document: &PagedDocument, model: &Model, chapter_pages: &[(String, usize)]) -> Vec<PageRecord> {
    let pages = document.pages();
    let ends = chapter_ends(document);
    let headings = headings(document);
    let mut records: Vec<PageRecord> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let n = i + 1;
            let chapter = chapter_pages
                .iter()
                .rfind(|(slug, start)| *start <= n && ends.get(slug).is_none_or(|end| n <= *end))
                .map(|(slug, _)| slug.clone());
            let heading = headings
                .iter()
                .find(|(p, _)| *p == n)
                .or_else(|| headings.iter().rfind(|(p, _)| *p < n))
                .map(|(_, text)| text.clone());
            PageRecord {
                id: PageId { page: n, folio: page.number, chapter, heading },
                render: String::new(),
                text: page_text(&page.frame),
                numbers: Vec::new(),
            }
        })
        .collect();
    place_numbers(document, model, &mut records);
    records
}

/// The last page of each chapter, by slug (`<lint-chapter-end>`).
fn chapter_ends(document: &PagedDocument) -> HashMap<String, usize> {
    crate::typeset::introspect::metadata_with_pages(document, "lint-chapter-end")
        .into_iter()
        .filter_map(|(page, value)| value.cast::<String>().ok().map(|slug| (slug, page)))
        .collect()
}

/// The document's headings with their pages, in order.
fn headings(document: &PagedDocument) -> Vec<(usize, String)> {
    let introspector = document.introspector();
    introspector
        .query(&Selector::Elem(Element::of::<HeadingElem>(), None))
        .iter()
        .filter_map(|content| {
            let heading = content.to_packed::<HeadingElem>()?;
            let page = introspector.page(content.location()?)?.get();
            let text = words(&heading.body.plain_text()).join(" ");
            (!text.is_empty()).then_some((page, text))
        })
        .collect()
}

pub use crate::outputs::pdf_words::NO_BREAK;

/// `text`'s words.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// `text`'s words as a page prints them: split at spaces but [`NO_BREAK`], which stay in the
/// word as U+00A0 (`31 %` one word).
pub fn printed_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() && !NO_BREAK.contains(&c))
        .map(|word| {
            word.chars()
                .map(|c| if NO_BREAK.contains(&c) { '\u{a0}' } else { c })
                .collect::<String>()
                .trim_matches('\u{a0}')
                .to_string()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// A run of text on a page: where it starts and ends on its line, its baseline and size.
struct Run {
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    text: String,
}

/// The words of a page as laid out, without its artifacts (running head and foot, the draft
/// mark): runs on one line that touch are one word; a line that ends in an inserted hyphen
/// (a soft hyphen in Typst's text) or in a hyphen after a letter runs on into the next line.
pub fn page_text(frame: &Frame) -> String {
    let mut runs = Vec::new();
    let mut artifacts = Vec::new();
    collect(frame, Transform::identity(), &mut artifacts, &mut runs);
    let mut text = String::new();
    let mut last: Option<&Run> = None;
    for run in &runs {
        if let Some(prev) = last {
            let same_line = (prev.baseline - run.baseline).abs() < 0.3 * run.size.max(prev.size);
            let touching = same_line && (run.x0 - prev.x1).abs() < 0.1 * run.size;
            if !same_line && text.ends_with('\u{ad}') {
                text.pop();
            } else if !same_line && ends_in_hyphen(&text) {
                // A compound's own hyphen at the end of the line: the word goes on.
            } else if !touching {
                text.push(' ');
            }
        }
        text.push_str(&run.text);
        last = Some(run);
    }
    printed_words(&text).join(" ")
}

/// Whether `text` ends in a hyphen after a letter (`beija-`).
fn ends_in_hyphen(text: &str) -> bool {
    let mut chars = text.chars().rev();
    matches!(chars.next(), Some('-' | '\u{2010}')) && chars.next().is_some_and(char::is_alphabetic)
}

fn collect(frame: &Frame, ts: Transform, artifacts: &mut Vec<typst::introspection::Location>, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect(&group.frame, inner, artifacts, out);
            }
            FrameItem::Tag(Tag::Start(content, _)) if content.is::<ArtifactElem>() => {
                if let Some(location) = content.location() {
                    artifacts.push(location);
                }
            }
            FrameItem::Tag(Tag::End(location, ..)) => {
                if let Some(at) = artifacts.iter().rposition(|l| l == location) {
                    artifacts.truncate(at);
                }
            }
            FrameItem::Text(text) if artifacts.is_empty() => {
                let scale = (ts.sx.get() * ts.sy.get() - ts.kx.get() * ts.ky.get()).abs().sqrt();
                let start = pos.transform(ts);
                let end = Point::new(pos.x + text.width(), pos.y).transform(ts);
                out.push(Run {
                    x0: start.x.to_pt(),
                    x1: end.x.to_pt(),
                    baseline: start.y.to_pt(),
                    size: text.size.to_pt() * scale,
                    text: text.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

/// Puts each table's numbers on the page its row stands on (and each key-figure box's, see
/// [`place_key_figures`]): the table starts on the page of
/// its `<lint-float>` mark (the layout's own record of where a figure landed), and a row
/// goes on to the next page when its label is not on the page before it and is on that one.
fn place_numbers(document: &PagedDocument, model: &Model, records: &mut [PageRecord]) {
    // Where each table and chart landed, in the order of the text, by its kind and id.
    let mut landed: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (page, value) in crate::typeset::introspect::metadata_with_pages(document, "lint-float") {
        let typst::foundations::Value::Dict(dict) = value else { continue };
        let kind = dict.get("kind").ok().and_then(|v| v.clone().cast::<String>().ok());
        let id = dict.get("id").ok().and_then(|v| v.clone().cast::<String>().ok());
        if let (Some(kind), Some(id)) = (kind, id)
            && (kind == "table" || kind == "chart")
        {
            landed.entry((kind, id)).or_default().push(page);
        }
    }
    let mut used: HashMap<(String, String), usize> = HashMap::new();
    // A table printed twice is told apart by its number: `TITLE (file) [2]`.
    let mut names: HashMap<String, usize> = HashMap::new();
    for chapter in model.parts.iter().flat_map(|p| &p.chapters) {
        let first = records.iter().position(|r| r.id.chapter.as_deref() == Some(chapter.slug.as_str()));
        // Where the chapter's key-figure boxes are looked for: from its first page on.
        let mut box_at = first;
        for block in chapter.intro.iter().chain(&chapter.body) {
            if let Block::KeyFigures { figures } = block {
                let name = format!("KOMMUNEPLANENS MÅL ({})", chapter.slug);
                let seen = names.entry(name.clone()).or_default();
                *seen += 1;
                let name = if *seen > 1 { format!("{name} [{seen}]") } else { name };
                let Some(start) = box_at else { continue };
                box_at = Some(place_key_figures(figures, &name, &chapter.slug, start, records));
                continue;
            }
            // A table, or a chart's data (its series by category), named by its title and file.
            let (kind, name, table, figure_id, chart) = match block {
                Block::Table(block) => {
                    let name = match &block.sheet {
                        Some(sheet) => format!("{} ({}!{sheet})", block.title, block.file),
                        None => format!("{} ({})", block.title, block.file),
                    };
                    ("table", name, &block.table, &block.figure_id, false)
                }
                Block::Chart(ChartBlock { title, file, data: Some(table), figure_id, .. }) => {
                    let name = format!("{title} ({})", file.as_deref().unwrap_or_default());
                    ("chart", name, table, figure_id, true)
                }
                _ => continue,
            };
            let id = (kind.to_string(), figure_id.clone().unwrap_or_default());
            let k = used.entry(id.clone()).or_default();
            let page = landed.get(&id).and_then(|pages| pages.get(*k)).map(|p| p - 1).or(first);
            *k += 1;
            let Some(mut at) = page else { continue };
            let seen = names.entry(name.clone()).or_default();
            *seen += 1;
            let name = if *seen > 1 { format!("{name} [{seen}]") } else { name };
            for (row, column, value) in table_numbers(table) {
                // The row's own label is what the page shows (not its group's).
                let label = row.rsplit(" › ").next().unwrap_or(&row).split(" (").next().unwrap_or(&row);
                let on = |at: usize| records.get(at).is_some_and(|r| r.text.contains(label));
                if !on(at) && on(at + 1) {
                    at += 1;
                }
                let number = NumberRecord { table: name.clone(), row: row.clone(), column, value, chart };
                if let Some(record) = records.get_mut(at) {
                    record.numbers.push(number);
                }
            }
        }
    }
}

/// Puts a key-figure box's figures on the pages its nøkkeltall stand on, looked for from the
/// page `start` (an index) on within the chapter `slug`: a nøkkeltall stays on the page of
/// the one before it unless its first words are not there and are on a later page. Each
/// figure is named by its nøkkeltall (`row`) and year (`column`). Returns the page the box
/// ends on.
fn place_key_figures(
    figures: &crate::inputs::keyfigures::KeyFigures,
    name: &str,
    slug: &str,
    start: usize,
    records: &mut [PageRecord],
) -> usize {
    let mut at = start;
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for indicator in figures.goals.iter().flat_map(|g| &g.subgoals).flat_map(|s| &s.indicators) {
        let label = words(&indicator.text).join(" ");
        let probe = words(&indicator.text).into_iter().take(4).collect::<Vec<_>>().join(" ");
        let holds = |r: &PageRecord| r.id.chapter.as_deref() == Some(slug) && r.text.contains(&probe);
        if !records.get(at).is_some_and(holds)
            && let Some(found) = records.iter().skip(at + 1).position(holds)
        {
            at += 1 + found;
        }
        for (year, value) in figures.years.iter().zip(&indicator.values) {
            let n = seen.entry((label.clone(), year.to_string())).or_default();
            *n += 1;
            let row = if *n > 1 { format!("{label} ({n})") } else { label.clone() };
            let number = NumberRecord {
                table: name.to_string(),
                row,
                column: year.to_string(),
                value: words(value.text()).join(" "),
                chart: false,
            };
            if let Some(record) = records.get_mut(at) {
                record.numbers.push(number);
            }
        }
    }
    at
}

/// A table's numbers: (row, column, value as printed) for each cell of a number column. A
/// row is named by its first cell (under its group, `Group › row`), a column by its headers;
/// a row or column named as one before it gets its number, `Sum (2)`, so that no two numbers
/// of a table share a name (one would hide the other's change).
pub fn table_numbers(table: &Table) -> Vec<(String, String, String)> {
    let columns = column_names(table);
    let mut out = Vec::new();
    let mut group: Option<String> = None;
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    for row in &table.rows {
        let label = row.cells.first().map(|c| words(&c.text).join(" ")).unwrap_or_default();
        if row.group {
            group = Some(label);
            continue;
        }
        let label = match &group {
            Some(group) => format!("{group} › {label}"),
            None => label,
        };
        for (i, cell) in row.cells.iter().enumerate() {
            if cell.value.is_some() {
                let column = columns.get(i).cloned().unwrap_or_else(|| format!("column {}", i + 1));
                let n = seen.entry((label.clone(), column.clone())).or_default();
                *n += 1;
                let row = if *n > 1 { format!("{label} ({n})") } else { label.clone() };
                out.push((row, column, words(&cell.text).join(" ")));
            }
        }
    }
    out
}

/// Each column's name: its header cells from top to bottom, joined by ` › `.
fn column_names(table: &Table) -> Vec<String> {
    let mut names: Vec<Vec<String>> = vec![Vec::new(); table.columns.len()];
    // Cells spanning rows below them are counted where they stand.
    let mut covered: Vec<usize> = vec![0; table.columns.len()];
    for header in &table.header {
        let mut column = 0;
        for cell in header {
            while covered.get(column).is_some_and(|c| *c > 0) {
                covered[column] -= 1;
                column += 1;
            }
            for c in column..(column + cell.colspan.max(1)).min(names.len()) {
                let text = words(&cell.text).join(" ");
                if !text.is_empty() {
                    names[c].push(text);
                }
                covered[c] = cell.rowspan.max(1) - 1;
            }
            column += cell.colspan.max(1);
        }
        for c in covered.iter_mut().skip(column) {
            *c = c.saturating_sub(1);
        }
    }
    names.into_iter().map(|parts| parts.join(" › ")).collect()
}

/// A page rendered: its PNG and the hash of its pixels.
#[derive(Debug, Clone)]
pub struct Render {
    pub png: Vec<u8>,
    pub hash: String,
}

/// Renders the pages of `pdf` at `ppi`, each cached in `cache` (a folder) by its key
/// (`keys`, one per page: the hash of the page as laid out, with the resolution); returns
/// the renders and how many were not in the cache.
pub fn render_all(pdf: &[u8], keys: &[String], ppi: f32, cache: Option<&Path>) -> anyhow::Result<(Vec<Render>, usize)> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::{RenderCache, RenderSettings, render};

    let mut out: Vec<Option<Render>> = vec![None; keys.len()];
    let cached = |key: &str| cache.map(|dir| dir.join(format!("{key}.png")));
    for (slot, key) in out.iter_mut().zip(keys) {
        if let Some(path) = cached(key)
            && let Ok(png) = std::fs::read(&path)
            && let Ok(pixmap) = hayro::vello_cpu::Pixmap::from_png(std::io::Cursor::new(&png))
        {
            *slot = Some(Render { hash: pixel_hash(pixmap.data_as_u8_slice()), png });
        }
    }
    let missing = out.iter().filter(|r| r.is_none()).count();
    if missing == 0 {
        return Ok((out.into_iter().flatten().collect(), 0));
    }
    let pdf = Pdf::new(pdf.to_vec()).map_err(|err| anyhow::anyhow!("cannot read the PDF for rendering: {err:?}"))?;
    let render_cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let scale = ppi / 72.0;
    let white = hayro::vello_cpu::color::palette::css::WHITE;
    let render_settings = RenderSettings { x_scale: scale, y_scale: scale, bg_color: white, ..Default::default() };
    for (i, slot) in out.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        let Some(page) = pdf.pages().get(i) else { bail!("the PDF has no page {}", i + 1) };
        let pixmap = render(page, &render_cache, &settings, &render_settings);
        let hash = pixel_hash(pixmap.data_as_u8_slice());
        let png = pixmap.into_png().map_err(|err| anyhow::anyhow!("cannot encode page {} as PNG: {err}", i + 1))?;
        if let Some(path) = cached(&keys[i]) {
            // A cache that cannot be written is only slower.
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")));
            let _ = crate::outputs::files::write_atomic(&path, &png);
        }
        *slot = Some(Render { png, hash });
    }
    Ok((out.into_iter().flatten().collect(), missing))
}

/// Renders the pages `pages` of `pdf` (from 1) at `ppi`, not cached: none for a page the PDF
/// does not have (0 among them) or that cannot be encoded.
pub fn render_pages(pdf: &[u8], pages: &[usize], ppi: f32) -> Vec<Option<Vec<u8>>> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::{RenderCache, RenderSettings, render};
    let Ok(pdf) = Pdf::new(pdf.to_vec()) else { return vec![None; pages.len()] };
    let render_cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let scale = ppi / 72.0;
    let white = hayro::vello_cpu::color::palette::css::WHITE;
    let render_settings = RenderSettings { x_scale: scale, y_scale: scale, bg_color: white, ..Default::default() };
    pages
        .iter()
        .map(|&n| {
            let page = pdf.pages().get(n.checked_sub(1)?)?;
            render(page, &render_cache, &settings, &render_settings).into_png().ok()
        })
        .collect()
}

/// Removes from the render cache `dir` the renders of pages that are not among `keys` (the
/// current build's), so that it holds one build's pages and does not grow with every edit.
/// Only files named as the cache names them are touched.
pub fn prune_cache(dir: &Path, keys: &[String]) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".png")) else { continue };
        let ours = stem
            .split_once('-')
            .is_some_and(|(hash, _)| hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
        if ours && !keys.iter().any(|k| k == stem) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The hex SHA-256 of a render's pixels.
fn pixel_hash(pixels: &[u8]) -> String {
    sha2::Sha256::digest(pixels).iter().map(|b| format!("{b:02x}")).collect()
}

/// The cache key of each page of `document` at `ppi`: a hash of what the page draws (see
/// [`Drawn`]) with its size and fill, the same from one run to the next.
pub fn page_keys(document: &PagedDocument, ppi: f32) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| {
            let key = (Drawn(&page.frame), &page.fill, &page.bleed, ppi.to_bits());
            format!("{:032x}-{}", typst::utils::hash128(&key), ppi)
        })
        .collect()
}

/// What a frame draws, hashed without what differs between runs of the same build: the
/// source spans of glyphs and shapes (file ids are numbered in the order files are read),
/// the introspection tags and the links (which draw nothing).
struct Drawn<'a>(&'a Frame);

impl std::hash::Hash for Drawn<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.size().hash(state);
        for (pos, item) in self.0.items() {
            match item {
                FrameItem::Group(group) => {
                    (0u8, pos, group.transform, &group.clip).hash(state);
                    Drawn(&group.frame).hash(state);
                }
                FrameItem::Text(text) => {
                    (1u8, pos, &text.font, text.size, &text.fill, &text.stroke, &text.text).hash(state);
                    for glyph in &text.glyphs {
                        (glyph.id, glyph.x_advance, glyph.x_offset, glyph.y_advance, glyph.y_offset).hash(state);
                    }
                }
                FrameItem::Shape(shape, _) => (2u8, pos, shape).hash(state),
                FrameItem::Image(image, size, _) => (3u8, pos, image, size).hash(state),
                FrameItem::Link(..) | FrameItem::Tag(_) => {}
            }
        }
    }
}

/// The record of a build: its pages' facts and renders.
pub fn baseline(edition: &str, date: &str, mut pages: Vec<PageRecord>, renders: &[Render], ppi: f32) -> Baseline {
    for (page, render) in pages.iter_mut().zip(renders) {
        page.render.clone_from(&render.hash);
    }
    Baseline { format: FORMAT, edition: edition.to_string(), date: date.to_string(), ppi, pages }
}

/// Writes `baseline` and its renders into `dir` (replacing what was there).
pub fn write_baseline(dir: &Path, baseline: &Baseline, renders: &[Render]) -> anyhow::Result<Vec<PathBuf>> {
    let pages = dir.join("pages");
    if pages.is_dir() {
        std::fs::remove_dir_all(&pages).with_context(|| format!("cannot clear {}", pages.display()))?;
    }
    std::fs::create_dir_all(&pages).with_context(|| format!("cannot create {}", pages.display()))?;
    for (i, render) in renders.iter().enumerate() {
        crate::outputs::files::write_atomic(&pages.join(format!("{:03}.png", i + 1)), &render.png)?;
    }
    let json = serde_json::to_string_pretty(baseline).context("cannot write the baseline as JSON")?;
    let path = dir.join("baseline.json");
    crate::outputs::files::write_atomic(&path, format!("{json}\n").as_bytes())?;
    Ok(vec![path, pages])
}

/// The last build of an edition's screen PDF, kept in the render cache
/// (`out/.render-cache/<edition>.build.json` and `.build.pdf`) with a hash of every input it
/// was built from, so that `diff` and `approve` need not typeset an unchanged edition again.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct BuildRecord {
    format: u32,
    /// [`inputs_hash`] when it was built.
    inputs: String,
    /// Each page's key in the render cache.
    keys: Vec<String>,
    baseline: Baseline,
}

/// A hash of everything a build of `model` reads: the model as Typst is given it, every file
/// of the folders Typst may read (layouts, data, assets, fonts: names and contents), and the
/// program itself (its size and when it was built), so that a new version of rapport builds
/// again.
pub fn inputs_hash(project: &Path, model: &Model) -> String {
    let mut hash = sha2::Sha256::new();
    hash.update(FORMAT.to_le_bytes());
    hash.update(serde_json::to_vec(model).unwrap_or_default());
    let program = std::env::current_exe().and_then(std::fs::metadata).ok();
    let built =
        program.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    hash.update(format!("{:?} {:?}", program.map(|m| m.len()), built).as_bytes());
    for dir in crate::typeset::world::READABLE {
        let mut files = crate::inputs::paths::files_below(&project.join(dir));
        files.sort();
        for file in files {
            let name = crate::inputs::paths::relative(project, &file);
            let bytes = std::fs::read(&file).unwrap_or_default();
            hash.update(name.to_string_lossy().as_bytes());
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
        }
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The build of `edition` recorded in `cache` if it was built from `inputs`: its baseline,
/// its pages' keys and its PDF.
pub fn read_build(cache: &Path, edition: &str, inputs: &str) -> Option<(Baseline, Vec<String>, Vec<u8>)> {
    let json =
        crate::inputs::paths::read_regular(&cache.join(format!("{edition}.build.json")), "a build record", 64 << 20)
            .ok()?;
    let record: BuildRecord = serde_json::from_slice(&json).ok()?;
    if record.format != FORMAT || record.inputs != inputs || record.keys.len() != record.baseline.pages.len() {
        return None;
    }
    let pdf =
        crate::inputs::paths::read_regular(&cache.join(format!("{edition}.build.pdf")), "a build record", 1 << 30)
            .ok()?;
    (crate::outputs::pdf_words::page_count(&pdf).ok()? == record.keys.len()).then_some((
        record.baseline,
        record.keys,
        pdf,
    ))
}

/// Records a build of `edition` in `cache` (see [`read_build`]): the PDF first, so that a
/// record is never read beside another build's PDF.
pub fn write_build(
    cache: &Path,
    edition: &str,
    inputs: &str,
    baseline: &Baseline,
    keys: &[String],
    pdf: &[u8],
) -> anyhow::Result<()> {
    std::fs::create_dir_all(cache)?;
    let json_path = cache.join(format!("{edition}.build.json"));
    let _ = std::fs::remove_file(&json_path);
    crate::outputs::files::write_atomic(&cache.join(format!("{edition}.build.pdf")), pdf)?;
    let record =
        BuildRecord { format: FORMAT, inputs: inputs.to_string(), keys: keys.to_vec(), baseline: baseline.clone() };
    crate::outputs::files::write_atomic(&json_path, &serde_json::to_vec(&record)?)?;
    Ok(())
}

/// A contact sheet of `pages` (PNG renders of one size, in order) as spreads: the first page
/// alone on the right, then even pages left and odd pages right, `per_row` spreads a row.
pub fn contact_sheet(pages: &[(usize, Vec<u8>)], per_row: usize) -> anyhow::Result<Vec<u8>> {
    use hayro::vello_cpu::Pixmap;
    let decoded: Vec<(usize, Pixmap)> = pages
        .iter()
        .map(|(n, png)| Ok((*n, Pixmap::from_png(std::io::Cursor::new(png)).context("cannot read a page's render")?)))
        .collect::<anyhow::Result<_>>()?;
    let (w, h) =
        decoded.iter().fold((1u32, 1u32), |(w, h), (_, p)| (w.max(p.width().into()), h.max(p.height().into())));
    // Spreads by their left-hand page's number (0 for the first page's spread).
    let mut spreads: Vec<usize> = decoded.iter().map(|(n, _)| n / 2 * 2).collect();
    spreads.dedup();
    let gap = 16u32;
    let per_row = per_row.clamp(1, spreads.len().max(1)) as u32;
    let rows = (spreads.len() as u32).div_ceil(per_row).max(1);
    let width = per_row * (2 * w + gap) + gap;
    let height = rows * (h + gap) + gap;
    if width > u32::from(u16::MAX) || height > u32::from(u16::MAX) {
        bail!("the contact sheet would be {width} × {height} pixels: choose fewer pages or a lower --ppi");
    }
    let mut sheet = Pixmap::new(width as u16, height as u16);
    let grey = hayro::vello_cpu::color::PremulRgba8 { r: 200, g: 204, b: 206, a: 255 };
    sheet.data_mut().iter_mut().for_each(|p| *p = grey);
    for (n, page) in &decoded {
        let Some(spread) = spreads.iter().position(|s| *s == n / 2 * 2) else { continue };
        let (row, col) = (spread as u32 / per_row, spread as u32 % per_row);
        let x0 = gap + col * (2 * w + gap) + if n % 2 == 1 { w } else { 0 };
        let y0 = gap + row * (h + gap);
        for y in 0..u32::from(page.height()) {
            for x in 0..u32::from(page.width()) {
                sheet.set_pixel((x0 + x) as u16, (y0 + y) as u16, page.sample(x as u16, y as u16));
            }
        }
    }
    sheet.into_png().map_err(|err| anyhow::anyhow!("cannot encode the contact sheet: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::table::{Cell, ColumnType, HeaderCell, Row};

    fn row(group: bool, cells: &[&str]) -> Row {
        let cells = cells
            .iter()
            .enumerate()
            .map(|(i, t)| Cell {
                text: t.to_string(),
                value: (i > 0 && !group).then(|| crate::inputs::value::Value::Empty { text: t.to_string() }),
            })
            .collect();
        Row { group, sum: false, cells, ranges: Vec::new() }
    }

    // Every number of a table has a name of its own: rows under groups carry the group, a
    // row named twice its number, columns their headers top to bottom.
    #[test]
    fn every_number_of_a_table_has_its_own_name() {
        let header = |text: &str, colspan| HeaderCell { text: text.into(), colspan, rowspan: 1 };
        let table = Table {
            columns: vec![ColumnType::Text, ColumnType::Number, ColumnType::Number],
            header: vec![
                vec![HeaderCell { text: "Kommune".into(), colspan: 1, rowspan: 2 }, header("Andel", 2)],
                vec![header("2021", 1), header("2022", 1)],
            ],
            rows: vec![row(true, &["Vest"]), row(false, &["Sum", "1", "2"]), row(false, &["Sum", "3", "4"])],
        };
        let names: Vec<(String, String)> = table_numbers(&table).into_iter().map(|(r, c, _)| (r, c)).collect();
        let expected = [
            ("Vest › Sum", "Andel › 2021"),
            ("Vest › Sum", "Andel › 2022"),
            ("Vest › Sum (2)", "Andel › 2021"),
            ("Vest › Sum (2)", "Andel › 2022"),
        ];
        assert_eq!(names, expected.map(|(r, c)| (r.to_string(), c.to_string())));
    }
}
