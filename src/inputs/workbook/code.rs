//! Number format codes as Excel stores them (`#,##0.0 "kr";[Red]-#,##0.0 "kr";"–";@`): up to
//! four sections — positive; negative; zero; text — or sections chosen by conditions
//! (`[>=1000]#,##0;0.0`). Each section says how the numbers it applies to are shown: as a
//! percentage (the number × 100), with so many decimals, with a unit, divided by thousands, or
//! as words instead of the number. A number is read by the section that shows it, as Excel
//! chooses it; sections that disagree on what a number is (a percentage in one and a plain
//! number in another, two units) leave it to the column's settings, never to a guess.

use std::sync::Arc;

/// How a number cell is shown in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `General` (or a format that says nothing of decimals): as many decimals as it has.
    #[default]
    General,
    /// A number with this many decimals (`0.0`, `# ##0`).
    Decimals(u8),
    /// A percentage with this many decimals (`0.0%`; `None`: as many as it has): `0.951`
    /// shows `95,1 %`.
    Percent(Option<u8>),
}

/// One cell's format and, for a formula stored without its value, the formula.
#[derive(Debug, Clone, Default)]
pub struct CellMeta {
    /// How the cell's number is shown (for a format of several sections, by the section that
    /// shows the cell's number: [`super::Grid`] reads it so).
    pub format: Format,
    pub formula_without_value: Option<String>,
    /// The unit the format shows after or before the number (`#,##0 "kr"`: `kr`), as the
    /// report spells it.
    pub unit: Option<String>,
    /// How many thousands the format divides by (`0.0,,` shows millions: 2).
    pub thousands: u8,
    /// The cell's format code, read section by section: which one shows a number depends on
    /// the number.
    pub code: Option<Arc<FormatCode>>,
    /// The format's sections disagree on what the cell's number is (a percentage in one, a
    /// plain number in another): its column must say.
    pub mixed: Option<Mixed>,
    /// The format shows words, not the cell's number.
    pub words: Option<Words>,
}

impl CellMeta {
    /// The metadata of a cell whose format code is `code`.
    pub fn coded(code: &Arc<FormatCode>) -> CellMeta {
        let (format, unit, thousands) = code.first();
        CellMeta { format, unit, thousands, code: Some(Arc::clone(code)), ..CellMeta::default() }
    }

    /// As it applies to a cell holding `number`: the format, unit and division of the section
    /// that shows it, or why none does.
    pub fn for_number(mut self, number: f64) -> CellMeta {
        let Some(code) = self.code.as_ref() else { return self };
        match code.shown(number) {
            Shown::Number { format, unit, thousands } => {
                (self.format, self.unit, self.thousands) = (format, unit, thousands);
            }
            // Nothing is taken from sections that disagree: the column's settings say it.
            Shown::Mixed(mixed) => {
                (self.format, self.unit, self.thousands) = (Format::General, None, 0);
                self.mixed = Some(mixed);
            }
            Shown::Words(words) => self.words = Some(words),
        }
        self
    }
}

/// The built-in number formats of Excel that say a number of decimals or a percentage.
pub fn builtin(id: u32) -> Format {
    match id {
        1 | 3 | 37 | 38 => Format::Decimals(0),
        2 | 4 | 39 | 40 => Format::Decimals(2),
        9 => Format::Percent(Some(0)),
        10 => Format::Percent(Some(2)),
        _ => Format::General,
    }
}

/// How a number cell is shown by its format code.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// As a number: with this format, unit (`kr`) and division by thousands.
    Number { format: Format, unit: Option<String>, thousands: u8 },
    /// By sections that disagree on what the number is.
    Mixed(Mixed),
    /// As words, without the number (`"Ikke målt"` in a zero section, for 0).
    Words(Words),
}

/// A format whose sections disagree on what a number is.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixed {
    /// The format, as written (or the name of an .ods number style).
    pub code: String,
    /// Two of its sections and what each shows: `` `0.0` a plain number and `0%` a percentage ``.
    pub found: String,
    /// Whether they disagree on being a percentage (else on the unit or the division).
    pub percent: bool,
}

impl Mixed {
    /// The refusal of a number of column `column` shown so: what its settings would say.
    pub fn for_column(&self, column: &str) -> String {
        let hint = if self.percent {
            format!(
                "`column.\"{column}\" = {{ unit = \"%\", scale = 100 }}` for shares stored as fractions (0,25 prints 25 %), or `column.\"{column}\" = {{ unit = \"\", scale = 1 }}` for plain numbers"
            )
        } else {
            format!(
                "its unit and scale as the numbers are stored, e.g. `column.\"{column}\" = {{ unit = \"\", scale = 1 }}`"
            )
        };
        format!(
            "expected the sections of the number format `{}` to show one kind of number, found {}: say what column `{column}` holds in its `::: table` block: {hint}",
            self.code, self.found
        )
    }

    /// An .ods number style `base` that shows a percentage or not (`base_percent`) and applies
    /// the style `mapped`, which shows the other, to some numbers (`style:map`).
    pub fn of_styles(base: &str, base_percent: bool, mapped: &str) -> Mixed {
        let what = |percent: bool| if percent { "a percentage" } else { "a plain number" };
        Mixed {
            code: base.to_string(),
            found: format!("`{base}` {} and `{mapped}` {}", what(base_percent), what(!base_percent)),
            percent: true,
        }
    }

    /// The refusal of a figure of a key-figure sheet shown so.
    pub fn for_key_figures(&self) -> String {
        format!(
            "expected the sections of the number format `{}` to show one kind of number, found {}: give the row a percent target (`> 10 %`) and write `percent-as-fraction = true` or `false` in the `::: key-figures` block, or give the cell a number format whose sections agree",
            self.code, self.found
        )
    }
}

/// A format that shows words where the cell holds a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    /// The format, as written.
    pub code: String,
    /// What it shows instead of the number.
    pub words: String,
}

impl Words {
    /// The cell holding `number` as the sheet shows it: these words when they are one of the
    /// edition's `status_words` (the report prints what the sheet shows), else refused with
    /// what was found and what to do; never the number the sheet hides.
    pub fn read(&self, number: f64, status_words: &[String]) -> Result<String, String> {
        if status_words.iter().any(|w| w.trim() == self.words) {
            return Ok(self.words.clone());
        }
        let number = super::norwegian(number, None).unwrap_or_default().replacen('-', "−", 1);
        Err(format!(
            "expected the cell's number format to show its number, found `{}`, which shows `{}` for {number}: if the report should print `{}` as the sheet shows it, add it to `status-words` in edition.toml (the cell is then read as those words); else write in the cell what is meant, or change its number format",
            self.code, self.words, self.words
        ))
    }
}

/// A comparison in a section's condition (`[>=1000]`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// One section of a format code.
#[derive(Debug, Clone, PartialEq)]
struct Section {
    /// The section as written.
    written: String,
    /// Its condition, `[>=1000]`.
    condition: Option<(Op, f64)>,
    format: Format,
    /// The unit it shows (quoted text, escaped characters, a currency), signs left out.
    unit: Option<String>,
    /// How many thousands its trailing commas divide by.
    thousands: u8,
    /// Whether it shows the number (a digit placeholder, `General`, or a date or time).
    shows_number: bool,
    /// The text it shows besides the number, as written.
    literal: String,
    /// Whether it is the text section (`@`).
    text: bool,
}

impl Default for Section {
    /// `General`.
    fn default() -> Self {
        Section {
            written: "General".into(),
            condition: None,
            format: Format::General,
            unit: None,
            thousands: 0,
            shows_number: true,
            literal: String::new(),
            text: false,
        }
    }
}

impl Section {
    /// What the section shows, for messages: `a percentage`, `a number in `kr``.
    fn shows(&self) -> String {
        let division = (self.thousands > 0).then(|| 1000u64.saturating_pow(u32::from(self.thousands.min(4))));
        match (&self.format, &self.unit, division) {
            (Format::Percent(_), _, _) => "a percentage".into(),
            (_, Some(unit), None) => format!("a number in `{unit}`"),
            (_, Some(unit), Some(by)) => format!("a number in `{unit}` divided by {by}"),
            (_, None, Some(by)) => format!("a number divided by {by}"),
            (_, None, None) => "a plain number".into(),
        }
    }

    /// What it says a number is: a percentage or not, its unit, its division.
    fn kind(&self) -> (bool, Option<&str>, u8) {
        (matches!(self.format, Format::Percent(_)), self.unit.as_deref(), self.thousands)
    }

    /// Whether its condition holds for `value` (false without one).
    fn holds(&self, value: f64) -> bool {
        self.condition.is_some_and(|(op, bound)| match op {
            Op::Lt => value < bound,
            Op::Le => value <= bound,
            Op::Gt => value > bound,
            Op::Ge => value >= bound,
            Op::Eq => value == bound,
            Op::Ne => value != bound,
        })
    }
}

/// A number format code, read section by section.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatCode {
    code: String,
    sections: Vec<Section>,
}

impl FormatCode {
    /// Reads a format code as Excel stores it (`.` for the decimal point, `,` for thousands).
    pub fn parse(code: &str) -> FormatCode {
        FormatCode { code: code.to_string(), sections: split(code).iter().map(|s| section(s)).collect() }
    }

    /// What the code shows of a number in its first section (a cell that holds no number).
    pub fn first(&self) -> (Format, Option<String>, u8) {
        let first = self.sections.first().cloned().unwrap_or_default();
        (first.format, first.unit, first.thousands)
    }

    /// Whether the code says anything of a number (a format other than `General`, a unit, a
    /// division, a section of its own for some numbers).
    pub fn says_anything(&self) -> bool {
        let (format, unit, thousands) = self.first();
        self.sections.len() > 1 || format != Format::General || unit.is_some() || thousands > 0
    }

    /// The sections numbers are shown by, as Excel lays them out: (for positive numbers, for
    /// negative ones, for zero), and whether their choice is by conditions.
    fn laid_out(&self) -> ([Section; 3], bool) {
        let mut sections: Vec<Section> = self.sections.iter().take(4).cloned().collect();
        // A last section with `@` (of fewer than four) is the text section: numbers never use it.
        if sections.len() < 4 && sections.last().is_some_and(|s| s.text) {
            sections.pop();
            if sections.is_empty() {
                sections.push(Section::default());
            }
        }
        let at = |i: usize| sections.get(i).cloned().unwrap_or_default();
        let laid = match sections.len() {
            1 => [at(0), at(0), at(0)],
            2 => [at(0), at(1), at(0)],
            _ => [at(0), at(1), at(2)],
        };
        let conditional = laid[0].condition.is_some() || laid[1].condition.is_some();
        (laid, conditional)
    }

    /// How `value` is shown: by the section Excel chooses for it, read as that section says;
    /// refused when the sections that show numbers disagree on what a number is (whichever
    /// this one falls in: the column's numbers then mean different things by their size or
    /// sign), or when its section shows words, not the number.
    pub fn shown(&self, value: f64) -> Shown {
        let ([positive, negative, zero], conditional) = self.laid_out();
        let both = positive.condition.is_some() && negative.condition.is_some();
        let chosen = if conditional {
            if positive.holds(value) {
                &positive
            } else if negative.holds(value) {
                &negative
            } else if both {
                &zero
            } else {
                &negative
            }
        } else if value > 0.0 {
            &positive
        } else if value < 0.0 {
            &negative
        } else {
            &zero
        };
        // The sections that may show a number other than 0; without conditions the zero
        // section shows only 0, which is 0 in any unit or scale.
        let mut candidates = vec![&positive, &negative];
        if conditional && both {
            candidates.push(&zero);
        }
        let showing: Vec<&Section> = candidates.into_iter().filter(|s| s.shows_number).collect();
        if let Some(first) = showing.first()
            && let Some(other) = showing.iter().find(|s| s.kind() != first.kind())
        {
            return Shown::Mixed(Mixed {
                code: self.code.clone(),
                found: format!("`{}` {} and `{}` {}", first.written, first.shows(), other.written, other.shows()),
                percent: first.kind().0 != other.kind().0,
            });
        }
        if chosen.shows_number {
            return Shown::Number { format: chosen.format, unit: chosen.unit.clone(), thousands: chosen.thousands };
        }
        // A section without the number: a dash (and the unit) shows a zero, printed as 0 in the
        // sections' reading; words, or any number but 0, are not the number.
        let agreed = showing.first().map(|s| (*s).clone()).unwrap_or_default();
        let dash = chosen.unit.is_none() || chosen.unit == agreed.unit;
        if value == 0.0 && dash {
            return Shown::Number { format: agreed.format, unit: agreed.unit, thousands: agreed.thousands };
        }
        Shown::Words(Words { code: self.code.clone(), words: chosen.literal.trim().to_string() })
    }
}

/// A code's sections, split at each `;` outside quotes, brackets and escapes.
fn split(code: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        let current = sections.last_mut().expect("one section at least");
        match c {
            ';' if !quoted => {
                sections.push(String::new());
                continue;
            }
            '"' => quoted = !quoted,
            '\\' | '_' | '*' if !quoted => {
                current.push(c);
                current.extend(chars.next());
                continue;
            }
            '[' if !quoted => {
                current.push(c);
                current.extend(chars.by_ref().take_while(|q| *q != ']'));
                current.push(']');
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    sections
}

/// One section: its placeholders (`#,##0.0,,`) and the text it shows besides them (quoted
/// text, escaped characters, a currency `[$kr-414]`: `kr`), its condition, and what they say.
fn section(written: &str) -> Section {
    let mut plain = String::new();
    let mut literal = String::new();
    let mut condition = None;
    let mut chars = written.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => literal.extend(chars.by_ref().take_while(|q| *q != '"')),
            '[' => {
                let inside: String = chars.by_ref().take_while(|q| *q != ']').collect();
                if let Some(currency) = inside.strip_prefix('$') {
                    literal.push(' ');
                    literal.push_str(currency.split('-').next().unwrap_or(""));
                    literal.push(' ');
                } else if inside.starts_with(['<', '>', '=']) {
                    condition = parse_condition(&inside);
                }
            }
            '\\' => literal.extend(chars.next()),
            '_' | '*' => {
                chars.next();
            }
            _ => plain.push(c),
        }
    }
    let signs = |c: char| c.is_whitespace() || matches!(c, '-' | '−' | '–' | '+' | '(' | ')');
    let general = plain.trim_matches(signs).eq_ignore_ascii_case("general");
    let placeholders = plain.contains(['0', '#', '?']);
    // A date or time Excel did not report as one: its number as it is (as before sections).
    let date = !placeholders && plain.chars().any(|c| matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd' | 'h' | 's'));
    let format = if general || !placeholders || plain.contains(['E', 'e', '/']) {
        Format::General
    } else {
        let decimals = plain
            .split_once('.')
            .map_or(0, |(_, after)| after.chars().take_while(|c| matches!(c, '0' | '#' | '?')).count());
        let decimals = u8::try_from(decimals).unwrap_or(u8::MAX);
        if plain.contains('%') { Format::Percent(Some(decimals)) } else { Format::Decimals(decimals) }
    };
    // Commas right after the last digit placeholder divide by a thousand each.
    let last = plain.rfind(['0', '#', '?']).map_or(plain.len(), |i| i + 1);
    let thousands = plain[last..].chars().take_while(|c| *c == ',').count();
    Section {
        written: written.to_string(),
        condition,
        format,
        unit: unit_of(literal.trim_matches(signs)),
        thousands: u8::try_from(thousands).unwrap_or(u8::MAX),
        shows_number: general || placeholders || date,
        literal,
        text: plain.contains('@'),
    }
}

/// Whether the condition `>=1000` (as Excel writes it inside brackets) holds for `value`; a
/// condition that cannot be read holds for none.
pub(super) fn condition_holds(written: &str, value: f64) -> bool {
    Section { condition: parse_condition(written), ..Section::default() }.holds(value)
}

/// `>=1000` as (≥, 1000).
fn parse_condition(inside: &str) -> Option<(Op, f64)> {
    let (op, rest) = [("<=", Op::Le), (">=", Op::Ge), ("<>", Op::Ne), ("<", Op::Lt), (">", Op::Gt), ("=", Op::Eq)]
        .into_iter()
        .find_map(|(written, op)| inside.strip_prefix(written).map(|rest| (op, rest)))?;
    let bound: f64 = rest.trim().parse().ok()?;
    bound.is_finite().then_some((op, bound))
}

/// The unit a format's text shows, as the report spells it (`mill.kr`, `mill` and `MNOK` are
/// `mill. kr`); `%` typed as text is a percent sign after a percentage already.
fn unit_of(literal: &str) -> Option<String> {
    let unit = literal.split_whitespace().collect::<Vec<_>>().join(" ");
    match unit.to_lowercase().as_str() {
        "" => None,
        "kr" | "kr." | "kroner" | "nok" => Some("kr".to_string()),
        "mill. kr" | "mill.kr" | "mill kr" | "mill." | "mill" | "mnok" | "mill. nok" | "millioner" | "mill. kroner" => {
            Some("mill. kr".to_string())
        }
        "mrd. kr" | "mrd.kr" | "mrd kr" | "mrd." | "mrd" | "mrd. nok" | "milliarder" => Some("mrd. kr".to_string()),
        _ => Some(crate::inputs::value::normalise_unit(&unit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `code` shows of `value`: (format, unit, thousands), or the refusal's text.
    fn shown(code: &str, value: f64) -> Result<(Format, Option<String>, u8), String> {
        match FormatCode::parse(code).shown(value) {
            Shown::Number { format, unit, thousands } => Ok((format, unit, thousands)),
            Shown::Mixed(mixed) => Err(mixed.found),
            Shown::Words(words) => Err(format!("words `{}`", words.words)),
        }
    }

    // Format codes as Excel and LibreOffice write them give their decimals, percent and unit.
    #[test]
    fn one_section_says_decimals_percent_and_unit() {
        assert_eq!(shown("0.0%", 0.5), Ok((Format::Percent(Some(1)), None, 0)));
        assert_eq!(shown("0%", 0.5), Ok((Format::Percent(Some(0)), None, 0)));
        assert_eq!(shown("#,##0", 5.0), Ok((Format::Decimals(0), None, 0)));
        assert_eq!(shown("\"%\" 0.0", 5.0), Ok((Format::Decimals(1), Some("%".into()), 0)));
        assert_eq!(shown("General", 5.0), Ok((Format::General, None, 0)));
        assert_eq!(shown("#,##0\\ \"kr\"", 5.0), Ok((Format::Decimals(0), Some("kr".into()), 0)));
        assert_eq!(shown("0.0 \"mill. kr\"", 5.0), Ok((Format::Decimals(1), Some("mill. kr".into()), 0)));
        assert_eq!(shown("[$kr-414] # ##0", 5.0), Ok((Format::Decimals(0), Some("kr".into()), 0)));
        assert_eq!(shown("#,##0.0,, \"mill.kr\"", 5.0), Ok((Format::Decimals(1), Some("mill. kr".into()), 2)));
        assert_eq!(shown("0.00E+00", 5.0), Ok((Format::General, None, 0)));
        assert_eq!(shown("dd/mm/yyyy", 5.0), Ok((Format::General, None, 0)));
        assert_eq!(shown("[h]:mm", 5.0), Ok((Format::General, None, 0)));
    }

    // Each number is read by the section that shows it: by sign, by condition; a minus or
    // parentheses typed as text are no unit; the text section is never a number's.
    #[test]
    fn every_section_is_read() {
        assert_eq!(shown("0.00;[Red]-0.00", -1.0), Ok((Format::Decimals(2), None, 0)));
        assert_eq!(shown("0.0%;[Red]-0.0%", -0.5), Ok((Format::Percent(Some(1)), None, 0)));
        assert_eq!(shown("[>=1000]#,##0;0.0", 1234.0), Ok((Format::Decimals(0), None, 0)));
        assert_eq!(shown("[>=1000]#,##0;0.0", 12.34), Ok((Format::Decimals(1), None, 0)));
        assert_eq!(shown("[<0]\"−\"0;0", -5.0), Ok((Format::Decimals(0), None, 0)));
        assert_eq!(shown("[<0]\"−\"0;0", 5.0), Ok((Format::Decimals(0), None, 0)));
        assert_eq!(shown("#,##0;(#,##0)", -5.0), Ok((Format::Decimals(0), None, 0)));
        assert_eq!(shown("0.0%;-0.0%;0%;\"Merk: \"@", 0.0), Ok((Format::Percent(Some(0)), None, 0)));
        assert_eq!(shown("0.0;\"x\"@", 2.0), Ok((Format::Decimals(1), None, 0)));
        assert_eq!(shown("@", 2.0), Ok((Format::General, None, 0)));
        // A dash for zero (with the unit) is 0 in the other sections' reading.
        let accounting = "_-* #,##0\\ \"kr\"_-;\\-* #,##0\\ \"kr\"_-;_-* \"-\"\\ \"kr\"_-;_-@_-";
        assert_eq!(shown(accounting, 0.0), Ok((Format::Decimals(0), Some("kr".into()), 0)));
        assert_eq!(shown(accounting, -3.0), Ok((Format::Decimals(0), Some("kr".into()), 0)));
        assert_eq!(shown("0.0%;-0.0%;\"–\"", 0.0), Ok((Format::Percent(Some(1)), None, 0)));
        // `;` inside quotes or brackets splits nothing.
        assert_eq!(shown("0.0\" ;%\"", 5.0), Ok((Format::Decimals(1), Some(";%".into()), 0)));
    }

    // Sections that disagree on what a number is, and sections of words, are refusals.
    #[test]
    fn disagreeing_sections_and_words_are_refused() {
        let mixed = "`0.0` a plain number and `0%` a percentage";
        assert_eq!(shown("0.0;0%", 0.25), Err(mixed.into()));
        assert_eq!(shown("0.0;0%", -0.25), Err(mixed.into()));
        assert_eq!(shown("[<=1]0.0%;0", 5.0), Err("`[<=1]0.0%` a percentage and `0` a plain number".into()));
        assert_eq!(
            shown("#,##0 \"kr\";-#,##0,, \"mill. kr\"", 5.0),
            Err(
                "`#,##0 \"kr\"` a number in `kr` and `-#,##0,, \"mill. kr\"` a number in `mill. kr` divided by 1000000"
                    .into()
            )
        );
        assert_eq!(shown("0;-0;\"Ikke målt\"", 0.0), Err("words `Ikke målt`".into()));
        assert_eq!(shown("0;\"negativ\"", -5.0), Err("words `negativ`".into()));
        assert_eq!(shown("0;\"-\"", -5.0), Err("words `-`".into()));
        assert!(matches!(FormatCode::parse("0.0;0%").shown(1.0), Shown::Mixed(Mixed { percent: true, .. })));
    }
}
