//! Bad input gets a clear error naming file, line and column, what was expected and what
//! was found — and the build writes no PDF.

use std::fs;

use rapport::typeset::session::Session;

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
        let json = serde_json::to_string(&session.model).unwrap();
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

/// A small JPEG of one colour.
fn jpeg(colour: [u8; 3]) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 8, image::Rgb(colour)))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    bytes
}

/// The mini edition with a `::: photo` block for each `(file, bytes)`.
fn with_photos(photos: &[(&str, &[u8])]) -> tempfile::TempDir {
    let project = crate::common::fixture_project();
    for (file, bytes) in photos {
        let path = project.path().join("data/mini").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        let block = format!("\n::: photo\nfile = \"{file}\"\nalt = \"Bildet {file}\"\ncredit = \"Ola\"\n:::\n");
        crate::common::append(&project.path().join("data/mini/chapters/en.md"), &block);
    }
    project
}

/// `build --web` of the mini edition: the exit code, stderr and the site's files.
fn build_web(project: &tempfile::TempDir) -> (i32, String, Vec<String>) {
    let (code, _, err) = crate::common::rapport(project.path(), &["build", "--edition", "mini", "--web"]);
    let site = project.path().join("out/web");
    let files = rapport::inputs::paths::files_below(&site)
        .iter()
        .map(|f| f.strip_prefix(&site).unwrap().display().to_string())
        .collect();
    (code, err, files)
}

// Two photos of one file name in two folders are two pictures, in the PDF and on the web
// pages, not a clash blamed on the layouts.
#[test]
fn two_photos_of_one_name_both_work() {
    let (red, blue) = (jpeg([255, 0, 0]), jpeg([0, 0, 255]));
    let project = with_photos(&[("photos/sommer/bilde.jpg", &red), ("photos/vinter/bilde.jpg", &blue)]);
    let (code, err, files) = build_web(&project);
    assert_eq!(code, 0, "{err}");
    let images: Vec<&String> = files.iter().filter(|f| f.ends_with("bilde.jpg")).collect();
    assert_eq!(images.len(), 2, "{files:?}");
    let page = std::fs::read_to_string(project.path().join("out/web/en.html")).unwrap();
    for image in images {
        assert!(page.contains(&format!("src=\"{image}\"")), "{image} is not on the page");
    }
}

// A photo named as a goal's icon (`sdg-03.svg`) in a chapter of goal 3 is the photo, and the
// icon stays the icon.
#[test]
fn a_photo_named_as_a_goal_icon_works() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#ff0000"/></svg>"##;
    let project = with_photos(&[("photos/sdg-03.svg", svg)]);
    let (code, err, files) = build_web(&project);
    assert_eq!(code, 0, "{err}");
    let svgs: Vec<Vec<u8>> = files
        .iter()
        .filter(|f| f.ends_with("sdg-03.svg"))
        .map(|f| std::fs::read(project.path().join("out/web").join(f)).unwrap())
        .collect();
    assert_eq!(svgs.len(), 2, "the photo and the icon, each a file of its own: {files:?}");
    // The web edition re-serialises every SVG (hostile.rs): the photo is the one still red.
    let red = |s: &Vec<u8>| String::from_utf8_lossy(s).to_lowercase().contains("#ff0000");
    assert!(svgs.iter().any(red) && !svgs.iter().all(red), "{svg:?}");
}

// A chapter slug `index` would make its web page the front page (index.html): it is refused
// at its line of edition.toml, saying what to do, instead of failing in the layouts.
#[test]
fn a_chapter_slug_index_is_refused_at_the_data() {
    let project = crate::common::fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::replace(&toml, "slug = \"en\"", "slug = \"index\"");
    let (code, _, err) = crate::common::rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("data/mini/edition.toml") && err.contains("`index`") && err.contains("index.html"), "{err}");
}
