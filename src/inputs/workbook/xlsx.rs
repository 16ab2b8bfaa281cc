//! What calamine does not report of an .xlsx sheet, read from its XML: where its filled
//! cells are (before anything is allocated for them), each cell's number format (`0.0 %`),
//! formulas stored without the value they compute, and merged cells.

use std::collections::HashMap;

use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::bounds::{MAX_WORKBOOK_CELLS, Members, attribute};
use super::code::{CellMeta, FormatCode, builtin};
use super::{CellAt, parse_cell};

/// What the XML says of a sheet.
#[derive(Debug, Default)]
pub struct SheetMeta {
    /// The cells within the range asked for (all filled cells when none was).
    pub cells: HashMap<CellAt, CellMeta>,
    /// The merged regions, each as (top left, bottom right).
    pub merged: Vec<(CellAt, CellAt)>,
    /// The smallest range holding every filled cell.
    pub extent: Option<(CellAt, CellAt)>,
    /// The rows and columns the sheet hides.
    pub hidden: super::Hidden,
}

/// Reads the sheet `sheet` of an .xlsx workbook's members: the metadata of its cells within
/// `within` (every filled cell when `None`), refusing a sheet of more than
/// [`MAX_WORKBOOK_CELLS`] filled cells.
pub fn sheet_meta(members: &Members, sheet: &str, within: Option<(CellAt, CellAt)>) -> Result<SheetMeta, String> {
    let bad = |err: &dyn std::fmt::Display| format!("expected a readable sheet `{sheet}`, found damaged XML: {err}");
    let Some(path) = sheet_path(members, sheet) else { return Ok(SheetMeta::default()) };
    let Some(xml) = members.get(&path) else { return Ok(SheetMeta::default()) };
    let formats = styles(members);
    let mut meta = SheetMeta::default();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut filled = 0u64;
    // The cell being read: its place, style, and whether it has a value and a formula.
    let mut cell: Option<(CellAt, usize, bool, Option<String>)> = None;
    let mut in_formula = false;
    let mut in_value = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|err| bad(&err))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"row" => {
                        if let Some(r) = attribute(e, b"r") {
                            row = r
                                .trim()
                                .parse::<u32>()
                                .ok()
                                .and_then(|r| r.checked_sub(1))
                                .ok_or_else(|| bad(&format!("a row numbered `{}`", crate::diag::shorten(&r))))?;
                        }
                        if hides(e) {
                            meta.hidden.add_rows(row, row);
                        }
                        col = 0;
                    }
                    b"c" => {
                        let at = match attribute(e, b"r") {
                            Some(name) => parse_cell(&name)
                                .ok_or_else(|| bad(&format!("a cell named `{}`", crate::diag::shorten(&name))))?,
                            None => (row, col),
                        };
                        col = at.1.saturating_add(1);
                        let style = attribute(e, b"s").and_then(|s| s.trim().parse().ok()).unwrap_or(0);
                        cell = Some((at, style, false, None));
                        if empty {
                            cell = None;
                        }
                    }
                    // A value counts only with text in it: `<v></v>` and `<v/>`, as scripts
                    // write a formula they did not compute, hold none.
                    b"v" => in_value = !empty,
                    b"is" => {
                        if let Some(cell) = cell.as_mut() {
                            cell.2 = true;
                        }
                    }
                    b"f" => {
                        if let Some(cell) = cell.as_mut() {
                            cell.3 = Some(String::new());
                            in_formula = !empty;
                        }
                    }
                    // `<col min="2" max="3" hidden="1"/>`: columns B and C hidden.
                    b"col" if hides(e) => {
                        let number = |name: &[u8]| attribute(e, name).and_then(|n| n.trim().parse::<u32>().ok());
                        if let (Some(min), Some(max)) = (number(b"min"), number(b"max"))
                            && min >= 1
                            && max >= min
                        {
                            meta.hidden.add_cols(min - 1, max - 1);
                        }
                    }
                    b"mergeCell" => {
                        if let Some((from, to)) = attribute(e, b"ref").as_deref().and_then(|r| r.split_once(':'))
                            && let (Some(from), Some(to)) = (parse_cell(from), parse_cell(to))
                            && meta.merged.len() < 10_000
                        {
                            meta.merged.push((from, to));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) if in_value => {
                if let Some(cell) = cell.as_mut()
                    && !text.iter().all(u8::is_ascii_whitespace)
                {
                    cell.2 = true;
                }
            }
            Event::Text(text) if in_formula => {
                if let Some((_, _, _, Some(formula))) = cell.as_mut()
                    && formula.len() < 200
                {
                    formula.push_str(&String::from_utf8_lossy(text.as_ref()));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"f" => in_formula = false,
                b"v" => in_value = false,
                b"row" => {
                    row = row.saturating_add(1);
                    col = 0;
                }
                b"c" => {
                    if let Some((at, style, value, formula)) = cell.take()
                        && (value || formula.is_some())
                    {
                        filled += 1;
                        if filled > MAX_WORKBOOK_CELLS {
                            return Err(format!(
                                "expected sheet `{sheet}` to have at most {MAX_WORKBOOK_CELLS} filled cells, found more"
                            ));
                        }
                        meta.extent = Some(match meta.extent {
                            None => (at, at),
                            Some((a, b)) => ((a.0.min(at.0), a.1.min(at.1)), (b.0.max(at.0), b.1.max(at.1))),
                        });
                        let inside =
                            within.is_none_or(|(a, b)| (a.0..=b.0).contains(&at.0) && (a.1..=b.1).contains(&at.1));
                        if inside {
                            let mut cell = formats.get(style).cloned().unwrap_or_default();
                            cell.formula_without_value = if value { None } else { formula };
                            meta.cells.insert(at, cell);
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(meta)
}

/// The member holding sheet `sheet`: workbook.xml names its relationship, the relationships
/// its path (relative to `xl/`, or from the root when it starts with `/`).
fn sheet_path(members: &Members, sheet: &str) -> Option<String> {
    let mut id = None;
    each_element(members.get("xl/workbook.xml")?, |e| {
        if e.local_name().as_ref() == b"sheet" && attribute(e, b"name").as_deref() == Some(sheet) {
            id = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == b"id" && a.key.prefix().is_some())
                .map(|a| String::from_utf8_lossy(&a.value).into_owned());
        }
    });
    let id = id?;
    let mut target = None;
    each_element(members.get("xl/_rels/workbook.xml.rels")?, |e| {
        if e.local_name().as_ref() == b"Relationship" && attribute(e, b"Id").as_deref() == Some(id.as_str()) {
            target = attribute(e, b"Target");
        }
    });
    let target = target?;
    Some(match target.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    })
}

/// The number format of each cell style (`cellXfs`), by index.
fn styles(members: &Members) -> Vec<CellMeta> {
    let Some(xml) = members.get("xl/styles.xml") else { return Vec::new() };
    let mut custom: HashMap<u32, Arc<FormatCode>> = HashMap::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attribute(&e, b"numFmtId"), attribute(&e, b"formatCode"))
                        && let Ok(id) = id.trim().parse()
                    {
                        custom.insert(id, Arc::new(FormatCode::parse(&code)));
                    }
                }
                b"xf" if in_cell_xfs && formats.len() < 100_000 => {
                    let id: u32 = attribute(&e, b"numFmtId").and_then(|id| id.trim().parse().ok()).unwrap_or(0);
                    formats.push(match custom.get(&id) {
                        Some(code) => CellMeta::coded(code),
                        None => CellMeta { format: builtin(id), ..CellMeta::default() },
                    });
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    formats
}

/// Calls `each` with every start or empty element of `xml`, until the end or an error.
fn each_element(xml: &[u8], mut each: impl FnMut(&BytesStart)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => each(&e),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// Whether a `<row>` or `<col>` element is hidden (`hidden="1"`, as Excel writes it, or
/// `hidden="true"`).
fn hides(e: &BytesStart) -> bool {
    attribute(e, b"hidden").is_some_and(|h| matches!(h.trim(), "1" | "true"))
}
