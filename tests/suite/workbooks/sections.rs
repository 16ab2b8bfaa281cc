//! Issue 30, C4: number formats of several sections (`positive;negative;zero;text`, and
//! conditions such as `[>=1000]`) are read section by section, so a number never prints with
//! the first section's decimals, percent or unit when another section shows it; sections that
//! disagree on what the number is are refused at the cell until the column says it. And a
//! column of fractions may say that values over 100 % are meant (`over-100 = true`).

use super::make::{C, GENERAL, rows, xlsx, xlsx_codes};
use super::{assert_printed, build, check, refused, with_key_figure_sheet, with_sheet};

/// `rapport check` of the mini edition under a Norwegian locale: its stderr, after checking
/// that it failed.
fn check_in_bokmal(project: &tempfile::TempDir) -> String {
    let (code, _, stderr) = crate::common::rapport_in(
        project.path(),
        &["check", "--edition", "mini", "--diagnostic-format", "short"],
        "nb_NO.UTF-8",
    );
    assert_eq!(code, 1, "{stderr}");
    stderr
}

/// A sheet of `Kommune` and the columns `heads`, one row per entry of `body` (its label and
/// its cells), each number cell of style `n` formatted with `codes[n - 1]`.
fn coded(codes: &[&str], heads: &[&str], body: &[(&str, Vec<C>)]) -> Vec<u8> {
    let header: Vec<C> = std::iter::once(C::T("Kommune")).chain(heads.iter().map(|h| C::T(h))).collect();
    let body: Vec<Vec<C>> = body
        .iter()
        .map(|(label, cells)| {
            let cells = cells.iter().map(|c| match c {
                C::N(n, s) => C::N(*n, *s),
                C::T(t) => C::T(t),
                _ => C::E,
            });
            std::iter::once(C::T(label)).chain(cells).collect()
        })
        .collect();
    let all: Vec<&[C]> = std::iter::once(header.as_slice()).chain(body.iter().map(Vec::as_slice)).collect();
    xlsx_codes(&rows(&all), codes)
}

// Every section of a format is read for the numbers it shows: a condition's decimals
// (`[>=1000]#,##0;0.0`: 12,3, not 12), a red negative percent section, a minus typed as text
// in a negative section (`[<0]"−"0;0`: no unit `−`), and `%` typed as text (95,1 shows
// `95.1 %`: a percentage already, printed as such, not dropped).
#[test]
fn every_section_of_a_format_is_read() {
    let codes = ["[>=1000]#,##0;0.0", "0.0%;[Red]-0.0%", "[<0]\"−\"0;0", "0.0\\ \"%\""];
    let sheet = coded(
        &codes,
        &["Antall", "Endring", "Saldo", "Dekning"],
        &[
            ("Asker", vec![C::N(56693.0, 1), C::N(0.951, 2), C::N(-5.0, 3), C::N(95.1, 4)]),
            ("Hurum", vec![C::N(12.34, 1), C::N(-0.042, 2), C::N(7.0, 3), C::N(88.0, 4)]),
            ("Røyken", vec![C::N(1250.0, 1), C::N(0.0, 2), C::N(0.0, 3), C::N(100.0, 4)]),
        ],
    );
    let text = build(&with_sheet("seksjoner.xlsx", &sheet, ""));
    assert_printed(&text, &["56 693", "12,3", "1 250", "95,1 %", "−4,2 %", "0,0 %", "−5", "88,0 %", "100,0 %"]);
}

// Four sections (positive; negative; zero; text): the zero section's dash shows a zero, printed
// as 0 in the column's unit; the text section is no unit; text cells stay text.
#[test]
fn four_sections_read_as_the_workbook_shows_them() {
    let codes = ["0.0%;-0.0%;\"–\";@", "#,##0\\ \"kr\";\\-#,##0\\ \"kr\";\"-\"\\ \"kr\";\"Merk: \"@"];
    let sheet = coded(
        &codes,
        &["Andel", "Beløp"],
        &[
            ("Asker", vec![C::N(0.5, 1), C::N(1200.0, 2)]),
            ("Hurum", vec![C::N(0.0, 1), C::N(0.0, 2)]),
            ("Røyken", vec![C::N(-0.25, 1), C::N(-350.0, 2)]),
            ("Bjerke", vec![C::T("Ikke målt"), C::T("Ikke målt")]),
        ],
    );
    let text = build(&with_sheet("fire.xlsx", &sheet, ""));
    assert_printed(&text, &["50,0 %", "0,0 %", "−25,0 %", "1 200 kr", "0 kr", "−350 kr", "Ikke målt"]);
    assert!(!text.contains("Merk"), "{text}");
}

// Sections that disagree on what the number is (a percent in the second section only, or only
// under a condition; two units) are refused at the cell, saying what the column's settings
// would make of it, never printed by the first section's reading (`0.0;0%` printed 0,3 for a
// share of 25 %); the column's own settings settle it.
#[test]
fn sections_that_disagree_are_refused_at_the_cell() {
    let andel =
        |code: &str| coded(&[code], &["Andel"], &[("Asker", vec![C::N(0.25, 1)]), ("Hurum", vec![C::N(0.5, 1)])]);
    let stderr = refused(
        &with_sheet("blandet.xlsx", &andel("0.0;0%"), ""),
        "blandet.xlsx:Ark1!B2: error: expected the sections of the number format `0.0;0%` to show one kind of number, found `0.0` a plain number and `0%` a percentage",
    );
    assert!(
        stderr.contains(
            "say what column `Andel` holds in its `::: table` block: `column.\"Andel\" = { unit = \"%\", scale = 100 }` for shares stored as fractions (0,25 prints 25 %), or `column.\"Andel\" = { unit = \"\", scale = 1 }` for plain numbers"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("(and at 1 more cells: B3)"), "once for the column: {stderr}");
    refused(
        &with_sheet("blandet.xlsx", &andel("[<=1]0.0%;0"), ""),
        "expected the sections of the number format `[<=1]0.0%;0` to show one kind of number, found `[<=1]0.0%` a percentage and `0` a plain number",
    );
    refused(
        &with_sheet("blandet.xlsx", &andel("#,##0\\ \"kr\";-#,##0\\ \"mill. kr\""), ""),
        "found `#,##0\\ \"kr\"` a number in `kr` and `-#,##0\\ \"mill. kr\"` a number in `mill. kr`",
    );
    // In bokmål too.
    let stderr = check_in_bokmal(&with_sheet("blandet.xlsx", &andel("0.0;0%"), ""));
    assert!(
        stderr.contains("feil: ventet at delene av tallformatet `0.0;0%` viser én slags tall, fant `0.0` et vanlig tall og `0%` en prosent"),
        "{stderr}"
    );
    assert!(stderr.contains("si hva kolonnen `Andel` inneholder i `::: table`-blokken"), "{stderr}");
    // The column's own settings say what it holds.
    let text = build(&with_sheet("blandet.xlsx", &andel("0.0;0%"), "column.Andel = { unit = \"%\", scale = 100 }\n"));
    assert_printed(&text, &["25 %", "50 %"]);
    assert!(!text.contains("0,3") && !text.contains("0,25"), "{text}");
}

// A section that shows words, not the number (`0;-0;"Ikke registrert"` for 0, `0;"negativ"` for
// −5), is refused at the cell, saying what it found and what to do: printing 0 or −5 where the
// workbook shows words would print a number nobody sees in the sheet.
#[test]
fn a_section_that_shows_words_is_refused() {
    let sheet = coded(
        &["0;-0;\"Ikke registrert\""],
        &["Antall"],
        &[("Asker", vec![C::N(5.0, 1)]), ("Hurum", vec![C::N(0.0, 1)])],
    );
    let stderr = refused(
        &with_sheet("ord.xlsx", &sheet, ""),
        "ord.xlsx:Ark1!B3: error: expected the cell's number format to show its number, found `0;-0;\"Ikke registrert\"`, which shows `Ikke registrert` for 0: if the report should print `Ikke registrert` as the sheet shows it, add it to `status-words` in edition.toml",
    );
    assert!(!stderr.contains("`units`"), "{stderr}");
    let sheet =
        coded(&["0;\"negativ\""], &["Antall"], &[("Asker", vec![C::N(5.0, 1)]), ("Hurum", vec![C::N(-5.0, 1)])]);
    refused(&with_sheet("ord.xlsx", &sheet, ""), "which shows `negativ` for −5");
}

// A format whose section shows one of the edition's status words for some numbers
// (`[=0]"Ikke målt";0.0`, in Excel and as LibreOffice saves it in an .ods file) is read as the
// words the sheet shows, never as the number it hides (0,0 printed before, in the .ods).
#[test]
fn a_section_that_shows_a_status_word_is_read_as_it() {
    let sheet =
        coded(&["[=0]\"Ikke målt\";0.0"], &["Antall"], &[("Asker", vec![C::N(5.0, 1)]), ("Hurum", vec![C::N(0.0, 1)])]);
    let text = build(&with_sheet("ord.xlsx", &sheet, ""));
    assert_printed(&text, &["5,0", "Ikke målt"]);
    assert!(!text.contains("0,0"), "{text}");
    let ods = |words: &str| {
        let styles = format!(
            r#"<number:number-style style:name="N2P0" style:volatile="true"><number:text>{words}</number:text></number:number-style><number:number-style style:name="N2"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><style:map style:condition="value()=0" style:apply-style-name="N2P0"/></number:number-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N2"/>"#
        );
        let cell = |t: &str| {
            format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#)
        };
        let number = |v: &str, t: &str| {
            format!(
                r#"<table:table-cell table:style-name="ce1" office:value-type="float" office:value="{v}"><text:p>{t}</text:p></table:table-cell>"#
            )
        };
        let rows: String = [
            [cell("Kommune"), cell("Antall")],
            [cell("Asker"), number("5", "5,0")],
            [cell("Hurum"), number("0", words)],
        ]
        .iter()
        .map(|r| format!("<table:table-row>{}</table:table-row>", r.concat()))
        .collect();
        super::make::ods(&styles, &format!(r#"<table:table table:name="Ark1">{rows}</table:table>"#))
    };
    let text = build(&with_sheet("ord.ods", &ods("Ikke målt"), ""));
    assert_printed(&text, &["5,0", "Ikke målt"]);
    assert!(!text.contains("0,0"), "{text}");
    refused(
        &with_sheet("ord.ods", &ods("Ikke registrert"), ""),
        "ord.ods:Ark1!B3: error: expected the cell's number format to show its number, found `N2`, which shows `Ikke registrert` for 0",
    );
}

/// A growth index stored as fractions (1,25 for 125 %) in «General» cells.
fn index_table() -> Vec<u8> {
    xlsx(
        &rows(&[
            &[C::T("Kommune"), C::T("Indeks")],
            &[C::T("Asker"), C::N(1.25, GENERAL)],
            &[C::T("Hurum"), C::N(0.98, GENERAL)],
        ]),
        "",
    )
}

// A column of fractions over 1 (a growth index, 1,25 for 125 %) under `scale = 100` is refused
// with a way to say it is meant, `over-100 = true`, which then prints 125 %; the key is refused
// at its line without `unit = "%"` and `scale = 100`. In bokmål too.
#[test]
fn shares_over_100_percent_are_allowed_by_the_column() {
    let stderr = refused(
        &with_sheet("indeks.xlsx", &index_table(), "column.Indeks = { unit = \"%\", scale = 100 }\n"),
        "indeks.xlsx:Ark1!B2: error: expected shares stored as fractions from −1 to 1 in column `Indeks`",
    );
    assert!(
        stderr.contains("if fractions over 1 are meant (1,25 for 125 %), add `over-100 = true` to the column's settings: `column.\"Indeks\" = { unit = \"%\", scale = 100, over-100 = true }`"),
        "{stderr}"
    );
    let text = build(&with_sheet(
        "indeks.xlsx",
        &index_table(),
        "column.Indeks = { unit = \"%\", scale = 100, over-100 = true }\n",
    ));
    assert_printed(&text, &["125 %", "98 %"]);
    let stderr = refused(
        &with_sheet("indeks.xlsx", &index_table(), "column.Indeks = { over-100 = true }\n"),
        "expected `over-100 = true` together with `unit = \"%\"` and `scale = 100` (fractions printed as percentages), found it without them",
    );
    assert!(stderr.contains("data/mini/chapters/en.md:12:"), "at the setting's line: {stderr}");
    let stderr =
        check_in_bokmal(&with_sheet("indeks.xlsx", &index_table(), "column.Indeks = { unit = \"%\", scale = 100 }\n"));
    assert!(
        stderr.contains(
            "hvis brøker over 1 er ment (1,25 for 125 %), legg til `over-100 = true` i kolonnens innstillinger"
        ),
        "{stderr}"
    );
    let (code, _) = check(&with_sheet(
        "indeks.xlsx",
        &index_table(),
        "column.Indeks = { unit = \"%\", scale = 100, over-100 = true }\n",
    ));
    assert_eq!(code, 0);
    // A share typed as a percentage (95) is not offered `over-100`: it would print 9500 %.
    let typed = xlsx(&rows(&[&[C::T("Kommune"), C::T("Indeks")], &[C::T("Asker"), C::N(95.0, GENERAL)]]), "");
    let stderr = refused(
        &with_sheet("indeks.xlsx", &typed, "column.Indeks = { unit = \"%\", scale = 100 }\n"),
        "the numbers look like percentages already (95)",
    );
    assert!(!stderr.contains("over-100"), "{stderr}");
}

// In an .ods workbook too, a number style that applies a percentage style to some numbers
// (as LibreOffice writes `0.0;-0%`) is refused at the cell until the column says what it holds.
#[test]
fn ods_styles_that_disagree_are_refused() {
    let styles = r#"<number:percentage-style style:name="N1P0"><number:number number:decimal-places="0"/><number:text>%</number:text></number:percentage-style><number:number-style style:name="N1"><number:number number:decimal-places="1"/><style:map style:condition="value()&lt;0" style:apply-style-name="N1P0"/></number:number-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>"#;
    let cell =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let number =
        |v: &str| format!(r#"<table:table-cell table:style-name="ce1" office:value-type="float" office:value="{v}"/>"#);
    let rows: String =
        [[cell("Kommune"), cell("Andel")], [cell("Asker"), number("0.25")], [cell("Hurum"), number("0.5")]]
            .iter()
            .map(|r| format!("<table:table-row>{}</table:table-row>", r.concat()))
            .collect();
    let ods = super::make::ods(styles, &format!(r#"<table:table table:name="Ark1">{rows}</table:table>"#));
    refused(
        &with_sheet("blandet.ods", &ods, ""),
        "blandet.ods:Ark1!B2: error: expected the sections of the number format `N1` to show one kind of number, found `N1` a plain number and `N1P0` a percentage",
    );
    let text = build(&with_sheet("blandet.ods", &ods, "column.Andel = { unit = \"%\", scale = 100 }\n"));
    assert_printed(&text, &["25 %", "50 %"]);
}

/// A key-figure sheet whose one figure row has `target` and two figures formatted `code`.
fn key_figures(code: &str, target: C, figures: [f64; 2]) -> Vec<u8> {
    let years = [C::T("level"), C::T("text"), C::T("target"), C::N(2021.0, GENERAL), C::N(2022.0, GENERAL)];
    let row = [C::T("indicator"), C::T("Et nøkkeltall"), target, C::N(figures[0], 1), C::N(figures[1], 1)];
    xlsx_codes(
        &rows(&[&years, &[C::T("goal"), C::T("Et hovedmål.")], &[C::T("subgoal"), C::T("Et delmål.")], &row]),
        &[code],
    )
}

// A key-figure sheet reads every section too: a figure whose format's sections disagree is
// refused at its cell unless its row is in percent and the block says how its figures are
// stored; a figure shown with `%` typed as text is the percentage it shows, and refused where
// the block says fractions (it printed 1510 %).
#[test]
fn key_figures_read_every_section() {
    let mixed = || key_figures("0.0;0%", C::T("> 10 %"), [0.18, 0.2]);
    refused(
        &with_key_figure_sheet(&mixed(), ""),
        "en.xlsx:Ark1!D4: error: expected the sections of the number format `0.0;0%` to show one kind of number",
    );
    let text = build(&with_key_figure_sheet(&mixed(), "percent-as-fraction = true\n"));
    assert_printed(&text, &["18 %", "20 %"]);
    let typed = || key_figures("0.0\\ \"%\"", C::T("> 10 %"), [15.1, 16.0]);
    let text = build(&with_key_figure_sheet(&typed(), ""));
    assert_printed(&text, &["15,1 %", "16,0 %"]);
    refused(
        &with_key_figure_sheet(&typed(), "percent-as-fraction = true\n"),
        "en.xlsx:Ark1!D4: error: expected fractions, as the block's `percent-as-fraction = true` says, found a cell whose format shows `%` after its number",
    );
}
