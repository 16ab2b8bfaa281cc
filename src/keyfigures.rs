//! The KOMMUNEPLANENS MÅL box: hovedmål, delmål and their nøkkeltall for the edition's years.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::Problems;
use crate::table::read_records;
use crate::value::{Value, parse_value};

/// One nøkkeltall row.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub text: String,
    /// The printed target without parentheses, e.g. `> 10 %`.
    pub target: Option<String>,
    /// One value per edition year.
    pub values: Vec<Value>,
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
}

const FIXED: [&str; 3] = ["level", "text", "target"];

/// Reads `key-figures/<slug>.csv`, checking its columns against the edition's years.
pub fn load_key_figures(
    path: &Path,
    text: &Arc<str>,
    years: &[i32],
    status_words: &[String],
    problems: &mut Problems,
) -> Option<KeyFigures> {
    let before = problems.len();
    let records = read_records(path, text, problems)?;
    let Some((header, body)) = records.split_first() else {
        problems.error(path, text, 0..0, "expected a header line `level;text;target;<years>`, found an empty file");
        return None;
    };
    let expected: Vec<String> =
        FIXED.iter().map(|s| s.to_string()).chain(years.iter().map(|y| y.to_string())).collect();
    let found: Vec<&str> = header.fields.iter().map(|(f, _)| f.trim()).collect();
    if found != expected.iter().map(String::as_str).collect::<Vec<_>>() {
        problems.error(
            path,
            text,
            header.range.clone(),
            format!("expected the header `{}` (the edition's years), found `{}`", expected.join(";"), found.join(";")),
        );
        return None;
    }

    let mut goals: Vec<Goal> = Vec::new();
    for record in body {
        let cell = |i: usize| record.fields.get(i).map_or("", |(f, _)| f.trim());
        if record.fields.len() != expected.len() {
            problems.error(
                path,
                text,
                record.range.clone(),
                format!("expected {} cells as in the header, found {}", expected.len(), record.fields.len()),
            );
            continue;
        }
        let level_range = record.fields[0].1.clone();
        match cell(0) {
            "goal" => goals.push(Goal { text: cell(1).to_string(), subgoals: Vec::new() }),
            "subgoal" => match goals.last_mut() {
                Some(goal) => goal.subgoals.push(Subgoal { text: cell(1).to_string(), indicators: Vec::new() }),
                None => {
                    problems.error(
                        path,
                        text,
                        level_range,
                        "expected a `goal` row before the first `subgoal`, found `subgoal`",
                    );
                }
            },
            "indicator" => {
                let mut values = Vec::new();
                for (field, range) in &record.fields[FIXED.len()..] {
                    match parse_value(field, status_words) {
                        Ok(value) => values.push(value),
                        Err(err) => {
                            let problem = problems.error(
                                path,
                                text,
                                range.clone(),
                                format!("expected {}, found `{}`", err.expected, field.trim()),
                            );
                            if let Some(hint) = err.hint {
                                problem.notes.push(hint);
                            }
                        }
                    }
                }
                let target = Some(cell(2).to_string()).filter(|t| !t.is_empty());
                let indicator = Indicator { text: cell(1).to_string(), target, values };
                match goals.last_mut().and_then(|g| g.subgoals.last_mut()) {
                    Some(subgoal) => subgoal.indicators.push(indicator),
                    None => {
                        problems.error(
                            path,
                            text,
                            level_range,
                            "expected a `subgoal` row before the first `indicator`, found `indicator`",
                        );
                    }
                }
            }
            other => {
                problems.error(
                    path,
                    text,
                    level_range,
                    format!("expected `goal`, `subgoal` or `indicator`, found `{other}`"),
                );
            }
        }
    }
    if goals.is_empty() && problems.len() == before {
        problems.error(path, text, header.range.clone(), "expected at least one `goal` row, found none");
    }
    (problems.len() == before).then_some(KeyFigures { years: years.to_vec(), goals })
}
