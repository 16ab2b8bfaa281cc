//! A small toolkit for reading PDFs with lopdf, shared by the print file's finishing
//! ([`crate::print`]) and the printer's checks ([`crate::preflight`]): what a colour space
//! is, and the attributes a page inherits from the page tree.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// A dictionary, directly or through a reference.
pub fn resolve_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Dictionary(dict) => Some(dict),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// A page's attribute `key`, from the page itself or, when it inherits it, the nearest of
/// its parents in the page tree (as the PDF specification has it for `Resources`,
/// `MediaBox`, `CropBox` and `Rotate`).
/// A page tree whose `/Parent` leads back to a node already seen (or deeper than
/// [`MAX_TREE_DEPTH`]) ends the walk: a hostile file cannot make it loop.
pub fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    lineage(doc, page).0.into_iter().find_map(|dict| dict.get(key).ok())
}

/// The deepest page tree (and the deepest nesting of form XObjects) a walk follows.
pub const MAX_TREE_DEPTH: usize = 64;

/// Whether a page's `/Parent` chain leads back to a node it has already passed (a cycle),
/// or is deeper than [`MAX_TREE_DEPTH`].
pub fn parent_cycle(doc: &Document, page: ObjectId) -> bool {
    lineage(doc, page).1
}

/// A page's dictionary and its parents' up the page tree, nearest first, and whether the
/// walk stopped at a cycle (or at [`MAX_TREE_DEPTH`]).
fn lineage(doc: &Document, page: ObjectId) -> (Vec<&Dictionary>, bool) {
    let (mut seen, mut chain) = (vec![page], Vec::new());
    let mut node = doc.get_dictionary(page).ok();
    while let Some(dict) = node {
        chain.push(dict);
        let Ok(parent) = dict.get(b"Parent").and_then(Object::as_reference) else { break };
        if seen.contains(&parent) || seen.len() > MAX_TREE_DEPTH {
            return (chain, true);
        }
        seen.push(parent);
        node = doc.get_dictionary(parent).ok();
    }
    (chain, false)
}

/// The resources of a page, looked up through its parents when it inherits them.
pub fn page_resources(doc: &Document, page: ObjectId) -> Dictionary {
    inherited(doc, page, b"Resources").and_then(|r| resolve_dict(doc, r)).cloned().unwrap_or_default()
}

/// The number of components of an `[/ICCBased stream]` colour space (its `/N`).
pub fn icc_components(doc: &Document, space: &[Object]) -> Option<i64> {
    let stream = doc.get_object(space.get(1)?.as_reference().ok()?).ok()?.as_stream().ok()?;
    stream.dict.get(b"N").and_then(Object::as_i64).ok()
}

/// What kind of colour a colour space holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// DeviceRGB, CalRGB, an ICC space of 3 components.
    Rgb,
    /// DeviceGray, CalGray, an ICC space of 1 component.
    Grey,
    /// DeviceCMYK, an ICC space of 4 components.
    Cmyk,
    /// Separation or DeviceN: spot colours, the registration colour.
    Spot,
    Pattern,
    /// Lab, Indexed, an ICC space without a component count, what is not a colour space.
    Other,
}

/// A colour space: its family, and a name for messages (`DeviceRGB`, `RGB (ICCBased)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColourSpace {
    pub family: Family,
    pub label: String,
}

/// The colour space an object names: a name (also the inline abbreviations), an array, or a
/// reference to either.
pub fn colour_space(doc: &Document, space: &Object) -> ColourSpace {
    let space = match space {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(&Object::Null),
        other => other,
    };
    let of = |family: Family, label: &[u8]| ColourSpace { family, label: String::from_utf8_lossy(label).into_owned() };
    match space {
        Object::Name(name) => match name.as_slice() {
            n @ (b"DeviceRGB" | b"RGB" | b"CalRGB") => of(Family::Rgb, n),
            n @ (b"DeviceGray" | b"G" | b"CalGray") => of(Family::Grey, n),
            n @ (b"DeviceCMYK" | b"CMYK") => of(Family::Cmyk, n),
            n @ b"Pattern" => of(Family::Pattern, n),
            other => of(Family::Other, other),
        },
        Object::Array(items) => match items.first().and_then(|o| o.as_name().ok()).unwrap_or(b"") {
            b"ICCBased" => match icc_components(doc, items) {
                Some(4) => of(Family::Cmyk, b"ICCBased"),
                Some(3) => of(Family::Rgb, b"RGB (ICCBased)"),
                Some(1) => of(Family::Grey, b"grey (ICCBased)"),
                _ => of(Family::Other, b"ICCBased without a component count"),
            },
            n @ (b"Separation" | b"DeviceN") => of(Family::Spot, n),
            n @ b"Pattern" => of(Family::Pattern, n),
            n @ b"CalRGB" => of(Family::Rgb, n),
            n @ b"CalGray" => of(Family::Grey, n),
            other => of(Family::Other, other),
        },
        _ => of(Family::Other, b"unknown"),
    }
}

/// What an operator of a content stream does to colour, for the walkers that follow colour
/// through a page: the print file's CMYK rewrite and the preflight's scan.
#[derive(Debug, Clone, PartialEq)]
pub enum ColourOp<'a> {
    /// `q`: the graphics state, the colours with it, saved.
    Save,
    /// `Q`: the state saved last restored.
    Restore,
    /// `cs` / `CS`: the fill or stroke colour space, by name (a device space or a resource).
    Space { stroke: bool, name: &'a [u8] },
    /// `sc`, `scn` / `SC`, `SCN`: a colour in the current space.
    Colour { stroke: bool, values: Vec<f32> },
    /// `g`, `rg`, `k` / `G`, `RG`, `K`: a device colour (grey, RGB or CMYK), which sets its
    /// space too.
    Device { stroke: bool, family: Family, values: Vec<f32> },
}

/// The colour meaning of `op`, if it has one.
pub fn colour_op(op: &lopdf::content::Operation) -> Option<ColourOp<'_>> {
    let values = || op.operands.iter().filter_map(|o| o.as_float().ok()).collect::<Vec<f32>>();
    let stroke = op.operator.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    let device = |family| Some(ColourOp::Device { stroke, family, values: values() });
    match op.operator.as_str() {
        "q" => Some(ColourOp::Save),
        "Q" => Some(ColourOp::Restore),
        "cs" | "CS" => {
            Some(ColourOp::Space { stroke, name: op.operands.first().and_then(|o| o.as_name().ok()).unwrap_or(b"") })
        }
        "sc" | "scn" | "SC" | "SCN" => Some(ColourOp::Colour { stroke, values: values() }),
        "g" | "G" => device(Family::Grey),
        "rg" | "RG" => device(Family::Rgb),
        "k" | "K" => device(Family::Cmyk),
        _ => None,
    }
}

/// A PDF transformation matrix `[a b c d e f]`, as `cm` and `Tm` give it.
pub type Matrix = [f64; 6];

/// The matrix that changes nothing.
pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (`a × b`, PDF's row-vector order): `cm` with `a` makes the CTM `a × CTM`.
pub fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// How much a matrix scales lengths (the geometric mean of its axes).
pub fn scale(m: &Matrix) -> f64 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

/// The six numbers of a `cm` or `Tm` operator, if it has them.
pub fn matrix_of(op: &lopdf::content::Operation) -> Option<Matrix> {
    let v: Vec<f64> = op.operands.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect();
    <[f64; 6]>::try_from(v.as_slice()).ok()
}

/// The `/Decode` array of an image of `channels` components as (low, high) pairs, each
/// sample `v` (0–1) meaning `low + v × (high − low)`; `[0 1 …]` when it has none.
pub fn decode_array(dict: &Dictionary, channels: usize) -> Vec<(f64, f64)> {
    let given: Vec<f64> = match dict.get(b"Decode") {
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect(),
        _ => Vec::new(),
    };
    (0..channels)
        .map(|i| match (given.get(2 * i), given.get(2 * i + 1)) {
            (Some(lo), Some(hi)) if given.len() >= 2 * channels => (*lo, *hi),
            _ => (0.0, 1.0),
        })
        .collect()
}

/// Whether an image stream is a JPEG: `DCTDecode` its only filter.
pub fn is_jpeg(dict: &Dictionary) -> bool {
    match dict.get(b"Filter") {
        Ok(Object::Name(name)) => name == b"DCTDecode",
        Ok(Object::Array(filters)) => filters.len() == 1 && filters[0].as_name().ok() == Some(b"DCTDecode"),
        _ => false,
    }
}

/// The samples of a four-component JPEG as `DCTDecode` gives them (CMYK as stored; YCCK
/// turned back into the CMYK it was made from), at most `limit` bytes.
pub fn jpeg_cmyk(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let cannot = |err: &dyn std::fmt::Display| format!("a JPEG that cannot be decoded ({err})");
    let mut probe = zune_jpeg::JpegDecoder::new(std::io::Cursor::new(data));
    probe.decode_headers().map_err(|err| cannot(&err))?;
    let input = probe.input_colorspace().ok_or_else(|| cannot(&"no colour space"))?;
    let (w, h) = probe.dimensions().ok_or_else(|| cannot(&"no size"))?;
    if input.num_components() != 4 {
        return Err(format!("a JPEG of {} components where its colour space has 4", input.num_components()));
    }
    if w * h * 4 > limit {
        return Err(format!("a JPEG of {w} × {h} pixels, more than its image declares"));
    }
    let options = DecoderOptions::default().jpeg_set_out_colorspace(input).set_max_width(w).set_max_height(h);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(data), options);
    let mut samples = decoder.decode().map_err(|err| cannot(&err))?;
    if input == ColorSpace::YCCK {
        // YCbCr to RGB (JFIF), and CMY its complement, as a PDF reader's DCTDecode does.
        for p in samples.chunks_exact_mut(4) {
            let (y, cb, cr) = (f64::from(p[0]), f64::from(p[1]) - 128.0, f64::from(p[2]) - 128.0);
            let rgb = [y + 1.402 * cr, y - 0.344_136 * cb - 0.714_136 * cr, y + 1.772 * cb];
            for (v, c) in p.iter_mut().zip(rgb) {
                *v = 255 - c.round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    Ok(samples)
}

/// The most ink of any pixel of 8-bit CMYK `samples`, in percent, with the image's
/// `/Decode` (`[1 0 …]`: stored inverted).
pub fn max_ink(samples: &[u8], image: &Dictionary) -> f64 {
    let decode = decode_array(image, 4);
    let most = samples
        .chunks_exact(4)
        .map(|p| p.iter().zip(&decode).map(|(v, (lo, hi))| lo + f64::from(*v) / 255.0 * (hi - lo)).sum::<f64>())
        .fold(0.0, f64::max);
    most * 100.0
}
