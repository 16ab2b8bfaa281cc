//! Values of number cells: Norwegian numbers with units, status words, or nothing.
//!
//! Typst has no locale-aware number formatting, so numbers are parsed and formatted here
//! and handed to the layouts both as a value (for charts) and as finished text.

use serde::Serialize;

/// The value of one number cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Value {
    /// A number, e.g. `15,1 %`: `value` 15.1, 1 decimal, unit `%`.
    Number {
        value: f64,
        decimals: u8,
        unit: Option<String>,
        /// Formatted Norwegian style, e.g. `15,1 %` or `56 693`.
        text: String,
    },
    /// One of the edition's status words, e.g. `Ikke målt`.
    Status { text: String },
    /// Nothing was printed.
    Empty { text: String },
}

impl Value {
    /// The formatted text of the cell.
    pub fn text(&self) -> &str {
        match self {
            Value::Number { text, .. } | Value::Status { text } | Value::Empty { text } => text,
        }
    }

    /// The number, if this is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number { value, .. } => Some(*value),
            _ => None,
        }
    }

    /// Re-formats a number with thousands grouped also in four-digit numbers, as Norwegian
    /// tables do when four- and five-digit numbers stand in the same column.
    pub fn group_four_digits(&mut self) {
        if let Value::Number { value, decimals, unit, text } = self {
            *text = format_number(*value, *decimals, unit.as_deref(), true);
        }
    }
}

/// Why a cell is not a value.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueError {
    pub expected: &'static str,
    pub hint: Option<String>,
}

const EXPECTED: &str = "a number in Norwegian style (`15,1 %`, `56 693`), a status word or an empty cell";

/// Parses a cell. `status_words` are the edition's words allowed in number cells.
pub fn parse_value(cell: &str, status_words: &[String]) -> Result<Value, ValueError> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Value::Empty { text: String::new() });
    }
    if let Some(word) = status_words.iter().find(|w| w.as_str() == cell) {
        return Ok(Value::Status { text: word.clone() });
    }
    let fail = |hint: Option<String>| Err(ValueError { expected: EXPECTED, hint });

    let mut rest = cell;
    let negative = matches!(rest.chars().next(), Some('-' | '−' | '–'));
    if negative || rest.starts_with('+') {
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }

    // Integer part: digits, optionally in groups of three separated by a (non-breaking) space.
    let mut integer = String::new();
    let mut group_len = 0usize;
    let mut grouped = false;
    let mut chars = rest.char_indices().peekable();
    let mut end = 0;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            integer.push(c);
            group_len += 1;
            end = i + 1;
            chars.next();
        } else if is_space(c) && !integer.is_empty() {
            // A space is a thousands separator only if exactly three digits follow.
            let after = &rest[i + c.len_utf8()..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            let next = after.chars().nth(digits);
            if digits == 3 && !next.is_some_and(|n| n.is_ascii_digit()) && (grouped || group_len <= 3) {
                grouped = true;
                group_len = 0;
                chars.next();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if integer.is_empty() {
        return fail(None);
    }
    if grouped && group_len != 3 {
        return fail(None);
    }
    rest = &rest[end..];

    let mut decimals = String::new();
    if let Some(after) = rest.strip_prefix(',') {
        decimals = after.chars().take_while(char::is_ascii_digit).collect();
        if decimals.is_empty() {
            return fail(None);
        }
        rest = &after[decimals.len()..];
    }
    if rest.starts_with(['.', ',']) {
        let hint = if rest.starts_with('.') && decimals.is_empty() {
            Some(format!("Norwegian numbers use a decimal comma: write `{}`", cell.replacen('.', ",", 1)))
        } else {
            None
        };
        return fail(hint);
    }

    let unit = rest.trim_start();
    let unit = if unit.is_empty() {
        None
    } else if unit.starts_with('%') && unit.len() == 1 || unit.starts_with(|c: char| c.is_alphabetic()) {
        if unit.chars().any(|c| matches!(c, ';' | '\t' | '"')) {
            return fail(None);
        }
        Some(normalise_unit(unit))
    } else {
        return fail(None);
    };

    let number: f64 =
        format!("{}{integer}.{}", if negative { "-" } else { "" }, if decimals.is_empty() { "0" } else { &decimals })
            .parse()
            .map_err(|_| ValueError { expected: EXPECTED, hint: None })?;
    let places = u8::try_from(decimals.len()).unwrap_or(u8::MAX);
    let text = format_number(number, places, unit.as_deref(), false);
    Ok(Value::Number { value: number, decimals: places, unit, text })
}

const NBSP: char = '\u{a0}';

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Collapses inner runs of spaces in a unit (`kr/ m2` is an extraction artifact of `kr/m2`
/// only in text; in cells we keep the unit as written but single-spaced).
fn normalise_unit(unit: &str) -> String {
    unit.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Formats a number the Norwegian way: a no-break space between thousands, a decimal comma,
/// and the unit after a no-break space (`15,1 %`, `-0,7 %`), so no line breaks inside it.
///
/// Four-digit integers stay ungrouped (`2524`) unless `group_four` is set.
pub fn format_number(value: f64, decimals: u8, unit: Option<&str>, group_four: bool) -> String {
    let formatted = format!("{:.*}", usize::from(decimals), value.abs());
    let (integer, fraction) = formatted.split_once('.').unwrap_or((&formatted, ""));
    let mut out = String::new();
    if value < 0.0 && formatted.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    if integer.len() > 4 || (group_four && integer.len() == 4) {
        for (i, digit) in integer.chars().enumerate() {
            if i > 0 && (integer.len() - i) % 3 == 0 {
                out.push(NBSP);
            }
            out.push(digit);
        }
    } else {
        out.push_str(integer);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    if let Some(unit) = unit {
        out.push(NBSP);
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<String> {
        vec!["Ikke målt".into(), "Tall kommer".into()]
    }

    fn text(cell: &str) -> String {
        parse_value(cell, &words()).unwrap().text().replace(NBSP, " ")
    }

    #[test]
    fn parses_norwegian_numbers() {
        assert_eq!(text("15,1 %"), "15,1 %");
        assert_eq!(text("15,1%"), "15,1 %");
        assert_eq!(text("-0,7 %"), "-0,7 %");
        assert_eq!(text("56 693"), "56 693");
        assert_eq!(text("56693"), "56 693");
        assert_eq!(text("2524"), "2524");
        assert_eq!(text("115 kr/m2"), "115 kr/m2");
        assert_eq!(text("4,7 µg/m ³"), "4,7 µg/m ³");
        assert_eq!(text("18,0 %"), "18,0 %");
        assert_eq!(text("Ikke målt"), "Ikke målt");
        assert_eq!(text(""), "");
        assert_eq!(parse_value("1 300", &words()).unwrap().number(), Some(1300.0));
    }

    #[test]
    fn rejects_what_is_not_a_value() {
        for bad in ["abc", "15.1 %", "12,3,4", "1 30", "12 3456", ",5", "5,", "Ikke malt", "3 %%"] {
            assert!(parse_value(bad, &words()).is_err(), "{bad} should be rejected");
        }
        let err = parse_value("15.1 %", &words()).unwrap_err();
        assert!(err.hint.unwrap().contains("15,1 %"));
    }

    #[test]
    fn groups_four_digits_on_request() {
        let mut v = parse_value("1300", &words()).unwrap();
        v.group_four_digits();
        assert_eq!(v.text(), "1\u{a0}300");
    }
}
