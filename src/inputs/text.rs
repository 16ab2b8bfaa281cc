//! Chapter text: the small Markdown dialect of `data/README.md`, parsed into blocks.
//!
//! The grammar, one rule per line kind (each rule is one method of the parser):
//!
//! ```text
//! chapter    = { line } ;
//! blank      = only white space ;                       ends a paragraph or a list
//! fenced     = ":::" name NL { body } ":::" ;           a block: `conclusion` holds `- ` items,
//!                                                       every other name a TOML table
//! heading    = ( "##" | "###" ) text ;                  a section or sub-section
//! item       = "- " text { NL "  " text } ;             items not parted by a blank line
//!                                                       form one list
//! highlight  = "→" text ;
//! quote      = ">" text { NL ">" text } ;               a last line `> (…)` is its source
//! paragraph  = any other line { NL any other line } ;   lines joined with a space
//! inline     = { text | "**" inline "**" | "[[lost-text]]" } ;
//! ```
//!
//! Blocks that name data files (tables, charts, the key-figure box, maps) are filled in by
//! [`crate::inputs::edition::loader`], which loads and checks their files.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::diag::Diagnostics;
pub use crate::inputs::blocks::{
    ChartKind, ChartSpec, FigureSpec, GoalsSpec, KeyFiguresSpec, MapSpec, PhotoSize, PhotoSpec, TableSpec,
};
use crate::inputs::keyfigures::KeyFigures;
use crate::inputs::table::Table;

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    /// Marks a place where the extraction of the printed edition lost words.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lost: bool,
    /// A reference to a figure of the chapter (`[Tabellen under](#arsverk)`): the layout words
    /// where the figure is from where it landed; `text` holds the printed words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refers: Option<Reference>,
    /// The language of words in another language than the text's, as the text marks them
    /// (`[Circular Cities]{lang=en}`): a screen reader says them in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// What a sentence refers to: a table, chart, figure or map of its chapter by its id, and
/// whether it comes after the sentence in the text (for a rendition that keeps the text's
/// order, as the web edition does).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub id: String,
    pub after: bool,
    /// Its number in the edition, in the text's order (given when the model is typeset).
    pub n: usize,
    /// Where the figure landed, as the layout words it: `below`, `above`, `right`, `left`,
    /// `next`, `previous` or `page` with the page's number (the page-balancing pass,
    /// [`crate::typeset::balance`], sets it from the previous compile).
    pub placed: (String, usize),
    /// How often the balancing pass worded it anew: a reference whose words still move its
    /// figure back and forth after four is worded by the figure's page number instead.
    #[serde(skip)]
    pub rewordings: u8,
}

/// Inline text: a sequence of runs.
pub type Inline = Vec<Run>;

/// Blocks without keys.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoKeys {}

/// One block of a chapter, as parsed: with its span (`at`) and every key of its `::: …`
/// block. The data a block names (`table`, `figures`, `data`, a map's drawing) is `None` as
/// parsed; the loader ([`crate::inputs::edition::loader`]) fills it in, and leaves it `None`
/// where the file failed to load (the problem is reported). The layouts never read this tree:
/// they read the model made from it (`crate::model::Block`).
#[derive(Debug, Clone)]
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
        spec: Box<TableSpec>,
        table: Option<Table>,
        /// The id a sentence refers to it by ([`figure_id`]).
        figure_id: Option<String>,
        at: Range<usize>,
    },
    KeyFigures {
        spec: KeyFiguresSpec,
        figures: Option<KeyFigures>,
        at: Range<usize>,
    },
    Chart {
        spec: ChartSpec,
        data: Option<Table>,
        /// The id a sentence refers to it by ([`figure_id`]).
        figure_id: Option<String>,
        at: Range<usize>,
    },
    Photo {
        spec: PhotoSpec,
        at: Range<usize>,
    },
    Figure {
        spec: FigureSpec,
        /// The id a sentence refers to it by ([`figure_id`]).
        figure_id: Option<String>,
        at: Range<usize>,
    },
    Map {
        spec: MapSpec,
        /// The virtual path of the drawn map, when the edition has data for it.
        svg: Option<String>,
        /// The place kind (`lokalsenter`, …) of each legend entry, for its symbol.
        legend_kinds: Vec<Option<&'static str>>,
        /// The places the drawn map shows, in reading order (the web edition lists them).
        places: Vec<MapPlace>,
        /// The drawn map's credit line (the boundary data's source).
        credit: Option<String>,
        /// The id a sentence refers to it by ([`figure_id`]).
        figure_id: Option<String>,
        at: Range<usize>,
    },
    Goals(GoalsSpec),
    Pagebreak,
}

const BLOCK_NAMES: &str =
    "`table`, `key-figures`, `chart`, `photo`, `figure`, `map`, `goals`, `pagebreak` or `conclusion`";

/// Parses a chapter's text. Diagnostics are collected; the blocks that could be read are returned.
pub fn parse_chapter(path: &Path, text: &Arc<str>, problems: &mut Diagnostics) -> Vec<Block> {
    let lines = line_offsets(text);
    let mut parser = Parser { path, text, problems, lines: &lines, next: 0, blocks: Vec::new(), paragraph: None };
    parser.chapter();
    let mut blocks = parser.blocks;
    resolve_references(&mut blocks, path, text, problems);
    blocks
}

/// Gives every figure its id and checks each reference of the text: it must name a table,
/// chart, figure or map of the same chapter; whether that comes after the sentence is noted.
fn resolve_references(blocks: &mut [Block], path: &Path, text: &Arc<str>, problems: &mut Diagnostics) {
    let ids: Vec<Option<String>> = blocks.iter().map(figure_id).collect();
    for (block, id) in blocks.iter_mut().zip(&ids) {
        if let Block::Table { figure_id, .. }
        | Block::Chart { figure_id, .. }
        | Block::Figure { figure_id, .. }
        | Block::Map { figure_id, .. } = block
        {
            figure_id.clone_from(id);
        }
    }
    for (at, block) in blocks.iter_mut().enumerate() {
        let runs: Vec<&mut Run> = match block {
            Block::Heading { text, .. }
            | Block::Paragraph { text }
            | Block::Highlight { text }
            | Block::Quote { text, .. } => text.iter_mut().collect(),
            Block::List { items } | Block::Conclusion { items } => items.iter_mut().flatten().collect(),
            _ => continue,
        };
        for run in runs {
            let Some(reference) = &mut run.refers else { continue };
            match ids.iter().position(|id| id.as_deref() == Some(reference.id.as_str())) {
                Some(target) => {
                    reference.after = target > at;
                    // Until a compile says where it landed: where the text's order puts it.
                    reference.placed = (if reference.after { "below" } else { "above" }.to_string(), 0);
                }
                None => {
                    let needle = format!("](#{})", reference.id);
                    let start = text.find(&needle).map_or(0, |i| i + 3);
                    let known: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
                    let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                    let message = format!(
                        "expected the id of a table, chart, figure or map of this chapter after `](#`, found `{}` (this chapter has: {known})",
                        reference.id
                    );
                    problems.error(path, text, start..start + reference.id.len(), message);
                }
            }
        }
    }
}

/// Splits a one-line text into runs at `**` (bold), `[[lost-text]]` (a visible gap),
/// references `[words](#id)` and words in another language, `[words]{lang=en}`.
/// Returns the runs and whether a `**` was left open.
pub fn inline_runs(source: &str) -> (Inline, bool) {
    let mut runs = Vec::new();
    let mut strong = false;
    let source = typography(source);
    for (i, piece) in source.split("**").enumerate() {
        if i > 0 {
            strong = !strong;
        }
        for (j, part) in piece.split("[[lost-text]]").enumerate() {
            if j > 0 {
                runs.push(Run { text: "[…]".into(), strong, lost: true, refers: None, lang: None });
            }
            // The part's pieces in another language, and those between them.
            let mut pieces: Vec<(&str, Option<&str>)> = Vec::new();
            let mut rest = part;
            while let Some((before, words, lang, after)) = lang_span(rest) {
                pieces.push((before, None));
                pieces.push((words, Some(lang)));
                rest = after;
            }
            pieces.push((rest, None));
            for (piece, lang) in pieces {
                let lang = lang.map(str::to_string);
                let mut rest = piece;
                while let Some((before, words, id, after)) = reference(rest) {
                    if !before.is_empty() {
                        runs.push(Run { text: tie(before), strong, lost: false, refers: None, lang: lang.clone() });
                    }
                    let refers = Some(Reference {
                        id: id.to_string(),
                        after: false,
                        n: 0,
                        placed: (String::new(), 0),
                        rewordings: 0,
                    });
                    runs.push(Run { text: tie(words), strong, lost: false, refers, lang: lang.clone() });
                    rest = after;
                }
                if !rest.is_empty() {
                    runs.push(Run { text: tie(rest), strong, lost: false, refers: None, lang });
                }
            }
        }
    }
    (runs, strong)
}

/// The first span of words in another language `[words]{lang=en}` in `text`: the text
/// before it, its words, its language (a BCP 47 tag: letters, digits, hyphens) and the text
/// after it.
fn lang_span(text: &str) -> Option<(&str, &str, &str, &str)> {
    const MARK: &str = "]{lang=";
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let close = text[open..].find(MARK).map(|i| open + i)?;
        let start = close + MARK.len();
        let words = &text[open + 1..close];
        match text[start..].find('}') {
            Some(len)
                if (2..=12).contains(&len)
                    && !words.trim().is_empty()
                    && !words.contains('[')
                    && text[start..start + len].chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
            {
                return Some((&text[..open], words, &text[start..start + len], &text[start + len + 1..]));
            }
            _ => from = open + 1,
        }
    }
    None
}

/// The first reference `[words](#id)` in `text`: the text before it, its words, its id and
/// the text after it. An id is letters, digits and `-`; anything else is plain text.
fn reference(text: &str) -> Option<(&str, &str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| from + i) {
        let close = text[open..].find("](#").map(|i| open + i)?;
        let id_start = close + 3;
        let id_len = text[id_start..].find(')');
        let words = &text[open + 1..close];
        match id_len {
            Some(len)
                if len > 0
                    && !words.is_empty()
                    && !words.contains('[')
                    && text[id_start..id_start + len].chars().all(|c| c.is_alphanumeric() || c == '-') =>
            {
                return Some((&text[..open], words, &text[id_start..id_start + len], &text[id_start + len + 1..]));
            }
            _ => from = open + 1,
        }
    }
    None
}

/// A place a drawn map shows: its name and its kind (`lokalsenter`, …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapPlace {
    pub name: String,
    pub kind: &'static str,
}

/// The id a sentence names a figure by: a map's or figure's `id`, else the name of the
/// table's, chart's or figure's file without its folder and extension
/// (`tables/velferd/arsverk.csv` is `arsverk`).
pub fn figure_id(block: &Block) -> Option<String> {
    let stem = |file: &str| {
        let name = file.rsplit('/').next().unwrap_or(file);
        name.split('.').next().unwrap_or(name).to_string()
    };
    match block {
        Block::Table { spec, .. } => Some(stem(&spec.file)),
        Block::Chart { spec, .. } => spec.file.as_deref().map(stem),
        Block::Figure { spec, .. } => spec.id.clone().or_else(|| spec.file.as_deref().map(stem)),
        Block::Map { spec, .. } => Some(spec.id.clone()),
        _ => None,
    }
}

/// The report's [`typography`] on the text a chapter's data prints, as it is built: a table's
/// or chart's title, source, note, legend, header and text cells (number cells are formatted
/// already), a map's title, legend, source and note, and a key-figure box's goals, delmål,
/// nøkkeltall and notes. The model as loaded keeps the files' text, for the checks and
/// confirmations that name it as written.
pub fn data_typography(block: &mut Block) {
    let set = |text: &mut String| *text = typography(text);
    let table = |table: &mut Table| {
        table.header.iter_mut().flatten().for_each(|cell| set(&mut cell.text));
        let cells = table.rows.iter_mut().flat_map(|row| row.cells.iter_mut());
        cells.filter(|cell| cell.value.is_none()).for_each(|cell| set(&mut cell.text));
    };
    match block {
        Block::Table { spec, table: data, .. } => {
            set(&mut spec.title);
            set(&mut spec.source);
            spec.note.iter_mut().for_each(set);
            data.iter_mut().for_each(table);
        }
        Block::Chart { spec, data, .. } => {
            set(&mut spec.title);
            set(&mut spec.source);
            spec.note.iter_mut().for_each(set);
            spec.legend.iter_mut().for_each(set);
            data.iter_mut().for_each(table);
        }
        Block::Map { spec, .. } => {
            set(&mut spec.title);
            spec.legend.iter_mut().for_each(set);
            spec.source.iter_mut().for_each(set);
            spec.note.iter_mut().for_each(set);
        }
        Block::KeyFigures { figures: Some(figures), .. } => {
            for goal in &mut figures.goals {
                set(&mut goal.text);
                for subgoal in &mut goal.subgoals {
                    set(&mut subgoal.text);
                    subgoal.indicators.iter_mut().for_each(|indicator| set(&mut indicator.text));
                }
            }
            figures.notes.iter_mut().for_each(set);
        }
        _ => {}
    }
}

/// The report's typography, whatever the file says, so that a new edition typed plainly looks
/// like the first: a year range or another range of numbers with an en dash (`2024-2027` →
/// `2024–2027`, `5-10 år` → `5–10 år`; never a hyphen in a word, a code or a date), a minus sign
/// before a negative number (`-5 %` → `−5 %`), squares and cubes raised (`m2` → `m²`, `km2`
/// → `km²`, `m3` → `m³`), CO₂ with its subscript, three full stops as an ellipsis
/// (`[...]` → `[…]`), a no-break space before a per cent sign that follows its number (`5%` →
/// `5 %`), and straight double quotes as «» (an opening one after a space, a line's start or a
/// bracket).
pub fn typography(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let word_char = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = if i > 0 { Some(chars[i - 1]) } else { None };
        match c {
            '-' if year_range(&chars, i) || number_range(&chars, i) => out.push('–'),
            '-' if chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && before.is_none_or(|b| b.is_whitespace() || b == '(') =>
            {
                out.push(crate::inputs::value::MINUS)
            }
            '2' | '3' if !word_char(i + 1) && unit_before(&chars, i) => out.push(if c == '2' { '²' } else { '³' }),
            '2' if i >= 2
                && chars[i - 2] == 'C'
                && chars[i - 1] == 'O'
                && !(i >= 3 && chars[i - 3].is_alphanumeric())
                && !chars.get(i + 1).is_some_and(char::is_ascii_digit) =>
            {
                out.push('₂')
            }
            // Three full stops are an ellipsis (`[...]` → `[…]`).
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            // A per cent sign after its number, as a unit, stands a no-break space apart (`5%`
            // → `5 %`).
            '%' if before.is_some_and(|b| b.is_ascii_digit()) => {
                out.push('\u{a0}');
                out.push('%')
            }
            '"' if before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '/')) => out.push('«'),
            '"' => out.push('»'),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether the hyphen at `i` joins two years, `2024-2027` (four digits each, 1900–2099, the
/// second later, no digit or hyphen around them: not a date `2024-06-01`).
fn year_range(chars: &[char], i: usize) -> bool {
    let year = |start: usize| -> Option<u32> {
        let digits: String = chars.get(start..start + 4)?.iter().collect();
        digits.chars().all(|c| c.is_ascii_digit()).then(|| digits.parse().ok()).flatten()
    };
    let (Some(start), Some(end)) = (i.checked_sub(4), Some(i + 1)) else { return false };
    let edge = |at: Option<&char>| at.is_none_or(|c| !c.is_ascii_digit() && *c != '-');
    match (year(start), year(end)) {
        (Some(a), Some(b)) => {
            (1900..2100).contains(&a)
                && a < b
                && b < 2100
                && edge(start.checked_sub(1).and_then(|s| chars.get(s)))
                && edge(chars.get(end + 4))
        }
        _ => false,
    }
}

/// Whether the hyphen at `i` joins two numbers, the first the smaller (`5-10`, `1,5-2,0`),
/// standing alone: no letter, digit, hyphen, dash, slash, full stop or comma before the first
/// (`E18-2`, `a-2`, `1.5-2`), and none of these after the second but a full stop or comma
/// that ends a sentence (`66-68-20`, `2024-06-01`, `5-10år` are kept).
fn number_range(chars: &[char], i: usize) -> bool {
    let joined = |c: &char| c.is_alphanumeric() || matches!(c, '-' | '–' | '−' | '/' | '.' | ',' | ':' | '+');
    let number = |digits: &[char]| digits.iter().collect::<String>().replace(',', ".").parse::<f64>().ok();
    let run = |at: usize, step: isize| {
        // The digits (and one decimal comma between digits) from `at`, in direction `step`.
        let mut end = at as isize;
        let mut comma = false;
        while let Some(c) = usize::try_from(end).ok().and_then(|e| chars.get(e)) {
            let next = usize::try_from(end + step).ok().and_then(|e| chars.get(e));
            if c.is_ascii_digit()
                || (*c == ',' && !comma && next.is_some_and(char::is_ascii_digit) && end != at as isize)
            {
                comma |= *c == ',';
                end += step;
            } else {
                break;
            }
        }
        end
    };
    let Some(left_end) = i.checked_sub(1) else { return false };
    if !chars.get(left_end).is_some_and(char::is_ascii_digit) || !chars.get(i + 1).is_some_and(char::is_ascii_digit) {
        return false;
    }
    let before = run(left_end, -1);
    let after = run(i + 1, 1) as usize;
    let start = (before + 1) as usize;
    let free_before = usize::try_from(before).ok().and_then(|b| chars.get(b)).is_none_or(|c| !joined(c));
    let free_after = chars.get(after).is_none_or(|c| {
        !joined(c) || (matches!(c, '.' | ',' | ':') && !chars.get(after + 1).is_some_and(|n| n.is_alphanumeric()))
    });
    let (Some(a), Some(b)) = (number(&chars[start..i]), number(&chars[i + 1..after])) else { return false };
    free_before && free_after && a < b
}

/// Whether the digit at `i` follows a unit of length standing alone (`m`, `km`, `cm`, `dm`,
/// after a space, a digit, `/` or the line's start): `m2`, `kr/m2`, `5km2`.
fn unit_before(chars: &[char], i: usize) -> bool {
    let unit_start = ["km", "cm", "dm", "m"].iter().find_map(|unit| {
        let n = unit.chars().count();
        let start = i.checked_sub(n)?;
        (chars[start..i].iter().collect::<String>() == *unit).then_some(start)
    });
    unit_start.is_some_and(|start| {
        start == 0 || chars[start - 1].is_whitespace() || chars[start - 1].is_ascii_digit() || chars[start - 1] == '/'
    })
}

/// Words a number is never parted from at a line's end: units and amounts after it.
const UNITS: [&str; 16] = [
    "%",
    "prosent",
    "prosentpoeng",
    "kr",
    "kroner",
    "mill.",
    "millioner",
    "mrd.",
    "milliarder",
    "km",
    "tonn",
    "GWh",
    "kg",
    "dekar",
    "m²",
    "år",
];

/// No-break spaces where a line must not break: after an ordinal or a date's day before a
/// word in lower case («8.\u{a0}største», «9.\u{a0}juni») and between a number and its unit
/// («760\u{a0}mill.», «15\u{a0}%»). The words stay the same; only the space changes.
fn tie(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let tied = c == ' ' && i > 0 && {
            let before = chars[i - 1];
            let after: String = chars[i + 1..].iter().take_while(|c| !c.is_whitespace()).collect();
            let ordinal =
                before == '.' && i > 1 && chars[i - 2].is_ascii_digit() && after.starts_with(char::is_lowercase);
            let unit = before.is_ascii_digit()
                && UNITS.iter().any(|u| {
                    after.trim_end_matches([',', ';', ')', ':']) == *u
                        || (after.ends_with('.') && after.trim_end_matches('.') == *u)
                });
            ordinal || unit
        };
        out.push(if tied { '\u{a0}' } else { c });
    }
    out
}

/// One line of the text and the byte offset where it starts.
type Line<'t> = (usize, &'t str);

struct Parser<'a, 't> {
    path: &'a Path,
    text: &'a Arc<str>,
    problems: &'a mut Diagnostics,
    lines: &'a [Line<'t>],
    /// The index of the next line to read.
    next: usize,
    blocks: Vec<Block>,
    /// The paragraph being collected: its text and where it starts.
    paragraph: Option<(String, usize)>,
}

impl<'t> Parser<'_, 't> {
    /// `chapter = { line }`: dispatches each line to the rule of its kind.
    fn chapter(&mut self) {
        while let Some(&(offset, raw)) = self.lines.get(self.next) {
            let after_blank = self.next == 0 || self.lines[self.next - 1].1.trim().is_empty();
            self.next += 1;
            let line = raw.trim_end();
            let trimmed = line.trim_start();
            let at = offset..offset + line.len();
            if trimmed.is_empty() {
                self.flush();
                continue;
            }
            if !is_paragraph_line(trimmed) {
                self.flush();
            }
            if let Some(name) = trimmed.strip_prefix(":::") {
                if !self.fenced(name.trim(), at) {
                    return;
                }
            } else if let Some(rest) = trimmed.strip_prefix('#') {
                self.heading(rest, trimmed, at);
            } else if let Some(item) = list_item(trimmed) {
                self.item(item, offset, after_blank);
            } else if let Some(rest) = trimmed.strip_prefix('→') {
                self.highlight(rest, offset);
            } else if let Some(first) = trimmed.strip_prefix('>') {
                self.quote(first, offset);
            } else {
                self.paragraph_line(trimmed, offset);
            }
        }
        self.flush();
    }

    /// `fenced = ":::" name NL { body } ":::"`. Returns false when the block is never closed
    /// (the rest of the file is its body, so parsing stops).
    fn fenced(&mut self, name: &str, at: Range<usize>) -> bool {
        let Some(close) = self.lines[self.next..].iter().position(|(_, l)| l.trim() == ":::") else {
            let message =
                format!("expected a closing `:::` for the `::: {name}` block opened here, found the end of the file");
            self.problems.error(self.path, self.text, at, message);
            return false;
        };
        let body = &self.lines[self.next..self.next + close];
        self.next += close + 1;
        if name.is_empty() {
            let message = format!("expected a block name after `:::` ({BLOCK_NAMES}), found nothing");
            self.problems.error(self.path, self.text, at, message);
        } else {
            let block = self.block(name, at, body);
            self.blocks.extend(block);
        }
        true
    }

    /// `heading = ("##" | "###") text`; a single `#` is the chapter title's, from edition.toml.
    fn heading(&mut self, rest: &str, line: &str, at: Range<usize>) {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        let title = rest.trim_start_matches('#').trim();
        if !(2..=3).contains(&level) || title.is_empty() {
            let message = format!(
                "expected a heading `## Title` or `### Title` (the chapter title comes from edition.toml), found `{line}`"
            );
            self.problems.error(self.path, self.text, at, message);
            return;
        }
        let text = self.inline(title, at.end - title.len());
        self.blocks.push(Block::Heading { level: level as u8, text });
    }

    /// `item = "- " text { NL "  " text }`: joins a list unless a blank line parts them.
    fn item(&mut self, first: &str, offset: usize, after_blank: bool) {
        let (item, next) = continued(first, self.lines, self.next);
        self.next = next;
        let inline = self.inline(&item, offset);
        match self.blocks.last_mut() {
            Some(Block::List { items }) if !after_blank => items.push(inline),
            _ => self.blocks.push(Block::List { items: vec![inline] }),
        }
    }

    /// `highlight = "→" text`.
    fn highlight(&mut self, rest: &str, offset: usize) {
        let text = self.inline(rest.trim(), offset);
        self.blocks.push(Block::Highlight { text });
    }

    /// `quote = ">" text { NL ">" text }`; a last line in parentheses is its source.
    fn quote(&mut self, first: &str, offset: usize) {
        let mut lines: Vec<&str> = vec![first.trim()];
        while let Some(more) = self.lines.get(self.next).and_then(|(_, l)| l.trim_start().strip_prefix('>')) {
            lines.push(more.trim());
            self.next += 1;
        }
        let source = match lines.last() {
            Some(last) if lines.len() > 1 && last.starts_with('(') && last.ends_with(')') => {
                lines.pop().map(String::from)
            }
            _ => None,
        };
        let text = self.inline(&lines.join(" "), offset);
        self.blocks.push(Block::Quote { text, source });
    }

    /// `paragraph`: any other line, joined to the paragraph being collected.
    fn paragraph_line(&mut self, line: &str, offset: usize) {
        match &mut self.paragraph {
            Some((text, _)) => {
                text.push(' ');
                text.push_str(line);
            }
            None => self.paragraph = Some((line.to_string(), offset)),
        }
    }

    /// Ends the paragraph being collected.
    fn flush(&mut self) {
        if let Some((text, offset)) = self.paragraph.take() {
            let text = self.inline(&text, offset);
            self.blocks.push(Block::Paragraph { text });
        }
    }

    /// The block a fenced `::: name` stands for.
    fn block(&mut self, name: &str, at: Range<usize>, body: &[Line<'t>]) -> Option<Block> {
        match name {
            "conclusion" => Some(Block::Conclusion { items: self.conclusion(body) }),
            "table" => self.toml::<TableSpec>(name, body, &at).map(|mut spec| {
                let start = body.first().map_or(at.end, |(offset, _)| *offset);
                let end = body.last().map_or(at.end, |(offset, line)| offset + line.len());
                let keys = toml::from_str::<toml::Table>(&self.text[start..end.max(start)]).unwrap_or_default();
                spec.left_out = ["title", "source"].map(|k| !keys.contains_key(k));
                Block::Table { spec: Box::new(spec), table: None, figure_id: None, at }
            }),
            "chart" => self.toml::<ChartSpec>(name, body, &at).map(|spec| Block::Chart {
                spec,
                data: None,
                figure_id: None,
                at,
            }),
            "key-figures" => {
                self.toml::<KeyFiguresSpec>(name, body, &at).map(|spec| Block::KeyFigures { spec, figures: None, at })
            }
            "photo" => self.toml::<PhotoSpec>(name, body, &at).map(|spec| Block::Photo { spec, at }),
            "figure" => {
                self.toml::<FigureSpec>(name, body, &at).map(|spec| Block::Figure { spec, figure_id: None, at })
            }
            "map" => self.toml::<MapSpec>(name, body, &at).map(|spec| {
                let legend_kinds =
                    spec.legend.iter().map(|l| crate::inputs::geo::PlaceKind::parse(l).map(|k| k.id())).collect();
                Block::Map { spec, svg: None, legend_kinds, places: Vec::new(), credit: None, figure_id: None, at }
            }),
            "goals" => self.toml::<GoalsSpec>(name, body, &at).and_then(|spec| {
                let Some(bad) = spec.goals.iter().find(|g| !(1..=17).contains(*g)) else {
                    return Some(Block::Goals(spec));
                };
                self.problems.error(self.path, self.text, at, format!("expected goal numbers 1–17, found {bad}"));
                None
            }),
            "pagebreak" => self.toml::<NoKeys>(name, body, &at).map(|_| Block::Pagebreak),
            other => {
                let message = format!("expected a block name ({BLOCK_NAMES}), found `{other}`");
                self.problems.error(self.path, self.text, at, message);
                None
            }
        }
    }

    /// The items of a `::: conclusion` block: `- ` items, nothing else.
    fn conclusion(&mut self, body: &[Line<'t>]) -> Vec<Inline> {
        let mut items = Vec::new();
        let mut j = 0;
        while let Some(&(offset, line)) = body.get(j) {
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
                    let message = format!("expected a list item `- …` inside `::: conclusion`, found `{trimmed}`");
                    self.problems.error(self.path, self.text, offset..offset + line.len(), message);
                }
            }
        }
        items
    }

    /// Reads a block's body as TOML; errors point into the chapter file.
    fn toml<T: DeserializeOwned>(&mut self, name: &str, body: &[Line<'t>], at: &Range<usize>) -> Option<T> {
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

    /// `inline`: the runs of a text, with an error for an unclosed `**`.
    fn inline(&mut self, source: &str, offset: usize) -> Inline {
        let (runs, unclosed) = inline_runs(source);
        if unclosed {
            let end = (offset + 1).min(self.text.len());
            let message = "expected a closing `**` for bold text in this paragraph, found none";
            self.problems.error(self.path, self.text, offset..end, message);
        }
        runs
    }
}

/// Whether a non-blank line continues a paragraph (it starts no other kind of line).
fn is_paragraph_line(trimmed: &str) -> bool {
    !(trimmed.starts_with(":::")
        || trimmed.starts_with('#')
        || list_item(trimmed).is_some()
        || trimmed.starts_with('→')
        || trimmed.starts_with('>'))
}

/// The text of a list item line (`- text`, or a lone `-`).
fn list_item(trimmed: &str) -> Option<&str> {
    trimmed.strip_prefix("- ").or(if trimmed == "-" { Some("") } else { None })
}

/// Joins the lines of a list item that continue on lines indented by two spaces.
fn continued(first: &str, lines: &[Line], mut i: usize) -> (String, usize) {
    let mut item = first.trim().to_string();
    while let Some((_, line)) = lines.get(i) {
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
fn line_offsets(text: &str) -> Vec<Line<'_>> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            (start, line.trim_end_matches(['\n', '\r']))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{inline_runs, tie, typography};

    // Words marked as another language (`[…]{lang=en}`) are a run of their own with that
    // language, bold and references inside them kept; a bracket that is not such a mark is
    // text.
    #[test]
    fn words_in_another_language_are_marked() {
        let (runs, _) = inline_runs("deltar i EUs [Circular Cities]{lang=en} og **[Smart City]{lang=en-GB}** [x]{y}.");
        let texts: Vec<(&str, Option<&str>, bool)> =
            runs.iter().map(|r| (r.text.as_str(), r.lang.as_deref(), r.strong)).collect();
        assert_eq!(
            texts,
            [
                ("deltar i EUs ", None, false),
                ("Circular Cities", Some("en"), false),
                (" og ", None, false),
                ("Smart City", Some("en-GB"), true),
                (" [x]{y}.", None, false),
            ]
        );
        let (runs, _) = inline_runs("[Tabellen under](#t) og [The Table]{lang=en}");
        assert!(runs[0].refers.is_some() && runs[0].lang.is_none() && runs[2].lang.as_deref() == Some("en"));
    }

    // Year ranges, minus signs, squares, CO₂ and quotes are set right whatever was typed;
    // dates, ranges of other numbers, words and the right forms are left alone.
    #[test]
    fn typography_is_set_from_plain_typing() {
        assert_eq!(typography("planen for 2024-2027 og (2020-2023)"), "planen for 2024–2027 og (2020–2023)");
        assert_eq!(typography("endring på -5 % og (-1,2)"), "endring på \u{2212}5 % og (\u{2212}1,2)");
        assert_eq!(typography("120 m2 og 3 m3, 40 kr/m2, 5 km2"), "120 m² og 3 m³, 40 kr/m², 5 km²");
        assert_eq!(typography("utslipp av CO2 og CO2e"), "utslipp av CO₂ og CO₂e");
        assert_eq!(typography("kalt \"Ung i Asker\" i fjor"), "kalt «Ung i Asker» i fjor");
        assert_eq!(typography("bygger videre [...].» og så..."), "bygger videre […].» og så…");
        assert_eq!(typography("5-10 år, 1,5-2,0 % og 0-5."), "5–10 år, 1,5–2,0 % og 0–5.");
        assert_eq!(typography("(< 5% er tilfredsstillende)"), "(< 5\u{a0}% er tilfredsstillende)");
        for kept in [
            "2024-06-01",
            "2027-2024",
            "ørn2",
            "E18-2",
            "mm2",
            "a-2",
            "«sitat»",
            "2024–2027",
            "Asker-modellen",
            "e-post",
            "66-68-20",
            "10-5",
            "1.5-2",
            "5-10år",
            "4-årsrapport",
            "5 %",
            "%-vis",
        ] {
            assert_eq!(typography(kept), kept, "{kept}");
        }
    }

    // Ordinals and units keep their number on the line; sentence ends do not.
    #[test]
    fn no_break_spaces_after_ordinals_and_before_units() {
        assert_eq!(tie("landets 8. største kommune"), "landets 8.\u{a0}største kommune");
        assert_eq!(
            tie("styrket med over 760 mill. kroner, 15 % og 3 år."),
            "styrket med over 760\u{a0}mill. kroner, 15\u{a0}% og 3\u{a0}år."
        );
        assert_eq!(tie("i 2022. Det"), "i 2022. Det");
        assert_eq!(tie("9. juni 2020"), "9.\u{a0}juni 2020");
    }
}
