//! A small toolkit for reading PDFs with lopdf, shared by the print file's finishing
//! ([`crate::outputs::print`]) and the printer's checks ([`crate::checks::preflight`]), so that neither
//! stage imports the other: what a colour space is, the attributes a page inherits from the
//! page tree, page boxes in points, the document information's flags and what makes an ICC
//! output profile usable.

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

/// Points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// A rectangle in PDF coordinates: left, bottom, right, top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// This rectangle grown by `d` on every side.
    pub fn grow(self, d: f64) -> Rect {
        Rect { x0: self.x0 - d, y0: self.y0 - d, x1: self.x1 + d, y1: self.y1 + d }
    }

    /// Whether `inner` lies within this rectangle (to a hundredth of a point).
    pub fn contains(&self, inner: &Rect) -> bool {
        let e = 0.01;
        inner.x0 >= self.x0 - e && inner.y0 >= self.y0 - e && inner.x1 <= self.x1 + e && inner.y1 <= self.y1 + e
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// The rectangle of a PDF array `[x0 y0 x1 y1]`, normalised.
    pub fn from_object(object: &Object) -> Option<Rect> {
        let Object::Array(items) = object else { return None };
        let v: Vec<f64> = items.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect();
        let [a, b, c, d] = v.as_slice() else { return None };
        Some(Rect { x0: a.min(*c), y0: b.min(*d), x1: a.max(*c), y1: b.max(*d) })
    }

    pub fn to_object(self) -> Object {
        // `+ 0.0` turns a rounded -0 into 0.
        let r = |v: f64| Object::Real(((v * 1000.0).round() / 1000.0 + 0.0) as f32);
        Object::Array(vec![r(self.x0), r(self.y0), r(self.x1), r(self.y1)])
    }
}

/// Whether the document information of `doc` says `key` is true (`RapportCover`).
pub fn info_flag(doc: &Document, key: &str) -> bool {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
        Ok(Object::Dictionary(dict)) => Some(dict),
        _ => None,
    };
    info.and_then(|i| i.get(key.as_bytes()).ok()).and_then(|v| v.as_bool().ok()) == Some(true)
}

/// The tags an output profile needs to convert colours (ICC.1 for class `prtr`).
pub const REQUIRED_TAGS: [&str; 4] = ["desc", "wtpt", "A2B0", "B2A0"];

/// Checks that `bytes` are a usable CMYK output profile: the header (`acsp`, its size, class
/// `prtr`, data colour space CMYK) and a tag table whose tags lie inside the file and include
/// [`REQUIRED_TAGS`], whose tables littleCMS converts colours with. Returns the profile's
/// description.
pub fn check_profile(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() < 132 || &bytes[36..40] != b"acsp" {
        return Err(format!(
            "expected an ICC profile (`acsp` at byte 36), found {} bytes that are not one",
            bytes.len()
        ));
    }
    let be32 = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let declared = be32(0).unwrap_or(0);
    if declared != bytes.len() {
        return Err(format!("the ICC header gives a size of {declared} bytes, the file has {}", bytes.len()));
    }
    let class = String::from_utf8_lossy(&bytes[12..16]).into_owned();
    let space = String::from_utf8_lossy(&bytes[16..20]).into_owned();
    if class != "prtr" {
        return Err(format!(
            "expected an output (printer) profile, class `prtr`, found class `{}`",
            class.escape_debug()
        ));
    }
    if space != "CMYK" {
        return Err(format!(
            "expected a profile for CMYK data, found data colour space `{}`",
            space.trim().escape_debug()
        ));
    }
    let count = be32(128).unwrap_or(0);
    if count == 0 || 132 + count.saturating_mul(12) > bytes.len() {
        return Err(format!("expected a tag table inside the profile, found {count} tags declared"));
    }
    let mut tags = Vec::new();
    for i in 0..count {
        let entry = 132 + i * 12;
        let (offset, size) = (be32(entry + 4).unwrap_or(0), be32(entry + 8).unwrap_or(0));
        let signature = String::from_utf8_lossy(&bytes[entry..entry + 4]).into_owned();
        if offset.checked_add(size).is_none_or(|end| end > bytes.len()) || size < 8 {
            return Err(format!(
                "expected every tag inside the profile, found `{}` outside it",
                signature.escape_debug()
            ));
        }
        tags.push(signature);
    }
    let missing: Vec<&str> = REQUIRED_TAGS.iter().copied().filter(|t| !tags.iter().any(|s| s == t)).collect();
    if !missing.is_empty() {
        return Err(format!(
            "expected the tags an output profile converts colours with ({}), found none for {}",
            REQUIRED_TAGS.join(", "),
            missing.join(", ")
        ));
    }
    check_conversion(bytes)?;
    Ok(description(bytes).unwrap_or_else(|| "Custom".into()))
}

/// The text of the profile's `desc` tag (ICC v2 `desc` or v4 `mluc`).
fn description(icc: &[u8]) -> Option<String> {
    let be32 = |at: usize| icc.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let count = be32(128)?;
    for i in 0..count.min(100) {
        let entry = 132 + i * 12;
        if icc.get(entry..entry + 4)? != b"desc" {
            continue;
        }
        let (offset, size) = (be32(entry + 4)?, be32(entry + 8)?);
        let tag = icc.get(offset..offset.checked_add(size)?)?;
        return match tag.get(0..4)? {
            b"desc" => {
                let n = u32::from_be_bytes(tag.get(8..12)?.try_into().ok()?) as usize;
                let text = tag.get(12..12 + n)?;
                Some(String::from_utf8_lossy(text).trim_end_matches('\0').to_string())
            }
            b"mluc" => {
                let len = u32::from_be_bytes(tag.get(20..24)?.try_into().ok()?) as usize;
                let start = u32::from_be_bytes(tag.get(24..28)?.try_into().ok()?) as usize;
                let units: Vec<u16> =
                    tag.get(start..start + len)?.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                Some(String::from_utf16_lossy(&units))
            }
            _ => None,
        };
    }
    None
}

/// Whether littleCMS can convert with the CMYK output profile `icc`: it must read the
/// profile and build the transforms a print file needs, sRGB to the press's CMYK and back
/// (as a proof does). A profile whose header and tags look right but whose tables do not
/// convert is refused here, before a file is labelled PDF/X with it.
pub fn check_conversion(icc: &[u8]) -> Result<(), String> {
    let cannot = |err: &lcms2::Error| {
        format!(
            "expected a profile whose tables convert colours, found one that cannot convert ({})",
            lcms_failure(err)
        )
    };
    let output = lcms2::Profile::new_icc(icc).map_err(|err| cannot(&err))?;
    let srgb = lcms2::Profile::new_srgb();
    for intent in [lcms2::Intent::RelativeColorimetric, lcms2::Intent::Perceptual] {
        let forward: lcms2::Transform<[u8; 3], [u8; 4]> =
            lcms2::Transform::new(&srgb, lcms2::PixelFormat::RGB_8, &output, lcms2::PixelFormat::CMYK_8, intent)
                .map_err(|err| cannot(&err))?;
        let back: lcms2::Transform<[u8; 4], [u8; 3]> =
            lcms2::Transform::new(&output, lcms2::PixelFormat::CMYK_8, &srgb, lcms2::PixelFormat::RGB_8, intent)
                .map_err(|err| cannot(&err))?;
        let mut cmyk = [[0u8; 4]; 2];
        forward.transform_pixels(&[[255, 255, 255], [0, 114, 122]], &mut cmyk);
        let mut rgb = [[0u8; 3]; 2];
        back.transform_pixels(&cmyk, &mut rgb);
    }
    Ok(())
}

/// What went wrong in littleCMS, in our words. Its own text (`Could not create the
/// object.\nThe reason is not known, …`) is English on two lines and says nothing a user can
/// act on; these phrases stand in the message table (src/lang/messages.rs), so a bokmål user
/// reads them in bokmål.
pub fn lcms_failure(err: &lcms2::Error) -> &'static str {
    match err {
        lcms2::Error::ObjectCreationError => "littleCMS could not build a conversion from the profile's tables",
        lcms2::Error::InvalidString => "littleCMS found a text in the profile it cannot read",
        lcms2::Error::MissingData => "littleCMS found data missing from the profile",
    }
}
