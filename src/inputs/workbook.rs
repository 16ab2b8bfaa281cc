//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) named by a `::: table` block,
//! read with calamine. A workbook stores what it shows as numbers (`15,1 %` is `0.151` with
//! a percent format, which calamine does not report), so the block states the rest: which
//! sheet and range, the unit, the scale and the decimals of its number columns.
//!
//! The range is turned into the same semicolon-separated text a CSV export gives, so one
//! set of checks reads both; every field of that text remembers its cell, and a problem found
//! in it is reported at the cell (`Ark1!B7`), not at a line of a file nobody can open.

use std::ops::Range;
use std::sync::Arc;

use calamine::{Data, Reader};

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
    /// Written after each number of the number columns, e.g. `%`.
    pub unit: Option<&'a str>,
    /// Each number of the number columns is multiplied by it (`100` for a percent cell).
    pub scale: Option<f64>,
    /// How many decimals the numbers are printed with; default: as many as they have.
    pub decimals: Option<u8>,
    /// How many rows of the range form the header (never scaled).
    pub header_rows: usize,
    /// Which columns of the range are number columns; default: all but the first.
    pub number_columns: Option<Vec<bool>>,
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

/// The cells of a range of a sheet, as calamine reads them.
pub struct Grid {
    /// The sheet's name.
    pub sheet: String,
    /// The range's top left cell, 0-based (row, column).
    pub start: CellAt,
    /// The rows of the range, each with all of its cells.
    pub rows: Vec<Vec<Data>>,
}

/// Reads the range `range` (default: every filled cell) of the sheet `sheet` (which may be
/// left out when the workbook has one) from a workbook's bytes. The error says what was
/// expected and what was found (a sheet that is not there names the sheets that are).
pub fn read_grid(bytes: &[u8], sheet: Option<&str>, range: Option<&str>) -> Result<Grid, SheetProblems> {
    let one = |message: String| vec![(None, message)];
    // calamine reads untrusted bytes; a panic in it must not take the build down.
    let opened = std::panic::catch_unwind(|| calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)));
    let mut workbook = match opened {
        Ok(Ok(workbook)) => workbook,
        Ok(Err(err)) => {
            return Err(one(format!("expected a readable workbook, found one calamine cannot read: {err}")));
        }
        Err(_) => return Err(one("expected a readable workbook, found a damaged one".into())),
    };
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
    let cells = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| workbook.worksheet_range(&sheet))) {
        Ok(Ok(range)) => range,
        Ok(Err(err)) => return Err(one(format!("expected a readable sheet `{sheet}`, found: {err}"))),
        Err(_) => return Err(one(format!("expected a readable sheet `{sheet}`, found a damaged one"))),
    };
    let (start, end) = match range {
        Some(written) => parse_range(written)?,
        None => match (cells.start(), cells.end()) {
            (Some(start), Some(end)) => (start, end),
            _ => return Err(one(format!("expected cells in sheet `{sheet}`, found an empty sheet"))),
        },
    };
    let value = |row: u32, col: u32| cells.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    let rows = (start.0..=end.0).map(|row| (start.1..=end.1).map(|col| value(row, col)).collect()).collect();
    Ok(Grid { sheet, start, rows })
}

impl Grid {
    /// The range as CSV text, each cell written by `cell(row, column, cells of its row)`
    /// (indices within the range); every cell that cannot be written is a problem at it.
    pub fn to_text(
        &self,
        cell: impl Fn(usize, usize, &[Data]) -> Result<String, String>,
    ) -> Result<SheetText, SheetProblems> {
        let mut text = String::from("sep=;\n");
        let mut fields = Vec::new();
        let mut problems = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for c in 0..row.len() {
                if c > 0 {
                    text.push(';');
                }
                let name = cell_name(self.start.0 + r as u32, self.start.1 + c as u32);
                let shown = cell(r, c, row).unwrap_or_else(|message| {
                    problems.push((Some(format!("{}!{name}", self.sheet)), message));
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
            return Err(problems);
        }
        Ok(SheetText { text: Arc::from(text), sheet: self.sheet.clone(), cells: fields })
    }
}

/// The range a `::: table` block names, as CSV text: number columns scaled and with the
/// block's unit, header rows and text columns as they are.
pub fn read_sheet(bytes: &[u8], spec: &SheetSpec) -> Result<SheetText, SheetProblems> {
    let grid = read_grid(bytes, spec.sheet, spec.range)?;
    grid.to_text(|r, c, row| {
        let number = r >= spec.header_rows && spec.number_columns.as_ref().map_or(c > 0, |n| n.get(c) == Some(&true));
        cell_text(&row[c], number, spec)
    })
}

/// A key-figure sheet (`level;text;target;[direction;]<years>`) as CSV text. A number in a
/// year column takes the unit of its row's target (`> 10 %`: `%`). In a percent row,
/// `percent_as_fraction` says how the workbook stores it: `Some(true)` a fraction, as a cell
/// formatted as percent does (`0.151`: `15,1 %`), `Some(false)` the percentage; `None` is an
/// error at the cell, never a guess. Other cells are taken as written.
pub fn read_key_figures(
    bytes: &[u8],
    sheet: Option<&str>,
    range: Option<&str>,
    percent_as_fraction: Option<bool>,
) -> Result<SheetText, SheetProblems> {
    let grid = read_grid(bytes, sheet, range)?;
    grid.to_text(|r, c, row| {
        let plain = SheetSpec::default();
        if r == 0 || c < 3 {
            return cell_text(&row[c], false, &plain);
        }
        let unit = match row.get(2) {
            Some(Data::String(target)) => target_unit(target),
            _ => None,
        };
        let percent = unit.as_deref() == Some("%") && matches!(row[c], Data::Float(_) | Data::Int(_));
        let scale = match (percent, percent_as_fraction) {
            (true, None) => {
                return Err("expected the `::: key-figures` block to say how the workbook stores percent figures, found a number in a percent row: `percent-as-fraction = true` (cells formatted as percent: 0.151 for 15,1 %) or `false` (15,1 typed as a number)".into());
            }
            (true, Some(true)) => Some(100.0),
            _ => None,
        };
        let spec = SheetSpec { unit: unit.as_deref(), scale, ..plain };
        cell_text(&row[c], true, &spec)
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

/// A cell as the text a CSV export would hold: numbers of number columns scaled, rounded
/// and in Norwegian style (decimal comma) with the block's unit; other numbers as written.
fn cell_text(cell: &Data, number_column: bool, spec: &SheetSpec) -> Result<String, String> {
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
    if !number_column {
        return Ok(norwegian(number, None));
    }
    let scaled = number * spec.scale.unwrap_or(1.0);
    let mut shown = norwegian(scaled, spec.decimals);
    if let Some(unit) = spec.unit {
        shown.push(' ');
        shown.push_str(unit);
    }
    Ok(shown)
}

/// `15.1` as `15,1`: `decimals` of them, or as many as the number has (to 10 places, so
/// the float error of `0.151 × 100` does not show).
fn norwegian(number: f64, decimals: Option<u8>) -> String {
    let mut shown = match decimals {
        Some(places) => format!("{number:.*}", usize::from(places)),
        None => {
            let long = format!("{number:.10}");
            long.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    if shown.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        shown = shown.trim_start_matches('-').to_string();
    }
    shown.replace('.', ",")
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

/// Whether a file name is a workbook calamine reads.
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext))
}

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

    // A percent cell stored as a fraction prints as the percentage it shows.
    #[test]
    fn a_fraction_scaled_prints_as_its_percentage() {
        let spec = SheetSpec { scale: Some(100.0), unit: Some("%"), ..SheetSpec::default() };
        assert_eq!(cell_text(&Data::Float(0.151), true, &spec).unwrap(), "15,1 %");
        assert_eq!(cell_text(&Data::Float(2020.0), false, &spec).unwrap(), "2020");
        let spec = SheetSpec { decimals: Some(1), ..SheetSpec::default() };
        assert_eq!(cell_text(&Data::Float(-0.04), true, &spec).unwrap(), "0,0");
        assert!(cell_text(&Data::Bool(true), true, &spec).is_err());
    }
}
