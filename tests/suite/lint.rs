//! The layout lint finds what a designer would send back, with page numbers.

use std::fs;

use crate::common::{fixture_project, rapport};

/// A document with the theme's page geometry: a full page, a blank page that still has its
/// running head and folio, a page of one line, and a heading at the foot of a page.
const FLAWED: &str = r#"#import "theme.typ": theme
#set page(paper: "a4", margin: theme.page.margin, header: [Løpende topptekst], footer: context counter(page).display())
#set text(font: theme.fonts.body, size: theme.sizes.body, lang: "nb")
#for i in range(40) [Linje #i i et avsnitt som fyller siden med tekst. \ ]
#pagebreak()
#pagebreak()
En linje alene.
#pagebreak()
#for i in range(30) [Linje #i i et avsnitt som fyller siden med tekst. \ ]
#v(1fr)
= Overskrift nederst
Bare én linje under.
"#;

// A blank page with a folio, a page of one line, a heading at a page's foot and a text colour
// without enough contrast are found with their pages; `--strict` makes them errors.
#[test]
fn lint_finds_page_flow_and_contrast_faults() {
    let project = fixture_project();
    fs::write(project.path().join("layout/report.typ"), FLAWED).unwrap();
    let theme = project.path().join("layout/theme.typ");
    let text = fs::read_to_string(&theme).unwrap();
    fs::write(&theme, format!("{text}\n#let theme = theme + (contrast-pairs: ((rgb(\"#00A0A8\"), white, false),))\n"))
        .unwrap();
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("4 pages"), "{stdout}");
    for expected in [
        "warning: page 2: blank-page: the page is blank but carries a running head or folio",
        "warning: page 3: near-empty: the page holds only 1 line(s)",
        "warning: page 4: heading-at-foot: the heading «Overskrift nederst»",
        "warning: contrast: text #00a0a8 on #ffffff has a contrast of 3.18:1",
    ] {
        assert!(stderr.contains(expected), "lacks `{expected}`: {stderr}");
    }
    assert!(!stderr.contains("page 1:"), "the full page is fine: {stderr}");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error: page 2: blank-page") && stderr.contains("finding(s) of the layout lint"),
        "{stderr}"
    );
}

// The default edition passes the layout lint without a finding (`check --strict`).
#[test]
fn default_edition_is_lint_clean() {
    let (code, stdout, stderr) =
        rapport(&crate::common::root(), &["check", "--edition", crate::common::EDITION, "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("ok: no problems found") && !stderr.contains("warning"), "{stdout}{stderr}");
}
