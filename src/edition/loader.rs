//! Loading an edition's files into the model. A [`Loader`] carries what every step needs
//! (the project, the edition's folder and configuration, the problems found so far, the
//! maps drawn so far); its methods read top-down, from the edition to a single block.

use std::collections::HashSet;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::{ChapterConfig, EditionConfig};
use crate::diag::Problems;
use crate::keyfigures::load_key_figures;
use crate::model::{ChapterModel, EditionInfo, Model, PartModel};
use crate::paths::{PathError, relative, resolve_inside};
use crate::table::{check_series_units, decode, load_table};
use crate::text::{Block, ChartKind, Inline, inline_runs, parse_chapter};

/// A text file of the edition, read and decoded.
pub struct DataFile {
    /// The path shown in messages (relative to the project).
    pub shown: PathBuf,
    /// The decoded text.
    pub text: Arc<str>,
}

/// Where a block sits in its chapter file, for problems that belong there.
struct BlockSite<'a> {
    chapter: &'a ChapterConfig,
    file: &'a DataFile,
    at: Range<usize>,
}

/// The state of loading one edition.
pub struct Loader<'a> {
    pub project: &'a Path,
    /// The edition's folder, canonical.
    pub dir: PathBuf,
    pub config: &'a EditionConfig,
    pub problems: &'a mut Problems,
    /// Drawn maps: virtual path and SVG.
    pub generated: Vec<(String, Vec<u8>)>,
    /// What number cells may hold besides numbers.
    pub vocabulary: crate::value::Vocabulary,
}

impl<'a> Loader<'a> {
    /// The model of the whole edition.
    pub fn model(&mut self) -> Model {
        self.check_chapter_list();
        let mut parts = Vec::new();
        for part in &self.config.parts {
            let chapters = part.chapters.iter().filter_map(|chapter| self.chapter(chapter)).collect();
            parts.push(PartModel { title: part.title.clone(), chapters });
        }
        Model { edition: self.edition_info(), parts }
    }

    /// Slugs are unique and goals are 1–17.
    fn check_chapter_list(&mut self) {
        let edition_toml = relative(self.project, &self.dir.join("edition.toml"));
        let mut seen = HashSet::new();
        for chapter in self.config.chapters() {
            if !seen.insert(chapter.slug.as_str()) {
                self.problems.file_error(&edition_toml, format!("the chapter slug `{}` is used twice", chapter.slug));
            }
            if let Some(bad) = chapter.goals.iter().find(|g| !(1..=17).contains(*g)) {
                let message = format!("chapter `{}`: expected goal numbers 1–17, found {bad}", chapter.slug);
                self.problems.file_error(&edition_toml, message);
            }
        }
    }

    fn edition_info(&mut self) -> EditionInfo {
        let config = self.config;
        EditionInfo {
            id: config.id.clone(),
            title: config.title.clone(),
            subtitle: config.subtitle.clone(),
            municipality: config.municipality.clone(),
            language: config.language.clone(),
            years: config.years.clone(),
            cover_goals: config.cover_goals.clone(),
            cover_photo: config.cover_photo.as_deref().and_then(|name| self.image(name, None)),
            colophon: config.colophon.iter().map(|line| self.line(line)).collect(),
            back_cover: config.back_cover.iter().map(|line| self.line(line)).collect(),
            scope: "all".into(),
        }
    }

    /// A line of edition.toml with `**bold**` runs.
    fn line(&mut self, line: &str) -> Inline {
        let (runs, unclosed) = inline_runs(line);
        if unclosed {
            let edition_toml = relative(self.project, &self.dir.join("edition.toml"));
            self.problems.file_error(&edition_toml, format!("expected a closing `**` in `{line}`, found none"));
        }
        runs
    }

    /// One chapter: its text parsed into blocks, each block's files loaded.
    fn chapter(&mut self, chapter: &ChapterConfig) -> Option<ChapterModel> {
        let file = self.read(&chapter.text)?;
        let mut blocks = parse_chapter(&file.shown, &file.text, self.problems);
        for block in &mut blocks {
            self.fill(block, chapter, &file);
        }
        let split = blocks.iter().position(|b| matches!(b, Block::Heading { level: 2, .. })).unwrap_or(blocks.len());
        let body = blocks.split_off(split);
        Some(ChapterModel {
            slug: chapter.slug.clone(),
            title: chapter.title.clone(),
            goals: chapter.goals.clone(),
            expected_page: chapter.expected_page,
            in_toc: chapter.in_toc,
            toc_title: chapter.toc_title.clone(),
            opener: chapter.opener,
            intro: blocks,
            body,
        })
    }

    /// Fills in the data of a block that names files.
    fn fill(&mut self, block: &mut Block, chapter: &ChapterConfig, file: &DataFile) {
        match block {
            Block::Table { spec, table, .. } => {
                if let Some(csv) = self.read(&spec.file) {
                    let (rows, columns) = (spec.header_rows, spec.columns.as_deref());
                    *table = load_table(&csv.shown, &csv.text, rows, columns, &self.vocabulary, self.problems);
                    if let (Some(table), Some(_)) = (table.as_ref(), spec.chart) {
                        check_series_units(table, &csv.shown, &csv.text, self.problems);
                    }
                }
            }
            Block::Chart { spec, data, .. } => {
                if let Some(csv) = spec.file.as_deref().and_then(|name| self.read(name)) {
                    *data = load_table(&csv.shown, &csv.text, 1, None, &self.vocabulary, self.problems);
                    if let Some(table) = data {
                        check_series_units(table, &csv.shown, &csv.text, self.problems);
                        self.check_shares(spec.kind, table, &csv);
                    }
                }
            }
            Block::KeyFigures { figures, at } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                *figures = self.key_figures(&site);
            }
            Block::Photo { spec, at } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                spec.file = spec.file.as_deref().and_then(|name| self.image(name, Some(&site)));
            }
            Block::Figure { spec, at } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                spec.file = spec.file.as_deref().and_then(|name| self.image(name, Some(&site)));
            }
            Block::Map { spec, svg, at, .. } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                *svg = self.map(&spec.id, &site);
            }
            _ => {}
        }
    }

    /// Donuts and share rings draw parts of a whole: no share may be negative.
    fn check_shares(&mut self, kind: ChartKind, table: &crate::table::Table, csv: &DataFile) {
        let name = match kind {
            ChartKind::Donut => "donut",
            ChartKind::Share => "share",
            _ => return,
        };
        for row in &table.rows {
            for (cell, range) in row.cells.iter().zip(&row.ranges).skip(1) {
                if cell.value.as_ref().and_then(|v| v.number()).is_some_and(|n| n < 0.0) {
                    let message =
                        format!("expected a share of zero or more in this {name} chart, found `{}`", cell.text);
                    self.problems.error(&csv.shown, &csv.text, range.clone(), message);
                }
            }
        }
    }

    /// The KOMMUNEPLANENS MÅL box of the chapter, from the file edition.toml names.
    fn key_figures(&mut self, site: &BlockSite) -> Option<crate::keyfigures::KeyFigures> {
        let Some(name) = &site.chapter.key_figures else {
            let message =
                format!("expected `key-figures` for chapter `{}` in edition.toml, found none", site.chapter.slug);
            self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
            return None;
        };
        let csv = self.read(name)?;
        load_key_figures(&csv.shown, &csv.text, &self.config.years, &self.vocabulary, self.problems)
    }

    /// Draws the map `id` once (several blocks may show it) and returns its virtual path, or
    /// `None` when the edition has no data for it (the layout then says so).
    fn map(&mut self, id: &str, site: &BlockSite) -> Option<String> {
        let virtual_path = format!("/maps/{id}.svg");
        if self.generated.iter().any(|(path, _)| *path == virtual_path) {
            return Some(virtual_path);
        }
        let Some(map) = self.config.maps.iter().find(|m| m.id == id) else {
            // Without map data a marked frame stands in; with map data, an unknown id is a typo.
            if !self.config.maps.is_empty() {
                let known: Vec<&str> = self.config.maps.iter().map(|m| m.id.as_str()).collect();
                let message =
                    format!("expected a map id of edition.toml's [[maps]] ({}), found `{id}`", known.join(", "));
                self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
            }
            return None;
        };
        match crate::maps::draw(&self.dir, map, &crate::maps::token_style(map)) {
            Ok(svg) => {
                self.generated.push((virtual_path.clone(), svg.into_bytes()));
                Some(virtual_path)
            }
            Err(err) => {
                self.problems.map_error(self.project, &self.dir.join("edition.toml"), &err);
                None
            }
        }
    }

    /// The project path (`/data/<id>/…`) of an image the edition names, checked to be inside
    /// the edition folder, to exist and to be PNG, JPEG or SVG. A problem is put on the block
    /// that names it (`site`), or on edition.toml.
    fn image(&mut self, name: &str, site: Option<&BlockSite>) -> Option<String> {
        let found = match resolve_inside(&self.dir, name) {
            Err(PathError::NotRelative) => Err(format!("expected an image inside the edition folder, found `{name}`")),
            Err(PathError::Escapes) => {
                Err(format!("expected an image inside the edition folder, found `{name}`, a link that leads out of it"))
            }
            Err(PathError::Io(err)) => {
                Err(format!("expected an image at `{name}` in the edition folder, found none ({err})"))
            }
            Ok(path) => match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("png" | "jpg" | "jpeg" | "svg") => Ok(path),
                _ => Err(format!("expected a PNG, JPEG or SVG image, found `{name}`")),
            },
        };
        match found {
            Ok(path) => Some(format!("/{}", relative(self.project, &path).display())),
            Err(message) => {
                match site {
                    Some(site) => self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message),
                    None => {
                        let edition_toml = relative(self.project, &self.dir.join("edition.toml"));
                        self.problems.file_error(&edition_toml, message);
                        return None;
                    }
                };
                None
            }
        }
    }

    /// Reads a file the edition names, inside the edition folder; problems name it.
    pub fn read(&mut self, name: &str) -> Option<DataFile> {
        let shown = relative(self.project, &self.dir.join(name));
        let path = match resolve_inside(&self.dir, name) {
            Ok(path) => path,
            Err(err @ PathError::NotRelative) => {
                self.problems.file_error(&shown, format!("{err}, found `{name}`"));
                return None;
            }
            Err(err) => {
                self.problems.file_error(&shown, err.to_string());
                return None;
            }
        };
        match fs::read(&path) {
            Ok(bytes) => Some(DataFile { shown, text: decode(&bytes).text }),
            Err(err) => {
                self.problems.file_error(&shown, format!("cannot read this file: {err}"));
                None
            }
        }
    }
}
