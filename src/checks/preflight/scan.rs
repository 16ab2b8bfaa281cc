//! Reads what a PDF's pages paint: text (where, how large, which glyphs), stroked lines (how
//! thin), colours (in which space, how much ink) and images (at what resolution), following
//! form XObjects. The checks in `super` judge what this collects.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::typeset::pdf::Rect;
use crate::typeset::pdf::{
    ColourOp, Family, IDENTITY, Matrix, colour_op, colour_space, multiply, page_resources, resolve_dict, scale,
};

/// A colour space as the checks see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpaceKind {
    Cmyk,
    /// Separation or DeviceN (spot colours, the registration colour).
    Spot,
    Pattern,
    /// Anything else: RGB, grey, Lab, an ICC space of 1 or 3 components, indexed colour…
    Other(String),
}

/// A run of text shown by one operator.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub bounds: Rect,
    /// The size as printed, in points.
    pub size: f64,
    /// Glyphs shown that the font does not have (CID 0, `.notdef`).
    pub missing_glyphs: usize,
    pub font: String,
    /// How many glyphs it shows.
    pub glyphs: usize,
    /// Its fill in process inks (0–1 each), when it is CMYK.
    pub ink: Option<[f64; 4]>,
    /// Whether it is painted with fill overprint on.
    pub overprint: bool,
    /// Its place among the page's fills and text, in painting order.
    pub order: usize,
}

/// An area filled with process ink (a path or an image), where it ends up on the page.
#[derive(Debug, Clone)]
pub struct Fill {
    pub bounds: Rect,
    /// Its ink (0–1 each), none for an image.
    pub ink: Option<[f64; 4]>,
    /// Its place among the page's fills and text, in painting order.
    pub order: usize,
}

/// A stroked line: its width in points, and how many process inks it is printed in.
#[derive(Debug, Clone, Copy)]
pub struct Stroke {
    pub width: f64,
    pub inks: usize,
}

/// How many of the four process inks a CMYK value uses.
pub fn inks_used(ink: &[f64; 4]) -> usize {
    ink.iter().filter(|v| **v > 0.0005).count()
}

/// An image as placed.
#[derive(Debug, Clone)]
pub struct PlacedImage {
    pub id: ObjectId,
    /// Its resolution at the placed size, pixels per inch, the lower of both directions.
    pub ppi: f64,
    pub space: SpaceKind,
    /// The most ink of any pixel, in percent (CMYK images only).
    pub max_ink: f64,
}

/// What one page paints.
#[derive(Debug, Default)]
pub struct PageScan {
    pub text: Vec<TextRun>,
    /// Stroked lines.
    pub strokes: Vec<Stroke>,
    /// Filled areas and images, in painting order.
    pub fills: Vec<Fill>,
    /// Colour spaces that are neither CMYK nor spot colours, with the operator that set them.
    pub other_colours: Vec<String>,
    /// Total ink of every CMYK colour set, in percent (the checks hold it to the ink limit).
    pub ink_totals: Vec<f64>,
    pub images: Vec<PlacedImage>,
    /// Transparency groups (the page's, or a form's) that blend in another space than CMYK:
    /// the space and where it is (`DeviceRGB on the page`).
    pub blend_spaces: Vec<String>,
    /// Paths and lines painted in white (no ink) with overprint on: on press they vanish.
    pub white_overprint: usize,
    /// What could not be read on the page (a content stream, a form that draws itself, a
    /// limit reached): each an error, for a page that cannot be read never passes.
    pub problems: Vec<String>,
}

impl PageScan {
    /// Notes what could not be read, each thing once and at most ten (a form drawn a million
    /// times that cannot be read is one problem).
    fn problem(&mut self, message: String) {
        if self.problems.len() < 10 && !self.problems.contains(&message) {
            self.problems.push(message);
        }
    }
}

/// The most a page's content (or a form's) may decode to, in bytes.
pub const MAX_CONTENT_BYTES: usize = 16 << 20;
/// The most an image's samples or a font program may decode to, in bytes.
pub const MAX_STREAM_BYTES: usize = 128 << 20;
/// The most all streams of a file may decode to together, in bytes.
pub const MAX_DECODED_BYTES: usize = 2 << 30;
/// The most content (pages and forms, however often a form is drawn) a file may decode to
/// together, in bytes: what is parsed as operators.
pub const MAX_CONTENT_TOTAL: usize = 256 << 20;
/// The most content operators (and font widths) a preflight reads in a file, however often
/// a form or a stream is repeated (a 116-page report has about 130 000).
pub const MAX_OPERATIONS: usize = 4_000_000;
/// The deepest nesting of form XObjects followed.
pub const MAX_FORM_DEPTH: usize = 12;

/// The work a preflight may still do: bytes to decode and operators to read. A file that
/// needs more is an error, so the time and memory a preflight takes are bounded by these,
/// not by what a file declares.
#[derive(Debug)]
pub struct Work {
    decoded: usize,
    content: usize,
    operations: usize,
}

impl Default for Work {
    fn default() -> Self {
        Work { decoded: MAX_DECODED_BYTES, content: MAX_CONTENT_TOTAL, operations: MAX_OPERATIONS }
    }
}

impl Work {
    /// A content stream (a page's or a form's) decoded, within [`MAX_CONTENT_TOTAL`] too.
    fn content(&mut self, stream: &lopdf::Stream, limit: usize) -> Result<Vec<u8>, String> {
        let data = self.decode(stream, limit.min(self.content))?;
        self.content -= data.len().min(self.content);
        Ok(data)
    }

    /// The stream's content decoded (at most `limit` bytes and what the file's budget has
    /// left), or why it cannot be.
    pub fn decode(&mut self, stream: &lopdf::Stream, limit: usize) -> Result<Vec<u8>, String> {
        let limit = limit.min(self.decoded);
        let data = match stream.decompressed_content_with_limit(limit) {
            Ok(data) => data,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(format!("a stream decodes to more than {} MB", limit >> 20));
            }
            // A stream without a filter lopdf knows is read as it is, if it fits.
            Err(_) if stream.dict.get(b"Filter").is_err() && stream.content.len() <= limit => stream.content.clone(),
            Err(err) => return Err(format!("a stream cannot be decoded ({err})")),
        };
        // lopdf reads a broken Flate stream leniently, as what it can; more than a few bytes
        // that decode to nothing are a stream that cannot be read.
        if data.is_empty() && stream.content.len() > 16 && stream.dict.get(b"Filter").is_ok() {
            return Err(format!("a stream of {} bytes that decodes to nothing", stream.content.len()));
        }
        self.decoded -= data.len().min(self.decoded);
        Ok(data)
    }

    /// Spends `n` operations; false when the file's budget is used up.
    fn spend(&mut self, n: usize) -> bool {
        let ok = self.operations >= n;
        self.operations = self.operations.saturating_sub(n);
        ok
    }
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The kind of a colour space object, as the checks see it.
pub fn space_kind(doc: &Document, space: &Object) -> SpaceKind {
    // An indexed space paints in its base space's colours.
    if let Some(base) = indexed(doc, space).map(|(base, _)| base) {
        return space_kind(doc, base);
    }
    let space = colour_space(doc, space);
    match space.family {
        Family::Cmyk => SpaceKind::Cmyk,
        Family::Spot => SpaceKind::Spot,
        Family::Pattern => SpaceKind::Pattern,
        Family::Rgb | Family::Grey | Family::Other => SpaceKind::Other(space.label),
    }
}

/// The base space and the lookup table of an `Indexed` colour space.
fn indexed<'d>(doc: &'d Document, space: &'d Object) -> Option<(&'d Object, &'d Object)> {
    let space = match space {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let items = space.as_array().ok()?;
    if items.len() != 4 || items[0].as_name().ok()? != b"Indexed" {
        return None;
    }
    Some((&items[1], &items[3]))
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    line_width: f64,
    fill: SpaceKind,
    stroke: SpaceKind,
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
    render_mode: i64,
    /// The fill and stroke colours in process inks, when they are CMYK.
    fill_ink: Option<[f64; 4]>,
    stroke_ink: Option<[f64; 4]>,
    /// Fill overprint (`/op`, or `/OP` without it, of the graphics state set by `gs`).
    overprint: bool,
    /// Stroke overprint (`/OP`).
    stroke_overprint: bool,
    /// The clipping path's bounds on the page, when one is set.
    clip: Option<Rect>,
}

impl State {
    /// The graphics state a page starts in, under `ctm`.
    fn initial(ctm: Matrix) -> State {
        let grey = SpaceKind::Other("DeviceGray".into());
        State {
            ctm,
            line_width: 1.0,
            fill: grey.clone(),
            stroke: grey,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
            fill_ink: None,
            stroke_ink: None,
            overprint: false,
            stroke_overprint: false,
            clip: None,
        }
    }
}

/// A font's widths and how its codes are read.
struct FontInfo {
    name: String,
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

fn font_info(doc: &Document, font: &Dictionary, work: &mut Work) -> FontInfo {
    let name = font.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned());
    let mut info =
        FontInfo { name: name.unwrap_or_default(), two_byte: false, widths: HashMap::new(), default_width: 0.0 };
    let number = |o: &Object| o.as_float().ok().map(f64::from);
    if font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0") {
        info.two_byte = true;
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| match o {
                Object::Array(a) => a.first().cloned(),
                Object::Reference(id) => doc.get_object(*id).ok().and_then(|a| a.as_array().ok()?.first().cloned()),
                _ => None,
            })
            .and_then(|o| resolve_dict(doc, &o).cloned());
        let Some(cid) = descendant else { return info };
        info.default_width = cid.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
        if let Ok(w) = cid.get(b"W").and_then(|o| doc.dereference(o).map(|(_, o)| o)).and_then(Object::as_array) {
            let mut i = 0;
            while i < w.len() {
                let Some(first) = w[i].as_i64().ok() else { break };
                match w.get(i + 1) {
                    Some(Object::Array(list)) => {
                        if !work.spend(list.len()) {
                            break;
                        }
                        for (k, v) in list.iter().enumerate() {
                            info.widths.insert((first as u32).wrapping_add(k as u32), number(v).unwrap_or(0.0));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let (Some(last), Some(v)) = (last.as_i64().ok(), w.get(i + 2).and_then(number)) else { break };
                        // Codes are two bytes: a range beyond them, or one repeated a million
                        // times, must not make the scan run forever.
                        let (first, last) = (first.clamp(0, 65_535), last.clamp(0, 65_535));
                        if !work.spend((last - first).max(0) as usize + 1) {
                            break;
                        }
                        for c in first..=last {
                            info.widths.insert(c as u32, v);
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    } else if let Ok(Object::Array(widths)) = font.get(b"Widths").and_then(|o| doc.dereference(o).map(|(_, o)| o)) {
        let first = font.get(b"FirstChar").and_then(Object::as_i64).unwrap_or(0);
        for (k, v) in widths.iter().take(256).enumerate() {
            info.widths.insert((first as u32).wrapping_add(k as u32), number(v).unwrap_or(0.0));
        }
    }
    info
}

/// Scans every page of `doc` (its pages in order), within the file's [`Work`].
pub fn scan(doc: &Document, pages: &[ObjectId], work: &mut Work) -> Vec<PageScan> {
    let mut fonts: HashMap<ObjectId, FontInfo> = HashMap::new();
    pages
        .iter()
        .map(|&page| {
            let mut out = PageScan::default();
            if crate::typeset::pdf::parent_cycle(doc, page) {
                out.problem("expected a page tree, found a /Parent that leads back to itself".into());
            }
            let resources = page_resources(doc, page);
            let mut content = Vec::new();
            for id in doc.get_page_contents(page) {
                let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                    out.problem(format!("expected a content stream, found object {} {} missing", id.0, id.1));
                    continue;
                };
                match work.content(stream, MAX_CONTENT_BYTES.saturating_sub(content.len())) {
                    Ok(data) => content.extend_from_slice(&data),
                    Err(why) => {
                        out.problem(format!("expected readable page content, found {why}"));
                        return out;
                    }
                }
                content.push(b'\n');
            }
            if let Some(what) = doc.get_dictionary(page).ok().and_then(|dict| blend_space(doc, dict)) {
                out.blend_spaces.push(format!("{what} on the page"));
            }
            let mut forms = Vec::new();
            let mut context = Context { doc, out: &mut out, fonts: &mut fonts, work, forms: &mut forms };
            run(&mut context, &content, &resources, IDENTITY);
            out
        })
        .collect()
}

/// What a walk over content streams shares: the document, what it found, the fonts read so
/// far, the work left and the forms being drawn (to find a form that draws itself).
struct Context<'a, 'd> {
    doc: &'d Document,
    out: &'a mut PageScan,
    fonts: &'a mut HashMap<ObjectId, FontInfo>,
    work: &'a mut Work,
    forms: &'a mut Vec<ObjectId>,
}

fn run(cx: &mut Context, content: &[u8], resources: &Dictionary, ctm: Matrix) {
    run_from(cx, content, resources, State::initial(ctm));
}

/// [`run`] from the graphics state `start`: a form is drawn in the state of the page where
/// it is placed (its colours, overprint and text state), as PDF has it.
fn run_from(cx: &mut Context, content: &[u8], resources: &Dictionary, start: State) {
    let doc = cx.doc;
    let Ok(content) = Content::decode(content) else {
        cx.out.problem("expected content streams of PDF operators, found one that cannot be parsed".into());
        return;
    };
    if !cx.work.spend(content.operations.len()) {
        cx.out.problem(format!(
            "expected work proportional to the file, found more than {MAX_OPERATIONS} operators to read (a form or stream repeated)"
        ));
        return;
    }
    let mut state = start;
    // The bounds of the path being built, on the page; a pending clip (`W`) waits for the
    // painting operator that ends the path.
    let mut path: Option<Rect> = None;
    let mut pending_clip = false;
    let mut stack = Vec::new();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let named = |kind: &[u8], name: &[u8]| -> Option<Object> {
        let dict = resolve_dict(doc, resources.get(kind).ok()?)?;
        dict.get(name).ok().cloned()
    };
    for op in &content.operations {
        let nums: Vec<f64> = op.operands.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect();
        let name = op.operands.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec);
        if let Some(colour) = colour_op(op) {
            match colour {
                ColourOp::Save => stack.push(state.clone()),
                ColourOp::Restore => {
                    if let Some(saved) = stack.pop() {
                        state = saved;
                    }
                }
                ColourOp::Space { stroke, name } => {
                    if stroke {
                        state.stroke_ink = None
                    } else {
                        state.fill_ink = None
                    }
                    let kind = match name {
                        b"DeviceCMYK" => SpaceKind::Cmyk,
                        b"Pattern" => SpaceKind::Pattern,
                        n @ (b"DeviceRGB" | b"DeviceGray") => SpaceKind::Other(String::from_utf8_lossy(n).into()),
                        b"" => SpaceKind::Other("missing".into()),
                        n => {
                            named(b"ColorSpace", n).map_or(SpaceKind::Other("missing".into()), |s| space_kind(doc, &s))
                        }
                    };
                    if let SpaceKind::Other(what) = &kind {
                        cx.out.other_colours.push(format!("{what} ({})", op.operator));
                    }
                    if stroke { state.stroke = kind } else { state.fill = kind }
                }
                ColourOp::Colour { stroke, .. } => {
                    let space = if stroke { &state.stroke } else { &state.fill };
                    if *space == SpaceKind::Pattern
                        && let Some(pattern) = op.operands.last().and_then(|o| o.as_name().ok())
                        && let Some(pattern) = named(b"Pattern", pattern)
                    {
                        painted_pattern(cx, &pattern);
                    }
                    let value =
                        (*space == SpaceKind::Cmyk && nums.len() == 4).then(|| [nums[0], nums[1], nums[2], nums[3]]);
                    if let Some(value) = value {
                        ink(cx.out, &value);
                    }
                    if stroke { state.stroke_ink = value } else { state.fill_ink = value }
                }
                ColourOp::Device { stroke, family: Family::Cmyk, .. } => {
                    let value = (nums.len() == 4).then(|| [nums[0], nums[1], nums[2], nums[3]]);
                    if stroke {
                        (state.stroke, state.stroke_ink) = (SpaceKind::Cmyk, value);
                    } else {
                        (state.fill, state.fill_ink) = (SpaceKind::Cmyk, value);
                    }
                    if let Some(value) = value {
                        ink(cx.out, &value);
                    }
                }
                ColourOp::Device { stroke, family, .. } => {
                    if stroke {
                        state.stroke_ink = None
                    } else {
                        state.fill_ink = None
                    }
                    let space = if family == Family::Grey { "DeviceGray" } else { "DeviceRGB" };
                    cx.out.other_colours.push(format!("{space} ({})", op.operator));
                }
            }
            continue;
        }
        match op.operator.as_str() {
            "cm" if nums.len() == 6 => {
                let m = [nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]];
                state.ctm = multiply(&m, &state.ctm);
            }
            "w" => state.line_width = nums.first().copied().unwrap_or(1.0),
            "gs" => {
                let dict = name.as_deref().and_then(|n| named(b"ExtGState", n));
                if let Some(dict) = dict.as_ref().and_then(|d| resolve_dict(doc, d)) {
                    let flag = |key: &[u8]| dict.get(key).ok().and_then(|o| o.as_bool().ok());
                    if let Some(on) = flag(b"op").or_else(|| flag(b"OP")) {
                        state.overprint = on;
                    }
                    if let Some(on) = flag(b"OP") {
                        state.stroke_overprint = on;
                    }
                    // A soft mask is a transparency group of its own: its blending space
                    // counts as a page's or a form's does.
                    let mask = dict.get(b"SMask").ok().and_then(|m| resolve_dict(doc, m));
                    let group = mask.and_then(|m| m.get(b"G").ok()?.as_reference().ok());
                    if let Some((id, form)) =
                        group.and_then(|id| Some((id, doc.get_object(id).ok()?.as_stream().ok()?)))
                        && let Some(what) = blend_space(doc, &form.dict)
                    {
                        cx.out.blend_spaces.push(format!("{what} in soft mask {} {}", id.0, id.1));
                    }
                }
            }
            "re" if nums.len() == 4 => {
                let [x, y, w, h] = [nums[0], nums[1], nums[2], nums[3]];
                for (px, py) in [(x, y), (x + w, y), (x, y + h), (x + w, y + h)] {
                    grow(&mut path, apply(&state.ctm, px, py));
                }
            }
            "m" | "l" | "c" | "v" | "y" => {
                for pair in nums.chunks_exact(2) {
                    grow(&mut path, apply(&state.ctm, pair[0], pair[1]));
                }
            }
            "W" | "W*" => pending_clip = true,
            "n" | "f" | "F" | "f*" | "S" | "s" | "b" | "B" | "b*" | "B*" => {
                let strokes = matches!(op.operator.as_str(), "S" | "s" | "b" | "B" | "b*" | "B*");
                let fills = matches!(op.operator.as_str(), "f" | "F" | "f*" | "b" | "B" | "b*" | "B*");
                let white = |ink: Option<[f64; 4]>| ink.is_some_and(|i| inks_used(&i) == 0);
                if (strokes && state.stroke_overprint && white(state.stroke_ink))
                    || (fills && state.overprint && white(state.fill_ink))
                {
                    cx.out.white_overprint += 1;
                }
                if strokes {
                    let inks = state.stroke_ink.as_ref().map_or(1, inks_used);
                    cx.out.strokes.push(Stroke { width: state.line_width * scale(&state.ctm), inks });
                }
                if fills && let (Some(bounds), Some(ink)) = (path, state.fill_ink) {
                    let bounds = clipped(bounds, state.clip);
                    let order = cx.out.text.len() + cx.out.fills.len();
                    cx.out.fills.push(Fill { bounds, ink: Some(ink), order });
                }
                if pending_clip && let Some(bounds) = path {
                    state.clip = Some(clipped(bounds, state.clip));
                }
                (path, pending_clip) = (None, false);
            }
            "sh" => {
                if let Some(shading) = name.as_deref().and_then(|n| named(b"Shading", n)) {
                    shading_space(cx, &shading);
                }
            }
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                state.font = name.clone();
                state.size = op.operands.get(1).and_then(|o| o.as_float().ok()).map_or(0.0, f64::from);
            }
            "Tc" => state.char_spacing = nums.first().copied().unwrap_or(0.0),
            "Tw" => state.word_spacing = nums.first().copied().unwrap_or(0.0),
            "Tz" => state.h_scale = nums.first().copied().unwrap_or(100.0) / 100.0,
            "TL" => state.leading = nums.first().copied().unwrap_or(0.0),
            "Ts" => state.rise = nums.first().copied().unwrap_or(0.0),
            "Tr" => state.render_mode = nums.first().map_or(0, |v| *v as i64),
            "Tm" if nums.len() == 6 => {
                tm = [nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]];
                tlm = tm;
            }
            "Td" | "TD" if nums.len() == 2 => {
                if op.operator == "TD" {
                    state.leading = -nums[1];
                }
                tlm = multiply(&[1.0, 0.0, 0.0, 1.0, nums[0], nums[1]], &tlm);
                tm = tlm;
            }
            "T*" => {
                tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator == "'" || op.operator == "\"" {
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                let font = state.font.as_deref().and_then(|n| named(b"Font", n));
                let font_id = font.as_ref().and_then(|f| f.as_reference().ok());
                let info = match (font_id, font.as_ref().and_then(|f| resolve_dict(doc, f))) {
                    (Some(id), Some(dict)) => {
                        Some(&*cx.fonts.entry(id).or_insert_with(|| font_info(doc, dict, cx.work)))
                    }
                    _ => None,
                };
                show(op, &state, info, &mut tm, cx.out);
            }
            "Do" => {
                let Some(object) = name.as_deref().and_then(|n| named(b"XObject", n)) else { continue };
                let Ok(id) = object.as_reference() else { continue };
                let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { continue };
                match stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"") {
                    b"Image" => match image(doc, id, &stream.dict, &state.ctm, cx.work) {
                        Ok(placed) => {
                            let mut bounds = None;
                            for (x, y) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
                                grow(&mut bounds, apply(&state.ctm, x, y));
                            }
                            if let Some(bounds) = bounds {
                                let order = cx.out.text.len() + cx.out.fills.len();
                                cx.out.fills.push(Fill { bounds: clipped(bounds, state.clip), ink: None, order });
                            }
                            cx.out.images.push(placed)
                        }
                        Err(why) => {
                            cx.out.problem(format!("expected a readable image, found image {} {}: {why}", id.0, id.1))
                        }
                    },
                    b"Form" => {
                        if cx.forms.contains(&id) {
                            cx.out.problem(format!(
                                "expected forms that end, found form {} {} drawing itself",
                                id.0, id.1
                            ));
                            continue;
                        }
                        if cx.forms.len() >= MAX_FORM_DEPTH {
                            cx.out
                                .problem(format!("expected forms nested at most {MAX_FORM_DEPTH} deep, found deeper"));
                            continue;
                        }
                        let matrix = match stream.dict.get(b"Matrix") {
                            Ok(Object::Array(m)) if m.len() == 6 => {
                                let v: Vec<f64> = m.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect();
                                if v.len() == 6 { [v[0], v[1], v[2], v[3], v[4], v[5]] } else { IDENTITY }
                            }
                            _ => IDENTITY,
                        };
                        let own = stream.dict.get(b"Resources").ok().and_then(|r| resolve_dict(doc, r)).cloned();
                        let inner = match cx.work.content(stream, MAX_CONTENT_BYTES) {
                            Ok(inner) => inner,
                            Err(why) => {
                                cx.out
                                    .problem(format!("expected a readable form, found form {} {}: {why}", id.0, id.1));
                                continue;
                            }
                        };
                        if let Some(what) = blend_space(doc, &stream.dict) {
                            cx.out.blend_spaces.push(format!("{what} in form {} {}", id.0, id.1));
                        }
                        let mut inherited = state.clone();
                        inherited.ctm = multiply(&matrix, &state.ctm);
                        cx.forms.push(id);
                        run_from(cx, &inner, own.as_ref().unwrap_or(resources), inherited);
                        cx.forms.pop();
                        if cx.work.operations == 0 {
                            return;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// The blending space of the transparency group of `dict` (a page or a form), when it has
/// one that is not CMYK.
pub fn blend_space(doc: &Document, dict: &Dictionary) -> Option<String> {
    let group = resolve_dict(doc, dict.get(b"Group").ok()?)?;
    if group.get(b"S").and_then(Object::as_name).ok() != Some(b"Transparency") {
        return None;
    }
    match space_kind(doc, group.get(b"CS").ok()?) {
        SpaceKind::Cmyk => None,
        SpaceKind::Other(what) => Some(what),
        SpaceKind::Spot => Some("a spot colour space".into()),
        SpaceKind::Pattern => Some("Pattern".into()),
    }
}

/// The dictionary of `object`, or of the stream it is: shadings of types 4 to 7 (meshes) and
/// tiling patterns are streams.
fn dict_of<'d>(doc: &'d Document, object: &'d Object) -> Option<&'d Dictionary> {
    match object {
        Object::Reference(id) => match doc.get_object(*id).ok()? {
            Object::Stream(stream) => Some(&stream.dict),
            Object::Dictionary(dict) => Some(dict),
            _ => None,
        },
        Object::Stream(stream) => Some(&stream.dict),
        other => resolve_dict(doc, other),
    }
}

/// A shading's colour space, noted when it is not CMYK (or spot colours).
fn shading_space(cx: &mut Context, shading: &Object) {
    let space = dict_of(cx.doc, shading).and_then(|d| d.get(b"ColorSpace").ok());
    if let Some(SpaceKind::Other(what)) = space.map(|s| space_kind(cx.doc, s)) {
        cx.out.other_colours.push(format!("{what} (shading)"));
    }
}

/// A pattern used as a colour: a shading pattern's colour space, or what a tiling pattern's
/// cell paints (read as a form).
fn painted_pattern(cx: &mut Context, pattern: &Object) {
    let doc = cx.doc;
    let Some(dict) = dict_of(doc, pattern) else { return };
    if let Ok(shading) = dict.get(b"Shading") {
        shading_space(cx, shading);
        return;
    }
    let Ok(id) = pattern.as_reference() else { return };
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { return };
    if cx.forms.contains(&id) || cx.forms.len() >= MAX_FORM_DEPTH {
        return;
    }
    let own = stream.dict.get(b"Resources").ok().and_then(|r| resolve_dict(doc, r)).cloned().unwrap_or_default();
    match cx.work.content(stream, MAX_CONTENT_BYTES) {
        Ok(inner) => {
            cx.forms.push(id);
            // The cell's marks are not placed where the page's are: only their colours count.
            let (text, fills, strokes) = (cx.out.text.len(), cx.out.fills.len(), cx.out.strokes.len());
            run(cx, &inner, &own, IDENTITY);
            cx.out.text.truncate(text);
            cx.out.fills.truncate(fills);
            cx.out.strokes.truncate(strokes);
            cx.forms.pop();
        }
        Err(why) => cx.out.problem(format!("expected a readable pattern, found pattern {} {}: {why}", id.0, id.1)),
    }
}

fn ink(out: &mut PageScan, values: &[f64; 4]) {
    let total: f64 = values.iter().sum::<f64>() * 100.0;
    out.ink_totals.push(total);
}

/// Grows `bounds` to hold the point `(x, y)`.
fn grow(bounds: &mut Option<Rect>, (x, y): (f64, f64)) {
    let r = bounds.get_or_insert(Rect { x0: x, y0: y, x1: x, y1: y });
    (r.x0, r.y0, r.x1, r.y1) = (r.x0.min(x), r.y0.min(y), r.x1.max(x), r.y1.max(y));
}

/// `bounds` within the clip, if there is one.
fn clipped(bounds: Rect, clip: Option<Rect>) -> Rect {
    match clip {
        Some(c) => {
            Rect { x0: bounds.x0.max(c.x0), y0: bounds.y0.max(c.y0), x1: bounds.x1.min(c.x1), y1: bounds.y1.min(c.y1) }
        }
        None => bounds,
    }
}

/// Advances the text matrix over a shown string and records the run.
fn show(op: &lopdf::content::Operation, state: &State, font: Option<&FontInfo>, tm: &mut Matrix, out: &mut PageScan) {
    let two_byte = font.is_some_and(|f| f.two_byte);
    let (mut advance, mut missing, mut count) = (0.0, 0, 0);
    let start = *tm;
    let mut glyphs = |bytes: &[u8], advance: &mut f64| {
        let codes: Vec<u32> = if two_byte {
            bytes.chunks(2).map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))).collect()
        } else {
            bytes.iter().map(|b| u32::from(*b)).collect()
        };
        for code in codes {
            count += 1;
            if two_byte && code == 0 {
                missing += 1;
            }
            let width = font.and_then(|f| f.widths.get(&code).copied().or(Some(f.default_width))).unwrap_or(500.0);
            let space = if !two_byte && code == 32 { state.word_spacing } else { 0.0 };
            *advance += (width / 1000.0 * state.size + state.char_spacing + space) * state.h_scale;
        }
    };
    for operand in &op.operands {
        match operand {
            Object::String(bytes, _) => glyphs(bytes, &mut advance),
            Object::Array(items) => {
                for item in items {
                    match item {
                        Object::String(bytes, _) => glyphs(bytes, &mut advance),
                        other => {
                            if let Ok(adjust) = other.as_float() {
                                advance -= f64::from(adjust) / 1000.0 * state.size * state.h_scale;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    *tm = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
    if state.render_mode == 3 || state.size == 0.0 {
        return;
    }
    let m = multiply(&start, &state.ctm);
    let corners = [
        apply(&m, 0.0, state.rise - 0.25 * state.size),
        apply(&m, advance, state.rise - 0.25 * state.size),
        apply(&m, 0.0, state.rise + 0.75 * state.size),
        apply(&m, advance, state.rise + 0.75 * state.size),
    ];
    let bounds = Rect {
        x0: corners.iter().map(|c| c.0).fold(f64::MAX, f64::min),
        y0: corners.iter().map(|c| c.1).fold(f64::MAX, f64::min),
        x1: corners.iter().map(|c| c.0).fold(f64::MIN, f64::max),
        y1: corners.iter().map(|c| c.1).fold(f64::MIN, f64::max),
    };
    // The printed size: the font size times the vertical scale of text and page matrices.
    let (vx, vy) = (m[2], m[3]);
    let size = state.size * (vx * vx + vy * vy).sqrt();
    let order = out.text.len() + out.fills.len();
    out.text.push(TextRun {
        bounds,
        size,
        missing_glyphs: missing,
        font: font.map(|f| f.name.clone()).unwrap_or_default(),
        glyphs: count,
        ink: state.fill_ink,
        overprint: state.overprint,
        order,
    });
}

/// The first `count` samples of a row of `bits` each, as 8-bit levels: a 16-bit sample by its
/// high byte; 1, 2 and 4 bits as they are (indices into a palette).
fn unpack(row: &[u8], bits: usize, count: usize) -> Vec<u8> {
    match bits {
        8 => row.iter().take(count).copied().collect(),
        16 => row.chunks_exact(2).take(count).map(|pair| pair[0]).collect(),
        _ => (0..count)
            .map_while(|i| {
                let bit = i * bits;
                let byte = row.get(bit / 8)?;
                Some((byte >> (8 - bits - bit % 8)) & ((1u8 << bits) - 1))
            })
            .collect(),
    }
}

fn image(
    doc: &Document,
    id: ObjectId,
    dict: &Dictionary,
    ctm: &Matrix,
    work: &mut Work,
) -> Result<PlacedImage, String> {
    let pixels = |key: &[u8]| dict.get(key).and_then(Object::as_i64).unwrap_or(0) as f64;
    let (w, h) = (pixels(b"Width"), pixels(b"Height"));
    if w <= 0.0 || h <= 0.0 || w * h > 1e9 {
        return Err(format!("a size of {w} × {h} pixels"));
    }
    // The unit square's sides as placed, in inches.
    let placed_w = (ctm[0] * ctm[0] + ctm[1] * ctm[1]).sqrt() / 72.0;
    let placed_h = (ctm[2] * ctm[2] + ctm[3] * ctm[3]).sqrt() / 72.0;
    let ppi = (w / placed_w.max(1e-9)).min(h / placed_h.max(1e-9));
    let space = match dict.get(b"ColorSpace") {
        Ok(space) => space_kind(doc, space),
        // A mask (stencil) has no colour of its own.
        Err(_) => SpaceKind::Spot,
    };
    let mut max_ink = 0.0;
    if space == SpaceKind::Cmyk
        && let Ok(stream) = doc.get_object(id).and_then(Object::as_stream)
    {
        let bits = dict.get(b"BitsPerComponent").and_then(Object::as_i64).unwrap_or(8);
        let palette = dict.get(b"ColorSpace").ok().and_then(|s| indexed(doc, s));
        let channels = if palette.is_some() { 1 } else { 4 };
        if !matches!(bits, 1 | 2 | 4 | 8 | 16) || (palette.is_none() && bits < 8) {
            return Err(format!("{bits} bits per CMYK component"));
        }
        // The samples are read only as far as the size declares (and the limits allow):
        // each row starts on a byte.
        let row = (w as usize * channels * bits as usize).div_ceil(8);
        let declared = row * h as usize;
        if declared > MAX_STREAM_BYTES {
            return Err(format!("{w} × {h} CMYK pixels, more than {} MB", MAX_STREAM_BYTES >> 20));
        }
        let samples = if crate::typeset::pdf::is_jpeg(&stream.dict) && bits == 8 && palette.is_none() {
            crate::typeset::pdf::jpeg_cmyk(&stream.content, declared)?
        } else {
            work.decode(stream, declared + 4096)?
        };
        // Each sample as 8 bits (a 16-bit sample by its high byte); an index as its colour.
        let levels: Vec<u8> = samples
            .chunks(row.max(1))
            .take(h as usize)
            .flat_map(|line| unpack(line, bits as usize, w as usize * channels))
            .collect();
        max_ink = match palette {
            Some((_, lookup)) => {
                let table = match lookup {
                    Object::String(bytes, _) => bytes.clone(),
                    other => {
                        let id = other.as_reference().map_err(|_| "an indexed space without its table".to_string())?;
                        let table = doc.get_object(id).and_then(Object::as_stream).map_err(|e| e.to_string())?;
                        work.decode(table, 4 * 256 + 4096)?
                    }
                };
                let entries = table.len() / 4;
                let colours: Vec<u8> = levels
                    .iter()
                    .filter_map(|i| {
                        table.get(4 * usize::from(*i).min(entries.saturating_sub(1))..).and_then(|t| t.get(..4))
                    })
                    .flatten()
                    .copied()
                    .collect();
                crate::typeset::pdf::max_ink(&colours, &Dictionary::new())
            }
            // `/Decode [1 0 …]` (as Adobe writes CMYK JPEGs) stores each ink inverted.
            None => crate::typeset::pdf::max_ink(&levels, dict),
        };
    }
    Ok(PlacedImage { id, ppi, space, max_ink })
}
