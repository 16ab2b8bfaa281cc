//! Issue 18, workbooks read directly: a `::: table` names an `.xlsx` sheet and range, with
//! the unit and scale a workbook does not store; its problems are named by sheet and cell.

mod make;
mod sections;

use std::fs;

use make::{C, GENERAL, IN_MILLIONS, KRONER, MILLIONS, PERCENT_0, PERCENT_1, THOUSANDS, rows, xlsx};

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
    assert_printed(&text, &["Hurum", "53 %", "66 %", "Sammenslått", "73 %", "2021", "2022"]);
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
        stderr.contains(
            "expected a workbook (.xlsx, .xls, .ods) for `sheet`, `range`, `unit`, `scale`, `decimals` or `column`"
        ),
        "{stderr}"
    );
}

/// The fixture with its key figures read from the workbook's `Nøkkeltall` sheet, the
/// `::: key-figures` block saying `block`.
fn with_key_figure_workbook(block: &str) -> tempfile::TempDir {
    with_key_figure_sheet(&fs::read(root().join("tests/fixtures/workbooks/tabell.xlsx")).unwrap(), block)
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

/// The fixture with its table read from a workbook of `bytes` named `name`, the block saying
/// `block` besides `file`.
fn with_sheet(name: &str, bytes: &[u8], block: &str) -> tempfile::TempDir {
    let project = fixture_project();
    let tables = project.path().join("data/mini/tables/en");
    fs::write(tables.join(name), bytes).unwrap();
    fs::remove_file(tables.join("tabell.csv")).unwrap();
    let chapter = project.path().join("data/mini/chapters/en.md");
    replace(&chapter, "file = \"tables/en/tabell.csv\"\n", &format!("file = \"tables/en/{name}\"\n{block}"));
    project
}

/// `rapport check` of the mini edition: (exit code, stderr), one line per problem.
fn check(project: &tempfile::TempDir) -> (i32, String) {
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    (code, stderr)
}

/// Checks that `rapport check` refuses the mini edition with `expected` among its problems.
fn refused(project: &tempfile::TempDir, expected: &str) -> String {
    let (code, stderr) = check(project);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(expected), "`{expected}` in: {stderr}");
    stderr
}

/// Checks that `text` holds each of `expected`.
fn assert_printed(text: &str, expected: &[&str]) {
    for expected in expected {
        assert!(text.contains(expected), "`{expected}` printed: {text}");
    }
}

/// `rapport build` of the mini edition, and the PDF's text.
fn build(project: &tempfile::TempDir) -> String {
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    pdftotext(&project.path().join("out/testrapport.pdf"), false)
}

/// A table of `Kommune` and two number columns `heads` of the cell styles `styles`, with a
/// row for Asker and one for Hurum.
fn kommune_table(heads: [&str; 2], styles: [u32; 2], asker: [f64; 2], hurum: [f64; 2]) -> Vec<u8> {
    let row = |name, n: [f64; 2]| [C::T(name), C::N(n[0], styles[0]), C::N(n[1], styles[1])];
    let (asker, hurum) = (row("Asker", asker), row("Hurum", hurum));
    xlsx(&rows(&[&[C::T("Kommune"), C::T(heads[0]), C::T(heads[1])], &asker, &hurum]), "")
}

/// A table as staff keep it: a population column formatted `#,##0` and a percent column
/// formatted `0.0%` (stored as fractions).
fn staff_table() -> Vec<u8> {
    kommune_table(["Innbyggere", "Andel"], [THOUSANDS, PERCENT_1], [56693.0, 0.951], [9471.0, 0.18])
}

// Two cells at opposite corners of a sheet are refused with the limit, not allocated (the
// process used to abort asking for 549 GB).
#[test]
fn a_sheet_spanning_the_whole_grid_is_refused() {
    let corners = xlsx(
        &format!(
            "<row r=\"1\">{}</row><row r=\"1048576\">{}</row>",
            make::cell("A1", &C::N(1.0, GENERAL)),
            make::cell("XFD1048576", &C::N(2.0, GENERAL))
        ),
        "",
    );
    assert!(corners.len() < 2048, "a tiny file: {}", corners.len());
    refused(
        &with_sheet("hjorner.xlsx", &corners, ""),
        "hjorner.xlsx: expected the filled cells of sheet `Ark1` to span at most 100 000 cells, found A1:XFD1048576 (17 179 869 184 cells): set `range`",
    );
    // With `range`, the far cell is outside it and the table is read.
    let (code, stderr) =
        check(&with_sheet("hjorner.xlsx", &corners, "range = \"A1:A1\"\nheader-rows = 0\ncolumns = [\"number\"]\n"));
    assert_eq!(code, 0, "{stderr}");
}

// A `range` over the limit is refused at the block, before a cell is read.
#[test]
fn a_wide_range_is_refused_at_the_block() {
    let expected = "expected `range` to span at most 100 000 cells, found `A1:Z5000` (130 000 cells)";
    let stderr = refused(&with_sheet("tabell.xlsx", &staff_table(), "range = \"A1:Z5000\"\n"), expected);
    assert!(stderr.contains("data/mini/chapters/en.md:"), "at the block: {stderr}");
}

// ODS repeat counts are counted before calamine expands them.
#[test]
fn ods_repeats_are_counted_before_they_are_expanded() {
    let row = r#"<table:table-row table:number-rows-repeated="2000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#;
    let ods = make::ods("", &format!(r#"<table:table table:name="Ark1">{row}</table:table>"#));
    refused(
        &with_sheet("gjentatt.ods", &ods, ""),
        "expected sheet `Ark1` to span at most 1000000 cells once its repeated rows and cells are counted, found 2000000",
    );
}

// An .xls sheet that declares more cells than a workbook may have, or whose sectors run in a
// circle, is refused before calamine reserves room for it or follows the circle.
#[test]
fn an_xls_workbook_is_measured_before_it_is_read() {
    refused(
        &with_sheet("gammel.xls", &make::xls(0, u32::MAX, false), ""),
        "gammel.xls: expected the sheets of a workbook to declare at most 1000000 cells each, found one declaring 1099511627520",
    );
    refused(
        &with_sheet("gammel.xls", &make::xls(0, 3, true), ""),
        "gammel.xls: expected a readable workbook, found a damaged .xls file (a chain of its sectors runs in a circle)",
    );
    // Within the bounds it is read (an empty sheet here: calamine's own message).
    refused(
        &with_sheet("gammel.xls", &make::xls(0, 3, false), ""),
        "gammel.xls: expected cells in sheet `Ark1`, found an empty sheet",
    );
}

// An .xls sheet's cell formats are read too: a percent cell prints as its percentage.
#[test]
fn xls_cells_print_as_their_format_shows_them() {
    let cells = [
        (0, 0, C::T("Kommune")),
        (0, 1, C::T("Innbyggere")),
        (0, 2, C::T("Andel")),
        (1, 0, C::T("Asker")),
        (1, 1, C::N(56693.0, THOUSANDS)),
        (1, 2, C::N(0.951, PERCENT_1)),
    ];
    let text = build(&with_sheet("gammel.xls", &make::xls_with(0, 2, false, &cells), ""));
    assert_printed(&text, &["95,1 %", "56 693", "Asker"]);
    assert!(!text.contains("0,951"), "{text}");
}

// A member that inflates past the limit is refused before it is read whole.
#[test]
fn a_member_inflating_too_far_is_refused() {
    let bomb = make::with_member(&staff_table(), "xl/media/stor.xml", &vec![b' '; (64 << 20) + 1]);
    assert!(bomb.len() < 1 << 20, "small on disk: {}", bomb.len());
    refused(
        &with_sheet("bombe.xlsx", &bomb, ""),
        "expected the parts of a workbook to inflate to at most 64 MB each, found `xl/media/stor.xml`",
    );
}

// A workbook of more shared strings than the limit is refused before calamine keeps each.
#[test]
fn too_many_shared_strings_are_refused() {
    let strings = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>"#,
        "<si/>".repeat(1_000_001)
    );
    let workbook = make::with_member(&staff_table(), "xl/sharedStrings.xml", strings.as_bytes());
    refused(
        &with_sheet("tekster.xlsx", &workbook, ""),
        "tekster.xlsx: expected a workbook of at most 1000000 shared strings, found 1000001",
    );
}

// A member whose checksum does not match its data is refused, not read.
#[test]
fn a_member_with_a_wrong_checksum_is_refused() {
    let sheet = rows(&[&[C::T("Kommune"), C::T("Andel")], &[C::T("Asker"), C::N(53.0, GENERAL)]]);
    let stored = make::xlsx_with(&sheet, "", zip::CompressionMethod::Stored);
    let damaged = make::corrupt_member(stored, &sheet, "<v>53</v>", "<v>93</v>");
    refused(
        &with_sheet("skadet.xlsx", &damaged, ""),
        "found `xl/worksheets/sheet1.xml` damaged (its checksum does not match its contents)",
    );
}

// A sheet of many bad cells reports the first ones and counts the rest.
#[test]
fn the_problems_of_a_sheet_are_bounded() {
    let bad: Vec<Vec<C>> = (0..60).map(|_| vec![C::T("Asker"), C::T("x")]).collect();
    let mut all: Vec<&[C]> = vec![&[C::T("Kommune"), C::T("Andel")]];
    all.extend(bad.iter().map(Vec::as_slice));
    let stderr = refused(&with_sheet("mange.xlsx", &xlsx(&rows(&all), ""), ""), "and 40 more problem(s) in this table");
    let errors = stderr.lines().filter(|l| l.contains(": error:")).count();
    assert!(errors <= 21, "at most 20 and a count: {stderr}");
}

// Cells formatted as percent print as the percentages they show, with the format's decimals;
// a thousands column prints as a number, not scaled.
#[test]
fn cells_print_as_their_format_shows_them() {
    let text = build(&with_sheet("tabell.xlsx", &staff_table(), ""));
    assert_printed(&text, &["95,1 %", "56 693", "18,0 %", "9 471"]);
    assert!(!text.contains("0,951"), "never the stored fraction: {text}");
}

// In an .ods workbook too, a percentage cell prints as the percentage it shows, with the
// decimals of its style; a number with a style of no decimals prints none.
#[test]
fn ods_percentages_print_as_shown() {
    let styles = r#"<number:percentage-style style:name="N1"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style><number:number-style style:name="N2"><number:number number:decimal-places="0"/></number:number-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/><style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>"#;
    let cell = |value: &str, kind: &str, style: &str| {
        format!(
            r#"<table:table-cell table:style-name="{style}" office:value-type="{kind}" office:value="{value}"><text:p>{value}</text:p></table:table-cell>"#
        )
    };
    let text =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let row = |cells: [String; 3]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let table = format!(
        r#"<table:table table:name="Ark1">{}{}{}</table:table>"#,
        row([text("Kommune"), text("Innbyggere"), text("Andel")]),
        row([text("Asker"), cell("56693", "float", "ce2"), cell("0.951", "percentage", "ce1")]),
        row([text("Hurum"), cell("9471.4", "float", "ce2"), cell("0.18", "percentage", "ce1")]),
    );
    let printed = build(&with_sheet("tabell.ods", &make::ods(styles, &table), ""));
    for expected in ["95,1 %", "18,0 %", "56 693", "9 471"] {
        assert!(printed.contains(expected), "`{expected}` printed: {printed}");
    }
    assert!(!printed.contains("0,951") && !printed.contains("9 471,4"), "{printed}");
}

// In an .ods workbook too, a formula stored without its value and a merged label are refused
// at their cells.
#[test]
fn ods_formulas_and_merged_labels_are_refused() {
    let text = |t: &str, span: &str| {
        format!(r#"<table:table-cell office:value-type="string"{span}><text:p>{t}</text:p></table:table-cell>"#)
    };
    let number = |v: &str| format!(r#"<table:table-cell office:value-type="float" office:value="{v}"/>"#);
    let formula = r#"<table:table-cell table:formula="of:=SUM([.B2])"/>"#;
    let sheet = |rows: [String; 3]| {
        let rows: String = rows.iter().map(|r| format!("<table:table-row>{r}</table:table-row>")).collect();
        make::ods("", &format!(r#"<table:table table:name="Ark1">{rows}</table:table>"#))
    };
    let header = format!("{}{}", text("Område", ""), text("Antall", ""));
    let with_formula = sheet([
        header.clone(),
        format!("{}{}", text("Asker", ""), number("5")),
        format!("{}{formula}", text("Sum", "")),
    ]);
    refused(
        &with_sheet("formel.ods", &with_formula, ""),
        "formel.ods:Ark1!B3: error: expected the value a formula computes, found the formula `=SUM([.B2])` stored without its value",
    );
    let merged = sheet([
        header,
        format!("{}{}", text("Asker", r#" table:number-rows-spanned="2""#), number("5")),
        format!("<table:covered-table-cell/>{}", number("7")),
    ]);
    refused(
        &with_sheet("flettet.ods", &merged, ""),
        "flettet.ods:Ark1!A2: error: expected one value in each cell of the table, found the cells A2:A3 merged",
    );
}

// A table-wide `unit = "%"`, `scale = 100` is refused for a column formatted as plain numbers,
// once for the column; each column may have its own settings.
#[test]
fn settings_are_per_column() {
    let project = with_sheet("tabell.xlsx", &staff_table(), "unit = \"%\"\nscale = 100\n");
    let (code, stderr) = check(&project);
    assert_eq!(code, 1, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "one diagnostic for the column: {stderr}");
    assert!(
        errors[0].contains("tabell.xlsx:Ark1!B2: error: expected the table-wide `unit = \"%\"` and `scale = 100` to hold for every number column, found `56693` in column `Innbyggere`"),
        "{stderr}"
    );
    let block =
        "unit = \"%\"\nscale = 100\ncolumn.Innbyggere = { unit = \"\", scale = 1 }\ncolumn.C = { decimals = 2 }\n";
    let text = build(&with_sheet("tabell.xlsx", &staff_table(), block));
    assert_printed(&text, &["95,10 %", "56 693", "18,00 %"]);
    refused(
        &with_sheet("tabell.xlsx", &staff_table(), "column.Folketall = { decimals = 1 }\n"),
        "expected `column.Folketall` to name a column of the range by its header or letter (`Kommune`, `Innbyggere`, `Andel`)",
    );
}

// `scale = 0` and `decimals = 11` are refused at their own line of the block.
#[test]
fn bad_settings_are_refused_at_their_line() {
    for (block, expected) in [
        ("scale = 0\n", "expected `scale` to be a number other than 0"),
        ("decimals = 11\n", "expected `decimals` from 0 to 10, found `11`"),
        ("column.B = { decimals = 200 }\n", "expected `decimals` from 0 to 10, found `200`"),
    ] {
        let stderr = refused(&with_sheet("tabell.xlsx", &staff_table(), block), expected);
        let line = stderr.lines().find(|l| l.contains(expected)).unwrap_or_else(|| panic!("{block}: {stderr}"));
        assert!(line.starts_with("data/mini/chapters/en.md:12:"), "at the setting's line: {line}");
    }
}

// A title above the table gives a hint to set `range`, not header-cell errors.
#[test]
fn a_title_row_asks_for_a_range() {
    let titled = xlsx(
        &rows(&[
            &[C::T("Befolkning 2023")],
            &[C::T("Kommune"), C::T("Innbyggere"), C::T("Andel")],
            &[C::T("Asker"), C::N(56693.0, THOUSANDS), C::N(0.951, PERCENT_1)],
        ]),
        "",
    );
    refused(
        &with_sheet("tittel.xlsx", &titled, ""),
        "found only `Befolkning 2023` in A1 (a title above the table?): set `range` to the table's cells, header first, e.g. `range = \"A2:C3\"`",
    );
    let text = build(&with_sheet("tittel.xlsx", &titled, "range = \"A2:C3\"\n"));
    assert!(text.contains("95,1 %"), "{text}");
}

// A title with a blank row (or a subtitle) under it: the `range` offered starts at the header
// row, not one row too early, and the range offered reads the table.
#[test]
fn the_range_offered_starts_at_the_header() {
    let titled = xlsx(
        &rows(&[
            &[C::T("Befolkning 2023")],
            &[],
            &[C::T("Kommune"), C::T("Innbyggere"), C::T("Andel")],
            &[C::T("Asker"), C::N(56693.0, THOUSANDS), C::N(0.951, PERCENT_1)],
        ]),
        "",
    );
    refused(&with_sheet("tittel.xlsx", &titled, ""), "header first, e.g. `range = \"A3:C4\"`");
    let text = build(&with_sheet("tittel.xlsx", &titled, "range = \"A3:C4\"\n"));
    assert!(text.contains("95,1 %"), "{text}");
}

// A formula stored without its value is an error at its cell, never an empty cell: with no
// value element, or with an empty one as openpyxl writes it.
#[test]
fn a_formula_without_its_value_is_refused() {
    for formula in [C::F("SUM(B2:B2)"), C::Fv("SUM(B2:B2)")] {
        let sheet =
            rows(&[&[C::T("Kommune"), C::T("Antall")], &[C::T("Asker"), C::N(5.0, GENERAL)], &[C::T("Sum"), formula]]);
        refused(
            &with_sheet("formel.xlsx", &xlsx(&sheet, ""), ""),
            "formel.xlsx:Ark1!B3: error: expected the value a formula computes, found the formula `=SUM(B2:B2)` stored without its value",
        );
    }
}

// A label merged over several rows is refused at its cell (the rows under it would have none).
#[test]
fn a_merged_label_is_refused() {
    let sheet =
        rows(&[&[C::T("Område"), C::T("Antall")], &[C::T("Asker"), C::N(5.0, GENERAL)], &[C::E, C::N(7.0, GENERAL)]]);
    let merged = xlsx(&sheet, r#"<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>"#);
    refused(
        &with_sheet("flettet.xlsx", &merged, ""),
        "flettet.xlsx:Ark1!A2: error: expected one value in each cell of the table, found the cells A2:A3 merged",
    );
}

// The header repeated inside the range is refused as in a CSV file, even when scaled.
#[test]
fn a_repeated_header_is_refused() {
    let sheet = rows(&[
        &[C::T("Kommune"), C::N(2021.0, GENERAL)],
        &[C::T("Asker"), C::N(0.5, GENERAL)],
        &[C::T("Kommune"), C::N(2021.0, GENERAL)],
        &[C::T("Hurum"), C::N(0.6, GENERAL)],
    ]);
    refused(
        &with_sheet("gjentatt.xlsx", &xlsx(&sheet, ""), "unit = \"%\"\nscale = 100\n"),
        "gjentatt.xlsx:Ark1!A3: error: expected a row of the table, found the header line again",
    );
}

/// The fixture with its key figures from a workbook of `bytes`, the block saying `block`.
fn with_key_figure_sheet(bytes: &[u8], block: &str) -> tempfile::TempDir {
    let project = fixture_project();
    let data = project.path().join("data/mini");
    fs::write(data.join("key-figures/en.xlsx"), bytes).unwrap();
    replace(
        &data.join("edition.toml"),
        "key-figures = \"key-figures/en.csv\"",
        "key-figures = \"key-figures/en.xlsx\"",
    );
    replace(&data.join("chapters/en.md"), "::: key-figures\n:::", &format!("::: key-figures\n{block}:::"));
    project
}

/// A key-figure sheet whose one figure row has `target` and the cells `figures`.
fn key_figure_sheet(target: C, figures: [C; 2]) -> Vec<u8> {
    let [first, second] = figures;
    xlsx(
        &rows(&[
            &[C::T("level"), C::T("text"), C::T("target"), C::N(2021.0, GENERAL), C::N(2022.0, GENERAL)],
            &[C::T("goal"), C::T("Et hovedmål.")],
            &[C::T("subgoal"), C::T("Et delmål.")],
            &[C::T("indicator"), C::T("Et nøkkeltall"), target, first, second],
        ]),
        "",
    )
}

// Key figures keep the workbook's decimals (`18,0 %`), and halves round away from zero (0,125
// shown as `0%` is 13 %, as the spreadsheet shows it).
#[test]
fn key_figures_keep_their_format() {
    let sheet = key_figure_sheet(C::T("> 10 %"), [C::N(0.18, PERCENT_1), C::N(0.125, PERCENT_0)]);
    let text = build(&with_key_figure_sheet(&sheet, ""));
    assert!(text.contains("18,0 %") && text.contains("13 %"), "{text}");
    assert!(!text.contains("12 %"), "{text}");
}

// With `percent-as-fraction = true`, a fraction in a row whose target gives no unit is
// refused at its cell (a percent or a number of its own), never printed as `0,151`.
#[test]
fn a_fraction_without_a_unit_is_refused() {
    let sheet = key_figure_sheet(C::E, [C::N(0.151, GENERAL), C::N(0.16, GENERAL)]);
    let project = with_key_figure_sheet(&sheet, "percent-as-fraction = true\n");
    refused(&project, "en.xlsx:Ark1!D4: error: expected the row's target to give the figure's unit");
    // Formatted as percent, the cell says it.
    let sheet = key_figure_sheet(C::E, [C::N(0.151, PERCENT_1), C::N(0.16, PERCENT_1)]);
    let text = build(&with_key_figure_sheet(&sheet, "percent-as-fraction = true\n"));
    assert!(text.contains("15,1 %") && text.contains("16,0 %"), "{text}");
}

// A number printed with fewer decimals than it has rounds half away from zero (a workbook's
// `decimals = 0`: 12,5 % → 13 %).
#[test]
fn halves_round_away_from_zero() {
    let sheet = rows(&[&[C::T("Kommune"), C::T("Andel")], &[C::T("Asker"), C::N(0.125, PERCENT_1)]]);
    let text = build(&with_sheet("runde.xlsx", &xlsx(&sheet, ""), "column.B = { decimals = 0 }\n"));
    assert!(text.contains("13 %"), "{text}");
    assert!(!text.contains("12 %"), "{text}");
}

/// The fixture with its table's CSV text replaced by `csv`, the block saying `block` too.
fn with_csv(csv: &str, block: &str) -> tempfile::TempDir {
    let project = fixture_project();
    fs::write(project.path().join("data/mini/tables/en/tabell.csv"), csv).unwrap();
    let chapter = project.path().join("data/mini/chapters/en.md");
    replace(&chapter, "file = \"tables/en/tabell.csv\"\n", &format!("file = \"tables/en/tabell.csv\"\n{block}"));
    project
}

// A «Sum» row that is not the sum of the rows above it is an error at its cell, unless the
// block says it is no sum.
#[test]
fn a_sum_row_equals_its_rows() {
    let csv = "Kommune;2021;2022\nHurum;53;66,4\nAsker;10;7\nSum;63;70\n";
    let stderr = refused(&with_csv(csv, ""), "in the sum row `Sum`");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "only 2022 is wrong: {stderr}");
    assert!(errors[0].starts_with("data/mini/tables/en/tabell.csv:4:8: error: expected the sum of the 2 row(s) above, 73,4, in the sum row `Sum` (within ±1,05, the rounding of the printed numbers), found `70`"), "{stderr}");
    let (_, _, long) = rapport(with_csv(csv, "").path(), &["check", "--edition", "mini"]);
    assert!(long.contains("not-sums = [\"Sum\"]"), "the hint says how: {long}");
    // Within the rounding of the printed numbers (66,4 + 7 = 73,4 shown as 73), and when the
    // block says the row is no sum, it passes.
    let (code, stderr) = check(&with_csv("Kommune;2021;2022\nHurum;53;66,4\nAsker;10;7\nSum;63;73\n", ""));
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = check(&with_csv(csv, "not-sums = [\"Sum\"]\n"));
    assert_eq!(code, 0, "{stderr}");
}

// A total row named in any case, with trailing punctuation or in other Norwegian words (`SUM …`,
// `Sum:`, `TOTALT`, `I alt`, `Til sammen`) is checked; `Samlet` or `Asker totalt` that do not
// add up are refused until the block says `sum-rows` or `not-sums`.
#[test]
fn total_rows_in_any_wording_are_checked() {
    for label in ["SUM gjennomført omstilling", "sum", "Sum:", "TOTALT", "I alt", "Til sammen"] {
        let csv = format!("Kommune;2021\nHurum;90\nAsker;100\n{label};290\n");
        refused(&with_csv(&csv, ""), "expected the sum of the 2 row(s) above, 190");
    }
    for label in ["Samlet", "Asker totalt"] {
        let csv = format!("Kommune;2021\nHurum;90\nAsker;100\n{label};290\n");
        let stderr = refused(&with_csv(&csv, ""), &format!("expected the row `{label}`, named like a sum or not"));
        let (_, _, long) = rapport(with_csv(&csv, "").path(), &["check", "--edition", "mini"]);
        assert!(long.contains(&format!("sum-rows = [\"{label}\"]")), "{stderr}");
        let (code, stderr) = check(&with_csv(&csv, &format!("not-sums = [\"{label}\"]\n")));
        assert_eq!(code, 0, "{stderr}");
        refused(&with_csv(&csv, &format!("sum-rows = [\"{label}\"]\n")), "expected the sum of the 2 row(s) above, 190");
        // When its numbers add up, it is a sum.
        let (code, stderr) = check(&with_csv(&csv.replace("290", "190"), ""));
        assert_eq!(code, 0, "{stderr}");
    }
}

// The shares of a donut add up to 100 % within rounding; 80 % or 208 % are refused.
#[test]
fn donut_shares_add_up_to_a_whole() {
    for (csv, total) in
        [("Kjønn;2023\nKvinner;50 %\nMenn;30 %\n", "80,0 %"), ("Kjønn;2023\nKvinner;108 %\nMenn;100 %\n", "208,0 %")]
    {
        refused(
            &with_csv(csv, "chart = \"donut\"\n"),
            &format!(
                "error: expected the 2 shares of this donut chart (parts of one whole) to add up to 100 %, within the rounding of each, found {total}"
            ),
        );
    }
    let (code, stderr) = check(&with_csv("Kjønn;2023\nKvinner;76 %\nMenn;24,4 %\n", "chart = \"donut\"\n"));
    assert_eq!(code, 0, "{stderr}");
}

/// `xml` with one of the changes a hostile workbook makes: a number made huge, negative or
/// zero; a slice repeated or cut out.
fn mutate_xml(rng: &mut crate::no_panics::Random, xml: &str) -> String {
    let bytes = xml.as_bytes();
    let at = rng.below(bytes.len());
    let len = 1 + rng.below(40);
    let end = (at + len).min(bytes.len());
    let (before, slice, after) = (&xml[..at], &xml[at..end], &xml[end..]);
    if !xml.is_char_boundary(at) || !xml.is_char_boundary(end) {
        return xml.to_string();
    }
    match rng.below(4) {
        0 => {
            // The next number after `at`, replaced.
            let Some(start) = after.find(|c: char| c.is_ascii_digit()) else { return xml.to_string() };
            let digits = after[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len() - start);
            let huge = ["1048576", "4294967295", "18446744073709551616", "16384", "0", "-1", "99999999"][rng.below(7)];
            format!("{before}{slice}{}{huge}{}", &after[..start], &after[start + digits..])
        }
        1 => format!("{before}{}{after}", slice.repeat(1 + rng.below(50))),
        2 => format!("{before}{after}"),
        _ => format!("{before}{slice}<c r=\"XFD1048576\"><v>1</v></c>{after}"),
    }
}

// The fuzz test of issue 31: workbooks of every kind, their XML or bytes changed at random
// (huge cell names and repeat counts, cut or repeated parts), are read or refused with a
// message: no panic, no abort, no allocation past the limits (the test would die).
#[test]
fn fuzz_workbooks_are_read_or_refused() {
    use rapport::inputs::workbook::{SheetSpec, read_sheet};
    let mut rng = crate::no_panics::Random(0x0031_2026_f00d_cafe);
    let sheet = rows(&[
        &[C::T("Kommune"), C::T("Innbyggere"), C::T("Andel")],
        &[C::T("Asker"), C::N(56693.0, THOUSANDS), C::N(0.951, PERCENT_1)],
        &[C::T("Sum"), C::F("SUM(B2:B2)"), C::N(0.5, PERCENT_0)],
    ]);
    let merged = r#"<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>"#;
    let ods_table = r#"<table:table table:name="Ark1"><table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="percentage" office:value="0.5" table:number-columns-repeated="4"/><table:table-cell table:number-columns-repeated="2"/></table:table-row><table:table-row><table:table-cell table:formula="of:=1+1" table:number-rows-spanned="2"/></table:table-row></table:table>"#;
    let xls = make::xls_with(0, 3, false, &[(0, 0, C::T("Kommune")), (1, 1, C::N(0.5, PERCENT_1))]);
    let spec = SheetSpec { header_rows: 1, ..SheetSpec::default() };
    for i in 0..400 {
        let bytes = match i % 4 {
            0 => xlsx(&mutate_xml(&mut rng, &sheet), merged),
            1 => xlsx(&sheet, &mutate_xml(&mut rng, merged)),
            2 => make::ods("", &mutate_xml(&mut rng, ods_table)),
            _ => {
                let mut bytes = xls.clone();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(bytes.len());
                    bytes[at] = [0xFF, 0x00, 0x7F, 0xFE][rng.below(4)];
                }
                bytes
            }
        };
        let read = std::panic::catch_unwind(|| read_sheet(&bytes, &spec).map(|_| ()));
        assert!(read.is_ok(), "case {i} panicked");
        if let Ok(Err(problems)) = read {
            assert!(!problems.is_empty() && problems.len() <= 21, "case {i}: {problems:?}");
        }
    }
}

// A workbook whose XML declares a DTD is refused by name, saying why, not as a file whose
// format cannot be detected.
#[test]
fn a_workbook_with_a_dtd_is_refused_saying_so() {
    let dtd = make::with_changed_member(&staff_table(), "xl/worksheets/sheet1.xml", |xml| {
        let xml = String::from_utf8(xml).unwrap().replacen(">Asker<", ">&a;<", 1);
        xml.replacen("?>", "?><!DOCTYPE worksheet [<!ENTITY a \"Asker\">]>", 1).into_bytes()
    });
    let stderr = refused(&with_sheet("tabell.xlsx", &dtd, ""), "tables/en/tabell.xlsx");
    assert!(!stderr.contains("Cannot detect file format"), "{stderr}");
    assert!(stderr.contains("DTD") && stderr.contains("xl/worksheets/sheet1.xml"), "{stderr}");
}

// A `scale` that passes as a number but makes every cell's number overflow or vanish
// (`1e300`, `1e-300`) is one error at the setting's line, not one at every cell.
#[test]
fn a_scale_out_of_all_measure_is_refused_once_at_its_line() {
    for block in ["scale = 1e300\n", "column.B = { scale = 1e-300 }\n"] {
        let (code, stderr) = check(&with_sheet("tabell.xlsx", &staff_table(), block));
        assert_eq!(code, 1, "{block}: {stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(errors.len(), 1, "{block}: one error, found: {stderr}");
        assert!(
            errors[0].starts_with("data/mini/chapters/en.md:12:") && errors[0].contains("`scale`"),
            "{block}: at the setting's line: {stderr}"
        );
    }
}

/// A workbook as the staff trial's: a share (`Andel`, 0,951) and a population (`Innbyggere`,
/// 56 693), both in Excel's «General» format.
fn general_table() -> Vec<u8> {
    kommune_table(["Andel", "Innbyggere"], [GENERAL, GENERAL], [0.951, 56693.0], [0.18, 9471.0])
}

// A table-wide unit or scale over columns it does not fit (a population beside a share, both
// «General») is refused at the column with how to give it its own settings, never printed as
// `5 669 300 %` or `56 693 %`; given per column, both print right.
#[test]
fn a_table_wide_unit_over_unlike_columns_is_refused() {
    for block in ["unit = \"%\"\nscale = 100\n", "unit = \"%\"\n"] {
        let stderr = refused(
            &with_sheet("tabell.xlsx", &general_table(), block),
            "in column `Innbyggere`, whose cells do not show it",
        );
        assert!(stderr.contains("tabell.xlsx:Ark1!C2: error:"), "{block}: at the column's first number: {stderr}");
        assert!(stderr.contains("`column.\"Innbyggere\" = { unit = \"\", scale = 1 }` for plain numbers"), "{stderr}");
    }
    let text = build(&with_sheet(
        "tabell.xlsx",
        &general_table(),
        "column.Andel = { unit = \"%\", scale = 100 }\ncolumn.Innbyggere = { unit = \"\", scale = 1 }\n",
    ));
    assert_printed(&text, &["95,1 %", "56 693", "18 %"]);
    assert!(!text.contains("5 669 300") && !text.contains("56 693 %"), "{text}");
}

/// A table of kroner (`#,##0\ "kr"`), millions (`0.0 "mill. kr"`) and kroner shown in
/// millions (`#,##0.0,, "mill.kr"`).
fn unit_formats() -> Vec<u8> {
    xlsx(
        &rows(&[
            &[C::T("Post"), C::T("Beløp"), C::T("Budsjett"), C::T("Regnskap")],
            &[C::T("Drift"), C::N(12000.0, KRONER), C::N(12.5, MILLIONS), C::N(1_234_567_890.0, IN_MILLIONS)],
        ]),
        "",
    )
}

// A unit the cell's number format shows is printed, in the report's spelling (and a format's
// division by thousands applied), never dropped; a column that says another unit is refused.
#[test]
fn a_unit_in_the_cell_format_is_printed() {
    let text = build(&with_sheet("tabell.xlsx", &unit_formats(), ""));
    assert_printed(&text, &["12 000 kr", "12,5 mill. kr", "1 234,6 mill. kr"]);
    refused(
        &with_sheet("tabell.xlsx", &unit_formats(), "column.B = { unit = \"%\" }\n"),
        "tabell.xlsx:Ark1!B2: error: expected the cells of column `Beløp` in `%`, as the block says, found a cell the workbook shows in `kr`",
    );
}

// A percent-formatted cell among plain numbers is refused at the cell, not added into them.
#[test]
fn a_percent_cell_among_numbers_is_refused() {
    let sheet = xlsx(
        &rows(&[
            &[C::T("Kommune"), C::T("Innbyggere")],
            &[C::T("Asker"), C::N(56693.0, THOUSANDS)],
            &[C::T("Hurum"), C::N(0.18, PERCENT_1)],
            &[C::T("Røyken"), C::N(9471.0, THOUSANDS)],
        ]),
        "",
    );
    refused(
        &with_sheet("tabell.xlsx", &sheet, ""),
        "tabell.xlsx:Ark1!B3: error: expected no unit as the other numbers in this column, found `%`",
    );
}

// A CSV column of amounts with `30 %` among them is refused at that cell; a row that is a
// measure of its own (all its cells in `%`) is not.
#[test]
fn mixed_units_in_a_column_are_refused() {
    let csv = "Post;Beløp\nA;80\nB;30 %\nC;35,5\n";
    refused(
        &with_csv(csv, ""),
        "tabell.csv:3:3: error: expected no unit as the other numbers in this column, found `%`",
    );
    let (code, stderr) =
        check(&with_csv("Område;2021;2022\nInnbyggere;56 693;57 000\nAndel;12 %;13 %\nNye;10;12\n", ""));
    assert_eq!(code, 0, "{stderr}");
}

// An empty part under a «Sum» row (a figure left out, or nothing?) is refused at its cell,
// unless the block says the row's empty cells mean nothing.
#[test]
fn an_empty_part_of_a_sum_is_refused() {
    let csv = "Kommune;2021;2022\nHurum;53;\nAsker;10;7\nSum;63;7\n";
    refused(
        &with_csv(csv, ""),
        "tabell.csv:2:10: error: expected a number in the row `Hurum`, a part of the sum row `Sum` below it, found an empty cell",
    );
    let (code, stderr) = check(&with_csv(csv, "empty-parts = [\"Hurum\"]\n"));
    assert_eq!(code, 0, "{stderr}");
}

// Four-digit numbers follow one rule in CSV files and workbooks: grouped in every table
// column (`1 250`, `9 783` over `56 693`), however typed (`1250` or `1 250`).
#[test]
fn four_digit_numbers_follow_one_rule() {
    let text = build(&with_csv("Kommune;Antall;Innbyggere\nAsker;1250;9783\nHurum;980;56 693\n", ""));
    assert_printed(&text, &["1 250", "9 783", "56 693"]);
    assert!(!text.contains("1250"), "{text}");
    let sheet = kommune_table(["Antall", "Innbyggere"], [GENERAL, GENERAL], [1250.0, 9783.0], [980.0, 56693.0]);
    let text = build(&with_sheet("tabell.xlsx", &sheet, ""));
    assert_printed(&text, &["1 250", "9 783", "56 693"]);
    assert!(!text.contains("1250"), "{text}");
}

// A column with its own `column."…"` settings takes nothing from the table-wide ones: a kroner
// column beside a table-wide `unit = "%"`, `scale = 100` prints 1 200 kr as Excel shows it,
// never 120 000 kr; the hint for such a column names the unit its cells show.
#[test]
fn a_column_of_its_own_does_not_inherit_the_table_scale() {
    let sheet = || kommune_table(["Andel", "Beløp"], [PERCENT_1, KRONER], [0.951, 1200.0], [0.18, 350.0]);
    let text = build(&with_sheet(
        "tabell.xlsx",
        &sheet(),
        "unit = \"%\"\nscale = 100\ncolumn.\"Beløp\" = { unit = \"kr\" }\n",
    ));
    assert_printed(&text, &["1 200 kr", "350 kr", "95,1 %"]);
    assert!(!text.contains("120 000") && !text.contains("35 000"), "{text}");
    let stderr = refused(&with_sheet("tabell.xlsx", &sheet(), "unit = \"%\"\nscale = 100\n"), "in column `Beløp`");
    assert!(stderr.contains("`column.\"Beløp\" = { unit = \"kr\" }`, the unit its cells show"), "{stderr}");
    assert!(!stderr.contains("unit = \"\", scale = 1"), "{stderr}");
    let stderr = refused(
        &with_sheet("tabell.xlsx", &sheet(), "column.\"Beløp\" = { unit = \"\" }\n"),
        "expected the cells of column `Beløp` without a unit, as the block says",
    );
    assert!(!stderr.contains("in ``"), "no empty backticks: {stderr}");
}

// Percentages typed as percentages (95, 88,5 in «General» cells) under `scale = 100` are
// refused at the cell, never printed as 9500 %, whether the scale is the column's or the
// table's; a population column is never offered `{ unit = "%", scale = 100 }`.
#[test]
fn percentages_under_scale_100_are_refused() {
    let two = kommune_table(["Andel", "Innbyggere"], [GENERAL, GENERAL], [95.0, 56693.0], [88.5, 9471.0]);
    let stderr = refused(
        &with_sheet(
            "tabell.xlsx",
            &two,
            "column.Andel = { unit = \"%\", scale = 100 }\ncolumn.Innbyggere = { unit = \"\", scale = 1 }\n",
        ),
        "tabell.xlsx:Ark1!B2: error: expected shares stored as fractions from −1 to 1 in column `Andel`",
    );
    assert!(
        stderr.contains(
            "the numbers look like percentages already (95): remove `scale = 100`, or store them as fractions (0,95)"
        ),
        "{stderr}"
    );
    let one = xlsx(
        &rows(&[
            &[C::T("Kommune"), C::T("Andel")],
            &[C::T("Asker"), C::N(95.0, GENERAL)],
            &[C::T("Hurum"), C::N(88.5, GENERAL)],
        ]),
        "",
    );
    refused(
        &with_sheet("tabell.xlsx", &one, "unit = \"%\"\nscale = 100\n"),
        "tabell.xlsx:Ark1!B2: error: expected shares stored as fractions from −1 to 1 in column `Andel`",
    );
    let stderr =
        refused(&with_sheet("tabell.xlsx", &general_table(), "unit = \"%\"\nscale = 100\n"), "in column `Innbyggere`");
    assert!(!stderr.contains("column.\"Innbyggere\" = { unit = \"%\", scale = 100 }"), "{stderr}");
    // A weighted average's long tail (92,6333…) is named as stored, never as nothing.
    let long = xlsx(&rows(&[&[C::T("Kommune"), C::T("Andel")], &[C::T("Sum"), C::N(277.9 / 3.0, GENERAL)]]), "");
    let stderr = refused(&with_sheet("tabell.xlsx", &long, "unit = \"%\"\nscale = 100\n"), "found `92,6333333333333");
    assert!(!stderr.contains("found ``") && !stderr.contains("()"), "{stderr}");
}

// Emptying a part's figure above a «Sum» row (one number column: the row reads as a heading)
// is refused at that cell, never leaving the sum unchecked; a sum row with nothing above it
// to add up is an error too.
#[test]
fn an_emptied_part_above_a_sum_is_refused() {
    let csv = "Kommune;2022\nHurum;80\nRøyken;80\nAsker;\nSum;190\n";
    refused(
        &with_csv(csv, ""),
        "tabell.csv:4:7: error: expected a number in the row `Asker`, a part of the sum row `Sum` below it, found an empty cell",
    );
    refused(
        &with_csv(csv, "empty-parts = [\"Asker\"]\n"),
        "expected the sum of the 2 row(s) above, 160, in the sum row `Sum`",
    );
    let (code, stderr) = check(&with_csv("Kommune;2022\nHurum;80\nRøyken;80\nAsker;30\nSum;190\n", ""));
    assert_eq!(code, 0, "{stderr}");
    refused(
        &with_csv("Kommune;2022\nSum;190\n", ""),
        "tabell.csv:2:1: error: expected the rows the sum row `Sum` adds up above it, found none",
    );
}

// A number without `%` among percentages (`0,9` or `90` among `95,1 %`) can be read two ways
// and is refused at its cell, with both readings, in a CSV table and in a workbook (a General
// cell among cells formatted as percent), even beside a column of counts; a bare `0`, an
// empty cell and a status word still pass.
#[test]
fn a_number_without_percent_among_percentages_is_refused() {
    let project = with_csv("Kommune;Andel;Innbyggere\nAsker;95,1 %;56 693\nHurum;0,9;9 471\nRøyken;88 %;10 000\n", "");
    refused(
        &project,
        "tabell.csv:3:7: error: expected a percentage (`%`) as the other numbers in this column, found `0,9` without `%`",
    );
    assert!(with_hints(&project).contains("write `0,9 %` or `90 %`"));
    let project = with_csv("Kommune;Andel\nAsker;95,1 %\nHurum;90\nRøyken;88 %\n", "");
    refused(&project, "tabell.csv:3:7: error:");
    assert!(with_hints(&project).contains("write `90 %` if it is a percentage"));
    let (code, stderr) = check(&with_csv(
        "Kommune;Andel;Innbyggere\nAsker;95,1 %;56 693\nHurum;0;9 471\nRøyken;;10 000\nBø;Ikke målt;500\n",
        "",
    ));
    assert_eq!(code, 0, "{stderr}");
    let sheet = xlsx(
        &rows(&[
            &[C::T("Kommune"), C::T("Andel"), C::T("Innbyggere")],
            &[C::T("Asker"), C::N(0.951, PERCENT_1), C::N(56693.0, THOUSANDS)],
            &[C::T("Hurum"), C::N(0.9, GENERAL), C::N(9471.0, THOUSANDS)],
            &[C::T("Røyken"), C::N(0.88, PERCENT_1), C::N(10000.0, THOUSANDS)],
        ]),
        "",
    );
    let project = with_sheet("tabell.xlsx", &sheet, "");
    refused(
        &project,
        "tabell.xlsx:Ark1!B3: error: expected a percentage (`%`) as the other numbers in this column, found `0,9` without `%`",
    );
    assert!(with_hints(&project).contains("format the cell as percent"));
}

// A column headed as shares or percent («Andel», «Prosent», «%») whose numbers all lie from 0
// to 1 with no unit (`0,874`: a fraction, or 0,874 %?) is refused at its first such cell, with
// how to say it: in a workbook its cells formatted as percent or the column's unit and scale;
// once the column says its unit, it prints.
#[test]
fn a_share_column_of_fractions_is_refused() {
    let sheet = || kommune_table(["Andel", "Innbyggere"], [GENERAL, THOUSANDS], [0.874, 56693.0], [0.18, 9471.0]);
    let project = with_sheet("tabell.xlsx", &sheet(), "");
    let stderr = refused(
        &project,
        "tabell.xlsx:Ark1!B2: error: expected percentages in the column `Andel` (its header says shares or percent), found only numbers from 0 to 1 without a unit, such as `0,874`",
    );
    assert!(with_hints(&project).contains("`column.\"Andel\" = { unit = \"%\", scale = 100 }`"));
    assert_eq!(stderr.matches("expected percentages in the column").count(), 1, "once per column: {stderr}");
    let text = build(&with_sheet("tabell.xlsx", &sheet(), "column.Andel = { unit = \"%\", scale = 100 }\n"));
    assert_printed(&text, &["87,4 %", "18 %"]);
    for head in ["Prosent", "%", "Andel innbyggere"] {
        let project = with_csv(&format!("Kommune;{head}\nAsker;0,874\nHurum;0,18\n"), "");
        refused(&project, "tabell.csv:2:7: error: expected percentages in the column");
        assert!(with_hints(&project).contains("`87,4 %` if `0,874` is a fraction"), "{head}");
    }
    let (code, stderr) = check(&with_csv("Kommune;Andel\nAsker;87,4 %\nHurum;18 %\n", ""));
    assert_eq!(code, 0, "{stderr}");
}

/// `rapport check` of the mini edition in the human format, hints included: its stderr.
fn with_hints(project: &tempfile::TempDir) -> String {
    let (_, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    print!("{stderr}");
    stderr
}

// With `percent-as-fraction = true`, a percentage typed as a number (97,4 for 97,4 %) is
// refused at every cell that holds one, never printed as `9 740 %`; formatted as percent, a
// share over 100 % still prints.
#[test]
fn a_percentage_among_fractions_is_refused_at_every_cell() {
    let sheet = key_figure_sheet(C::T("> 90 %"), [C::N(97.4, GENERAL), C::N(98.1, GENERAL)]);
    let project = with_key_figure_sheet(&sheet, "percent-as-fraction = true\n");
    let stderr = refused(&project, "en.xlsx:Ark1!D4: error: expected a fraction from −1 to 1 (0,974 for 97,4 %)");
    assert!(stderr.contains("en.xlsx:Ark1!E4: error: expected a fraction from −1 to 1 (0,981 for 98,1 %)"), "{stderr}");
    assert!(!build_text(&project).contains("9740"), "never printed a hundredfold");
    let sheet = key_figure_sheet(C::T("> 90 %"), [C::N(0.974, GENERAL), C::N(1.05, PERCENT_0)]);
    let text = build(&with_key_figure_sheet(&sheet, "percent-as-fraction = true\n"));
    assert!(text.contains("97,4 %") && text.contains("105 %"), "{text}");
}

// Fractions in General cells have no decimals of their own: a row's figures share the most
// any of them has (`18,0 %` beside `15,1 %`, as the CSV had it), never rounded.
#[test]
fn general_fractions_share_their_rows_decimals() {
    let sheet = key_figure_sheet(C::T("> 10 %"), [C::N(0.18, GENERAL), C::N(0.151, GENERAL)]);
    let text = build(&with_key_figure_sheet(&sheet, "percent-as-fraction = true\n"));
    assert!(text.contains("18,0 %") && text.contains("15,1 %"), "{text}");
}

// With `percent-as-fraction = true`, a fraction ten times or more off its row's others is
// refused, as it could be read two ways (`-0,7` typed for −0,7 % would print −70 %, `0,0974`
// for 97,4 % would print 9,74 %); formatted as percent, it prints as it shows.
#[test]
fn a_fraction_far_off_its_row_is_refused() {
    let row = |last: C| {
        xlsx(
            &rows(&[
                &[
                    C::T("level"),
                    C::T("text"),
                    C::T("target"),
                    C::N(2020.0, GENERAL),
                    C::N(2021.0, GENERAL),
                    C::N(2022.0, GENERAL),
                ],
                &[C::T("goal"), C::T("Et hovedmål.")],
                &[C::T("subgoal"), C::T("Et delmål.")],
                &[
                    C::T("indicator"),
                    C::T("Et nøkkeltall"),
                    C::T("> 1 %"),
                    C::N(0.021, GENERAL),
                    C::N(0.034, GENERAL),
                    last,
                ],
            ]),
            "",
        )
    };
    // (The mini edition's years, one more: three figures to a row.)
    let with_sheet = |sheet: &[u8]| {
        let project = with_key_figure_sheet(sheet, "percent-as-fraction = true\n");
        replace(&project.path().join("data/mini/edition.toml"), "years = [2021, 2022]", "years = [2020, 2021, 2022]");
        project
    };
    let project = with_sheet(&row(C::N(-0.7, GENERAL)));
    let stderr =
        refused(&project, "en.xlsx:Ark1!F4: error: expected a fraction near the row's other figures (2,1 % to 3,4 %)");
    assert!(
        stderr.contains("if you meant -0,7 %, type -0,007") || stderr.contains("if you meant −0,7 %, type −0,007"),
        "{stderr}"
    );
    assert!(!build_text(&project).contains("70%"), "never printed a hundredfold");
    refused(&with_sheet(&row(C::N(0.0015, GENERAL))), "times smaller");
    let text = build(&with_sheet(&row(C::N(-0.7, PERCENT_0))));
    assert!(text.contains("70 %"), "formatted as percent, it is read as it shows: {text}");
    let text = build(&with_sheet(&row(C::N(0.045, GENERAL))));
    assert!(text.contains("4,5 %"), "{text}");
}

// The same problem at several cells of a key-figure sheet names every one of them, not only
// the first.
#[test]
fn a_repeated_problem_names_every_cell() {
    let sheet = key_figure_sheet(C::T("> 10 %"), [C::N(15.1, GENERAL), C::N(16.0, GENERAL)]);
    let stderr = refused(
        &with_key_figure_sheet(&sheet, ""),
        "en.xlsx:Ark1!D4: error: expected the `::: key-figures` block to say how the workbook stores percent figures",
    );
    assert!(stderr.contains("(and at 1 more cells: E4)"), "{stderr}");
}

/// The text of the mini edition's PDF after `rapport build`, whatever the build's outcome.
fn build_text(project: &tempfile::TempDir) -> String {
    rapport(project.path(), &["build", "--edition", "mini"]);
    let pdf = project.path().join("out/testrapport.pdf");
    if pdf.exists() {
        crate::common::normalise(&pdftotext(&pdf, false)).replace([' ', '\u{a0}', '\u{202f}'], "")
    } else {
        String::new()
    }
}

// Rows and columns hidden in an .xlsx or .ods workbook are refused, naming them, never printed
// though the sheet does not show them; a `range` that leaves them out reads.
#[test]
fn hidden_rows_and_columns_are_refused() {
    let data = rows(&[
        &[C::T("Kommune"), C::T("Antall")],
        &[C::T("Asker"), C::N(5.0, GENERAL)],
        &[C::T("Gammel"), C::N(7.0, GENERAL)],
        &[C::T("Hurum"), C::N(9.0, GENERAL)],
    ]);
    let hidden_row = data.replace(r#"<row r="3">"#, r#"<row r="3" hidden="1">"#);
    refused(
        &with_sheet("skjult.xlsx", &xlsx(&hidden_row, ""), ""),
        "skjult.xlsx:Ark1!A3: error: expected every row of the range to be visible, found hidden rows in the sheet: 3 (",
    );
    refused(
        &with_sheet("skjult.xlsx", &xlsx(&data, r#"<cols><col min="2" max="2" hidden="1"/></cols>"#), ""),
        "skjult.xlsx:Ark1!B1: error: expected every column of the range to be visible, found hidden columns in the sheet: B (",
    );
    let text = build(&with_sheet("skjult.xlsx", &xlsx(&hidden_row, ""), "range = \"A1:B2\"\n"));
    assert!(text.contains("Asker") && !text.contains("Gammel"), "{text}");
    let cell =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let number = |v: &str| format!(r#"<table:table-cell office:value-type="float" office:value="{v}"/>"#);
    let table = format!(
        r#"<table:table table:name="Ark1"><table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row><table:table-row table:visibility="collapse">{}{}</table:table-row></table:table>"#,
        cell("Kommune"),
        cell("Antall"),
        cell("Asker"),
        number("5"),
        cell("Gammel"),
        number("7")
    );
    refused(
        &with_sheet("skjult.ods", &make::ods("", &table), ""),
        "skjult.ods:Ark1!A3: error: expected every row of the range to be visible, found hidden rows in the sheet: 3 (",
    );
}
