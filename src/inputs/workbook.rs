//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) named by a `::: table` block,
//! read with calamine. A workbook stores what it shows as numbers (`15,1 %` is `0.151` with
//! a percent format, which calamine does not report), so the block states the rest: which
//! sheet and range, the unit, the scale and the decimals of its number columns.
//!
//! The range is turned into the same semicolon-separated text a CSV export gives, so one
//! set of checks reads both; every field of that text remembers its cell, and a problem found
//! in it is reported at the cell (`Ark1!B7`), not at a line of a file nobody can open.

mod bounds;
mod code;
mod ods;
mod xlsx;

use std::ops::Range;
use std::sync::Arc;

use calamine::{Data, Reader, Sheets};

pub use bounds::{MAX_CELLS, MAX_REPORTED};
use code::{CellMeta, Format};

use crate::inputs::blocks::NumberFormat;

/// Problems of a sheet: each with its cell (`Ark1!B7`), or none for the sheet or range.
pub type SheetProblems = Vec<(Option<String>, String)>;

/// A cell as 0-based (row, column).
type CellAt = (u32, u32);

/// What a `::: table` block says about the workbook it names.
#[derive(Debug, Clone, Default)]
pub struct SheetSpec<'a> {
    /// The sheet's name; may be left out when the workbook has one sheet.
    pub sheet: Option<&'a str>,
    /// The cells, `A3:D12`; default: every cell of the sheet that holds something.
    pub range: Option<&'a str>,
    /// The unit, scale and decimals of every number column, unless it has its own.
    pub numbers: NumberFormat,
    /// Number columns' own unit, scale and decimals, by header text or column letter.
    pub columns: Vec<(String, NumberFormat)>,
    /// How many rows of the range form the header (never scaled).
    pub header_rows: usize,
    /// Which columns of the range are number columns; default: all but the first.
    pub number_columns: Option<Vec<bool>>,
    /// The edition's status words: a number cell whose format shows one of them instead of
    /// its number (`[=0]"Ikke målt";0.0` for 0) is read as those words, as the sheet shows it.
    pub status_words: &'a [String],
}

/// A range of a sheet as CSV text, with the cell of each field.
#[derive(Debug, Clone)]
pub struct SheetText {
    /// `sep=;` and the rows of the range, `;` between cells.
    pub text: Arc<str>,
    /// The sheet read.
    pub sheet: String,
    /// Each field's byte range in `text` and its cell name (`B7`), in order.
    pub cells: Vec<(Range<usize>, String)>,
}

impl SheetText {
    /// Where a byte range of [`Self::text`] is in the workbook: `Ark1!B7`, or `Ark1!A7:D7`
    /// when it spans the cells of a row.
    pub fn cell_at(&self, range: &Range<usize>) -> String {
        let index = |offset: usize| self.cells.partition_point(|(r, _)| r.start <= offset).saturating_sub(1);
        let Some((_, first)) = self.cells.get(index(range.start)) else { return self.sheet.clone() };
        let last = &self.cells[index(range.end.saturating_sub(1).max(range.start))].1;
        if last == first { format!("{}!{first}", self.sheet) } else { format!("{}!{first}:{last}", self.sheet) }
    }
}

/// The cells of a range of a sheet, as calamine reads them, with what the workbook's XML
/// says of them (.xlsx only).
pub struct Grid {
    /// The sheet's name.
    pub sheet: String,
    /// The range's top left cell, 0-based (row, column).
    pub start: CellAt,
    /// The rows of the range, each with all of its cells.
    pub rows: Vec<Vec<Data>>,
    /// Each cell's number format and stored formula, by (row, column) within the range.
    meta: std::collections::HashMap<CellAt, CellMeta>,
    /// The merged regions of the sheet, in sheet coordinates.
    merged: Vec<(CellAt, CellAt)>,
    /// The rows and columns the sheet hides, in sheet coordinates.
    hidden: Hidden,
}

/// The rows and columns a sheet hides, each as an inclusive span of 0-based indices (at most
/// 10 000 spans of each are kept: a sheet hides a few).
#[derive(Debug, Clone, Default)]
pub struct Hidden {
    rows: Vec<(u32, u32)>,
    cols: Vec<(u32, u32)>,
}

impl Hidden {
    /// Rows `from..=to` are hidden.
    pub fn add_rows(&mut self, from: u32, to: u32) {
        if self.rows.len() < 10_000 {
            self.rows.push((from, to));
        }
    }

    /// Columns `from..=to` are hidden.
    pub fn add_cols(&mut self, from: u32, to: u32) {
        if self.cols.len() < 10_000 {
            self.cols.push((from, to));
        }
    }
}

/// The indices from `first` to `last` that lie in one of `spans`, at most 11 of them.
fn hidden_in(spans: &[(u32, u32)], first: u32, last: u32) -> Vec<u32> {
    let mut found: Vec<u32> = spans
        .iter()
        .filter(|(a, b)| a <= b && *a <= last && *b >= first)
        .flat_map(|&(a, b)| {
            let from = a.max(first);
            from..=b.min(last).min(from.saturating_add(10))
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found.truncate(11);
    found
}

/// Reads the range `range` (default: every filled cell) of the sheet `sheet` (which may be
/// left out when the workbook has one) from a workbook's bytes. The error says what was
/// expected and what was found (a sheet that is not there names the sheets that are).
///
/// Nothing is allocated by what the workbook claims before it is measured: a ZIP workbook's
/// members are inflated with a limit first (and their checksums checked), an ODS sheet's
/// repeats counted, an .xlsx sheet's filled cells found without allocating the cells between
/// them, and a range or sheet over [`MAX_CELLS`] refused.
pub fn read_grid(bytes: &[u8], sheet: Option<&str>, range: Option<&str>) -> Result<Grid, SheetProblems> {
    let one = |message: String| vec![(None, message)];
    let wanted = range.map(parse_range).transpose()?;
    if let (Some(written), Some((from, to))) = (range, wanted) {
        let cells = area(from, to);
        if cells > MAX_CELLS {
            return Err(one(format!(
                "expected `range` to span at most {} cells, found `{written}` ({} cells)",
                group(MAX_CELLS),
                group(cells)
            )));
        }
    }
    let members = if bounds::is_zip(bytes) { Some(bounds::unpack(bytes).map_err(one)?) } else { None };
    if let Some(members) = members.as_ref() {
        bounds::check_no_dtd(members).map_err(one)?;
        bounds::check_shared_strings(members).map_err(one)?;
        if let Some(content) = members.get("content.xml") {
            bounds::check_ods_extent(content).map_err(one)?;
        }
    }
    let xls_formats = if members.is_none() { bounds::check_xls(bytes).map_err(one)? } else { Default::default() };
    // calamine reads untrusted bytes; a panic in it must not take the build down.
    let opened = std::panic::catch_unwind(|| calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)));
    let mut workbook = match opened {
        Ok(Ok(workbook)) => workbook,
        Ok(Err(err)) => {
            return Err(one(format!("expected a readable workbook, found one calamine cannot read: {err}")));
        }
        Err(_) => return Err(one("expected a readable workbook, found a damaged one".into())),
    };
    if matches!(workbook, Sheets::Xlsb(_)) {
        return Err(one(
            "expected an .xlsx, .xlsm, .xls or .ods workbook, found an Excel binary workbook (.xlsb): save it as .xlsx"
                .into(),
        ));
    }
    let names = workbook.sheet_names();
    let listed = || names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let sheet = match sheet {
        Some(name) if names.iter().any(|n| n == name) => name.to_string(),
        Some(name) => {
            return Err(one(format!(
                "expected `sheet` to be one of the workbook's sheets ({}), found `{name}`",
                listed()
            )));
        }
        None if names.len() == 1 => names[0].clone(),
        None => {
            return Err(one(format!(
                "expected `sheet = \"…\"` in the block: the workbook has {} sheets ({})",
                names.len(),
                listed()
            )));
        }
    };
    let damaged = || one(format!("expected a readable sheet `{sheet}`, found a damaged one"));
    let empty = || one(format!("expected cells in sheet `{sheet}`, found an empty sheet"));
    let extent_checked = |(from, to): (CellAt, CellAt)| {
        let cells = area(from, to);
        if wanted.is_none() && cells > MAX_CELLS {
            return Err(one(format!(
                "expected the filled cells of sheet `{sheet}` to span at most {} cells, found {}:{} ({} cells): set `range` to the table's cells",
                group(MAX_CELLS),
                cell_name(from.0, from.1),
                cell_name(to.0, to.1),
                group(cells)
            )));
        }
        Ok((from, to))
    };
    let (start, rows, meta, merged, hidden) = if let Sheets::Xlsx(book) = &mut workbook {
        let Some(members) = members.as_ref() else { return Err(damaged()) };
        let meta = xlsx::sheet_meta(members, &sheet, wanted).map_err(one)?;
        // The filled cells, kept sparse (inside `range`, when there is one), and where they lie.
        let inside = |(r, c): CellAt| wanted.is_none_or(|(a, b)| (a.0..=b.0).contains(&r) && (a.1..=b.1).contains(&c));
        let mut found: Vec<(CellAt, Data)> = Vec::new();
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut cells = book.worksheet_cells_reader(&sheet)?;
            while let Some(cell) = cells.next_cell()? {
                if matches!(cell.get_value(), calamine::DataRef::Empty) || !inside(cell.get_position()) {
                    continue;
                }
                if found.len() as u64 >= bounds::MAX_WORKBOOK_CELLS {
                    return Ok(false);
                }
                found.push((cell.get_position(), Data::from(cell.get_value().clone())));
            }
            Ok::<_, calamine::XlsxError>(true)
        }));
        match read {
            Ok(Ok(true)) => {}
            Ok(Ok(false)) => {
                return Err(one(format!(
                    "expected sheet `{sheet}` to have at most {} filled cells, found more",
                    bounds::MAX_WORKBOOK_CELLS
                )));
            }
            Ok(Err(err)) => return Err(one(format!("expected a readable sheet `{sheet}`, found: {err}"))),
            Err(_) => return Err(damaged()),
        }
        let extent = found
            .iter()
            .map(|(at, _)| (*at, *at))
            .chain(meta.extent)
            .reduce(|(a, b), (c, d)| ((a.0.min(c.0), a.1.min(c.1)), (b.0.max(d.0), b.1.max(d.1))));
        let (start, end) = extent_checked(wanted.or(extent).ok_or_else(empty)?)?;
        let mut rows = vec![vec![Data::Empty; (end.1 - start.1 + 1) as usize]; (end.0 - start.0 + 1) as usize];
        for ((r, c), value) in found {
            rows[(r - start.0) as usize][(c - start.1) as usize] = value;
        }
        let cells = meta
            .cells
            .into_iter()
            .filter(|(at, _)| at.0 >= start.0 && at.1 >= start.1)
            .map(|(at, m)| ((at.0 - start.0, at.1 - start.1), m))
            .collect();
        (start, rows, cells, meta.merged, meta.hidden)
    } else {
        let cells = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| workbook.worksheet_range(&sheet))) {
            Ok(Ok(range)) => range,
            Ok(Err(err)) => return Err(one(format!("expected a readable sheet `{sheet}`, found: {err}"))),
            Err(_) => return Err(damaged()),
        };
        let extent = match (cells.start(), cells.end()) {
            (Some(start), Some(end)) => Some((start, end)),
            _ => None,
        };
        let (start, end) = extent_checked(wanted.or(extent).ok_or_else(empty)?)?;
        let value = |row: u32, col: u32| cells.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        let rows = (start.0..=end.0).map(|row| (start.1..=end.1).map(|col| value(row, col)).collect()).collect();
        // An .ods sheet says which cells hold percentages, and an .xls sheet each cell's format.
        let (meta, merged, hidden) = match (&workbook, members.as_ref()) {
            (Sheets::Ods(_), Some(members)) => ods::sheet_formats(members, &sheet),
            (Sheets::Xls(book), _) => {
                let merged = book.worksheet_merge_cells(&sheet).unwrap_or_default();
                let merged = merged.into_iter().take(10_000).map(|d| (d.start, d.end)).collect();
                (xls_formats.get(&sheet).cloned().unwrap_or_default(), merged, Hidden::default())
            }
            _ => Default::default(),
        };
        let meta = meta
            .into_iter()
            .filter(|(at, _)| (start.0..=end.0).contains(&at.0) && (start.1..=end.1).contains(&at.1))
            .map(|(at, m)| ((at.0 - start.0, at.1 - start.1), m))
            .collect();
        (start, rows, meta, merged, hidden)
    };
    let grid = Grid { sheet, start, rows, meta, merged, hidden };
    let hidden = grid.hidden_problems();
    if !hidden.is_empty() {
        return Err(hidden);
    }
    Ok(grid)
}

/// The number of cells from `from` to `to`.
fn area(from: CellAt, to: CellAt) -> u64 {
    u64::from(to.0 - from.0 + 1) * u64::from(to.1 - from.1 + 1)
}

/// A count with a space between thousands, as messages print it (`100 000`).
fn group(n: u64) -> String {
    crate::inputs::value::format_for_message(n as f64, 0, None)
}

impl Grid {
    /// What the workbook says of the cell at (row, column) within the range: for a number,
    /// what the section of its format that shows it says.
    fn meta(&self, r: usize, c: usize) -> CellMeta {
        let meta = self.meta.get(&(r as u32, c as u32)).cloned().unwrap_or_default();
        match self.rows.get(r).and_then(|row| row.get(c)) {
            Some(Data::Int(n)) => meta.for_number(*n as f64),
            Some(Data::Float(n)) => meta.for_number(*n),
            _ => meta,
        }
    }

    /// The name of the cell at (row, column) within the range: `Ark1!B7`.
    fn at(&self, r: usize, c: usize) -> String {
        format!("{}!{}", self.sheet, cell_name(self.start.0 + r as u32, self.start.1 + c as u32))
    }

    /// Rows and columns of the range the sheet hides: the report would print what the sheet
    /// does not show, and which the user meant is not known, so each kind is refused at its
    /// first hidden cell, naming the rows or columns.
    fn hidden_problems(&self) -> SheetProblems {
        let (top, left) = self.start;
        let bottom = top + (self.rows.len() as u32).saturating_sub(1);
        let right = left + (self.rows.first().map_or(1, Vec::len) as u32).saturating_sub(1);
        let listed = |found: &[u32], name: &dyn Fn(u32) -> String| {
            let mut names: Vec<String> = found.iter().take(10).map(|&i| name(i)).collect();
            if found.len() > 10 {
                names.push("…".into());
            }
            names.join(", ")
        };
        let mut problems = Vec::new();
        let rows = hidden_in(&self.hidden.rows, top, bottom);
        if let Some(&first) = rows.first() {
            problems.push((
                Some(format!("{}!{}", self.sheet, cell_name(first, left))),
                format!(
                    "expected every row of the range to be visible, found hidden rows in the sheet: {} (a hidden row would print though the sheet does not show it): unhide them in Excel (select the rows around them, right-click, Unhide) or delete them, or set `range` to leave them out",
                    listed(&rows, &|r| (r + 1).to_string())
                ),
            ));
        }
        let cols = hidden_in(&self.hidden.cols, left, right);
        if let Some(&first) = cols.first() {
            let letter = |c: u32| cell_name(0, c).trim_end_matches('1').to_string();
            problems.push((
                Some(format!("{}!{}", self.sheet, cell_name(top, first))),
                format!(
                    "expected every column of the range to be visible, found hidden columns in the sheet: {} (a hidden column would print though the sheet does not show it): unhide them in Excel (select the columns around them, right-click, Unhide) or delete them, or set `range` to leave them out",
                    listed(&cols, &letter)
                ),
            ));
        }
        problems
    }

    /// Merged cells below the first `header_rows` rows of the range that cover more than one
    /// row, or more than one cell of a row that is not a group line: the rows under a merged
    /// label would print without it, so each is refused at its first cell.
    fn merged_problems(&self, header_rows: usize) -> SheetProblems {
        let (top, left) = self.start;
        let bottom = top + self.rows.len() as u32 - 1;
        let right = left + self.rows.first().map_or(1, Vec::len) as u32 - 1;
        let body = top + header_rows as u32;
        let mut problems = Vec::new();
        for &(from, to) in &self.merged {
            if to.0 < body || from.0 > bottom || to.1 < left || from.1 > right {
                continue;
            }
            let group_line = from.0 == to.0 && from.1 == left && to.1 >= right;
            if group_line {
                continue;
            }
            let name = format!("{}:{}", cell_name(from.0, from.1), cell_name(to.0, to.1));
            let at = format!("{}!{}", self.sheet, cell_name(from.0.max(body), from.1.max(left)));
            problems.push((
                Some(at),
                format!(
                    "expected one value in each cell of the table, found the cells {name} merged (the rows or columns it covers would print empty): unmerge them and write the value in each cell"
                ),
            ));
        }
        problems
    }

    /// The range as CSV text, each cell written by `cell(row, column, cells of its row, what
    /// the workbook says of the cell)` (indices within the range); every cell that cannot be
    /// written is a problem at it. A message repeated at other cells is reported once, with
    /// their number; at most [`MAX_REPORTED`] problems are reported, then how many more.
    pub fn to_text(
        &self,
        cell: impl Fn(usize, usize, &[Data], &CellMeta) -> Result<String, String>,
    ) -> Result<SheetText, SheetProblems> {
        let mut text = String::from("sep=;\n");
        let mut fields = Vec::new();
        // Each problem's first cell, message, and the other cells it was found at.
        let mut problems: Vec<(Option<String>, String, Vec<String>)> = Vec::new();
        let mut unreported = 0usize;
        for (r, row) in self.rows.iter().enumerate() {
            for c in 0..row.len() {
                if c > 0 {
                    text.push(';');
                }
                let name = cell_name(self.start.0 + r as u32, self.start.1 + c as u32);
                let meta = self.meta(r, c);
                let written = match &meta.formula_without_value {
                    Some(formula) => Err(format!(
                        "expected the value a formula computes, found the formula `={}` stored without its value (the workbook was written by a program, not saved by a spreadsheet): open and save it in Excel or LibreOffice",
                        crate::diag::shorten(formula.trim_start_matches('='))
                    )),
                    None => cell(r, c, row, &meta),
                };
                let shown = written.unwrap_or_else(|message| {
                    if let Some(same) = problems.iter_mut().find(|(_, m, _)| *m == message) {
                        same.2.push(name.clone());
                    } else if problems.len() < MAX_REPORTED {
                        problems.push((Some(self.at(r, c)), message, Vec::new()));
                    } else {
                        unreported += 1;
                    }
                    String::new()
                });
                let at = text.len();
                if shown.contains([';', '"', '\n', '\r']) {
                    text.push('"');
                    text.push_str(&shown.replace('"', "\"\""));
                    text.push('"');
                    fields.push((at + 1..text.len() - 1, name));
                } else {
                    text.push_str(&shown);
                    fields.push((at..text.len(), name));
                }
            }
            text.push('\n');
        }
        if !problems.is_empty() {
            let mut out: SheetProblems = problems
                .into_iter()
                .map(|(at, message, more)| match more.len() {
                    0 => (at, message),
                    _ => (at, format!("{message} (and at {} more cells: {})", more.len(), name_cells(&more))),
                })
                .collect();
            if unreported > 0 {
                out.push((None, format!("and {unreported} more problems in sheet `{}`", self.sheet)));
            }
            return Err(out);
        }
        Ok(SheetText { text: Arc::from(text), sheet: self.sheet.clone(), cells: fields })
    }
}

/// The cells a problem was found at besides its first, named (`E4, F4`): at most 10, then
/// `…`, so a message stays one line.
fn name_cells(cells: &[String]) -> String {
    let mut named = cells.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if cells.len() > 10 {
        named.push_str(", …");
    }
    named
}

/// How the numbers of one column are read: the block's settings, and whether they came
/// from the table-wide default.
#[derive(Debug, Clone, Default)]
struct Reading {
    /// The column's header (or letter), for messages.
    name: String,
    unit: Option<String>,
    scale: Option<f64>,
    decimals: Option<u8>,
    /// Fractions over 1 are meant (`over-100 = true`: 1,25 prints 125 %).
    over_100: bool,
    /// `unit` and `scale` are the table's, not the column's own.
    from_table: bool,
}

/// The range a `::: table` block names, as CSV text: number columns read as the workbook
/// shows them (a cell formatted as percent is a percentage, decimals as its format has) or
/// as the block's settings for the column say; header rows and text columns as they are.
pub fn read_sheet(bytes: &[u8], spec: &SheetSpec) -> Result<SheetText, SheetProblems> {
    let status_words = spec.status_words;
    let grid = read_grid(bytes, spec.sheet, spec.range)?;
    let width = grid.rows.first().map_or(0, Vec::len);
    let is_number = |c: usize| spec.number_columns.as_ref().map_or(c > 0, |n| n.get(c) == Some(&true));
    // A title above the table, read as its header, would print as one: say where the table is.
    if spec.range.is_none()
        && spec.header_rows > 0
        && width > 1
        && grid.rows[0].iter().filter(|d| !matches!(d, Data::Empty)).count() == 1
        && !matches!(grid.rows[0][0], Data::Empty)
    {
        let title = cell_text(&grid.rows[0][0], None).unwrap_or_default();
        // The header is the first row below with more than one cell filled: past the title, and
        // past a blank row or a subtitle under it.
        let filled = |row: &Vec<Data>| row.iter().filter(|d| !matches!(d, Data::Empty)).count();
        let header = grid.rows.iter().position(|row| filled(row) > 1).unwrap_or(1) as u32;
        return Err(vec![(
            None,
            format!(
                "expected the first row of sheet `{}` to be the table's header, found only `{}` in {} (a title above the table?): set `range` to the table's cells, header first, e.g. `range = \"{}:{}\"`",
                grid.sheet,
                crate::diag::shorten(&title),
                cell_name(grid.start.0, grid.start.1),
                cell_name(grid.start.0 + header, grid.start.1),
                cell_name(grid.start.0 + grid.rows.len() as u32 - 1, grid.start.1 + width as u32 - 1),
            ),
        )]);
    }
    // Each column's header text (the last header row) and letter, for `column.<name>`.
    let header = |c: usize| {
        spec.header_rows
            .checked_sub(1)
            .and_then(|h| grid.rows.get(h))
            .and_then(|row| cell_text(&row[c], None).ok())
            .unwrap_or_default()
    };
    let letter = |c: usize| {
        let name = cell_name(0, grid.start.1 + c as u32);
        name.trim_end_matches('1').to_string()
    };
    let mut readings: Vec<Reading> = (0..width)
        .map(|c| Reading {
            name: if header(c).is_empty() { letter(c) } else { header(c) },
            unit: spec.numbers.unit.clone(),
            scale: spec.numbers.scale,
            decimals: spec.numbers.decimals,
            over_100: false,
            from_table: true,
        })
        .collect();
    let numbered = (0..width).filter(|&c| is_number(c)).count();
    let mut problems = Vec::new();
    for (key, own) in &spec.columns {
        let found = (0..width)
            .find(|&c| header(c) == key.trim())
            .or_else(|| (0..width).find(|&c| letter(c).eq_ignore_ascii_case(key.trim())));
        match found {
            None => {
                let names = (0..width).map(|c| format!("`{}`", readings[c].name)).collect::<Vec<_>>().join(", ");
                problems.push((None, format!("expected `column.{key}` to name a column of the range by its header or letter ({names}), found none")));
            }
            Some(c) if !is_number(c) => problems.push((
                None,
                format!(
                    "expected `column.{key}` to name a number column, found the text column `{}`",
                    readings[c].name
                ),
            )),
            Some(c) => {
                let reading = &mut readings[c];
                // A column with its own settings takes nothing from the table-wide ones: what
                // it leaves out is the default (no unit, scale 1, the workbook's decimals), so
                // `{ unit = "kr" }` beside a table-wide `scale = 100` never prints 1 200 as 120 000.
                reading.from_table = false;
                reading.unit = own.unit.clone();
                reading.scale = own.scale;
                reading.decimals = own.decimals;
                reading.over_100 = own.over_100;
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let merged = grid.merged_problems(spec.header_rows);
    if !merged.is_empty() {
        return Err(merged);
    }
    let disagreeing = table_wide_problems(&grid, spec, &readings, &is_number);
    if !disagreeing.is_empty() {
        return Err(disagreeing);
    }
    // The header again inside the range is no row of the table, as in a CSV file (compared
    // before its numbers are scaled, which would hide it).
    let texts = |row: &[Data]| row.iter().map(|d| cell_text(d, None).unwrap_or_default()).collect::<Vec<_>>();
    let last_header = spec.header_rows.checked_sub(1).and_then(|h| grid.rows.get(h)).map(|row| texts(row));
    grid.to_text(|r, c, row, meta| {
        if r >= spec.header_rows && c == 0 && last_header.as_ref().is_some_and(|h| *h == texts(row)) {
            return Err("expected a row of the table, found the header line again".into());
        }
        if r < spec.header_rows || !is_number(c) {
            return cell_text(&row[c], None);
        }
        let reading = &readings[c];
        let Some(number) = number_of(&row[c]) else { return cell_text(&row[c], None) };
        if let Some(words) = &meta.words {
            return words.read(number, status_words);
        }
        // A format whose sections disagree on what the number is: the column's settings say it
        // (its own, or the table's on a table of one number column), else it is refused.
        let said = (reading.unit.is_some() || reading.scale.is_some()) && (!reading.from_table || numbered == 1);
        if let Some(mixed) = meta.mixed.as_ref().filter(|_| !said) {
            return Err(mixed.for_column(&reading.name));
        }
        let percent = |how: &str| {
            format!(
                "expected column `{}` to be read as the percentages its cells show (formatted as percent in the workbook: 0.951 shows 95,1 %), found {how}: leave it out, or write `unit = \"%\"` and `scale = 100`",
                reading.name
            )
        };
        // A unit the cell's format shows (`#,##0 "kr"`) is printed, never dropped; a column
        // that says another is refused at the cell.
        let format_unit = meta.unit.as_deref().filter(|_| !matches!(meta.format, Format::Percent(_)));
        if let (Some(shown), Some(said)) = (format_unit, reading.unit.as_deref())
            && crate::inputs::value::normalise_unit(said) != shown
        {
            // An empty unit is said in words, never as empty backticks.
            if said.trim().is_empty() {
                return Err(format!(
                    "expected the cells of column `{}` without a unit, as the block says, found a cell the workbook shows in `{shown}` (its number format): write `column.\"{}\" = {{ unit = \"{shown}\" }}`, or change the cell's format",
                    reading.name, reading.name
                ));
            }
            return Err(format!(
                "expected the cells of column `{}` in `{said}`, as the block says, found a cell the workbook shows in `{shown}` (its number format): write `column.\"{}\" = {{ unit = \"{shown}\" }}`, or change the cell's format",
                reading.name, reading.name
            ));
        }
        let thousands = if format_unit.is_some() || meta.thousands > 0 { meta.thousands } else { 0 };
        if thousands > 0 && reading.scale.is_some() {
            return Err(format!(
                "expected the cells of column `{}` stored as the block's `scale` says, found a number format that divides by {} (trailing commas): leave `scale` out, the format's division is applied",
                reading.name,
                group(1000u64.pow(u32::from(thousands.min(4))))
            ));
        }
        let number = number / 1000f64.powi(i32::from(thousands));
        let reading = &Reading { unit: reading.unit.clone().or(format_unit.map(str::to_string)), ..reading.clone() };
        let (unit, scale, decimals) = match meta.format {
            Format::Percent(places) => {
                if let Some(scale) = reading.scale.filter(|s| *s != 100.0) {
                    return Err(percent(&format!("`scale = {scale}`")));
                }
                if let Some(unit) = reading.unit.as_deref().filter(|u| *u != "%") {
                    return Err(percent(&format!("`unit = \"{unit}\"`")));
                }
                (Some("%"), 100.0, reading.decimals.or(places))
            }
            Format::Decimals(places) => {
                if reading.from_table && reading.unit.as_deref() == Some("%") && reading.scale == Some(100.0) {
                    return Err(format!(
                        "expected the cells of column `{}` formatted as percent, as the table's `unit = \"%\"` and `scale = 100` say, found them formatted as plain numbers in the workbook: give the column its own, e.g. `column.\"{}\" = {{ unit = \"\", scale = 1 }}`",
                        reading.name, reading.name
                    ));
                }
                (reading.unit.as_deref(), reading.scale.unwrap_or(1.0), reading.decimals.or(Some(places)))
            }
            Format::General => (reading.unit.as_deref(), reading.scale.unwrap_or(1.0), reading.decimals),
        };
        // Shares stored as fractions lie within [−1, 1]: 95 read with `scale = 100` would print
        // as 9500 %. It can be read two ways (a percentage already, or a wrong share), so it is
        // refused at the cell, whether the scale is the column's own or the table's.
        // A column of fractions over 1 (a growth index: 1,25 for 125 %) says so: `over-100`.
        if unit == Some("%")
            && scale == 100.0
            && !matches!(meta.format, Format::Percent(_))
            && number.abs() > 1.0
            && !reading.over_100
        {
            // (A number that has no short Norwegian form, such as a weighted average's long
            // tail, is shown as stored, its point a comma: never as nothing.)
            let shown = |n: f64| norwegian(n, None).unwrap_or_else(|_| n.to_string().replace('.', ","));
            let (value, fraction) = (shown(number), shown(number / 100.0));
            let name = &reading.name;
            let mut message = format!(
                "expected shares stored as fractions from −1 to 1 in column `{name}`, as `unit = \"%\"` and `scale = 100` say, found `{value}`: the numbers look like percentages already ({value}): remove `scale = 100`, or store them as fractions ({fraction})"
            );
            // Offered only where the number could be such a fraction (under 1000 %): a share
            // typed as 95 is a percentage, and `over-100` would print it as 9500 %.
            if number.abs() < 10.0 {
                message.push_str(&format!(
                    "; if fractions over 1 are meant (1,25 for 125 %), add `over-100 = true` to the column's settings: `column.\"{name}\" = {{ unit = \"%\", scale = 100, over-100 = true }}`"
                ));
            }
            return Err(message);
        }
        let mut shown = norwegian(number * scale, decimals).map_err(|found| {
            format!(
                "expected numbers of at most {} decimals in column `{}`, found {found}: set `decimals` for the column, e.g. `column.\"{}\" = {{ decimals = 1 }}`",
                crate::inputs::blocks::MAX_DECIMALS,
                reading.name,
                reading.name
            )
        })?;
        if let Some(unit) = unit.filter(|u| !u.trim().is_empty()) {
            shown.push(' ');
            shown.push_str(unit);
        }
        Ok(shown)
    })
}

/// A table-wide `unit` or `scale` is a claim about every number column. With more than one
/// number column, it holds only for a column whose cells show it in the workbook: formatted
/// as percent (for `unit = "%"`), fractions from −1 to 1 (for `unit = "%"` with
/// `scale = 100`), or a number format that shows the unit (`0.0 "mill. kr"`). A column that
/// does not is refused at its first number that does not, with how to give it its own
/// settings: the population beside a percentage never prints as `5 669 300 %`.
fn table_wide_problems(
    grid: &Grid,
    spec: &SheetSpec,
    readings: &[Reading],
    is_number: &dyn Fn(usize) -> bool,
) -> SheetProblems {
    let width = readings.len();
    let numbered = (0..width).filter(|&c| is_number(c)).count();
    if numbered < 2 || (spec.numbers.unit.is_none() && spec.numbers.scale.is_none()) {
        return Vec::new();
    }
    let said = [
        spec.numbers.unit.as_ref().map(|u| format!("`unit = \"{u}\"`")),
        spec.numbers.scale.map(|s| format!("`scale = {s}`")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" and ");
    let mut problems = Vec::new();
    for c in (0..width).filter(|&c| is_number(c) && readings[c].from_table) {
        let reading = &readings[c];
        let percent = reading.unit.as_deref() == Some("%");
        let fractions = percent && reading.scale == Some(100.0);
        let odd = (spec.header_rows..grid.rows.len()).find_map(|r| {
            let number = number_of(grid.rows[r].get(c)?)?;
            let meta = grid.meta(r, c);
            let shows = match meta.format {
                Format::Percent(_) => percent,
                _ => {
                    (fractions && matches!(meta.format, Format::General) && number.abs() <= 1.0)
                        || (reading.unit.is_some() && meta.unit.is_some() && meta.unit == reading.unit)
                }
            };
            (!shows).then_some((r, number))
        });
        if let Some((r, number)) = odd {
            let value = norwegian(number, None).unwrap_or_default();
            let name = &reading.name;
            // The hint offers only what the column's cells can be: the unit their format shows
            // (`kr`), and shares stored as fractions only when every number lies within [−1, 1].
            let shown_unit = (spec.header_rows..grid.rows.len()).find_map(|r| {
                let meta = grid.meta(r, c);
                meta.unit.clone().filter(|_| !matches!(meta.format, Format::Percent(_)))
            });
            let fractions = (spec.header_rows..grid.rows.len()).all(|r| match grid.rows[r].get(c) {
                Some(Data::Int(n)) => n.abs() <= 1,
                Some(Data::Float(n)) => n.abs() <= 1.0,
                _ => true,
            });
            let own = match shown_unit {
                Some(unit) => format!("`column.\"{name}\" = {{ unit = \"{unit}\" }}`, the unit its cells show"),
                None if fractions => format!(
                    "`column.\"{name}\" = {{ unit = \"\", scale = 1 }}` for plain numbers, or `column.\"{name}\" = {{ unit = \"%\", scale = 100 }}` for shares stored as fractions"
                ),
                None => format!("`column.\"{name}\" = {{ unit = \"\", scale = 1 }}` for plain numbers"),
            };
            problems.push((
                Some(grid.at(r, c)),
                format!(
                    "expected the table-wide {said} to hold for every number column, found `{value}` in column `{name}`, whose cells do not show it (a table of more than one number column: each column's cells formatted as percent, fractions from −1 to 1 with `scale = 100`, or a number format with the unit): give the column its own settings, e.g. {own}"
                ),
            ));
        }
    }
    problems
}

/// A key-figure sheet (`level;text;target;[direction;]<years>`) as CSV text. A number in a
/// year column takes the unit of its row's target (`> 10 %`: `%`). A cell formatted as
/// percent is the percentage it shows. Otherwise, in a percent row, `percent_as_fraction`
/// says how the workbook stores it: `Some(true)` a fraction (`0.151`: `15,1 %`), `Some(false)`
/// the percentage; `None` is an error at the cell, never a guess; with `Some(true)`, a
/// fraction in a row whose target gives no unit is an error too (it may be a percentage or
/// not). Other cells are taken as written, with the decimals of their format.
pub fn read_key_figures(
    bytes: &[u8],
    sheet: Option<&str>,
    range: Option<&str>,
    percent_as_fraction: Option<bool>,
    status_words: &[String],
) -> Result<SheetText, SheetProblems> {
    let grid = read_grid(bytes, sheet, range)?;
    let merged = grid.merged_problems(1);
    if !merged.is_empty() {
        return Err(merged);
    }
    grid.to_text(|r, c, row, meta| {
        let Some(number) = number_of(&row[c]) else { return cell_text(&row[c], None) };
        if r == 0 || c < 2 {
            return cell_text(&row[c], None);
        }
        let places = |format: Format| match format {
            Format::Percent(d) => d,
            Format::Decimals(d) => Some(d),
            Format::General => None,
        };
        let with_unit = |value: f64, decimals: Option<u8>, unit: Option<&str>| -> Result<String, String> {
            let mut shown = norwegian(value, decimals)
                .map_err(|found| format!("expected a figure of at most 10 decimals, found {found}"))?;
            if let Some(unit) = unit {
                shown.push(' ');
                shown.push_str(unit);
            }
            Ok(shown)
        };
        if let Some(words) = &meta.words {
            return words.read(number, status_words);
        }
        // `%` typed as text in the format (`0.0" %"`): the number is the percentage it shows.
        let percent_text = meta.unit.as_deref() == Some("%") && !matches!(meta.format, Format::Percent(_));
        if c == 2 {
            // A target typed as a number: a percent cell is the percentage it shows.
            if let Some(mixed) = &meta.mixed {
                return Err(mixed.for_key_figures());
            }
            return match meta.format {
                Format::Percent(d) => with_unit(number * 100.0, d, Some("%")),
                format => with_unit(number, places(format), percent_text.then_some("%")),
            };
        }
        let target = grid.meta(r, 2);
        let unit = match row.get(2) {
            Some(Data::String(target)) => target_unit(target),
            Some(Data::Float(_) | Data::Int(_))
                if matches!(target.format, Format::Percent(_)) || target.unit.as_deref() == Some("%") =>
            {
                Some("%".into())
            }
            _ => None,
        };
        // Sections that disagree on what the figure is leave it to the block, in a percent row.
        if let Some(mixed) = &meta.mixed
            && (unit.as_deref() != Some("%") || percent_as_fraction.is_none())
        {
            return Err(mixed.for_key_figures());
        }
        if percent_text {
            return match (unit.as_deref(), percent_as_fraction) {
                (Some(unit), _) if unit != "%" => Err(format!(
                    "expected a figure in `{unit}` as its row's target, found a cell whose format shows `%` after its number"
                )),
                (_, Some(true)) => Err("expected fractions, as the block's `percent-as-fraction = true` says, found a cell whose format shows `%` after its number (a percentage already): format the cell as percent, or write `percent-as-fraction = false`".into()),
                _ => with_unit(number, places(meta.format), Some("%")),
            };
        }
        match (meta.format, unit.as_deref(), percent_as_fraction) {
            (Format::Percent(_), Some(unit), _) if unit != "%" => Err(format!(
                "expected a figure in `{unit}` as its row's target, found a cell formatted as percent"
            )),
            (Format::Percent(_), _, Some(false)) => Err("expected percentages typed as numbers, as the block's `percent-as-fraction = false` says, found a cell formatted as percent (a fraction): write `percent-as-fraction = true`".into()),
            (Format::Percent(d), _, _) => with_unit(number * 100.0, d, Some("%")),
            (_, Some("%"), None) => Err("expected the `::: key-figures` block to say how the workbook stores percent figures, found a number in a row whose target is in % and a cell not formatted as percent: Excel may hold 15,1 % as the fraction 0,151 or as the number 15,1. Add one line to the chapter's `::: key-figures` block: `percent-as-fraction = true` if the sheet holds fractions (0,151), or `percent-as-fraction = false` if it holds percentages typed as numbers (15,1); or format the cells as percent in Excel (Format Cells → Percentage)".into()),
            // A fraction lies within [−1, 1]: 97,4 under `percent-as-fraction = true` is a
            // percentage typed as a number (or a share over 9 000 %), and could print as
            // 9 740 %; it is refused at its cell. A share over 100 % is said by its format.
            (Format::General | Format::Decimals(_), Some("%"), Some(true)) if number.abs() > 1.0 => Err(format!(
                "expected a fraction from −1 to 1 ({} for {} %), as the block's `percent-as-fraction = true` says, found `{}`, which could be read two ways: as {} % typed as a number (then type the fraction {}), or as a share of {} % (then format the cell as percent in Excel, Format Cells → Percentage, and it is read as it shows); if the sheet holds every percent figure typed as a number, write `percent-as-fraction = false` in the chapter's `::: key-figures` block",
                norwegian(number / 100.0, None).unwrap_or_default(),
                norwegian(number, None).unwrap_or_default(),
                norwegian(number, None).unwrap_or_default(),
                norwegian(number, None).unwrap_or_default(),
                norwegian(number / 100.0, None).unwrap_or_default(),
                norwegian(number * 100.0, None).unwrap_or_default()
            )),
            (format, Some("%"), Some(true)) => {
                if let Some(message) = off_its_row(number, row) {
                    return Err(message);
                }
                // A fraction in a General cell has no decimals of its own: it takes as many as
                // the most of its row's General figures has, so a row reads `18,0 %` beside
                // `15,1 %` (trailing zeros only; no figure is rounded).
                let decimals = match format {
                    Format::General => {
                        let general = (3..row.len()).filter(|i| matches!(grid.meta(r, *i).format, Format::General));
                        let places = general.filter_map(|i| number_of(&row[i])).map(|v| {
                            let shown = norwegian(v * 100.0, None).unwrap_or_default();
                            shown.split_once(',').map_or(0, |(_, f)| f.len())
                        });
                        places.max().map(|d| d.min(usize::from(crate::inputs::blocks::MAX_DECIMALS)) as u8)
                    }
                    format => places(format).map(|d| d.saturating_sub(2)),
                };
                with_unit(number * 100.0, decimals, Some("%"))
            }
            (_, None, Some(true)) if number.fract() != 0.0 => Err(format!(
                "expected the row's target to give the figure's unit (e.g. `> 10 %`), found none: with `percent-as-fraction = true`, `{}` may be a fraction of a percent or a number of its own; write the target, or format the cell as percent",
                norwegian(number, None).unwrap_or_default()
            )),
            (format, unit, _) => with_unit(number, places(format), unit),
        }
    })
}

/// A cell's number, if it holds one (a whole or a decimal number; text, dates and the rest
/// are not).
fn number_of(cell: &Data) -> Option<f64> {
    match cell {
        Data::Int(n) => Some(*n as f64),
        Data::Float(n) => Some(*n),
        _ => None,
    }
}

/// How far a fraction may lie from its row's figures (times larger or smaller than their
/// median) before it may as well be a percentage typed as a number.
const OFF_ITS_ROW: f64 = 10.0;

/// Why `number`, a fraction not formatted as percent in a key-figure `row`
/// (under `percent-as-fraction = true`), could be read two ways: [`OFF_ITS_ROW`] times or more
/// larger or smaller than the median of the row's figures (at least three), as `-0,7`
/// typed for −0,7 % among 2,1 % and 3,4 % would print −70 %, or `0,0974` typed for 97,4 %
/// would print 9,74 %. A cell formatted as percent is read as it shows, so it settles it.
fn off_its_row(number: f64, row: &[Data]) -> Option<String> {
    let mut all: Vec<f64> = row.iter().skip(3).filter_map(number_of).map(f64::abs).filter(|v| *v > 0.0).collect();
    // Two figures alone do not say which of them is off.
    if all.len() < 3 || number == 0.0 {
        return None;
    }
    all.sort_by(f64::total_cmp);
    let median = all[all.len() / 2];
    let others: Vec<f64> = all.iter().copied().filter(|v| *v != number.abs()).collect();
    if others.is_empty() {
        return None;
    }
    let ratio = number.abs() / median;
    if ratio < OFF_ITS_ROW && ratio > 1.0 / OFF_ITS_ROW {
        return None;
    }
    let percent = |v: f64| norwegian(v * 100.0, None).unwrap_or_default();
    let (low, high) = (percent(others[0]), percent(others[others.len() - 1]));
    let (typed, shown, meant) = (
        norwegian(number, None).unwrap_or_default(),
        percent(number),
        norwegian(number / 100.0, None).unwrap_or_default(),
    );
    Some(if ratio >= OFF_ITS_ROW {
        format!(
            "expected a fraction near the row's other figures ({low} % to {high} %), as the block's `percent-as-fraction = true` says, found `{typed}`, which prints as {shown} %, {} times larger: if you meant {typed} %, type {meant} (the fraction); if {shown} % is right, format the cell as percent in Excel (Format Cells → Percentage), which is read as it shows",
            ratio.round()
        )
    } else {
        format!(
            "expected a fraction near the row's other figures ({low} % to {high} %), as the block's `percent-as-fraction = true` says, found `{typed}`, which prints as {shown} %, {} times smaller: check the cell (a digit too few or a zero too many?); if {shown} % is right, format the cell as percent in Excel (Format Cells → Percentage), which is read as it shows",
            (1.0 / ratio).round()
        )
    })
}

/// The unit of a target: `> 140 kr/m²` is in `kr/m²`; `≥ 3` has none.
fn target_unit(target: &str) -> Option<String> {
    let rest = target.trim().trim_start_matches(['<', '>', '=', '≥', '≤', ' ']);
    let rest =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '-' | '−'));
    let unit = rest.trim();
    (!unit.is_empty()).then(|| unit.to_string())
}

/// A cell as the text a CSV export would hold: text trimmed, a number in Norwegian style
/// (decimal comma) with `decimals` (default: as many as it has); what is neither is an error.
fn cell_text(cell: &Data, decimals: Option<u8>) -> Result<String, String> {
    let number = match cell {
        Data::Empty => return Ok(String::new()),
        Data::String(text) => return Ok(text.trim().to_string()),
        Data::Int(n) => *n as f64,
        Data::Float(n) => *n,
        Data::Bool(b) => {
            return Err(format!(
                "expected a number or text, found the truth value {}",
                if *b { "TRUE" } else { "FALSE" }
            ));
        }
        Data::Error(err) => return Err(format!("expected a number or text, found the spreadsheet error `{err}`")),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            let message = "expected a number or text, found a date or time (format the cell as a number or as text)";
            return Err(message.into());
        }
    };
    norwegian(number, decimals).map_err(|found| format!("expected a number of at most 10 decimals, found {found}"))
}

/// `15.1` as `15,1`: with `decimals`, rounded half away from zero; without, as many as its
/// first 15 significant digits have (so the float error of `0.151 × 100` does not show). A
/// number of more than 10 decimals is an error (the text says what was found), never cut.
fn norwegian(number: f64, decimals: Option<u8>) -> Result<String, String> {
    let shown = match decimals {
        Some(places) => crate::inputs::value::fixed(number, places),
        None => {
            let long = crate::inputs::value::fixed(number, 20);
            let short = long.trim_end_matches('0').trim_end_matches('.').to_string();
            let places = short.split_once('.').map_or(0, |(_, f)| f.len());
            if places > usize::from(crate::inputs::blocks::MAX_DECIMALS) {
                return Err(format!("`{}` ({places} decimals)", short.replace('.', ",")));
            }
            short
        }
    };
    Ok(shown.replace('.', ","))
}

/// `A3:D12` as 0-based ((row, column), (row, column)).
fn parse_range(written: &str) -> Result<(CellAt, CellAt), SheetProblems> {
    let bad = || {
        vec![(
            None,
            format!(
                "expected `range` as two cells such as `A3:D12`, the first above and left of the second, found `{written}`"
            ),
        )]
    };
    let (from, to) = written.trim().split_once(':').ok_or_else(bad)?;
    let (from, to) = (parse_cell(from).ok_or_else(bad)?, parse_cell(to).ok_or_else(bad)?);
    if from.0 > to.0 || from.1 > to.1 {
        return Err(bad());
    }
    Ok((from, to))
}

/// `B7` as 0-based (row 6, column 1); at most column XFD and row 1 048 576, as Excel.
fn parse_cell(written: &str) -> Option<CellAt> {
    let written = written.trim().to_ascii_uppercase();
    let split = written.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = written.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = digits.parse().ok()?;
    ((1..=1_048_576).contains(&row) && col < 16_384).then(|| (row - 1, col))
}

/// The name of a 0-based cell: (6, 1) is `B7`.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Whether a file name is a workbook calamine reads (kept with the project's paths, so the
/// table reader can ask without importing the workbook reader).
pub use crate::inputs::paths::is_workbook;

#[cfg(test)]
mod tests {
    use super::*;

    // Cell names and ranges read as Excel writes them, both ways.
    #[test]
    fn cells_are_named_as_in_excel() {
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(parse_cell("aa1"), Some((0, 26)));
        assert_eq!(parse_cell("XFE1"), None);
        assert_eq!(parse_range("A3:D12").ok(), Some(((2, 0), (11, 3))));
        assert!(parse_range("D12:A3").is_err());
    }

    // A number prints with the decimals asked for, a half rounded away from zero; one of
    // more than 10 decimals is refused, not cut.
    #[test]
    fn numbers_print_rounded_half_away_never_cut() {
        assert_eq!(cell_text(&Data::Float(0.151 * 100.0), None).unwrap(), "15,1");
        assert_eq!(cell_text(&Data::Float(2020.0), None).unwrap(), "2020");
        assert_eq!(cell_text(&Data::Float(-0.04), Some(1)).unwrap(), "0,0");
        assert_eq!(cell_text(&Data::Float(12.5), Some(0)).unwrap(), "13");
        assert!(cell_text(&Data::Float(0.123_456_789_012), None).is_err());
        assert!(cell_text(&Data::Bool(true), None).is_err());
    }
}
