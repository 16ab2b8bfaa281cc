//! Bad input gets a clear error naming file, line and column, what was expected and what
//! was found — and the build writes no PDF.

use std::fs;

use rapport::session::Session;

use crate::common::{fixture_project, rapport};

/// One broken fixture: the file to overwrite, its new content, and the error it must give.
struct Case {
    file: &'static str,
    content: &'static [u8],
    /// `path:line:column: message` must start with this.
    at: &'static str,
    message: &'static str,
}

const TABLE: &str = "data/mini/tables/en/tabell.csv";
const KEYS: &str = "data/mini/key-figures/en.csv";
const TEXT: &str = "data/mini/chapters/en.md";

const CASES: &[Case] = &[
    Case {
        file: TABLE,
        content: b"Kommune;2021;2022\nHurum;15.1 %;66 %\n",
        at: "data/mini/tables/en/tabell.csv:2:7",
        message: "found `15.1 %`",
    },
    Case {
        file: TABLE,
        content: b"Kommune;2021;2022\nHurum;abc;66 %\n",
        at: "data/mini/tables/en/tabell.csv:2:7",
        message: "expected a number in Norwegian style",
    },
    Case {
        file: TABLE,
        content: b"Kommune;2021;2022\nHurum;12,3,4;66 %\n",
        at: "data/mini/tables/en/tabell.csv:2:7",
        message: "found `12,3,4`",
    },
    Case {
        file: TABLE,
        content: b"Kommune;2021;2022\nHurum;53 %\n",
        at: "data/mini/tables/en/tabell.csv:2:1",
        message: "expected 3 cells as in the header, found 2",
    },
    Case {
        file: KEYS,
        content: "level;text;target;2020;2022\ngoal;Et mål.;;;\n".as_bytes(),
        at: "data/mini/key-figures/en.csv:1:1",
        message: "expected the header `level;text;target;2021;2022`",
    },
    Case {
        file: KEYS,
        content: "level;text;target;2021;2022\ngoal;Et mål.;;;\nsubgol;Et delmål.;;;\n".as_bytes(),
        at: "data/mini/key-figures/en.csv:3:1",
        message: "expected `goal`, `subgoal`, `indicator` or `note` (or `hovedmål`, `delmål`, `nøkkeltall`, `merknad`), found `subgol`",
    },
    Case {
        file: KEYS,
        content: "level;text;target;2021;2022\ngoal;Et mål.;;;\nsubgoal;Et delmål.;;;\nindicator;Tall;;Ikke malt;4\n"
            .as_bytes(),
        at: "data/mini/key-figures/en.csv:4:17",
        message: "found `Ikke malt`",
    },
    Case {
        file: TEXT,
        content: "Tekst.\n\n::: tabel\nfile = \"x.csv\"\n:::\n".as_bytes(),
        at: "data/mini/chapters/en.md:3:1",
        message: "found `tabel`",
    },
    Case {
        file: TEXT,
        content: "Tekst.\n\n::: table\nfile = \"tables/en/tabell.csv\"\ntitel = \"X\"\n:::\n".as_bytes(),
        at: "data/mini/chapters/en.md:5:1",
        message: "unknown field `titel`",
    },
    Case {
        file: TEXT,
        content: "Tekst.\n\n::: photo\ncredit = \"X\"\n".as_bytes(),
        at: "data/mini/chapters/en.md:3:1",
        message: "expected a closing `:::`",
    },
    Case {
        file: TEXT,
        content: "# Tittel\n".as_bytes(),
        at: "data/mini/chapters/en.md:1:1",
        message: "expected a heading `## Title`",
    },
    Case {
        file: TEXT,
        content: "Tekst med **fet.\n".as_bytes(),
        at: "data/mini/chapters/en.md:1:1",
        message: "expected a closing `**`",
    },
    Case {
        file: TEXT,
        content: "::: table\nfile = \"tables/en/mangler.csv\"\n:::\n".as_bytes(),
        at: "data/mini/tables/en/mangler.csv:1:1",
        message: "cannot read this file",
    },
    Case {
        file: TEXT,
        content: "::: table\nfile = \"../../../etc/passwd\"\n:::\n".as_bytes(),
        at: "data/mini/../../../etc/passwd:1:1",
        message: "expected a path inside the edition folder",
    },
];

// Each broken input gives its error, with file, line and column, from `rapport check`.
#[test]
fn each_bad_input_names_file_line_and_column() {
    for case in CASES {
        let project = fixture_project();
        fs::write(project.path().join(case.file), case.content).unwrap();
        let session = Session::open(project.path(), "mini").expect("the edition file is fine");
        let problems: Vec<String> = session.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            problems.iter().any(|p| p.starts_with(case.at) && p.contains(case.message)),
            "expected `{}: …{}…`, got {problems:#?}",
            case.at,
            case.message
        );
    }
}

// A failed build exits with 1, prints the error, and writes no PDF.
#[test]
fn a_failed_build_writes_no_pdf() {
    let project = fixture_project();
    fs::write(project.path().join(TABLE), "Kommune;2021;2022\nHurum;15.1 %;66 %\n").unwrap();
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("tabell.csv:2:7") && stderr.contains("decimal comma"), "{stderr}");
    assert!(!project.path().join("out/testrapport.pdf").exists());
    // For CI and editors: one line, `file:line:column: severity: message`, the same exit code.
    let (code, _, short) = rapport(project.path(), &["build", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{short}");
    let line = short.lines().find(|l| l.contains("tabell.csv:2:7: error: ")).unwrap_or_else(|| panic!("{short}"));
    assert!(line.starts_with("data/mini/tables/en/tabell.csv:2:7: error: expected"), "{short}");
    assert!(!short.contains('│'), "no source lines in the short format: {short}");
}

// A failed build leaves the last good PDF untouched.
#[test]
fn a_failed_build_keeps_the_last_good_pdf() {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project.path().join("out/testrapport.pdf");
    let good = fs::read(&pdf).unwrap();
    fs::write(project.path().join(TABLE), "Kommune;2021;2022\nHurum;x;66 %\n").unwrap();
    let (code, _, _) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 1);
    assert_eq!(fs::read(&pdf).unwrap(), good, "the last good PDF was changed");
}

// `rapport check` reports all errors, not just the first.
#[test]
fn check_reports_every_error() {
    let project = fixture_project();
    fs::write(project.path().join(TABLE), "Kommune;2021;2022\nHurum;x;66 %\nRøyken;1;y\n").unwrap();
    fs::write(project.path().join(KEYS), "level;text;target;2021;2022\nmål;A;;;\n").unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1);
    for at in ["tabell.csv:2:7", "tabell.csv:3:10", "en.csv:2:1"] {
        assert!(stderr.contains(at), "missing {at} in:\n{stderr}");
    }
    assert!(stderr.contains("3 problem(s)"), "{stderr}");
}

// Tables from Excel in Norway — `;`, a BOM, Windows-1252 — are read without garbling æøå.
#[test]
fn reads_excel_exports() {
    let cases: [&[u8]; 3] = [
        b"\xEF\xBB\xBFKommune;2021;2022\nR\xC3\xB8yken;53 %;66 %\n",
        b"Kommune;2021;2022\nR\xF8yken;53 %;66 %\n",
        b"Kommune\t2021\t2022\nR\xC3\xB8yken\t53 %\t66 %\n",
    ];
    for content in cases {
        let project = fixture_project();
        fs::write(project.path().join(TABLE), content).unwrap();
        let session = Session::open(project.path(), "mini").unwrap();
        assert!(session.problems.is_empty(), "{}", session.problems);
        let json = serde_json::to_string(&session.edition.model).unwrap();
        assert!(json.contains("Røyken"), "æøå garbled: {json}");
    }
}

// An unknown key in edition.toml is a configuration error (exit code 2) naming the key.
#[test]
fn unknown_edition_key_is_a_config_error() {
    let project = fixture_project();
    let path = project.path().join("data/mini/edition.toml");
    crate::common::replace(&path, "language = \"nb\"", "language = \"nb\"\nfarge = \"blå\"");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("edition.toml:") && stderr.contains("farge"), "{stderr}");
}
