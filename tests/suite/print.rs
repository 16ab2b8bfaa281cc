//! The print file (`rapport build --print`): page boxes, crop marks, CMYK only, padding to
//! sheets of four, PDF/X-4 with an output profile, a file qpdf finds clean, and the tag tree
//! and bookmarks carried over from Typst.

use lopdf::content::Content;
use lopdf::{Document, Object};
use rapport::outputs::print::geometry::{MARK_LINE, PT_PER_MM, Rect};

use crate::common::{cmyk_output_profile, fixture_project, normalise, pdftotext, print_report, rapport, report};

/// A4 in points.
const A4: (f64, f64) = (210.0 * PT_PER_MM, 297.0 * PT_PER_MM);

/// `pdfinfo -box` for every page: (MediaBox, BleedBox, TrimBox) per page.
fn boxes(pdf: &std::path::Path, pages: usize) -> Vec<[Rect; 3]> {
    let out = crate::common::tool("pdfinfo")
        .args(["-box", "-f", "1", "-l", &pages.to_string()])
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    assert!(out.status.success(), "pdfinfo -box failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let rect = |line: &str| {
        let v: Vec<f64> = line.split_whitespace().rev().take(4).filter_map(|n| n.parse().ok()).collect();
        Rect { x0: v[3], y0: v[2], x1: v[1], y1: v[0] }
    };
    let find = |page: usize, name: &str| {
        let key = format!("Page {page:>4} {name}:");
        rect(text.lines().find(|l| l.starts_with(&key)).unwrap_or_else(|| panic!("pdfinfo lacks `{key}`")))
    };
    (1..=pages).map(|p| [find(p, "MediaBox"), find(p, "BleedBox"), find(p, "TrimBox")]).collect()
}

// pdfinfo -box: every page has TrimBox = A4, BleedBox = trim + 3 mm, a MediaBox with room for
// the marks, each box inside the next, and the same boxes on every page.
#[test]
fn every_page_has_the_same_nested_boxes() {
    let print = print_report();
    let all = boxes(&print.pdf, print.pages);
    assert_eq!(all.len(), print.pages);
    let [media, bleed, trim] = all[0];
    assert!((trim.width() - A4.0).abs() < 0.02 && (trim.height() - A4.1).abs() < 0.02, "TrimBox {trim:?} is not A4");
    let three = 3.0 * PT_PER_MM;
    assert!(
        [trim.x0 - bleed.x0, trim.y0 - bleed.y0, bleed.x1 - trim.x1, bleed.y1 - trim.y1]
            .iter()
            .all(|d| (d - three).abs() < 0.02),
        "BleedBox {bleed:?} is not the trim {trim:?} and 3 mm"
    );
    // The marks: 3 mm past the bleed and 5 mm long, so the media reaches at least 11 mm past the trim.
    assert!(media.contains(&trim.grow(11.0 * PT_PER_MM)), "MediaBox {media:?} has no room for the marks");
    for (i, page) in all.iter().enumerate() {
        assert_eq!(page, &all[0], "page {} has other boxes", i + 1);
    }
}

/// The stroked lines of the artifact that carries the marks on page `index` (0-based), and
/// the colour space and line width they are drawn with.
fn marks(doc: &Document, index: usize) -> (Vec<[f64; 4]>, Object, f64) {
    let page = *doc.get_pages().values().nth(index).expect("the page");
    let content = Content::decode(&doc.get_page_content(page)).expect("the page's content");
    let ops = &content.operations;
    let start = ops.iter().rposition(|op| op.operator == "BMC").expect("an artifact with the marks");
    let (mut lines, mut space, mut width, mut from) = (Vec::new(), Object::Null, 0.0, [0.0; 2]);
    let resources = rapport::typeset::pdf::page_resources(doc, page);
    let spaces = resources.get(b"ColorSpace").ok().and_then(|o| rapport::typeset::pdf::resolve_dict(doc, o));
    for op in &ops[start..] {
        let n: Vec<f64> = op.operands.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect();
        match op.operator.as_str() {
            "CS" => {
                let name = op.operands[0].as_name().unwrap();
                let found = spaces.and_then(|s| s.get(name).ok()).cloned().unwrap_or(Object::Null);
                space = doc.dereference(&found).map(|(_, o)| o.clone()).unwrap_or(found);
            }
            "w" => width = n[0],
            "m" => from = [n[0], n[1]],
            "l" => lines.push([from[0], from[1], n[0], n[1]]),
            _ => {}
        }
    }
    (lines, space, width)
}

// The crop marks, read back from the PDF, lie where they belong: in line with the trim
// edges, starting 3 mm past the bleed's edge (6 mm from the trim) and 5 mm long, 0.25 pt thin, in
// the registration colour, on the cover, a page inside and an added blank page.
#[test]
fn crop_marks_are_where_they_belong() {
    let print = print_report();
    let doc = Document::load_mem(&print.bytes).expect("lopdf reads the print file");
    let [_, bleed, trim] = boxes(&print.pdf, 1)[0];
    // Worked out here from the trim pdfinfo reads, not by the code that draws them: at each
    // corner a horizontal and a vertical line, 6 to 11 mm out from the trim edge it continues.
    let (start, end) = (6.0 * PT_PER_MM, 11.0 * PT_PER_MM);
    let mut expected = Vec::new();
    for (x, dx) in [(trim.x0, -1.0), (trim.x1, 1.0)] {
        for (y, dy) in [(trim.y0, -1.0), (trim.y1, 1.0)] {
            expected.push([x + dx * start, y, x + dx * end, y]);
            expected.push([x, y + dy * start, x, y + dy * end]);
        }
    }
    for index in [0, 40, print.pages - 2] {
        let (lines, space, width) = marks(&doc, index);
        assert_eq!(lines.len(), 8, "page {}: eight crop-mark lines, found {lines:?}", index + 1);
        // Each expected line is drawn, in either direction.
        let same = |a: &[f64; 4], b: &[f64; 4]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 0.01);
        for want in &expected {
            let reversed = [want[2], want[3], want[0], want[1]];
            assert!(
                lines.iter().any(|found| same(found, want) || same(found, &reversed)),
                "page {}: no mark {want:?} among {lines:?}",
                index + 1
            );
        }
        for found in &lines {
            // Clear of the bleed: the mark starts 3 mm past its edge, so a sheet cut a little
            // wide or a bleed trimmed generously never shows a mark.
            let gap = |x: f64, y: f64| (bleed.x0 - x).max(x - bleed.x1).max(bleed.y0 - y).max(y - bleed.y1);
            let nearest = gap(found[0], found[1]).min(gap(found[2], found[3])) / PT_PER_MM;
            assert!(
                (nearest - 3.0).abs() < 0.01,
                "page {}: {found:?} starts {nearest:.2} mm past the bleed",
                index + 1
            );
        }
        assert_eq!(width, MARK_LINE);
        let Object::Array(items) = &space else { panic!("the marks' colour is not a Separation: {space:?}") };
        assert_eq!(items[0].as_name().unwrap(), b"Separation");
        assert_eq!(items[1].as_name().unwrap(), b"All", "the marks are not in the registration colour");
    }
}

// No content stream of the print file sets an RGB or grey colour, and no object names an RGB
// or grey colour space; images are CMYK.
#[test]
fn no_rgb_is_left() {
    let doc = Document::load_mem(&print_report().bytes).unwrap();
    let mut streams = 0;
    for (id, object) in &doc.objects {
        if let Object::Stream(stream) = object {
            let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
            if subtype == b"Image" {
                let space = stream.dict.get(b"ColorSpace").and_then(Object::as_name).unwrap_or(b"");
                assert!(
                    stream.dict.has(b"SMask") || space == b"DeviceCMYK" || stream.dict.get(b"ImageMask").is_ok(),
                    "image {id:?} in {space:?}"
                );
            }
        }
    }
    for page in doc.get_pages().into_values() {
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        streams += 1;
        for op in &content.operations {
            assert!(!matches!(op.operator.as_str(), "rg" | "RG" | "g" | "G"), "page {page:?}: {op:?}");
        }
    }
    assert!(streams > 100);
    let qdf = crate::common::tool("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&print_report().pdf)
        .arg("-")
        .output()
        .expect("qpdf");
    assert!(qdf.status.success(), "qpdf --qdf: {}", String::from_utf8_lossy(&qdf.stderr));
    let all = String::from_utf8_lossy(&qdf.stdout);
    for rgb in ["/DeviceRGB", "/DeviceGray", "/ICCBased", "/CalRGB", "/Lab", " rg\n", " RG\n"] {
        assert!(!all.contains(rgb), "the print file still has `{}`", rgb.trim());
    }
    assert!(all.contains("/DeviceCMYK"), "no CMYK at all");
}

// qpdf finds nothing wrong with the print file.
#[test]
fn qpdf_check_is_clean() {
    let out = crate::common::tool("qpdf").arg("--check").arg(&print_report().pdf).output().expect("qpdf is installed");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check: {said}");
    assert!(said.contains("No syntax or stream encoding errors"), "{said}");
}

/// Whether a line of text is the slug line outside the trim («… · innmat · side 3 · 2023-06-01»).
fn is_slug(line: &str) -> bool {
    line.contains(" · ") && line.contains("side") && line.trim_end().ends_with("2023-06-01")
}

/// The whole text of page `n` of `pdf`, the slug line included.
fn whole_page_text(pdf: &std::path::Path, n: usize) -> String {
    let out = crate::common::tool("pdftotext")
        .args(["-f", &n.to_string(), "-l", &n.to_string(), "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of page `n` of `pdf`, without the slug line.
fn page_text(pdf: &std::path::Path, n: usize) -> String {
    let text = whole_page_text(pdf, n);
    text.lines().filter(|l| !is_slug(l)).collect::<Vec<_>>().join("\n").trim().to_string()
}

// A perfect-bound book: the block is the report without its front cover, colophon and back
// cover, padded with blank pages at its end to a multiple of 4; it starts on the contents.
#[test]
fn the_block_is_the_report_without_its_covers_padded_at_its_end() {
    let print = print_report();
    assert_eq!(print.pages % 4, 0);
    let block = report().pages - 3;
    assert_eq!(print.pages, block + print.added_pages);
    assert_eq!(print.added_pages, (4 - block % 4) % 4);
    assert_eq!(page_text(&print.pdf, 1), page_text(&report().pdf, 3), "the block starts with the report's page 3");
    assert!(!page_text(&print.pdf, block).contains("Besøksadresse"), "the back cover is in the block");
    for blank in block + 1..=print.pages {
        assert_eq!(page_text(&print.pdf, blank), "", "page {blank} is not blank (no head, no folio)");
    }
}

/// The characters of each page of `pdf`, without the slug lines, sorted: pdftotext splits
/// letter-spaced words (the kickers) wherever their gaps fall and reads a table's cells in an
/// order that shifts with the page's position, but a page that holds other text differs.
fn pages_text(pdf: &std::path::Path) -> Vec<String> {
    let text = crate::common::pdftotext(pdf, false);
    let pages = text.split('\u{c}').map(|page| page.lines().filter(|l| !is_slug(l)).collect::<Vec<_>>().join(" "));
    pages
        .map(|page| {
            let mut chars: Vec<char> = page.chars().filter(|c| !c.is_whitespace()).collect();
            chars.sort_unstable();
            chars.into_iter().collect()
        })
        .collect()
}

// The block falls page for page as the screen PDF the designer approved (its pages 3 to the
// back cover): the bleed the print file's pages run past the trim moves nothing.
#[test]
fn the_block_falls_page_for_page_as_the_screen_pdf() {
    let (print, screen) = (pages_text(&print_report().pdf), pages_text(&report().pdf));
    let block = report().pages - 3;
    for n in 1..=block {
        assert_eq!(print[n - 1], screen[n + 1], "the block's page {n} is not the screen PDF's page {}", n + 2);
    }
}

// The cover file: one spread of the outside (back cover, spine, front cover) and one of the
// inside (the colophon), 2 × A4 plus a spine of the block's leaves × 0.1 mm wide and 0.5 mm
// for glue and board, fold marks at the spine outside the bleed, and `RapportCover`.
#[test]
fn the_cover_file_is_a_spread_with_the_spine_the_block_needs() {
    let print = print_report();
    let spine = (print.pages / 2) as f64 * 0.1 + 0.5;
    assert!((print.spine_mm - spine).abs() < 0.051, "spine {} mm for {} pages", print.spine_mm, print.pages);
    let [media, bleed, trim] = boxes(&print.cover, 2)[0];
    assert!((trim.width() - (2.0 * A4.0 + spine * PT_PER_MM)).abs() < 0.3, "trim {trim:?}");
    assert!((trim.height() - A4.1).abs() < 0.3, "trim {trim:?}");
    assert!(media.contains(&bleed) && bleed.contains(&trim));
    let outside = page_text(&print.cover, 1);
    for words in ["Besøksadresse", "4-årsrapport", "Asker kommune"] {
        assert!(outside.contains(words), "the outside lacks «{words}»: {outside}");
    }
    assert!(page_text(&print.cover, 2).contains("Ansvarlig redaktør"), "the inside lacks the colophon");
    let bytes = std::fs::read(&print.cover).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    assert_eq!(doc.get_dictionary(info).unwrap().get(b"RapportCover").unwrap(), &Object::Boolean(true));
    // Two fold marks above and two below the trim, at the spine's edges.
    let page = *doc.get_pages().get(&1).unwrap();
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let folds = [trim.x0 + A4.0, trim.x0 + A4.0 + spine * PT_PER_MM];
    let (mut found, mut dashed) = (0, 0);
    let mut dash = false;
    for pair in content.operations.windows(2) {
        let [m, l] = pair else { continue };
        if m.operator == "d" {
            dash = m.operands.first().and_then(|a| a.as_array().ok()).is_some_and(|a| !a.is_empty());
        }
        if m.operator != "m" || l.operator != "l" {
            continue;
        }
        let v: Vec<f64> =
            m.operands.iter().chain(&l.operands).filter_map(|o| o.as_float().ok()).map(f64::from).collect();
        let vertical = (v[0] - v[2]).abs() < 0.01;
        let outside = v[1].min(v[3]) >= bleed.y1 - 0.01 || v[1].max(v[3]) <= bleed.y0 + 0.01;
        if vertical && outside && folds.iter().any(|f| (v[0] - f).abs() < 0.05) {
            found += 1;
            dashed += usize::from(dash);
        }
    }
    assert_eq!(found, 4, "fold marks at the spine");
    // Fold marks are dashed, so the binder does not take them for crop marks.
    assert_eq!(dashed, 4, "the fold marks are dashed");
}

/// The slug line of page `n` of `pdf` (the line that names the job, the page and the date).
fn slug_line(pdf: &std::path::Path, n: usize) -> String {
    whole_page_text(pdf, n).lines().find(|l| is_slug(l)).unwrap_or_default().to_string()
}

// The slug names a page by its folio, the number printed on it (the block's first page is
// folio 3, after the cover and colophon), not by its place in the file; added blank pages
// are named as blank.
#[test]
fn the_slug_names_the_folio() {
    let print = print_report();
    assert!(slug_line(&print.pdf, 1).contains(" · innmat · side 3 · "), "{}", slug_line(&print.pdf, 1));
    // Block page 40 carries folio 42 at its foot; its slug says the same.
    assert!(page_text(&print.pdf, 40).lines().any(|l| l.trim() == "42"), "block page 40 is not folio 42");
    assert!(slug_line(&print.pdf, 40).contains(" · side 42 · "), "{}", slug_line(&print.pdf, 40));
    for blank in print.pages - print.added_pages + 1..=print.pages {
        assert!(slug_line(&print.pdf, blank).contains(" · blank side · "), "{}", slug_line(&print.pdf, blank));
    }
}

// The block and the cover are two documents: their document IDs (the trailer's first /ID
// and the XMP's DocumentID) differ.
#[test]
fn the_block_and_the_cover_have_their_own_document_ids() {
    let id = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).unwrap();
        let first = doc.trailer.get(b"ID").unwrap().as_array().unwrap()[0].as_str().unwrap().to_vec();
        let text = String::from_utf8_lossy(bytes).into_owned();
        let xmp = text.split("<xmpMM:DocumentID>").nth(1).and_then(|t| t.split('<').next()).map(str::to_string);
        (first, xmp)
    };
    let block = id(&print_report().bytes);
    let cover = id(&std::fs::read(&print_report().cover).unwrap());
    assert_ne!(block.0, cover.0, "the trailer IDs are the same");
    assert!(block.1.is_some() && cover.1.is_some(), "an XMP DocumentID in each");
    assert_ne!(block.1, cover.1, "the XMP DocumentIDs are the same");
}

// Typst's tag tree and bookmarks are carried over: as many headings and tables in the
// structure and as many bookmarks as in the screen PDF, and all the text.
#[test]
fn tag_tree_and_bookmarks_survive() {
    let count = |pdf: &std::path::Path, tag: &str| {
        let out = crate::common::tool("pdfinfo").arg("-struct").arg(pdf).output().unwrap();
        assert!(out.status.success(), "pdfinfo -struct {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.trim_start().starts_with(tag)).count()
    };
    let (screen, print) = (&report().pdf, &print_report().pdf);
    for tag in ["H1", "H2", "Table", "Figure", "LI"] {
        let found = count(screen, tag);
        assert!(found > 0, "the screen PDF's structure has no {tag}: the count sees nothing");
        assert_eq!(found, count(print, tag), "{tag} elements differ");
    }
    let outlines = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).unwrap();
        let outlines = doc.catalog().unwrap().get(b"Outlines").unwrap().as_reference().unwrap();
        doc.get_dictionary(outlines).unwrap().get(b"Count").unwrap().as_i64().unwrap()
    };
    assert_eq!(outlines(&std::fs::read(screen).unwrap()), outlines(&print_report().bytes));
    // The same words as the screen PDF's pages between its covers, page by page (the blank
    // pages add none; the reading order of a page may put its running head and slug line
    // anywhere): the print page has every word of the screen page, and besides them only the
    // words of its slug line (`… · side 3 av 116 · 2023-06-01`).
    let words = |pdf: &std::path::Path, page: usize| {
        let out = crate::common::tool("pdftotext")
            .args(["-raw", "-enc", "UTF-8", "-f", &page.to_string(), "-l", &page.to_string()])
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        normalise(&String::from_utf8_lossy(&out.stdout)).split(' ').map(String::from).collect::<Vec<_>>()
    };
    let slug = ["4-årsrapport", "2020–2023", "2020-2023", "innmat", "side", "av", "2023-06-01", "·"];
    for page in 3..report().pages {
        let mut extra = words(print, page - 2);
        for w in words(screen, page) {
            let at = extra.iter().position(|x| *x == w);
            assert!(at.is_some(), "the print file's page {} lacks «{w}» of the screen PDF's page {page}", page - 2);
            extra.remove(at.unwrap());
        }
        let slugs = extra.iter().all(|w| slug.contains(&w.as_str()) || w.chars().all(|c| c.is_ascii_digit()));
        assert!(
            slugs && extra.len() <= 13,
            "the print file's page {} has more than its slug line: {extra:?}",
            page - 2
        );
    }
}

// The same sources give the same print file, byte for byte.
#[test]
fn print_file_is_reproducible() {
    let root = crate::common::root();
    let mut session = rapport::typeset::session::Session::open(&root, crate::common::EDITION).unwrap();
    let again = rapport::build::build(
        &mut session,
        &rapport::build::Target::Print { output_intent: None, allow_placeholders: true },
    )
    .unwrap();
    assert!(again.pdf == print_report().bytes, "a second print build differs");
}

// With the printer's output profile the print file is PDF/X-4: the profile embedded as a
// GTS_PDFX output intent, the version in the information and XMP, Trapped set, PDF 1.6.
// Without one, the command says plainly that the file is not PDF/X and why.
#[test]
fn pdfx_with_an_output_profile() {
    let project = fixture_project();
    let icc = project.path().join("press.icc");
    std::fs::write(&icc, cmyk_output_profile("Test press CMYK")).unwrap();
    let (code, _, err) = rapport(project.path(), &crate::common::mini_print_build(&icc));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("PDF/X-4 (output intent: Test press CMYK)"), "{err}");
    let bytes = std::fs::read(project.path().join("out/testrapport-trykk.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.6"));
    let doc = Document::load_mem(&bytes).unwrap();
    let intents = doc.catalog().unwrap().get(b"OutputIntents").unwrap().as_array().unwrap();
    let intent = doc.get_dictionary(intents[0].as_reference().unwrap()).unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFX");
    let profile = doc.get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(profile.as_stream().unwrap().dict.get(b"N").unwrap().as_i64().unwrap(), 4);
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(info.get(b"GTS_PDFXVersion").unwrap().as_str().unwrap(), b"PDF/X-4");
    assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"), "XMP lacks the PDF/X version");
    assert!(text.contains("<pdf:Trapped>False</pdf:Trapped>"));
    assert!(
        text.contains("<xmpMM:RenditionClass>default</xmpMM:RenditionClass>") && text.contains("<xmpMM:VersionID>")
    );
    let qpdf = crate::common::tool("qpdf")
        .arg("--check")
        .arg(project.path().join("out/testrapport-trykk.pdf"))
        .output()
        .unwrap();
    assert!(qpdf.status.success());

    // Sheets of 8 pages, so that the fixture's pages need padding.
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "[print]\npage-multiple = 8");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("NOT PDF/X") && err.contains("output profile"), "{err}");
    assert!(err.contains("blank page"), "the command does not say how many pages it added: {err}");
}

// An output profile that is not a CMYK printer profile is refused with what was expected.
#[test]
fn a_wrong_profile_is_refused() {
    let project = fixture_project();
    let mut rgb = cmyk_output_profile("Screen");
    rgb[12..16].copy_from_slice(b"mntr");
    rgb[16..20].copy_from_slice(b"RGB ");
    let path = project.path().join("screen.icc");
    std::fs::write(&path, rgb).unwrap();
    let (code, _, err) = rapport(project.path(), &crate::common::mini_print_build(&path));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("screen.icc") && err.contains("expected an output (printer) profile"), "{err}");
    std::fs::write(&path, b"not a profile").unwrap();
    let (code, _, err) = rapport(project.path(), &crate::common::mini_print_build(&path));
    assert_eq!(code, 2);
    assert!(err.contains("expected an ICC profile"), "{err}");
}

// `output-intent` in [print] must name a file inside the edition folder.
#[test]
fn output_intent_stays_inside_the_edition() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::replace(&toml, "[[parts]]", "[print]\noutput-intent = \"../../press.icc\"\n\n[[parts]]");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("output-intent") && err.contains("expected a path inside the edition folder"), "{err}");
}

// A PNG and a JPEG photo become CMYK images; registration marks and the slug line are drawn
// outside the bleed (the slug in the report's font, searchable); preflight finds the photos'
// low resolution, but nothing about the slug or marks.
#[test]
fn photos_registration_marks_and_slug() {
    let project = fixture_project();
    let edition = project.path().join("data/mini");
    std::fs::create_dir_all(edition.join("photos")).unwrap();
    let photo = image::RgbImage::from_fn(60, 40, |x, y| image::Rgb([(x * 4) as u8, (y * 6) as u8, 200]));
    photo.save(edition.join("photos/small.png")).unwrap();
    photo.save(edition.join("photos/small.jpg")).unwrap();
    for file in ["photos/small.png", "photos/small.jpg"] {
        let photo =
            format!("::: photo\ncredit = \"Test\"\nfile = \"{file}\"\nsize = \"half\"\nalt = \"Et testbilde\"\n:::");
        crate::common::append(&edition.join("chapters/en.md"), &photo);
    }
    let print = "[print]\nregistration-marks = true\nslug = true\n\n[[parts]]";
    crate::common::replace(&edition.join("edition.toml"), "[[parts]]", print);

    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not converted"), "{err}");
    let pdf = project.path().join("out/testrapport-trykk.pdf");
    let doc = Document::load_mem(&std::fs::read(&pdf).unwrap()).unwrap();
    let images: Vec<_> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .filter(|s| s.dict.get(b"ColorSpace").and_then(Object::as_name).ok() != Some(b"DeviceGray"))
        .map(|s| s.dict.get(b"ColorSpace").and_then(Object::as_name).unwrap_or(b"?").to_vec())
        .collect();
    assert_eq!(images.len(), 2, "two photos");
    assert!(images.iter().all(|s| s == b"DeviceCMYK"), "{images:?}");
    let (lines, _, _) = marks(&doc, 0);
    assert_eq!(lines.len(), 8 + 4 * 2, "crop marks and four registration cross hairs");
    let text = pdftotext(&pdf, false);
    assert!(text.contains("Testrapport · mini · side 1 · 2023-06-01"), "no slug line in {text}");

    let (code, out, _) = rapport(project.path(), &["preflight", pdf.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("error")).collect();
    assert!(!errors.is_empty() && errors.iter().all(|l| l.contains("resolution")), "{out}");
}

// A book of few pages is saddle-stitched: one print file, its cover included; the same book
// with `binding = "perfect"` gets a block and a cover file, its thin spine left without a title.
#[test]
fn a_stitched_book_is_one_file_a_glued_one_two() {
    let project = fixture_project();
    let out = project.path().join("out");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("testrapport-trykk.pdf").is_file(), "{err}");
    assert!(!out.join("testrapport-trykk-omslag.pdf").exists());
    crate::common::append(&project.path().join("data/mini/edition.toml"), "\n[print]\nbinding = \"perfect\"\n");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.join("testrapport-trykk-innmat.pdf").is_file() && out.join("testrapport-trykk-omslag.pdf").is_file(),
        "{err}"
    );
    assert!(err.contains("too narrow for the title"), "{err}");
    // The proof of the print job shows the cover spreads too, wider than high.
    let (code, _, err) = rapport(project.path(), &["proof", "--edition", "mini", "--print-pages", "3", "--ppi", "20"]);
    assert_eq!(code, 0, "{err}");
    let png = std::fs::read(out.join("proof/print-cover-001.png")).expect("the outside spread's proof");
    let (width, height) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert!(width > height, "a spread of two pages: {width} × {height} px");
    assert!(out.join("proof/print-cover-002.png").is_file() && out.join("proof/print-page-003.png").is_file());
}

/// The mini edition bound perfect (a block and a cover file), with `extra` appended to its
/// chapter, and its print job built; the build's messages.
fn perfect_bound_mini(extra: &str) -> (tempfile::TempDir, String) {
    let project = fixture_project();
    crate::common::append(&project.path().join("data/mini/edition.toml"), "\n[print]\nbinding = \"perfect\"\n");
    if !extra.is_empty() {
        crate::common::append(&project.path().join("data/mini/chapters/en.md"), extra);
    }
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    (project, err)
}

// `proof --print-pages` takes folios, the numbers printed on the pages: folio 3 is the
// block's first page; folio 1 lies in the cover file, proofed as its spreads; a folio the
// book lacks is refused naming those it has.
#[test]
fn proof_print_pages_by_folio() {
    let (project, _) = perfect_bound_mini("");
    let out = project.path().join("out");
    let block = std::fs::read(out.join("testrapport-trykk-innmat.pdf")).unwrap();
    let first = tempfile::tempdir().unwrap();
    let want = rapport::outputs::print::render::render_pages(block, &[(1, 1)], 20.0, first.path(), "p").unwrap();
    let (code, stdout, err) =
        rapport(project.path(), &["proof", "--edition", "mini", "--print-pages", "3", "--ppi", "20"]);
    assert_eq!(code, 0, "{err}");
    let proof = std::fs::read(out.join("proof/print-page-003.png")).expect("folio 3's proof");
    assert!(proof == std::fs::read(&want[0]).unwrap(), "print-page-003.png is not the block's first page: {stdout}");
    assert!(!out.join("proof/print-page-001.png").exists());
    let (code, stdout, err) =
        rapport(project.path(), &["proof", "--edition", "mini", "--print-pages", "1", "--ppi", "20"]);
    assert_eq!(code, 0, "{err}");
    assert!(format!("{stdout}{err}").contains("page 1 is on the cover"), "{stdout}{err}");
    assert!(!out.join("proof/print-page-001.png").exists() && out.join("proof/print-cover-001.png").is_file());
    let (code, _, err) = rapport(project.path(), &["proof", "--edition", "mini", "--print-pages", "9", "--ppi", "20"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("found `9`") && err.contains("3–4"), "{err}");
}

// Each file of a perfect-bound job counts its own position marks: the cover its missing
// photo, the block the chapter's, not the edition's two each; preflight of the edition
// refuses the cover for its own.
#[test]
fn block_and_cover_count_their_own_position_marks() {
    let (project, err) = perfect_bound_mini("::: photo\ncredit = \"Ola Nordmann\"\n:::");
    let out = project.path().join("out");
    assert!(err.contains("2 position mark(s)"), "{err}");
    let count = |file: &str| rapport::outputs::print::placeholders_in(&std::fs::read(out.join(file)).unwrap());
    assert_eq!(count("testrapport-trykk-omslag.pdf"), 1, "the cover's marks");
    assert_eq!(count("testrapport-trykk-innmat.pdf"), 1, "the block's marks");
    let (code, stdout, err) = rapport(project.path(), &["preflight", "--edition", "mini"]);
    assert_eq!(code, 1, "{stdout}{err}");
    assert!(err.contains("cover file of edition mini: the file holds 1 position mark(s)"), "{stdout}{err}");
    assert!(err.contains("book block of edition mini: the file holds 1 position mark(s)"), "{stdout}{err}");
}

/// The spine's title on the outside spread of a cover file: how far its letters keep from
/// the left and the right fold, in millimetres, measured on a 600 ppi rendering (pdftoppm) of
/// the spine (a pixel unlike the spine's fill is a letter's, so the edge of a letter's
/// antialiasing counts: the measure may fall short by a pixel, 0.04 mm); none when the spine
/// is plain.
fn spine_title_clearance(cover: &std::path::Path, spine_mm: f64) -> Option<(f64, f64)> {
    let [media, _, trim] = boxes(cover, 1)[0];
    let px_per_mm = 600.0 / 25.4;
    let fold = (trim.x0 - media.x0) / PT_PER_MM + 210.0;
    let (x, width) = ((fold * px_per_mm).round() as i64, (spine_mm * px_per_mm).round() as i64);
    let dir = tempfile::tempdir().unwrap();
    let status = crate::common::tool("pdftoppm")
        .args(["-r", "600", "-f", "1", "-l", "1", "-x", &x.to_string(), "-y", "0", "-W", &width.to_string()])
        .args(["-H", &((media.height() / 72.0 * 600.0) as i64).to_string(), "-singlefile"])
        .arg(cover)
        .arg(dir.path().join("spine"))
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(dir.path().join("spine.ppm")).unwrap();
    // P6 width height 255, then the samples.
    let mut fields = bytes.split(|b| b.is_ascii_whitespace()).filter(|f| !f.is_empty());
    let (_, w, h) = (fields.next(), fields.next().unwrap(), fields.next().unwrap());
    let (w, h): (usize, usize) =
        (std::str::from_utf8(w).unwrap().parse().unwrap(), std::str::from_utf8(h).unwrap().parse().unwrap());
    let pixels = &bytes[bytes.len() - w * h * 3..];
    // The fill: the spine's colour in the middle of its top edge (inside the trim).
    let at = |col: usize, row: usize| &pixels[(row * w + col) * 3..(row * w + col) * 3 + 3];
    let top = (((media.y1 - trim.y1) / 72.0 * 600.0) as usize) + 20;
    let fill = at(w / 2, top).to_vec();
    let (mut left, mut right) = (usize::MAX, 0);
    for row in top..h - top {
        for col in 0..w {
            let differs: u32 = at(col, row).iter().zip(&fill).map(|(a, b)| u32::from(a.abs_diff(*b))).sum();
            if differs > 90 {
                left = left.min(col);
                right = right.max(col);
            }
        }
    }
    (left <= right).then(|| (left as f64 / px_per_mm, (w - 1 - right) as f64 / px_per_mm))
}

// The spine's title keeps at least 1.5 mm from each fold (measured on a rendering of the
// default edition's cover), centred across the spine; a spine too thin for it at 8 pt is
// left plain, and the build says so and how wide a spine the title needs.
#[test]
fn the_spine_title_keeps_clear_of_the_folds() {
    let print = print_report();
    if let Some((left, right)) = spine_title_clearance(&print.cover, print.spine_mm) {
        assert!(left >= 1.45 && right >= 1.45, "the spine title is {left:.2} and {right:.2} mm from the folds");
        assert!((left - right).abs() < 0.2, "the spine title is off centre: {left:.2} and {right:.2} mm");
    }
    let (project, err) = perfect_bound_mini("");
    assert!(err.contains("too thin for its title") && err.contains("left plain"), "{err}");
    // A spine just wide enough: the title at its smallest, clear of the folds and centred.
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "spine-mm = 6.0");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert!(code == 0 && err.contains("with the title on it"), "{err}");
    let cover = project.path().join("out/testrapport-trykk-omslag.pdf");
    let (left, right) = spine_title_clearance(&cover, 6.0).expect("a title on a 6 mm spine");
    assert!(left >= 1.45 && right >= 1.45, "the spine title is {left:.2} and {right:.2} mm from the folds");
    assert!((left - right).abs() < 0.2, "the spine title is off centre: {left:.2} and {right:.2} mm");
}

// `spine-mm` in [print] sets the spine the printer quotes (board and glue included), in
// place of the one the paper gives: the cover spread is 2 × A4 and that wide, and its title
// sits clear of the folds.
#[test]
fn spine_mm_sets_the_spine() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "\n[print]\nbinding = \"perfect\"\nspine-mm = 9.5\n");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("spine 9.5 mm") && err.contains("with the title on it"), "{err}");
    let cover = project.path().join("out/testrapport-trykk-omslag.pdf");
    let [_, _, trim] = boxes(&cover, 1)[0];
    assert!((trim.width() / PT_PER_MM - 429.5).abs() < 0.05, "the spread is {:.2} mm wide", trim.width() / PT_PER_MM);
    let (left, right) = spine_title_clearance(&cover, 9.5).expect("a title on a 9.5 mm spine");
    assert!(left >= 1.45 && right >= 1.45, "the spine title is {left:.2} and {right:.2} mm from the folds");
    // A spine no printer quotes is an error at its line.
    crate::common::replace(&toml, "spine-mm = 9.5", "spine-mm = -2");
    let (code, _, err) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("spine-mm") && err.contains("found -2") && err.contains("edition.toml:"), "{err}");
}

// The paper a spine is measured by must be paper: a leaf of 0 µm or a negative pages per inch
// is a configuration error at its line in `check`.
#[test]
fn impossible_paper_is_a_configuration_error() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "\n[print]\npaper-caliper-um = 0\npages-per-inch = -400\n");
    let (code, _, err) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("paper-caliper-um") && err.contains("found 0"), "{err}");
    assert!(err.contains("pages-per-inch") && err.contains("found -400"), "{err}");
    assert!(err.contains("edition.toml:"), "no line given: {err}");
}

/// A CMYK output profile whose header and tag table pass but whose lookup tables' type
/// signatures are garbled: the tags are there, their contents are not tables.
fn unconvertible_profile() -> Vec<u8> {
    let mut broken = cmyk_output_profile("Broken press");
    let mut at = 0;
    while let Some(found) = broken[at..].windows(4).position(|w| w == b"mft1") {
        broken[at + found..at + found + 4].copy_from_slice(b"junk");
        at += found + 4;
    }
    broken
}

// A profile whose header and tag table pass but whose colour tables cannot convert a colour
// is refused, not embedded in a file labelled PDF/X-4.
#[test]
fn a_profile_that_cannot_convert_is_refused() {
    let project = fixture_project();
    let broken = unconvertible_profile();
    let path = project.path().join("broken.icc");
    std::fs::write(&path, broken).unwrap();
    let (code, _, err) = rapport(project.path(), &crate::common::mini_print_build(&path));
    assert!(!err.contains("PDF/X-4 (output intent"), "a profile that cannot convert earned the PDF/X label: {err}");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("broken.icc") && err.contains("cannot convert"), "{err}");
    assert!(!project.path().join("out/testrapport-trykk.pdf").exists());
}

// littleCMS's own failure text (English, on two lines) never reaches a bokmål user: a profile
// whose tables cannot convert, and one cut short, are refused in bokmål (seen failing on the
// old binary: «… kan ikke regne om (Could not create the object.\nThe reason is not known …)»
// and «the ICC header gives a size of …»).
#[test]
fn a_refused_profile_reads_in_bokmal() {
    let project = fixture_project();
    let broken = unconvertible_profile();
    let short = cmyk_output_profile("Short press")[..600].to_vec();
    for (name, bytes, expected) in [
        (
            "broken.icc",
            broken,
            "fant en som ikke kan regne om (littleCMS kunne ikke lage en omregning fra profilens tabeller)",
        ),
        ("short.icc", short, "ICC-hodet oppgir en størrelse på"),
    ] {
        let path = project.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, _, err) = rapport(
            project.path(),
            &[
                "build",
                "--lang",
                "nb",
                "--edition",
                "mini",
                "--print",
                "--allow-placeholders",
                "--output-intent",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expected), "{name}: {err}");
        assert!(!err.contains("Could not create") && !err.contains("The reason"), "littleCMS's English: {err}");
    }
}

// A write that fails between the cover file and the book block (a full disk: here a limit on
// the size of a file written) leaves the last good pair as it was, never a new cover beside
// an old block, and no temporary files.
#[test]
fn the_print_pair_is_written_whole_or_not_at_all() {
    let project = fixture_project();
    let out = project.path().join("out");
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "\n[print]\nbinding = \"perfect\"\n");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{err}");
    let pair = ["testrapport-trykk-omslag.pdf", "testrapport-trykk-innmat.pdf"];
    let old: Vec<Vec<u8>> = pair.iter().map(|f| std::fs::read(out.join(f)).unwrap()).collect();
    let (small, large) = (old[0].len().min(old[1].len()), old[0].len().max(old[1].len()));
    assert!(large > small + 4096, "the two files must differ in size for this test: {small} and {large} bytes");
    crate::common::replace(&toml, "title = \"Testrapport\"", "title = \"Testrapport, ny utgave\"");
    // The limit, in blocks of 512 bytes, lets the smaller file through and stops the larger.
    let limit = (small + 2048) / 512 + 1;
    let script = format!("trap '' XFSZ; ulimit -f {limit}; exec \"$0\" \"$@\"");
    let run = std::process::Command::new("sh")
        .env("LANG", "C.UTF-8")
        .args(["-c", &script, env!("CARGO_BIN_EXE_rapport")])
        .args(["build", "--edition", "mini", "--print", "--allow-placeholders", "--project"])
        .arg(project.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_ne!(run.status.code(), Some(0), "the build cannot have written its larger file: {err}");
    for (file, bytes) in pair.iter().zip(&old) {
        assert!(
            std::fs::read(out.join(file)).unwrap() == *bytes,
            "{file} was replaced although its pair was not: {err}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 2, "temporary files left behind: {left:?}");
}

/// A JPEG of `width` × `height` pixels, `colour(x, y)` each, with an EXIF orientation when
/// `orientation` is given (an APP1 segment right after the start of image, as cameras write).
fn jpeg(width: u32, height: u32, colour: impl Fn(u32, u32) -> [u8; 3], orientation: Option<u16>) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| image::Rgb(colour(x, y))))
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
        .unwrap();
    if let Some(orientation) = orientation {
        // TIFF header (big-endian), one IFD of one entry: Orientation (0x0112), SHORT, 1 value.
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
        tiff.extend(orientation.to_be_bytes());
        tiff.extend([0, 0, 0, 0, 0, 0]);
        let mut app1 = vec![0xFF, 0xE1];
        app1.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
        app1.extend(b"Exif\0\0");
        app1.extend(tiff);
        bytes.splice(2..2, app1);
    }
    bytes
}

/// The pages of `pdf` rendered at 30 ppi, as RGB samples (poppler's PPM output).
fn rendered(pdf: &std::path::Path) -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let status =
        crate::common::tool("pdftoppm").args(["-r", "30"]).arg(pdf).arg(dir.path().join("p")).status().unwrap();
    assert!(status.success());
    let mut files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(file).unwrap();
            // P6, width, height, maxval, each followed by one whitespace; then the samples.
            let mut fields = 0;
            let mut at = 0;
            while fields < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields += 1;
            }
            bytes[at + 1..].to_vec()
        })
        .collect()
}

// A photo taken upright but stored on its side with an EXIF orientation (6: turn 90° clockwise)
// stands upright in the screen PDF and in the print file: the pages look as those of the same
// photo stored upright.
#[test]
fn exif_orientation_is_honoured_on_screen_and_in_print() {
    let (blue, green) = ([0, 0, 255], [0, 255, 0]);
    // Stored on its side: green on top, blue below; shown turned, green right, blue left.
    let sideways = jpeg(160, 80, |_, y| if y < 40 { green } else { blue }, Some(6));
    let upright = jpeg(80, 160, |x, _| if x < 40 { blue } else { green }, None);
    let mut pages = Vec::new();
    for photo in [sideways, upright] {
        let project = crate::common::fixture_project();
        std::fs::create_dir_all(project.path().join("data/mini/photos")).unwrap();
        std::fs::write(project.path().join("data/mini/photos/bilde.jpg"), photo).unwrap();
        let block = "\n::: photo\nfile = \"photos/bilde.jpg\"\nalt = \"Et bilde\"\ncredit = \"Ola\"\n:::\n";
        crate::common::append(&project.path().join("data/mini/chapters/en.md"), block);
        let mut both = Vec::new();
        for args in
            [&["build", "--edition", "mini"][..], &["build", "--edition", "mini", "--print", "--allow-placeholders"]]
        {
            let (code, _, err) = rapport(project.path(), args);
            assert_eq!(code, 0, "{err}");
        }
        for file in ["testrapport.pdf", "testrapport-trykk.pdf"] {
            both.push(rendered(&project.path().join("out").join(file)));
        }
        pages.push(both);
    }
    for (kind, (turned, upright)) in ["screen PDF", "print file"].iter().zip(pages[0].iter().zip(&pages[1])) {
        assert_eq!(turned.len(), upright.len(), "{kind}: page counts");
        for (n, (a, b)) in turned.iter().zip(upright).enumerate() {
            let differing = a
                .chunks(3)
                .zip(b.chunks(3))
                .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > 80))
                .count();
            assert!(
                differing * 200 < a.len() / 3,
                "{kind}, page {}: {differing} pixels differ from the upright photo's",
                n + 1
            );
        }
    }
}

/// What a bokmål reader sees of `said` in English: the English words of a list that stand
/// outside `…` and `[…]` (what the user types), «…» (a name quoted from a file) and
/// preflight's check names (`reversed-type`, as `--help` and the docs name them), and the
/// numbers written with a decimal point.
fn english_in(said: &str) -> Vec<String> {
    const ENGLISH: &[&str] = &[
        "output",
        "intent",
        "profile",
        "print",
        "file",
        "files",
        "page",
        "pages",
        "picture",
        "pictures",
        "photo",
        "converted",
        "through",
        "without",
        "spine",
        "the",
        "and",
        "with",
        "wrote",
        "done",
        "cover",
        "ink",
        "colour",
        "own",
        "expected",
        "found",
        "warning",
        "error",
        "passes",
        "not",
        "blank",
        "added",
        "small",
        "type",
        "inks",
        "too",
        "narrow",
        "title",
        "marks",
        "bleed",
        "ready",
        "needs",
        "given",
    ];
    let quoted = regex::Regex::new(r"`[^`]*`|«[^»]*»|\[[a-z-]+\]|(?m)^(advarsel|feil) +[a-z-]+").unwrap();
    let plain = quoted.replace_all(said, " ");
    let mut found: Vec<String> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(|w| format!("the word «{w}»"))
        .collect();
    let point = regex::Regex::new(r"[0-9]\.[0-9]").unwrap();
    found.extend(point.find_iter(&plain).map(|m| format!("the number «{}»", m.as_str())));
    found
}

// Under a Norwegian locale every line of the print build and of preflight reads in bokmål,
// numbers Norwegian style: no English word of a list and no decimal point outside what is
// quoted, for a job without a profile (not PDF/X), with rapport's own FOGRA39 (PDF/X-4) and a
// perfect-bound pair. (Seen failing on «output intent» in the PDF/X line and «ΔE 8.8».)
#[test]
fn the_print_build_and_preflight_read_in_bokmal() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "\n[print]\nbinding = \"perfect\"\n");
    let nb = |args: &[&str]| {
        let (code, out, err) = crate::common::rapport_in(project.path(), args, "nb_NO.UTF-8");
        assert_eq!(code, 0, "{out}{err}");
        format!("{out}{err}")
    };
    let build = ["build", "--edition", "mini", "--print", "--allow-placeholders"];
    let mut said = nb(&build);
    assert!(said.contains("IKKE PDF/X"), "{said}");
    crate::common::append(&toml, "printing-condition = \"FOGRA39\"\n");
    let pdfx = nb(&build);
    assert!(pdfx.contains("trykkfil: PDF/X-4 (utdataprofil: FOGRA39, rapports egen profil"), "{pdfx}");
    said.push_str(&pdfx);
    for file in ["testrapport-trykk-innmat.pdf", "testrapport-trykk-omslag.pdf"] {
        let path = project.path().join("out").join(file);
        said.push_str(&nb(&["preflight", path.to_str().unwrap(), "--edition", "mini", "--allow-placeholders"]));
    }
    let english = english_in(&said);
    assert!(english.is_empty(), "{}\nin:\n{said}", english.join(", "));
}

// The spine is the paper's width plus what glue and board add (`spine-allowance-mm`), and
// the build says both; the cover spread is that much wider (seen failing before the key
// existed: an unknown key of [print]).
#[test]
fn the_spine_adds_glue_and_board_to_the_paper() {
    let (project, said) = perfect_bound_mini("");
    assert!(said.contains("mm of paper and 0.5 mm for glue and board"), "{said}");
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::append(&toml, "spine-allowance-mm = 1.5\n");
    let (code, _, said) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{said}");
    let line = said
        .lines()
        .find(|l| l.starts_with("wrote") && l.contains("spine "))
        .unwrap_or_else(|| panic!("no spine line: {said}"));
    let number = |after: &str| -> f64 {
        let at = line.find(after).unwrap_or_else(|| panic!("«{after}» in {line}")) + after.len();
        line[at..].split(' ').next().unwrap().parse().unwrap()
    };
    let (spine, paper) = (number("spine "), number("pages: "));
    assert!(line.contains("mm of paper and 1.5 mm for glue and board"), "{line}");
    assert!((spine - (paper + 1.5)).abs() < 0.051, "{line}");
    let cover = project.path().join("out/testrapport-trykk-omslag.pdf");
    let [_, _, trim] = boxes(&cover, 1)[0];
    assert!(
        (trim.width() / PT_PER_MM - (420.0 + spine)).abs() < 0.05,
        "the spread is {:.2} mm wide",
        trim.width() / PT_PER_MM
    );
    // An allowance no binder adds is an error at its line.
    crate::common::replace(&toml, "spine-allowance-mm = 1.5", "spine-allowance-mm = 40");
    let (code, _, err) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("spine-allowance-mm") && err.contains("found 40") && err.contains("edition.toml:"), "{err}");
}

// The blank pages added to fill the last sheet are counted and named by the folios they
// fall on (those after the last page's), and more than one is a warning (seen failing
// before: the build gave their count alone).
#[test]
fn blank_pages_are_named_by_folio() {
    let project = fixture_project();
    crate::common::append(&project.path().join("data/mini/edition.toml"), "\n[print]\npage-multiple = 8\n");
    let (code, _, said) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{said}");
    let pdf = project.path().join("out/testrapport-trykk.pdf");
    let pages = Document::load(&pdf).unwrap().get_pages().len();
    let blank: Vec<usize> = (1..=pages).filter(|n| slug_line(&pdf, *n).contains(" · blank side · ")).collect();
    assert!(blank.len() > 1, "the fixture needs blank pages: {blank:?} of {pages}");
    // Folios run on from the page before the first blank one.
    let before: u64 = slug_line(&pdf, blank[0] - 1)
        .split(" · side ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no folio in {}", slug_line(&pdf, blank[0] - 1)));
    let (first, last) = (before + 1, before + blank.len() as u64);
    let folios = if blank.len() == 2 { format!("{first}, {last}") } else { format!("{first}\u{2013}{last}") };
    assert!(
        said.contains(&format!("blank pages added to fill the last sheet: {} (folios {folios})", blank.len())),
        "{said}"
    );
    assert!(
        said.contains(&format!("warning: the print job holds {} blank pages (folios {folios})", blank.len())),
        "{said}"
    );
}

// A print job with position marks and «Tall kommer» in its tables is named by the folios
// they stand on: the build warns with them, preflight of the file lists them as warnings a
// printer reads, and `refuse-pending = true` fails both (seen failing before: the numbers
// went unnoticed, the marks were named by the report's file pages).
#[test]
fn position_marks_and_pending_numbers_are_named_by_folio() {
    let project = fixture_project();
    let edition = project.path().join("data/mini");
    crate::common::replace(
        &edition.join("edition.toml"),
        "status-words = [\"Ikke målt\"]",
        "status-words = [\"Ikke målt\", \"Tall kommer\"]",
    );
    crate::common::replace(&edition.join("key-figures/en.csv"), "15,1 %;Ikke målt", "Tall kommer;Ikke målt");
    let (code, _, said) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{said}");
    let pdf = project.path().join("out/testrapport-trykk.pdf");
    let pages = Document::load(&pdf).unwrap().get_pages().len();
    let words = |n: usize| page_text(&pdf, n).split_whitespace().collect::<Vec<_>>().join(" ");
    let at = (1..=pages).find(|n| words(*n).contains("Tall kommer")).expect("«Tall kommer» in the table");
    let folio = slug_line(&pdf, at).split(" · side ").nth(1).and_then(|r| r.split(' ').next()).unwrap().to_string();
    assert!(
        said.contains(&format!("1 word(s) standing for numbers still to come («Tall kommer»), on folios {folio}:")),
        "{said}"
    );
    assert!(said.contains("position mark(s) for missing assets, on folios 1 (photo)"), "{said}");
    let file = pdf.to_str().unwrap();
    let (code, out, err) = rapport(project.path(), &["preflight", file, "--edition", "mini", "--allow-placeholders"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pending-numbers") && out.contains(&format!("still to come, on folios {folio}")), "{out}");
    assert!(out.contains("placeholders") && out.contains("on folios 1 (photo)"), "{out}");
    // The final job refuses them.
    crate::common::append(&edition.join("edition.toml"), "\n[print]\nrefuse-pending = true\n");
    let (code, _, err) = rapport(project.path(), &["preflight", file, "--edition", "mini", "--allow-placeholders"]);
    assert_eq!(code, 0, "a proof passes: {err}");
    let (code, _, err) = rapport(project.path(), &["preflight", file, "--edition", "mini"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("word(s) standing for numbers still to come"), "{err}");
    let (code, _, err) = rapport(project.path(), &["build", "--edition", "mini", "--print"]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("on folios 1 (photo)"), "position marks by folio: {err}");
}

// White type under 8 pt knocked out of a field of more than two inks (the goal icon's
// lettering in the mini edition) is named by the build with the folio preflight finds it on
// (seen failing before: only preflight said it, by file page).
#[test]
fn small_reversed_type_on_many_inks_is_named_by_the_build() {
    let project = fixture_project();
    let (code, _, said) = rapport(project.path(), &["build", "--edition", "mini", "--print", "--allow-placeholders"]);
    assert_eq!(code, 0, "{said}");
    let pdf = project.path().join("out/testrapport-trykk.pdf");
    let (_, out, _) =
        rapport(project.path(), &["preflight", pdf.to_str().unwrap(), "--edition", "mini", "--allow-placeholders"]);
    let page: usize = out
        .lines()
        .find(|l| l.contains("reversed-type"))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the fixture has reversed small type: {out}"));
    let folio = slug_line(&pdf, page).split(" · side ").nth(1).and_then(|r| r.split(' ').next()).unwrap().to_string();
    assert!(said.contains("white type under 8 pt knocked out of a field of more than two inks on folios"), "{said}");
    let line = said.lines().find(|l| l.contains("white type under 8 pt")).unwrap();
    assert!(
        line.split(" on folios ").nth(1).unwrap().split(':').next().unwrap().split(", ").any(|f| f == folio),
        "{line} lacks folio {folio}"
    );
}
