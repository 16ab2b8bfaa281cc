//! Charts are drawn from the edition's data, say what is missing, and reject bad data.

use std::fs;

use rapport::session::Session;

use crate::common::{fixture_project, normalise, report};

// Charts show the printed numbers in Norwegian style, and say so where the seed has none.
#[test]
fn charts_in_the_report() {
    let text = normalise(&report().text);
    // REGNSKAP 2022 FORDELT PÅ TJENESTEOMRÅDER: every share of the donut's legend.
    for share in ["Oppvekst 42 %", "Velferd 36 %", "Samfunnstjenester 10 %", "Medborgerskap 5 %"] {
        assert!(text.contains(share), "donut legend lacks `{share}`");
    }
    // Service areas' budget shares, from the one printed value each.
    assert!(text.contains("Oppvekst: 43 % av kommunens totale driftsbudsjett"));
    // The emissions chart has only the 2021 total and says what is missing.
    assert!(text.contains("179 000"));
    assert!(text.contains("Fordelingen på sektorer og årene 2009–2020 i den trykte grafen finnes ikke i kildeteksten"));
    // Axis labels are Norwegian: a percent sign after a space.
    assert!(text.contains("100 %") || text.contains("80 %"), "no Norwegian axis labels");
}

/// The problems `rapport check` finds in the `mini` edition with one chart added.
fn problems_with_chart(kind: &str, file: &str, csv: &str) -> String {
    let project = fixture_project();
    let dir = project.path().join("data/mini");
    fs::create_dir_all(dir.join("charts")).unwrap();
    fs::write(dir.join("charts").join(file), csv).unwrap();
    let text = fs::read_to_string(dir.join("chapters/en.md")).unwrap()
        + &format!("\n::: chart\nkind = \"{kind}\"\nfile = \"charts/{file}\"\ntitle = \"DIAGRAM\"\n:::\n");
    fs::write(dir.join("chapters/en.md"), text).unwrap();
    Session::open(project.path(), "mini").unwrap().problems.to_string()
}

// A negative share in a donut chart is an error at its cell.
#[test]
fn negative_share_is_refused() {
    let problems = problems_with_chart("donut", "fordeling.csv", "Område;Andel\nOppvekst;60 %\nVelferd;-5 %\n");
    assert!(problems.contains("data/mini/charts/fordeling.csv:3:9: expected a share of zero or more"), "{problems}");
}

// A chart whose data is malformed is reported, not drawn from nothing.
#[test]
fn bad_chart_data_is_reported() {
    let problems = problems_with_chart("bar", "tall.csv", "År;Verdi\n2021;mange\n");
    assert!(problems.contains("charts/tall.csv:2:6: expected a number"), "{problems}");
}
