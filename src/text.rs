//! Chapter text: the small Markdown dialect of `data/README.md`, parsed into blocks.
//!
//! Blocks that name data files (tables, charts, the key-figure box) are parsed here and
//! filled in by [`crate::edition`], which loads and checks their files.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

pub use crate::blocks::{ChartKind, ChartSpec, FigureSpec, GoalsSpec, MapSpec, PhotoSize, PhotoSpec, TableSpec};
use crate::diag::Problems;
use crate::keyfigures::KeyFigures;
use crate::table::Table;

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    /// Marks a place where the extraction of the printed edition lost words.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lost: bool,
}

/// Inline text: a sequence of runs.
pub type Inline = Vec<Run>;

/// Blocks without keys.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoKeys {}

/// One block of a chapter.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "block", rename_all = "kebab-case")]
pub enum Block {
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
    Highlight {
        text: Inline,
    },
    Quote {
        text: Inline,
        source: Option<String>,
    },
    Conclusion {
        items: Vec<Inline>,
    },
    Table {
        #[serde(flatten)]
        spec: TableSpec,
        table: Option<Table>,
        #[serde(skip)]
        at: Range<usize>,
    },
    KeyFigures {
        figures: Option<KeyFigures>,
        #[serde(skip)]
        at: Range<usize>,
    },
    Chart {
        #[serde(flatten)]
        spec: ChartSpec,
        data: Option<Table>,
        #[serde(skip)]
        at: Range<usize>,
    },
    Photo(PhotoSpec),
    Figure(FigureSpec),
    Map {
        #[serde(flatten)]
        spec: MapSpec,
        /// The virtual path of the drawn map, when the edition has data for it.
        svg: Option<String>,
        /// The place kind (`lokalsenter`, …) of each legend entry, for its symbol.
        #[serde(rename = "legend-kinds")]
        legend_kinds: Vec<Option<&'static str>>,
        #[serde(skip)]
        at: Range<usize>,
    },
    Goals(GoalsSpec),
    Pagebreak,
}

const BLOCK_NAMES: &str =
    "`table`, `key-figures`, `chart`, `photo`, `figure`, `map`, `goals`, `pagebreak` or `conclusion`";

/// Parses a chapter's text. Problems are collected; the blocks that could be read are returned.
pub fn parse_chapter(path: &Path, text: &Arc<str>, problems: &mut Problems) -> Vec<Block> {
    Parser { path, text, problems, blocks: Vec::new(), paragraph: None }.run()
}

struct Parser<'a> {
    path: &'a Path,
    text: &'a Arc<str>,
    problems: &'a mut Problems,
    blocks: Vec<Block>,
    /// The paragraph being collected: its text and where it starts.
    paragraph: Option<(String, usize)>,
}

impl Parser<'_> {
    fn run(mut self) -> Vec<Block> {
        let text = self.text.clone();
        let lines: Vec<(usize, &str)> = line_offsets(&text);
        let mut i = 0;
        while i < lines.len() {
            let (offset, raw) = lines[i];
            let after_blank = i == 0 || lines[i - 1].1.trim().is_empty();
            let line = raw.trim_end();
            let trimmed = line.trim_start();
            i += 1;
            if trimmed.is_empty() {
                self.flush();
            } else if let Some(name) = trimmed.strip_prefix(":::") {
                self.flush();
                let name = name.trim();
                let close = lines[i..].iter().position(|(_, l)| l.trim() == ":::");
                let Some(close) = close else {
                    self.problems.error(
                        self.path,
                        self.text,
                        offset..offset + line.len(),
                        format!(
                            "expected a closing `:::` for the `::: {name}` block opened here, found the end of the file"
                        ),
                    );
                    return self.blocks;
                };
                if name.is_empty() {
                    self.problems.error(
                        self.path,
                        self.text,
                        offset..offset + line.len(),
                        format!("expected a block name after `:::` ({BLOCK_NAMES}), found nothing"),
                    );
                } else {
                    let body = &lines[i..i + close];
                    self.block(name, offset..offset + line.len(), body);
                }
                i += close + 1;
            } else if let Some(rest) = trimmed.strip_prefix('#') {
                self.flush();
                let level = 1 + rest.chars().take_while(|c| *c == '#').count();
                let title = rest.trim_start_matches('#').trim();
                if !(2..=3).contains(&level) || title.is_empty() {
                    self.problems.error(self.path, self.text, offset..offset + line.len(), format!(
                        "expected a heading `## Title` or `### Title` (the chapter title comes from edition.toml), found `{trimmed}`"
                    ));
                    continue;
                }
                let text = self.inline(title, offset + line.len() - title.len());
                self.blocks.push(Block::Heading { level: level as u8, text });
            } else if let Some(item) = trimmed.strip_prefix("- ").or(if trimmed == "-" { Some("") } else { None }) {
                self.flush();
                let (item, next) = continued(item, &lines, i);
                i = next;
                let inline = self.inline(&item, offset);
                match self.blocks.last_mut() {
                    Some(Block::List { items }) if !after_blank => items.push(inline),
                    _ => self.blocks.push(Block::List { items: vec![inline] }),
                }
            } else if let Some(rest) = trimmed.strip_prefix('→') {
                self.flush();
                let text = self.inline(rest.trim(), offset);
                self.blocks.push(Block::Highlight { text });
            } else if trimmed.starts_with('>') {
                self.flush();
                let mut quote: Vec<&str> = vec![trimmed[1..].trim()];
                while i < lines.len() && lines[i].1.trim_start().starts_with('>') {
                    quote.push(lines[i].1.trim_start()[1..].trim());
                    i += 1;
                }
                let source = match quote.last() {
                    Some(last) if quote.len() > 1 && last.starts_with('(') && last.ends_with(')') => {
                        Some(quote.pop().unwrap_or_default().to_string())
                    }
                    _ => None,
                };
                let text = self.inline(&quote.join(" "), offset);
                self.blocks.push(Block::Quote { text, source });
            } else {
                match &mut self.paragraph {
                    Some((text, _)) => {
                        text.push(' ');
                        text.push_str(trimmed);
                    }
                    None => self.paragraph = Some((trimmed.to_string(), offset)),
                }
            }
        }
        self.flush();
        self.blocks
    }

    fn flush(&mut self) {
        if let Some((text, offset)) = self.paragraph.take() {
            let text = self.inline(&text, offset);
            self.blocks.push(Block::Paragraph { text });
        }
    }

    fn block(&mut self, name: &str, at: Range<usize>, body: &[(usize, &str)]) {
        let block = match name {
            "conclusion" => {
                let mut items = Vec::new();
                let mut j = 0;
                while j < body.len() {
                    let (offset, line) = body[j];
                    j += 1;
                    let trimmed = line.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    match trimmed.strip_prefix("- ") {
                        Some(item) => {
                            let (item, next) = continued(item, body, j);
                            j = next;
                            items.push(self.inline(&item, offset));
                        }
                        None => {
                            self.problems.error(
                                self.path,
                                self.text,
                                offset..offset + line.len(),
                                format!("expected a list item `- …` inside `::: conclusion`, found `{trimmed}`"),
                            );
                        }
                    }
                }
                Some(Block::Conclusion { items })
            }
            "table" => self.toml::<TableSpec>(name, body, &at).map(|spec| Block::Table { spec, table: None, at }),
            "chart" => self.toml::<ChartSpec>(name, body, &at).map(|spec| Block::Chart { spec, data: None, at }),
            "key-figures" => self.toml::<NoKeys>(name, body, &at).map(|_| Block::KeyFigures { figures: None, at }),
            "photo" => self.toml::<PhotoSpec>(name, body, &at).map(Block::Photo),
            "figure" => self.toml::<FigureSpec>(name, body, &at).map(Block::Figure),
            "map" => self.toml::<MapSpec>(name, body, &at).map(|spec| {
                let legend_kinds =
                    spec.legend.iter().map(|l| crate::geo::PlaceKind::parse(l).map(|k| k.id())).collect();
                Block::Map { spec, svg: None, legend_kinds, at }
            }),
            "goals" => self.toml::<GoalsSpec>(name, body, &at).and_then(|spec| {
                if let Some(bad) = spec.goals.iter().find(|g| !(1..=17).contains(*g)) {
                    self.problems.error(
                        self.path,
                        self.text,
                        at.clone(),
                        format!("expected goal numbers 1–17, found {bad}"),
                    );
                    None
                } else {
                    Some(Block::Goals(spec))
                }
            }),
            "pagebreak" => self.toml::<NoKeys>(name, body, &at).map(|_| Block::Pagebreak),
            other => {
                self.problems.error(
                    self.path,
                    self.text,
                    at,
                    format!("expected a block name ({BLOCK_NAMES}), found `{other}`"),
                );
                None
            }
        };
        self.blocks.extend(block);
    }

    /// Reads a block's body as TOML; errors point into the chapter file.
    fn toml<T: DeserializeOwned>(&mut self, name: &str, body: &[(usize, &str)], at: &Range<usize>) -> Option<T> {
        let start = body.first().map_or(at.end, |(offset, _)| *offset);
        let end = body.last().map_or(at.end, |(offset, line)| offset + line.len());
        let source = &self.text[start..end.max(start)];
        match toml::from_str::<T>(source) {
            Ok(value) => Some(value),
            Err(err) => {
                let range = err.span().map_or(at.clone(), |s| start + s.start..start + s.end.max(s.start + 1));
                let message = err.message().trim().to_string();
                self.problems.error(self.path, self.text, range, format!("in the `::: {name}` block: {message}"));
                None
            }
        }
    }

    /// Splits inline text into runs at `**` and `[[lost-text]]`.
    fn inline(&mut self, source: &str, offset: usize) -> Inline {
        let mut runs = Vec::new();
        let mut strong = false;
        for (i, piece) in source.split("**").enumerate() {
            if i > 0 {
                strong = !strong;
            }
            for (j, part) in piece.split("[[lost-text]]").enumerate() {
                if j > 0 {
                    runs.push(Run { text: "[…]".into(), strong, lost: true });
                }
                if !part.is_empty() {
                    runs.push(Run { text: part.to_string(), strong, lost: false });
                }
            }
        }
        if strong {
            let end = (offset + 1).min(self.text.len());
            self.problems.error(
                self.path,
                self.text,
                offset..end,
                "expected a closing `**` for bold text in this paragraph, found none",
            );
        }
        runs
    }
}

/// Joins the lines of a list item that continue on lines indented by two spaces.
fn continued(first: &str, lines: &[(usize, &str)], mut i: usize) -> (String, usize) {
    let mut item = first.trim().to_string();
    while i < lines.len() {
        let line = lines[i].1;
        if line.starts_with("  ") && !line.trim().is_empty() && !line.trim_start().starts_with("- ") {
            item.push(' ');
            item.push_str(line.trim());
            i += 1;
        } else {
            break;
        }
    }
    (item, i)
}

/// The lines of a text with the byte offset where each starts.
fn line_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            (start, line.trim_end_matches(['\n', '\r']))
        })
        .collect()
}
