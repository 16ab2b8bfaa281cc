//! The default edition builds, and its PDF carries the printed edition's words and figures.

use crate::common::{normalise, report};

// The edition typesets without the printed edition's blank pages: fewer than its 136, and
// text on every page.
#[test]
fn builds_a_pdf_without_blank_pages() {
    let report = report();
    assert!(report.pdf.is_file());
    assert!((100..136).contains(&report.pages), "{} pages", report.pages);
    let pages: Vec<&str> = report.text.split('\u{c}').collect();
    let blank: Vec<usize> =
        pages.iter().take(report.pages).enumerate().filter(|(_, p)| p.trim().is_empty()).map(|(i, _)| i + 1).collect();
    assert!(blank.is_empty(), "blank pages: {blank:?}");
}

// The Økonomi chapter's words, key figures and table values are in the PDF's text.
#[test]
fn okonomi_chapter_is_in_the_pdf() {
    let text = normalise(&report().text);
    for expected in [
        "KOMMUNEPLANENS MÅL",
        "Asker er en økonomisk robust og bærekraftig kommune.",
        "Disposisjonsfond som andel av brutto driftsinntekter (over 10 %)",
        "15,1 %",
        "−0,7 %",
        "102,8 %",
        "Nøkkeltall under utvikling",
        "Ikke målt",
        "115 kr/m²",
        "«Et økonomisk handlingsrom er avgjørende",
        "(Intensjonsavtalen 2016)",
        "VEDTATT OMSTILLINGSBELØP I PERIODEN 2020–2023",
        "Kilde: Asker kommune",
        "Handlingsprogram 2023–2026",
        "REGNSKAP 2022 FORDELT PÅ TJENESTEOMRÅDER",
        "Framsikt",
    ] {
        assert!(text.contains(expected), "the PDF lacks `{expected}`");
    }
}

// Innhold lists the chapters with the pages they really start on.
#[test]
fn contents_has_real_page_numbers() {
    let report = report();
    let okonomi = report.chapter_pages.iter().find(|(slug, _)| slug == "okonomi").expect("Økonomi starts somewhere").1;
    // The contents page alone (pdftotext ends each page with a form feed): running heads and
    // folios elsewhere print chapter names beside page numbers too.
    let contents = report
        .text
        .split('\u{c}')
        .map(normalise)
        .find(|page| page.starts_with("Innhold "))
        .expect("a page that opens with Innhold");
    assert!(
        contents.contains(&format!("Økonomi {okonomi} ")),
        "Innhold does not say Økonomi starts on page {okonomi}: {contents}"
    );
}

// Every chapter of the edition starts on its own page, in order.
#[test]
fn chapters_start_in_order() {
    let pages: Vec<usize> = report().chapter_pages.iter().map(|(_, p)| *p).collect();
    assert_eq!(pages.len(), 21, "chapters found: {pages:?}");
    assert!(pages.windows(2).all(|w| w[0] < w[1]), "chapters out of order: {pages:?}");
}

// A handout is one chapter in its own PDF, with nothing of the others.
#[test]
fn handout_holds_one_chapter() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = crate::common::rapport(
        &crate::common::root(),
        &["build", "--edition", crate::common::EDITION, "--chapter", "okonomi", "--out", out.path().to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let pdf = out.path().join("4-arsrapport-2020-2023-okonomi.pdf");
    let text = normalise(&crate::common::pdftotext(&pdf, true));
    assert!(text.contains("VEDTATT OMSTILLINGSBELØP I PERIODEN 2020–2023"));
    assert!(!text.contains("Innhold") && !text.contains("Arbeidsgiverpolitikk"), "the handout has more than Økonomi");
}

// `--without-marks` leaves out the position marks of missing pictures (with their credits),
// the text closing up and kept whole; the print file, a proof, cannot leave them out.
#[test]
fn a_handout_without_position_marks() {
    let out = tempfile::tempdir().unwrap();
    let build = |extra: &[&str]| {
        let dir = out.path().to_str().unwrap();
        let args =
            [&["build", "--edition", crate::common::EDITION, "--chapter", "velferd", "--out", dir][..], extra].concat();
        let (code, _, stderr) = crate::common::rapport(&crate::common::root(), &args);
        assert_eq!(code, 0, "{stderr}");
        normalise(&crate::common::pdftotext(&out.path().join("4-arsrapport-2020-2023-velferd.pdf"), true))
    };
    let marked = build(&[]);
    let plain = build(&["--without-marks"]);
    assert!(marked.contains("BILDE") && !plain.contains("BILDE"), "{plain}");
    // The text, the chart and the table stay; only the missing photo (and its credit) goes.
    for kept in ["heldøgnsomsorg og NAV.", "Driftsbudsjett", "Sentrale politiske saker", "34 %", "1 772 1 974 203 11 %"]
    {
        assert!(marked.contains(kept) && plain.contains(kept), "{kept}: {plain}");
    }
    assert!(marked.contains("Foto: Mibeke Gjesli") && !plain.contains("Foto:"), "{plain}");
    let (code, _, _) = crate::common::rapport(&crate::common::root(), &["build", "--print", "--without-marks"]);
    assert_eq!(code, 2);
}

// Handouts typeset together (`build --handouts`, on every core) are each the very PDF the
// chapter's handout built alone is, byte for byte, in the order asked for.
#[test]
fn handouts_built_together_are_the_handouts_built_alone() {
    let mut session = rapport::typeset::session::Session::open(&crate::common::root(), crate::common::EDITION).unwrap();
    let slugs = ["medarbeidere".to_string(), "okonomi".to_string()];
    let together = rapport::build::build_handouts(&mut session, &slugs).unwrap();
    assert_eq!(together.len(), 2);
    for (slug, built) in slugs.iter().zip(together) {
        let built = built.unwrap();
        let alone = rapport::build::build(&mut session, &rapport::build::Target::Chapter(slug.clone())).unwrap();
        assert!(built.pdf == alone.pdf, "{slug}: the handout built with another differs from the one built alone");
        assert_eq!(built.chapter_pages, alone.chapter_pages, "{slug}");
    }
}

// An unknown chapter slug is a usage error that lists the known ones.
#[test]
fn handout_of_unknown_chapter_is_refused() {
    let (code, _, stderr) = crate::common::rapport(
        &crate::common::root(),
        &["build", "--edition", crate::common::EDITION, "--chapter", "okonomien", "--out", "/tmp/none"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("okonomi, medarbeidere"), "{stderr}");
}

// A map legend lists only what the map draws; the note says what the printed map showed
// that this one does not.
#[test]
fn map_legends_show_only_drawn_symbols() {
    let text = normalise(&report().text);
    assert!(!text.contains("ikke i kartdataene"), "a legend entry without data is printed");
    assert!(text.contains("Privat skole og alternativ skole er ikke tegnet"), "the school map's note");
    assert!(text.contains("Lokalområder er ikke tegnet inn i dette kartet"), "the centre map's note");
}

// The default edition settles: Typst's layout converges in the last compile (a key-figure
// box whose pieces kept two rows each once moved a chapter's last table and the next opener
// back and forth, «document did not converge», and the book came out 116 pages).
#[test]
fn the_default_edition_settles() {
    let unsettled: Vec<&String> =
        crate::common::report().warnings.iter().filter(|w| w.contains("converge") || w.contains("stabilize")).collect();
    assert!(unsettled.is_empty(), "the layout did not settle: {unsettled:?}");
}
