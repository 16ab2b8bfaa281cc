//! Pictures the data names (photos, figures, the cover), checked before anything decodes
//! them: a regular file of a bounded size, a PNG or JPEG whose header declares a sane pixel
//! count, an SVG without entity declarations (one large entity used many times is a memory
//! bomb). Typst and resvg then decode only what fits.

use std::path::Path;

/// The largest picture file read, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 64 << 20;
/// The longest side a PNG or JPEG may declare, in pixels.
pub const MAX_SIDE: u64 = 30_000;
/// The most pixels a PNG or JPEG may declare (about 15 000 × 10 000: A3 at 600 ppi).
pub const MAX_PIXELS: u64 = 150_000_000;
/// The largest SVG read, in bytes.
pub const MAX_SVG_BYTES: u64 = 16 << 20;

/// Why the picture at `path` (PNG, JPEG or SVG, by its extension) cannot be used, if it
/// cannot; its file is never decoded here, only its header read.
pub fn problem(path: &Path) -> Option<String> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let limit = if ext == "svg" { MAX_SVG_BYTES } else { MAX_IMAGE_BYTES };
    let bytes = match crate::inputs::paths::read_regular(path, "the picture", limit) {
        Ok(bytes) => bytes,
        Err(err) => return Some(format!("{err:#}")),
    };
    let (size, kind) = match ext.as_str() {
        "png" => (png_size(&bytes), "PNG"),
        "jpg" | "jpeg" => (jpeg_size(&bytes), "JPEG"),
        "svg" => return svg_problem(&bytes),
        _ => return None,
    };
    let Some((w, h)) = size else { return Some(format!("expected a {kind} file, found no {kind} header")) };
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS {
        return Some(format!(
            "expected a picture of at most {MAX_SIDE} pixels a side and {} million pixels, found one declaring {w} × {h}",
            MAX_PIXELS / 1_000_000
        ));
    }
    None
}

/// A PNG's width and height from its IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u64, u64)> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| Some(u64::from(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)));
    Some((be(16)?, be(20)?))
}

/// A JPEG's width and height from its first frame header (SOF0–SOF15 but DHT, JPG, DAC).
fn jpeg_size(bytes: &[u8]) -> Option<(u64, u64)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([*bytes.get(at + 5)?, *bytes.get(at + 6)?]);
            let w = u16::from_be_bytes([*bytes.get(at + 7)?, *bytes.get(at + 8)?]);
            return Some((u64::from(w), u64::from(h)));
        }
        if length < 2 {
            return None;
        }
        at += 2 + length;
    }
    None
}

/// Why an SVG cannot be used: it declares entities (an entity bomb expands a few KB into
/// gigabytes) or is not text.
pub fn svg_problem(bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("expected an SVG in UTF-8, found bytes that are not".into());
    };
    text.contains("<!ENTITY").then(|| {
        "expected an SVG without entity declarations (<!ENTITY), found one: entities can expand a small file into gigabytes".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_sizes() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(100_000u32.to_be_bytes());
        png.extend(100_000u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((100_000, 100_000)));
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x01, 0x00, 0x02, 0x00];
        assert_eq!(jpeg_size(&jpeg), Some((512, 256)));
    }
}
