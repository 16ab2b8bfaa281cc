//! Text metrics of the map font, Inter (`fonts/`), read with ttf-parser: the advance widths
//! and glyph outlines' heights of a label, so labels are kept apart by the space their glyphs
//! really take. The layout may set the maps in the theme's body font; the report's is Inter.

use std::sync::OnceLock;

use ttf_parser::Face;

static REGULAR: &[u8] = include_bytes!("../../../fonts/Inter-Regular.otf");
static SEMIBOLD: &[u8] = include_bytes!("../../../fonts/Inter-SemiBold.otf");

/// The space a line of text takes, in millimetres at a given size: its advance width, and
/// the font's ascender and descender (the line box SVG renderers measure text by, which holds
/// every glyph's outline).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    pub width: f64,
    pub ascent: f64,
    pub descent: f64,
}

fn face(bold: bool) -> Option<&'static Face<'static>> {
    static FACES: OnceLock<[Option<Face<'static>>; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| [Face::parse(REGULAR, 0).ok(), Face::parse(SEMIBOLD, 0).ok()]);
    faces[usize::from(bold)].as_ref()
}

/// Measures `text` set in Inter (SemiBold if `bold`) at `size` mm. Characters the font lacks
/// count half an em wide; without the font (it is compiled in, so never) the widths are
/// estimated.
pub fn measure(text: &str, size: f64, bold: bool) -> TextBox {
    let Some(face) = face(bold) else {
        let width = text.chars().count() as f64 * 0.6 * size;
        return TextBox { width, ascent: 0.75 * size, descent: 0.25 * size };
    };
    let em = f64::from(face.units_per_em());
    let advance: f64 = text
        .chars()
        .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0.5 * em, f64::from))
        .sum();
    let (ascender, descender) = (f64::from(face.ascender()), f64::from(face.descender()));
    TextBox { width: advance / em * size, ascent: ascender / em * size, descent: -descender / em * size }
}
