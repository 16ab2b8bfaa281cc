//! Shadings (the gradients of SVG pictures and of Typst's own drawing) to the print file's
//! colour: each stop of an RGB or grey gradient takes the CMYK the flat colours take (the
//! theme's ink, else the formula, which the build names), so a gradient prints in the same
//! inks as a fill of its end colours.
//!
//! The gradients of a luminosity soft mask (an SVG's `stop-opacity`) are opacity, not ink:
//! each stop becomes the black tint of its luminosity (an opacity of 0.5 is K50), in the
//! mask's CMYK group, whose luminosity of a black tint is the opacity again; never a colour
//! formula, whose greys of several inks would measure back otherwise.
//!
//! Typst writes axial and radial shadings (types 2 and 3) with exponential functions, stitched
//! for more than two stops. A shading of another kind (a mesh, a sampled function) is left as
//! it is and reported, so the build says why the file is not CMYK-only.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::converted::Converted;
use crate::typeset::appearance::{Inks, grey};
use crate::typeset::pdf::{Family, colour_space, resolve_dict};

/// The colour a converted gradient is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Ink: DeviceCMYK, as the flat colours.
    Cmyk,
    /// Opacity (a soft mask's): the black tint of the colour's luminosity.
    Opacity,
}

/// The most functions a shading's stitching nests, and the most stops read.
const MAX_DEPTH: usize = 8;
const MAX_STOPS: usize = 4096;

/// The luminosity of an RGB colour (PDF's conversion of DeviceRGB to DeviceGray).
pub(super) fn luminosity([r, g, b]: [f32; 3]) -> f32 {
    (0.3 * r + 0.59 * g + 0.11 * b).clamp(0.0, 1.0)
}

/// The objects a luminosity soft mask draws with: its group (a form) and, through their
/// resources, the forms, patterns and shadings it paints.
pub fn mask_objects(doc: &Document) -> HashSet<ObjectId> {
    let mut groups = HashSet::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let mask = match dict.get(b"SMask") {
            Ok(smask) => resolve_dict(doc, smask),
            Err(_) => None,
        };
        let mask =
            mask.or_else(|| (dict.get(b"S").and_then(Object::as_name).ok() == Some(b"Luminosity")).then_some(dict));
        if let Some(mask) = mask
            && mask.get(b"S").and_then(Object::as_name).ok() == Some(b"Luminosity")
            && let Ok(group) = mask.get(b"G").and_then(Object::as_reference)
        {
            groups.insert(group);
        }
    }
    let mut reached: HashSet<ObjectId> = HashSet::new();
    let mut todo: Vec<ObjectId> = groups.iter().copied().collect();
    while let Some(id) = todo.pop() {
        if !reached.insert(id) || reached.len() > 10_000 {
            continue;
        }
        let Ok(object) = doc.get_object(id) else { continue };
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if let Ok(Object::Reference(shading)) = dict.get(b"Shading") {
            todo.push(*shading);
        }
        let Some(resources) = dict.get(b"Resources").ok().and_then(|r| resolve_dict(doc, r)) else { continue };
        for kind in [b"XObject".as_slice(), b"Pattern", b"Shading"] {
            if let Some(named) = resources.get(kind).ok().and_then(|o| resolve_dict(doc, o)) {
                todo.extend(named.iter().filter_map(|(_, o)| o.as_reference().ok()));
            }
        }
    }
    reached
}

/// Converts every RGB and grey shading of `doc`: ink for the page's, opacity for a soft
/// mask's (`in_masks`: the objects [`mask_objects`] found).
pub fn convert(doc: &mut Document, in_masks: &HashSet<ObjectId>, inks: &Inks, done: &mut Converted) {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| match o {
            Object::Dictionary(d) => d.has(b"ShadingType") || matches!(d.get(b"Shading"), Ok(Object::Dictionary(_))),
            Object::Stream(s) => s.dict.has(b"ShadingType"),
            _ => false,
        })
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        let target = if in_masks.contains(&id) { Target::Opacity } else { Target::Cmyk };
        let (shading, inline) = match doc.get_object(id) {
            Ok(Object::Dictionary(d)) if d.has(b"ShadingType") => (d.clone(), false),
            Ok(Object::Dictionary(d)) => match d.get(b"Shading") {
                Ok(Object::Dictionary(s)) => (s.clone(), true),
                _ => continue,
            },
            Ok(Object::Stream(s)) => {
                if needs(doc, &s.dict) {
                    done.left_alone.push(format!(
                        "shading {} {} (a mesh shading, type {}: its colours stay RGB or grey)",
                        id.0,
                        id.1,
                        s.dict.get(b"ShadingType").and_then(Object::as_i64).unwrap_or(0)
                    ));
                }
                continue;
            }
            _ => continue,
        };
        if !needs(doc, &shading) {
            continue;
        }
        match converted(doc, &shading, target, inks, done) {
            Ok(new) => match doc.get_object_mut(id) {
                Ok(Object::Dictionary(d)) if inline => d.set("Shading", Object::Dictionary(new)),
                Ok(Object::Dictionary(d)) => *d = new,
                _ => {}
            },
            Err(why) => done.left_alone.push(format!("shading {} {} ({why})", id.0, id.1)),
        }
    }
}

/// Whether a shading paints in RGB or grey.
fn needs(doc: &Document, shading: &Dictionary) -> bool {
    shading.get(b"ColorSpace").is_ok_and(|s| matches!(colour_space(doc, s).family, Family::Rgb | Family::Grey))
}

/// The shading `shading` with its colours made `target`.
fn converted(
    doc: &Document,
    shading: &Dictionary,
    target: Target,
    inks: &Inks,
    done: &mut Converted,
) -> Result<Dictionary, String> {
    let kind = shading.get(b"ShadingType").and_then(Object::as_i64).unwrap_or(0);
    if !(1..=3).contains(&kind) {
        return Err(format!("a shading of type {kind}: its colours stay RGB or grey"));
    }
    let space = shading.get(b"ColorSpace").map_err(|_| "a shading without a colour space".to_string())?;
    let n = match colour_space(doc, space).family {
        Family::Rgb => 3,
        _ => 1,
    };
    let function = shading.get(b"Function").map_err(|_| "a shading without a function".to_string())?;
    let mut stops = 0;
    let function = convert_function(doc, function, n, target, inks, done, 0, &mut stops)?;
    let mut new = shading.clone();
    new.set("Function", function);
    new.set("ColorSpace", Object::Name(b"DeviceCMYK".to_vec()));
    if let Ok(Object::Array(background)) = shading.get(b"Background") {
        let values: Vec<f32> = background.iter().filter_map(|o| o.as_float().ok()).collect();
        let colour =
            colour(&values, target, inks, done).ok_or("a shading whose background is in another colour space")?;
        new.set("Background", colour);
    }
    Ok(new)
}

/// A colour of `values` (RGB or grey, 0–1) as `target`.
fn colour(values: &[f32], target: Target, inks: &Inks, done: &mut Converted) -> Option<Object> {
    let values: Vec<f32> = match (values, target) {
        ([r, g, b], Target::Cmyk) => {
            let (cmyk, known) = inks.cmyk([*r, *g, *b]);
            done.flat_colour([*r, *g, *b], cmyk, known);
            cmyk.to_vec()
        }
        ([level], Target::Cmyk) => grey(*level).to_vec(),
        ([r, g, b], Target::Opacity) => grey(luminosity([*r, *g, *b])).to_vec(),
        ([level], Target::Opacity) => grey(*level).to_vec(),
        _ => return None,
    };
    Some(Object::Array(values.into_iter().map(Object::Real).collect()))
}

/// A shading's function (exponential, or stitched exponential) with its output made
/// `target`, written inline.
#[allow(clippy::too_many_arguments)]
fn convert_function(
    doc: &Document,
    function: &Object,
    n: usize,
    target: Target,
    inks: &Inks,
    done: &mut Converted,
    depth: usize,
    stops: &mut usize,
) -> Result<Object, String> {
    if depth > MAX_DEPTH || *stops > MAX_STOPS {
        return Err("a gradient of more stops than are read".into());
    }
    let dict = match function {
        Object::Reference(id) => match doc.get_object(*id) {
            Ok(Object::Dictionary(d)) => d,
            Ok(Object::Stream(s)) => {
                let kind = s.dict.get(b"FunctionType").and_then(Object::as_i64).unwrap_or(-1);
                return Err(format!("a gradient of a function of type {kind}: its colours stay RGB or grey"));
            }
            _ => return Err("a gradient whose function cannot be read".into()),
        },
        Object::Dictionary(d) => d,
        Object::Array(_) => return Err("a gradient of one function a component: its colours stay RGB or grey".into()),
        _ => return Err("a gradient whose function cannot be read".into()),
    };
    let mut new = dict.clone();
    match dict.get(b"FunctionType").and_then(Object::as_i64).unwrap_or(-1) {
        2 => {
            for (key, default) in [(b"C0".as_slice(), 0.0f32), (b"C1".as_slice(), 1.0)] {
                let values: Vec<f32> = match dict.get(key) {
                    Ok(Object::Array(values)) => values.iter().filter_map(|o| o.as_float().ok()).collect(),
                    _ => vec![default; n],
                };
                if values.len() != n {
                    return Err(format!("a gradient stop of {} values in a space of {n}", values.len()));
                }
                *stops += 1;
                let converted =
                    colour(&values, target, inks, done).ok_or("a gradient stop that cannot be converted")?;
                new.set(key, converted);
            }
        }
        3 => {
            let parts = match dict.get(b"Functions") {
                Ok(Object::Array(parts)) => parts,
                _ => return Err("a stitched gradient without its parts".into()),
            };
            let parts = parts
                .iter()
                .map(|p| convert_function(doc, p, n, target, inks, done, depth + 1, stops))
                .collect::<Result<Vec<_>, _>>()?;
            new.set("Functions", Object::Array(parts));
        }
        kind => return Err(format!("a gradient of a function of type {kind}: its colours stay RGB or grey")),
    }
    if new.has(b"Range") {
        new.set("Range", Object::Array((0..4).flat_map(|_| [Object::Real(0.0), Object::Real(1.0)]).collect()));
    }
    Ok(Object::Dictionary(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luminosity_is_pdfs() {
        assert!((luminosity([1.0, 1.0, 1.0]) - 1.0).abs() < 1e-6);
        assert!((luminosity([1.0, 0.0, 0.0]) - 0.3).abs() < 1e-6);
    }
}
