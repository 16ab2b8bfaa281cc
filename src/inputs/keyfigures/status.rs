//! Targets (`> 10 %`) as comparisons with a value, and the status of a nøkkeltall computed
//! from its figures: whether the latest figure meets the target, or, without a target, how
//! it has moved since the first year with a figure.

use serde::Serialize;

use crate::inputs::value::{Value, ValueError, Vocabulary, parse_value};

/// How a figure is compared with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparison {
    Above,
    AtLeast,
    Below,
    AtMost,
}

impl Comparison {
    const ALL: [(&'static str, Comparison); 6] = [
        ("≥", Comparison::AtLeast),
        (">=", Comparison::AtLeast),
        ("≤", Comparison::AtMost),
        ("<=", Comparison::AtMost),
        (">", Comparison::Above),
        ("<", Comparison::Below),
    ];

    fn symbol(self) -> &'static str {
        match self {
            Comparison::Above => ">",
            Comparison::AtLeast => "≥",
            Comparison::Below => "<",
            Comparison::AtMost => "≤",
        }
    }

    fn holds(self, figure: f64, target: f64) -> bool {
        match self {
            Comparison::Above => figure > target,
            Comparison::AtLeast => figure >= target,
            Comparison::Below => figure < target,
            Comparison::AtMost => figure <= target,
        }
    }
}

/// A nøkkeltall's target: a comparison with a number, e.g. `> 10 %`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub comparison: Comparison,
    /// The number compared with (always a [`Value::Number`]).
    pub value: Value,
    /// As printed: `> 10 %`, the number formatted Norwegian style.
    pub text: String,
}

impl Target {
    /// Parses a target cell; an empty cell is no target. A bare number (`100 %`) is read with
    /// the indicator's polarity: at least it where higher is better, at most where lower is.
    pub fn parse(
        cell: &str,
        vocabulary: &Vocabulary,
        direction: Option<Direction>,
    ) -> Result<Option<Target>, ValueError> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        let expected = || "a target as a comparison with a number (`> 10 %`, `< 80 %`, `≥ 95 %`)".to_string();
        let prefixed = Comparison::ALL.iter().find_map(|(symbol, c)| cell.strip_prefix(symbol).map(|rest| (*c, rest)));
        let bare = match direction {
            Some(Direction::Higher) => Some((Comparison::AtLeast, cell)),
            Some(Direction::Lower) => Some((Comparison::AtMost, cell)),
            None => None,
        };
        let Some((comparison, rest)) = prefixed.or(bare) else {
            let hint = "a bare number is read with the nøkkeltall's `direction` (`higher`: at least it, `lower`: at most it); this row has none";
            return Err(ValueError { expected: expected(), hint: Some(hint.into()) });
        };
        let numbers_only = Vocabulary { status_words: Vec::new(), units: vocabulary.units.clone() };
        let value = parse_value(rest, &numbers_only)?;
        if value.number().is_none() {
            return Err(ValueError { expected: expected(), hint: Some("the comparison needs a number".into()) });
        }
        let text = format!("{}\u{a0}{}", comparison.symbol(), value.text());
        Ok(Some(Target { comparison, value, text }))
    }
}

/// Which way an indicator without a target should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Higher is better.
    Higher,
    /// Lower is better.
    Lower,
}

impl Direction {
    /// Parses a `direction` cell: `higher` (`høyere`), `lower` (`lavere`) or empty.
    pub fn parse(cell: &str) -> Result<Option<Direction>, String> {
        match cell {
            "" => Ok(None),
            "higher" | "høyere" => Ok(Some(Direction::Higher)),
            "lower" | "lavere" => Ok(Some(Direction::Lower)),
            other => Err(format!(
                "expected a direction `higher`, `lower` (or `høyere`, `lavere`) or an empty cell, found `{other}`"
            )),
        }
    }
}

/// What the figures say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusKind {
    /// The latest figure meets the target.
    Reached,
    /// The latest figure misses the target.
    NotReached,
    /// A target, but no figure in any year.
    NoFigure,
    /// No target; the figure moved the desired way since the first year with a figure.
    Better,
    /// No target; it moved the other way.
    Worse,
    /// The latest figure equals the first.
    Unchanged,
    /// No target and no desired direction: it went up.
    Rising,
    /// No target and no desired direction: it went down.
    Falling,
    /// No target and fewer than two figures.
    NoTrend,
}

/// The status of a nøkkeltall, with the years it compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Status {
    pub kind: StatusKind,
    /// The year of the latest figure.
    pub year: Option<i32>,
    /// The year of the first figure (trends only).
    pub since: Option<i32>,
}

impl Status {
    /// The status of figures for `years` (same length), against `target` or by `direction`.
    pub fn of(values: &[Value], years: &[i32], target: Option<&Target>, direction: Option<Direction>) -> Status {
        let figures: Vec<(i32, f64)> = years.iter().zip(values).filter_map(|(y, v)| Some((*y, v.number()?))).collect();
        let latest = figures.last().copied();
        if let Some(target) = target {
            let Some((year, figure)) = latest else {
                return Status { kind: StatusKind::NoFigure, year: None, since: None };
            };
            let goal = target.value.number().unwrap_or(f64::NAN);
            let kind = if target.comparison.holds(figure, goal) { StatusKind::Reached } else { StatusKind::NotReached };
            return Status { kind, year: Some(year), since: None };
        }
        let (Some(&(since, first)), Some((year, last))) = (figures.first(), latest) else {
            return Status { kind: StatusKind::NoTrend, year: latest.map(|(y, _)| y), since: None };
        };
        if figures.len() < 2 {
            return Status { kind: StatusKind::NoTrend, year: Some(year), since: None };
        }
        let kind = match (last.partial_cmp(&first), direction) {
            (Some(std::cmp::Ordering::Equal) | None, _) => StatusKind::Unchanged,
            (Some(std::cmp::Ordering::Greater), Some(Direction::Higher))
            | (Some(std::cmp::Ordering::Less), Some(Direction::Lower)) => StatusKind::Better,
            (Some(_), Some(_)) => StatusKind::Worse,
            (Some(std::cmp::Ordering::Greater), None) => StatusKind::Rising,
            (Some(std::cmp::Ordering::Less), None) => StatusKind::Falling,
        };
        Status { kind, year: Some(year), since: Some(since) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(&["Ikke målt".into()], &[])
    }

    fn values(cells: &[&str]) -> Vec<Value> {
        cells.iter().map(|c| parse_value(c, &vocabulary()).unwrap()).collect()
    }

    #[test]
    fn targets_parse_as_comparisons() {
        let t = Target::parse("> 10 %", &vocabulary(), None).unwrap().unwrap();
        assert_eq!(
            (t.comparison, t.value.number(), t.text.as_str()),
            (Comparison::Above, Some(10.0), ">\u{a0}10\u{a0}%")
        );
        let t = Target::parse(">= 95 %", &vocabulary(), None).unwrap().unwrap();
        assert_eq!(t.text, "≥\u{a0}95\u{a0}%");
        assert_eq!(Target::parse("> 140 kr/m2", &vocabulary(), None).unwrap().unwrap().text, ">\u{a0}140\u{a0}kr/m²");
        assert_eq!(Target::parse("", &vocabulary(), None).unwrap(), None);
        for bad in ["10 %", "> 10.5 %%xyz", "> Ikke målt", "> ", "= 3"] {
            assert!(Target::parse(bad, &vocabulary(), None).is_err(), "{bad}");
        }
    }

    #[test]
    fn bare_targets_take_the_polarity() {
        let at_least = Target::parse("100 %", &vocabulary(), Some(Direction::Higher)).unwrap().unwrap();
        assert_eq!((at_least.comparison, at_least.text.as_str()), (Comparison::AtLeast, "≥\u{a0}100\u{a0}%"));
        let at_most = Target::parse("5 %", &vocabulary(), Some(Direction::Lower)).unwrap().unwrap();
        assert_eq!(at_most.comparison, Comparison::AtMost);
        let err = Target::parse("100 %", &vocabulary(), None).unwrap_err();
        assert!(err.hint.unwrap().contains("direction"));
    }

    #[test]
    fn status_compares_the_latest_figure() {
        let years = [2019, 2020, 2021, 2022];
        let above_ten = Target::parse("> 10 %", &vocabulary(), None).unwrap();
        let of =
            |cells: &[&str], target: Option<&Target>, direction| Status::of(&values(cells), &years, target, direction);
        let s = of(&["15,1 %", "18,1 %", "18,0 %", "14,8 %"], above_ten.as_ref(), None);
        assert_eq!((s.kind, s.year), (StatusKind::Reached, Some(2022)));
        let s = of(&["15,1 %", "18,1 %", "9 %", ""], above_ten.as_ref(), None);
        assert_eq!((s.kind, s.year), (StatusKind::NotReached, Some(2021)));
        assert_eq!(of(&["Ikke målt", "", "", ""], above_ten.as_ref(), None).kind, StatusKind::NoFigure);
        let s = of(&["Ikke målt", "3 %", "4 %", "5 %"], None, Some(Direction::Lower));
        assert_eq!((s.kind, s.since, s.year), (StatusKind::Worse, Some(2020), Some(2022)));
        assert_eq!(of(&["3 %", "", "", "5 %"], None, Some(Direction::Higher)).kind, StatusKind::Better);
        assert_eq!(of(&["3 %", "", "", "2 %"], None, None).kind, StatusKind::Falling);
        assert_eq!(of(&["3 %", "", "", "3 %"], None, None).kind, StatusKind::Unchanged);
        assert_eq!(of(&["", "", "", "3 %"], None, None).kind, StatusKind::NoTrend);
    }
}
