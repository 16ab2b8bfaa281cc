//! Makes a PDF CMYK: every RGB and grey colour Typst wrote (its own drawing, the SVG icons and
//! maps it embedded, raster images) becomes DeviceCMYK. Colours of the theme and of the SDG
//! icons take the inks `layout/print.typ` gives them; any other colour is converted by a plain
//! formula (neutral greys to black ink only) and reported, so the designer can give it an ink.
//!
//! Typst writes colours as `/c0 cs r g b scn` with an ICCBased sRGB or grey space in the
//! resources; this rewrites the operators of every content stream (pages, forms, tiling
//! patterns), the images' samples, transparency groups, soft-mask backdrops and shadings.

use std::collections::{HashMap, HashSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::converted::{CmykPhoto, Converted};
use super::paint::{self, KNOCKOUT, OVERPRINT, Space};
use super::pictures::PictureConversion;
use crate::typeset::appearance::{Inks, grey};
use crate::typeset::pdf::{Family, colour_space, page_resources, resolve_dict};

/// Makes every colour of `doc` DeviceCMYK.
pub fn convert(doc: &mut Document, inks: &Inks, pictures: &PictureConversion) -> Converted {
    let mut done = Converted::default();
    let states = paint::add_states(doc);
    let soft_masks = soft_mask_images(doc);
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let Some(object) = doc.objects.get(&id) else { continue };
        match object {
            Object::Dictionary(dict) if dict.has_type(b"Page") => convert_page(doc, id, inks, states, &mut done),
            Object::Stream(stream) => {
                let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
                let pattern = stream.dict.get(b"PatternType").and_then(Object::as_i64).ok() == Some(1);
                if subtype == b"Form" || pattern {
                    convert_stream(doc, id, inks, states, &mut done);
                } else if subtype == b"Image" && !soft_masks.contains(&id) {
                    if let Some(ink) = cmyk_ink(doc, stream) {
                        let over = match (&ink, pictures.ink_limit) {
                            (Ok(most), Some(limit)) => *most > limit + 0.5,
                            _ => false,
                        };
                        let mut photo = CmykPhoto {
                            image: format!("image {} {}", id.0, id.1),
                            sha256: sha256(&stream.content),
                            ink,
                            reseparated: None,
                        };
                        if over && pictures.over_limit == super::pictures::OverLimit::ReSeparate {
                            photo.reseparated = Some(reseparate_image(doc, id, pictures));
                        }
                        done.cmyk_photos.push(photo);
                        continue;
                    }
                    convert_image(doc, id, pictures, &mut done);
                }
            }
            _ => {}
        }
    }
    // Shadings (gradients; a luminosity soft mask's are opacity), then groups and soft-mask
    // backdrops, which live in dictionaries anywhere in the file.
    let in_masks = super::shading::mask_objects(doc);
    super::shading::convert(doc, &in_masks, inks, &mut done);
    for object in doc.objects.values_mut() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &mut stream.dict,
            _ => continue,
        };
        convert_dictionary(dict);
    }
    drop_converted_spaces(doc);
    done
}

/// The most ink of any pixel of an 8-bit CMYK image, as `DCTDecode` and its `/Decode` give
/// it; `None` for an image that is not CMYK.
fn cmyk_ink(doc: &Document, stream: &lopdf::Stream) -> Option<Result<f64, String>> {
    let space = stream.dict.get(b"ColorSpace").ok()?;
    if colour_space(doc, space).family != Family::Cmyk {
        return None;
    }
    let size = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).unwrap_or(0).max(0) as usize;
    let declared = size(b"Width").saturating_mul(size(b"Height")).saturating_mul(4);
    let samples = if crate::typeset::pdf::is_jpeg(&stream.dict) {
        crate::typeset::pdf::jpeg_cmyk(&stream.content, declared)
    } else if stream.dict.get(b"BitsPerComponent").and_then(Object::as_i64).unwrap_or(8) == 8 {
        stream.decompressed_content().map_err(|err| format!("samples that cannot be decoded ({err})"))
    } else {
        Err("samples of other than 8 bits".into())
    };
    Some(samples.map(|samples| crate::typeset::pdf::max_ink(&samples, &stream.dict)))
}

/// The SHA-256 of `bytes`, in hex.
fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Re-separates an 8-bit CMYK image over the ink limit (see
/// [`PictureConversion::reseparate`]): its samples become the new ink, uncompressed by
/// JPEG, without `/Decode`. Returns its most ink after, in percent.
fn reseparate_image(doc: &mut Document, id: ObjectId, pictures: &PictureConversion) -> Result<f64, String> {
    let stream = doc.get_object(id).and_then(Object::as_stream).map_err(|err| err.to_string())?;
    let size = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).unwrap_or(0).max(0) as usize;
    let declared = size(b"Width").saturating_mul(size(b"Height")).saturating_mul(4);
    let samples = if crate::typeset::pdf::is_jpeg(&stream.dict) {
        crate::typeset::pdf::jpeg_cmyk(&stream.content, declared)?
    } else {
        stream.decompressed_content().map_err(|err| format!("samples that cannot be decoded ({err})"))?
    };
    if samples.len() != declared {
        return Err(format!("{} samples where the image declares {declared}", samples.len()));
    }
    let decode = crate::typeset::pdf::decode_array(&stream.dict, 4);
    let mut ink: Vec<u8> = samples
        .chunks_exact(4)
        .flat_map(|p| {
            let mut out = [0u8; 4];
            for ((o, v), (lo, hi)) in out.iter_mut().zip(p).zip(&decode) {
                *o = ((lo + f64::from(*v) / 255.0 * (hi - lo)) * 255.0).round().clamp(0.0, 255.0) as u8;
            }
            out
        })
        .collect();
    let source = stream.dict.get(b"ColorSpace").ok().and_then(|space| icc_profile(doc, space));
    let after = pictures.reseparate(&mut ink, source.as_deref())?;
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
        stream.dict.set("ColorSpace", Object::Name(b"DeviceCMYK".to_vec()));
        stream.dict.set("BitsPerComponent", 8);
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.dict.remove(b"Decode");
        stream.set_plain_content(ink);
        let _ = stream.compress();
    }
    Ok(after)
}

/// The images used as soft masks (their grey samples are opacity, not colour).
fn soft_mask_images(doc: &Document) -> HashSet<ObjectId> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s) => s.dict.get(b"SMask").and_then(Object::as_reference).ok(),
            _ => None,
        })
        .collect()
}

/// The colour space an object names, as far as conversion goes.
fn classify(doc: &Document, space: &Object) -> Space {
    match colour_space(doc, space).family {
        Family::Rgb => Space::Rgb,
        Family::Grey => Space::Grey,
        _ => Space::Other,
    }
}

/// The kinds of the colour spaces a resource dictionary names.
fn named_spaces(doc: &Document, resources: &Dictionary) -> HashMap<Vec<u8>, Space> {
    let Some(spaces) = resources.get(b"ColorSpace").ok().and_then(|o| resolve_dict(doc, o)) else {
        return HashMap::new();
    };
    spaces.iter().map(|(name, space)| (name.clone(), classify(doc, space))).collect()
}

/// The two graphics states of [`paint::add_states`]: overprint on, and off.
type States = (ObjectId, ObjectId);

fn convert_page(doc: &mut Document, page: ObjectId, inks: &Inks, states: States, done: &mut Converted) {
    let resources = page_resources(doc, page);
    let spaces = named_spaces(doc, &resources);
    let content = doc.get_page_content(page);
    let Ok(decoded) = Content::decode(&content) else { return };
    let rewritten = paint::rewrite(decoded, &spaces, inks, done);
    if rewritten.overprints {
        name_states(doc, page, states);
    }
    let Ok(bytes) = rewritten.content.encode() else { return };
    let mut stream = Stream::new(Dictionary::new(), bytes);
    let _ = stream.compress();
    let id = doc.add_object(stream);
    if let Ok(dict) = doc.get_dictionary_mut(page) {
        dict.set("Contents", Object::Reference(id));
    }
}

fn convert_stream(doc: &mut Document, id: ObjectId, inks: &Inks, states: States, done: &mut Converted) {
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { return };
    let resources = stream.dict.get(b"Resources").ok().and_then(|o| resolve_dict(doc, o)).cloned().unwrap_or_default();
    let spaces = named_spaces(doc, &resources);
    let Ok(content) = stream.decompressed_content().or_else(|_| Ok::<_, lopdf::Error>(stream.content.clone())) else {
        return;
    };
    let Ok(decoded) = Content::decode(&content) else { return };
    let rewritten = paint::rewrite(decoded, &spaces, inks, done);
    if rewritten.overprints {
        name_states(doc, id, states);
    }
    let Ok(bytes) = rewritten.content.encode() else { return };
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.set_plain_content(bytes);
        let _ = stream.compress();
    }
}

/// Names the overprint graphics states in the resources of `holder` (a page or a form): its
/// own resources dictionary, or the one it references, or a copy of the inherited one.
fn name_states(doc: &mut Document, holder: ObjectId, (on, off): States) {
    let own = |doc: &Document| -> Option<Object> {
        match doc.get_object(holder).ok()? {
            Object::Dictionary(d) => d.get(b"Resources").ok().cloned(),
            Object::Stream(s) => s.dict.get(b"Resources").ok().cloned(),
            _ => None,
        }
    };
    if own(doc).is_none() {
        let inherited = page_resources(doc, holder);
        if let Ok(dict) = doc.get_dictionary_mut(holder) {
            dict.set("Resources", Object::Dictionary(inherited));
        }
    }
    let resources = match own(doc) {
        Some(Object::Reference(id)) => doc.get_dictionary_mut(id).ok(),
        Some(Object::Dictionary(_)) => match doc.get_object_mut(holder) {
            Ok(Object::Dictionary(d)) => d.get_mut(b"Resources").ok().and_then(|r| r.as_dict_mut().ok()),
            Ok(Object::Stream(s)) => s.dict.get_mut(b"Resources").ok().and_then(|r| r.as_dict_mut().ok()),
            _ => None,
        },
        _ => None,
    };
    let Some(resources) = resources else { return };
    let states = match resources.get(b"ExtGState") {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    };
    let set = |dict: &mut Dictionary| {
        dict.set(OVERPRINT, Object::Reference(on));
        dict.set(KNOCKOUT, Object::Reference(off));
    };
    match states {
        Some(id) => {
            if let Ok(dict) = doc.get_dictionary_mut(id) {
                set(dict);
            }
        }
        None => match resources.get_mut(b"ExtGState").ok().and_then(|o| o.as_dict_mut().ok()) {
            Some(dict) => set(dict),
            None => {
                let mut dict = Dictionary::new();
                set(&mut dict);
                resources.set("ExtGState", Object::Dictionary(dict));
            }
        },
    }
}

/// Converts an RGB or grey image with 8 bits a sample to CMYK samples, colour-managed from its
/// ICC profile (an `ICCBased` space) when the file has an output profile.
fn convert_image(doc: &mut Document, id: ObjectId, pictures: &PictureConversion, done: &mut Converted) {
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { return };
    let Ok(space) = stream.dict.get(b"ColorSpace") else { return };
    let kind = classify(doc, space);
    if kind == Space::Other {
        return;
    }
    let source = icc_profile(doc, space);
    let bits = stream.dict.get(b"BitsPerComponent").and_then(Object::as_i64).unwrap_or(8);
    let jpeg = match stream.dict.get(b"Filter") {
        Ok(Object::Name(name)) => name == b"DCTDecode",
        Ok(Object::Array(filters)) => filters.len() == 1 && filters[0].as_name().ok() == Some(b"DCTDecode"),
        _ => false,
    };
    let samples = if jpeg {
        // A JPEG photo: decoded here (lopdf passes DCT data through) to become CMYK samples.
        image::load_from_memory_with_format(&stream.content, image::ImageFormat::Jpeg).ok().map(|decoded| {
            if kind == Space::Rgb { decoded.to_rgb8().into_raw() } else { decoded.to_luma8().into_raw() }
        })
    } else if bits == 8 {
        stream.decompressed_content().ok()
    } else {
        None
    };
    let Some(samples) = samples else {
        done.left_alone.push(format!("image {} {} (its samples cannot be decoded here)", id.0, id.1));
        return;
    };
    let channels = if kind == Space::Rgb { 3 } else { 1 };
    let (cmyk, how) = match pictures.convert(&samples, channels, source.as_deref()) {
        Ok(converted) => converted,
        Err(why) => {
            done.left_alone.push(format!("image {} {} ({why})", id.0, id.1));
            return;
        }
    };
    done.pictures.push(how);
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
        stream.dict.set("ColorSpace", Object::Name(b"DeviceCMYK".to_vec()));
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.dict.remove(b"Decode");
        stream.set_plain_content(cmyk);
        let _ = stream.compress();
    }
}

/// The ICC profile of an `[/ICCBased stream]` colour space.
fn icc_profile(doc: &Document, space: &Object) -> Option<Vec<u8>> {
    let space = match space {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let array = space.as_array().ok()?;
    if array.first()?.as_name().ok()? != b"ICCBased" {
        return None;
    }
    let stream = doc.get_object(array.get(1)?.as_reference().ok()?).ok()?.as_stream().ok()?;
    let icc = stream.decompressed_content().ok().unwrap_or_else(|| stream.content.clone());
    (!typst_default(&icc)).then_some(icc)
}

/// The SHA-256 of the sRGB and grey profiles Typst's PDF library (krilla 0.8) tags a picture
/// with when the picture has no profile of its own.
const TYPST_DEFAULT_PROFILES: [&str; 4] = [
    "af4efe28f6d311799865f325ba39184a2e978b113ca74124d60af7de22b105f4",
    "4110169287e5f1b5149ca9f1da1814d32943905bba8030e849d1a3b729a19481",
    "c56e1685d888f5edb92fe07f2750f387f8fe8e91b32ff8fb0b56bfbbb9458353",
    "00c0f94e09127520a17dc0e1d9264b5702081d96dbdb1549ee88e3631ce42a9d",
];

/// Whether `icc` is a profile Typst gave an untagged picture: the picture has none of its
/// own, and is taken as sRGB, as the build says.
fn typst_default(icc: &[u8]) -> bool {
    use sha2::Digest as _;
    let hash: String = sha2::Sha256::digest(icc).iter().map(|b| format!("{b:02x}")).collect();
    TYPST_DEFAULT_PROFILES.contains(&hash.as_str())
}

/// Transparency groups' blending space, and soft masks' backdrop colour: a luminosity
/// mask's backdrop is opacity, the black tint of its luminosity, as its gradients are.
fn convert_dictionary(dict: &mut Dictionary) {
    if let Ok(Object::Dictionary(group)) = dict.get_mut(b"Group")
        && group.get(b"S").and_then(Object::as_name).ok() == Some(b"Transparency")
        && group.has(b"CS")
    {
        group.set("CS", Object::Name(b"DeviceCMYK".to_vec()));
    }
    if dict.get(b"S").and_then(Object::as_name).ok() == Some(b"Luminosity")
        && let Ok(Object::Array(bc)) = dict.get(b"BC")
    {
        let values: Vec<f32> = bc.iter().filter_map(|o| o.as_float().ok()).collect();
        let level = match values.as_slice() {
            [r, g, b] => Some(super::shading::luminosity([*r, *g, *b])),
            [level] => Some(*level),
            _ => None,
        };
        if let Some(level) = level {
            dict.set("BC", Object::Array(grey(level).iter().map(|v| Object::Real(*v)).collect()));
        }
    }
}

/// Removes the RGB and grey spaces from the resources' `/ColorSpace` dictionaries (no
/// operator names them any more), so the print file carries no RGB colour space.
fn drop_converted_spaces(doc: &mut Document) {
    // Per object: the key of its inline resources (none: the object is the resources) and
    // the colour-space names to drop.
    type Drop = (ObjectId, Option<Vec<u8>>, Vec<Vec<u8>>);
    let mut drop: Vec<Drop> = Vec::new();
    for (id, object) in &doc.objects {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        // A resources dictionary (inline or this object itself) with a ColorSpace entry.
        let (holder, resources) = match dict.get(b"Resources") {
            Ok(Object::Dictionary(r)) => (Some(b"Resources".to_vec()), r),
            Ok(Object::Reference(_)) => continue,
            _ if dict.has(b"ColorSpace") && !dict.has(b"Subtype") && !dict.has(b"ShadingType") => (None, dict),
            _ => continue,
        };
        let Some(spaces) = resources.get(b"ColorSpace").ok() else { continue };
        let Some(spaces) = resolve_dict(doc, spaces) else { continue };
        let names: Vec<Vec<u8>> =
            spaces.iter().filter(|(_, s)| classify(doc, s) != Space::Other).map(|(n, _)| n.clone()).collect();
        if !names.is_empty() {
            drop.push((*id, holder, names));
        }
    }
    for (id, holder, names) in drop {
        let Ok(object) = doc.get_object_mut(id) else { continue };
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        let resources = match holder {
            Some(key) => match dict.get_mut(&key) {
                Ok(Object::Dictionary(r)) => r,
                _ => continue,
            },
            None => dict,
        };
        if let Ok(Object::Dictionary(spaces)) = resources.get_mut(b"ColorSpace") {
            for name in &names {
                spaces.remove(name);
            }
        }
    }
}
