//! Loading the files an edition names into its [`Content`]. A [`Loader`] carries what every step needs
//! (the project, the edition's folder and configuration, the problems found so far, the
//! maps drawn so far); its methods read top-down, from the edition to a single block.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::charts::check_chart;
use super::config::{ChapterConfig, EditionConfig};
use crate::diag::{Diagnostic, Diagnostics, Location, Origin, Severity};
use crate::inputs::keyfigures::load_key_figures_allowing;
use crate::inputs::paths::{PathError, relative, resolve_inside};

/// The largest data file (chapter text, table, key figures) read, in bytes.
const MAX_DATA_FILE_BYTES: u64 = 64 << 20;
use crate::inputs::table::{SumExceptions, decode, load_table};
use crate::inputs::text::{Block, Inline, inline_runs, parse_chapter};
use crate::inputs::workbook::{SheetProblems, SheetSpec, SheetText, is_workbook, read_key_figures, read_sheet};

/// What an edition's files hold, loaded and checked: each chapter's blocks with their files'
/// data, and the pictures and lines edition.toml names. The model the layouts read is made
/// from it (`crate::model::Model::from_input`).
#[derive(Debug, Clone)]
pub struct Content {
    /// The cover photo's project path, checked to exist.
    pub cover_photo: Option<String>,
    /// The logo's project path, checked to exist.
    pub logo: Option<String>,
    /// Proper names set without hyphenation, longest first.
    pub no_hyphenate: Vec<String>,
    /// The colophon's lines, each with its bold runs.
    pub colophon: Vec<Inline>,
    /// The back cover's lines.
    pub back_cover: Vec<Inline>,
    /// The parts, with the chapters whose text could be read.
    pub parts: Vec<LoadedPart>,
}

/// A part of the edition, loaded.
#[derive(Debug, Clone)]
pub struct LoadedPart {
    pub title: String,
    pub chapters: Vec<LoadedChapter>,
}

/// A chapter, loaded: its configuration and its text's blocks with their data. A block whose
/// data failed to load holds `None` where the data would be (the problem is reported).
#[derive(Debug, Clone)]
pub struct LoadedChapter {
    pub config: ChapterConfig,
    pub blocks: Vec<Block>,
}

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

/// The file of the edition's folder whose name is nearest `name` (a typing mistake:
/// `tables/en/tabel.csv` for `tables/en/tabell.csv`), of the same kind (ending), if one is near.
fn nearest_file(dir: &Path, name: &str) -> Option<String> {
    let ending = Path::new(name).extension()?.to_string_lossy().to_lowercase();
    let files: Vec<String> = crate::inputs::paths::files_below(dir)
        .into_iter()
        .take(20_000)
        .filter(|p| p.extension().is_some_and(|e| e.to_string_lossy().to_lowercase() == ending))
        .filter_map(|p| p.strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .filter(|p| p != name)
        .collect();
    let known: Vec<&str> = files.iter().map(String::as_str).collect();
    crate::inputs::edition::catalog::closest(name, &known).map(str::to_string)
}

/// Where a block names a file: `named at chapters/x.md:12:1`.
fn named_at(file: &DataFile, at: &Range<usize>) -> String {
    let (line, column) = crate::diag::line_column(&file.text, at.start);
    format!("named at {}:{line}:{column}", file.shown.display())
}

/// The state of loading one edition.
pub struct Loader<'a> {
    pub project: &'a Path,
    /// The edition's folder, canonical.
    pub dir: PathBuf,
    pub config: &'a EditionConfig,
    pub problems: &'a mut Diagnostics,
    /// Drawn maps: virtual path and SVG.
    pub generated: Vec<(String, Vec<u8>)>,
    /// What number cells may hold besides numbers.
    pub vocabulary: crate::inputs::value::Vocabulary,
    /// Maps that failed to draw, already reported.
    pub failed_maps: Vec<String>,
    /// The kinds of place each drawn map shows, by map id.
    pub shown_kinds: Vec<(String, Vec<&'static str>)>,
    /// The places each drawn map shows and its credit line, by map id, for its block.
    pub drawn_places: Vec<(String, Vec<crate::inputs::text::MapPlace>, String)>,
    /// edition.toml's text: problems of the files it names point at the line naming them.
    pub toml: Arc<str>,
    /// Every file read, with the bytes read (for an archive's manifest).
    pub loaded: crate::inputs::loaded::Loaded,
}

impl<'a> Loader<'a> {
    /// What the whole edition holds.
    pub fn content(&mut self) -> Content {
        let mut parts = Vec::new();
        for part in &self.config.parts {
            let chapters = part.chapters.iter().filter_map(|chapter| self.chapter(chapter)).collect();
            parts.push(LoadedPart { title: part.title.clone(), chapters });
        }
        let config = self.config;
        Content {
            cover_photo: config.cover_photo.as_deref().and_then(|name| self.image(name, None)),
            logo: config.logo.as_deref().and_then(|name| self.image(name, None)),
            no_hyphenate: crate::inputs::names::proper_names(&self.dir, &config.no_hyphenate, &config.maps),
            colophon: config.colophon.iter().map(|line| self.line(line)).collect(),
            back_cover: config.back_cover.iter().map(|line| self.line(line)).collect(),
            parts,
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
    fn chapter(&mut self, chapter: &ChapterConfig) -> Option<LoadedChapter> {
        let named_by = format!("named by chapter `{}` in {}", chapter.slug, self.edition_toml().display());
        let file = self.read_named(&chapter.text, &named_by)?;
        if file.text.trim().is_empty() {
            self.problems
                .file_error(&file.shown, "expected the chapter's text, found an empty file")
                .hints
                .push(named_by);
            return None;
        }
        let mut blocks = parse_chapter(&file.shown, &file.text, self.problems);
        for block in &mut blocks {
            self.fill(block, chapter, &file);
        }
        Some(LoadedChapter { config: chapter.clone(), blocks })
    }

    /// Fills in the data of a block that names files.
    fn fill(&mut self, block: &mut Block, chapter: &ChapterConfig, file: &DataFile) {
        match block {
            Block::Table { spec, table, at, .. } => {
                let before = self.problems.len();
                let site = BlockSite { chapter, file, at: at.clone() };
                if let Some((csv, sheet)) = self.table_file(spec, &site) {
                    let (rows, columns) = (spec.header_rows, spec.columns.as_deref());
                    *table = load_table(&csv.shown, &csv.text, rows, columns, &self.vocabulary, self.problems);
                    if let Some(loaded) = table.as_mut() {
                        crate::inputs::table::check_thousands(loaded, &csv.shown, &csv.text, self.problems);
                        let exceptions = SumExceptions {
                            not_sums: &spec.not_sums,
                            sum_rows: &spec.sum_rows,
                            empty_parts: &spec.empty_parts,
                            rounded_parts: &spec.rounded_parts,
                            totals: &spec.totals,
                        };
                        // The rows checked as sums are the rows the layout bolds: one source.
                        for i in
                            crate::inputs::table::check_sums(loaded, &exceptions, &csv.shown, &csv.text, self.problems)
                        {
                            loaded.rows[i].sum = true;
                        }
                        let loaded = &*loaded;
                        // Shares past 100 %: named in `over-100`, or a workbook column's own `over-100`.
                        let allowed: Vec<String> = spec
                            .over_100
                            .iter()
                            .cloned()
                            .chain(spec.column.iter().filter(|(_, f)| f.over_100).map(|(name, _)| name.clone()))
                            .collect();
                        crate::inputs::table::check_shares(
                            loaded,
                            &spec.title,
                            &allowed,
                            &csv.shown,
                            &csv.text,
                            self.problems,
                        );
                        // A column of shares in fractions with no unit (0,874): refused, never guessed.
                        let own: Vec<String> = spec
                            .column
                            .iter()
                            .filter(|(_, f)| f.unit.is_some())
                            .map(|(name, _)| name.clone())
                            .collect();
                        if spec.unit.is_none() {
                            crate::inputs::table::check_fraction_columns(
                                loaded,
                                &own,
                                &csv.shown,
                                &csv.text,
                                self.problems,
                            );
                        }
                        let headers = crate::inputs::table::column_headers(loaded);
                        let named = [
                            ("over-100", spec.over_100.iter().collect::<Vec<_>>()),
                            ("totals", spec.totals.keys().collect()),
                        ];
                        for (key, names) in named {
                            for name in names {
                                if !headers.iter().flatten().any(|header| header.trim() == name.trim()) {
                                    let message = format!(
                                        "expected `{key}` to name a column of the table by its header, found `{name}`"
                                    );
                                    self.problems.error(&file.shown, &file.text, at.clone(), message);
                                }
                            }
                        }
                        if spec.chart.is_none() {
                            // A chart's series are held to one unit by its own check.
                            crate::inputs::table::check_column_units(loaded, &csv.shown, &csv.text, self.problems);
                        }
                    }
                    if let Some(kind) = spec.chart {
                        if spec.header_rows == 0 {
                            let message = "expected `header-rows` of 1 or more in a table drawn as a chart (the header names the series), found 0";
                            self.problems.error(&file.shown, &file.text, at.clone(), message);
                        } else if let Some(loaded) = table.as_ref()
                            && !check_chart(kind, loaded, &csv.shown, &csv.text, self.problems)
                        {
                            // The table is still printed; only the chart is left out.
                            spec.chart = None;
                        }
                    }
                    if let Some(sheet) = sheet {
                        self.at_cells(before, &csv, &sheet);
                    }
                }
            }
            Block::Chart { spec, data, at, .. } => {
                let named_by = named_at(file, at);
                if let Some(csv) = spec.file.as_deref().and_then(|name| self.read(name, &named_by)) {
                    *data = load_table(&csv.shown, &csv.text, 1, None, &self.vocabulary, self.problems);
                    let before = self.problems.len();
                    if let Some(loaded) = data.as_ref() {
                        // `178,984` among `186 211` reads two ways, as in a table's column.
                        crate::inputs::table::check_thousands(loaded, &csv.shown, &csv.text, self.problems);
                    }
                    let ambiguous = self.problems.len() != before;
                    if ambiguous
                        || data
                            .as_ref()
                            .is_some_and(|table| !check_chart(spec.kind, table, &csv.shown, &csv.text, self.problems))
                    {
                        // Left out, so that the layouts are compiled without what they cannot draw.
                        *data = None;
                    }
                }
            }
            Block::KeyFigures { spec, figures, at } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                *figures = self.key_figures(&site, spec);
            }
            Block::Photo { spec, at } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                spec.file = spec.file.as_deref().and_then(|name| self.image(name, Some(&site)));
                // The layout needs what a placed picture shows (PDF/UA): a data mistake, here.
                if spec.file.is_some() && spec.alt.as_deref().is_none_or(|alt| alt.trim().is_empty()) {
                    let message =
                        "expected `alt` (what the picture shows) for a photo with a `file`, found none".to_string();
                    self.problems.error(&file.shown, &file.text, at.clone(), message);
                }
            }
            Block::Figure { spec, at, .. } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                spec.file = spec.file.as_deref().and_then(|name| self.image(name, Some(&site)));
            }
            Block::Map { spec, svg, at, legend_kinds, places, credit, .. } => {
                let site = BlockSite { chapter, file, at: at.clone() };
                *svg = self.map(&spec.id, &site);
                if let Some((_, drawn, by)) = self.drawn_places.iter().find(|(id, ..)| *id == spec.id) {
                    (*places, *credit) = (drawn.clone(), Some(by.clone()));
                }
                // The legend lists only what the map draws; an entry it leaves out is a warning.
                if let Some((_, shown)) = self.shown_kinds.iter().find(|(id, _)| *id == spec.id) {
                    for message in
                        crate::inputs::maps::keep_drawn_legend(&spec.id, &mut spec.legend, legend_kinds, shown)
                    {
                        self.problems.error(&file.shown, &file.text, at.clone(), message).severity = Severity::Warning;
                    }
                }
            }
            _ => {}
        }
    }

    /// The file a `::: table` block names, as text: a CSV file, or the range of a workbook
    /// with the cells its fields came from.
    fn table_file(
        &mut self,
        spec: &crate::inputs::blocks::TableSpec,
        site: &BlockSite,
    ) -> Option<(DataFile, Option<SheetText>)> {
        let named_by = named_at(site.file, &site.at);
        if !is_workbook(&spec.file) {
            if spec.sheet.is_some()
                || spec.range.is_some()
                || spec.numbers() != crate::inputs::blocks::NumberFormat::default()
                || !spec.column.is_empty()
            {
                let message = format!(
                    "expected a workbook (.xlsx, .xls, .ods) for `sheet`, `range`, `unit`, `scale`, `decimals` or `column`, found `{}`",
                    spec.file
                );
                self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
            }
            return self.read(&spec.file, &named_by).map(|csv| (csv, None));
        }
        let number_columns = spec
            .columns
            .as_ref()
            .map(|columns| columns.iter().map(|c| *c == crate::inputs::table::ColumnType::Number).collect());
        let sheet_spec = SheetSpec {
            sheet: spec.sheet.as_deref(),
            range: spec.range.as_deref(),
            numbers: spec.numbers(),
            columns: spec.column.iter().map(|(name, format)| (name.clone(), format.clone())).collect(),
            header_rows: spec.header_rows,
            number_columns,
            status_words: &self.config.status_words,
        };
        let (csv, sheet) = self.read_workbook(&spec.file, &named_by, site, |bytes| read_sheet(bytes, &sheet_spec))?;
        Some((csv, Some(sheet)))
    }

    /// The KOMMUNEPLANENS MÅL box of the chapter, from the file edition.toml names.
    fn key_figures(
        &mut self,
        site: &BlockSite,
        spec: &crate::inputs::blocks::KeyFiguresSpec,
    ) -> Option<crate::inputs::keyfigures::KeyFigures> {
        let Some(name) = &site.chapter.key_figures else {
            let message =
                format!("expected `key-figures` for chapter `{}` in edition.toml, found none", site.chapter.slug);
            self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
            return None;
        };
        let named_by = format!("named by chapter `{}` in {}", site.chapter.slug, self.edition_toml().display());
        if is_workbook(name) {
            let before = self.problems.len();
            let (sheet, range) = (spec.sheet.as_deref(), spec.range.as_deref());
            let status_words = self.config.status_words.clone();
            let status_words = status_words.as_slice();
            let read = |bytes: &[u8]| read_key_figures(bytes, sheet, range, spec.percent_as_fraction, status_words);
            let (csv, cells) = self.at_toml_line(name, |loader| loader.read_workbook(name, &named_by, site, read))?;
            let settings = (self.config.years.as_slice(), spec.over_100.as_slice());
            let figures = load_key_figures_allowing(&csv.shown, &csv.text, settings, &self.vocabulary, self.problems);
            self.at_cells(before, &csv, &cells);
            self.over_100_named(figures.as_ref(), spec, site);
            return figures;
        }
        if spec.sheet.is_some() || spec.range.is_some() || spec.percent_as_fraction.is_some() {
            let message = format!(
                "expected a workbook (.xlsx, .xls, .ods) for `sheet`, `range` or `percent-as-fraction`, found `{name}`"
            );
            self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
        }
        let csv = self.read_named(name, &named_by)?;
        let settings = (self.config.years.as_slice(), spec.over_100.as_slice());
        let figures = load_key_figures_allowing(&csv.shown, &csv.text, settings, &self.vocabulary, self.problems);
        self.over_100_named(figures.as_ref(), spec, site);
        figures
    }

    /// Each nøkkeltall the block's `over-100` names is one of the box's shares, so that a
    /// mistyped name never leaves a share unchecked in silence.
    fn over_100_named(
        &mut self,
        figures: Option<&crate::inputs::keyfigures::KeyFigures>,
        spec: &crate::inputs::blocks::KeyFiguresSpec,
        site: &BlockSite,
    ) {
        let Some(figures) = figures else { return };
        let shares: Vec<&str> = figures
            .goals
            .iter()
            .flat_map(|g| &g.subgoals)
            .flat_map(|s| &s.indicators)
            .map(|i| i.text.as_str())
            .filter(|text| crate::inputs::value::is_share(text))
            .collect();
        for name in &spec.over_100 {
            if !shares.contains(&name.trim()) {
                let message = format!(
                    "expected `over-100` to name a nøkkeltall of the box that is a share (its text says `andel`), found `{name}`"
                );
                self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
            }
        }
    }

    /// Draws the map `id` once (several blocks may show it) and returns its virtual path, or
    /// `None` when the edition has no data for it (the layout then says so).
    fn map(&mut self, id: &str, site: &BlockSite) -> Option<String> {
        let virtual_path = format!("/maps/{id}.svg");
        if self.generated.iter().any(|(path, _)| *path == virtual_path) {
            return Some(virtual_path);
        }
        // A map whose files are broken is reported once, however many blocks show it.
        if self.failed_maps.iter().any(|failed| failed == id) {
            return None;
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
        match crate::inputs::maps::draw(&self.dir, map, &crate::inputs::maps::token_style(map), &self.loaded) {
            Ok((svg, shown)) => {
                self.generated.push((virtual_path.clone(), svg.into_bytes()));
                let mut kinds: Vec<&'static str> = shown.iter().map(|(_, k)| k.id()).collect();
                kinds.sort_unstable();
                kinds.dedup();
                self.shown_kinds.push((id.to_string(), kinds));
                let places =
                    shown.into_iter().map(|(name, kind)| crate::inputs::text::MapPlace { name, kind: kind.id() });
                self.drawn_places.push((id.to_string(), places.collect(), map.credit.clone()));
                Some(virtual_path)
            }
            Err(err) => {
                crate::inputs::maps::map_diagnostic(self.problems, self.project, &self.dir.join("edition.toml"), &err);
                self.failed_maps.push(id.to_string());
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
                Some("png" | "jpg" | "jpeg" | "svg") => match crate::inputs::images::problem(&path) {
                    Some(problem) => Err(format!("`{name}`: {problem}")),
                    None => Ok(path),
                },
                _ => Err(format!("expected a PNG, JPEG or SVG image, found `{name}`")),
            },
        };
        match found {
            Ok(path) => Some(format!("/{}", relative(self.project, &path).display())),
            Err(message) => {
                let problem = match site {
                    Some(site) => self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message),
                    None => {
                        let (edition_toml, toml, at) = (self.edition_toml(), self.toml.clone(), self.toml_at(name));
                        self.problems.error(&edition_toml, &toml, at, message)
                    }
                };
                if let Some(twin) = crate::inputs::paths::case_twin(&self.dir, name) {
                    problem.hints.push(format!("did you mean `{twin}`? (the names differ in upper and lower case)"));
                }
                None
            }
        }
    }

    /// The edition file, as shown in messages.
    fn edition_toml(&self) -> PathBuf {
        relative(self.project, &self.dir.join("edition.toml"))
    }

    /// Where edition.toml writes the value `value` (a quoted string): the first such line, or
    /// the whole file when it is not found (a value written with escapes).
    fn toml_at(&self, value: &str) -> Range<usize> {
        let quoted = format!("\"{value}\"");
        let mut offset = 0;
        for line in self.toml.split_inclusive('\n') {
            let code = line.split('#').next().unwrap_or(line);
            if let Some(at) = code.find(&quoted) {
                return offset + at..offset + at + quoted.len();
            }
            offset += line.len();
        }
        0..0
    }

    /// [`Self::read`] of a file edition.toml names: a problem that is about the whole file
    /// (missing, leaving the edition, not text) is put at the edition.toml line naming it.
    fn read_named(&mut self, name: &str, named_by: &str) -> Option<DataFile> {
        self.at_toml_line(name, |loader| loader.read(name, named_by))
    }

    /// Runs `read` of the file `name`, which edition.toml names; when it fails on a problem
    /// about the whole file, that problem is put at the edition.toml line naming it.
    fn at_toml_line<T>(&mut self, name: &str, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = self.problems.len();
        let file = read(self);
        let at = self.toml_at(name);
        if file.is_none() && self.problems.len() > before && at != (0..0) {
            let (edition_toml, toml) = (self.edition_toml(), self.toml.clone());
            if let Some(problem) = self.problems.last_mut()
                && let Location::File { path, text, range } = &mut problem.at
                && text.is_empty()
            {
                if !problem.message.contains(name) {
                    problem.message = format!("{}: {}", path.display(), problem.message);
                }
                (*path, *text, *range) = (edition_toml, toml, at);
            }
        }
        file
    }

    /// Reads a file the edition names, inside the edition folder; problems name it and, in a
    /// note, what named it (`named_by`).
    pub fn read(&mut self, name: &str, named_by: &str) -> Option<DataFile> {
        self.noted(named_by, |loader| loader.read_checked(name))
    }

    /// Runs `read`; the problem it fails on gets the note `named_by` (what named the file).
    fn noted<T>(&mut self, named_by: &str, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let before = self.problems.len();
        let file = read(self);
        if file.is_none()
            && self.problems.len() > before
            && let Some(problem) = self.problems.last_mut()
        {
            problem.hints.push(named_by.to_string());
        }
        file
    }

    /// The range of a workbook the block at `site` reads (`named_by` names the file), as CSV
    /// text: problems of the sheet or range are put on the block, problems of a cell at the
    /// cell.
    fn read_workbook(
        &mut self,
        name: &str,
        named_by: &str,
        site: &BlockSite,
        read: impl FnOnce(&[u8]) -> Result<SheetText, SheetProblems>,
    ) -> Option<(DataFile, SheetText)> {
        let (shown, bytes) = self.noted(named_by, |loader| loader.read_bytes(name))?;
        match read(&bytes) {
            Ok(sheet) => Some((DataFile { shown, text: sheet.text.clone() }, sheet)),
            Err(problems) => {
                for (cell, message) in problems {
                    match cell {
                        Some(cell) => {
                            let at = Location::Cell { path: shown.clone(), cell };
                            self.problems.push(Diagnostic::error(Origin::Data, message).at(at));
                        }
                        None => {
                            let message = format!("{}: {message}", shown.display());
                            self.problems.error(&site.file.shown, &site.file.text, site.at.clone(), message);
                        }
                    }
                }
                None
            }
        }
    }

    /// Moves the problems found since `before` in a workbook range's CSV text to its cells.
    fn at_cells(&mut self, before: usize, csv: &DataFile, sheet: &SheetText) {
        for problem in self.problems.since_mut(before) {
            if let Location::File { path, text, range } = &problem.at
                && *path == csv.shown
                && Arc::ptr_eq(text, &csv.text)
            {
                problem.at = Location::Cell { path: path.clone(), cell: sheet.cell_at(range) };
            }
        }
    }

    /// The bytes of a file the edition names, inside the edition folder, and its path as shown.
    fn read_bytes(&mut self, name: &str) -> Option<(PathBuf, Vec<u8>)> {
        let shown = relative(self.project, &self.dir.join(name));
        let path = match resolve_inside(&self.dir, name) {
            Ok(path) => path,
            Err(err @ PathError::NotRelative) => {
                self.problems.file_error(&shown, format!("{err}, found `{name}`"));
                return None;
            }
            Err(err) => {
                let near = nearest_file(&self.dir, name);
                let problem = self.problems.file_error(&shown, err.to_string());
                if let Some(twin) = crate::inputs::paths::case_twin(&self.dir, name) {
                    problem.hints.push(format!("did you mean `{twin}`? (the names differ in upper and lower case)"));
                } else if let Some(near) = near {
                    problem.hints.push(format!("did you mean `{near}`?"));
                }
                return None;
            }
        };
        match crate::inputs::paths::read_regular(&path, "the file", MAX_DATA_FILE_BYTES) {
            Ok(bytes) => {
                self.loaded.record(&path, &bytes);
                Some((shown, bytes))
            }
            Err(err) => {
                self.problems.file_error(&shown, format!("{err:#}"));
                None
            }
        }
    }

    fn read_checked(&mut self, name: &str) -> Option<DataFile> {
        let (shown, bytes) = self.read_bytes(name)?;
        let text = match decode(&bytes) {
            Ok(text) => text,
            Err(message) => {
                self.problems.file_error(&shown, message);
                return None;
            }
        };
        // Control characters would end up in the PDF's text unseen: name the first few.
        let controls = text.char_indices().filter(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        for (at, c) in controls.take(3) {
            let message = format!("expected text, found the control character U+{:04X}", u32::from(c));
            self.problems.error(&shown, &text, at..at + c.len_utf8(), message);
        }
        Some(DataFile { shown, text })
    }
}
