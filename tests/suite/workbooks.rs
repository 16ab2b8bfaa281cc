//! Issue 18, workbooks read directly: a `::: table` names an `.xlsx` sheet and range, with
//! the unit and scale a workbook does not store; its problems are named by sheet and cell.

use std::fs;

use crate::common::{fixture_project, pdftotext, rapport, replace, root};

/// The fixture with its table's CSV replaced by `tabell.xlsx`, read as `block` says.
fn with_workbook(block: &str) -> tempfile::TempDir {
    let project = fixture_project();
    let tables = project.path().join("data/mini/tables/en");
    fs::copy(root().join("tests/fixtures/workbooks/tabell.xlsx"), tables.join("tabell.xlsx")).unwrap();
    fs::remove_file(tables.join("tabell.csv")).unwrap();
    let chapter = project.path().join("data/mini/chapters/en.md");
    replace(&chapter, "file = \"tables/en/tabell.csv\"\n", &format!("file = \"tables/en/tabell.xlsx\"\n{block}"));
    project
}

// Percent cells stored as fractions print as the percentages the CSV export shows.
#[test]
fn a_sheet_prints_as_its_csv_export_does() {
    let project = with_workbook("sheet = \"Ark1\"\nrange = \"A1:C3\"\nunit = \"%\"\nscale = 100\n");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let text = pdftotext(&project.path().join("out/testrapport.pdf"), false);
    for expected in ["Hurum", "53 %", "66 %", "Sammenslått", "73 %", "2021", "2022"] {
        assert!(text.contains(expected), "`{expected}` printed: {text}");
    }
    assert!(!text.contains("0,53"), "scaled, not the stored fraction: {text}");
}

// A cell that is no number, and a spreadsheet error value, are named by sheet and cell.
#[test]
fn a_bad_cell_is_named_by_sheet_and_cell() {
    let project = with_workbook("sheet = \"Ark2\"\nunit = \"%\"\nscale = 100\n");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "the error value stops the sheet before its numbers are read: {stderr}");
    assert!(errors[0].starts_with("data/mini/tables/en/tabell.xlsx:Ark2!B3: error:"), "{stderr}");
    assert!(errors[0].contains("`#DIV/0!`"), "{stderr}");
    // Without the error value, the text cell is the one named.
    let project = with_workbook("sheet = \"Ark2\"\nrange = \"A1:B2\"\n");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("data/mini/tables/en/tabell.xlsx:Ark2!B2: error: expected a number"), "{stderr}");
    assert!(stderr.contains("`5x3`"), "{stderr}");
}

// A sheet or range that is not there is an error at the block, naming the sheets there are.
#[test]
fn a_missing_sheet_or_bad_range_is_blamed_on_the_block() {
    for (block, expected) in [
        ("", "expected `sheet = \"…\"` in the block: the workbook has 3 sheets (`Ark1`, `Ark2`, `Nøkkeltall`)"),
        (
            "sheet = \"Ark3\"\n",
            "expected `sheet` to be one of the workbook's sheets (`Ark1`, `Ark2`, `Nøkkeltall`), found `Ark3`",
        ),
        ("sheet = \"Ark1\"\nrange = \"C3:A1\"\n", "expected `range` as two cells such as `A3:D12`"),
    ] {
        let project = with_workbook(block);
        let (code, _, stderr) =
            rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
        assert_eq!(code, 1, "{block}: {stderr}");
        assert!(stderr.contains("data/mini/chapters/en.md:"), "{block}: at the block: {stderr}");
        assert!(stderr.contains(expected), "{block}: {stderr}");
    }
}

// Workbook keys on a CSV file are a mistake, not silently ignored.
#[test]
fn workbook_keys_on_a_csv_table_are_an_error() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    replace(&chapter, "file = \"tables/en/tabell.csv\"\n", "file = \"tables/en/tabell.csv\"\nscale = 100\n");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("expected a workbook (.xlsx, .xls, .ods) for `sheet`, `range`, `unit` or `scale`"),
        "{stderr}"
    );
}

/// The fixture with its key figures read from the workbook's `Nøkkeltall` sheet, the
/// `::: key-figures` block saying `block`.
fn with_key_figure_workbook(block: &str) -> tempfile::TempDir {
    let project = fixture_project();
    let data = project.path().join("data/mini");
    fs::copy(root().join("tests/fixtures/workbooks/tabell.xlsx"), data.join("key-figures/en.xlsx")).unwrap();
    replace(
        &data.join("edition.toml"),
        "key-figures = \"key-figures/en.csv\"",
        "key-figures = \"key-figures/en.xlsx\"",
    );
    replace(&data.join("chapters/en.md"), "::: key-figures\n:::", &format!("::: key-figures\n{block}:::"));
    project
}

// A key-figure sheet whose percent cells are fractions prints the percentages, with the
// target's unit, once the block says so; without it, the fraction is refused at its cell
// (a number is never scaled unasked).
#[test]
fn key_figures_read_from_a_workbook() {
    let project = with_key_figure_workbook("sheet = \"Nøkkeltall\"\npercent-as-fraction = true\n");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let text = pdftotext(&project.path().join("out/testrapport.pdf"), false);
    assert!(text.contains("15,1 %") && text.contains("Et nøkkeltall") && text.contains("Nådd"), "{text}");
    let project = with_key_figure_workbook("sheet = \"Nøkkeltall\"\n");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "a fraction or a percentage: the block must say: {stderr}");
    assert!(stderr.contains("data/mini/key-figures/en.xlsx:Nøkkeltall!D4: error: expected the `::: key-figures` block to say how the workbook stores percent figures"), "named by cell: {stderr}");
    // Stored as the percentage, the fraction is the figure: 0,151 %, its target not reached.
    let project = with_key_figure_workbook("sheet = \"Nøkkeltall\"\npercent-as-fraction = false\n");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let text = pdftotext(&project.path().join("out/testrapport.pdf"), false);
    assert!(text.contains("0,151 %") && text.contains("Ikke nådd"), "{text}");
}
