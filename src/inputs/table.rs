//! Data tables: CSV files read by Rust, checked cell by cell, handed to the layouts typed.
//!
//! Accepts what Norwegian spreadsheets export: `;`, tab or `,` as separator, a UTF-8
//! byte-order mark, or Windows-1252 text.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostics;
use crate::inputs::value::{Value, Vocabulary, parse_value};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnType {
    /// Free text, kept as written.
    Text,
    /// Number cells: Norwegian numbers, status words or empty.
    Number,
}

/// Decodes a data file: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's «Unicode
/// text»), else Windows-1252 (Excel's default in Norway), so æøå survive either way. The
/// encoding is the file's, not a guess per byte: a UTF-8 file with a byte that is not UTF-8
/// is refused at its line and column.
///
/// A file that is not text (a binary, or UTF-16 without a BOM: NUL bytes, or bytes that are
/// control characters in every one of these encodings) is refused with one line saying so;
/// an Excel workbook with what to do instead.
pub fn decode(bytes: &[u8]) -> Result<Arc<str>, String> {
    let not_text = |why: &str| Err(format!("expected a text file (UTF-8 or Windows-1252), found {why}"));
    // A workbook where a CSV file is expected: say what to do, not that it holds NUL bytes.
    const XLS: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(XLS) {
        let kind = if bytes.starts_with(XLS) {
            "an Excel 97–2003 workbook (.xls)"
        } else {
            "an Excel workbook (.xlsx) or another ZIP file"
        };
        return not_text(&format!(
            "{kind}: `::: table` and key-figure files may be workbooks (with `sheet` and `range`); here, save the sheet as CSV (semicolon-separated) and name the .csv file"
        ));
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, malformed) = encoding.decode(bytes);
        if malformed {
            return not_text("a malformed UTF-16 file");
        }
        return Ok(Arc::from(text.as_ref()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return not_text("NUL bytes (a binary file, or UTF-16 without a byte-order mark)");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Arc::from(text)),
        Err(err) if is_mostly_utf8(bytes) => {
            // A file in UTF-8 with one stray byte (a Windows-1252 dash pasted in) is not
            // Windows-1252 throughout: decoding it so would turn every æøå into mojibake.
            let at = err.valid_up_to();
            let before = &bytes[..at];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[start..at]).chars().count() + 1;
            Err(format!(
                "expected UTF-8 throughout, found the byte 0x{:02X} at line {line}, column {column}, which is not UTF-8 (a Windows-1252 character in a UTF-8 file?): save the file as UTF-8",
                bytes[at]
            ))
        }
        Err(_) => {
            // Bytes that Windows-1252 leaves undefined, or many control characters, mean binary.
            let undefined = bytes.iter().filter(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)).count();
            let control = bytes.iter().filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')).count();
            if undefined > 0 || control * 20 > bytes.len() {
                return not_text("binary data");
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Arc::from(text.as_ref()))
        }
    }
}

/// Whether `bytes` hold UTF-8's multi-byte characters (æøå as UTF-8 writes them): then the
/// file is UTF-8, and a byte that is not is an error, not a reason to read it as Windows-1252.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// One CSV record with the byte range of each field in the decoded text.
pub struct Record {
    pub fields: Vec<(String, Range<usize>)>,
    /// The byte range of the whole line.
    pub range: Range<usize>,
}

/// Splits a decoded CSV text into records. The separator is the one Excel's `sep=;` first
/// line names, else detected from the first line (tab, `;` or `,`).
pub fn read_records(path: &Path, text: &Arc<str>, problems: &mut Diagnostics) -> Option<Vec<Record>> {
    // Bytes that decode as Windows-1252 yet hold no separator anywhere are no table of text.
    if !text.trim().is_empty() && !text.contains([';', '\t', ',']) {
        let message = "expected a table of text with `;`, tab or `,` between its cells, found no separator at all: this is not a text table (a binary file? save it as CSV)";
        // Its text is not shown: it is no text.
        problems.file_error(path, message);
        return None;
    }
    let first_line = text.lines().next().unwrap_or("");
    let excel_sep = first_line.trim().strip_prefix("sep=").filter(|s| s.len() == 1).map(|s| s.as_bytes()[0]);
    let delimiter = if let Some(sep) = excel_sep {
        sep
    } else if first_line.contains('\t') {
        b'\t'
    } else if first_line.contains(';') {
        b';'
    } else {
        b','
    };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    if excel_sep.is_some() {
        // The `sep=` line itself is no row of the table.
        let _ = reader.read_record(&mut record);
    }
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let end = reader.position().byte() as usize;
                // With Windows line endings the reader stops between `\r` and `\n`: a record
                // starts after any line ending left before it, so it is blamed on its own line.
                let bytes = text.as_bytes();
                let mut start = start.min(text.len());
                while start < end && matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                let line = start..end.min(text.len());
                let fields = field_ranges(text, line.clone(), &record);
                if fields.iter().all(|(f, _)| f.trim().is_empty()) {
                    continue; // blank lines separate nothing in a table
                }
                records.push(Record { fields, range: line });
            }
            Err(err) => {
                let offset = err.position().map_or(start, |p| p.byte() as usize);
                problems.error(path, text, offset..offset + 1, format!("this is not a readable CSV line: {err}"));
                return None;
            }
        }
    }
    Some(records)
}

/// Finds where each field of a record lies in the line, so errors point at the cell.
fn field_ranges(text: &str, line: Range<usize>, record: &csv::StringRecord) -> Vec<(String, Range<usize>)> {
    let raw = &text[line.clone()];
    let mut cursor = 0;
    record
        .iter()
        .map(|field| {
            let found = if field.is_empty() { None } else { raw[cursor..].find(field) };
            let start = line.start + cursor + found.unwrap_or(0);
            let end = start + field.len();
            if found.is_some() {
                cursor = end - line.start;
            }
            // Skip past the next separator for the following field.
            if let Some(sep) = raw[cursor.min(raw.len())..].find([';', '\t', ','])
                && (found.is_none() || raw[cursor..].starts_with([';', '\t', ',', '"']))
            {
                cursor += sep + 1;
            }
            (field.to_string(), start..end.max(start + 1).min(text.len()))
        })
        .collect()
}

/// A header cell, spanning the columns of a group or the rows below it.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderCell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

/// A body cell: text as written, or a parsed value.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    /// Present in number columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// A body row; a group row has only its first cell filled and spans the table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub group: bool,
    /// A sum row, checked as the sum of the rows above it: the layout bolds it.
    pub sum: bool,
    pub cells: Vec<Cell>,
    /// Where each cell is in the file, for later checks (e.g. a chart's shares).
    #[serde(skip)]
    pub ranges: Vec<Range<usize>>,
}

/// A checked table, ready for the layouts.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub columns: Vec<ColumnType>,
    pub header: Vec<Vec<HeaderCell>>,
    pub rows: Vec<Row>,
}

/// The most problems of one table reported one by one; the rest are counted in one line.
pub const MAX_TABLE_PROBLEMS: usize = 20;

/// Reads a table. Diagnostics are collected; `None` means the table could not be used.
pub fn load_table(
    path: &Path,
    text: &Arc<str>,
    header_rows: usize,
    columns: Option<&[ColumnType]>,
    vocabulary: &Vocabulary,
    problems: &mut Diagnostics,
) -> Option<Table> {
    let before = problems.len();
    let records = read_records(path, text, problems)?;
    if records.len() < header_rows {
        problems.error(
            path,
            text,
            0..text.len().min(1),
            format!("expected {header_rows} header row(s) and the rows of the table, found {} line(s)", records.len()),
        );
        return None;
    }
    // The header says how wide the table is; a row of another width is the one at fault.
    let width = records.first().map_or(0, |r| r.fields.len());
    let columns: Vec<ColumnType> = match columns {
        Some(types) => {
            if types.len() != width {
                let line = &records[0];
                problems.error(
                    path,
                    text,
                    line.range.clone(),
                    format!("expected {} column(s) as declared by `columns`, found {width}", types.len()),
                );
                return None;
            }
            types.to_vec()
        }
        None => (0..width).map(|i| if i == 0 { ColumnType::Text } else { ColumnType::Number }).collect(),
    };

    let header = header_cells(&records[..header_rows], width);
    let mut rows = Vec::new();
    let last_header: Option<Vec<&str>> =
        header_rows.checked_sub(1).map(|i| records[i].fields.iter().map(|(f, _)| f.trim()).collect());
    // Past the first problems of a table, the rest are counted, not printed one by one.
    let mut overflow = Diagnostics::default();
    for record in &records[header_rows..] {
        let problems: &mut Diagnostics =
            if problems.len() - before >= MAX_TABLE_PROBLEMS { &mut overflow } else { &mut *problems };
        if last_header.as_ref().is_some_and(|h| *h == record.fields.iter().map(|(f, _)| f.trim()).collect::<Vec<_>>()) {
            let message = "expected a row of the table, found the header line again";
            problems.error(path, text, record.range.clone(), message);
            continue;
        }
        if record.fields.len() != width {
            problems.error(
                path,
                text,
                record.range.clone(),
                format!("expected {width} cells as in the header, found {}", record.fields.len()),
            );
            continue;
        }
        let group = record.fields.len() > 1
            && !record.fields[0].0.trim().is_empty()
            && record.fields[1..].iter().all(|(f, _)| f.trim().is_empty());
        let mut cells = Vec::new();
        for ((field, range), kind) in record.fields.iter().zip(&columns) {
            let cell = match kind {
                ColumnType::Text => Cell { text: field.trim().to_string(), value: None },
                ColumnType::Number => match parse_value(field, vocabulary) {
                    Ok(value) => Cell { text: value.text().to_string(), value: Some(value) },
                    Err(err) => {
                        let problem = problems.error(
                            path,
                            text,
                            range.clone(),
                            format!("expected {}, found `{}`", err.expected, crate::diag::shorten(field.trim())),
                        );
                        if let Some(hint) = err.hint {
                            problem.hints.push(hint);
                        }
                        Cell { text: field.clone(), value: None }
                    }
                },
            };
            cells.push(cell);
        }
        rows.push(Row { group, sum: false, cells, ranges: record.fields.iter().map(|(_, r)| r.clone()).collect() });
    }
    if !overflow.is_empty() {
        let message = format!("and {} more problem(s) in this table", overflow.len());
        problems.error(path, text, 0..text.len().min(1), message);
    }
    group_four_digit_columns(&mut rows, &columns);
    (problems.len() == before).then_some(Table { columns, header, rows })
}

/// Every number of a chart series (a number column of a charted table) has the same unit, so
/// a chart never draws `600 kr` among percentages. A bare `0` fits any unit, as printed.
/// (A table that is not charted may hold a different measure on each row.)
pub fn check_series_units(table: &Table, path: &Path, text: &Arc<str>, problems: &mut Diagnostics) {
    for (c, kind) in table.columns.iter().enumerate() {
        if *kind != ColumnType::Number {
            continue;
        }
        let mut first: Option<Option<&str>> = None;
        for row in &table.rows {
            let Some(Value::Number { unit, value, .. }) = row.cells.get(c).and_then(|cell| cell.value.as_ref()) else {
                continue;
            };
            if unit.is_none() && *value == 0.0 {
                continue;
            }
            match first {
                None => first = Some(unit.as_deref()),
                Some(expected) if expected != unit.as_deref() => {
                    let show = |u: Option<&str>| u.map_or("no unit".to_string(), |u| format!("`{u}`"));
                    let message = format!(
                        "expected {} as the numbers above in this column, found {}",
                        show(expected),
                        show(unit.as_deref())
                    );
                    problems.error(path, text, row.ranges[c].clone(), message);
                    return;
                }
                Some(_) => {}
            }
        }
    }
}

/// Every number column of a table holds one kind of number: a cell whose unit differs from
/// the column's most common one (`30 %` among amounts) is refused at the cell, so it is never
/// printed among them nor added into their sum. A row that is a measure of its own (all its
/// number cells, two or more, in the one unit, which is no column's) may differ. A bare `0`
/// fits any unit. A number without `%` among percentages (`0,9` or `90` among `95,1 %`) can
/// be read two ways (0,9 % or 90 %), so it is refused with how to write either.
pub fn check_column_units(table: &Table, path: &Path, text: &Arc<str>, problems: &mut Diagnostics) {
    let unit_of = |row: &Row, c: usize| match row.cells.get(c).and_then(|cell| cell.value.as_ref()) {
        Some(Value::Number { unit, value, .. }) if unit.is_some() || *value != 0.0 => Some(unit.clone()),
        _ => None,
    };
    // Each number column's most common unit (the first met, on a tie), and how many units it has.
    let columns: Vec<(Option<Option<String>>, usize)> = (0..table.columns.len())
        .map(|c| {
            if table.columns[c] != ColumnType::Number {
                return (None, 0);
            }
            let mut counts: Vec<(Option<String>, usize)> = Vec::new();
            for unit in table.rows.iter().filter_map(|row| unit_of(row, c)) {
                match counts.iter_mut().find(|(u, _)| *u == unit) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((unit, 1)),
                }
            }
            let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let expected = counts.iter().find(|(_, n)| *n == most).map(|(u, _)| u.clone());
            (expected, counts.len())
        })
        .collect();
    // A row whose number cells (two or more) all carry one unit, which is the unit of none of
    // their columns, is a measure of its own (`Andel` among rows of counts). A row whose bare
    // `0,9` sits beside a bare count is not: the count is its column's kind.
    let own_measure = |row: &Row| {
        let units: Vec<(usize, Option<String>)> = (0..table.columns.len())
            .filter(|&c| table.columns[c] == ColumnType::Number)
            .filter_map(|c| unit_of(row, c).map(|u| (c, u)))
            .collect();
        units.len() >= 2
            && units.iter().all(|(_, u)| *u == units[0].1)
            && units.iter().all(|(c, u)| columns[*c].0.as_ref() != Some(u))
    };
    let workbook = crate::inputs::paths::is_workbook(&path.to_string_lossy());
    for (c, (expected, kinds)) in columns.iter().enumerate() {
        let Some(expected) = expected.as_ref().filter(|_| *kinds >= 2) else { continue };
        for row in &table.rows {
            let Some(unit) = unit_of(row, c) else { continue };
            if unit == *expected || own_measure(row) {
                continue;
            }
            let show = |u: &Option<String>| u.as_deref().map_or("no unit".to_string(), |u| format!("`{u}`"));
            if expected.as_deref() == Some("%") && unit.is_none() {
                let Some(Value::Number { value, decimals, .. }) = row.cells.get(c).and_then(|cell| cell.value.as_ref())
                else {
                    continue;
                };
                let written = row.cells[c].text.replace('\u{a0}', " ");
                let message = format!(
                    "expected a percentage (`%`) as the other numbers in this column, found `{written}` without `%`"
                );
                let problem = problems.error(path, text, row.ranges[c].clone(), message);
                let as_percent = format!("{written} %");
                if value.abs() <= 1.0 {
                    let hundred =
                        crate::inputs::value::format_for_message(value * 100.0, decimals.saturating_sub(2), None);
                    let hundred = format!("{hundred} %");
                    problem.hints.push(format!(
                        "`{written}` can be read two ways ({as_percent} or, as a fraction, {hundred}): write `{as_percent}` or `{hundred}`"
                    ));
                } else {
                    problem.hints.push(format!(
                        "`{written}` without `%` may be a percentage or a number of another kind: write `{as_percent}` if it is a percentage"
                    ));
                }
                if workbook {
                    problem.hints.push(
                        "in the workbook, type the `%` in the cell, or format the cell as percent (Excel: Format Cells, Percentage)"
                            .to_string(),
                    );
                }
                continue;
            }
            let message = format!(
                "expected {} as the other numbers in this column, found {}: a column holds one kind of number",
                show(expected),
                show(&unit)
            );
            problems.error(path, text, row.ranges[c].clone(), message);
        }
    }
}

/// The words a sum row's label starts with (`Sum`, `SUM investeringer`, `Totalt:`, `I alt`),
/// in any case and with trailing punctuation: the one list the checks use, and the layout
/// bolds the rows the checks took as sums (a row's `sum` in the model), never by its own list.
pub const SUM_WORDS: [&str; 5] = ["sum", "totalt", "total", "i alt", "til sammen"];

/// Words that may or may not name a sum (`Samlet`, `Asker totalt`): such a row is a sum when
/// its numbers add up, else refused until the block says which it is (`sum-rows`, `not-sums`).
const MAYBE_SUM_WORDS: [&str; 1] = ["samlet"];

/// What a row's label says of it: a sum, maybe a sum, or no sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SumLabel {
    No,
    Sum,
    Maybe,
}

/// Whether a row's label names a sum: a sum word alone or followed by a space, in any case,
/// with trailing `:`, `.` or `=`; a word that may name one (`Samlet`, `… totalt`) is `Maybe`.
pub fn sum_label(label: &str) -> SumLabel {
    let label = label.trim().trim_end_matches([':', '.', '=', ' ', '\u{a0}']).to_lowercase();
    let starts = |word: &str| label == word || label.strip_prefix(word).is_some_and(|rest| rest.starts_with(' '));
    if SUM_WORDS.iter().any(|word| starts(word)) {
        return SumLabel::Sum;
    }
    let ends = |word: &str| label.strip_suffix(word).is_some_and(|rest| rest.ends_with(' '));
    if MAYBE_SUM_WORDS.iter().any(|word| starts(word))
        || SUM_WORDS.iter().chain(&MAYBE_SUM_WORDS).any(|word| ends(word))
    {
        return SumLabel::Maybe;
    }
    SumLabel::No
}

/// Whether a row's label certainly names a sum ([`sum_label`]).
pub fn is_sum_label(label: &str) -> bool {
    sum_label(label) == SumLabel::Sum
}

/// The numbers of one series (a table's column, a chart's series, a nøkkeltall's years) that
/// read as a decimal number only in Norwegian where the others are whole numbers: `1,300`
/// among `2 519` and `5 561` was most likely typed for one thousand three hundred with an
/// English thousands comma, and would print as 1,3. Each is given by its index in `numbers`
/// (value, decimals as written). The one rule every kind of data file is held to.
pub fn ambiguous_thousands(numbers: &[(f64, u8)]) -> Vec<usize> {
    let whole = numbers.iter().filter(|(_, decimals)| *decimals == 0).count();
    if whole < 2 || whole + 1 < numbers.len() {
        return Vec::new();
    }
    numbers
        .iter()
        .enumerate()
        .filter(|(_, (value, decimals))| *decimals == 3 && value.abs() >= 1.0 && value.abs() < 1000.0)
        .map(|(i, _)| i)
        .collect()
}

/// Refuses, at its cell, a number that [`ambiguous_thousands`] finds among `numbers` (value,
/// decimals, where it was written), with how to write either reading. `of_nokkeltall`: the
/// series is a nøkkeltall's figures (a row), not a column.
pub fn refuse_ambiguous_thousands(
    numbers: &[(f64, u8, Range<usize>)],
    of_nokkeltall: bool,
    path: &Path,
    text: &Arc<str>,
    problems: &mut Diagnostics,
) {
    let values: Vec<(f64, u8)> = numbers.iter().map(|(value, decimals, _)| (*value, *decimals)).collect();
    for i in ambiguous_thousands(&values) {
        let (value, _, range) = &numbers[i];
        let written = text.get(range.clone()).unwrap_or("").trim().to_string();
        let thousands = written.replacen(',', " ", 1);
        // The decimal reading as written, without the zeros a decimal would not be typed with.
        let decimal = crate::inputs::value::format_for_message(*value, 3, None);
        let decimal = decimal.trim_end_matches('0').trim_end_matches(',').to_string();
        let message = if of_nokkeltall {
            format!("expected a whole number as the other figures of this nøkkeltall, found `{written}`")
        } else {
            format!("expected a whole number as in the rest of the column, found `{written}`")
        };
        let problem = problems.error(path, text, range.clone(), message);
        problem.hints.push(format!(
            "`{written}` can be read two ways: write `{thousands}` if the comma separates thousands, or `{decimal}` if it is a decimal comma"
        ));
    }
}

/// Refuses a number that reads as a decimal number only in Norwegian where its column holds
/// whole numbers ([`ambiguous_thousands`]), in every number column of a table or chart file.
pub fn check_thousands(table: &Table, path: &Path, text: &Arc<str>, problems: &mut Diagnostics) {
    for (c, kind) in table.columns.iter().enumerate() {
        if *kind != ColumnType::Number {
            continue;
        }
        let numbers: Vec<(f64, u8, Range<usize>)> = table
            .rows
            .iter()
            .filter_map(|row| match row.cells.get(c)?.value.as_ref()? {
                Value::Number { value, decimals, .. } => Some((*value, *decimals, row.ranges.get(c)?.clone())),
                _ => None,
            })
            .collect();
        refuse_ambiguous_thousands(&numbers, false, path, text, problems);
    }
}

/// The text of each column's header cells, top to bottom (a group's text for each column
/// under it), for checks that go by what a column's header says.
pub fn column_headers(table: &Table) -> Vec<Vec<String>> {
    let width = table.columns.len();
    let mut headers = vec![Vec::new(); width];
    // How many more header rows a cell above still covers, per column.
    let mut covered = vec![0usize; width];
    for row in &table.header {
        let mut c = 0;
        for cell in row {
            while c < width && covered[c] > 0 {
                covered[c] -= 1;
                c += 1;
            }
            for column in c..(c + cell.colspan).min(width) {
                headers[column].push(cell.text.clone());
                covered[column] = cell.rowspan.saturating_sub(1);
            }
            c += cell.colspan;
        }
        for left in covered.iter_mut().skip(c) {
            *left = left.saturating_sub(1);
        }
    }
    headers
}

/// A percentage over 100 in a column of shares (its header, or the table's title, says
/// `andel`) is refused at its cell: `173 %` among shares is a typo or a wrong figure, and
/// would be drawn as a bar past the whole. A column whose numbers may pass 100 % (a share of
/// another quantity) is named in the block's `over-100` (or, from a workbook, its column's
/// `over-100 = true`): `allowed` holds those headers.
pub fn check_shares(
    table: &Table,
    title: &str,
    allowed: &[String],
    path: &Path,
    text: &Arc<str>,
    problems: &mut Diagnostics,
) {
    let says_share = |words: &str| crate::inputs::value::is_share(words);
    let headers = column_headers(table);
    for (c, kind) in table.columns.iter().enumerate() {
        let names = headers.get(c).map_or(&[][..], Vec::as_slice);
        if *kind != ColumnType::Number
            || !(says_share(title) || names.iter().any(|name| says_share(name)))
            || names.iter().any(|name| allowed.iter().any(|a| a.trim() == name.trim()))
        {
            continue;
        }
        let header = names.last().cloned().unwrap_or_default();
        for row in &table.rows {
            let (Some(cell), Some(range)) = (row.cells.get(c), row.ranges.get(c)) else { continue };
            let Some(Value::Number { value, unit, .. }) = &cell.value else { continue };
            if unit.as_deref() != Some("%") || *value <= 100.0 {
                continue;
            }
            let message = format!(
                "expected a share of at most 100 % in the column `{}` (a column of shares), found `{}`",
                crate::diag::shorten(&header),
                cell.text.replace('\u{a0}', " ")
            );
            let problem = problems.error(path, text, range.clone(), message);
            problem.hints.push(format!(
                "if the figure is right (a share of another quantity can pass 100 %), say so in the `::: table` block: `over-100 = [\"{}\"]`",
                header.trim()
            ));
        }
    }
}

/// Whether a column's header says it holds shares or percentages (`Andel`, `Andel innbyggere`,
/// `Prosent`, `%`, `pst.`).
pub fn says_percent(header: &str) -> bool {
    let lower = header.to_lowercase();
    crate::inputs::value::is_share(header)
        || lower.contains("prosent")
        || lower.contains("percent")
        || lower.contains('%')
        || lower.split(|c: char| !c.is_alphanumeric()).any(|word| word == "pst")
}

/// A column whose header says it holds shares or percentages (`Andel`, `Prosent`, `%`) but
/// whose numbers carry no unit and all lie from 0 to 1 (`0,874`): fractions printed as they
/// are (0,874 for 87,4 %), or percentages under 1 %? It can be read two ways, so it is refused
/// once, at its first such cell, with how to say it. `own` holds the headers of columns whose
/// unit the block gives (a workbook's `column."…" = { unit = … }`), which are as said.
pub fn check_fraction_columns(table: &Table, own: &[String], path: &Path, text: &Arc<str>, problems: &mut Diagnostics) {
    let headers = column_headers(table);
    let workbook = crate::inputs::paths::is_workbook(&path.to_string_lossy());
    for (c, kind) in table.columns.iter().enumerate() {
        let names = headers.get(c).map_or(&[][..], Vec::as_slice);
        if *kind != ColumnType::Number
            || !names.iter().any(|name| says_percent(name))
            || names.iter().any(|name| own.iter().any(|o| o.trim() == name.trim()))
        {
            continue;
        }
        let numbers: Vec<(f64, &Cell, &Range<usize>)> = table
            .rows
            .iter()
            .filter_map(|row| {
                let cell = row.cells.get(c)?;
                match cell.value.as_ref()? {
                    Value::Number { value, unit, .. } => Some((*value, unit.is_none(), cell, row.ranges.get(c)?)),
                    _ => None,
                }
            })
            .filter(|(_, bare, ..)| *bare)
            .map(|(value, _, cell, range)| (value, cell, range))
            .collect();
        let all_numbers = table
            .rows
            .iter()
            .filter(|row| matches!(row.cells.get(c).and_then(|cell| cell.value.as_ref()), Some(Value::Number { .. })))
            .count();
        let fractions = numbers.len() == all_numbers
            && numbers.iter().all(|(value, ..)| (0.0..=1.0).contains(value))
            && numbers.iter().any(|(value, ..)| *value > 0.0 && *value < 1.0);
        let Some((value, cell, range)) = numbers.iter().find(|(value, ..)| *value > 0.0 && *value < 1.0) else {
            continue;
        };
        if !fractions {
            continue;
        }
        let header = names.last().cloned().unwrap_or_default();
        let written = cell.text.replace('\u{a0}', " ");
        let decimals = match &cell.value {
            Some(Value::Number { decimals, .. }) => *decimals,
            _ => 0,
        };
        let hundred = crate::inputs::value::format_for_message(value * 100.0, decimals.saturating_sub(2), None);
        let message = format!(
            "expected percentages in the column `{}` (its header says shares or percent), found only numbers from 0 to 1 without a unit, such as `{written}`: fractions ({written} = {hundred} %) or percentages under 1 %?",
            crate::diag::shorten(&header)
        );
        let problem = problems.error(path, text, (*range).clone(), message);
        if workbook {
            problem.hints.push(format!(
                "format the column's cells as percent in the workbook (Excel: Format Cells, Percentage), or say how to read them in the `::: table` block: `column.\"{h}\" = {{ unit = \"%\", scale = 100 }}` for fractions ({written} prints as {hundred} %), or `column.\"{h}\" = {{ unit = \"\" }}` if they are numbers of another kind",
                h = header.trim()
            ));
        } else {
            problem.hints.push(format!(
                "write each as a percentage with `%`: `{hundred} %` if `{written}` is a fraction, `{written} %` if it is a percentage under 1 %"
            ));
        }
    }
}

/// The hint of a row named like a sum that is not checked as one: how to say it is none.
fn not_sum_hint(label: &str) -> String {
    format!(
        "if the row is not the sum of the rows above it, say so in the `::: table` block: `not-sums = [\"{}\"]`",
        label.trim()
    )
}

/// How a number column's figure in a sum row is formed (`totals = { "Andel" = "average" }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnTotal {
    /// The sum of the rows above: checked as such (the default).
    #[default]
    Sum,
    /// An average of the rows above, weighted or not (a percentage, a rate): checked to lie
    /// between the smallest and the largest of them, as every average does.
    #[serde(alias = "gjennomsnitt", alias = "snitt")]
    Average,
    /// Not formed from the rows above (a median, a figure from another source): not checked.
    #[serde(alias = "ingen")]
    None,
}

/// The hint of a sum row's figure that is not the sum of its column: how to say the column's
/// total is an average or not formed from the rows.
fn average_hint(header: &str) -> String {
    format!(
        "if the column's figure in the sum row is not a sum (an average, a rate or a percentage), say so in the `::: table` block, and the row's other columns are still checked: `totals = {{ \"{}\" = \"average\" }}`",
        header.trim()
    )
}

/// What a `::: table` block says of its rows named like sums: rows that are not sums
/// (`not-sums`), rows whose name may mean a sum that are sums (`sum-rows`), parts whose empty cells mean nothing (`empty-parts`), and sums whose whole
/// parts are rounded values (`rounded-parts`), each by its label.
pub struct SumExceptions<'a> {
    pub not_sums: &'a [String],
    pub sum_rows: &'a [String],
    pub empty_parts: &'a [String],
    pub rounded_parts: &'a [String],
    /// How each column's figure in a sum row is formed, by header (`totals`); a sum if unnamed.
    pub totals: &'a std::collections::BTreeMap<String, ColumnTotal>,
}

/// The built-in units ([`crate::inputs::value::UNITS`]) of counts and exact amounts, whose whole
/// numbers are not rounded; every other built-in unit is a measure whose whole numbers are
/// (`12 %`, `80 mill. kr`, `178 tonn`). An edition's own `units` (`elever`) are counts.
const EXACT_UNITS: [&str; 7] = ["kr", "NOK", "år", "dager", "timer", "personer", "stk."];

/// The rounding a sum row is checked within, for its column: its parts (value, decimals,
/// unit) and its own decimals. Whole numbers of counts or exact amounts (no decimals shown,
/// no unit or a unit that is not a measure) are exact, so the sum must match them exactly,
/// unless the block says they are rounded (`rounded`); otherwise each part and the sum may
/// be off by half a unit of its last shown digit.
pub fn sum_tolerance(parts: &[(f64, u8, Option<&str>)], sum: (u8, Option<&str>), rounded: bool) -> f64 {
    let half_unit = |decimals: u8| 0.5 * 10f64.powi(-i32::from(decimals));
    let measured = |unit: Option<&str>| {
        unit.is_some_and(|unit| crate::inputs::value::UNITS.contains(&unit) && !EXACT_UNITS.contains(&unit))
    };
    let exact = !rounded
        && sum.0 == 0
        && !measured(sum.1)
        && parts.iter().all(|(_, decimals, unit)| *decimals == 0 && !measured(*unit));
    if exact { 0.0 } else { half_unit(sum.0) + parts.iter().map(|(_, d, _)| half_unit(*d)).sum::<f64>() }
}

/// Every sum row (its label starts with a [`SUM_WORDS`] word, and is not one of `not_sums`)
/// equals, in each number column, the sum of the rows above it (up to the previous sum row or
/// group line), within the rounding of the printed numbers ([`sum_tolerance`]): exactly for
/// whole counts and exact amounts, else half a unit of the last decimal of each part and of
/// the sum. A sum row that does not is an error at its cell, with the sum of the rows, the
/// tolerance and how to say the row is not a sum; a part with no number in a column the sum
/// row has one (an empty cell) is an error at it, unless its row is one of `empty_parts`.
pub fn check_sums(
    table: &Table,
    exceptions: &SumExceptions,
    path: &Path,
    text: &Arc<str>,
    problems: &mut Diagnostics,
) -> Vec<usize> {
    let SumExceptions { not_sums, sum_rows, empty_parts, rounded_parts, totals } = *exceptions;
    let headers = column_headers(table);
    let total_of = |c: usize| {
        let names = headers.get(c).map_or(&[][..], Vec::as_slice);
        totals
            .iter()
            .find(|(name, _)| names.iter().any(|header| header.trim() == name.trim()))
            .map_or(ColumnTotal::Sum, |(_, total)| *total)
    };
    let header_of = |c: usize| headers.get(c).and_then(|names| names.last()).cloned().unwrap_or_default();
    let named = |names: &[String], label: &str| names.iter().any(|name| name.trim() == label.trim());
    let kind_of = |label: &str| match sum_label(label) {
        _ if named(not_sums, label) => SumLabel::No,
        _ if named(sum_rows, label) => SumLabel::Sum,
        kind => kind,
    };
    let mut sums = Vec::new();
    let mut first = 0;
    let label_of = |row: &Row| row.cells.first().map_or("", |cell| cell.text.as_str()).to_string();
    for (i, row) in table.rows.iter().enumerate() {
        let label = row.cells.first().map_or("", |cell| cell.text.as_str());
        if row.group {
            // A label with no number directly above a sum row is an empty part of it, not a
            // heading: emptying a part's figure must not end the sum's rows there.
            let above_sum =
                table.rows.get(i + 1).is_some_and(|next| !next.group && kind_of(&label_of(next)) == SumLabel::Sum);
            if !above_sum {
                first = i + 1;
            }
            continue;
        }
        let kind = kind_of(label);
        if kind == SumLabel::No || (kind == SumLabel::Maybe && first == i) {
            // A row that may name a sum with no rows above it adds nothing up.
            continue;
        }
        let parts = &table.rows[first..i];
        first = i + 1;
        // A row that may name a sum is one when its numbers add up; else it is refused once, at
        // its label, until the block says which it is.
        let mut scratch = Diagnostics::default();
        let sink: &mut Diagnostics = if kind == SumLabel::Maybe { &mut scratch } else { &mut *problems };
        // A sum row with no rows above it to add up is never left unchecked.
        if parts.is_empty() {
            if let Some(range) = row.ranges.first() {
                let message = format!(
                    "expected the rows the sum row `{}` adds up above it, found none",
                    crate::diag::shorten(label)
                );
                let problem = sink.error(path, text, range.clone(), message);
                problem.hints.push(not_sum_hint(label));
            }
            continue;
        }
        for (c, kind) in table.columns.iter().enumerate() {
            let Some(Value::Number { value: sum, decimals, unit: sum_unit, .. }) =
                row.cells.get(c).and_then(|cell| cell.value.as_ref())
            else {
                continue;
            };
            let total_kind = total_of(c);
            if *kind != ColumnType::Number || total_kind == ColumnTotal::None {
                continue;
            }
            let numbers: Vec<(f64, u8, Option<&str>)> = parts
                .iter()
                .filter_map(|part| match part.cells.get(c)?.value.as_ref()? {
                    Value::Number { value, decimals, unit, .. } => Some((*value, *decimals, unit.as_deref())),
                    _ => None,
                })
                .collect();
            // An empty part is a figure left out or nothing: it can be read two ways, so it is
            // refused at its cell unless the block says the row's empty cells mean nothing. (A
            // status word, `Avsluttet`, says what it is.) The only group line among the parts
            // is the one directly above the sum row: an empty part too.
            let mut missing = false;
            for part in parts {
                let (Some(cell), Some(range)) = (part.cells.get(c), part.ranges.get(c)) else { continue };
                let part_label = part.cells.first().map_or("", |cell| cell.text.trim());
                if !matches!(cell.value, Some(Value::Empty { .. }))
                    || empty_parts.iter().any(|name| name.trim() == part_label)
                {
                    continue;
                }
                missing = true;
                let message = format!(
                    "expected a number in the row `{}`, a part of the sum row `{}` below it, found an empty cell",
                    crate::diag::shorten(part_label),
                    crate::diag::shorten(label)
                );
                let problem = sink.error(path, text, range.clone(), message);
                problem.hints.push(format!(
                    "write the figure (`0` if it is nothing); if the row's empty cells mean nothing (no such item then), say so in the `::: table` block: `empty-parts = [\"{part_label}\"]`"
                ));
            }
            // Parts with status words only (`Avsluttet`) have no figures to add; parts all
            // empty and said to mean nothing add up to 0.
            let all_empty = parts
                .iter()
                .all(|part| part.cells.get(c).is_none_or(|cell| matches!(cell.value, Some(Value::Empty { .. }))));
            if missing || (numbers.is_empty() && !all_empty) {
                continue;
            }
            if total_kind == ColumnTotal::Average {
                check_average(
                    &numbers,
                    (*sum, *decimals),
                    (label, &row.cells[c].text, &row.ranges[c]),
                    (path, text),
                    sink,
                );
                continue;
            }
            let total: f64 = numbers.iter().map(|(value, ..)| value).sum();
            let rounded = rounded_parts.iter().any(|name| name.trim() == label.trim());
            let tolerance = sum_tolerance(&numbers, (*decimals, sum_unit.as_deref()), rounded);
            if (total - sum).abs() > tolerance + 1e-9 {
                let places = numbers.iter().map(|(_, d, _)| *d).chain([*decimals]).max().unwrap_or(0);
                let shown = |n: f64, places: u8| crate::inputs::value::format_for_message(n, places, None);
                let found = row.cells[c].text.replace('\u{a0}', " ");
                let message = if tolerance == 0.0 {
                    format!(
                        "expected the sum of the {} row(s) above, {}, in the sum row `{}` (exactly: whole numbers of counts or amounts are not rounded), found `{}`",
                        numbers.len(),
                        shown(total, places),
                        crate::diag::shorten(label),
                        found
                    )
                } else {
                    format!(
                        "expected the sum of the {} row(s) above, {}, in the sum row `{}` (within ±{}, the rounding of the printed numbers), found `{}`",
                        numbers.len(),
                        shown(total, places),
                        crate::diag::shorten(label),
                        shown(tolerance, places + 1),
                        found
                    )
                };
                let problem = sink.error(path, text, row.ranges[c].clone(), message);
                problem.hints.push(
                    "check the figures first: a wrong figure above, or in the sum row, is the usual cause".to_string(),
                );
                if tolerance == 0.0 {
                    problem.hints.push(format!(
                        "if the figures above are rounded (amounts shown without their decimals), say so in the `::: table` block: `rounded-parts = [\"{}\"]`",
                        label.trim()
                    ));
                }
                problem.hints.push(average_hint(&header_of(c)));
                problem.hints.push(not_sum_hint(label));
            }
        }
        if kind == SumLabel::Sum || scratch.is_empty() {
            sums.push(i);
            continue;
        }
        if let Some(range) = row.ranges.first() {
            let message = format!(
                "expected the row `{}`, named like a sum or not, to be the sum of the rows above it or the block to say which it is, found that it is not their sum",
                crate::diag::shorten(label)
            );
            let problem = problems.error(path, text, range.clone(), message);
            problem.hints.push(format!(
                "if the row is the sum of the rows above it, say so in the `::: table` block, and its figures are checked: `sum-rows = [\"{}\"]`",
                label.trim()
            ));
            problem.hints.push(not_sum_hint(label));
        }
    }
    sums
}

/// A sum row's figure said to be an average of the rows above (`totals`) lies between the
/// smallest and the largest of them, within the rounding of the printed numbers, as every
/// average, weighted or not, does; else it is an error at its cell.
fn check_average(
    numbers: &[(f64, u8, Option<&str>)],
    (average, decimals): (f64, u8),
    (label, found, range): (&str, &str, &Range<usize>),
    (path, text): (&Path, &Arc<str>),
    problems: &mut Diagnostics,
) {
    let (Some(low), Some(high)) = (
        numbers.iter().map(|(value, ..)| *value).reduce(f64::min),
        numbers.iter().map(|(value, ..)| *value).reduce(f64::max),
    ) else {
        return;
    };
    let half_unit = |decimals: u8| 0.5 * 10f64.powi(-i32::from(decimals));
    let slack = half_unit(decimals) + numbers.iter().map(|(_, d, _)| half_unit(*d)).fold(0.0, f64::max);
    if average >= low - slack - 1e-9 && average <= high + slack + 1e-9 {
        return;
    }
    let places = numbers.iter().map(|(_, d, _)| *d).chain([decimals]).max().unwrap_or(0);
    let shown = |n: f64| crate::inputs::value::format_for_message(n, places, None);
    let message = format!(
        "expected an average of the {} row(s) above, from {} to {}, in the sum row `{}`, found `{}`",
        numbers.len(),
        shown(low),
        shown(high),
        crate::diag::shorten(label),
        found.replace('\u{a0}', " ")
    );
    let problem = problems.error(path, text, range.clone(), message);
    problem
        .hints
        .push("check the figures first: a wrong figure above, or in the sum row, is the usual cause".to_string());
}

/// Computes column groups (an empty cell after a filled one belongs to it) and row spans
/// (an empty cell under a filled one belongs to it) of the header rows.
fn header_cells(records: &[Record], width: usize) -> Vec<Vec<HeaderCell>> {
    let grid: Vec<Vec<String>> = records
        .iter()
        .map(|r| (0..width).map(|i| r.fields.get(i).map_or(String::new(), |f| f.0.trim().to_string())).collect())
        .collect();
    let mut covered = vec![vec![false; width]; grid.len()];
    let mut out = Vec::new();
    for (r, row) in grid.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < width {
            if covered[r][c] {
                c += 1;
                continue;
            }
            let mut colspan = 1;
            // Only non-final header rows form column groups.
            if r + 1 < grid.len() && !row[c].is_empty() {
                while c + colspan < width && row[c + colspan].is_empty() && !covered[r][c + colspan] {
                    colspan += 1;
                }
            }
            let mut rowspan = 1;
            if !row[c].is_empty() && colspan == 1 {
                while r + rowspan < grid.len() && grid[r + rowspan][c].is_empty() {
                    covered[r + rowspan][c] = true;
                    rowspan += 1;
                }
            }
            cells.push(HeaderCell { text: row[c].clone(), colspan, rowspan });
            c += colspan;
        }
        out.push(cells);
    }
    out
}

/// Groups four-digit numbers (`1 225`) in every number column, as Norwegian tables do
/// (Statistics Norway's among them): the digits of a column align with five-digit numbers,
/// and one table prints its thousands as every other table of the book does.
fn group_four_digit_columns(rows: &mut [Row], columns: &[ColumnType]) {
    for (c, kind) in columns.iter().enumerate() {
        if *kind != ColumnType::Number {
            continue;
        }
        for row in rows.iter_mut() {
            if let Some(cell) = row.cells.get_mut(c)
                && let Some(value) = cell.value.as_mut()
            {
                value.group_four_digits();
                cell.text = value.text().to_string();
            }
        }
    }
}
