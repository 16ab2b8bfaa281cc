//! Charts are drawn from the edition's data, say what is missing, and reject bad data.

use std::fs;

use rapport::typeset::session::Session;

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
    // The emissions chart draws the totals the report prints (2019–2021, from the climate key
    // figures) and names the printed sectors it cannot draw.
    for total in ["186 211", "180 661", "178 984"] {
        assert!(text.contains(total), "the emissions chart lacks {total}");
    }
    assert!(text.contains("fordeler utslippene på sektorene industri, olje og gass"));
    // Axis labels are Norwegian: a percent sign after a space. Read in one chart, from its
    // title to its source line, since table cells print percentages too.
    let title = "ER BRA NÅR DET GJELDER IDRETTSANLEGG";
    let chart = &text[text.find(title).expect("the chart's title") + title.len()..];
    let chart = &chart[..chart.find("Kilde:").expect("the chart's source line")];
    assert!(chart.trim_start().starts_with("0 % 20 % 40 % 60 % 80 % 100 %"), "no Norwegian axis labels: {chart}");
}

/// The problems `rapport check` finds in the `mini` edition with one chart added.
fn problems_with_chart(kind: &str, file: &str, csv: &str) -> String {
    let project = fixture_project();
    let dir = project.path().join("data/mini");
    fs::create_dir_all(dir.join("charts")).unwrap();
    fs::write(dir.join("charts").join(file), csv).unwrap();
    let chart = format!("::: chart\nkind = \"{kind}\"\nfile = \"charts/{file}\"\ntitle = \"DIAGRAM\"\n:::");
    crate::common::append(&dir.join("chapters/en.md"), &chart);
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

// Every kind of chart draws from real-shaped data: the build succeeds and shows the numbers.
#[test]
fn every_chart_kind_draws() {
    let project = fixture_project();
    let dir = project.path().join("data/mini");
    fs::create_dir_all(dir.join("charts")).unwrap();
    fs::write(
        dir.join("charts/serier.csv"),
        "Kommune;2018-2019;2019-2020;2020-2021\nAsker;11,5 %;12,8 %;12,5 %\nOslo;13,6 %;13,0 %;14,5 %\n",
    )
    .unwrap();
    fs::write(dir.join("charts/andel.csv"), "Område;Andel\nOppvekst;43 %\n").unwrap();
    // A donut's shares are the parts of one whole: they add up to 100 %.
    fs::write(dir.join("charts/deler.csv"), "Område;Andel\nOppvekst;43 %\nAndre;57 %\n").unwrap();
    fs::write(dir.join("charts/utslipp.csv"), "År;Veitrafikk;Oppvarming\n2020;90 000;12 000\n2021;88 000;11 500\n")
        .unwrap();
    let mut text = fs::read_to_string(dir.join("chapters/en.md")).unwrap();
    for (kind, file) in [
        ("line", "serier"),
        ("grouped-bar", "serier"),
        ("bar", "andel"),
        ("donut", "deler"),
        ("share", "andel"),
        ("stacked-columns", "utslipp"),
    ] {
        text += &format!(
            "\n::: chart\nkind = \"{kind}\"\nfile = \"charts/{file}.csv\"\ntitle = \"DIAGRAM {kind}\"\nsource = \"Test\"\n:::\n"
        );
    }
    fs::write(dir.join("chapters/en.md"), text).unwrap();
    let (code, _, stderr) = crate::common::rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = normalise(&crate::common::pdftotext(&project.path().join("out/testrapport.pdf"), true));
    for expected in ["DIAGRAM line", "2019–2020", "DIAGRAM stacked-columns", "100 000", "Oppvekst: 43 %", "12,8 %"] {
        assert!(pdf.contains(expected), "missing `{expected}`");
    }
}

/// The text of the mini edition's PDF with a stacked-columns chart `UTSLIPP` of `csv` added,
/// from its title on.
fn stacked_chart_text(csv: &str) -> String {
    let project = fixture_project();
    let dir = project.path().join("data/mini");
    fs::create_dir_all(dir.join("charts")).unwrap();
    fs::write(dir.join("charts/utslipp.csv"), csv).unwrap();
    crate::common::append(
        &dir.join("chapters/en.md"),
        "::: chart\nkind = \"stacked-columns\"\nfile = \"charts/utslipp.csv\"\ntitle = \"UTSLIPP\"\nsource = \"Test\"\n:::",
    );
    let (code, _, stderr) = crate::common::rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = normalise(&crate::common::pdftotext(&project.path().join("out/testrapport.pdf"), true));
    pdf[pdf.find("UTSLIPP").expect("the chart")..].to_string()
}

// A year without a figure in a stacked-columns chart is marked with the missing-figure mark
// («..») on the baseline and in the alt text, where a status word says it is missing; a
// donut still refuses one.
#[test]
fn a_missing_value_is_marked_not_left_as_a_gap() {
    let chart = stacked_chart_text("År;Utslipp\n2009;Ikke målt\n2020;90 000\n2021;88 000\n");
    assert!(chart.contains(".. 90 000") || chart.contains(".. 2009 2020 2021"), "no mark for 2009: {chart}");
    let problems = problems_with_chart("donut", "deler.csv", "Del;Andel\nA;Ikke målt\nB;100 %\n");
    assert!(problems.contains("found the status word `Ikke målt`"), "{problems}");
}

// Three or more years in a row without a figure are one slot of a column chart («2009–2011»,
// one mark), not a row of empty columns; a single missing year keeps its own slot.
#[test]
fn a_run_of_missing_years_is_one_slot() {
    let chart = stacked_chart_text(
        "År;Utslipp\n2009;Ikke målt\n2010;Ikke målt\n2011;Ikke målt\n2019;95 000\n2020;Ikke målt\n2021;88 000\n",
    );
    assert!(chart.contains("2009–2011 2019 2020 2021"), "the years as drawn: {chart}");
    assert!(!chart.contains("2010"), "2010 has no slot of its own: {chart}");
}
