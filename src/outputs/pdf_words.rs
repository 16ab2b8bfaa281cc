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

/// The no-break spaces the book sets between a number and its unit or in its thousands
/// (`31 %`, `12 345`): a word goes on over them, as the reader reads it.
pub const NO_BREAK: [char; 3] = ['\u{a0}', '\u{202f}', '\u{2007}'];

/// A glyph as drawn: its advance's left and right edge, its baseline and its size (the height of
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
        // Where the glyph's advance starts and ends (not its ink: a narrow figure such as «1»
        // stands in a wide advance, and «31» read by ink would be two words).
        let advance = match glyph {
            Glyph::Outline(outline) => outline.advance_width().map(f64::from),
            Glyph::Type3(_) => None,
        };
        let x1 = match advance {
            Some(width) if width > 0.0 => (t * Point::new(width, 0.0)).x,
            _ => match glyph {
                Glyph::Outline(outline) => (t * outline.outline()).bounding_box().x1.max(origin.x),
                Glyph::Type3(_) => origin.x,
            },
        };
        self.glyphs.push(Drawn { x0: origin.x.min(x1), x1: origin.x.max(x1), baseline: origin.y, size, text });
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
    Ok(read_pages(pdf)?
        .into_iter()
        .map(|(words, _)| words.into_iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
        .collect())
}

/// A word on a page and its box, in percent of the page's width and height.
#[derive(Debug, Clone, PartialEq)]
pub struct WordBox {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// The words of each page of `pdf` with their boxes.
pub fn page_word_boxes(pdf: &[u8]) -> anyhow::Result<Vec<Vec<WordBox>>> {
    Ok(read_pages(pdf)?.into_iter().map(|(words, _)| words).collect())
}

/// A page's words with their boxes, and its size in points.
type PageWords = (Vec<WordBox>, (f64, f64));

/// Each page's words with their boxes, and its size.
fn read_pages(pdf: &[u8]) -> anyhow::Result<Vec<PageWords>> {
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
        let size = (f64::from(width).max(1.0), f64::from(height).max(1.0));
        out.push((join(&words.glyphs, size), size));
    }
    Ok(out)
}

/// The number of pages of `pdf`.
pub fn page_count(pdf: &[u8]) -> anyhow::Result<usize> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|err| anyhow::anyhow!("cannot read the PDF: {err:?}"))?;
    Ok(pdf.pages().len())
}

/// Glyphs as words, with their boxes on a page of `size`: a word ends where the text has a
/// space (a no-break space between a number and its unit or its thousands is kept in the
/// word, as `approval::printed_words` keeps it), where a line changes, or where the
/// gap between two glyphs' advances is more than a fifth of an em; a line that ends in a
/// soft hyphen runs on into the next.
fn join(glyphs: &[Drawn], (width, height): (f64, f64)) -> Vec<WordBox> {
    let mut words: Vec<WordBox> = Vec::new();
    let mut open = false;
    let mut last: Option<&Drawn> = None;
    for glyph in glyphs {
        if let Some(prev) = last {
            let size = glyph.size.max(prev.size).max(1.0);
            let same_line = (prev.baseline - glyph.baseline).abs() < 0.3 * size;
            let gap = glyph.x0 - prev.x1;
            let hyphen = words.last().is_some_and(|w| w.text.ends_with('\u{ad}'));
            if !same_line && hyphen && open {
                if let Some(word) = words.last_mut() {
                    word.text.pop();
                }
            } else if !same_line || gap > 0.2 * size || gap < -2.0 * size {
                open = false;
            }
        }
        last = Some(glyph);
        let (top, bottom) = (glyph.baseline - 0.8 * glyph.size, glyph.baseline + 0.25 * glyph.size);
        for ch in glyph.text.chars() {
            if ch.is_whitespace() && !NO_BREAK.contains(&ch) {
                open = false;
                continue;
            }
            let ch = if NO_BREAK.contains(&ch) { '\u{a0}' } else { ch };
            let pct = |x: f64, total: f64| (x / total * 100.0).clamp(0.0, 100.0);
            match words.last_mut() {
                Some(word) if open => {
                    word.text.push(ch);
                    word.x0 = word.x0.min(pct(glyph.x0, width));
                    word.x1 = word.x1.max(pct(glyph.x1, width));
                    word.y0 = word.y0.min(pct(top, height));
                    word.y1 = word.y1.max(pct(bottom, height));
                }
                _ => {
                    words.push(WordBox {
                        text: ch.to_string(),
                        x0: pct(glyph.x0, width),
                        y0: pct(top, height),
                        x1: pct(glyph.x1, width),
                        y1: pct(bottom, height),
                    });
                    open = true;
                }
            }
        }
    }
    // A word of no-break spaces only (one that stood alone) is no word.
    words.retain(|w| !w.text.chars().all(|c| c == '\u{a0}'));
    for word in &mut words {
        let trimmed = word.text.trim_matches('\u{a0}');
        if trimmed.len() != word.text.len() {
            word.text = trimmed.to_string();
        }
    }
    words
}
