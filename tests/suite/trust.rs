//! Input that cannot trick the tool: every class of bad input of the «trust the input»
//! review is refused with one clear message naming the data file and line at fault, the
//! last good PDF stays, and nothing outside the project is read or written.

use std::fs;
use std::path::Path;

use crate::common::{append, edit, fixture_project, rapport, replace};

/// The `mini` fixture with `edit` applied to it, checked: (exit code, stderr).
fn check_with(edit: impl FnOnce(&Path)) -> (i32, String) {
    let project = fixture_project();
    edit(&project.path().join("data/mini"));
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    (code, stderr)
}

// `output` and chapter slugs become file names: no path, no escape, never empty; the errors
// point at their line in edition.toml and exit 2, and nothing is written outside out/.
#[test]
fn output_and_slug_cannot_leave_out() {
    for bad in ["../../x", "/tmp/x", "", "a/b"] {
        let project = fixture_project();
        let dir = project.path().join("data/mini");
        replace(&dir.join("edition.toml"), "output = \"testrapport\"", &format!("output = \"{bad}\""));
        let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(
            stderr.contains("data/mini/edition.toml:5:1") && stderr.contains("expected `output` to be a file name"),
            "{stderr}"
        );
        assert!(!project.path().join("x.pdf").exists() && !project.path().join("out").exists());
    }
    let (code, stderr) = check_with(|dir| replace(&dir.join("edition.toml"), "slug = \"en\"", "slug = \"../en\""));
    assert_eq!(code, 2);
    assert!(stderr.contains("expected a chapter slug") && stderr.contains("`../en`"), "{stderr}");
    // An edition id that climbs out of data/ is refused before anything is read.
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "../../etc"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("expected an edition id"), "{stderr}");
}

// Files the data names are read only inside the edition folder, after resolving symlinks:
// a chapter, a table, a table folder or a map linked to a file outside is refused.
#[test]
fn data_links_out_of_the_project_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.csv"), "Kommune;2021;2022\nHemmelig;1 %;2 %\n").unwrap();
    fs::create_dir(outside.path().join("en")).unwrap();
    fs::write(outside.path().join("en/tabell.csv"), "Kommune;2021;2022\nHemmelig;1 %;2 %\n").unwrap();
    fs::write(outside.path().join("secret.md"), "Hemmelig tekst.\n").unwrap();
    let (code, stderr) = check_with(|dir| {
        fs::remove_file(dir.join("tables/en/tabell.csv")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.csv"), dir.join("tables/en/tabell.csv")).unwrap();
    });
    assert_eq!(code, 1);
    assert!(
        stderr.contains("a link that leads out of it") && stderr.contains("named at data/mini/chapters/en.md:"),
        "{stderr}"
    );
    let (code, stderr) = check_with(|dir| {
        fs::remove_dir_all(dir.join("tables")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.join("tables")).unwrap();
    });
    assert_eq!(code, 1);
    assert!(stderr.contains("a link that leads out of it"), "{stderr}");
    let (code, stderr) = check_with(|dir| {
        std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.join("chapters/to.md")).unwrap();
        replace(&dir.join("edition.toml"), "text = \"chapters/en.md\"", "text = \"chapters/to.md\"");
    });
    assert_eq!(code, 1);
    assert!(stderr.contains("a link that leads out of it") && !stderr.contains("Hemmelig"), "{stderr}");
    // Map files are held to the same rule, absolute and `..` paths included.
    for boundaries in ["/etc/passwd", "../../../etc/passwd"] {
        let (code, stderr) = check_with(|dir| {
            let map = format!("[[maps]]\nid = \"kart\"\nboundaries = \"{boundaries}\"\ncredit = \"Test\"");
            append(&dir.join("edition.toml"), &map);
            append(&dir.join("chapters/en.md"), "::: map\nid = \"kart\"\ntitle = \"KART\"\n:::");
        });
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("expected a path inside the edition folder"), "{stderr}");
    }
}

// Units are a closed list: a typo after a number is an error with the known units; numbers
// beyond 15 digits are refused rather than changed.
#[test]
fn units_and_precision() {
    for (cell, expected) in [
        ("15,1x7 %", "`x7 %` is not a unit"),
        ("12 abc", "`abc` is not a unit"),
        ("1e5", "`e5` is not a unit"),
        ("1234567890123456789012345678901234567890", "at most 15 significant digits"),
    ] {
        let (code, stderr) = check_with(|dir| replace(&dir.join("tables/en/tabell.csv"), "53 %", cell));
        assert_eq!(code, 1, "{cell}");
        assert!(stderr.contains(expected) && stderr.contains("data/mini/tables/en/tabell.csv:2:"), "{cell}: {stderr}");
    }
    // An edition may declare a unit of its own.
    let (code, stderr) = check_with(|dir| {
        replace(&dir.join("edition.toml"), "status-words = [", "units = [\"elever\"]\nstatus-words = [");
        replace(&dir.join("tables/en/tabell.csv"), "53 %", "53 elever");
    });
    assert_eq!(code, 0, "{stderr}");
}

// Binary and foreign files are named in one line, not printed.
#[test]
fn binary_files_are_not_tables() {
    let binary: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let (code, stderr) = check_with(|dir| fs::write(dir.join("tables/en/tabell.csv"), &binary).unwrap());
    assert_eq!(code, 1);
    assert!(stderr.contains("expected a text file") && stderr.len() < 2_000, "{stderr}");
    let utf16: Vec<u8> = "Kommune;2021\nHurum;1 %\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let (_, stderr) = check_with(|dir| fs::write(dir.join("tables/en/tabell.csv"), &utf16).unwrap());
    assert!(stderr.contains("UTF-16 without a byte-order mark") && !stderr.contains('\0'), "{stderr}");
}

// Excel's `sep=;` line is honoured, and a header repeated as a row is refused.
#[test]
fn excel_sep_line_and_repeated_header() {
    let (code, stderr) = check_with(|dir| {
        edit(&dir.join("tables/en/tabell.csv"), |text| format!("sep=;\n{text}"));
    });
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = check_with(|dir| {
        edit(&dir.join("tables/en/tabell.csv"), |text| {
            let header = text.lines().next().unwrap().to_string();
            format!("{text}{header}\n")
        });
    });
    assert_eq!(code, 1);
    assert!(stderr.contains("found the header line again"), "{stderr}");
}

// A key-figure target is a comparison with a number, checked like other number cells.
#[test]
fn key_figure_targets_are_values() {
    let (code, stderr) = check_with(|dir| {
        let path = dir.join("key-figures/en.csv");
        let text = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let row = lines.iter().position(|l| l.starts_with("indicator")).expect("an indicator row");
        let mut cells: Vec<String> = lines[row].split(';').map(String::from).collect();
        cells[2] = "> 10.5 %%xyz".into();
        lines[row] = cells.join(";");
        fs::write(&path, lines.join("\n") + "\n").unwrap();
    });
    assert_eq!(code, 1);
    assert!(stderr.contains("data/mini/key-figures/en.csv") && stderr.contains("> 10.5 %%xyz"), "{stderr}");
}

// A truncated font is named by `check`, not silently replaced; `rapport fonts` refuses it.
#[test]
fn truncated_font_is_named() {
    let project = fixture_project();
    let font = project.path().join("fonts/Inter-Regular.otf");
    let bytes = fs::read(&font).unwrap();
    fs::write(&font, &bytes[..bytes.len() / 2]).unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("fonts/Inter-Regular.otf") && stderr.contains("truncated"), "{stderr}");
    let (code, _, stderr) = rapport(project.path(), &["fonts"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("Inter-Regular.otf") && stderr.contains("truncated"), "{stderr}");
}

// Chart data the layouts could not draw is refused at its cell in the CSV, not in chart.typ.
#[test]
fn undrawable_charts_are_named_in_the_data() {
    let chart = |csv: &'static str, kind: &'static str| {
        check_with(move |dir| {
            fs::create_dir_all(dir.join("charts")).unwrap();
            fs::write(dir.join("charts/c.csv"), csv).unwrap();
            append(
                &dir.join("chapters/en.md"),
                &format!("::: chart\nkind = \"{kind}\"\nfile = \"charts/c.csv\"\ntitle = \"DIAGRAM\"\n:::"),
            );
        })
    };
    for (csv, kind, expected) in [
        ("Del;Andel\nA;Ikke målt\n", "donut", "found the status word `Ikke målt`"),
        ("Del;Andel\n", "bar", "found only the header"),
        ("Del;Andel;Annen\nA;;1\nB;;2\n", "line", "expected numbers in this column"),
        ("Del;Andel\nA;2000000000000\n", "bar", "at most 1 000 000 000 000"),
        ("Del;Andel\nA;40 %\nB;600 kr\n", "donut", "expected `%` as the numbers above"),
    ] {
        let (code, stderr) = chart(csv, kind);
        assert_eq!(code, 1, "{csv}");
        assert!(stderr.contains("data/mini/charts/c.csv:") && stderr.contains(expected), "{csv}: {stderr}");
        assert!(
            !stderr.contains("chart.typ") && stderr.matches("error:").count() == 2,
            "one error, then the summary: {stderr}"
        );
    }
    let (code, stderr) = check_with(|dir| {
        replace(
            &dir.join("chapters/en.md"),
            "source = \"Testkilde\"",
            "source = \"Testkilde\"\nheader-rows = 0\nchart = \"bar\"",
        )
    });
    assert_eq!(code, 1);
    assert!(stderr.contains("expected `header-rows` of 1 or more"), "{stderr}");
}

// edition.toml's own mistakes are configuration errors (exit 2) at their line.
#[test]
fn edition_toml_errors_point_at_their_line() {
    let (code, stderr) = check_with(|dir| replace(&dir.join("edition.toml"), "goals = [3]", "goals = [3, 40]"));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("expected goal numbers 1–17, found 40") && stderr.contains("edition.toml:16:1"),
        "{stderr}"
    );
    let (code, stderr) =
        check_with(|dir| replace(&dir.join("edition.toml"), "years = [2021, 2022]", "years = [2022, 2021]"));
    assert_eq!(code, 2);
    assert!(stderr.contains("expected `years` in increasing order"), "{stderr}");
    let (code, stderr) =
        check_with(|dir| replace(&dir.join("edition.toml"), "status-words", "cover-goals = [18]\nstatus-words"));
    assert_eq!(code, 2);
    assert!(stderr.contains("expected cover goals 1–17, found 18"), "{stderr}");
}

// Control characters, an empty chapter and a missing file: each named where it is, the
// missing file with the line that named it.
#[test]
fn small_mistakes_are_named() {
    let (code, stderr) = check_with(|dir| replace(&dir.join("chapters/en.md"), "Brødtekst", "Brød\u{7}tekst"));
    assert_eq!(code, 1);
    assert!(stderr.contains("control character U+0007") && stderr.contains("chapters/en.md:8:5"), "{stderr}");
    let (code, stderr) = check_with(|dir| fs::write(dir.join("chapters/en.md"), "\n").unwrap());
    assert_eq!(code, 1);
    assert!(stderr.contains("found an empty file"), "{stderr}");
    let (code, stderr) = check_with(|dir| fs::remove_file(dir.join("tables/en/tabell.csv")).unwrap());
    assert_eq!(code, 1);
    assert!(stderr.contains("named at data/mini/chapters/en.md:10:1"), "{stderr}");
    assert!(!stderr.contains("data-table.typ"), "the layouts are compiled without the missing table: {stderr}");
}

// An SVG asset may not reach files through CSS either.
#[test]
fn svg_css_urls_are_refused() {
    let project = fixture_project();
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>rect { fill: url(file:///etc/passwd) }</style><rect width="10" height="10"/></svg>"#;
    fs::write(project.path().join("assets/evil.svg"), svg).unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("assets/evil.svg") && stderr.contains("file:///etc/passwd"), "{stderr}");
}

// `check` reports the data's problems and the layouts' errors in one run.
#[test]
fn check_reports_data_and_layout_errors_together() {
    let project = fixture_project();
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "53 %", "feil");
    append(&project.path().join("layout/report.typ"), "#let x = (1 + \"a\")");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("`feil`") && stderr.contains("layout/report.typ"), "{stderr}");
}

// A row longer than the header is the one blamed; one broken map file is reported once,
// however many blocks show the map.
#[test]
fn errors_point_at_the_one_place_at_fault() {
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), "Kommune;2021;2022\nHurum;53 %;66 %;1 %\nSammenslått;;73 %\n")
            .unwrap()
    });
    assert_eq!(code, 1);
    assert!(
        stderr.contains("tabell.csv:2:1") && stderr.contains("expected 3 cells as in the header, found 4"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("expected 3 cells").count(), 1, "only the long row: {stderr}");
    let (code, stderr) = check_with(|dir| {
        fs::create_dir_all(dir.join("maps")).unwrap();
        fs::write(dir.join("maps/kart.geojson"), "{ not json").unwrap();
        append(
            &dir.join("edition.toml"),
            "[[maps]]\nid = \"kart\"\nboundaries = \"maps/kart.geojson\"\ncredit = \"Test\"",
        );
        for _ in 0..3 {
            append(&dir.join("chapters/en.md"), "::: map\nid = \"kart\"\ntitle = \"KART\"\n:::");
        }
    });
    assert_eq!(code, 1);
    assert_eq!(stderr.matches("data/mini/maps/kart.geojson").count(), 1, "{stderr}");
    assert!(!stderr.contains("map `kart`: map `kart`"), "{stderr}");
}

// A number that is a decimal only in Norwegian among whole numbers (`1,300` for 1 300 with
// an English thousands comma) is refused at its cell with both readings; among decimals it is
// a decimal.
#[test]
fn a_thousands_comma_among_whole_numbers_is_refused() {
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), "Kommune;Antall\nAsker;2519\nBærum;5561\nHurum;1,300\n").unwrap();
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("data/mini/tables/en/tabell.csv:4:7"), "{stderr}");
    assert!(
        stderr.contains("write `1 300` if the comma separates thousands, or `1,3` if it is a decimal comma"),
        "{stderr}"
    );
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), "Kommune;Andel\nAsker;2,519\nBærum;5,561\nHurum;1,300\n").unwrap();
    });
    assert_eq!(code, 0, "{stderr}");
}

// A letter that looks like a digit anywhere in a number (`80 O86 934`, `4,O %`, a lone `O`,
// `3l,5`) is told so at its cell, with the number as meant, in bokmål too; never «add the word
// to `units`», never read as a number.
#[test]
fn a_letter_like_a_digit_is_named() {
    for (cell, hint) in [
        ("80 O86 934", "`O` looks like a zero: write `80 086 934`"),
        ("4,O %", "`O` looks like a zero: write `4,0 %`"),
        ("O", "`O` looks like a zero: write `0`"),
        ("3l,5 %", "`l` looks like a one: write `31,5 %`"),
    ] {
        let project = fixture_project();
        replace(&project.path().join("data/mini/tables/en/tabell.csv"), "53 %", cell);
        let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
        assert_eq!(code, 1, "{cell}");
        assert!(stderr.contains(hint) && stderr.contains("data/mini/tables/en/tabell.csv:2:"), "{cell}: {stderr}");
        assert!(!stderr.contains("`units`"), "{cell}: {stderr}");
        let (_, _, stderr) = crate::common::rapport_in(project.path(), &["check", "--edition", "mini"], "nb_NO.UTF-8");
        assert!(stderr.contains("ligner "), "{cell}: {stderr}");
    }
}
