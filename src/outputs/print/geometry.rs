//! The page boxes and the printer's marks of the print file.
//!
//! Typst writes each page as the trim plus its bleed (MediaBox) with a TrimBox. Here every
//! page gets TrimBox = the trim, BleedBox = the trim and the bleed (what Typst drew), and a
//! MediaBox that also holds the marks: crop marks at the corners, starting `mark-offset` past
//! the bleed's edge (a mark that starts at the bleed's edge shows on a sheet cut a little
//! generously), optionally registration marks and a slug line. The marks are drawn in
//! the registration colour (a Separation named `All`) and marked as artifacts, so they stay
//! out of the tag tree. The MediaBox grows outwards from the trim (its origin is negative),
//! so no coordinate of Typst's content, links or bookmarks changes.

use std::fmt::Write;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::{PrintSettings, REGISTRATION};
pub use crate::typeset::pdf::{PT_PER_MM, Rect};

/// The width of the marks' lines, in points.
pub const MARK_LINE: f64 = 0.25;

/// How far the MediaBox reaches past the trim for the marks, in points.
pub fn media_margin(settings: &PrintSettings) -> f64 {
    let marks = settings.mark_start_mm() + settings.mark_length_mm + 2.0;
    let slug = if settings.slug { 6.0 } else { 0.0 };
    settings.bleed_mm.max(marks + slug) * PT_PER_MM
}

/// Sets the boxes of every page and draws its marks; `slugs` has the slug line of each page.
pub fn apply(doc: &mut Document, settings: &PrintSettings, slugs: &[String]) -> anyhow::Result<()> {
    let registration = registration_space(doc);
    let font = if settings.slug { Some(super::slug::embed_font(doc, &settings.slug_font, slugs)?) } else { None };
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for (index, page) in pages.into_iter().enumerate() {
        let dict = doc.get_dictionary(page)?;
        let media = crate::typeset::pdf::inherited(doc, page, b"MediaBox").and_then(Rect::from_object);
        let Some(media) = media else { anyhow::bail!("page {} has no MediaBox", index + 1) };
        // Typst's TrimBox; without a bleed Typst writes none and the page is the trim.
        let trim = dict.get(b"TrimBox").ok().and_then(Rect::from_object).unwrap_or(media);
        let bleed = trim.grow(settings.bleed_mm * PT_PER_MM);
        let media = trim.grow(media_margin(settings));
        let mut marks = String::new();
        marks.push_str("/Artifact BMC\nq\n");
        let _ = writeln!(marks, "/{REGISTRATION} CS 1 SCN {MARK_LINE} w 0 J [] 0 d");
        if settings.crop_marks {
            crop_marks(&mut marks, &trim, settings);
        }
        fold_marks(&mut marks, &trim, settings);
        if settings.registration_marks {
            registration_marks(&mut marks, &trim, settings);
        }
        if let Some(font) = &font {
            let text = slugs.get(index).map_or("", String::as_str);
            super::slug::draw(&mut marks, font, &trim, settings, text);
        }
        marks.push_str("Q\nEMC\n");
        let mut stream = Stream::new(Dictionary::new(), marks.into_bytes());
        let _ = stream.compress();
        let marks_id = doc.add_object(stream);
        // Typst's content is wrapped in q … Q so the marks start from a clean state.
        let open = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
        let close = doc.add_object(Stream::new(Dictionary::new(), b"\nQ\n".to_vec()));
        let contents = match doc.get_dictionary(page)?.get(b"Contents") {
            Ok(Object::Array(items)) => items.clone(),
            Ok(other) => vec![other.clone()],
            Err(_) => Vec::new(),
        };
        let mut all = vec![Object::Reference(open)];
        all.extend(contents);
        all.extend([Object::Reference(close), Object::Reference(marks_id)]);
        let resources = crate::typeset::pdf::page_resources(doc, page);
        let mut resources = resources;
        let mut spaces = match resources.get(b"ColorSpace") {
            Ok(o) => crate::typeset::pdf::resolve_dict(doc, o).cloned().unwrap_or_default(),
            Err(_) => Dictionary::new(),
        };
        spaces.set(REGISTRATION, Object::Reference(registration));
        resources.set("ColorSpace", Object::Dictionary(spaces));
        if let Some(font) = &font {
            let mut fonts = match resources.get(b"Font") {
                Ok(o) => crate::typeset::pdf::resolve_dict(doc, o).cloned().unwrap_or_default(),
                Err(_) => Dictionary::new(),
            };
            fonts.set(super::slug::FONT, Object::Reference(font.id));
            resources.set("Font", Object::Dictionary(fonts));
        }
        let dict = doc.get_dictionary_mut(page)?;
        dict.set("Contents", Object::Array(all));
        dict.set("Resources", Object::Dictionary(resources));
        dict.set("MediaBox", media.to_object());
        dict.set("BleedBox", bleed.to_object());
        dict.set("TrimBox", trim.to_object());
        dict.remove(b"CropBox");
        dict.remove(b"ArtBox");
    }
    Ok(())
}

/// The registration colour: a Separation named `All`, which prints on every plate.
fn registration_space(doc: &mut Document) -> ObjectId {
    let mut tint = Dictionary::new();
    tint.set("FunctionType", 2);
    tint.set("Domain", vec![Object::Integer(0), Object::Integer(1)]);
    tint.set("C0", vec![0.into(), 0.into(), 0.into(), 0.into()]);
    tint.set("C1", vec![1.into(), 1.into(), 1.into(), 1.into()]);
    tint.set("N", 1);
    doc.add_object(Object::Array(vec![
        Object::Name(b"Separation".to_vec()),
        Object::Name(b"All".to_vec()),
        Object::Name(b"DeviceCMYK".to_vec()),
        Object::Dictionary(tint),
    ]))
}

/// The eight crop-mark lines of a page, in trim-edge order: each one starts `mark_offset`
/// past the bleed's edge and runs `mark_length` outwards, in line with a trim edge.
pub fn crop_mark_lines(trim: &Rect, settings: &PrintSettings) -> Vec<[f64; 4]> {
    let o = settings.mark_start_mm() * PT_PER_MM;
    let l = settings.mark_length_mm * PT_PER_MM;
    let mut lines = Vec::new();
    for (x, dx) in [(trim.x0, -1.0), (trim.x1, 1.0)] {
        for (y, dy) in [(trim.y0, -1.0), (trim.y1, 1.0)] {
            // Horizontal, in line with the top or bottom edge; vertical, in line with a side.
            lines.push([x + dx * o, y, x + dx * (o + l), y]);
            lines.push([x, y + dy * o, x, y + dy * (o + l)]);
        }
    }
    lines
}

fn crop_marks(out: &mut String, trim: &Rect, settings: &PrintSettings) {
    for [x0, y0, x1, y1] in crop_mark_lines(trim, settings) {
        let _ = writeln!(out, "{x0:.3} {y0:.3} m {x1:.3} {y1:.3} l S");
    }
}

/// A short dashed line above and below the trim at each fold (a cover spread's spine),
/// outside the bleed like the crop marks; dashed, as binders expect, so they are not taken
/// for crop marks.
fn fold_marks(out: &mut String, trim: &Rect, settings: &PrintSettings) {
    let o = settings.mark_start_mm() * PT_PER_MM;
    let l = settings.mark_length_mm * PT_PER_MM;
    if settings.folds_pt.is_empty() {
        return;
    }
    out.push_str("q [2 1.5] 0 d\n");
    for x in settings.folds_pt.iter().map(|f| trim.x0 + f) {
        let _ = writeln!(out, "{x:.3} {:.3} m {x:.3} {:.3} l S", trim.y1 + o, trim.y1 + o + l);
        let _ = writeln!(out, "{x:.3} {:.3} m {x:.3} {:.3} l S", trim.y0 - o, trim.y0 - o - l);
    }
    out.push_str("Q\n");
}

/// A target (circle with cross hairs) in the middle of each side, outside the bleed.
fn registration_marks(out: &mut String, trim: &Rect, settings: &PrintSettings) {
    let o = settings.mark_start_mm() * PT_PER_MM;
    let l = settings.mark_length_mm * PT_PER_MM;
    let r = l * 0.3;
    let d = o + l / 2.0;
    let (cx, cy) = ((trim.x0 + trim.x1) / 2.0, (trim.y0 + trim.y1) / 2.0);
    for (x, y) in [(cx, trim.y1 + d), (cx, trim.y0 - d), (trim.x0 - d, cy), (trim.x1 + d, cy)] {
        // A circle from four Bézier arcs, then the cross hairs.
        let k = r * 0.5523;
        let _ = writeln!(
            out,
            "{:.3} {y:.3} m {:.3} {:.3} {:.3} {:.3} {x:.3} {:.3} c {:.3} {:.3} {:.3} {:.3} {:.3} {y:.3} c {:.3} {:.3} {:.3} {:.3} {x:.3} {:.3} c {:.3} {:.3} {:.3} {:.3} {:.3} {y:.3} c S",
            x + r,
            x + r,
            y + k,
            x + k,
            y + r,
            y + r,
            x - k,
            y + r,
            x - r,
            y + k,
            x - r,
            x - r,
            y - k,
            x - k,
            y - r,
            y - r,
            x + k,
            y - r,
            x + r,
            y - k,
            x + r
        );
        let _ = writeln!(out, "{:.3} {y:.3} m {:.3} {y:.3} l S", x - l / 2.0, x + l / 2.0);
        let _ = writeln!(out, "{x:.3} {:.3} m {x:.3} {:.3} l S", y - l / 2.0, y + l / 2.0);
    }
}
