//! The print file's content streams, rewritten operator by operator: RGB and grey colours
//! become CMYK, and the ink a colour prints in depends on what it paints.
//!
//! - **Small type in few inks, in its hue.** Text under
//!   [`SMALL_TYPE_PT`](crate::typeset::appearance::SMALL_TYPE_PT) in a neutral grey of more than one
//!   ink prints in black ink only, a K tint as light as the colour (its luminance): four
//!   plates out of register blur a 7 pt running head, one plate cannot. Small type in a colour
//!   keeps its hue: a build of more than two inks prints in the two of them that come nearest it
//!   ([`two_inks`](crate::typeset::appearance::two_inks), the difference reported). Lines under
//!   [`THIN_LINE_PT`] in more than one ink print in the black tint. Larger type and fills
//!   keep the designer's inks.
//! - **Black text overprints.** Text in 100 % K is set with overprint on (`/OP`, `/op`,
//!   `/OPM 1`), so it prints over a tint or photo without a white gap where the plates miss;
//!   overprint is switched off again before anything else is painted, so a white fill still
//!   knocks out.
//!
//! A colour is set once and may then paint text of several sizes and shapes, so the rewrite
//! follows what the stream last set (`shown`) apart from what the document meant (`paint`),
//! and writes a `k`/`K` before each painting operator whose ink differs.

use std::collections::HashMap;

use lopdf::content::{Content, Operation};
use lopdf::{Object, ObjectId};

use super::converted::Converted;
use crate::typeset::appearance::{Inks, SMALL_TYPE_PT, grey, inks_used, single_ink, small_type_ink};
use crate::typeset::pdf::{ColourOp, Family, IDENTITY, Matrix, colour_op, matrix_of, multiply, scale};

/// Lines thinner than this (in points) print in one ink.
pub const THIN_LINE_PT: f64 = 1.0;
/// The resource names of the two graphics states the rewrite sets: overprint on, and off.
pub const OVERPRINT: &[u8] = b"RapportOverprint";
pub const KNOCKOUT: &[u8] = b"RapportKnockout";

/// The kind of a colour space as far as conversion goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Space {
    Rgb,
    Grey,
    /// CMYK, spot colours, patterns: left as they are.
    Other,
}

/// A colour the rewrite made CMYK: its inks, the inks it prints in as small type, and the one
/// ink it prints in as a thin line; for an RGB colour, the colour.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Paint {
    cmyk: [f32; 4],
    small: [f32; 4],
    single: [f32; 4],
    rgb: Option<[f32; 3]>,
}

/// The graphics state as far as the rewrite follows it (`q` saves it, `Q` restores it).
#[derive(Debug, Clone)]
struct State {
    fill_space: Space,
    stroke_space: Space,
    /// The colours the document set, when the rewrite made them (None: left as they were).
    fill: Option<Paint>,
    stroke: Option<Paint>,
    /// The CMYK values the rewritten stream set last (None: not known, or not ours).
    shown_fill: Option<[f32; 4]>,
    shown_stroke: Option<[f32; 4]>,
    ctm: Matrix,
    line_width: f64,
    font_size: f64,
    overprint: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            fill_space: Space::Grey,
            stroke_space: Space::Grey,
            fill: None,
            stroke: None,
            shown_fill: None,
            shown_stroke: None,
            ctm: IDENTITY,
            line_width: 1.0,
            font_size: 0.0,
            overprint: false,
        }
    }
}

/// What a painting operator paints.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Painting {
    Text,
    Fill,
    Stroke,
    FillAndStroke,
    /// Images, shadings, forms: colours of their own; overprint must be off.
    Other,
}

fn painting(operator: &str) -> Option<Painting> {
    Some(match operator {
        "Tj" | "TJ" | "'" | "\"" => Painting::Text,
        "f" | "F" | "f*" => Painting::Fill,
        "S" | "s" => Painting::Stroke,
        "B" | "B*" | "b" | "b*" => Painting::FillAndStroke,
        "sh" | "Do" | "BI" => Painting::Other,
        _ => return None,
    })
}

/// Whether a CMYK value is solid black ink and nothing else.
fn solid_black([c, m, y, k]: &[f32; 4]) -> bool {
    *c <= 0.0005 && *m <= 0.0005 && *y <= 0.0005 && *k >= 0.9995
}

/// What the rewrite of one stream found.
#[derive(Debug)]
pub(super) struct Rewritten {
    pub content: Content,
    /// Whether it set the overprint graphics states (which its resources must then name).
    pub overprints: bool,
}

/// Rewrites a content stream whose colour spaces are `spaces` (resource name → kind).
pub(super) fn rewrite(
    content: Content,
    spaces: &HashMap<Vec<u8>, Space>,
    inks: &Inks,
    done: &mut Converted,
) -> Rewritten {
    let mut state = State::default();
    let mut stack: Vec<State> = Vec::new();
    let mut tm = IDENTITY;
    let mut overprints = false;
    let mut out = Vec::with_capacity(content.operations.len());
    for op in content.operations {
        match op.operator.as_str() {
            "cm" => {
                if let Some(m) = matrix_of(&op) {
                    state.ctm = multiply(&m, &state.ctm);
                }
            }
            "w" => state.line_width = op.operands.first().and_then(|o| o.as_float().ok()).map_or(1.0, f64::from),
            "Tf" => state.font_size = op.operands.get(1).and_then(|o| o.as_float().ok()).map_or(0.0, f64::from),
            "BT" => tm = IDENTITY,
            "Tm" => tm = matrix_of(&op).unwrap_or(IDENTITY),
            _ => {}
        }
        if let Some(kind) = painting(&op.operator) {
            let text_size = state.font_size * scale(&tm) * scale(&state.ctm);
            let line_width = state.line_width * scale(&state.ctm);
            prepare(&mut out, &mut state, kind, text_size, line_width, &mut overprints, done);
            out.push(op);
            continue;
        }
        let Some(colour) = colour_op(&op) else {
            out.push(op);
            continue;
        };
        match colour {
            ColourOp::Save => stack.push(state.clone()),
            ColourOp::Restore => state = stack.pop().unwrap_or_default(),
            ColourOp::Space { stroke, name } => {
                let space = match name {
                    b"DeviceRGB" => Space::Rgb,
                    b"DeviceGray" => Space::Grey,
                    other => spaces.get(other).copied().unwrap_or(Space::Other),
                };
                set(&mut state, stroke, space, None);
                if space != Space::Other {
                    out.push(Operation::new(&op.operator, vec![Object::Name(b"DeviceCMYK".to_vec())]));
                    continue;
                }
            }
            ColourOp::Colour { stroke, values } => {
                let space = if stroke { state.stroke_space } else { state.fill_space };
                let paint = paint_of(space, &values, inks, done);
                set(&mut state, stroke, space, paint);
                if let Some(paint) = paint {
                    out.push(Operation::new(&op.operator, numbers(&paint.cmyk)));
                    continue;
                }
            }
            // A device colour sets a device space too: the `k` written for it, or the CMYK
            // that was there (left alone).
            ColourOp::Device { stroke, family, values } => {
                let space = match family {
                    Family::Rgb => Space::Rgb,
                    Family::Grey => Space::Grey,
                    _ => Space::Other,
                };
                let paint = paint_of(space, &values, inks, done);
                set(&mut state, stroke, Space::Other, paint);
                if let Some(paint) = paint {
                    out.push(Operation::new(if stroke { "K" } else { "k" }, numbers(&paint.cmyk)));
                    continue;
                }
            }
        }
        out.push(op);
    }
    Rewritten { content: Content { operations: out }, overprints }
}

/// Sets the fill or stroke space and colour the document set (and the stream shows).
fn set(state: &mut State, stroke: bool, space: Space, paint: Option<Paint>) {
    let shown = paint.map(|p| p.cmyk);
    if stroke {
        (state.stroke_space, state.stroke, state.shown_stroke) = (space, paint, shown);
    } else {
        (state.fill_space, state.fill, state.shown_fill) = (space, paint, shown);
    }
}

/// The CMYK paint of a colour in an RGB or grey space.
fn paint_of(space: Space, values: &[f32], inks: &Inks, done: &mut Converted) -> Option<Paint> {
    match (space, values) {
        (Space::Rgb, [r, g, b]) => {
            let rgb = [*r, *g, *b];
            let (cmyk, known) = inks.cmyk(rgb);
            done.flat_colour(rgb, cmyk, known);
            let key = rgb.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
            let small = done.small_inks.entry(key).or_insert_with(|| small_type_ink(rgb, cmyk)).0;
            Some(Paint { cmyk, small, single: single_ink(rgb), rgb: Some(rgb) })
        }
        (Space::Grey, [level]) => {
            let k = grey(*level);
            Some(Paint { cmyk: k, small: k, single: k, rgb: None })
        }
        _ => None,
    }
}

fn numbers(cmyk: &[f32; 4]) -> Vec<Object> {
    cmyk.iter().map(|v| Object::Real(*v)).collect()
}

/// Writes what must precede a painting operator: the ink its colour prints in at this size
/// or width, and overprint on (black text) or off (everything else).
fn prepare(
    out: &mut Vec<Operation>,
    state: &mut State,
    kind: Painting,
    text_size: f64,
    line_width: f64,
    overprints: &mut bool,
    done: &mut Converted,
) {
    let fills = matches!(kind, Painting::Text | Painting::Fill | Painting::FillAndStroke);
    let strokes = matches!(kind, Painting::Stroke | Painting::FillAndStroke);
    if fills && let Some(paint) = state.fill {
        let small = kind == Painting::Text && text_size < SMALL_TYPE_PT;
        let ink = if small { paint.small } else { paint.cmyk };
        if small
            && inks_used(&ink) == 2
            && ink != paint.cmyk
            && let Some(rgb) = paint.rgb
        {
            done.two_inks.insert(rgb.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8));
        }
        if state.shown_fill != Some(ink) {
            out.push(Operation::new("k", numbers(&ink)));
            state.shown_fill = Some(ink);
        }
    }
    if strokes && let Some(paint) = state.stroke {
        let ink = if line_width < THIN_LINE_PT && inks_used(&paint.cmyk) > 1 { paint.single } else { paint.cmyk };
        if state.shown_stroke != Some(ink) {
            out.push(Operation::new("K", numbers(&ink)));
            state.shown_stroke = Some(ink);
        }
    }
    let overprint = kind == Painting::Text && state.shown_fill.is_some_and(|ink| solid_black(&ink));
    if overprint != state.overprint {
        let name = if overprint { OVERPRINT } else { KNOCKOUT };
        out.push(Operation::new("gs", vec![Object::Name(name.to_vec())]));
        state.overprint = overprint;
        *overprints = true;
    }
}

/// The two graphics states the rewrite names, as objects of `doc`: overprint on (with
/// overprint mode 1, so the zero C, M and Y of black ink leave the plates below alone), and off.
pub(super) fn add_states(doc: &mut lopdf::Document) -> (ObjectId, ObjectId) {
    let state = |on: bool| {
        let mut dict = lopdf::Dictionary::new();
        dict.set("Type", Object::Name(b"ExtGState".to_vec()));
        dict.set("OP", Object::Boolean(on));
        dict.set("op", Object::Boolean(on));
        dict.set("OPM", Object::Integer(i64::from(on)));
        dict
    };
    (doc.add_object(state(true)), doc.add_object(state(false)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(content: &Content) -> Vec<String> {
        content
            .operations
            .iter()
            .map(|op| {
                let args: Vec<String> = op
                    .operands
                    .iter()
                    .map(|o| match o {
                        Object::Name(n) => format!("/{}", String::from_utf8_lossy(n)),
                        o => o.as_float().map_or("?".into(), |v| format!("{v}")),
                    })
                    .collect();
                format!("{} {}", args.join(" "), op.operator).trim().to_string()
            })
            .collect()
    }

    fn run(source: &str) -> Rewritten {
        let spaces = HashMap::from([(b"c0".to_vec(), Space::Rgb)]);
        let inks =
            Inks::new([([0x4f, 0x61, 0x66], [0.35, 0.15, 0.15, 0.55]), ([0x1b, 0x1b, 0x1b], [0.0, 0.0, 0.0, 1.0])]);
        rewrite(Content::decode(source.as_bytes()).unwrap(), &spaces, &inks, &mut Converted::default())
    }

    #[test]
    fn small_type_in_a_four_colour_grey_prints_in_black_ink_only() {
        let grey = "0.30980393 0.38039216 0.4";
        let out = run(&format!("/c0 cs {grey} scn BT /f0 7 Tf [<01>] TJ ET BT /f0 14 Tf [<01>] TJ ET"));
        let ops = ops(&out.content);
        let small = ops.iter().position(|o| o.ends_with(" k")).expect("a k before the 7 pt text");
        assert!(ops[small].starts_with("0 0 0 0.6"), "{ops:?}");
        // The 14 pt text gets the four inks back.
        assert!(ops.iter().any(|o| o == "0.35 0.15 0.15 0.55 k"), "{ops:?}");
    }

    #[test]
    fn black_text_overprints_and_fills_after_it_knock_out() {
        let out = run("/c0 cs 0.105882354 0.105882354 0.105882354 scn BT /f0 10 Tf [<01>] TJ ET 0 0 10 10 re f");
        let ops = ops(&out.content);
        let on = ops.iter().position(|o| o == "/RapportOverprint gs").expect("overprint on");
        let off = ops.iter().position(|o| o == "/RapportKnockout gs").expect("overprint off");
        let text = ops.iter().position(|o| o.ends_with("TJ")).unwrap();
        let fill = ops.iter().position(|o| o == "f").unwrap();
        assert!(on < text && text < off && off < fill, "{ops:?}");
        assert!(out.overprints);
    }

    #[test]
    fn thin_lines_print_in_one_ink_and_thick_ones_keep_theirs() {
        let grey = "0.30980393 0.38039216 0.4";
        let thin = ops(&run(&format!("/c0 CS {grey} SCN 0.5 w 0 0 m 10 0 l S")).content);
        assert!(thin.iter().any(|o| o.starts_with("0 0 0 0.6") && o.ends_with(" K")), "{thin:?}");
        let thick = ops(&run(&format!("/c0 CS {grey} SCN 2 w 0 0 m 10 0 l S")).content);
        assert!(!thick.iter().any(|o| o.ends_with(" K")), "{thick:?}");
    }
}
