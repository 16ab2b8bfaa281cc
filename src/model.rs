//! The contract between Rust and the layouts: the model served to Typst as `/model.json`.
//!
//! `layout/components/report.typ` reads it with `json("/model.json")`. Everything the layouts
//! may rely on is declared by the types below and the types they contain: [`Block`] (one
//! object per block of chapter text, tagged by `block`), [`Table`], [`KeyFigures`] and
//! [`Value`]. Keys are kebab-case; an `Option` that is `None` is `null` unless marked
//! otherwise. Rust has checked every value before it gets here, so a layout never needs to
//! validate data; a layout error is a layout bug. The test `contract` in the suite checks
//! that the layouts read no field that the model does not have.
//!
//! ```json
//! { "edition": { "id": "2020-2023", "title": "…", "years": [2019, 2020, 2021, 2022], … },
//!   "parts": [ { "title": "…", "chapters": [ { "slug": "okonomi", "intro": [ … ], "body": [
//!       { "block": "heading", "level": 2, "text": [ { "text": "Økonomi" } ] }, … ] } ] } ] }
//! ```

use serde::{Deserialize, Serialize};

pub use crate::inputs::keyfigures::KeyFigures;
pub use crate::inputs::table::Table;
pub use crate::inputs::text::{Block, Inline, Run};
pub use crate::inputs::value::Value;

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
    /// The model without the blocks whose data failed to load (a table, key figures or a
    /// chart's data file), so the layouts can be checked in the same run as the data.
    pub fn without_faulty_blocks(&self) -> Model {
        let faulty = |block: &Block| match block {
            Block::Table { table, .. } => table.is_none(),
            Block::KeyFigures { figures, .. } => figures.is_none(),
            Block::Chart { spec, data, .. } => spec.file.is_some() && data.is_none(),
            _ => false,
        };
        let mut model = self.clone();
        for chapter in model.parts.iter_mut().flat_map(|p| p.chapters.iter_mut()) {
            chapter.intro.retain(|b| !faulty(b));
            chapter.body.retain(|b| !faulty(b));
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

/// `status` in edition.toml: whether an edition is finished.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being written: every page is marked «UTKAST», and `archive` refuses it.
    #[default]
    Draft,
    /// Finished and published.
    Final,
}

impl Status {
    /// `draft` or `final`, as edition.toml writes it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
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

/// How a chapter opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Opener {
    /// The chapter's first photo across the top of its opening page, the title under it
    /// (`spread`, the name of an earlier two-page design, is read as this).
    #[serde(alias = "spread")]
    Photo,
    /// The title at the top of a new page.
    #[default]
    Page,
}
