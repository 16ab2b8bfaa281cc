//! A print job a printer takes: checked with tools that are not rapport's own. Ghostscript
//! renders the print file's four plates (`pamcmyk32`, overprint simulated), poppler gives every
//! word's box, and small type is judged on the plates: the ink a word is printed in is where its
//! glyphs add ink to a plate.

use std::path::Path;
use std::process::Command;

use crate::common::print_report;

/// The plates of one page: width, height, and C, M, Y, K samples (0–255) a pixel.
struct Plates {
    width: usize,
    height: usize,
    samples: Vec<u8>,
}

impl Plates {
    fn at(&self, x: usize, y: usize, plate: usize) -> u8 {
        self.samples[(y * self.width + x) * 4 + plate]
    }
}

/// Reads a PAM file (P7, TUPLTYPE CMYK, 8 bits) as Ghostscript's pamcmyk32 writes it.
fn read_pam(path: &Path) -> Plates {
    let bytes = std::fs::read(path).expect("a PAM page");
    let mut header = std::collections::HashMap::new();
    let mut at = 0;
    loop {
        let end = at + bytes[at..].iter().position(|b| *b == b'\n').expect("a PAM header line");
        let line = String::from_utf8_lossy(&bytes[at..end]).to_string();
        at = end + 1;
        if line == "ENDHDR" {
            break;
        }
        if let Some((key, value)) = line.split_once(' ') {
            header.insert(key.to_string(), value.trim().to_string());
        }
    }
    let number = |key: &str| header[key].parse::<usize>().expect("a number");
    assert_eq!(header["TUPLTYPE"], "CMYK", "pamcmyk32 writes CMYK");
    Plates { width: number("WIDTH"), height: number("HEIGHT"), samples: bytes[at..].to_vec() }
}

/// A word poppler found: its page-relative box in points, and its text.
struct Word {
    page: usize,
    box_pt: [f64; 4],
    text: String,
}

/// Every word of the PDF with its box (`pdftotext -bbox`).
fn words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else { continue };
        let attr = |name: &str| -> f64 {
            let start = rest.find(&format!("{name}=\"")).expect("a box attribute") + name.len() + 2;
            rest[start..].split('"').next().unwrap().parse().expect("a number")
        };
        let text = rest.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_string();
        words.push(Word { page, box_pt: [attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax")], text });
    }
    words
}

/// How a word's glyphs sit on each plate: the share of its box's pixels where the plate has
/// more ink than the box's background (its median), or less (a knockout: reversed type).
fn glyph_ink(plates: &Plates, word: &Word, dpi: f64) -> [(f64, f64); 4] {
    let px = |pt: f64| (pt * dpi / 72.0).round().max(0.0) as usize;
    let [x0, y0, x1, y1] = word.box_pt;
    let (x0, y0) = (px(x0), px(y0));
    let (x1, y1) = (px(x1).min(plates.width), px(y1).min(plates.height));
    let mut out = [(0.0, 0.0); 4];
    for (plate, share) in out.iter_mut().enumerate() {
        let mut values: Vec<u8> = Vec::new();
        for y in y0..y1 {
            for x in x0..x1 {
                values.push(plates.at(x, y, plate));
            }
        }
        if values.is_empty() {
            continue;
        }
        let mut sorted = values.clone();
        sorted.sort_unstable();
        let median = i32::from(sorted[sorted.len() / 2]);
        let n = values.len() as f64;
        let more = values.iter().filter(|v| i32::from(**v) > median + 40).count() as f64 / n;
        let less = values.iter().filter(|v| i32::from(**v) < median - 40).count() as f64 / n;
        *share = (more, less);
    }
    out
}

/// The words of the goals' icons' lettering (assets/sdg/*.svg): reversed out of the goal
/// colours, which keep their builds of up to four inks (layout/print.typ says why).
fn icon_words() -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    for entry in std::fs::read_dir(crate::common::root().join("assets/sdg")).unwrap().flatten() {
        let svg = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for part in svg.split("<tspan").skip(1) {
            let text = part.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("");
            words.extend(text.split_whitespace().map(str::to_string));
        }
    }
    words
}

// Ghostscript's plates of every page: no word of small type (under 12 pt: a box under 14 pt
// high, Inter's ascent and descent being 1.21 em) has its glyphs on more than one plate, and
// no reversed word under 8 pt is cut out of more than two (but the goals' icons' lettering).
#[test]
fn small_type_prints_in_one_ink_on_ghostscripts_plates() {
    let print = print_report();
    let dir = tempfile::tempdir().unwrap();
    let dpi = 72.0;
    let status = Command::new("gs")
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pamcmyk32", "-dOverprint=/simulate", "-r72"])
        .arg(format!("-sOutputFile={}/p%03d.pam", dir.path().display()))
        .arg(&print.pdf)
        .status()
        .expect("Ghostscript (gs, from the ghostscript package) renders the plates");
    assert!(status.success(), "gs failed on the print file");
    let words = words(&print.pdf);
    let icons = icon_words();
    let (mut checked, mut bad) = (0, Vec::new());
    let mut plates: Option<(usize, Plates)> = None;
    for word in words.iter().filter(|w| w.box_pt[3] - w.box_pt[1] < 14.0 && w.text.chars().count() >= 2) {
        if plates.as_ref().map(|(p, _)| *p) != Some(word.page) {
            plates = Some((word.page, read_pam(&dir.path().join(format!("p{:03}.pam", word.page)))));
        }
        let (_, page) = plates.as_ref().unwrap();
        let ink = glyph_ink(page, word, dpi);
        let inked = ink.iter().filter(|(more, _)| *more > 0.04).count();
        let cut = ink.iter().filter(|(_, less)| *less > 0.04).count();
        let reversed_small = word.box_pt[3] - word.box_pt[1] < 9.7;
        checked += 1;
        let icon = inked == 0 && icons.contains(&word.text);
        if inked > 1 || (reversed_small && cut > 2 && !icon) {
            bad.push(format!("page {} «{}»: {inked} plate(s) inked, {cut} cut", word.page, word.text));
        }
    }
    assert!(checked > 5_000, "too few small words checked ({checked}): is pdftotext's bbox output read?");
    assert!(
        bad.is_empty(),
        "{} of {checked} small words print in more than one ink, e.g.\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}
