//! The slug line below each page's trim: edition, page and date, in the report's body font.
//!
//! The font is a subset (by `subsetter`, the subsetter Typst uses) of `fonts/Inter-Regular.otf`
//! with only the glyphs the slug lines need, embedded as a CID font so the print file keeps
//! every font embedded (PDF/X).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use anyhow::Context;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::{PrintSettings, REGISTRATION};
use crate::typeset::pdf::{PT_PER_MM, Rect};

/// The resource name of the slug's font on every page.
pub const FONT: &str = "RapportSlug";

/// The size of the slug's text, in points.
const SIZE: f64 = 6.0;

/// The embedded font: its Type0 font object and, per character, its CID and advance (in
/// thousandths of the size).
pub struct SlugFont {
    pub id: ObjectId,
    glyphs: BTreeMap<char, (u16, f64)>,
}

/// Embeds the glyphs of `texts` from the font file `path`.
pub fn embed_font(doc: &mut Document, path: &Path, texts: &[String]) -> anyhow::Result<SlugFont> {
    let data = std::fs::read(path).with_context(|| format!("cannot read the slug's font {}", path.display()))?;
    let face = ttf_parser::Face::parse(&data, 0).map_err(|err| {
        anyhow::anyhow!("{}: expected an OpenType font for the slug line, found {err}", path.display())
    })?;
    let units = f64::from(face.units_per_em());
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut found = BTreeMap::new();
    for c in texts.iter().flat_map(|t| t.chars()) {
        if let Some(glyph) = face.glyph_index(c) {
            let cid = remapper.remap(glyph.0);
            let advance = f64::from(face.glyph_hor_advance(glyph).unwrap_or(0)) * 1000.0 / units;
            found.insert(c, (cid, advance));
        }
    }
    let subset = subsetter::subset(&data, 0, &remapper)
        .map_err(|err| anyhow::anyhow!("cannot subset {} for the slug line: {err}", path.display()))?;
    let name = format!("RPSLUG+{}", postscript_name(&face).unwrap_or_else(|| "Inter-Regular".into()));

    let mut file = Dictionary::new();
    file.set("Subtype", Object::Name(b"OpenType".to_vec()));
    let mut file = Stream::new(file, subset);
    let _ = file.compress();
    let file = doc.add_object(file);

    let scale = |v: i16| (f64::from(v) * 1000.0 / units).round() as i64;
    let bbox = face.global_bounding_box();
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(name.clone().into_bytes()));
    descriptor.set("Flags", 32);
    descriptor.set(
        "FontBBox",
        vec![scale(bbox.x_min).into(), scale(bbox.y_min).into(), scale(bbox.x_max).into(), scale(bbox.y_max).into()],
    );
    descriptor.set("ItalicAngle", 0);
    descriptor.set("Ascent", scale(face.ascender()));
    descriptor.set("Descent", scale(face.descender()));
    descriptor.set("CapHeight", scale(face.capital_height().unwrap_or(face.ascender())));
    descriptor.set("StemV", 80);
    descriptor.set("FontFile3", Object::Reference(file));
    let descriptor = doc.add_object(descriptor);

    let mut widths = Vec::new();
    for (cid, advance) in found.values() {
        widths.push(Object::Integer(i64::from(*cid)));
        widths.push(Object::Array(vec![Object::Real(advance.round() as f32)]));
    }
    let mut system = Dictionary::new();
    system.set("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal));
    system.set("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal));
    system.set("Supplement", 0);
    let mut cid_font = Dictionary::new();
    cid_font.set("Type", Object::Name(b"Font".to_vec()));
    cid_font.set("Subtype", Object::Name(b"CIDFontType0".to_vec()));
    cid_font.set("BaseFont", Object::Name(name.clone().into_bytes()));
    cid_font.set("CIDSystemInfo", system);
    cid_font.set("FontDescriptor", Object::Reference(descriptor));
    cid_font.set("W", Object::Array(widths));
    let cid_font = doc.add_object(cid_font);

    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode(&found).into_bytes()));
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(name.into_bytes()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set("DescendantFonts", vec![Object::Reference(cid_font)]);
    font.set("ToUnicode", Object::Reference(to_unicode));
    Ok(SlugFont { id: doc.add_object(font), glyphs: found })
}

fn postscript_name(face: &ttf_parser::Face) -> Option<String> {
    face.names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// The CMap that maps the slug's CIDs back to text, for search and copy.
fn to_unicode(glyphs: &BTreeMap<char, (u16, f64)>) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = glyphs.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (c, (cid, _)) in chunk {
            let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
            let _ = writeln!(cmap, "<{cid:04X}> <{utf16}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
}

/// Draws `text` below the trim's bottom-left corner, under the crop marks.
pub fn draw(out: &mut String, font: &SlugFont, trim: &Rect, settings: &PrintSettings, text: &str) {
    let codes: String = text.chars().filter_map(|c| font.glyphs.get(&c)).map(|(cid, _)| format!("{cid:04X}")).collect();
    let y = trim.y0 - (settings.mark_start_mm() + settings.mark_length_mm + 5.0) * PT_PER_MM;
    let _ = writeln!(out, "/{} cs 1 scn BT /{FONT} {SIZE} Tf {:.3} {y:.3} Td <{codes}> Tj ET", REGISTRATION, trim.x0);
}
