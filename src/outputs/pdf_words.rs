//! The words of each page of a PDF, read back out of it (for `rapport diff --against PDF`):
//! the glyphs as hayro interprets them, with the Unicode their fonts map them to, in the
//! order they are drawn, the marked artifacts (running head and foot) left out. Glyphs on one
//! line that nearly touch are one word; a line that ends in a soft hyphen runs on into the
//! next.
//!
//! The reading is only as good as the PDF's own text mapping: it serves to compare two PDFs
//! read the same way, never to take numbers out of one.

use hayro::hayro_interpret::TransformExt as _;
use hayro::hayro_interpret::font::Glyph;
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint,
    PathDrawMode, SoftMask, interpret_page,
};
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::kurbo::{Affine, BezPath, Point, Rect, Shape as _};

/// A glyph as drawn: its ink's left and right edge, its baseline and its size (the height of
/// its em, in the page's units), and the text it stands for.
struct Drawn {
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    text: String,
}

/// Collects the glyphs of a page outside marked artifacts.
#[derive(Default)]
struct Words {
    /// For each open marked-content sequence, whether it is an artifact.
    marked: Vec<bool>,
    glyphs: Vec<Drawn>,
}

impl<'a> Device<'a> for Words {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        if self.marked.iter().any(|artifact| *artifact) {
            return;
        }
        let Some(text) = glyph.as_unicode() else { return };
        let text = match text {
            hayro::hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro::hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        // Glyph space is 1000 units to the em.
        let t = transform * glyph_transform;
        let origin = t * Point::ZERO;
        let size = (t * Point::new(0.0, 1000.0) - origin).hypot();
        let ink = match glyph {
            Glyph::Outline(outline) => {
                let bbox = (t * outline.outline()).bounding_box();
                (bbox.width() > 0.0).then_some((bbox.x0, bbox.x1))
            }
            Glyph::Type3(_) => None,
        };
        let (x0, x1) = ink.unwrap_or((origin.x, origin.x));
        self.glyphs.push(Drawn { x0, x1, baseline: origin.y, size, text });
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn begin_marked_content(&mut self, tag: &[u8], _: Option<i32>) {
        self.marked.push(tag == b"Artifact");
    }
    fn end_marked_content(&mut self) {
        self.marked.pop();
    }
}

/// The words of each page of `pdf`, each page's as one line of words separated by spaces.
pub fn page_words(pdf: &[u8]) -> anyhow::Result<Vec<String>> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|err| anyhow::anyhow!("cannot read the PDF: {err:?}"))?;
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::new();
    for page in pdf.pages().iter() {
        let (width, height) = page.render_dimensions();
        let transform = page.initial_transform(true).to_kurbo();
        let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
        let mut context = Context::new(transform, bbox, &cache, page.xref(), settings.clone());
        let mut words = Words::default();
        interpret_page(page, &mut context, &mut words);
        out.push(join(&words.glyphs));
    }
    Ok(out)
}

/// The number of pages of `pdf`.
pub fn page_count(pdf: &[u8]) -> anyhow::Result<usize> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|err| anyhow::anyhow!("cannot read the PDF: {err:?}"))?;
    Ok(pdf.pages().len())
}

/// Glyphs as words: a space where the text has one, where a line changes, or where the gap
/// between two glyphs' ink is more than a fifth of an em.
fn join(glyphs: &[Drawn]) -> String {
    let mut text = String::new();
    let mut last: Option<&Drawn> = None;
    for glyph in glyphs {
        if let Some(prev) = last {
            let size = glyph.size.max(prev.size).max(1.0);
            let same_line = (prev.baseline - glyph.baseline).abs() < 0.3 * size;
            let gap = glyph.x0 - prev.x1;
            if !same_line && text.ends_with('\u{ad}') {
                text.pop();
            } else if !same_line || gap > 0.2 * size || gap < -2.0 * size {
                text.push(' ');
            }
        }
        text.push_str(&glyph.text);
        last = Some(glyph);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
