//! What calamine does not report of an .ods sheet, read from its XML: which cells hold a
//! percentage (`office:value-type="percentage"`: `0.951` shown as `95,1 %`), how many
//! decimals a cell's number style shows, formulas stored without their value, and merged
//! cells.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::CellAt;
use super::bounds::{MAX_WORKBOOK_CELLS, Members, attribute};
use super::code::{CellMeta, Format, Mixed, Words};

/// The format of every cell of sheet `sheet` that has one other than `General`, by its place
/// (repeated rows and cells counted as calamine counts them). The workbook's extent was
/// measured before ([`super::bounds::check_ods_extent`]), so the places are bounded.
pub fn sheet_formats(
    members: &Members,
    sheet: &str,
) -> (HashMap<CellAt, CellMeta>, Vec<(CellAt, CellAt)>, super::Hidden) {
    let mut styles = Styles::default();
    for part in ["styles.xml", "content.xml"] {
        if let Some(xml) = members.get(part) {
            read_styles(xml, &mut styles);
        }
    }
    let Styles { data: data_styles, cells: cell_styles, maps, words, conditions } = styles;
    // The words a number style shows instead of `value` (its own, or those of the style it
    // maps the value to by a condition, `value()=0`), if it shows words, not the number.
    let words_for = |style: &str, value: f64| -> Option<Words> {
        let shown = conditions
            .get(style)
            .and_then(|mapped| mapped.iter().find(|(condition, _)| holds(condition, value)))
            .map_or(style, |(_, applied)| applied.as_str());
        let shows = words.get(shown)?;
        Some(Words { code: style.to_string(), words: shows.clone() })
    };
    // A number style that applies another to some numbers (`style:map`, as LibreOffice writes
    // `0.0;[RED]-0.0%`), one showing a percentage and the other not, shows no one kind of number.
    let percent = |name: &str| matches!(data_styles.get(name), Some(Format::Percent(_)));
    let mixed: HashMap<&String, Mixed> = maps
        .iter()
        .filter_map(|(base, mapped)| {
            let other = mapped.iter().find(|m| data_styles.contains_key(*m) && percent(m) != percent(base))?;
            Some((base, Mixed::of_styles(base, percent(base), other)))
        })
        .collect();
    let mut cells = HashMap::new();
    let mut merged = Vec::new();
    // The rows and columns the sheet hides (`table:visibility="collapse"` or `"filter"`).
    let mut hidden = super::Hidden::default();
    let mut column = 0u32;
    let Some(xml) = members.get("content.xml") else { return (cells, merged, hidden) };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut in_sheet, mut row, mut col, mut row_repeats) = (false, 0u32, 0u32, 1u32);
    // The cells of the current row that have a format or a formula without its value, as
    // (column, repeats, what the workbook says of them).
    let mut formatted: Vec<(u32, u32, CellMeta)> = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"table:table" => in_sheet = attribute(e, b"table:name").as_deref() == Some(sheet),
                    b"table:table-column" if in_sheet => {
                        let repeats = count(e, b"table:number-columns-repeated");
                        if hides(e) {
                            hidden.add_cols(column, column.saturating_add(repeats.max(1) - 1));
                        }
                        column = column.saturating_add(repeats);
                    }
                    b"table:table-row" if in_sheet => {
                        row_repeats = count(e, b"table:number-rows-repeated");
                        if hides(e) {
                            hidden.add_rows(row, row.saturating_add(row_repeats.max(1) - 1));
                        }
                        col = 0;
                        formatted.clear();
                        if empty {
                            row = row.saturating_add(row_repeats);
                        }
                    }
                    b"table:table-cell" | b"table:covered-table-cell" if in_sheet => {
                        let repeats = count(e, b"table:number-columns-repeated");
                        let data = attribute(e, b"table:style-name").and_then(|name| cell_styles.get(&name));
                        let style = data.and_then(|data| data_styles.get(data)).copied();
                        let mixed = data.and_then(|data| mixed.get(data)).cloned();
                        let value = attribute(e, b"office:value").and_then(|v| v.trim().parse::<f64>().ok());
                        let words = data.zip(value).and_then(|(data, value)| words_for(data, value));
                        let format = match attribute(e, b"office:value-type").as_deref() {
                            Some("percentage") => match style {
                                Some(Format::Percent(places)) => Some(Format::Percent(places)),
                                Some(Format::Decimals(places)) => Some(Format::Percent(Some(places))),
                                _ => Some(Format::Percent(None)),
                            },
                            Some("float") => style.filter(|f| *f != Format::General),
                            _ => None,
                        };
                        let formula = attribute(e, b"table:formula")
                            .filter(|_| attribute(e, b"office:value-type").is_none())
                            .map(|f| f.trim_start_matches("of:").trim_start_matches('=').to_string());
                        let format = if mixed.is_some() { None } else { format };
                        if format.is_some() || formula.is_some() || mixed.is_some() || words.is_some() {
                            let meta = CellMeta {
                                format: format.unwrap_or_default(),
                                formula_without_value: formula,
                                mixed,
                                words,
                                ..Default::default()
                            };
                            formatted.push((col, repeats, meta));
                        }
                        let spanned = |name: &[u8]| count(e, name).saturating_sub(1);
                        let (down, across) =
                            (spanned(b"table:number-rows-spanned"), spanned(b"table:number-columns-spanned"));
                        if (down > 0 || across > 0) && merged.len() < 10_000 {
                            merged.push(((row, col), (row.saturating_add(down), col.saturating_add(across))));
                        }
                        col = col.saturating_add(repeats);
                    }
                    _ => {}
                }
            }
            Event::End(e) if in_sheet && e.name().as_ref() == b"table:table-row" => {
                for r in row..row.saturating_add(row_repeats) {
                    for (start, repeats, meta) in &formatted {
                        for c in *start..start.saturating_add(*repeats) {
                            if cells.len() as u64 >= MAX_WORKBOOK_CELLS {
                                return (cells, merged, hidden);
                            }
                            cells.insert((r, c), meta.clone());
                        }
                    }
                }
                row = row.saturating_add(row_repeats);
            }
            Event::End(e) if e.name().as_ref() == b"table:table" => in_sheet = false,
            _ => {}
        }
        buf.clear();
    }
    (cells, merged, hidden)
}

/// Whether a `table:table-row` or `table:table-column` is hidden: `table:visibility` is
/// `collapse` (hidden) or `filter` (filtered out).
fn hides(e: &BytesStart) -> bool {
    attribute(e, b"table:visibility").is_some_and(|v| matches!(v.trim(), "collapse" | "filter"))
}

/// The styles of an .ods workbook that say how numbers are shown.
#[derive(Default)]
struct Styles {
    /// The number styles, by name: their decimals, and whether they show percentages.
    data: HashMap<String, Format>,
    /// The cell styles, by name: the number style each names.
    cells: HashMap<String, String>,
    /// The number styles each number style applies to some numbers (`style:map`).
    maps: HashMap<String, Vec<String>>,
    /// The number styles that show words, not the number (only `number:text`): their words.
    words: HashMap<String, String>,
    /// Each number style's maps with their conditions (`value()=0`), in order.
    conditions: HashMap<String, Vec<(String, String)>>,
}

/// Whether an .ods map's condition (`value()=0`, `value()>=1000`, `value()!=0`) holds for
/// `value`; a condition not of that form holds for none.
fn holds(condition: &str, value: f64) -> bool {
    let Some(rest) = condition.trim().strip_prefix("value()") else { return false };
    let rest = rest.trim().replacen("!=", "<>", 1);
    super::code::condition_holds(&rest, value)
}

/// The number styles (`number:number-style`, `number:percentage-style`: their decimals and
/// the styles they map some numbers to) and the cell styles naming them, from `styles.xml` or
/// `content.xml`.
fn read_styles(xml: &[u8], styles: &mut Styles) {
    let Styles { data: data_styles, cells: cell_styles, maps, words, conditions } = styles;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(String, bool)> = None;
    // Of the current number style: whether it shows a number, the text it shows, and whether
    // a `number:text` is open.
    let (mut shows_number, mut text, mut in_text) = (false, String::new(), false);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => match e.name().as_ref() {
                name @ (b"number:number-style" | b"number:percentage-style") => {
                    if let Some(style) = attribute(&e, b"style:name") {
                        let percent = name == b"number:percentage-style";
                        let format = if percent { Format::Percent(Some(0)) } else { Format::Decimals(0) };
                        data_styles.insert(style.clone(), format);
                        current = Some((style, percent));
                        (shows_number, in_text) = (false, false);
                        text.clear();
                    }
                }
                b"number:scientific-number" | b"number:fraction" => shows_number = true,
                b"number:text" if current.is_some() && text.len() < 1000 => in_text = true,
                b"number:number" => {
                    shows_number = true;
                    if let Some((style, percent)) = &current
                        && let Some(places) = attribute(&e, b"number:decimal-places").and_then(|d| d.parse().ok())
                    {
                        let format = if *percent { Format::Percent(Some(places)) } else { Format::Decimals(places) };
                        data_styles.insert(style.clone(), format);
                    }
                }
                b"style:map" => {
                    if let (Some((style, _)), Some(applied)) = (&current, attribute(&e, b"style:apply-style-name"))
                        && maps.len() < 100_000
                    {
                        let condition = attribute(&e, b"style:condition").unwrap_or_default();
                        conditions.entry(style.clone()).or_default().push((condition, applied.clone()));
                        maps.entry(style.clone()).or_default().push(applied);
                    }
                }
                b"style:style" => {
                    if let (Some(name), Some(data)) =
                        (attribute(&e, b"style:name"), attribute(&e, b"style:data-style-name"))
                        && cell_styles.len() < 100_000
                    {
                        cell_styles.insert(name, data);
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let raw = String::from_utf8_lossy(t.as_ref());
                text.push_str(&quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |v| v.into_owned()));
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"number:text" => in_text = false,
            Ok(Event::End(e)) if matches!(e.name().as_ref(), b"number:number-style" | b"number:percentage-style") => {
                if let Some((style, _)) = current.take()
                    && !shows_number
                    && !text.trim().is_empty()
                    && words.len() < 100_000
                {
                    words.insert(style, text.trim().to_string());
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// A repeat count (1 when absent or unreadable: the extent check refused those already).
fn count(e: &BytesStart, name: &[u8]) -> u32 {
    attribute(e, name).and_then(|n| n.trim().parse().ok()).unwrap_or(1)
}
