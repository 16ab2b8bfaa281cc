//! The KOMMUNEPLANENS MÅL box: hovedmål, delmål and their nøkkeltall for the edition's years,
//! each nøkkeltall with its target and a status computed from its figures ([`status`]).
//!
//! The file is `level;text;target;<years>`, or `level;text;target;direction;<years>` where a
//! `direction` column says which way an indicator without a target should move (`higher` or
//! `lower` is better). A target is a comparison (`> 10 %`) or, with a direction, a bare number
//! (`100 %`: at least it where higher is better). `note` rows are remarks printed under the
//! box (how a figure's method changed, what a scale means).

pub mod status;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostics, shorten};
use crate::inputs::table::{Record, read_records};
use crate::inputs::value::{Value, Vocabulary, is_share, parse_value};
pub use status::{Direction, Status, StatusKind, Target};

/// One nøkkeltall row.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub text: String,
    /// The target, e.g. `> 10 %`.
    pub target: Option<Target>,
    /// Which way is better, where the file says so.
    pub direction: Option<Direction>,
    /// One value per edition year.
    pub values: Vec<Value>,
    /// Whether the target is met, or the trend, computed from the values.
    pub status: Status,
}

/// A delmål with its nøkkeltall (none: "Nøkkeltall under utvikling").
#[derive(Debug, Clone, Serialize)]
pub struct Subgoal {
    pub text: String,
    pub indicators: Vec<Indicator>,
}

/// A hovedmål with its delmål.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub text: String,
    pub subgoals: Vec<Subgoal>,
}

/// The whole box of a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFigures {
    pub years: Vec<i32>,
    pub goals: Vec<Goal>,
    /// Remarks printed under the box (`note` rows), e.g. how a figure's method changed.
    pub notes: Vec<String>,
}

/// The most rows a key-figure file may have: the box breaks across pages, but one that runs
/// on for more than a few is a mistake in the data.
pub const MAX_ROWS: usize = 200;

/// Reads `key-figures/<slug>.csv`, checking its columns against the edition's years.
pub fn load_key_figures(
    path: &Path,
    text: &Arc<str>,
    years: &[i32],
    vocabulary: &Vocabulary,
    problems: &mut Diagnostics,
) -> Option<KeyFigures> {
    load_key_figures_allowing(path, text, (years, &[]), vocabulary, problems)
}

/// [`load_key_figures`], with the nøkkeltall (by their text) whose shares may pass 100 %, as
/// the `::: key-figures` block's `over-100` names them.
pub fn load_key_figures_allowing(
    path: &Path,
    text: &Arc<str>,
    (years, over_100): (&[i32], &[String]),
    vocabulary: &Vocabulary,
    problems: &mut Diagnostics,
) -> Option<KeyFigures> {
    let before = problems.len();
    let records = read_records(path, text, problems)?;
    let Some((header, body)) = records.split_first() else {
        problems.error(path, text, 0..0, "expected a header line `level;text;target;<years>`, found an empty file");
        return None;
    };
    let fixed = check_header(header, years, path, text, problems)?;
    // A box of more rows than a few pages hold is refused, never cut short in the layout.
    if let Some(over) = body.get(MAX_ROWS) {
        let message = format!(
            "expected at most {MAX_ROWS} rows in a KOMMUNEPLANENS MÅL box (a few pages), found {}: split the chapter's key figures",
            body.len()
        );
        problems.error(path, text, over.range.clone(), message);
        return None;
    }
    let mut reader =
        Reader { path, text, years, vocabulary, problems, fixed, over_100, goals: Vec::new(), notes: Vec::new() };
    for record in body {
        reader.row(record);
    }
    let (goals, notes) = (reader.goals, reader.notes);
    if goals.is_empty() && problems.len() == before {
        problems.error(path, text, header.range.clone(), "expected at least one `goal` row, found none");
    }
    (problems.len() == before).then_some(KeyFigures { years: years.to_vec(), goals, notes })
}

/// Checks the header against the edition's years; returns the number of columns before them.
fn check_header(
    header: &Record,
    years: &[i32],
    path: &Path,
    text: &Arc<str>,
    problems: &mut Diagnostics,
) -> Option<usize> {
    let found: Vec<&str> = header.fields.iter().map(|(f, _)| f.trim()).collect();
    let fixed = if found.get(3) == Some(&"direction") { 4 } else { 3 };
    let expected: Vec<String> = ["level", "text", "target", "direction"][..fixed]
        .iter()
        .map(|s| s.to_string())
        .chain(years.iter().map(|y| y.to_string()))
        .collect();
    if found != expected.iter().map(String::as_str).collect::<Vec<_>>() {
        let message =
            format!("expected the header `{}` (the edition's years), found `{}`", expected.join(";"), found.join(";"));
        problems.error(path, text, header.range.clone(), message);
        return None;
    }
    Some(fixed)
}

/// Reads the rows of a key-figure file into goals.
struct Reader<'a> {
    path: &'a Path,
    text: &'a Arc<str>,
    years: &'a [i32],
    vocabulary: &'a Vocabulary,
    problems: &'a mut Diagnostics,
    /// The number of columns before the years.
    fixed: usize,
    /// The nøkkeltall whose shares may pass 100 %, by their text.
    over_100: &'a [String],
    goals: Vec<Goal>,
    notes: Vec<String>,
}

impl Reader<'_> {
    fn row(&mut self, record: &Record) {
        let width = self.fixed + self.years.len();
        if record.fields.len() != width {
            let message = format!("expected {width} cells as in the header, found {}", record.fields.len());
            self.problems.error(self.path, self.text, record.range.clone(), message);
            return;
        }
        let cell = |i: usize| record.fields[i].0.trim();
        let level_range = record.fields[0].1.clone();
        // The row kinds in English or in bokmål (hovedmål, delmål, nøkkeltall, merknad).
        let level = match cell(0) {
            "hovedmål" => "goal",
            "delmål" => "subgoal",
            "nøkkeltall" => "indicator",
            "merknad" => "note",
            other => other,
        };
        match level {
            "note" => self.notes.push(cell(1).to_string()),
            "goal" => self.goals.push(Goal { text: cell(1).to_string(), subgoals: Vec::new() }),
            "subgoal" => match self.goals.last_mut() {
                Some(goal) => goal.subgoals.push(Subgoal { text: cell(1).to_string(), indicators: Vec::new() }),
                None => self.error(level_range, "expected a `goal` row before the first `subgoal`, found `subgoal`"),
            },
            "indicator" => {
                let Some(indicator) = self.indicator(record) else { return };
                match self.goals.last_mut().and_then(|g| g.subgoals.last_mut()) {
                    Some(subgoal) => subgoal.indicators.push(indicator),
                    None => self
                        .error(level_range, "expected a `subgoal` row before the first `indicator`, found `indicator`"),
                }
            }
            other => {
                let message = format!(
                    "expected `goal`, `subgoal`, `indicator` or `note` (or `hovedmål`, `delmål`, `nøkkeltall`, `merknad`), found `{other}`"
                );
                self.error(level_range, &message)
            }
        }
    }

    fn indicator(&mut self, record: &Record) -> Option<Indicator> {
        let before = self.problems.len();
        let mut values = Vec::new();
        for (field, range) in &record.fields[self.fixed..] {
            match parse_value(field, self.vocabulary) {
                Ok(mut value) => {
                    // A key-figure box is a table: its thousands grouped as every table's.
                    value.group_four_digits();
                    values.push((value, range.clone()))
                }
                Err(err) => self.value_error(range.clone(), &err.expected, field, err.hint),
            }
        }
        let direction = match self.fixed {
            4 => match Direction::parse(record.fields[3].0.trim()) {
                Ok(direction) => direction,
                Err(message) => {
                    self.error(record.fields[3].1.clone(), &message);
                    None
                }
            },
            _ => None,
        };
        let (target_text, target_range) = (&record.fields[2].0, record.fields[2].1.clone());
        let target = match Target::parse(target_text, self.vocabulary, direction) {
            Ok(target) => target,
            Err(err) => {
                self.value_error(target_range.clone(), &err.expected, target_text, err.hint);
                None
            }
        };
        self.check_units(&values, target.as_ref().map(|t| (t, target_range)));
        // `178,984` among `186 211` and `180 661` reads two ways, as in a table's column.
        let numbers: Vec<(f64, u8, Range<usize>)> = values
            .iter()
            .filter_map(|(value, range)| match value {
                Value::Number { value, decimals, .. } => Some((*value, *decimals, range.clone())),
                _ => None,
            })
            .collect();
        crate::inputs::table::refuse_ambiguous_thousands(&numbers, true, self.path, self.text, self.problems);
        let words = record.fields[1].0.trim();
        if is_share(words) && !self.over_100.iter().any(|name| name.trim() == words) {
            self.check_shares(&values, words);
        }
        if self.problems.len() != before {
            return None;
        }
        let values: Vec<Value> = values.into_iter().map(|(v, _)| v).collect();
        let status = Status::of(&values, self.years, target.as_ref(), direction);
        Some(Indicator { text: record.fields[1].0.trim().to_string(), target, direction, values, status })
    }

    /// One unit for the whole row, the target's included; a bare `0` fits any unit, as printed.
    fn check_units(&mut self, values: &[(Value, Range<usize>)], target: Option<(&Target, Range<usize>)>) {
        let numbers = values.iter().filter_map(|(v, range)| match v {
            Value::Number { unit: None, value, .. } if *value == 0.0 => None,
            Value::Number { unit, .. } => Some((unit.as_deref(), range.clone())),
            _ => None,
        });
        let target = target.and_then(|(t, range)| match &t.value {
            Value::Number { unit, .. } => Some((unit.as_deref(), range)),
            _ => None,
        });
        let mut all = numbers.chain(target);
        let Some((expected, _)) = all.next() else { return };
        let expected = expected.map(str::to_string);
        if let Some((found, range)) = all.find(|(unit, _)| *unit != expected.as_deref()) {
            let show = |u: Option<&str>| u.map_or("no unit".to_string(), |u| format!("`{u}`"));
            let message = format!(
                "expected {} as the other figures of this nøkkeltall, found {}",
                show(expected.as_deref()),
                show(found)
            );
            self.error(range, &message);
        }
    }

    /// A share is at most 100 %: `148 %` in a row of `15,1 %` and `18,0 %` is most likely
    /// `14,8 %` with its comma lost, and would be printed as met.
    fn check_shares(&mut self, values: &[(Value, Range<usize>)], words: &str) {
        for (value, range) in values {
            let Value::Number { value, unit, text, .. } = value else { continue };
            if unit.as_deref() != Some("%") || *value <= 100.0 {
                continue;
            }
            let message = format!(
                "expected a share of at most 100 % (the nøkkeltall «{}» is an andel), found `{}`",
                shorten(words),
                text.replace('\u{a0}', " ")
            );
            let problem = self.problems.error(self.path, self.text, range.clone(), message);
            problem.hints.push(format!(
                "if the figure is right (a share of another quantity, as debt of income, can pass 100 %), say so in the chapter's `::: key-figures` block: `over-100 = [\"{words}\"]`"
            ));
        }
    }

    fn value_error(&mut self, range: Range<usize>, expected: &str, field: &str, hint: Option<String>) {
        let problem = self.problems.error(
            self.path,
            self.text,
            range,
            format!("expected {expected}, found `{}`", shorten(field.trim())),
        );
        if let Some(hint) = hint {
            problem.hints.push(hint);
        }
    }

    fn error(&mut self, range: Range<usize>, message: &str) {
        self.problems.error(self.path, self.text, range, message.to_string());
    }
}
