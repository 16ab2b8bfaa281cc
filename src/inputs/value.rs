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
    /// What was expected, e.g. "a number in Norwegian style …".
    pub expected: String,
    pub hint: Option<String>,
}

const EXPECTED: &str = "a number in Norwegian style (`15,1 %`, `56 693`), a status word or an empty cell";

/// The most significant digits a number may have: an `f64` holds every number of up to 15
/// digits exactly, so what is written is what is printed.
pub const MAX_DIGITS: usize = 15;

/// The units every edition may use after a number. An edition adds its own in `units`.
pub const UNITS: [&str; 24] = [
    "%",
    "‰",
    "kr",
    "kr/m²",
    "mill. kr",
    "mrd. kr",
    "NOK",
    "t",
    "tonn",
    "tonn CO₂e",
    "kg",
    "kg/m²",
    "µg/m³",
    "GWh",
    "MWh",
    "kWh",
    "km",
    "m",
    "m²",
    "år",
    "dager",
    "timer",
    "personer",
    "stk.",
];

/// What number cells may hold besides numbers: the edition's status words and units.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Words allowed instead of a number, e.g. `Ikke målt`.
    pub status_words: Vec<String>,
    /// Units allowed after a number: [`UNITS`] and the edition's own, normalised.
    pub units: Vec<String>,
}

impl Vocabulary {
    /// The built-in units, the edition's `extra_units` and its status words.
    pub fn new(status_words: &[String], extra_units: &[String]) -> Self {
        let units = UNITS.iter().map(|u| u.to_string()).chain(extra_units.iter().map(|u| normalise_unit(u))).collect();
        Vocabulary { status_words: status_words.to_vec(), units }
    }
}

/// The hint for a number written with a dot. A hint never changes a number: where the dot may
/// separate thousands as well as decimals (`1.060`: 1060 or 1,06), it names both readings and
/// lets the user choose; where only one reading is possible, it gives that one.
fn dot_hint(cell: &str, from_dot: &str) -> Option<String> {
    let digits = |g: &str| g.chars().take_while(char::is_ascii_digit).count();
    let groups: Vec<&str> = from_dot.split('.').skip(1).collect();
    let thousands = groups.iter().all(|g| digits(g) == 3);
    // The number as written (sign, digits and dots) and what follows it (a unit).
    let end =
        cell.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '−' | '–'))).unwrap_or(cell.len());
    let (number, after) = cell.split_at(end);
    let as_thousands = number.replace('.', " ");
    let as_decimal = number.replacen('.', ",", 1);
    match (groups.len(), thousands) {
        // `1.234.567`: only thousands.
        (n, true) if n > 1 => {
            Some(format!("Norwegian numbers group thousands with a space: write `{as_thousands}{after}`"))
        }
        // `1.060`: both readings, a thousandfold apart.
        (_, true) => Some(format!(
            "`{cell}` can be read two ways: write `{as_thousands}{after}` if the dot separates thousands, or `{as_decimal}{after}` if it is a decimal point (Norwegian numbers use a decimal comma)"
        )),
        // `15.1`: only a decimal.
        (1, false) => Some(format!("Norwegian numbers use a decimal comma: write `{as_decimal}{after}`")),
        _ => None,
    }
}

/// Parses a cell: a number with an optional unit from `vocabulary`, a status word, or empty.
/// A cell refused that would be a number but for a letter that looks like a digit (`3O`,
/// `80 O86 934`, `4,O %`, a lone `O`, `3l,5`) is told so, with the cell as it was meant; the
/// number is never taken for it.
pub fn parse_value(cell: &str, vocabulary: &Vocabulary) -> Result<Value, ValueError> {
    parse_cell(cell, vocabulary).map_err(|mut err| {
        if let Some((letter, like, fixed)) = digit_lookalike(cell.trim())
            && parse_cell(&fixed, vocabulary).is_ok()
        {
            err.hint = Some(format!("`{letter}` looks like {like}: write `{fixed}`"));
        }
        err
    })
}

/// `cell` with each letter that stands where a digit would (`O` or `o` for 0, `l` or `I` for
/// 1, between digits, a decimal comma, spaces, a sign or a unit's `%`) made that digit, the
/// first such letter and what it looks like; `None` when there is none.
fn digit_lookalike(cell: &str) -> Option<(char, &'static str, String)> {
    let chars: Vec<char> = cell.chars().collect();
    let beside = |c: Option<&char>| {
        c.is_none_or(|&c| c.is_ascii_digit() || c == ',' || is_space(c) || matches!(c, '-' | '+' | '−' | '%'))
    };
    let mut first = None;
    let mut fixed = String::with_capacity(cell.len());
    for (i, &c) in chars.iter().enumerate() {
        let digit = match c {
            'O' | 'o' => Some(('0', "a zero")),
            'l' | 'I' => Some(('1', "a one")),
            _ => None,
        };
        match digit {
            Some((digit, like)) if beside(i.checked_sub(1).and_then(|p| chars.get(p))) && beside(chars.get(i + 1)) => {
                first.get_or_insert((c, like));
                fixed.push(digit);
            }
            _ => fixed.push(c),
        }
    }
    first.map(|(letter, like)| (letter, like, fixed))
}

fn parse_cell(cell: &str, vocabulary: &Vocabulary) -> Result<Value, ValueError> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Value::Empty { text: String::new() });
    }
    if let Some(word) = vocabulary.status_words.iter().find(|w| w.as_str() == cell) {
        return Ok(Value::Status { text: word.clone() });
    }
    // SSB's symbols for a figure that is missing (`..`) and one that cannot be (`.`, the
    // merged municipality's figure for a year before it was): printed as written, explained
    // under the table.
    if cell == ".." || cell == "." {
        return Ok(Value::Status { text: cell.to_string() });
    }
    let fail = |hint: Option<String>| Err(ValueError { expected: EXPECTED.into(), hint });
    if cell.chars().any(char::is_control) {
        return fail(Some("the cell holds a control character".into()));
    }

    let mut rest = cell;
    let negative = matches!(rest.chars().next(), Some('-' | '−' | '–'));
    if negative || rest.starts_with('+') {
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    }
    if negative && rest.starts_with(is_space) && rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        // `- 0,7 %`: a minus set apart from its number, as a dash of a list would be.
        let number = rest.trim_start();
        return fail(Some(format!("write the minus right before the number: `−{number}` or `-{number}`")));
    }
    let Some((integer, end)) = integer_part(rest) else { return fail(None) };
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
        let hint = if rest.starts_with('.') && decimals.is_empty() { dot_hint(cell, rest) } else { None };
        return fail(hint);
    }
    let digits = format!("{integer}{decimals}");
    let significant = digits.trim_start_matches('0').len();
    if significant > MAX_DIGITS {
        return Err(ValueError {
            expected: format!(
                "a number of at most {MAX_DIGITS} significant digits, which is printed exactly as written"
            ),
            hint: Some(format!("this one has {significant} digits")),
        });
    }

    let unit = match rest.trim_start() {
        "" => None,
        written => Some(known_unit(written, &rest[..rest.len() - rest.trim_start().len()], cell, vocabulary)?),
    };
    let number: f64 =
        format!("{}{integer}.{}", if negative { "-" } else { "" }, if decimals.is_empty() { "0" } else { &decimals })
            .parse()
            .map_err(|_| ValueError { expected: EXPECTED.into(), hint: None })?;
    let places = u8::try_from(decimals.len()).unwrap_or(u8::MAX);
    let text = format_number(number, places, unit.as_deref(), false);
    Ok(Value::Number { value: number, decimals: places, unit, text })
}

/// The digits of an integer part (`56 693`: groups of three after a space) and where it
/// ends in `text`; `None` if there is none or a group is not of three digits.
fn integer_part(text: &str) -> Option<(String, usize)> {
    let mut integer = String::new();
    let mut group_len = 0usize;
    let mut grouped = false;
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            integer.push(c);
            group_len += 1;
            end = i + 1;
            chars.next();
        } else if is_space(c) && !integer.is_empty() {
            // A space is a thousands separator only if exactly three digits follow.
            let after = &text[i + c.len_utf8()..];
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
    if integer.is_empty() || (grouped && group_len != 3) {
        return None;
    }
    Some((integer, end))
}

/// Words staff write for a unit the vocabulary has, and that unit, as [`unit_words`] reads
/// them (`mill. kroner`, `mill kr` and `millioner` are all `mill kr` or `mill`).
const UNIT_WORDS: [(&str, &str); 7] = [
    ("prosent", "%"),
    ("kr", "kr"),
    ("mill", "mill. kr"),
    ("mill kr", "mill. kr"),
    ("mrd", "mrd. kr"),
    ("mrd kr", "mrd. kr"),
    ("kr m2", "kr/m²"),
];

/// A unit as written, in the words [`UNIT_WORDS`] lists: lower case, dots, slashes and
/// spaces between words alike, each word's short form (`kroner` → `kr`, `pst` → `prosent`).
fn unit_words(written: &str) -> String {
    written
        .to_lowercase()
        .split(|c: char| c == '.' || c == '/' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|word| match word {
            "kroner" | "kr" | "nok" => "kr",
            "millioner" | "million" | "mill" | "mln" => "mill",
            "milliarder" | "milliard" | "mrd" => "mrd",
            "pst" | "prosent" | "percent" => "prosent",
            "m²" => "m2",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The unit written after a number (`space` between them), normalised (`kr/m2` → `kr/m²`),
/// if the vocabulary has it. Otherwise the hint says what was most likely meant: a word for a
/// unit the edition has (`prosent` for `%`); only then to add the word to `units`.
fn known_unit(written: &str, space: &str, cell: &str, vocabulary: &Vocabulary) -> Result<String, ValueError> {
    let unit = normalise_unit(written);
    if vocabulary.units.contains(&unit) {
        return Ok(unit);
    }
    let known = vocabulary.units.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", ");
    // A letter that looks like a digit is told by [`parse_value`].
    let words = unit_words(written);
    let hint = match UNIT_WORDS.iter().find(|(word, _)| words == *word) {
        Some((_, unit)) if vocabulary.units.iter().any(|u| u == unit) => {
            format!(
                "did you mean `{unit}`? write `{}{space}{unit}`",
                cell[..cell.len() - written.len() - space.len()].trim_end()
            )
        }
        _ => format!("`{written}` is not a unit of this edition; add it to `units` in edition.toml if it is one"),
    };
    Err(ValueError { expected: format!("a number with a known unit ({known})"), hint: Some(hint) })
}

const NBSP: char = '\u{a0}';
/// The minus sign (U+2212), not a hyphen.
pub const MINUS: char = '\u{2212}';

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A unit written the one way the report prints it: single spaces, superscript squares and
/// cubes (`kr/m2` → `kr/m²`, `µg/m 3` → `µg/m³`) and a subscript in CO₂.
pub fn normalise_unit(unit: &str) -> String {
    let spaced = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = spaced.replace("CO2", "CO₂");
    for (plain, raised) in [("m2", "m²"), ("m3", "m³"), ("m 2", "m²"), ("m 3", "m³"), ("m ²", "m²"), ("m ³", "m³")]
    {
        if out.ends_with(plain) || out.contains(&format!("{plain} ")) {
            out = out.replace(plain, raised);
        }
    }
    out
}

/// Formats a number the Norwegian way: a no-break space between thousands, a decimal comma,
/// a true minus sign, and the unit after a no-break space (`15,1 %`, `−0,7 %`), so no line
/// breaks inside it.
///
/// Four-digit integers stay ungrouped (`2524`) unless `group_four` is set.
pub fn format_number(value: f64, decimals: u8, unit: Option<&str>, group_four: bool) -> String {
    let formatted = fixed(value.abs(), decimals);
    let (integer, fraction) = formatted.split_once('.').unwrap_or((&formatted, ""));
    let mut out = String::new();
    if value < 0.0 && formatted.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push(MINUS);
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

/// A number as a message prints it: formatted as the report prints it, its no-break spaces
/// plain ones (`100 000`, `−0,7 %`), so a message is copied into a cell as it reads.
pub fn format_for_message(value: f64, decimals: u8, unit: Option<&str>) -> String {
    format_number(value, decimals, unit, false).replace(NBSP, " ")
}

/// `value` with `decimals` decimals (`-12.35`), its half rounded away from zero as
/// spreadsheets and readers round (`12.5` → `13`, `0.125` → `0.13`), from its first 15
/// significant digits, as a spreadsheet shows it (`0.145 × 100` is `14.5`, not
/// `14.499999999999998`). Every number the report prints with fewer decimals than it has is
/// rounded here.
pub fn fixed(value: f64, decimals: u8) -> String {
    let places = usize::from(decimals);
    if !value.is_finite() {
        return format!("{value:.places$}");
    }
    let scientific = format!("{:.14e}", value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    // `digits[0]` stands at 10^exponent: put the decimal point after `point` digits.
    let mut point = exponent + 1;
    if point < 1 {
        let zeros = usize::try_from(1 - point).unwrap_or(0);
        digits.splice(0..0, std::iter::repeat_n(0, zeros));
        point = 1;
    }
    let mut point = usize::try_from(point).unwrap_or(1);
    let keep = point + places;
    if digits.len() < keep + 1 {
        digits.resize(keep + 1, 0);
    }
    let round_up = digits[keep] >= 5;
    digits.truncate(keep);
    if round_up {
        let mut carried = true;
        for digit in digits.iter_mut().rev() {
            if *digit == 9 {
                *digit = 0;
            } else {
                *digit += 1;
                carried = false;
                break;
            }
        }
        if carried {
            digits.insert(0, 1);
            point += 1;
        }
    }
    let integer: String = digits[..point].iter().map(|d| char::from(b'0' + d)).collect();
    let integer = integer.trim_start_matches('0');
    let mut out = String::new();
    if value < 0.0 && digits.iter().any(|d| *d != 0) {
        out.push('-');
    }
    out.push_str(if integer.is_empty() { "0" } else { integer });
    if places > 0 {
        out.push('.');
        out.extend(digits[point..].iter().map(|d| char::from(b'0' + d)));
    }
    out
}

/// Whether a nøkkeltall or a table column is a share by its words (`Andel elever …`, `… som
/// andel av …`): its percentages are then at most 100 % unless its block says they may pass
/// it. (Here, beside the values, so tables and key figures both read it.)
pub fn is_share(text: &str) -> bool {
    let text = text.to_lowercase();
    text.contains("andel") || text.contains("share")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vocabulary {
        Vocabulary::new(&["Ikke målt".into(), "Tall kommer".into()], &["elever".into()])
    }

    fn text(cell: &str) -> String {
        parse_value(cell, &words()).unwrap().text().replace(NBSP, " ")
    }

    #[test]
    fn parses_norwegian_numbers() {
        assert_eq!(text("15,1 %"), "15,1 %");
        assert_eq!(text("15,1%"), "15,1 %");
        assert_eq!(text("-0,7 %"), "−0,7 %");
        assert_eq!(text("−0,7 %"), "−0,7 %");
        assert_eq!(text("56 693"), "56 693");
        assert_eq!(text("56693"), "56 693");
        assert_eq!(text("2524"), "2524");
        assert_eq!(text("115 kr/m2"), "115 kr/m²");
        assert_eq!(text("4,7 µg/m ³"), "4,7 µg/m³");
        assert_eq!(text("3 tonn CO2e"), "3 tonn CO₂e");
        assert_eq!(text("12 elever"), "12 elever");
        assert_eq!(text("18,0 %"), "18,0 %");
        assert_eq!(text("Ikke målt"), "Ikke målt");
        assert_eq!(text(""), "");
        assert_eq!(text("123 456 789 012 345"), "123 456 789 012 345");
        assert_eq!(parse_value("1 300", &words()).unwrap().number(), Some(1300.0));
    }

    #[test]
    fn rejects_what_is_not_a_value() {
        for bad in [
            "abc",
            "15.1 %",
            "12,3,4",
            "1 30",
            "12 3456",
            ",5",
            "5,",
            "Ikke malt",
            "3 %%",
            "15,1x7 %",
            "12 abc",
            "1e5",
            "1234567890123456",
            "1\u{7}2",
        ] {
            assert!(parse_value(bad, &words()).is_err(), "{bad} should be rejected");
        }
        let err = parse_value("15.1 %", &words()).unwrap_err();
        assert!(err.hint.unwrap().contains("15,1 %"));
        // A hint never changes a number: `1.060` names both readings.
        let hint = parse_value("1.060", &words()).unwrap_err().hint.unwrap();
        assert!(hint.contains("`1 060`") && hint.contains("`1,060`") && hint.contains("two ways"), "{hint}");
        let hint = parse_value("1.234.567 kr", &words()).unwrap_err().hint.unwrap();
        assert!(hint.contains("`1 234 567 kr`") && !hint.contains(','), "{hint}");
        let err = parse_value("1e5", &words()).unwrap_err();
        assert!(err.expected.contains("known unit") && err.hint.unwrap().contains("`e5`"));
        // A letter like a digit, or a word for a unit the edition has, is named as such.
        let hint = |cell: &str| parse_value(cell, &words()).unwrap_err().hint.unwrap();
        assert_eq!(hint("3O"), "`O` looks like a zero: write `30`");
        assert_eq!(hint("3l,5"), "`l` looks like a one: write `31,5`");
        assert_eq!(hint("80 O86 934"), "`O` looks like a zero: write `80 086 934`");
        assert_eq!(hint("4,O %"), "`O` looks like a zero: write `4,0 %`");
        assert_eq!(hint("O"), "`O` looks like a zero: write `0`");
        assert_eq!(hint("-l2,5 %"), "`l` looks like a one: write `-12,5 %`");
        // A word is no number: its letters are not digits.
        let ola = parse_value("Ola", &words()).unwrap_err().hint.unwrap_or_default();
        assert!(!ola.contains("looks like"), "{ola}");
        assert_eq!(hint("30 mill"), "did you mean `mill. kr`? write `30 mill. kr`");
        assert_eq!(hint("14,8 prosent"), "did you mean `%`? write `14,8 %`");
        assert_eq!(hint("53 pst"), "did you mean `%`? write `53 %`");
        assert_eq!(hint("5 mill. kroner"), "did you mean `mill. kr`? write `5 mill. kr`");
        assert_eq!(hint("4 mill kr"), "did you mean `mill. kr`? write `4 mill. kr`");
        assert_eq!(hint("2 mrd kroner"), "did you mean `mrd. kr`? write `2 mrd. kr`");
        assert_eq!(hint("73 kroner"), "did you mean `kr`? write `73 kr`");
        assert_eq!(
            hint("5 elefanter"),
            "`elefanter` is not a unit of this edition; add it to `units` in edition.toml if it is one"
        );
        // A minus set apart from its number is told how to write it.
        assert_eq!(hint("- 0,7 %"), "write the minus right before the number: `−0,7 %` or `-0,7 %`");
        let err = parse_value(&"9".repeat(40), &words()).unwrap_err();
        assert!(err.expected.contains("at most 15 significant digits"), "{err:?}");
    }

    // Halves are rounded away from zero, from the digits a spreadsheet shows.
    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(fixed(12.5, 0), "13");
        assert_eq!(fixed(-12.5, 0), "-13");
        assert_eq!(fixed(0.125, 2), "0.13");
        assert_eq!(fixed(0.145 * 100.0, 0), "15");
        assert_eq!(fixed(2.675, 2), "2.68");
        assert_eq!(fixed(99.96, 1), "100.0");
        assert_eq!(fixed(0.04, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(56693.0, 0), "56693");
        assert_eq!(fixed(0.000123, 5), "0.00012");
        assert_eq!(format_number(-12.5, 0, Some("%"), false), "−13\u{a0}%");
    }

    #[test]
    fn groups_four_digits_on_request() {
        let mut v = parse_value("1300", &words()).unwrap();
        v.group_four_digits();
        assert_eq!(v.text(), "1\u{a0}300");
    }
}
