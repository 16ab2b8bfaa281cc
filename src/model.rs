//! The contract between Rust and the layouts: the model served to Typst as `/model.json`.
//!
//! `layout/components/report.typ` reads it with `json("/model.json")`. Everything the layouts
//! may rely on is declared by the types below: [`Block`] (one object per block of chapter
//! text, tagged by `block`), and the checked data the blocks carry, named by their stage:
//! tables ([`crate::inputs::table::Table`]), the key-figure box
//! ([`crate::inputs::keyfigures::KeyFigures`]), runs of text ([`crate::inputs::text::Run`]).
//! Keys are kebab-case; an `Option` that is `None` is `null` unless marked otherwise. Rust has
//! checked every value before it gets here, so a layout never needs to validate data; a
//! layout error is a layout bug. The test `contract` in the suite checks that the layouts
//! read no field that the model does not have.
//!
//! The model is made from the loaded edition ([`crate::inputs::edition::Edition`]) by
//! [`Model::from_input`] (model/from_input.rs): the parse tree, with its spans and the keys
//! only Rust reads, stays in `inputs`.
//!
//! ```json
//! { "edition": { "id": "2020-2023", "title": "…", "years": [2019, 2020, 2021, 2022], … },
//!   "parts": [ { "title": "…", "chapters": [ { "slug": "okonomi", "intro": [ … ], "body": [
//!       { "block": "heading", "level": 2, "text": [ { "text": "Økonomi" } ] }, … ] } ] } ] }
//! ```

mod from_input;

use serde::Serialize;

use crate::inputs::blocks::{ChartKind, PhotoSize};
use crate::inputs::edition::{Opener, Status};
use crate::inputs::keyfigures::KeyFigures;
use crate::inputs::table::{ColumnType, Table};
use crate::inputs::text::Inline;

/// The whole model: the edition and its parts.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Model {
    /// What the layouts need to know about the edition.
    pub edition: EditionInfo,
    /// The report's parts, in order; a handout has one part with one chapter.
    pub parts: Vec<PartModel>,
}

impl Model {
    /// The model without its [`Block::Missing`] blocks (a table, key figures or a chart's
    /// data whose files failed to load), so the layouts can be checked in the same run as the
    /// data. The layouts never see a missing block: the data's errors stop every rendition.
    pub fn without_missing_blocks(&self) -> Model {
        let missing = |block: &Block| matches!(block, Block::Missing { .. });
        let mut model = self.clone();
        for chapter in model.parts.iter_mut().flat_map(|p| p.chapters.iter_mut()) {
            chapter.intro.retain(|b| !missing(b));
            chapter.body.retain(|b| !missing(b));
        }
        model
    }
}

/// The edition, as the cover, colophon, running heads and key-figure boxes show it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct EditionInfo {
    /// The edition's folder name, e.g. `2020-2023`.
    pub id: String,
    /// The report's title.
    pub title: String,
    /// The line under the title on the cover; may be empty.
    pub subtitle: String,
    /// The publication date, `YYYY-MM-DD` (edition.toml `date`): the web edition's front
    /// page and accessibility statement give it.
    pub date: String,
    /// The day the web edition was checked against the accessibility requirements,
    /// `YYYY-MM-DD` (edition.toml `[web] statement-date`), which its accessibility statement
    /// gives; `None` when the edition does not say.
    pub statement_date: Option<String>,
    /// How the web edition was tested that day (edition.toml `[web] statement-method`), which
    /// its accessibility statement gives with the date; `None` when the edition does not say.
    pub statement_method: Option<String>,
    /// The address of the web edition's own statement in Uutilsynet's register
    /// (edition.toml `[web] statement-url`, an https address on uustatus.no), which its
    /// accessibility statement links; `None` when the edition does not say.
    pub statement_url: Option<String>,
    /// The publishing municipality.
    pub municipality: String,
    /// The document language, e.g. `nb`.
    pub language: String,
    /// The years of the key-figure columns, ascending.
    pub years: Vec<i32>,
    /// The goals (1–17) shown on the cover.
    pub cover_goals: Vec<u8>,
    /// The cover photo's project path (`/data/<id>/photos/cover.jpg`), checked to exist.
    pub cover_photo: Option<String>,
    /// The municipality's logo's project path, checked to exist; `None` sets the name instead.
    pub logo: Option<String>,
    /// Proper names set without hyphenation wherever they appear, longest first.
    pub no_hyphenate: Vec<String>,
    /// Lines of the colophon, each with its bold runs.
    pub colophon: Vec<Inline>,
    /// Lines of the back cover.
    pub back_cover: Vec<Inline>,
    /// `draft` or `final`: a draft's pages carry a visible mark (draft-mark.typ).
    pub status: Status,
    /// `all` for the whole report, a chapter's slug for a handout.
    pub scope: String,
    /// Project paths of the edition's CSV files, attached to a PDF/A-3 archive as its data;
    /// empty otherwise.
    pub attachments: Vec<String>,
    /// What the PDF is for: `screen` (RGB, trimmed pages) or `print` (the print file of
    /// `rapport build --print`: pages with bleed, colours for the press).
    pub rendition: Rendition,
    /// How far, in millimetres, whatever touches the trim edge (the cover's colour field and
    /// photo, full-page photos, bands of colour) must run past it: `[print] bleed` for the
    /// print file, 0 on screen. `layout/print.typ` turns it into a length for `page(bleed:)`.
    pub bleed: f64,
    /// Whether missing pictures (photos, figures) show their position marks; false leaves
    /// them out and the pages close up (`build --without-marks`).
    pub marks: bool,
    /// Where each figure of the text stands, in the text's order (layout/components/
    /// flow-figure.typ decides, from where the previous compile put its anchor; the
    /// page-balancing pass, [`crate::typeset::balance`], carries it to the next compile, so a
    /// compile never lays out a figure by where the same compile put it). Empty as loaded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<serde_json::Value>,
    /// How often each figure's placement changed between compiles: one that keeps changing
    /// waits for the next page for good (the balancing pass).
    #[serde(skip)]
    pub placement_changes: Vec<u8>,
    /// How many points taller a chart or a picture's position mark is drawn than its own
    /// height, by the block's name (chapter.typ): the page-balancing pass's last step lets a
    /// figure fill the room its page leaves empty at the foot when what follows does not fit
    /// there ([`crate::typeset::balance::fill_feet`]). Empty as loaded.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub grow: std::collections::BTreeMap<String, f64>,
    /// The pieces of key-figure boxes that begin a new page in the previous compile, each
    /// `<box's title>/<piece>` (layout/components/key-figures.typ heads them «(forts.)»): the
    /// page-balancing pass carries them, so a compile never heads a piece by where the same
    /// compile put it ([`crate::typeset::balance::continue_boxes`]). Empty as loaded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub continued: Vec<String>,
    /// The parts whose nested chapters (the service areas) the previous compile started after
    /// a left-hand page: the right-hand page between holds the part's divider
    /// (layout/components/part-divider.typ) instead of standing blank
    /// ([`crate::typeset::balance::divide_parts`]). Empty as loaded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dividers: Vec<String>,
}

/// What a PDF is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rendition {
    /// Reading on screen and printing at the desk: the screen PDF.
    Screen,
    /// Offset print: the print file, with bleed, crop marks and CMYK colour.
    Print,
}

/// A part with its loaded chapters.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PartModel {
    /// The part's title.
    pub title: String,
    /// Its chapters, in order.
    pub chapters: Vec<ChapterModel>,
}

/// A loaded chapter.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChapterModel {
    /// Its id, e.g. `okonomi`.
    pub slug: String,
    /// Its title as printed.
    pub title: String,
    /// The goals (1–17) it serves, shown on its opener.
    pub goals: Vec<u8>,
    /// The page it starts on in the printed edition, if known.
    pub expected_page: Option<u32>,
    /// Whether Innhold lists it.
    pub in_toc: bool,
    /// Its entry in Innhold where the print words it differently.
    pub toc_title: Option<String>,
    /// How it opens.
    pub opener: Opener,
    /// The blocks before the first section heading.
    pub intro: Vec<Block>,
    /// The rest, starting with a level-2 heading.
    pub body: Vec<Block>,
    /// How many steps tighter the layout sets it, so that its last page is not a runt (the
    /// page-balancing pass, [`crate::typeset::balance`]); 0 as loaded.
    #[serde(skip_serializing_if = "is_zero")]
    pub tighten: u8,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// One block of a chapter's text, as the layouts read it: the object's `block` names its kind
/// (`heading`, `table`, …), its other keys are the variant's fields.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "block", rename_all = "kebab-case", rename_all_fields = "kebab-case")]
pub enum Block {
    /// A section (level 2) or sub-section (level 3) heading.
    Heading {
        level: u8,
        text: Inline,
    },
    Paragraph {
        text: Inline,
    },
    List {
        items: Vec<Inline>,
    },
    /// A line set off in a box (`→` in the text).
    Highlight {
        text: Inline,
    },
    Quote {
        text: Inline,
        /// Who said it, as printed under it.
        source: Option<String>,
    },
    /// The «KONKLUSJON» box: its points.
    Conclusion {
        items: Vec<Inline>,
    },
    Table(TableBlock),
    /// The KOMMUNEPLANENS MÅL box.
    KeyFigures {
        figures: KeyFigures,
    },
    Chart(ChartBlock),
    Photo(PhotoBlock),
    Figure(FigureBlock),
    Map(MapBlock),
    /// The icons of the sustainability goals (1–17).
    Goals {
        goals: Vec<u8>,
    },
    /// The rest of the page left empty (a service area's second page starts here).
    Pagebreak,
    /// A block whose data failed to load (the problem is among the edition's, so no
    /// rendition is made): it holds the block's place for what reads the model, and is left
    /// out of a model typeset only to check the layouts ([`Model::without_missing_blocks`]).
    Missing {
        /// What kind of block it is.
        kind: MissingKind,
        /// Why it is missing, for a reader of the model (the diagnostic says it to the user).
        reason: String,
    },
}

/// The kind of a [`Block::Missing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingKind {
    Table,
    KeyFigures,
    Chart,
}

/// A table of numbers (`::: table`), with its checked data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct TableBlock {
    /// The data file as the block names it, relative to the edition folder.
    pub file: String,
    /// A workbook's sheet, which names the table in an approval record; not served.
    #[serde(skip)]
    pub sheet: Option<String>,
    /// The printed title (upper case), may be empty.
    pub title: String,
    /// The text after `Kilde:`, may be empty.
    pub source: String,
    /// How many of the table's lines form its header.
    pub header_rows: usize,
    /// The type of each column, when the block gives them.
    pub columns: Option<Vec<ColumnType>>,
    /// A remark printed under the table.
    pub note: Option<String>,
    /// The kind of chart the table is also drawn as.
    pub chart: Option<ChartKind>,
    /// The table's cells, checked.
    pub table: Table,
    /// The id a sentence refers to it by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure_id: Option<String>,
}

/// A chart (`::: chart`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChartBlock {
    pub kind: ChartKind,
    /// The data file, relative to the edition folder; `None` for a chart the data does not
    /// give yet, which is drawn as its position mark.
    pub file: Option<String>,
    pub title: String,
    /// The text after `Kilde:`.
    pub source: String,
    /// The unit of the values, e.g. `tonn CO₂e`.
    pub unit: Option<String>,
    /// The series or categories printed in its legend.
    pub legend: Vec<String>,
    /// What the printed chart showed that the data does not give.
    pub note: Option<String>,
    /// Its data, checked; `None` exactly when `file` is.
    pub data: Option<Table>,
    /// The id a sentence refers to it by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure_id: Option<String>,
}

/// A photo (`::: photo`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct PhotoBlock {
    /// The photographer, printed as `Foto: …`.
    pub credit: Option<String>,
    /// The picture's project path; `None` draws its position mark.
    pub file: Option<String>,
    pub size: PhotoSize,
    /// Words printed on the picture.
    pub text: Vec<String>,
    /// What the picture shows (alternative text).
    pub alt: Option<String>,
}

/// A figure of the printed edition (`::: figure`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct FigureBlock {
    /// What the figure shows.
    pub description: String,
    /// The id the block gives it.
    pub id: Option<String>,
    /// The picture's project path; `None` draws its position mark.
    pub file: Option<String>,
    pub size: PhotoSize,
    /// The id a sentence refers to it by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure_id: Option<String>,
}

/// A map (`::: map`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct MapBlock {
    /// Which map.
    pub id: String,
    pub title: String,
    /// The legend entries, only those the drawn map shows.
    pub legend: Vec<String>,
    /// The data source credited on the map.
    pub source: Option<String>,
    /// The municipality's average as printed, e.g. `65 %`.
    pub average: Option<String>,
    /// What the printed map showed that the data does not give.
    pub note: Option<String>,
    /// The virtual path of the drawn map, when the edition has data for it.
    pub svg: Option<String>,
    /// The place kind (`lokalsenter`, …) of each legend entry, for its symbol.
    pub legend_kinds: Vec<Option<&'static str>>,
    /// The places the drawn map shows, in reading order (the web edition lists them).
    pub places: Vec<crate::inputs::text::MapPlace>,
    /// The drawn map's credit line (the boundary data's source).
    pub credit: Option<String>,
    /// The id a sentence refers to it by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure_id: Option<String>,
}
