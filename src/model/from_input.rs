//! The model made from the loaded edition: the parse tree's blocks become the model's, with
//! the report's typography on the text the data and edition.toml print (chapter text has it
//! as it is read), and a block whose data failed to load becomes [`Block::Missing`].

use crate::inputs::edition::Edition;
use crate::inputs::edition::loader::LoadedChapter;
use crate::inputs::text::{self, typography};
use crate::model::{
    Block, ChapterModel, ChartBlock, EditionInfo, FigureBlock, MapBlock, MissingKind, Model, PartModel, PhotoBlock,
    Rendition, TableBlock,
};

impl Model {
    /// The model of a loaded edition, as the screen PDF shows the whole report
    /// (`crate::build::model` prepares it for another target).
    pub fn from_input(edition: &Edition) -> Model {
        let parts = edition
            .content
            .parts
            .iter()
            .map(|part| PartModel {
                title: typography(&part.title),
                chapters: part.chapters.iter().map(chapter).collect(),
            })
            .collect();
        Model { edition: edition_info(edition), parts }
    }
}

/// What the layouts need to know about the edition.
fn edition_info(edition: &Edition) -> EditionInfo {
    let (config, content) = (&edition.config, &edition.content);
    EditionInfo {
        id: config.id.clone(),
        title: typography(&config.title),
        subtitle: typography(&config.subtitle),
        date: config.date.to_string(),
        statement_date: config.web.statement_date.as_ref().map(|d| d.to_string()),
        statement_method: config.web.statement_method.as_ref().map(|m| typography(m.trim())),
        statement_url: config.web.statement_url.clone(),
        municipality: config.municipality.clone(),
        language: config.language.clone(),
        years: config.years.clone(),
        cover_goals: config.cover_goals.clone(),
        cover_photo: content.cover_photo.clone(),
        logo: content.logo.clone(),
        no_hyphenate: content.no_hyphenate.clone(),
        colophon: content.colophon.clone(),
        back_cover: content.back_cover.clone(),
        status: config.status,
        scope: "all".into(),
        rendition: Rendition::Screen,
        bleed: 0.0,
        marks: true,
        placements: Vec::new(),
        grow: Default::default(),
        continued: Vec::new(),
        dividers: Vec::new(),
        placement_changes: Vec::new(),
        attachments: Vec::new(),
    }
}

/// A chapter: the blocks before its first level-2 heading are its intro.
fn chapter(chapter: &LoadedChapter) -> ChapterModel {
    let config = &chapter.config;
    let mut blocks: Vec<Block> = chapter.blocks.iter().map(Block::from_parsed).collect();
    let split = blocks.iter().position(|b| matches!(b, Block::Heading { level: 2, .. })).unwrap_or(blocks.len());
    let body = blocks.split_off(split);
    ChapterModel {
        slug: config.slug.clone(),
        title: typography(&config.title),
        goals: config.goals.clone(),
        expected_page: config.expected_page,
        in_toc: config.in_toc,
        toc_title: config.toc_title.as_deref().map(typography),
        opener: config.opener,
        intro: blocks,
        body,
        tighten: 0,
    }
}

impl Block {
    /// A block of chapter text, as parsed and loaded, as the layouts read it.
    pub fn from_parsed(parsed: &text::Block) -> Block {
        let mut parsed = parsed.clone();
        text::data_typography(&mut parsed);
        let missing = |kind, what: &str| Block::Missing { kind, reason: format!("{what} did not load") };
        match parsed {
            text::Block::Heading { level, text } => Block::Heading { level, text },
            text::Block::Paragraph { text } => Block::Paragraph { text },
            text::Block::List { items } => Block::List { items },
            text::Block::Highlight { text } => Block::Highlight { text },
            text::Block::Quote { text, source } => Block::Quote { text, source },
            text::Block::Conclusion { items } => Block::Conclusion { items },
            text::Block::Table { spec, table, figure_id, .. } => match table {
                None => missing(MissingKind::Table, &format!("the table `{}`", spec.file)),
                Some(table) => Block::Table(TableBlock {
                    file: spec.file,
                    sheet: spec.sheet,
                    title: spec.title,
                    source: spec.source,
                    header_rows: spec.header_rows,
                    columns: spec.columns,
                    note: spec.note,
                    chart: spec.chart,
                    table,
                    figure_id,
                }),
            },
            text::Block::KeyFigures { figures, .. } => match figures {
                None => missing(MissingKind::KeyFigures, "the key figures"),
                Some(figures) => Block::KeyFigures { figures },
            },
            text::Block::Chart { spec, data, figure_id, .. } => match (&spec.file, data) {
                (Some(file), None) => missing(MissingKind::Chart, &format!("the chart's data `{file}`")),
                (_, data) => Block::Chart(ChartBlock {
                    kind: spec.kind,
                    file: spec.file,
                    title: spec.title,
                    source: spec.source,
                    unit: spec.unit,
                    legend: spec.legend,
                    note: spec.note,
                    data,
                    figure_id,
                }),
            },
            text::Block::Photo { spec, .. } => Block::Photo(PhotoBlock {
                credit: spec.credit,
                file: spec.file,
                size: spec.size,
                text: spec.text,
                alt: spec.alt,
            }),
            text::Block::Figure { spec, figure_id, .. } => Block::Figure(FigureBlock {
                description: spec.description,
                id: spec.id,
                file: spec.file,
                size: spec.size,
                figure_id,
            }),
            text::Block::Map { spec, svg, legend_kinds, places, credit, figure_id, .. } => Block::Map(MapBlock {
                id: spec.id,
                title: spec.title,
                legend: spec.legend,
                source: spec.source,
                average: spec.average,
                note: spec.note,
                svg,
                legend_kinds,
                places,
                credit,
                figure_id,
            }),
            text::Block::Goals(spec) => Block::Goals { goals: spec.goals },
            text::Block::Pagebreak => Block::Pagebreak,
        }
    }
}
