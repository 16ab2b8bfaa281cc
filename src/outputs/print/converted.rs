//! What the conversion of a print file to CMYK did: the colours converted by formula, the
//! pictures and how each became CMYK, the CMYK photos and their ink, the small type printed
//! in two inks. The conversion's parts ([`super::colour`], [`super::paint`],
//! [`super::shading`]) each add to it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::pictures::How;

/// A CMYK photo of the print file.
#[derive(Debug, Clone)]
pub struct CmykPhoto {
    /// `image 125 0`.
    pub image: String,
    /// The SHA-256 of its data as stored (a JPEG's are the file's bytes), to name its file.
    pub sha256: String,
    /// Its most ink of any pixel as placed, in percent (`/Decode` honoured), or why its
    /// samples cannot be read.
    pub ink: Result<f64, String>,
    /// Over the ink limit: its most ink once re-separated, or why it could not be.
    pub reseparated: Option<Result<f64, String>>,
}

/// What the conversion did.
#[derive(Debug, Default)]
pub struct Converted {
    /// RGB colours that are not inks of layout/print.typ, converted by the formula (`#rrggbb`).
    pub by_formula: BTreeSet<String>,
    /// Images whose samples could not be converted (e.g. JPEG), left as they were.
    pub left_alone: Vec<String>,
    /// How each converted image was converted.
    pub pictures: Vec<How>,
    /// The CMYK photos: kept as they are within the ink limit, re-separated over it (unless
    /// the edition refuses them).
    pub cmyk_photos: Vec<CmykPhoto>,
    /// The inks each RGB colour prints in as small type, and how far that is from its build
    /// (ΔE2000): computed once a colour.
    pub small_inks: HashMap<[u8; 3], ([f32; 4], f64)>,
    /// The colours small type printed in two of their inks instead of more.
    pub two_inks: BTreeSet<[u8; 3]>,
    /// Every flat RGB colour (fills, strokes, gradients' stops) and the CMYK it printed in.
    pub flat: BTreeMap<[u8; 3], [f32; 4]>,
}

impl Converted {
    /// Notes the flat colour `rgb` printed in `cmyk`; `known`: an ink of layout/print.typ, else
    /// converted by formula.
    pub fn flat_colour(&mut self, rgb: [f32; 3], cmyk: [f32; 4], known: bool) {
        if !known {
            self.by_formula.insert(crate::typeset::appearance::hex(rgb));
        }
        self.flat.entry(rgb.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8)).or_insert(cmyk);
    }

    /// `#1a1a1a in C70 M60 Y60 K100 (290 %)`: each flat colour whose ink goes past `limit`
    /// (percent).
    pub fn over_limit(&self, limit: f64) -> Vec<String> {
        self.flat
            .iter()
            .filter_map(|(key, cmyk)| {
                let total: f64 = cmyk.iter().map(|v| f64::from(*v) * 100.0).sum();
                (total > limit + 0.5).then(|| {
                    let rgb = key.map(|v| f32::from(v) / 255.0);
                    format!(
                        "{} in {} ({total:.0} %)",
                        crate::typeset::appearance::hex(rgb),
                        crate::typeset::appearance::named(cmyk)
                    )
                })
            })
            .collect()
    }

    /// `#00727a in C100 K30 (ΔE 2.1)`: each colour small type printed in two of its inks.
    pub fn two_ink_builds(&self) -> Vec<String> {
        self.two_inks
            .iter()
            .filter_map(|key| {
                let (ink, de) = self.small_inks.get(key)?;
                let rgb = key.map(|v| f32::from(v) / 255.0);
                Some(format!(
                    "{} → {} (ΔE {de:.1})",
                    crate::typeset::appearance::hex(rgb),
                    crate::typeset::appearance::named(ink)
                ))
            })
            .collect()
    }
}
