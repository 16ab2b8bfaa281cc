//! No input makes rapport panic: chapter text, tables, key figures and numbers built from
//! random pieces of their syntax are either read or rejected with problems.

use std::path::Path;
use std::sync::Arc;

use rapport::diag::Problems;
use rapport::keyfigures::load_key_figures;
use rapport::table::{decode, load_table};
use rapport::text::parse_chapter;
use rapport::value::parse_value;

/// A small deterministic generator (xorshift), so failures can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A text of `n` pieces drawn from `pieces`.
    fn text(&mut self, pieces: &[&str], n: usize) -> String {
        (0..n).map(|_| pieces[(self.next() % pieces.len() as u64) as usize]).collect()
    }
}

const TEXT: &[&str] = &[
    "\n",
    "\n\n",
    "## ",
    "# ",
    "### ",
    "- ",
    "  ",
    "> ",
    "«",
    "»",
    "(Intensjonsavtalen 2016)",
    "→ ",
    "**",
    "[[lost-text]]",
    "::: table\n",
    "::: chart\n",
    "::: photo\n",
    "::: map\n",
    "::: goals\n",
    "::: conclusion\n",
    "::: key-figures\n",
    "::: pagebreak\n",
    "::: figure\n",
    "::: tabel\n",
    ":::\n",
    ":::",
    "file = \"x.csv\"\n",
    "kind = \"donut\"\n",
    "goals = [3, 40]\n",
    "title = \"T\"\n",
    "= \"",
    "[",
    "]",
    "æøå",
    "tekst",
    " ",
    "1 300",
    "\r\n",
    "\u{feff}",
    "é\u{301}",
];

const CSV: &[&str] = &[
    ";",
    "\n",
    "\t",
    ",",
    "\"",
    "15,1 %",
    "-0,7 %",
    "56 693",
    "Ikke målt",
    "abc",
    "15.1",
    "",
    " ",
    "1 30",
    "kr/m2",
    "æ",
    "\r\n",
    "\u{a0}",
    "goal",
    "subgoal",
    "indicator",
    "level;text;target;2021;2022\n",
];

// Random chapter text never panics the parser.
#[test]
fn chapter_text_never_panics() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let n = (random.next() % 40) as usize;
        let text: Arc<str> = random.text(TEXT, n).into();
        let mut problems = Problems::default();
        parse_chapter(Path::new("x.md"), &text, &mut problems);
        emit(&problems);
    }
}

/// Renders problems as `rapport check` prints them (codespan), which must not panic either.
fn emit(problems: &Problems) {
    let mut out = typst_kit::diagnostics::termcolor::NoColor::new(Vec::new());
    problems.emit(&mut out).expect("rendering problems");
}

// Random tables, key figures and cells never panic the readers.
#[test]
fn tables_and_numbers_never_panic() {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let words = rapport::value::Vocabulary::new(&["Ikke målt".to_string()], &[]);
    for _ in 0..3000 {
        let n = (random.next() % 30) as usize;
        let raw = random.text(CSV, n);
        let mut bytes = raw.clone().into_bytes();
        if random.next().is_multiple_of(5) {
            bytes.push(0xF8); // a Windows-1252 ø
        }
        let text = decode(&bytes).text;
        let mut problems = Problems::default();
        load_table(Path::new("t.csv"), &text, (random.next() % 3) as usize, None, &words, &mut problems);
        load_key_figures(Path::new("k.csv"), &text, &[2021, 2022], &words, &mut problems);
        let _ = parse_value(&raw, &words);
        for problem in problems.iter() {
            let _ = (problem.to_string(), problem.line_column());
        }
        emit(&problems);
    }
}
