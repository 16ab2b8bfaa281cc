//! Editions: `data/<id>/edition.toml` and everything it names, loaded into the [`Model`]
//! the layouts consume. Every problem is collected so `rapport check` reports them all.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::diag::Problems;
use crate::keyfigures::load_key_figures;
use crate::table::{decode, load_table};
use crate::text::{Block, ChartKind, Inline, Run, parse_chapter};

/// `edition.toml`: one edition of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EditionConfig {
    /// The folder name, e.g. `2020-2023`.
    pub id: String,
    /// The report's title.
    pub title: String,
    /// The line under the title on the cover.
    #[serde(default)]
    pub subtitle: String,
    /// The municipality publishing the report.
    pub municipality: String,
    /// The file stem of the PDF.
    pub output: String,
    /// The edition's fixed date: the PDF's date, so builds are reproducible.
    pub date: toml::value::Datetime,
    /// The document language (`nb`).
    pub language: String,
    /// The years the key-figure tables cover.
    pub years: Vec<i32>,
    /// Words allowed in number cells.
    #[serde(default)]
    pub status_words: Vec<String>,
    /// The goals shown on the cover.
    #[serde(default)]
    pub cover_goals: Vec<u8>,
    /// Lines of the colophon (editor, design, photo, print).
    #[serde(default)]
    pub colophon: Vec<String>,
    /// Lines of the back cover (addresses).
    #[serde(default)]
    pub back_cover: Vec<String>,
    /// The parts of the report, in order.
    pub parts: Vec<PartConfig>,
    /// The data of the maps drawn in the report.
    #[serde(default)]
    pub maps: Vec<crate::maps::MapConfig>,
}

/// A part of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PartConfig {
    /// The part's title.
    pub title: String,
    /// Its chapters, in order.
    pub chapters: Vec<ChapterConfig>,
}

/// A chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChapterConfig {
    /// Its id and the name of its files.
    pub slug: String,
    /// Its title as printed.
    pub title: String,
    /// The sustainability goals it serves.
    #[serde(default)]
    pub goals: Vec<u8>,
    /// Its text file, relative to the edition folder.
    pub text: String,
    /// Its KOMMUNEPLANENS MÅL file, relative to the edition folder.
    #[serde(default)]
    pub key_figures: Option<String>,
    /// The page it starts on in the printed edition.
    #[serde(default)]
    pub expected_page: Option<u32>,
    /// Whether it is listed in the table of contents.
    #[serde(default = "yes")]
    pub in_toc: bool,
    /// Its entry in the table of contents where the print words it differently.
    #[serde(default)]
    pub toc_title: Option<String>,
    /// How it opens: `spread` (a photo on the left-hand page, title on the right) or `page`.
    #[serde(default)]
    pub opener: Opener,
}

/// How a chapter opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Opener {
    /// A photo spread: the photo on the left-hand page, the title and introduction on the right.
    Spread,
    /// The title at the top of a new left-hand page.
    #[default]
    Page,
}

fn yes() -> bool {
    true
}

/// The model handed to the layouts as `/model.json`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Model {
    pub edition: EditionInfo,
    pub parts: Vec<PartModel>,
}

/// What the layouts need to know about the edition.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct EditionInfo {
    pub id: String,
    pub title: String,
    pub subtitle: String,
    pub municipality: String,
    pub language: String,
    pub years: Vec<i32>,
    pub cover_goals: Vec<u8>,
    pub colophon: Vec<Inline>,
    pub back_cover: Vec<Inline>,
    /// `all` for the whole report, a chapter's slug for a handout.
    pub scope: String,
}

/// A part with its loaded chapters.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PartModel {
    pub title: String,
    pub chapters: Vec<ChapterModel>,
}

/// A loaded chapter.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChapterModel {
    pub slug: String,
    pub title: String,
    pub goals: Vec<u8>,
    pub expected_page: Option<u32>,
    pub in_toc: bool,
    pub toc_title: Option<String>,
    pub opener: Opener,
    /// The blocks before the first section heading.
    pub intro: Vec<Block>,
    /// The rest.
    pub body: Vec<Block>,
}

/// A loaded edition.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition's folder.
    pub dir: PathBuf,
    pub config: EditionConfig,
    pub model: Model,
    /// Files generated from the data (drawn maps), served to Typst at these virtual paths.
    pub generated: Vec<(String, Vec<u8>)>,
}

/// The id of the default edition: the newest folder in `data/` with an `edition.toml`.
pub fn default_edition(project: &Path) -> anyhow::Result<String> {
    let data = project.join("data");
    let mut ids: Vec<String> = fs::read_dir(&data)
        .with_context(|| format!("cannot list the editions in {}", data.display()))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("edition.toml").is_file())
        .filter_map(|entry| entry.file_name().to_str().map(String::from))
        .collect();
    ids.sort();
    match ids.pop() {
        Some(id) => Ok(id),
        None => bail!("no edition found: expected a folder data/<id>/ with an edition.toml"),
    }
}

/// Reads and checks `edition.toml`. Errors here are configuration errors (exit code 2).
pub fn load_config(project: &Path, id: &str) -> anyhow::Result<(PathBuf, EditionConfig)> {
    let dir = project.join("data").join(id);
    let path = dir.join("edition.toml");
    let text = fs::read_to_string(&path)
        .with_context(|| format!("cannot read the edition file {}", relative(project, &path).display()))?;
    let config: EditionConfig = toml::from_str(&text).map_err(|err| {
        let (line, column) = err.span().map_or((1, 1), |s| crate::diag::line_column(&text, s.start));
        anyhow::anyhow!("{}:{line}:{column}: {}", relative(project, &path).display(), err.message().trim())
    })?;
    if config.id != id {
        bail!(
            "{}: `id` is `{}` but the folder is `{id}`; they must match",
            relative(project, &path).display(),
            config.id
        );
    }
    Ok((dir, config))
}

/// Loads an edition and all its files into the model. Data problems are collected.
pub fn load_edition(project: &Path, id: &str, problems: &mut Problems) -> anyhow::Result<Edition> {
    let (dir, config) = load_config(project, id)?;
    let mut seen = std::collections::HashSet::new();
    let mut generated = Vec::new();
    let mut parts = Vec::new();
    for part in &config.parts {
        let mut chapters = Vec::new();
        for chapter in &part.chapters {
            let toml_path = relative(project, &dir.join("edition.toml"));
            if !seen.insert(chapter.slug.clone()) {
                problems.file_error(&toml_path, format!("the chapter slug `{}` is used twice", chapter.slug));
            }
            if let Some(bad) = chapter.goals.iter().find(|g| !(1..=17).contains(*g)) {
                problems.file_error(
                    &toml_path,
                    format!("chapter `{}`: expected goal numbers 1–17, found {bad}", chapter.slug),
                );
            }
            let Some((path, text)) = read_data(project, &dir, &chapter.text, problems) else { continue };
            let mut blocks = parse_chapter(&path, &text, problems);
            for block in &mut blocks {
                resolve(project, &dir, &config, chapter, &path, &text, block, problems);
                if let Block::Map { spec, svg, at, .. } = block {
                    *svg = draw_map(project, &dir, &config, &spec.id, &path, &text, at, &mut generated, problems);
                }
            }
            let split =
                blocks.iter().position(|b| matches!(b, Block::Heading { level: 2, .. })).unwrap_or(blocks.len());
            let body = blocks.split_off(split);
            chapters.push(ChapterModel {
                slug: chapter.slug.clone(),
                title: chapter.title.clone(),
                goals: chapter.goals.clone(),
                expected_page: chapter.expected_page,
                in_toc: chapter.in_toc,
                toc_title: chapter.toc_title.clone(),
                opener: chapter.opener,
                intro: blocks,
                body,
            });
        }
        parts.push(PartModel { title: part.title.clone(), chapters });
    }
    let model = Model {
        edition: EditionInfo {
            id: config.id.clone(),
            title: config.title.clone(),
            subtitle: config.subtitle.clone(),
            municipality: config.municipality.clone(),
            language: config.language.clone(),
            years: config.years.clone(),
            cover_goals: config.cover_goals.clone(),
            colophon: config.colophon.iter().map(|l| inline_plain(l)).collect(),
            back_cover: config.back_cover.iter().map(|l| inline_plain(l)).collect(),
            scope: "all".into(),
        },
        parts,
    };
    crate::corrections::check_corrections(project, &dir, problems);
    Ok(Edition { dir, config, model, generated })
}

/// Fills in the data of a block that names files.
#[allow(clippy::too_many_arguments)]
fn resolve(
    project: &Path,
    dir: &Path,
    config: &EditionConfig,
    chapter: &ChapterConfig,
    text_path: &Path,
    text: &Arc<str>,
    block: &mut Block,
    problems: &mut Problems,
) {
    let words = &config.status_words;
    match block {
        Block::Table { spec, table, .. } => {
            if let Some((path, csv)) = read_data(project, dir, &spec.file, problems) {
                *table = load_table(&path, &csv, spec.header_rows, spec.columns.as_deref(), words, problems);
            }
        }
        Block::Chart { spec, data, .. } => {
            if let Some(file) = &spec.file {
                if let Some((path, csv)) = read_data(project, dir, file, problems) {
                    *data = load_table(&path, &csv, 1, None, words, problems);
                    let parts_of_a_whole = matches!(spec.kind, ChartKind::Donut | ChartKind::Share);
                    for row in data.iter().flat_map(|t| &t.rows) {
                        for (cell, range) in row.cells.iter().zip(&row.ranges).skip(1) {
                            if parts_of_a_whole && cell.value.as_ref().and_then(|v| v.number()).is_some_and(|n| n < 0.0)
                            {
                                problems.error(
                                    &path,
                                    &csv,
                                    range.clone(),
                                    format!(
                                        "expected a share of zero or more in this {} chart, found `{}`",
                                        if spec.kind == ChartKind::Donut { "donut" } else { "share" },
                                        cell.text
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
        Block::KeyFigures { figures, at } => match &chapter.key_figures {
            Some(file) => {
                if let Some((path, csv)) = read_data(project, dir, file, problems) {
                    *figures = load_key_figures(&path, &csv, &config.years, words, problems);
                }
            }
            None => {
                problems.error(
                    text_path,
                    text,
                    at.clone(),
                    format!("expected `key-figures` for chapter `{}` in edition.toml, found none", chapter.slug),
                );
            }
        },
        _ => {}
    }
}

/// Draws the map `id` once (several blocks may show it) and returns its virtual path, or
/// `None` when the edition has no data for it (the layout then says so).
#[allow(clippy::too_many_arguments)]
fn draw_map(
    project: &Path,
    dir: &Path,
    config: &EditionConfig,
    id: &str,
    text_path: &Path,
    text: &Arc<str>,
    at: &std::ops::Range<usize>,
    generated: &mut Vec<(String, Vec<u8>)>,
    problems: &mut Problems,
) -> Option<String> {
    let virtual_path = format!("/maps/{id}.svg");
    if generated.iter().any(|(p, _)| *p == virtual_path) {
        return Some(virtual_path);
    }
    let Some(map) = config.maps.iter().find(|m| m.id == id) else {
        // An edition without map data shows a marked frame; with map data, an unknown id is a typo.
        if !config.maps.is_empty() {
            let known: Vec<&str> = config.maps.iter().map(|m| m.id.as_str()).collect();
            problems.error(
                text_path,
                text,
                at.clone(),
                format!("expected a map id of edition.toml's [[maps]] ({}), found `{id}`", known.join(", ")),
            );
        }
        return None;
    };
    match crate::maps::draw(dir, map, &crate::maps::token_style(map)) {
        Ok(svg) => {
            generated.push((virtual_path.clone(), svg.into_bytes()));
            Some(virtual_path)
        }
        Err(message) => {
            let shown = relative(project, &dir.join(&map.boundaries));
            problems
                .file_error(&shown, format!("map `{id}`: {}", message.replace(&format!("{}/", project.display()), "")));
            None
        }
    }
}

/// Reads a file of the edition, decoding it; problems name the file relative to the project.
fn read_data(project: &Path, dir: &Path, file: &str, problems: &mut Problems) -> Option<(PathBuf, Arc<str>)> {
    let path = dir.join(file);
    let shown = relative(project, &path);
    if Path::new(file)
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir | std::path::Component::RootDir))
    {
        problems.file_error(&shown, format!("expected a path inside the edition folder, found `{file}`"));
        return None;
    }
    match fs::read(&path) {
        Ok(bytes) => Some((shown, decode(&bytes).text)),
        Err(err) => {
            problems.file_error(&shown, format!("cannot read this file: {err}"));
            None
        }
    }
}

/// Runs of a one-line text with `**bold**`.
fn inline_plain(line: &str) -> Inline {
    line.split("**")
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| Run { text: t.to_string(), strong: i % 2 == 1, lost: false })
        .collect()
}

/// A path relative to the project, for messages.
pub fn relative(project: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(project).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}
