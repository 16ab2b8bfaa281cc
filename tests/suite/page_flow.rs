//! A composed book: thin pages, hyphenated proper names and editors' wording are found by
//! the layout lint, and a print job with position marks for missing assets is refused.

use std::fs;

use crate::common::{append, fixture_project, rapport};

/// Six pages of a quarter's text each (the last one, like a chapter's end, may be short), a
/// proper name hyphenated in a narrow column, and editors' wording.
const THIN: &str = r#"#import "theme.typ": theme
#set page(paper: "a4", margin: theme.page.margin)
#set text(font: theme.fonts.body, size: theme.sizes.body, lang: "nb", hyphenate: true)
#metadata(("Spikkestad",)) <lint-names>
#for p in range(6) {
  for i in range(10) [Linje #i på en side som bare er en fjerdedel full. \ ]
  if p == 0 { block(width: 22mm)[Fra Spikke#"\u{ad}"stad og videre] }
  if p == 1 [Figuren finnes ikke i datagrunnlaget.]
  if p < 5 { pagebreak() }
}
"#;

// More than three thin pages inside a chapter, a hyphenated name and editors' wording in
// print are each found, with their pages.
#[test]
fn lint_finds_thin_pages_hyphenated_names_and_back_office_wording() {
    let project = fixture_project();
    fs::write(project.path().join("layout/report.typ"), THIN).unwrap();
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("6 pages"), "{stdout}");
    for expected in [
        "warning: page 1: thinly filled pages: 5 pages are less than 60 % full inside a chapter (at most 3): pages 1, 2, 3, 4, 5",
        "warning: page 1: name split by a hyphen: the name «Spikkestad» is hyphenated as «Spikke-»",
        "warning: page 2: editors' wording: editors' wording reaches the page: «",
    ] {
        assert!(stderr.contains(expected), "lacks `{expected}`: {stderr}");
    }
    assert!(!stderr.contains("page 6: thin"), "a chapter's last page may be short: {stderr}");
}

/// The mini edition with a photo that has no file yet.
fn with_missing_photo() -> tempfile::TempDir {
    let project = fixture_project();
    append(&project.path().join("data/mini/chapters/en.md"), "::: photo\ncredit = \"Ola Nordmann\"\n:::");
    project
}

// A photo without its file is a position mark: `check` lists it, `build --print` refuses to
// write the job and `preflight` refuses the file, unless placeholders are allowed.
#[test]
fn position_marks_are_listed_and_refused_for_print() {
    let project = with_missing_photo();
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    // The cover without its photo, and the photo.
    assert!(stdout.contains("note: 2 position mark(s) for missing assets") && stdout.contains("4 (photo)"), "{stdout}");

    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini", "--print"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("2 position mark(s)") && stderr.contains("--allow-placeholders"), "{stderr}");
    let pdf = project.path().join("out/testrapport-trykk.pdf");
    assert!(!pdf.exists(), "a refused print job is not written");

    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(pdf.is_file() && stderr.contains("a proof, not a job for the press"), "{stderr}");
    assert_eq!(rapport::outputs::print::placeholders_in(&fs::read(&pdf).unwrap()), 2);

    let (code, stdout, stderr) = rapport(project.path(), &["preflight", pdf.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("holds 2 position mark(s)"), "{stderr}");
    let (code, stdout, stderr) = rapport(project.path(), &["preflight", pdf.to_str().unwrap(), "--allow-placeholders"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

// A reference's words follow the sentence after one space, as wide as the other spaces of
// its line (a label written after a space in the layout once set a second one).
#[test]
fn a_reference_follows_its_sentence_after_one_space() {
    let words = crate::press::words(&crate::common::report().pdf);
    let mut checked = 0;
    for (i, word) in words.iter().enumerate().skip(1) {
        if !["tabellen", "figuren", "grafen", "kartet"].contains(&word.text.to_lowercase().as_str()) {
            continue;
        }
        let same_line = |w: &crate::press::Word| w.page == word.page && (w.box_pt[1] - word.box_pt[1]).abs() < 0.5;
        let previous = &words[i - 1];
        if !same_line(previous) {
            continue;
        }
        let line: Vec<&crate::press::Word> = words.iter().filter(|w| same_line(w)).collect();
        let mut gaps: Vec<f64> = line.windows(2).map(|pair| pair[1].box_pt[0] - pair[0].box_pt[2]).collect();
        gaps.sort_by(f64::total_cmp);
        let median = gaps[gaps.len() / 2];
        let gap = word.box_pt[0] - previous.box_pt[2];
        assert!(
            gap <= median + 1.0,
            "page {}: {:.1} pt before «{}», the line's spaces {median:.1} pt",
            word.page,
            gap,
            word.text
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} references after a word on their line");
}

// A key-figure box runs on over a page turn only when no spread can hold it from where it
// stands: a piece headed «KOMMUNEPLANENS MÅL · … (forts.)» stands on a right-hand (odd) page,
// facing the page where the box began, or follows a piece that starts a right-hand page at
// its top (a box taller than its text leaves of a spread, never a box that waited in vain).
#[test]
fn a_key_figure_box_runs_on_only_onto_the_facing_page() {
    // The report's text, a form feed after each page; without spaces: the label's
    // letter-spacing splits its words in the text layer.
    let pages: Vec<Vec<String>> = crate::common::report()
        .text
        .split('\u{c}')
        .map(|page| page.lines().map(|l| l.split_whitespace().collect::<String>()).filter(|l| !l.is_empty()).collect())
        .collect();
    let continued: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].iter().any(|l| l.contains("KOMMUNEPLANENSMÅL·") && l.contains("(forts.)")))
        .map(|i| i + 1)
        .collect();
    assert!(!continued.is_empty(), "no box of the report runs on (the test would hold nothing)");
    // The page before starts with the box's head, right under its running header.
    let starts_page = |page: usize| pages[page - 1].get(1).is_some_and(|l| l.starts_with("KOMMUNEPLANENSMÅL"));
    let turned: Vec<usize> =
        continued.iter().copied().filter(|&page| page % 2 == 0 && !starts_page(page - 1)).collect();
    assert!(turned.is_empty(), "boxes run on over a page turn onto pages {turned:?} (all: {continued:?})");
}

// A box that waits for the next page never cuts a sentence: where a conclusion or key-figure
// box opens a page, the page before it ends a sentence (the box follows the paragraph that
// runs on over the page turn instead).
#[test]
fn a_box_at_a_page_top_never_cuts_a_sentence() {
    let pages: Vec<Vec<&str>> = crate::common::report()
        .text
        .split('\u{c}')
        .map(|page| page.lines().map(str::trim).filter(|line| !line.is_empty()).collect())
        .collect();
    let mut boxes = 0;
    let mut cut = Vec::new();
    for (i, lines) in pages.iter().enumerate().skip(1) {
        // The running head, then the page's first line of content.
        let Some(first) = lines.get(1) else { continue };
        let squeezed: String = first.split_whitespace().collect();
        if !(first.starts_with('●') || squeezed.starts_with("KOMMUNEPLANENSMÅL")) {
            continue;
        }
        boxes += 1;
        // The page before: its last line of content, above the folio.
        let before = &pages[i - 1];
        let Some(last) = before.len().checked_sub(2).map(|n| before[n]) else { continue };
        // Text that stops mid-sentence ends in a small letter, a comma or a hyphen (a figure's
        // source line, a table's row or a box running on end otherwise).
        if last.starts_with("Kilde") || squeezed.contains("(forts.)") {
            continue;
        }
        if last.ends_with(|c: char| c.is_lowercase() || c == ',' || c == '-' || c == '\u{ad}') {
            cut.push(format!("page {}: «…{last}» / box", i + 1));
        }
    }
    assert!(cut.is_empty(), "boxes at a page's top cut a sentence ({boxes} boxes open a page): {cut:#?}");
}

/// A word of the report as `pdftotext -bbox` places it: its text and its top and foot (pt
/// from the page's top).
struct Word {
    text: String,
    top: f64,
    foot: f64,
}

/// The report's pages (height in pt, words), from `pdftotext -bbox`.
fn placed_words() -> Vec<(f64, Vec<Word>)> {
    let report = crate::common::report();
    let out = crate::common::tool("pdftotext")
        .args(["-enc", "UTF-8", "-bbox"])
        .arg(&report.pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().expect("a number")
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let words = page
                .split("<word ")
                .skip(1)
                .map(|word| Word {
                    text: word.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string(),
                    top: attr(word, "yMin"),
                    foot: attr(word, "yMax"),
                })
                .collect();
            (attr(page, "height"), words)
        })
        .collect()
}

/// The type area's foot on a page this tall: the height less the bottom margin (22 mm,
/// theme.typ).
fn type_foot(height: f64) -> f64 {
    height - 22.0 * 72.0 / 25.4
}

// Nothing of the book runs past its type area's foot: below it stands only the folio (a box
// set as a float taller than its page once ran over the folio and off the page, its last
// rows lost). Pages without a folio (the cover, a picture page) are designed to the trim.
#[test]
fn nothing_runs_past_the_type_area() {
    let mut past = Vec::new();
    for (i, (height, words)) in placed_words().iter().enumerate() {
        let foot = type_foot(*height);
        let folio = (i + 1).to_string();
        if !words.iter().any(|word| word.text == folio && word.top > foot) {
            continue;
        }
        for word in words {
            // The folio, the only word the foot margin holds. Its top below the foot (a last
            // line's descenders may reach past it).
            if word.text != folio && word.top > foot {
                past.push(format!("page {}: «{}»", i + 1, word.text));
            }
        }
    }
    assert!(past.is_empty(), "{} word(s) below the type area: {:?}", past.len(), &past[..past.len().min(12)]);
}

// Every service area's left-hand page is one template: its budget and donut stand at the
// page's foot (the picture takes the room its text leaves), whatever the length of its text.
#[test]
fn a_service_areas_budget_stands_at_its_left_hand_pages_foot() {
    let pages = placed_words();
    let mut feet = Vec::new();
    for (i, (height, words)) in pages.iter().enumerate() {
        if !words.iter().any(|word| word.text == "Driftsbudsjett") {
            continue;
        }
        let folio = (i + 1).to_string();
        let lowest = words.iter().filter(|word| word.text != folio).map(|word| word.foot).fold(0.0, f64::max);
        feet.push((i + 1, type_foot(*height) - lowest));
    }
    assert_eq!(feet.len(), 6, "expected the six service areas' budget pages, found {feet:?}");
    let off: Vec<_> = feet.iter().filter(|(page, gap)| page % 2 == 1 || *gap > 14.0).collect();
    assert!(off.is_empty(), "budgets not at a left-hand page's foot (page, pt above the foot): {off:?}");
}

// The maps that open the Kart chapter's spread stand level: the right-hand page's map title
// starts as low as the left-hand page's, under the chapter's title.
#[test]
fn the_kart_spreads_maps_stand_level() {
    let pages = placed_words();
    let title = |first: &str| -> Option<(usize, f64)> {
        pages.iter().enumerate().find_map(|(i, (_, words))| {
            words.windows(2).find(|w| w[0].text == first && w[1].text == "I").map(|w| (i + 1, w[0].top))
        })
    };
    let (left, a) = title("LOKALOMRÅDER").expect("the senterstruktur map's title");
    let (right, b) = title("GRUNNSKOLER").expect("the grunnskoler map's title");
    assert!(left % 2 == 0 && right == left + 1, "the maps are not on a spread: pages {left} and {right}");
    assert!((a - b).abs() < 1.0, "the maps' titles stand at {a:.1} pt and {b:.1} pt");
}

// A page whose text stops early because the next section starts overleaf (its heading kept
// with its quote and first lines) is filled by the position marks on it, which grow into the
// empty foot (the balancing pass's last step), rather than keep a hole at its foot.
#[test]
fn a_page_before_a_section_overleaf_is_filled_by_its_marks() {
    let pages = placed_words();
    let top = 24.0 * 72.0 / 25.4;
    // The words of the type area: no running header, no folio.
    let body = |(height, words): &(f64, Vec<Word>)| -> Vec<(f64, f64, String)> {
        let foot = type_foot(*height);
        words.iter().filter(|w| w.top > top - 4.0 && w.top < foot).map(|w| (w.top, w.foot, w.text.clone())).collect()
    };
    let mut holes = Vec::new();
    for (i, pair) in pages.windows(2).enumerate() {
        let (this, next) = (body(&pair[0]), body(&pair[1]));
        let Some(first) = next.iter().min_by(|a, b| a.0.total_cmp(&b.0)) else { continue };
        // The next page starts with a section's heading (set larger than the text, smaller
        // than a chapter's title), and this page holds a picture's position mark.
        let heading = (16.0..30.0).contains(&(first.1 - first.0));
        // (A chapter's opening page, this or the next, is a template of its own.)
        let opener = next.iter().chain(&this).any(|w| w.1 - w.0 >= 30.0);
        if !heading || opener || !this.iter().any(|w| w.2 == "BILDE" || w.2 == "FIGUR") {
            continue;
        }
        let lowest = this.iter().map(|w| w.1).fold(0.0, f64::max);
        let empty = (type_foot(pair[0].0) - lowest) / (type_foot(pair[0].0) - top);
        // (A foot of a few lines stays: a mark shrunk to the room left keeps its clearance.)
        if empty > 0.08 {
            holes.push(format!("page {}: {:.0} % empty at its foot", i + 1, empty * 100.0));
        }
    }
    assert!(
        holes.is_empty(),
        "pages that end early before a section overleaf, with a mark that could fill them: {holes:?}"
    );
}

// A chapter's opening page is full: where its text stops early because the next block moves
// overleaf whole, its picture grows into the foot (its title and lead sink with it), so no
// opening page ends on an empty band.
#[test]
fn an_opening_page_ends_at_its_foot() {
    let pages = placed_words();
    let top = 24.0 * 72.0 / 25.4;
    let mut short = Vec::new();
    let mut openers = 0;
    for (i, (height, words)) in pages.iter().enumerate() {
        let foot = type_foot(*height);
        let body: Vec<&Word> = words.iter().filter(|w| w.top > top - 4.0 && w.top < foot).collect();
        // An opening page with a picture: a chapter's title (set at least 30 pt high) under
        // a picture's position mark.
        let title = body.iter().any(|w| w.foot - w.top >= 30.0);
        if !title || !body.iter().any(|w| w.text == "BILDE") || i == 0 {
            continue;
        }
        openers += 1;
        let lowest = body.iter().map(|w| w.foot).fold(0.0, f64::max);
        let empty = (foot - lowest) / (foot - top);
        if empty > 0.15 {
            short.push(format!("page {}: {:.0} % empty at its foot", i + 1, empty * 100.0));
        }
    }
    assert!(openers >= 5, "only {openers} opening pages with a picture found (the test would hold little)");
    assert!(short.is_empty(), "opening pages that end early: {short:?}");
}
