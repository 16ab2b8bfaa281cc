//! What a chart's data must be for the layouts to draw it: checked here, per chart kind, so
//! that a mistake in the data is reported at its cell in the CSV file and a layout error
//! always means a layout bug.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::inputs::table::{ColumnType, Table, check_series_units};
use crate::inputs::text::ChartKind;
use crate::inputs::value::Value;

/// The largest value a chart draws; the axes and rings are computed in Typst's floats.
pub const MAX_CHARTED: f64 = 1e12;

/// Checks the data of a chart of `kind` drawn from `table` (read from the file `shown`, whose text is `text`); returns whether
/// it can be drawn. Each mistake is reported once, at the cell at fault.
pub fn check_chart(kind: ChartKind, table: &Table, shown: &Path, text: &Arc<str>, problems: &mut Diagnostics) -> bool {
    let before = problems.len();
    check(kind, table, shown, text, problems);
    problems.len() == before
}

fn check(kind: ChartKind, table: &Table, shown: &Path, text: &Arc<str>, problems: &mut Diagnostics) {
    let name = kind_name(kind);
    // A problem with the file as a whole, shown at its first line.
    let whole_file = |problems: &mut Diagnostics, message: String| {
        problems.error(shown, text, 0..text.len().min(1), message);
    };
    let rows: Vec<_> = table.rows.iter().filter(|r| !r.group).collect();
    if rows.is_empty() {
        whole_file(problems, format!("expected rows of numbers to draw as a {name} chart, found only the header"));
        return;
    }
    let series: Vec<usize> =
        table.columns.iter().enumerate().filter(|(_, t)| **t == ColumnType::Number).map(|(i, _)| i).collect();
    if series.is_empty() {
        whole_file(problems, format!("expected a column of numbers to draw as a {name} chart, found none"));
        return;
    }
    check_series_units(table, shown, text, problems);
    let before = problems.len();
    let gaps_allowed = matches!(kind, ChartKind::Line | ChartKind::GroupedBar | ChartKind::StackedColumns);
    let parts_of_a_whole = matches!(kind, ChartKind::Donut | ChartKind::Share);
    for &c in &series {
        let mut numbers = 0;
        for row in &rows {
            let (Some(cell), Some(range)) = (row.cells.get(c), row.ranges.get(c)) else { continue };
            let mut error = |message: String| {
                problems.error(shown, text, range.clone(), message);
            };
            match &cell.value {
                Some(Value::Number { value, .. }) => {
                    numbers += 1;
                    if value.abs() > MAX_CHARTED {
                        error(format!("expected a value of at most 1 000 000 000 000 to draw, found `{}`", cell.text));
                    } else if parts_of_a_whole && *value < 0.0 {
                        error(format!("expected a share of zero or more in this {name} chart, found `{}`", cell.text));
                    } else if kind == ChartKind::Share && *value > 100.0 {
                        error(format!("expected a share of at most 100 in this share chart, found `{}`", cell.text));
                    }
                }
                // Where a chart may have gaps, a status word says why a value is missing: the
                // chart marks the gap with a dash.
                Some(Value::Status { .. }) if gaps_allowed => {}
                Some(Value::Status { text }) => {
                    error(format!("expected a number to draw in this {name} chart, found the status word `{text}`"));
                }
                _ if !gaps_allowed => {
                    error(format!("expected a number to draw in this {name} chart, found an empty cell"));
                }
                _ => {}
            }
        }
        if numbers == 0 && problems.len() == before {
            let at = column_range(table, c);
            problems.error(shown, text, at, format!("expected numbers in this column of a {name} chart, found none"));
        }
    }
    if kind == ChartKind::Donut && problems.len() == before {
        let total: f64 = rows.iter().filter_map(|r| r.cells.get(series[0])?.value.as_ref()?.number()).sum();
        if total <= 0.0 {
            whole_file(problems, "expected shares that add up to more than zero, found none".into());
        }
    }
    if parts_of_a_whole && problems.len() == before {
        check_whole(kind, &rows, series[0], shown, text, problems);
    }
}

/// The percentages of a chart of parts of a whole add up to 100 % (a donut) or at most
/// 100 % (a share chart), within the rounding of the printed numbers: half a unit of the
/// last decimal of each part. Shares in another unit (kroner) are parts of a whole not given.
fn check_whole(
    kind: ChartKind,
    rows: &[&crate::inputs::table::Row],
    column: usize,
    shown: &Path,
    text: &Arc<str>,
    problems: &mut Diagnostics,
) {
    let mut total = 0.0;
    let mut tolerance = 0.0;
    let mut parts = 0;
    for row in rows {
        match row.cells.get(column).and_then(|cell| cell.value.as_ref()) {
            Some(Value::Number { value, decimals, unit, .. }) if unit.as_deref() == Some("%") => {
                total += value;
                tolerance += 0.5 * 10f64.powi(-i32::from(*decimals));
                parts += 1;
            }
            _ => return,
        }
    }
    let sum = crate::inputs::value::format_for_message(total, 1, Some("%"));
    let wrong = match kind {
        ChartKind::Donut => (total - 100.0).abs() > tolerance + 1e-9,
        _ => total > 100.0 + tolerance + 1e-9,
    };
    if parts > 0 && wrong {
        let expected = if kind == ChartKind::Donut { "add up to 100 %" } else { "add up to at most 100 %" };
        let message = format!(
            "expected the {parts} shares of this {} chart (parts of one whole) to {expected}, within the rounding of each, found {sum}",
            kind_name(kind)
        );
        let at = rows.last().and_then(|row| row.ranges.get(column)).cloned().unwrap_or(0..text.len().min(1));
        problems.error(shown, text, at, message);
    }
}

/// Where column `c` starts in the file, for a problem about the whole column.
fn column_range(table: &Table, c: usize) -> Range<usize> {
    table.rows.iter().find_map(|r| r.ranges.get(c).cloned()).unwrap_or(0..0)
}

/// The kind as written in the data.
pub fn kind_name(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Donut => "donut",
        ChartKind::Share => "share",
        ChartKind::Bar => "bar",
        ChartKind::GroupedBar => "grouped-bar",
        ChartKind::StackedColumns => "stacked-columns",
        ChartKind::Line => "line",
    }
}
