//! The print file (`rapport build --print`): Typst's PDF of the print rendition, finished for
//! offset print where Typst stops. Typst draws the pages with their bleed and writes a
//! TrimBox; here, with `lopdf`, the file gets
//!
//! - [`colour`]: CMYK everywhere (the theme's and the SDG icons' inks from layout/print.typ),
//!   small type in few inks ([`paint`]) that keep its hue ([`crate::typeset::appearance`]),
//! - [`pages`]: blank pages to a multiple of the sheet, no link annotations,
//! - [`geometry`]: TrimBox, BleedBox and a MediaBox with room for crop marks, registration
//!   marks and a [`slug`] line, drawn as artifacts in the registration colour,
//! - [`pdfx`]: with the printer's output profile, PDF/X-4.
//!
//! The file is rewritten as a whole (no stale RGB objects left behind); objects are written
//! in a fixed order, so the same sources give the same bytes. The tag tree and bookmarks are
//! Typst's objects, carried over untouched.

pub mod colour;
pub mod condition;
pub mod converted;
pub mod cover;
pub mod geometry;
pub mod pages;
pub mod paint;
pub mod pdfx;
pub mod pictures;
pub mod render;
pub mod shading;
pub mod slug;

use std::path::PathBuf;

use lopdf::{Document, Object};

pub use crate::typeset::appearance::Inks;
pub use pdfx::OutputProfile;

/// How to finish a print file: `[print]` of edition.toml with the command line's overrides.
#[derive(Debug, Clone)]
pub struct PrintSettings {
    pub bleed_mm: f64,
    pub crop_marks: bool,
    /// The gap between the bleed's edge and the start of a mark.
    pub mark_offset_mm: f64,
    pub mark_length_mm: f64,
    pub registration_marks: bool,
    pub slug: bool,
    /// The font of the slug line (fonts/Inter-Regular.otf).
    pub slug_font: PathBuf,
    pub page_multiple: usize,
    /// The printer's output profile: with it, the file is PDF/X-4.
    pub output_intent: Option<OutputProfile>,
    /// How photos are converted to the output profile.
    pub rendering_intent: pictures::RenderingIntent,
    pub black_point_compensation: bool,
    /// Greyscale photos in four inks (false: on the black plate alone).
    pub four_colour_greys: bool,
    /// The most ink (percent) of any colour or pixel: `ink-limit`, or the printing
    /// condition's.
    pub ink_limit: f64,
    /// What becomes of a CMYK photo over the ink limit.
    pub over_limit: pictures::OverLimit,
    /// The printing condition the output intent names (`printing-condition` in [print]).
    pub printing_condition: Option<crate::inputs::edition::config::PrintingCondition>,
    /// Where fold marks go (a cover spread's spine), in points from the left trim edge.
    pub folds_pt: Vec<f64>,
    /// The pages (1-based) taken out of Typst's PDF first: a perfect-bound book's covers,
    /// which go to the cover file.
    pub drop_pages: Vec<usize>,
    /// Whether this is the cover file: `RapportCover true` in its document information, so
    /// `rapport preflight` does not ask it for a multiple of four pages.
    pub cover: bool,
    /// How many position marks of missing assets (placeholders) the pages hold: written into
    /// the document information as `RapportPlaceholders`, so `rapport preflight` refuses the
    /// file as a job for the press.
    pub placeholders: usize,
    /// Where they are: `3 (photo), 15 (figure)` by folio (`RapportPlaceholderFolios`).
    pub placeholder_folios: String,
    /// How many words of `pending-words` («Tall kommer») stand where numbers are still to
    /// come (`RapportPending`), and on which folios (`RapportPendingFolios`).
    pub pending: usize,
    pub pending_folios: String,
}

impl PrintSettings {
    /// Where the marks start, in millimetres from the trim: `mark-offset` past the bleed's
    /// edge.
    pub fn mark_start_mm(&self) -> f64 {
        self.bleed_mm + self.mark_offset_mm
    }
}

/// The resource name of the registration colour on every page.
pub const REGISTRATION: &str = "RapportRegistration";

/// The position marks a print file says it holds (`RapportPlaceholders` in its document
/// information); 0 for a file without the key or one that cannot be read.
pub fn placeholders_in(pdf: &[u8]) -> usize {
    let Ok(doc) = Document::load_mem(pdf) else { return 0 };
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(dict)) => Some(dict),
        _ => None,
    };
    info.and_then(|i| i.get(b"RapportPlaceholders").ok()).and_then(|v| v.as_i64().ok()).map_or(0, |n| n.max(0) as usize)
}

/// What a print file says of itself in its document information: the position marks of
/// missing assets and the words of numbers still to come it holds, and their folios.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JobNotes {
    pub placeholders: usize,
    /// `3 (photo), 15 (figure)`; empty when the file does not say.
    pub placeholder_folios: String,
    pub pending: usize,
    /// `12, 14–16`; empty when the file does not say.
    pub pending_folios: String,
}

/// The notes a print file carries ([`JobNotes`]); nothing for a file without them or one
/// that cannot be read.
pub fn job_notes_in(pdf: &[u8]) -> JobNotes {
    let Ok(doc) = Document::load_mem(pdf) else { return JobNotes::default() };
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(dict)) => Some(dict),
        _ => None,
    };
    let Some(info) = info else { return JobNotes::default() };
    let number = |key: &[u8]| info.get(key).ok().and_then(|v| v.as_i64().ok()).map_or(0, |n| n.max(0) as usize);
    let text = |key: &[u8]| match info.get(key) {
        Ok(Object::String(bytes, _)) => text_string(bytes).chars().take(2_000).collect(),
        _ => String::new(),
    };
    JobNotes {
        placeholders: number(b"RapportPlaceholders"),
        placeholder_folios: text(b"RapportPlaceholderFolios"),
        pending: number(b"RapportPending"),
        pending_folios: text(b"RapportPendingFolios"),
    }
}

/// A PDF text string: UTF-16BE after its byte order mark, else taken as ASCII (what
/// [`pdfx::set_info_text`] writes).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// What finishing a print file did.
#[derive(Debug)]
pub struct Finished {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The folio of each page, the number printed on it (none for a blank page added).
    pub folios: Vec<Option<u64>>,
    /// Blank pages added to reach a multiple of the sheet.
    pub added_pages: usize,
    /// The PDF/X version written, or why the file is not PDF/X.
    pub pdfx: Result<String, String>,
    /// RGB colours that are not inks of layout/print.typ, converted by formula (`#rrggbb`).
    pub colours_by_formula: Vec<String>,
    /// The flat colours whose ink goes past the ink limit (`#1a1a1a in C70 M60 Y60 K100 (290 %)`).
    pub colours_over_limit: Vec<String>,
    /// Images that could not be made CMYK.
    pub images_left: Vec<String>,
    /// The colours small type printed in two of their inks (`#00727a in C100 K30 (ΔE 2.1)`).
    pub two_ink_type: Vec<String>,
    /// How the pictures were converted (one entry a picture).
    pub pictures: Vec<pictures::How>,
    /// The CMYK photos, each with its most ink, re-separated when over the ink limit.
    pub cmyk_photos: Vec<converted::CmykPhoto>,
    /// The most ink the output profile gives any colour, in percent, when there is one.
    pub profile_reach: Option<f64>,
}

/// Finishes Typst's PDF `pdf` of the print rendition. `ends_with_back_cover`: blank pages go
/// before the last page. `folios` are the numbers Typst gave its pages (`counter(page)`, one
/// a page of `pdf`); `slug(page, folio)` gives the slug line of a page of the finished file
/// (1-based), with its folio (none for a blank page added to fill the sheet).
pub fn finish(
    pdf: &[u8],
    settings: &PrintSettings,
    inks: &Inks,
    ends_with_back_cover: bool,
    folios: &[u64],
    slug: &dyn Fn(usize, Option<u64>) -> String,
) -> anyhow::Result<Finished> {
    let mut doc = Document::load_mem(pdf).map_err(|err| anyhow::anyhow!("cannot read Typst's PDF back: {err}"))?;
    let conversion = pictures::PictureConversion {
        profile: settings.output_intent.as_ref().map(|p| p.bytes.clone()),
        intent: settings.rendering_intent,
        black_point_compensation: settings.black_point_compensation,
        four_colour_greys: settings.four_colour_greys,
        ink_limit: Some(settings.ink_limit),
        over_limit: settings.over_limit,
    };
    // Each of Typst's pages keeps its folio, by its object, through the pages taken out and
    // the blank pages added.
    let typst_pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let folio_of: std::collections::HashMap<lopdf::ObjectId, u64> =
        typst_pages.iter().zip(folios).map(|(id, folio)| (*id, *folio)).collect();
    if !settings.drop_pages.is_empty() {
        let drop: Vec<u32> = settings.drop_pages.iter().map(|p| *p as u32).collect();
        doc.delete_pages(&drop);
    }
    let converted = colour::convert(&mut doc, inks, &conversion);
    let profile_reach = conversion.profile.as_ref().and_then(|_| pictures::ink_reach(&conversion).ok());
    pages::drop_links(&mut doc);
    pages::cmyk_page_groups(&mut doc);
    let added_pages = pages::pad(&mut doc, settings.page_multiple.max(1), ends_with_back_cover)?;
    let folios: Vec<Option<u64>> = doc.get_pages().into_values().map(|id| folio_of.get(&id).copied()).collect();
    let count = folios.len();
    let slugs: Vec<String> = folios.iter().enumerate().map(|(index, folio)| slug(index + 1, *folio)).collect();
    geometry::apply(&mut doc, settings, &slugs)?;
    let pdfx = match (&settings.output_intent, settings.printing_condition) {
        (Some(profile), condition) => {
            pdfx::apply(&mut doc, profile, condition)?;
            let named = condition.map_or(String::new(), |c| format!("{}, ", c.identifier()));
            if profile.shipped {
                Ok(format!(
                    "{} (output intent: {named}rapport's own profile «{}»; the printer's own profile, in the project's profiles/ folder or given by `--output-intent`, takes its place)",
                    pdfx::PDFX_VERSION,
                    profile.description
                ))
            } else {
                Ok(format!("{} (output intent: {named}{})", pdfx::PDFX_VERSION, profile.description))
            }
        }
        (None, Some(condition)) => {
            pdfx::apply_named(&mut doc, condition)?;
            Err(format!(
                "the output intent names the printing condition {} without its profile, and PDF/X-4 needs the profile embedded: put ECI's {} in the project's profiles/ folder (docs/print.md says where to download it)",
                condition.identifier(),
                condition.eci_profile()
            ))
        }
        (None, None) => {
            pdfx::set_info(&mut doc, None)?;
            pdfx::set_xmp(&mut doc, None)?;
            Err("no output profile given (`--output-intent FILE.icc` or `output-intent` in [print]): PDF/X needs the printer's ICC profile as its output intent, or `printing-condition = \"FOGRA39\"` in [print] for rapport's own FOGRA39 profile".into())
        }
    };
    if settings.cover {
        pdfx::set_info_bool(&mut doc, "RapportCover", true)?;
        pdfx::own_document_id(&mut doc);
    }
    if settings.placeholders > 0 {
        pdfx::set_info_number(&mut doc, "RapportPlaceholders", settings.placeholders as i64)?;
        if !settings.placeholder_folios.is_empty() {
            pdfx::set_info_text(&mut doc, "RapportPlaceholderFolios", &settings.placeholder_folios)?;
        }
    }
    if settings.pending > 0 {
        pdfx::set_info_number(&mut doc, "RapportPending", settings.pending as i64)?;
        pdfx::set_info_text(&mut doc, "RapportPendingFolios", &settings.pending_folios)?;
    }
    // Typst wrote PDF 1.5 (see `Target::standards`): the file is 1.6, as PDF/X-4 asks, with
    // what krilla writes at 1.6 only.
    doc.version = "1.6".into();
    pdfx::mark_info(&mut doc);
    doc.prune_objects();
    doc.compress();
    let mut out = Vec::with_capacity(pdf.len());
    doc.save_to(&mut out).map_err(|err| anyhow::anyhow!("cannot write the print file: {err}"))?;
    Ok(Finished {
        pdf: out,
        pages: count,
        folios,
        added_pages,
        pdfx,
        two_ink_type: converted.two_ink_builds(),
        colours_over_limit: converted.over_limit(settings.ink_limit),
        colours_by_formula: converted.by_formula.into_iter().collect(),
        images_left: converted.left_alone,
        pictures: converted.pictures,
        cmyk_photos: converted.cmyk_photos,
        profile_reach,
    })
}
