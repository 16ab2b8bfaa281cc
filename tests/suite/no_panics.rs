//! No input makes rapport panic: chapter text, tables, key figures and numbers built from
//! random pieces of their syntax are either read or rejected with problems.

use std::path::Path;
use std::sync::Arc;

use rapport::diag::Diagnostics;
use rapport::inputs::keyfigures::load_key_figures;
use rapport::inputs::table::{decode, load_table};
use rapport::inputs::text::parse_chapter;
use rapport::inputs::value::parse_value;

/// A small deterministic generator (xorshift), so failures can be replayed (also used by
/// `hostile`'s fuzz test).
pub struct Random(pub u64);

impl Random {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
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
        let mut problems = Diagnostics::default();
        parse_chapter(Path::new("x.md"), &text, &mut problems);
        emit(&problems);
    }
}

/// Renders problems as `rapport check` prints them (codespan), which must not panic either.
fn emit(problems: &Diagnostics) {
    let mut out = typst_kit::diagnostics::termcolor::NoColor::new(Vec::new());
    rapport::cli::render::emit(&mut out, problems.iter(), rapport::cli::render::Format::Human, rapport::lang::Lang::En)
        .expect("rendering problems");
}

// Random tables, key figures and cells never panic the readers.
#[test]
fn tables_and_numbers_never_panic() {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    let words = rapport::inputs::value::Vocabulary::new(&["Ikke målt".to_string()], &[]);
    for _ in 0..3000 {
        let n = (random.next() % 30) as usize;
        let raw = random.text(CSV, n);
        let mut bytes = raw.clone().into_bytes();
        if random.next().is_multiple_of(5) {
            bytes.push(0xF8); // a Windows-1252 ø
        }
        let Ok(text) = decode(&bytes) else { continue };
        let mut problems = Diagnostics::default();
        load_table(Path::new("t.csv"), &text, (random.next() % 3) as usize, None, &words, &mut problems);
        load_key_figures(Path::new("k.csv"), &text, &[2021, 2022], &words, &mut problems);
        let _ = parse_value(&raw, &words);
        for problem in problems.iter() {
            let _ = (problem.to_string(), problem.line_column());
        }
        emit(&problems);
    }
}

const UNITS: &[&str] = &["%", " %", "kr", "x7", "e5", "m2", "µg/m³", "CO2", " ", "%%", "\u{7}", "ø", ",", "-", "/"];
const PATHS: &[&str] = &[
    "../",
    "/",
    "tables/",
    "en/",
    "tabell.csv",
    "..",
    ".",
    "\u{0}",
    "æ",
    "//",
    "x",
    "chapters/en.md",
    "\\",
    "~",
    "$HOME",
];

// Random bytes as files, random units in cells and random paths in edition.toml, given to
// the whole loader, give only clean problems or errors: no panic, nothing read outside.
#[test]
fn random_files_units_and_paths_give_clean_errors() {
    let mut random = Random(0x5851_f42d_4c95_7f2d);
    let project = crate::common::fixture_project();
    let dir = project.path().join("data/mini");
    let toml = std::fs::read_to_string(dir.join("edition.toml")).unwrap();
    let table = dir.join("tables/en/tabell.csv");
    for round in 0..120 {
        let bytes: Vec<u8> = (0..(random.next() % 200)).map(|_| random.next() as u8).collect();
        match round % 3 {
            0 => std::fs::write(&table, &bytes).unwrap(),
            1 => {
                let n = 1 + (random.next() % 3) as usize;
                let unit = random.text(UNITS, n);
                std::fs::write(&table, format!("Kommune;2021;2022\nHurum;53{unit};1 300\n")).unwrap();
            }
            _ => {
                let n = 1 + (random.next() % 5) as usize;
                let path = random.text(PATHS, n);
                let edited = toml.replace("text = \"chapters/en.md\"", &format!("text = {:?}", path));
                std::fs::write(dir.join("edition.toml"), edited).unwrap();
            }
        }
        // A clean error instead of a panic is the point; an anyhow error always has a message,
        // so there is nothing more to assert of one.
        if let Ok(session) = rapport::typeset::session::Session::open(project.path(), "mini") {
            emit(&session.problems);
        }
        std::fs::write(dir.join("edition.toml"), &toml).unwrap();
    }
}
