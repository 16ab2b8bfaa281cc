//! `rapport approve` and `rapport diff` on the mini edition: what an editor signed off, and
//! what changed since; `rapport proof --pages/--chapter` for the screen PDF's pages.

use std::path::Path;

use crate::common::{append, fixture_project, rapport, rapport_in, replace, root};

/// The exit code of a diff that found changes.
const CHANGES: i32 = rapport::error::CHANGES as i32;

/// The approved baseline's pages, as `approve` wrote them.
fn approved_pages(project: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(project.join("approved/mini/baseline.json")).expect("the baseline is written");
    let baseline: serde_json::Value = serde_json::from_str(&text).expect("the baseline is JSON");
    baseline["pages"].as_array().expect("pages").clone()
}

/// The folio of the first approved page whose words hold `text`.
fn folio_with(project: &Path, text: &str) -> u64 {
    let pages = approved_pages(project);
    let page = pages.iter().find(|p| p["text"].as_str().is_some_and(|t| t.contains(text)));
    page.and_then(|p| p["id"]["folio"].as_u64()).unwrap_or_else(|| panic!("no approved page holds «{text}»"))
}

/// The report's lines that name a changed page.
fn changed_pages(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("page ")).collect()
}

/// Approves the mini edition, failing the test when it cannot.
fn approve(project: &Path) {
    let (code, stdout, stderr) = rapport(project, &["approve", "--edition", "mini"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("wrote approved/mini/baseline.json"), "{stdout}");
}

/// The mini fixture, built and approved.
fn approved_fixture() -> tempfile::TempDir {
    let project = fixture_project();
    approve(project.path());
    project
}

/// `rapport diff` of the mini edition against its approval: exit code, stdout, stderr.
fn diff(project: &Path) -> (i32, String, String) {
    rapport(project, &["diff", "--edition", "mini"])
}

// A number changed in one table is reported on exactly the page the table stands on, with
// its table, row, column, old and new value, and nothing else; the exit code says so.
#[test]
fn one_changed_number_reports_its_page_and_number() {
    let project = approved_fixture();
    let folio = folio_with(project.path(), "EN TABELL");
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    let pages = changed_pages(&stdout);
    assert_eq!(pages.len(), 1, "{stdout}");
    assert!(
        pages[0].starts_with(&format!("page {folio} («Første kapittel», ")) && pages[0].ends_with(": changed"),
        "{stdout}"
    );
    let numbers: Vec<&str> = stdout.lines().filter(|l| l.contains(" → ")).collect();
    assert_eq!(numbers, ["    EN TABELL (tables/en/tabell.csv) · Hurum · 2022: 66 % → 67 %"], "{stdout}");
    assert!(stdout.contains(&format!("  «Første kapittel»: 1 page(s) changed ({folio})\n")), "{stdout}");
    assert!(stderr.contains("1 page(s) changed, 0 moved, 0 removed, 1 number(s) changed"), "{stderr}");
    // The render cache holds the current build's pages only (beside its record), the changed
    // page's old render dropped.
    let cache = std::fs::read_dir(project.path().join("out/.render-cache")).expect("the cache").flatten();
    let cached = cache.filter(|e| e.path().extension().is_some_and(|x| x == "png")).count();
    assert_eq!(cached, approved_pages(project.path()).len());
}

// The report as a web page holds the changed page approved and now, the region that
// differs boxed on both, and the number's row; nothing outside the page is linked.
#[test]
fn the_web_report_shows_the_changed_page_side_by_side() {
    let project = approved_fixture();
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.contains("wrote out/diff/index.html"), "{stdout}");
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    assert_eq!(html.matches("<img src=\"data:image/png;base64,").count(), 2, "{html}");
    assert_eq!(html.matches("class=\"box\"").count(), 2, "one region, boxed on both renders: {html}");
    assert!(html.contains("alt=\"approved, page ") && html.contains("alt=\"now, page "), "{html}");
    assert!(
        html.contains("<th scope=\"row\">Hurum · 2022</th><td class=\"num\">66 %</td><td class=\"num\">67 %</td>"),
        "{html}"
    );
    assert!(!html.contains("http") && !html.contains("src=\"/") && !html.contains("href="), "self-contained");
    // What an editor reads first: what changed, counted; the chapters that changed; a legend
    // of the boxes and colours; the number kept whole on one line (not broken at its space).
    assert!(
        html.contains("<p class=\"summary\">1 page(s) changed, 0 moved, 0 removed, 1 number(s) changed since the approved build</p>"),
        "{html}"
    );
    assert!(html.contains("<li><strong>«Første kapittel»</strong>: 1 page(s) changed ("), "{html}");
    assert!(html.contains("<p>Unchanged: the front and back matter.</p>"), "{html}");
    assert!(html.contains("<ul class=\"legend\">") && html.contains("a red frame: where the page differs"), "{html}");
    assert!(html.contains(".num{text-align:right;white-space:nowrap"), "{html}");
}

// A changed key figure is reported as a number of its box: nøkkeltall, year, old → new.
#[test]
fn a_changed_key_figure_is_reported_as_a_number() {
    let project = approved_fixture();
    let folio = folio_with(project.path(), "Et nøkkeltall");
    replace(&project.path().join("data/mini/key-figures/en.csv"), ";15,1 %;", ";16,2 %;");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert_eq!(changed_pages(&stdout).len(), 1, "{stdout}");
    assert!(changed_pages(&stdout)[0].starts_with(&format!("page {folio} ")), "{stdout}");
    let numbers: Vec<&str> = stdout.lines().filter(|l| l.contains(" → ")).collect();
    assert_eq!(numbers, ["    KOMMUNEPLANENS MÅL (en) · Et nøkkeltall · 2021: 15,1 % → 16,2 %"], "{stdout}");
}

// A rebuild of the approved sources reports every chapter unchanged, no page, and exits 0;
// its pages come from the render cache, none rendered again.
#[test]
fn an_identical_rebuild_reports_nothing() {
    let project = approved_fixture();
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains(" pages, all from out/.render-cache/"), "{stderr}");
    assert!(changed_pages(&stdout).is_empty(), "{stdout}");
    assert!(stdout.contains("  unchanged: the front and back matter, «Første kapittel»\n"), "{stdout}");
    assert!(stderr.contains("no changes: the build is as approved"), "{stderr}");
}

// A diff that cannot compare (the edition's data has an error) exits as a failure does (1),
// never with the code of changes found (3), so a script does not read a failure as a change.
#[test]
fn a_failed_diff_is_told_from_changes() {
    let project = approved_fixture();
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;6x6 %");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, i32::from(rapport::error::SOURCE_ERRORS), "{stdout}{stderr}");
    assert_ne!(code, CHANGES);
    assert!(stderr.contains("tabell.csv"), "{stderr}");
}

// A paragraph added early in a long chapter changes the page it is on; the pages after it,
// whose text only flowed on, are reported as moved, not changed, with no word removed.
#[test]
fn a_paragraph_added_early_moves_the_later_pages() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let long = std::fs::read_to_string(root().join("tests/fixtures/diff/long-chapter.md")).expect("the fixture");
    append(&chapter, &long);
    approve(project.path());
    let chapter_folios: Vec<u64> = approved_pages(project.path())
        .iter()
        .filter(|p| p["id"]["chapter"] == "en")
        .filter_map(|p| p["id"]["folio"].as_u64())
        .collect();
    assert!(chapter_folios.len() >= 4, "the chapter is long enough to move pages: {chapter_folios:?}");
    let first = folio_with(project.path(), "Brødtekst med");
    let added = "Et nytt avsnitt er satt inn her, tidlig i kapitlet, med nok ord til å skyve resten av teksten et godt stykke nedover på siden og over på de neste sidene.";
    replace(
        &chapter,
        "Brødtekst med **fet skrift** i seg.",
        &format!("Brødtekst med **fet skrift** i seg.\n\n{added}"),
    );
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    let pages = changed_pages(&stdout);
    assert_eq!(pages.len(), 1, "{stdout}");
    assert!(pages[0].starts_with(&format!("page {first} («Første kapittel», ")), "{stdout}");
    assert!(stdout.contains(&format!("{{+{added}+}}")), "{stdout}");
    assert!(!stdout.lines().any(|l| l.starts_with("    «") && l.contains("[-")), "no word removed: {stdout}");
    assert!(!stdout.lines().any(|l| l.starts_with("    ") && l.contains(" · ")), "no number changed: {stdout}");
    let later = chapter_folios.iter().filter(|f| **f > first).count();
    assert!(later >= 2, "{chapter_folios:?}");
    assert!(
        stdout.contains(&format!("  «Første kapittel»: 1 page(s) changed ({first}); {later} page(s) moved (")),
        "{stdout}"
    );
    assert!(stderr.contains(&format!("1 page(s) changed, {later} moved, 0 removed, 0 number(s) changed")), "{stderr}");
}

// Without an approved build, diff says how to make one (exit 2); under a Norwegian locale
// approve and diff speak bokmål.
#[test]
fn diff_needs_an_approval_and_speaks_bokmal() {
    let project = fixture_project();
    let (code, _, stderr) = diff(project.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("run `rapport approve --edition mini` first"), "{stderr}");
    let (code, _, stderr) = rapport_in(project.path(), &["approve", "--edition", "mini"], "nb_NO.UTF-8");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("godkjente ") && stderr.contains(" sider og 6 tall (tabeller og nøkkeltall)"), "{stderr}");
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Sammenslått;;73 %", "Sammenslått;;74 %");
    let (code, stdout, stderr) = rapport_in(project.path(), &["diff", "--edition", "mini"], "nb_NO.UTF-8");
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.contains("uendret: forsidene, innholdet og sluttsidene"), "{stdout}");
    assert!(stdout.contains("1 side endret ("), "{stdout}");
    assert!(stdout.contains("[-73 %-] {+74 %+}"), "{stdout}");
    // A change is not an error: the summary says «endringer», and the exit code 3 says «changed».
    assert!(
        stderr.contains("endringer: 1 side endret, 0 flyttet, 0 borte, 1 tall endret siden godkjenningen"),
        "{stderr}"
    );
    assert!(!stderr.contains("feil"), "{stderr}");
}

// proof --pages renders the screen PDF's pages by their folios and a sheet of spreads;
// --chapter renders a handout's pages.
#[test]
fn proof_renders_screen_pages_and_spreads() {
    let project = fixture_project();
    let (code, stdout, stderr) =
        rapport(project.path(), &["proof", "--edition", "mini", "--pages", "1-3", "--ppi", "20"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for name in ["page-001.png", "page-002.png", "page-003.png", "spreads.png"] {
        let file = project.path().join("out/proof").join(name);
        let png = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}\n{stdout}", file.display()));
        assert!(png.starts_with(b"\x89PNG"), "{name}");
    }
    // Page 1 alone on the right of the first spread (its left half the sheet's grey), pages
    // 2 and 3 the next spread, page 2 on the left.
    let png = |name: &str| std::fs::read(project.path().join("out/proof").join(name)).unwrap();
    let sheet = hayro::vello_cpu::Pixmap::from_png(std::io::Cursor::new(png("spreads.png"))).expect("a PNG");
    let page = hayro::vello_cpu::Pixmap::from_png(std::io::Cursor::new(png("page-002.png"))).expect("a PNG");
    let (w, h, gap) = (page.width(), page.height(), 16);
    let grey = |x: u16| {
        let p = sheet.sample(x, gap + h / 2);
        (p.r, p.g, p.b) == (200, 204, 206)
    };
    assert!(grey(gap + w / 2), "the first spread's left half is empty");
    assert!(!grey(gap + w + w / 2), "page 1 is on the right");
    assert!(!grey(gap + 2 * w + gap + w / 2), "page 2 is on the left of the second spread");
    let (code, stdout, stderr) = rapport(project.path(), &["proof", "--edition", "mini", "--chapter", "en"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("wrote out/proof/en-page-001.png") && stdout.contains("wrote out/proof/en-spreads.png"),
        "{stdout}"
    );
    let (code, _, stderr) = rapport(project.path(), &["proof", "--edition", "mini", "--pages", "99"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("found `99`"), "{stderr}");
}

// `--against PDF`: a PDF of the same build reports nothing (exit 0); after a number changed,
// the one page whose words changed, read out of both PDFs, and that the tables' numbers were
// not compared; the other PDF, outside the project, is only read.
#[test]
fn diff_against_a_pdf_reads_both_pdfs() {
    let project = fixture_project();
    let (code, stdout, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    let before = elsewhere.path().join("i-fjor.pdf");
    std::fs::copy(project.path().join("out/testrapport.pdf"), &before).expect("a copy of the PDF");
    let bytes = std::fs::read(&before).expect("the PDF");
    let against = before.to_str().expect("a UTF-8 path");
    let (code, stdout, stderr) = rapport(project.path(), &["diff", "--edition", "mini", "--against", against]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains(&format!("no changes against {against}")), "{stderr}");
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) = rapport(project.path(), &["diff", "--edition", "mini", "--against", against]);
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.contains("(a PDF holds no tables: their numbers are not compared)"), "{stdout}");
    let pages = changed_pages(&stdout);
    assert_eq!(pages.len(), 1, "{stdout}");
    assert!(stdout.contains("[-66 %-] {+67 %+}"), "{stdout}");
    assert!(stderr.contains(&format!("1 page(s) changed, 0 moved, 0 removed against {against}")), "{stderr}");
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    assert!(html.contains("alt=\"before, page ") && html.contains("alt=\"now, page "), "{html}");
    assert_eq!(std::fs::read(&before).expect("the PDF"), bytes, "the other PDF is only read");
    // A file that is not a PDF is refused by name.
    std::fs::write(elsewhere.path().join("tom.pdf"), "ikke en pdf").expect("write");
    let bad = elsewhere.path().join("tom.pdf");
    let (code, _, stderr) = rapport(project.path(), &["diff", "--edition", "mini", "--against", bad.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&format!("{}: cannot read the PDF", bad.display())), "{stderr}");
}

// `--against EDITION`: the other edition's current build is the one compared with: its table
// and key figures gone, its chapter named by its own title, in bokmål too; an edition
// against itself is refused.
#[test]
fn diff_against_another_edition() {
    let project = fixture_project();
    let (code, stdout, stderr) = rapport(project.path(), &["diff", "--edition", "mini", "--against", "mini2"]);
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.starts_with("compared with edition mini2: "), "{stdout}");
    assert!(stdout.contains("  «Andre kapittel»: 1 page(s) removed ("), "{stdout}");
    assert!(
        stdout
            .contains("number on a page that is gone: EN ANNEN TABELL (tables/to/tabell.csv) · Nord · 2024: 17 % → –")
    );
    assert!(stdout.contains("EN TABELL (tables/en/tabell.csv) · Hurum · 2022: – → 66 %"), "{stdout}");
    assert!(stderr.contains("number(s) changed against edition mini2"), "{stderr}");
    let (code, _, stderr) = rapport(project.path(), &["diff", "--edition", "mini", "--against", "mini"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("expected another edition than mini to compare with, found `mini`"), "{stderr}");
    let (code, stdout, stderr) =
        rapport_in(project.path(), &["diff", "--edition", "mini", "--against", "mini2"], "nb_NO.UTF-8");
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.starts_with("sammenlignet med utgave mini2: 4 sider der, 4 sider nå"), "{stdout}");
    assert!(stderr.contains("tall endret mot utgave mini2 (på "), "{stderr}");
}

// A diff of an edition whose inputs are as when it was last built is not typeset again (the
// build recorded in out/.render-cache/); a changed layout file is typeset again.
#[test]
fn an_unchanged_edition_is_not_typeset_again() {
    let project = approved_fixture();
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("not typeset again: every input is as when out/.render-cache/mini.build.json was recorded")
    );
    let layout = std::fs::read_dir(project.path().join("layout")).expect("layout/").flatten();
    let typ = layout.map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "typ")).expect("a layout file");
    append(&typ, "// a comment: the file changed, what it sets did not");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("typeset in ") && !stderr.contains("not typeset again"), "{stderr}");
}

// Edit → `rapport build` → `rapport diff`: the build leaves its record for the diff, which
// takes it instead of typesetting again and renders only the page that changed.
#[test]
fn a_diff_after_a_build_takes_the_build() {
    let project = approved_fixture();
    let folio = folio_with(project.path(), "EN TABELL");
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(
        stderr.contains("not typeset again: every input is as when out/.render-cache/mini.build.json was recorded"),
        "{stderr}"
    );
    assert!(stderr.contains(" pages, 1 of them rendered (the rest from out/.render-cache/)"), "{stderr}");
    let pages = changed_pages(&stdout);
    assert_eq!(pages.len(), 1, "{stdout}");
    assert!(
        pages[0].starts_with(&format!("page {folio} («Første kapittel», ")) && pages[0].ends_with(": changed"),
        "{stdout}"
    );
    let numbers: Vec<&str> = stdout.lines().filter(|l| l.contains(" → ")).collect();
    assert_eq!(numbers, ["    EN TABELL (tables/en/tabell.csv) · Hurum · 2022: 66 % → 67 %"], "{stdout}");
    // The boxes of the report come from the renders' pixels, recorded by the diff, not the build.
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    assert_eq!(html.matches("class=\"box\"").count(), 2, "one region, boxed on both renders: {html}");
}

// A number changed in a chart's data is listed like a table's: chart, category, series, old
// → new, on the page the chart stands on.
#[test]
fn a_changed_chart_number_is_reported_as_a_number() {
    let project = fixture_project();
    let edition = project.path().join("data/mini");
    std::fs::create_dir_all(edition.join("charts/en")).expect("a folder");
    std::fs::write(edition.join("charts/en/utslipp.csv"), "År;Alle sektorer\n2021;186 211\n2022;180 661\n")
        .expect("the chart's data");
    append(
        &edition.join("chapters/en.md"),
        "::: chart\nkind = \"stacked-columns\"\nfile = \"charts/en/utslipp.csv\"\ntitle = \"ET DIAGRAM\"\nsource = \"Testkilde\"\nunit = \"Tonn\"\n:::\n",
    );
    approve(project.path());
    let folio = folio_with(project.path(), "ET DIAGRAM");
    replace(&edition.join("charts/en/utslipp.csv"), "2022;180 661", "2022;180 667");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert_eq!(changed_pages(&stdout).len(), 1, "{stdout}");
    assert!(changed_pages(&stdout)[0].starts_with(&format!("page {folio} ")), "{stdout}");
    let numbers: Vec<&str> = stdout.lines().filter(|l| l.contains(" → ")).collect();
    assert_eq!(
        numbers,
        ["    ET DIAGRAM (charts/en/utslipp.csv) · 2022 · Alle sektorer: 180 661 → 180 667"],
        "{stdout}"
    );
}

// The web report passes the web edition's browser checks (tests/web/check.mjs): axe-core's
// WCAG A and AA rules, pa11y, the Nu validator, no sideways scroll at 320 px; its renders are
// inline (data: URIs), the one thing the site's link check counts as outside the folder.
#[test]
fn the_web_report_passes_the_browser_checks() {
    let project = fixture_project();
    let (code, stdout, stderr) = rapport(project.path(), &["diff", "--edition", "mini", "--against", "mini2"]);
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    let results = crate::common::browser_checks(&project.path().join("out/diff"));
    assert_eq!(results.len(), 1, "{results:?}");
    let result = &results[0];
    for check in ["violations", "pa11y", "vnu", "csp"] {
        assert_eq!(result[check].as_array().map(Vec::len), Some(0), "{check}: {}", result[check]);
    }
    assert!(result["overflow"].as_i64().unwrap_or(1) <= 0, "scrolls sideways at 320 px by {}", result["overflow"]);
    let broken = result["broken"].as_array().expect("the links");
    assert!(broken.iter().all(|b| b.as_str().is_some_and(|b| b.starts_with("data:image/png;base64,"))), "{broken:?}");
}

/// The report's renders: (width, height) of each inline PNG, in order.
fn report_images(html: &str) -> Vec<(u16, u16)> {
    html.split("src=\"data:image/png;base64,")
        .skip(1)
        .map(|rest| {
            let data = &rest[..rest.find('"').expect("the end of the data")];
            let png = decode_base64(data);
            let pixmap = hayro::vello_cpu::Pixmap::from_png(std::io::Cursor::new(png)).expect("a PNG");
            (pixmap.width(), pixmap.height())
        })
        .collect()
}

/// Standard base64 without line breaks, decoded.
fn decode_base64(data: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut out, mut bits, mut count) = (Vec::new(), 0u32, 0);
    for byte in data.bytes().filter(|b| *b != b'=') {
        let value = ALPHABET.iter().position(|a| *a == byte).expect("a base64 character") as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

/// The frames of the report, each (width, height) in percent of its page.
fn report_frames(html: &str) -> Vec<(f64, f64)> {
    html.split("class=\"box\" style=\"")
        .skip(1)
        .map(|rest| {
            let style = &rest[..rest.find('"').expect("the end of the style")];
            let value = |name: &str| {
                let at = style.find(&format!("{name}:")).expect("the property") + name.len() + 1;
                style[at..].split('%').next().unwrap().parse::<f64>().expect("a number")
            };
            (value("width"), value("height"))
        })
        .collect()
}

// A paragraph moved from early in a long chapter to its end is said as a block moved from
// its page to the other, not as words removed on one page and added on another.
#[test]
fn a_moved_paragraph_is_said_as_moved_not_changed() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let long = std::fs::read_to_string(root().join("tests/fixtures/diff/long-chapter.md")).expect("the fixture");
    append(&chapter, &long);
    approve(project.path());
    let paragraph = long.lines().find(|l| l.starts_with("Skolene holdt kvaliteten")).expect("the paragraph");
    let from = folio_with(project.path(), "Skolene holdt kvaliteten");
    let mut text = std::fs::read_to_string(&chapter).expect("the chapter");
    text = text.replacen(&format!("{paragraph}\n"), "", 1);
    text.push_str(&format!("\n{paragraph}\n"));
    std::fs::write(&chapter, text).expect("write the chapter");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(changed_pages(&stdout).is_empty(), "no page changed, only moved: {stdout}");
    assert!(!stdout.contains("[-") && !stdout.contains("{+"), "no word added or removed: {stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains(&format!("moved from page {from} to page ")))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.contains("«Skolene holdt kvaliteten i tjenestene"), "{line}");
    // The summary counts the move it lists, and the moves stand under their own heading.
    let summary = stdout.lines().find(|l| l.contains(" page(s) changed, ")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(!summary.contains(", 0 moved,"), "{summary}");
    let lines: Vec<&str> = stdout.lines().collect();
    let heading = lines.iter().position(|l| *l == "Moved, not changed:").unwrap_or_else(|| panic!("{stdout}"));
    let first_move = lines.iter().position(|l| l.contains("moved from page ")).expect("a move");
    assert!(heading < first_move && !lines[heading..].iter().any(|l| l.starts_with("page ")), "{stdout}");
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    assert!(
        html.contains("<h2>Moved, not changed</h2>") && html.contains(&format!("moved from page {from} to page ")),
        "{html}"
    );
}

// A moved paragraph whose first word also starts the paragraph after its old place is one
// move of all its words, with no word said removed or added at its edges.
#[test]
fn a_moved_paragraph_keeps_its_repeated_first_word() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let long = std::fs::read_to_string(root().join("tests/fixtures/diff/long-chapter.md")).expect("the fixture");
    let long = long.replacen("Vannverket planla kontakten", "Skolene planla kontakten", 1);
    append(&chapter, &long);
    approve(project.path());
    let paragraph = long.lines().find(|l| l.starts_with("Skolene holdt kvaliteten")).expect("the paragraph");
    let mut text = std::fs::read_to_string(&chapter).expect("the chapter");
    text = text.replacen(&format!("{paragraph}\n"), "", 1);
    text.push_str(&format!("\n{paragraph}\n"));
    std::fs::write(&chapter, text).expect("write the chapter");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(!stdout.contains("[-") && !stdout.contains("{+"), "no word added or removed: {stdout}");
    let moved: usize = stdout
        .lines()
        .filter(|l| l.contains("moved from page "))
        .filter_map(|l| l.rsplit_once(" (")?.1.strip_suffix(" words)")?.parse::<usize>().ok())
        .sum();
    assert_eq!(moved, paragraph.split_whitespace().count(), "{stdout}");
}

// An edit is shown in its place, a few words either side, the old struck through and the
// new marked, in the terminal and in the report.
#[test]
fn an_edit_is_shown_with_its_context() {
    let project = approved_fixture();
    replace(
        &project.path().join("data/mini/chapters/en.md"),
        "med **fet skrift** i seg",
        "med **halvfet skrift** i seg",
    );
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.contains("Brødtekst med [-fet-] {+halvfet+} skrift i seg."), "{stdout}");
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    assert!(
        html.contains("Brødtekst med <del><span class=\"sr\">removed: </span>fet</del> <ins><span class=\"sr\">added: </span>halvfet</ins> skrift i\u{a0}seg."),
        "{html}"
    );
}

// The report's pages are readable (at least 100 ppi: an A4 page at least 827 pixels wide),
// a click shows them at full size, and a changed number is framed as its line, not the page.
#[test]
fn the_report_pages_are_readable_and_framed_narrowly() {
    let project = approved_fixture();
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    let images = report_images(&html);
    assert_eq!(images.len(), 2, "{images:?}");
    assert!(images.iter().all(|(w, _)| *w >= 827), "{images:?}");
    assert!(html.contains("class=\"zoom\"") && html.contains("Show the pages at full size"), "{html}");
    let frames = report_frames(&html);
    assert_eq!(frames.len(), 2, "{frames:?}");
    assert!(frames.iter().all(|(w, h)| w * h < 0.05 * 100.0 * 100.0 && *h < 5.0), "a line, not the page: {frames:?}");
    assert!(!html.contains("the whole page"), "{html}");
}

// `--against PDF` reads a number and its unit as the book prints them: «66 %» one word,
// not its figures apart.
#[test]
fn diff_against_a_pdf_reads_numbers_as_printed() {
    let project = fixture_project();
    let (code, stdout, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    let before = elsewhere.path().join("i-fjor.pdf");
    std::fs::copy(project.path().join("out/testrapport.pdf"), &before).expect("a copy of the PDF");
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) =
        rapport(project.path(), &["diff", "--edition", "mini", "--against", before.to_str().unwrap()]);
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    assert!(stdout.contains("[-66 %-] {+67 %+}"), "{stdout}");
    // The report does not claim «0 numbers changed»: a PDF's tables are not compared.
    let html = std::fs::read_to_string(project.path().join("out/diff/index.html")).expect("the report");
    assert!(html.contains("Numbers in the tables are not compared against a PDF; see the word changes."), "{html}");
    assert!(!html.contains("number(s) changed"), "{html}");
}

// A count of parts ending in «-del» is said in bokmål as «deler», not «dler».
#[test]
fn bokmal_plurals_of_del_are_deler() {
    use rapport::lang::{Lang, translate};
    assert_eq!(translate(Lang::Nb, "unchanged: all 22 part(s) of the book"), "uendret: alle 22 deler av boka");
    assert_eq!(translate(Lang::Nb, "unchanged: all 1 part(s) of the book"), "uendret: alle 1 del av boka");
}

// What an editor reads: the counts first, chapters by their titles, the unchanged ones in
// one line, no warning about the edition's data repeated, no «N of them rendered» when all were.
#[test]
fn the_terminal_summary_is_what_an_editor_reads() {
    let project = approved_fixture();
    replace(&project.path().join("data/mini/tables/en/tabell.csv"), "Hurum;53 %;66 %", "Hurum;53 %;67 %");
    let (code, stdout, stderr) = diff(project.path());
    assert_eq!(code, CHANGES, "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[1], "1 page(s) changed, 0 moved, 0 removed, 1 number(s) changed since the approved build",
        "{stdout}"
    );
    assert!(lines[2].starts_with("  «Første kapittel»: 1 page(s) changed ("), "{stdout}");
    assert_eq!(lines[3], "  unchanged: the front and back matter", "{stdout}");
    assert!(!stdout.contains(": unchanged"), "{stdout}");
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert!(!stderr.contains("of them rendered") || stderr.contains(", 1 of them rendered"), "{stderr}");
    let (_, _, stderr) = rapport(project.path(), &["approve", "--edition", "mini"]);
    assert!(stderr.contains(" pages, all from out/.render-cache/"), "{stderr}");
}

// `proof --pages` and `approve` after `rapport build` take the build's record, and say so.
#[test]
fn proof_and_approve_take_the_build() {
    let project = fixture_project();
    let (code, stdout, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, stdout, stderr) = rapport(project.path(), &["proof", "--edition", "mini", "--pages", "1"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("not typeset again: every input is as when out/.render-cache/mini.build.json was recorded"),
        "{stderr}"
    );
    assert!(!stderr.contains("Typesetting"), "{stderr}");
    assert!(project.path().join("out/proof/page-001.png").is_file());
    let (code, stdout, stderr) = rapport(project.path(), &["approve", "--edition", "mini"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("not typeset again"), "{stderr}");
}
