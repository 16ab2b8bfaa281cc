//! `rapport preflight`: what a printer checks before a job goes to press, on any PDF.
//!
//! Errors stop the job (exit code 1): page boxes missing or not nested, a page count that is
//! not a multiple of 4, fonts not embedded or whose licence forbids embedding, glyphs the
//! fonts lack, colour that is not CMYK (or a spot colour), more than 300 % ink, images under
//! 150 ppi, text within 5 mm of the trim. Warnings: images under 300 ppi, text under 6 pt,
//! lines thinner than 0.25 pt, a font licence that cannot be read.

pub mod press;
pub mod scan;

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Object};

use crate::diag::{Diagnostic, Origin, Severity};
use crate::lang::Lang;
use crate::typeset::pdf::{PT_PER_MM, Rect};
use scan::{PageScan, SpaceKind};

/// The smallest text size that prints reliably, in points.
pub const MIN_TEXT_PT: f64 = 6.0;
/// The thinnest line that prints reliably, in points.
pub const MIN_LINE_PT: f64 = 0.25;
/// Resolution below which an image is a warning, and below which it is an error.
pub const GOOD_PPI: f64 = 300.0;
pub const MIN_PPI: f64 = 150.0;
/// Text under this size should print in one ink (a grey) or two (a colour), and lines under
/// [`SINGLE_INK_LINE_PT`] in one.
pub const SINGLE_INK_TEXT_PT: f64 = 12.0;
pub const SINGLE_INK_LINE_PT: f64 = 1.0;
/// Reversed (white) type under this size should sit on a field of at most two inks.
pub const REVERSED_TEXT_PT: f64 = 8.0;

/// The rules a file is held to: the edition's `[print]` inside a project, else these defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// The page count must be a multiple of this (sheets of four pages).
    pub page_multiple: usize,
    /// Nothing that must be read lies closer to the trim than this, in millimetres.
    pub safe_zone_mm: f64,
    /// The most ink a colour may have, in percent.
    pub ink_limit: f64,
    /// How far art that touches the trim must run past it, in millimetres.
    pub bleed_mm: f64,
    /// Whether words standing for numbers still to come fail the file (`refuse-pending`).
    pub refuse_pending: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { page_multiple: 4, safe_zone_mm: 5.0, ink_limit: 300.0, bleed_mm: 3.0, refuse_pending: false }
    }
}

impl Rules {
    /// The rules of an edition's `[print]`.
    pub fn of(print: &crate::inputs::edition::config::PrintConfig) -> Rules {
        Rules {
            page_multiple: (print.page_multiple as usize).max(1),
            safe_zone_mm: print.safe_zone,
            ink_limit: print.ink_limit(),
            bleed_mm: print.bleed,
            refuse_pending: print.refuse_pending,
        }
    }

    /// The `[print]` rules of the edition `id` of `project` (default: the project's default
    /// edition), for a file checked by name. An edition named must be readable; without one,
    /// `None` when the default edition cannot be read (the defaults apply, which the caller
    /// says).
    pub fn of_edition(project: &Path, id: Option<&str>) -> anyhow::Result<Option<Rules>> {
        if let Some(id) = id {
            let (_, config) = crate::inputs::edition::config::load_config(project, id)?;
            return Ok(Some(Rules::of(&config.print)));
        }
        let left = |id: &str| crate::checks::finished::items_left(project, id);
        let id =
            crate::inputs::edition::catalog::Catalog::read(project).and_then(|c| c.default_edition(project, left)).ok();
        let config = id.and_then(|d| crate::inputs::edition::config::load_config(project, &d.id).ok());
        Ok(config.map(|(_, config)| Rules::of(&config.print)))
    }
}

const ENCRYPTED: &str =
    "expected an unencrypted PDF (a printer's tools refuse or mangle encrypted files), found an encrypted one";

/// The largest PDF `rapport preflight FILE` reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// All findings of a preflight, in page order.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    /// Each a diagnostic of origin preflight, its code the check's name (`safe-zone`), on a
    /// page or about the whole file.
    pub findings: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// Whether a check found something.
    pub fn has(&self, check: &str) -> bool {
        self.findings.iter().any(|f| f.code == Some(check))
    }

    /// The findings as a table, and a summary line.
    pub fn table(&self) -> String {
        self.table_in(Lang::En)
    }

    /// The findings as a table, and a summary line, in `lang` (the checks' names as they are).
    pub fn table_in(&self, lang: Lang) -> String {
        let (head, error, warning) = match lang {
            Lang::En => (["severity", "check", "page", "finding"], "error", "warning"),
            Lang::Nb => (["alvor", "kontroll", "side", "funn"], "feil", "advarsel"),
        };
        let mut out = format!("{:<8} {:<15} {:>5}  {}\n", head[0], head[1], head[2], head[3]);
        for f in &self.findings {
            let page = f.page().map_or("–".to_string(), |p| p.to_string());
            let severity = if f.is_error() { error } else { warning };
            let message = crate::lang::translate(lang, &f.message);
            out.push_str(&format!("{severity:<8} {:<15} {page:>5}  {message}\n", f.code.unwrap_or("")));
        }
        let summary = format!("{} pages: {} error(s), {} warning(s)", self.pages, self.errors(), self.warnings());
        out.push_str(&crate::lang::translate(lang, &summary));
        out.push('\n');
        out
    }

    /// Adds what the file says it holds of an unfinished job (rapport's own document
    /// information): `marks` position marks of missing assets and `pending` words standing
    /// for numbers still to come, each named by the folios (`folios`) a printer reads, as
    /// warnings of the table (`placeholders`, `pending-numbers`); [`Report::verdict`] judges them.
    pub fn note_unfinished(&mut self, marks: (usize, &str), pending: (usize, &str)) {
        // Where the file says they are (`folios 4, 7`; a cover file's spread by name).
        let on = |folios: &str| if folios.is_empty() { String::new() } else { format!(", on {folios}") };
        if marks.0 > 0 {
            let message = format!(
                "expected no position marks for missing pictures, figures, maps or charts, found {}{}",
                marks.0,
                on(marks.1)
            );
            self.add(Severity::Warning, "placeholders", None, message);
        }
        if pending.0 > 0 {
            let message = format!(
                "expected every number in place, found {} word(s) standing for numbers still to come{}",
                pending.0,
                on(pending.1)
            );
            self.add(Severity::Warning, "pending-numbers", None, message);
        }
    }

    /// What the preflight of the file `shown`, holding `marks` position marks and `pending`
    /// words of numbers still to come, comes to: the line that it passes, or why it fails (a
    /// proof's marks pass with `allow_placeholders`; pending numbers fail only a job whose
    /// rules refuse them).
    pub fn verdict(
        &self,
        shown: &str,
        (marks, pending): (usize, usize),
        rules: &Rules,
        allow_placeholders: bool,
    ) -> Result<String, String> {
        let mut why = Vec::new();
        if self.errors() > 0 {
            why.push(format!("preflight of {shown}: {} error(s)", self.errors()));
        }
        if marks > 0 && !allow_placeholders {
            why.push(format!(
                "preflight of {shown}: the file holds {marks} position mark(s) for missing pictures, figures, maps or charts (pass --allow-placeholders to check a proof)"
            ));
        }
        if pending > 0 && rules.refuse_pending && !allow_placeholders {
            why.push(format!(
                "preflight of {shown}: the file holds {pending} word(s) standing for numbers still to come, which `refuse-pending = true` in [print] refuses in the final job (pass --allow-placeholders to check a proof)"
            ));
        }
        if why.is_empty() { Ok(format!("ok: {shown} passes preflight")) } else { Err(why.join("; ")) }
    }

    pub(super) fn add(&mut self, severity: Severity, check: &'static str, page: Option<usize>, message: String) {
        let finding = Diagnostic::new(severity, Origin::Preflight, message).with_code(check);
        self.findings.push(match page {
            Some(page) => finding.on_page(page),
            None => finding,
        });
    }
}

/// Preflights the PDF `bytes`. `fonts_dir` (the project's fonts/) is where the licence of a
/// font embedded without its OS/2 table (bare CFF) is read, by its PostScript name.
pub fn preflight(bytes: &[u8], fonts_dir: Option<&Path>, rules: &Rules) -> anyhow::Result<Report> {
    let options = lopdf::LoadOptions { max_decompressed_size: Some(scan::MAX_CONTENT_BYTES), ..Default::default() };
    let mut report = Report::default();
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        // A file encrypted with a password cannot be opened: it is the encryption a printer
        // cannot take.
        Err(_) if bytes.windows(8).any(|w| w == b"/Encrypt") => {
            report.add(Severity::Error, "encryption", None, ENCRYPTED.into());
            return Ok(report);
        }
        Err(err) => anyhow::bail!("expected a PDF, found one lopdf cannot read: {err}"),
    };
    // lopdf opens a file encrypted with an empty user password and drops `/Encrypt` from the
    // trailer it keeps; the file on disk is still encrypted.
    if doc.trailer.get(b"Encrypt").is_ok() || doc.encryption_state.is_some() {
        report.add(Severity::Error, "encryption", None, ENCRYPTED.into());
        return Ok(report);
    }
    if doc.catalog().is_err() {
        report.add(
            Severity::Error,
            "unreadable",
            None,
            "expected a PDF with a document catalog (/Root), found none".into(),
        );
        return Ok(report);
    }
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    report.pages = pages.len();
    if pages.is_empty() {
        report.add(Severity::Error, "page-count", None, "expected pages, found a PDF with 0 pages".into());
        return Ok(report);
    }
    // A cover file (outside and inside spreads) is printed on its own stock: no sheets of four.
    // Any file can carry the key `RapportCover`, so it counts only on a file shaped as a cover.
    let flagged = crate::typeset::pdf::info_flag(&doc, "RapportCover");
    let spread = cover_spread(&doc, &pages);
    let multiple = rules.page_multiple.max(1);
    if !(flagged && spread.is_ok()) && pages.len() % multiple != 0 {
        let mut message = format!("expected a page count that is a multiple of {multiple}, found {}", pages.len());
        if let (true, Err(why)) = (flagged, &spread) {
            message.push_str(&format!(
                " (the file's `RapportCover` is not taken: expected a cover file's two spreads of one trim, wider than high, found {why})"
            ));
        }
        report.add(Severity::Error, "page-count", None, message);
    }
    let mut work = scan::Work::default();
    let info = info_dict(&doc);
    trapped(info, &mut report);
    pdfx_claim(&doc, info, &mut report);
    output_intents(&doc, &mut work, &mut report);
    fonts(&doc, fonts_dir, &mut work, &mut report);
    let scans = scan::scan(&doc, &pages, &mut work);
    let mut first_trim: Option<Rect> = None;
    for (i, (page, scanned)) in pages.iter().zip(&scans).enumerate() {
        let n = i + 1;
        for problem in &scanned.problems {
            report.add(Severity::Error, "unreadable", Some(n), problem.clone());
        }
        let trim = boxes(&doc, *page, n, &mut report);
        if let Some((trim, _)) = trim {
            same_trim(n, &trim, first_trim.get_or_insert(trim), &mut report);
        }
        page_checks(n, scanned, trim, rules, &mut report);
        press::page_checks(n, scanned, trim, rules, &mut report);
        annotations(&doc, *page, n, trim, &mut report);
    }
    report.findings.sort_by_key(|f| (f.page().unwrap_or(0), f.severity, f.code));
    Ok(report)
}

/// Whether the pages are shaped as a cover file: two pages (the outside and the inside
/// spread) of one trim, each wider than high (two pages side by side with the spine between
/// them); else what was found instead.
fn cover_spread(doc: &Document, pages: &[lopdf::ObjectId]) -> Result<(), String> {
    if pages.len() != 2 {
        return Err(format!("a file of {} pages", pages.len()));
    }
    let trim = |page: lopdf::ObjectId| {
        let value = doc.get_dictionary(page).ok()?.get(b"TrimBox").ok()?;
        Rect::from_object(doc.dereference(value).map(|(_, o)| o).unwrap_or(value))
    };
    let (Some(first), Some(second)) = (trim(pages[0]), trim(pages[1])) else {
        return Err("pages without a TrimBox".into());
    };
    let (width, height) = (first.width() / PT_PER_MM, first.height() / PT_PER_MM);
    if (first.width() - second.width()).abs() > 0.5 || (first.height() - second.height()).abs() > 0.5 {
        return Err("two pages of different trims".into());
    }
    if width <= height {
        return Err(format!("pages of {width:.0} × {height:.0} mm, higher than wide"));
    }
    Ok(())
}

/// The largest page side a printer takes, in points (5 m: PDF's own limit is 200 inches).
pub const MAX_PAGE_PT: f64 = 14_400.0;

/// The page's boxes: TrimBox and BleedBox present, MediaBox ⊇ BleedBox ⊇ TrimBox. Returns
/// the trim and the bleed box.
fn boxes(doc: &Document, page: lopdf::ObjectId, n: usize, report: &mut Report) -> Option<(Rect, Rect)> {
    // Only the MediaBox is inherited; TrimBox and BleedBox belong to the page.
    let get = |key: &[u8]| {
        let value = match key {
            b"MediaBox" => crate::typeset::pdf::inherited(doc, page, key),
            _ => doc.get_dictionary(page).ok().and_then(|dict| dict.get(key).ok()),
        }?;
        Rect::from_object(doc.dereference(value).map(|(_, o)| o).unwrap_or(value))
    };
    let (media, bleed, trim) = (get(b"MediaBox"), get(b"BleedBox"), get(b"TrimBox"));
    let mut missing = Vec::new();
    for (name, value) in [("MediaBox", media), ("BleedBox", bleed), ("TrimBox", trim)] {
        if value.is_none() {
            missing.push(name);
        }
    }
    if !missing.is_empty() {
        report.add(
            Severity::Error,
            "boxes",
            Some(n),
            format!("expected MediaBox, BleedBox and TrimBox, found no {}", missing.join(", ")),
        );
        return trim.map(|t| (t, bleed.unwrap_or(t)));
    }
    let (media, bleed, trim) = (media?, bleed?, trim?);
    for (name, r) in [("MediaBox", &media), ("BleedBox", &bleed), ("TrimBox", &trim)] {
        let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
        let sane = |v: f64| (1.0..=MAX_PAGE_PT).contains(&v);
        if !sane(w) || !sane(h) || ![r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) {
            report.add(
                Severity::Error,
                "boxes",
                Some(n),
                format!("expected a {name} between 1 and {MAX_PAGE_PT} pt a side, found {}", show(r)),
            );
            return None;
        }
    }
    if !media.contains(&bleed) || !bleed.contains(&trim) {
        report.add(
            Severity::Error,
            "boxes",
            Some(n),
            format!(
                "expected TrimBox {} inside BleedBox {} inside MediaBox {}",
                show(&trim),
                show(&bleed),
                show(&media)
            ),
        );
    }
    Some((trim, bleed))
}

/// Every page is cut to the same size as the first.
fn same_trim(n: usize, trim: &Rect, first: &Rect, report: &mut Report) {
    let mm = |v: f64| v / PT_PER_MM;
    if (trim.width() - first.width()).abs() > 0.5 || (trim.height() - first.height()).abs() > 0.5 {
        report.add(
            Severity::Error,
            "trim-size",
            Some(n),
            format!(
                "expected every page trimmed as page 1, {:.1} × {:.1} mm, found {:.1} × {:.1} mm",
                mm(first.width()),
                mm(first.height()),
                mm(trim.width()),
                mm(trim.height())
            ),
        );
    }
}

fn show(r: &Rect) -> String {
    format!("[{:.2} {:.2} {:.2} {:.2}]", r.x0, r.y0, r.x1, r.y1)
}

fn page_checks(n: usize, scanned: &PageScan, boxes: Option<(Rect, Rect)>, rules: &Rules, report: &mut Report) {
    let missing: usize = scanned.text.iter().map(|t| t.missing_glyphs).sum();
    if missing > 0 {
        let fonts: Vec<&str> = scanned.text.iter().filter(|t| t.missing_glyphs > 0).map(|t| t.font.as_str()).collect();
        report.add(
            Severity::Error,
            "missing-glyphs",
            Some(n),
            format!(
                "expected every character in its font, found {missing} glyph(s) missing (.notdef) in {}",
                dedup(&fonts)
            ),
        );
    }
    let small: Vec<f64> = scanned.text.iter().map(|t| t.size).filter(|s| *s < MIN_TEXT_PT - 0.01).collect();
    if let Some(smallest) = small.iter().copied().reduce(f64::min) {
        report.add(
            Severity::Warning,
            "text-size",
            Some(n),
            format!(
                "expected text of at least {MIN_TEXT_PT} pt, found {} run(s) under it, the smallest {smallest:.2} pt",
                small.len()
            ),
        );
    }
    let thin: Vec<f64> = scanned.strokes.iter().map(|s| s.width).filter(|w| *w < MIN_LINE_PT - 0.001).collect();
    if let Some(thinnest) = thin.iter().copied().reduce(f64::min) {
        report.add(
            Severity::Warning,
            "line-width",
            Some(n),
            format!(
                "expected lines of at least {MIN_LINE_PT} pt, found {} thinner, the thinnest {thinnest:.3} pt",
                thin.len()
            ),
        );
    }
    listed(report, n, "colour", &scanned.other_colours, |found| {
        format!("expected CMYK or spot colours only, found {found}")
    });
    listed(report, n, "transparency", &scanned.blend_spaces, |found| {
        format!("expected transparency to blend in CMYK (a group's /CS), found {found}: the flattened colours shift")
    });
    let limit = rules.ink_limit;
    let heavy: Vec<f64> = scanned.ink_totals.iter().copied().filter(|t| *t > limit + 0.5).collect();
    if let Some(most) = heavy.iter().copied().reduce(f64::max) {
        report.add(
            Severity::Error,
            "total-ink",
            Some(n),
            format!("expected at most {limit} % ink, found {} colour(s) above it, the most {most:.0} %", heavy.len()),
        );
    }
    for image in &scanned.images {
        let id = format!("image {} {}", image.id.0, image.id.1);
        if let SpaceKind::Other(what) = &image.space {
            report.add(Severity::Error, "colour", Some(n), format!("expected a CMYK image, found {id} in {what}"));
        }
        if image.max_ink > limit + 0.5 {
            report.add(
                Severity::Error,
                "total-ink",
                Some(n),
                format!("expected at most {limit} % ink, found {id} with pixels of {:.0} %", image.max_ink),
            );
        }
        if image.ppi < MIN_PPI {
            report.add(
                Severity::Error,
                "resolution",
                Some(n),
                format!(
                    "expected images of at least {MIN_PPI} ppi (better {GOOD_PPI}), found {id} at {:.0} ppi",
                    image.ppi
                ),
            );
        } else if image.ppi < GOOD_PPI {
            report.add(
                Severity::Warning,
                "resolution",
                Some(n),
                format!("expected images of {GOOD_PPI} ppi at their placed size, found {id} at {:.0} ppi", image.ppi),
            );
        }
    }
    let Some((trim, bleed)) = boxes else { return };
    let zone = rules.safe_zone_mm;
    let safe = trim.grow(-zone * PT_PER_MM);
    let intersects = |r: &Rect, b: &Rect| r.x0 < b.x1 && r.x1 > b.x0 && r.y0 < b.y1 && r.y1 > b.y0;
    // Text outside the bleed (a slug line) is cut off with the marks; text on the page must
    // keep clear of the trim.
    let near: Vec<&scan::TextRun> =
        scanned.text.iter().filter(|t| intersects(&t.bounds, &bleed) && !safe.contains(&t.bounds)).collect();
    if let Some(first) = near.first() {
        let distance = [
            first.bounds.x0 - trim.x0,
            trim.x1 - first.bounds.x1,
            first.bounds.y0 - trim.y0,
            trim.y1 - first.bounds.y1,
        ]
        .into_iter()
        .fold(f64::MAX, f64::min)
            / PT_PER_MM;
        report.add(
            Severity::Error,
            "safe-zone",
            Some(n),
            format!(
                "expected text at least {zone} mm inside the trim, found {} run(s) closer, the first {distance:.1} mm from it",
                near.len()
            ),
        );
    }
}

/// An error of `check` on page `n` naming each of `items` once, when there are any.
fn listed(report: &mut Report, n: usize, check: &'static str, items: &[String], message: impl Fn(String) -> String) {
    if !items.is_empty() {
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        report.add(Severity::Error, check, Some(n), message(dedup(&items)));
    }
}

fn dedup(items: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        if !seen.contains(item) {
            seen.push(item);
        }
    }
    seen.join(", ")
}

/// The document information dictionary, if the file has one.
fn info_dict(doc: &Document) -> Option<&lopdf::Dictionary> {
    crate::typeset::pdf::resolve_dict(doc, doc.trailer.get(b"Info").ok()?)
}

/// `Trapped` says whether the printer must trap the file: `True` or `False`, as PDF/X
/// requires; missing or `Unknown`, the printer cannot tell.
fn trapped(info: Option<&lopdf::Dictionary>, report: &mut Report) {
    let value = info.and_then(|i| i.get(b"Trapped").ok());
    let found = match value {
        Some(Object::Name(name)) if name == b"True" || name == b"False" => return,
        Some(Object::Boolean(_)) => "a boolean where a name belongs (`/True`, `/False`)".to_string(),
        Some(Object::Name(name)) => format!("`/{}`", String::from_utf8_lossy(name)),
        Some(_) => "a value that is not a name".to_string(),
        None => "no `Trapped` key".to_string(),
    };
    report.add(
        Severity::Error,
        "trapped",
        None,
        format!("expected `/Trapped /True` or `/False` in the document information (whether the file is trapped), found {found}"),
    );
}

/// A file that claims PDF/X (`GTS_PDFXVersion` in its information or XMP) must name its
/// printing condition: a `GTS_PDFX` output intent.
fn pdfx_claim(doc: &Document, info: Option<&lopdf::Dictionary>, report: &mut Report) {
    let in_info = info.and_then(|i| i.get(b"GTS_PDFXVersion").ok()).is_some();
    let in_xmp = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Metadata").ok()?.as_reference().ok())
        .and_then(|id| doc.get_object(id).ok()?.as_stream().ok())
        .and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())))
        .is_some_and(|xmp| xmp.windows(15).any(|w| w == b"GTS_PDFXVersion"));
    if !in_info && !in_xmp {
        return;
    }
    let intents = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"OutputIntents").ok())
        .and_then(|o| doc.dereference(o).ok()?.1.as_array().ok().cloned())
        .unwrap_or_default();
    let pdfx = intents.iter().filter_map(|i| crate::typeset::pdf::resolve_dict(doc, i)).any(|i| {
        i.get(b"S").and_then(Object::as_name).ok() == Some(b"GTS_PDFX") && i.get(b"DestOutputProfile").is_ok()
    });
    if !pdfx {
        let found = if intents.is_empty() { "none" } else { "no `GTS_PDFX` intent with a profile" };
        report.add(
            Severity::Error,
            "output-intent",
            None,
            format!("expected a PDF/X file (it claims `GTS_PDFXVersion`) to carry its output intent, found {found}"),
        );
    }
}

/// Annotations on the page that a PDF/X file may not hold where it prints: anything but
/// printer's marks and trap networks inside the bleed (a link prints as nothing, or as a
/// box, depending on the printer's RIP).
fn annotations(doc: &Document, page: lopdf::ObjectId, n: usize, boxes: Option<(Rect, Rect)>, report: &mut Report) {
    let Some(annots) = doc.get_dictionary(page).ok().and_then(|p| p.get(b"Annots").ok()) else { return };
    let annots = doc.dereference(annots).ok().and_then(|(_, o)| o.as_array().ok()).cloned().unwrap_or_default();
    let area = boxes.map(|(_, bleed)| bleed);
    let mut inside: Vec<String> = Vec::new();
    for annot in annots.iter().take(10_000) {
        let Some(dict) = crate::typeset::pdf::resolve_dict(doc, annot) else { continue };
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"?");
        if subtype == b"PrinterMark" || subtype == b"TrapNet" {
            continue;
        }
        let rect =
            dict.get(b"Rect").ok().and_then(|r| Rect::from_object(doc.dereference(r).map(|(_, o)| o).unwrap_or(r)));
        let touches = match (rect, area) {
            (Some(r), Some(a)) => {
                r.x0.min(r.x1) < a.x1 && r.x0.max(r.x1) > a.x0 && r.y0.min(r.y1) < a.y1 && r.y0.max(r.y1) > a.y0
            }
            _ => true,
        };
        if touches {
            inside.push(String::from_utf8_lossy(subtype).into_owned());
        }
    }
    if !inside.is_empty() {
        let kinds: Vec<&str> = inside.iter().map(String::as_str).collect();
        report.add(
            Severity::Error,
            "annotations",
            Some(n),
            format!(
                "expected no annotations inside the bleed (only printer's marks), found {} ({})",
                inside.len(),
                dedup(&kinds)
            ),
        );
    }
}

/// Every output intent's profile is a usable CMYK output profile: header and tags, as
/// `build --print` checks the one it embeds. Without one the file is no PDF/X: the printer
/// does not know which printing condition its CMYK was made for.
fn output_intents(doc: &Document, work: &mut scan::Work, report: &mut Report) {
    let Some(intents) = doc.catalog().ok().and_then(|c| c.get(b"OutputIntents").ok()) else {
        report.add(
            Severity::Warning,
            "output-intent",
            None,
            "expected an output intent (the printer's ICC profile: `--output-intent FILE.icc`), found none: the file is not PDF/X and its CMYK is for no stated printing condition".into(),
        );
        return;
    };
    let intents = doc.dereference(intents).ok().and_then(|(_, o)| o.as_array().ok()).cloned().unwrap_or_default();
    for intent in intents.iter().take(16) {
        let Some(intent) = crate::typeset::pdf::resolve_dict(doc, intent) else { continue };
        let Ok(profile) = intent.get(b"DestOutputProfile") else {
            // A printing condition named without its profile: stated, but not PDF/X-4.
            if intent.get(b"S").and_then(Object::as_name).ok() == Some(b"GTS_PDFX") {
                let named = intent
                    .get(b"OutputConditionIdentifier")
                    .and_then(Object::as_str)
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .unwrap_or_default();
                report.add(
                    Severity::Warning,
                    "output-intent",
                    None,
                    format!(
                        "expected the output intent to embed the printer's profile, found the printing condition `{}` named without one: the printer knows the condition, but the file is not PDF/X-4, which needs the profile embedded",
                        named.escape_debug()
                    ),
                );
            }
            continue;
        };
        let checked = match profile.as_reference().ok().and_then(|id| doc.get_object(id).ok()?.as_stream().ok()) {
            Some(stream) => {
                work.decode(stream, scan::MAX_STREAM_BYTES).and_then(|bytes| crate::typeset::pdf::check_profile(&bytes))
            }
            None => Err("no profile stream".into()),
        };
        if let Err(why) = checked {
            report.add(
                Severity::Error,
                "output-intent",
                None,
                format!("expected a usable CMYK output profile, found {why}"),
            );
        }
    }
}

/// Every font is embedded, and its licence (OS/2 `fsType`) allows embedding.
fn fonts(doc: &Document, fonts_dir: Option<&Path>, work: &mut scan::Work, report: &mut Report) {
    let mut checked: BTreeMap<String, ()> = BTreeMap::new();
    for object in doc.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if !font.has_type(b"Font") {
            continue;
        }
        let subtype = font.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        if subtype == b"Type0" || subtype == b"Type3" {
            // A Type0 font's program is in its descendant, which is a font of its own here.
            continue;
        }
        let name = font
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        if checked.insert(name.clone(), ()).is_some() {
            continue;
        }
        let descriptor = font.get(b"FontDescriptor").ok().and_then(|d| crate::typeset::pdf::resolve_dict(doc, d));
        let program = descriptor.and_then(|d| {
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .into_iter()
                .find_map(|k| Some((k, d.get(k).ok()?.as_reference().ok()?)))
        });
        let Some((kind, program)) = program.and_then(|(k, id)| Some((k, doc.get_object(id).ok()?.as_stream().ok()?)))
        else {
            report.add(
                Severity::Error,
                "fonts",
                None,
                format!("expected every font embedded, found `{name}` not embedded"),
            );
            continue;
        };
        let bare = name.split_once('+').map_or(name.as_str(), |(_, rest)| rest);
        let data = match work.decode(program, scan::MAX_STREAM_BYTES) {
            Ok(data) => data,
            Err(why) => {
                report.add(
                    Severity::Error,
                    "fonts",
                    None,
                    format!("expected a readable font program of `{bare}`, found {why}"),
                );
                continue;
            }
        };
        if let Some(why) = corrupt_font(kind, program, &data) {
            report.add(
                Severity::Error,
                "fonts",
                None,
                format!("expected a usable font program of `{bare}`, found {why}"),
            );
            continue;
        }
        // An embedded OpenType or TrueType program has its own OS/2 table; a bare CFF (as
        // Typst embeds) has none, so its licence is read from the font it came from.
        let permissions = match ttf_parser::Face::parse(&data, 0) {
            Ok(face) if face.permissions().is_some() => Some(face.permissions()),
            _ => fonts_dir.and_then(|dir| permissions_by_name(dir, bare)),
        };
        match permissions {
            Some(Some(ttf_parser::Permissions::Restricted)) => report.add(
                Severity::Error,
                "fonts",
                None,
                format!("expected fonts whose licence allows embedding, found `{bare}` with restricted licence embedding (fsType)"),
            ),
            Some(_) => {}
            None => report.add(
                Severity::Warning,
                "fonts",
                None,
                format!("expected to read the embedding licence of `{bare}`, found no font of that name in fonts/ and none in the PDF"),
            ),
        }
    }
}

/// The embedding permission of the font in `dir` whose PostScript name is `name`.
fn permissions_by_name(dir: &Path, name: &str) -> Option<Option<ttf_parser::Permissions>> {
    for path in crate::checks::fonts::font_files(dir).ok()? {
        let Ok(data) = std::fs::read(&path) else { continue };
        let Ok(face) = ttf_parser::Face::parse(&data, 0) else { continue };
        let postscript = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string());
        if postscript.as_deref() == Some(name) {
            return Some(face.permissions());
        }
    }
    None
}

/// Why an embedded font program cannot be used, if it cannot: a TrueType or OpenType program
/// that does not parse, a CFF program without its header, a Type 1 program without its own.
fn corrupt_font(kind: &[u8], program: &lopdf::Stream, data: &[u8]) -> Option<String> {
    let subtype = program.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
    let opentype = kind == b"FontFile2" || subtype == b"OpenType";
    if data.is_empty() {
        return Some("an empty program".into());
    }
    if opentype {
        return ttf_parser::Face::parse(data, 0).err().map(|err| format!("a program that does not parse ({err})"));
    }
    let ok = match kind {
        // CFF: major version 1, a header of at least 4 bytes.
        b"FontFile3" => data.len() >= 4 && data[0] == 1 && data[2] >= 4,
        _ => data.starts_with(b"%!") || data.first() == Some(&0x80),
    };
    (!ok).then(|| "a program whose header is not a font's".into())
}
