//! Numbers printed wrong in silence (issue 30's staff trial): where a figure can be read two
//! ways the data is refused at its cell with how to say it, in every kind of data file.

use std::fs;
use std::path::Path;

use crate::common::{append, fixture_project, rapport, replace};

/// The `mini` fixture with `edit` applied to it, checked: (exit code, stderr of the short
/// format, one line per problem, then of the full one, with the hints).
fn check_with(edit: impl FnOnce(&Path)) -> (i32, String) {
    let project = fixture_project();
    edit(&project.path().join("data/mini"));
    let (code, _, short) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    let (_, _, full) = rapport(project.path(), &["check", "--edition", "mini"]);
    (code, format!("{short}\n{full}"))
}

/// Three years for `mini`, so that a nøkkeltall has two figures besides the one at fault.
fn three_years(dir: &Path, indicator: &str) {
    replace(&dir.join("edition.toml"), "years = [2021, 2022]", "years = [2020, 2021, 2022]");
    fs::write(
        dir.join("key-figures/en.csv"),
        format!("level;text;target;2020;2021;2022\ngoal;Et hovedmål.;;;;\nsubgoal;Et delmål.;;;;\n{indicator}\n"),
    )
    .unwrap();
}

// An English thousands comma (`178,984` among `186 211` and `180 661`) in a chart file and in a
// key-figure file is refused at its cell with both readings, as in a table; among decimals it
// is a decimal.
#[test]
fn a_thousands_comma_in_a_chart_or_a_key_figure_is_refused() {
    let (code, stderr) = check_with(|dir| {
        fs::create_dir_all(dir.join("charts")).unwrap();
        fs::write(dir.join("charts/utslipp.csv"), "År;Alle sektorer\n2019;186 211\n2020;180 661\n2021;178,984\n")
            .unwrap();
        append(
            &dir.join("chapters/en.md"),
            "::: chart\nkind = \"bar\"\nfile = \"charts/utslipp.csv\"\ntitle = \"UTSLIPP\"\nsource = \"Test\"\n:::",
        );
        three_years(dir, "indicator;Utslipp, tonn CO₂e;;186 211;180 661;178,984");
    });
    assert_eq!(code, 1, "{stderr}");
    for expected in [
        "data/mini/charts/utslipp.csv:4:6: error: expected a whole number as in the rest of the column, found `178,984`",
        "data/mini/key-figures/en.csv:4:47: error: expected a whole number as the other figures of this nøkkeltall, found `178,984`",
        "write `178 984` if the comma separates thousands, or `178,984` if it is a decimal comma",
    ] {
        assert!(stderr.contains(expected), "lacks {expected}: {stderr}");
    }
    let (code, stderr) = check_with(|dir| three_years(dir, "indicator;Tetthet;;2,519;5,561;1,300"));
    assert_eq!(code, 0, "decimals among decimals: {stderr}");
}

// A sum of whole counts or exact amounts must match its rows exactly (30 → 32 under a sum of
// 190 is 192, not «within ±2,5»); rounded figures keep the rounding of each, and a block can
// say its whole parts are rounded.
#[test]
fn a_sum_of_whole_counts_matches_exactly() {
    let table = "Beløp i mill. kr.;Vedtatt\nHandlingsprogram 2020–2023;80\nHandlingsprogram 2021–2024;80\nHandlingsprogram 2022–2025;0\nHandlingsprogram 2023–2026;32\nSum gjennomført;190\n";
    let (code, stderr) = check_with(|dir| fs::write(dir.join("tables/en/tabell.csv"), table).unwrap());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("tabell.csv:6:17: error: expected the sum of the 4 row(s) above, 192, in the sum row `Sum gjennomført` (exactly"),
        "{stderr}"
    );
    assert!(stderr.contains("`rounded-parts = [\"Sum gjennomført\"]`"), "{stderr}");
    // Said to be rounded, it is within ±2,5.
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), table).unwrap();
        replace(
            &dir.join("chapters/en.md"),
            "title = \"EN TABELL\"",
            "title = \"EN TABELL\"\nrounded-parts = [\"Sum gjennomført\"]",
        );
    });
    assert_eq!(code, 0, "{stderr}");
    // Rounded percentages keep their tolerance: 33 + 33 + 33 is 100 within the rounding.
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), "Del;Andel\nA;33 %\nB;33 %\nC;33 %\nSum;100 %\n").unwrap();
    });
    assert_eq!(code, 0, "{stderr}");
}

// A percentage over 100 among shares is refused at its cell, in a nøkkeltall whose text says
// `andel` (`148 %` for 14,8 % printed «Nådd») and in a table column of shares; `over-100`
// names the ones that may pass it, and a name that is not there is an error.
#[test]
fn a_share_over_100_percent_is_refused() {
    let share = "indicator;Disposisjonsfond som andel av driftsinntekter;> 10 %;15,1 %;18,1 %;148 %";
    let (code, stderr) = check_with(|dir| three_years(dir, share));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("key-figures/en.csv:4:78: error: expected a share of at most 100 % (the nøkkeltall «Disposisjonsfond som andel av driftsinnt…» is an andel), found `148 %`"),
        "{stderr}"
    );
    let (code, stderr) = check_with(|dir| {
        three_years(dir, share);
        replace(
            &dir.join("chapters/en.md"),
            "::: key-figures\n",
            "::: key-figures\nover-100 = [\"Disposisjonsfond som andel av driftsinntekter\"]\n",
        );
    });
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), "Kommune;Andel 2021;Andel 2022\nHurum;53 %;173 %\n").unwrap();
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("tabell.csv:2:12: error: expected a share of at most 100 % in the column `Andel 2022`"),
        "{stderr}"
    );
    let (code, stderr) = check_with(|dir| {
        fs::write(dir.join("tables/en/tabell.csv"), "Kommune;Andel 2021;Andel 2022\nHurum;53 %;173 %\n").unwrap();
        replace(
            &dir.join("chapters/en.md"),
            "title = \"EN TABELL\"",
            "title = \"EN TABELL\"\nover-100 = [\"Andel 2O22\"]",
        );
    });
    assert_eq!(code, 1, "a mistyped name allows nothing: {stderr}");
    assert!(
        stderr.contains("expected `over-100` to name a column of the table by its header, found `Andel 2O22`"),
        "{stderr}"
    );
}

// A sum row beside a column of averages or rates: the column is said to be one
// (`totals = { "Andel" = "average" }`) and the other columns of the row are still checked; an
// average outside its rows' range, a wrong sum beside it, and a column the table lacks are
// refused.
#[test]
fn a_sum_row_beside_an_average_column_checks_the_other_columns() {
    let table = "Skole;Elever;Andel\nA;100;10,0 %\nB;300;20,0 %\nSum;400;17,5 %\n";
    let with_totals = |csv: &'static str, totals: &'static str| {
        move |dir: &Path| {
            fs::write(dir.join("tables/en/tabell.csv"), csv).unwrap();
            replace(&dir.join("chapters/en.md"), "title = \"EN TABELL\"", &format!("title = \"EN TABELL\"\n{totals}"));
        }
    };
    // Without the setting the average is refused as a wrong sum.
    let (code, stderr) = check_with(|dir| fs::write(dir.join("tables/en/tabell.csv"), table).unwrap());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("`totals = { \"Andel\" = \"average\" }`"), "{stderr}");
    let wrong = "Skole;Elever;Andel\nA;100;10,0 %\nB;300;20,0 %\nSum;410;17,5 %\n";
    let outside = "Skole;Elever;Andel\nA;100;10,0 %\nB;300;20,0 %\nSum;400;30,0 %\n";
    let average = "totals = { \"Andel\" = \"average\" }";
    // (table, setting, what check says: None for «ok»)
    let cases: [(&'static str, &'static str, Option<&str>); 6] = [
        // Said to be an average, the row passes…
        (table, average, None),
        // …and its number of pupils is still checked.
        (wrong, average, Some("tabell.csv:4:5: error: expected the sum of the 2 row(s) above, 400")),
        // An average outside the range of its rows is no average of them.
        (outside, average, Some("tabell.csv:4:9: error: expected an average of the 2 row(s) above, from 10,0 to 20,0")),
        // `none`: not checked at all (a median, a figure from another source).
        (outside, "totals = { \"Andel\" = \"none\" }", None),
        // A column the table does not have, or a word it does not know, is an error.
        (
            table,
            "totals = { \"Andell\" = \"average\" }",
            Some("expected `totals` to name a column of the table by its header, found `Andell`"),
        ),
        (table, "totals = { \"Andel\" = \"mean\" }", Some("mean")),
    ];
    for (csv, setting, expected) in cases {
        let (code, stderr) = check_with(with_totals(csv, setting));
        assert_eq!(code, i32::from(expected.is_some()), "{setting}: {stderr}");
        assert!(expected.is_none_or(|e| stderr.contains(e)), "{setting}: lacks {expected:?}: {stderr}");
    }
}
