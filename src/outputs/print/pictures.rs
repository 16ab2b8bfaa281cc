//! Pictures to the printer's CMYK: colour-managed by littleCMS from the picture's own ICC
//! profile (sRGB when it has none) to the output intent, with the rendering intent of
//! `[print]` (relative colorimetric with black-point compensation unless it says otherwise).
//! Without an output profile there is nothing to convert to: pictures then take the plain
//! formula of [`crate::typeset::appearance::formula`], and the build says so.

use lcms2::{CIExyY, Flags, GlobalContext, Intent, PixelFormat, Profile, Transform};

pub use crate::inputs::edition::config::RenderingIntent;
use crate::typeset::appearance::formula;

/// How pictures become CMYK: through the output profile, or by formula without one.
#[derive(Debug, Clone, Default)]
pub struct PictureConversion {
    /// The output intent's ICC profile (CMYK).
    pub profile: Option<Vec<u8>>,
    pub intent: RenderingIntent,
    pub black_point_compensation: bool,
    /// Greyscale pictures in four inks through the profile, as colour pictures are (false:
    /// on the black plate alone, a grey that cannot drift in colour on press).
    pub four_colour_greys: bool,
    /// The most ink (C + M + Y + K, percent) a converted pixel may have (`ink-limit`): a
    /// profile that reaches further is held to it by [`limit_ink`]. None: no limit.
    pub ink_limit: Option<f64>,
    /// What becomes of a CMYK photo with pixels over the ink limit.
    pub over_limit: OverLimit,
}

pub use crate::inputs::edition::config::OverLimit;

/// Holds CMYK samples (0–255 a channel, 255 full ink) to `limit` percent of total ink, as
/// littleCMS's ink-limiting device link does (`cmsCreateInkLimitingDeviceLink`): a pixel
/// over the limit keeps its black, and its cyan, magenta and yellow are scaled down together
/// until the sum is the limit (rounded down, so no pixel is left over it). Returns how many
/// pixels it changed.
pub fn limit_ink(cmyk: &mut [u8], limit: f64) -> usize {
    let most = (limit / 100.0 * 255.0).max(0.0);
    let mut changed = 0;
    for p in cmyk.chunks_exact_mut(4) {
        let sum = p.iter().map(|v| f64::from(*v)).sum::<f64>();
        let colour = f64::from(p[0]) + f64::from(p[1]) + f64::from(p[2]);
        if sum <= most || colour <= 0.0 {
            continue;
        }
        let ratio = (1.0 - (sum - most) / colour).clamp(0.0, 1.0);
        for v in &mut p[..3] {
            *v = (f64::from(*v) * ratio).floor() as u8;
        }
        changed += 1;
    }
    changed
}

/// littleCMS's name of an intent.
fn lcms(intent: RenderingIntent) -> Intent {
    match intent {
        RenderingIntent::Perceptual => Intent::Perceptual,
        RenderingIntent::RelativeColorimetric => Intent::RelativeColorimetric,
        RenderingIntent::Saturation => Intent::Saturation,
        RenderingIntent::AbsoluteColorimetric => Intent::AbsoluteColorimetric,
    }
}

/// How a picture was converted, for the build's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// Through the output profile, from the picture's profile (`embedded`) or sRGB; `grey`:
    /// a greyscale picture.
    Managed { embedded: bool, grey: bool },
    /// By formula: no output profile.
    Formula,
}

impl PictureConversion {
    /// The CMYK samples (0–255 a channel, 255 full ink) of 8-bit RGB (`channels` 3) or grey
    /// (1) samples, from the picture's ICC profile `source` (sRGB when none, or when it
    /// cannot be read or does not fit the samples).
    pub fn convert(&self, samples: &[u8], channels: usize, source: Option<&[u8]>) -> Result<(Vec<u8>, How), String> {
        let (mut cmyk, how) = self.separate(samples, channels, source)?;
        if let Some(limit) = self.ink_limit {
            limit_ink(&mut cmyk, limit);
        }
        Ok((cmyk, how))
    }

    /// Re-separates a CMYK photo's ink (0–255 a channel, 255 full ink) through the output
    /// profile: from the photo's own CMYK profile `source` (else the output profile's, the
    /// printing condition it was made for) to the output profile, with this conversion's
    /// intent, then held to the ink limit. Without an output profile only the ink limit is
    /// applied. Returns the most ink of any pixel after, in percent.
    pub fn reseparate(&self, ink: &mut [u8], source: Option<&[u8]>) -> Result<f64, String> {
        if let Some(output) = &self.profile {
            let output = Profile::new_icc(output).map_err(|err| {
                format!("the output profile cannot be read: {}", crate::typeset::pdf::lcms_failure(&err))
            })?;
            let own = source
                .and_then(|icc| Profile::new_icc(icc).ok())
                .filter(|p| p.color_space() == lcms2::ColorSpaceSignature::CmykData);
            let flags = if self.black_point_compensation { Flags::BLACKPOINT_COMPENSATION } else { Flags::default() };
            let t: Transform<[u8; 4], [u8; 4]> = Transform::new_flags(
                own.as_ref().unwrap_or(&output),
                PixelFormat::CMYK_8,
                &output,
                PixelFormat::CMYK_8,
                lcms(self.intent),
                flags,
            )
            .map_err(|err| {
                format!(
                    "no transform from the photo's CMYK to the output profile: {}",
                    crate::typeset::pdf::lcms_failure(&err)
                )
            })?;
            let mut pixels: Vec<[u8; 4]> = ink.chunks_exact(4).map(|p| [p[0], p[1], p[2], p[3]]).collect();
            t.transform_in_place(&mut pixels);
            for (to, from) in ink.chunks_exact_mut(4).zip(&pixels) {
                to.copy_from_slice(from);
            }
        }
        limit_ink(ink, self.ink_limit.unwrap_or(400.0));
        let most = ink.chunks_exact(4).map(|p| p.iter().map(|v| u32::from(*v)).sum::<u32>()).max().unwrap_or(0);
        Ok(f64::from(most) / 255.0 * 100.0)
    }

    /// [`Self::convert`] before the ink limit.
    fn separate(&self, samples: &[u8], channels: usize, source: Option<&[u8]>) -> Result<(Vec<u8>, How), String> {
        let rgb: Vec<[u8; 3]> = match channels {
            3 => samples.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect(),
            // Grey samples as neutral RGB: the same sRGB tone curve (a grey profile of its
            // own is used only when the picture embeds one).
            1 => samples.iter().map(|v| [*v; 3]).collect(),
            _ => return Err(format!("{channels} colour channels")),
        };
        let Some(output) = &self.profile else {
            let cmyk = rgb
                .iter()
                .flat_map(|p| formula(p.map(|v| f32::from(v) / 255.0)).map(|v| (v * 255.0).round() as u8))
                .collect();
            return Ok((cmyk, How::Formula));
        };
        let output = Profile::new_icc(output)
            .map_err(|err| format!("the output profile cannot be read: {}", crate::typeset::pdf::lcms_failure(&err)))?;
        let flags = if self.black_point_compensation { Flags::BLACKPOINT_COMPENSATION } else { Flags::default() };
        let intent = lcms(self.intent);
        let mut cmyk = vec![[0u8; 4]; rgb.len()];
        // The picture's own profile, when it fits its samples.
        let embedded = source.and_then(|icc| Profile::new_icc(icc).ok());
        if channels == 1 && !self.four_colour_greys {
            let grey = embedded.as_ref().filter(|p| p.color_space() == lcms2::ColorSpaceSignature::GrayData);
            let ramp = black_ramp(grey, &output, intent, flags)?;
            let cmyk: Vec<u8> = samples.iter().flat_map(|v| [0, 0, 0, ramp[usize::from(*v)]]).collect();
            return Ok((cmyk, How::Managed { embedded: grey.is_some(), grey: true }));
        }
        if let Some(profile) = &embedded {
            let format = if channels == 3 { PixelFormat::RGB_8 } else { PixelFormat::GRAY_8 };
            if channels == 3 && profile.color_space() == lcms2::ColorSpaceSignature::RgbData {
                let t = Transform::new_flags(profile, format, &output, PixelFormat::CMYK_8, intent, flags).map_err(
                    |err| {
                        format!("no transform from the picture's profile: {}", crate::typeset::pdf::lcms_failure(&err))
                    },
                )?;
                t.transform_pixels(&rgb, &mut cmyk);
                return Ok((cmyk.concat(), How::Managed { embedded: true, grey: false }));
            }
            if channels == 1 && profile.color_space() == lcms2::ColorSpaceSignature::GrayData {
                let t: Transform<u8, [u8; 4]> =
                    Transform::new_flags(profile, format, &output, PixelFormat::CMYK_8, intent, flags).map_err(
                        |err| {
                            format!(
                                "no transform from the picture's profile: {}",
                                crate::typeset::pdf::lcms_failure(&err)
                            )
                        },
                    )?;
                t.transform_pixels(samples, &mut cmyk);
                return Ok((cmyk.concat(), How::Managed { embedded: true, grey: true }));
            }
        }
        let t =
            Transform::new_flags(&Profile::new_srgb(), PixelFormat::RGB_8, &output, PixelFormat::CMYK_8, intent, flags)
                .map_err(|err| {
                    format!("no transform from sRGB to the output profile: {}", crate::typeset::pdf::lcms_failure(&err))
                })?;
        t.transform_pixels(&rgb, &mut cmyk);
        Ok((cmyk.concat(), How::Managed { embedded: false, grey: channels == 1 }))
    }
}

/// The black ink (0–255) each grey level 0–255 prints in: the tint of the output profile's
/// black plate whose lightness (L*) is the lightness the grey prints at in four inks, as
/// littleCMS converts it with this conversion's intent and black-point compensation (the
/// grey's own profile, else sRGB's tone curve), so a grey photo prints as light as its proof
/// and as `transicc` converts it. The black plate alone is lighter at its solid than four
/// inks (FOGRA39: L* 17 against 10), so the shadows are laid into it: lightnesses under
/// [`SHADOW_KNEE`] above the solid are compressed from the four-colour black onto the
/// solid, keeping their steps instead of plugging; above the knee the lightness is the
/// four-colour conversion's. The darkest greys so print lighter than in four inks (pure
/// black: the solid's L* 17 against 10 through FOGRA39): the black plate reaches no further.
fn black_ramp(grey: Option<&Profile>, output: &Profile, intent: Intent, flags: Flags) -> Result<[u8; 256], String> {
    let d50 = CIExyY { x: 0.3457, y: 0.3585, Y: 1.0 };
    let lab = Profile::new_lab4_context(GlobalContext::new(), &d50)
        .map_err(|err| format!("no Lab profile in littleCMS: {}", crate::typeset::pdf::lcms_failure(&err)))?;
    let levels: Vec<u8> = (0..=255).collect();
    let mut four = vec![[0u8; 4]; 256];
    match grey {
        Some(profile) => {
            let t: Transform<u8, [u8; 4]> =
                Transform::new_flags(profile, PixelFormat::GRAY_8, output, PixelFormat::CMYK_8, intent, flags)
                    .map_err(|err| {
                        format!(
                            "no transform from the picture's grey profile: {}",
                            crate::typeset::pdf::lcms_failure(&err)
                        )
                    })?;
            t.transform_pixels(&levels, &mut four);
        }
        None => {
            let t: Transform<[u8; 3], [u8; 4]> = Transform::new_flags(
                &Profile::new_srgb(),
                PixelFormat::RGB_8,
                output,
                PixelFormat::CMYK_8,
                intent,
                flags,
            )
            .map_err(|err| format!("no transform from sRGB: {}", crate::typeset::pdf::lcms_failure(&err)))?;
            let rgb: Vec<[u8; 3]> = levels.iter().map(|v| [*v; 3]).collect();
            t.transform_pixels(&rgb, &mut four);
        }
    }
    let t: Transform<[u8; 4], [f64; 3]> =
        Transform::new(output, PixelFormat::CMYK_8, &lab, PixelFormat::Lab_DBL, Intent::RelativeColorimetric).map_err(
            |err| format!("no transform from the output profile: {}", crate::typeset::pdf::lcms_failure(&err)),
        )?;
    let mut source = vec![[0f64; 3]; 256];
    t.transform_pixels(&four, &mut source);
    let tints: Vec<[u8; 4]> = levels.iter().map(|k| [0, 0, 0, *k]).collect();
    let mut plate = vec![[0f64; 3]; 256];
    t.transform_pixels(&tints, &mut plate);
    let solid = plate[255][0];
    let darkest = source.iter().map(|l| l[0]).fold(f64::INFINITY, f64::min);
    let knee = solid + SHADOW_KNEE;
    let mut ramp = [0u8; 256];
    for (level, out) in ramp.iter_mut().enumerate() {
        let lightness = source[level][0];
        let wanted = if lightness < knee && darkest < solid {
            solid + (lightness - darkest) / (knee - darkest).max(1e-6) * SHADOW_KNEE
        } else {
            lightness
        };
        let nearest = (0..=255usize)
            .min_by(|a, b| (plate[*a][0] - wanted).abs().total_cmp(&(plate[*b][0] - wanted).abs()))
            .unwrap_or(0);
        *out = nearest as u8;
    }
    Ok(ramp)
}

/// How far (L*) above the black plate's solid a grey photo's shadows are compressed into
/// the black plate (see [`black_ramp`]): small, so that every grey lighter than that prints
/// at the lightness of the four-colour conversion (through FOGRA39, sRGB greys from about 40
/// of 255 up), and the few darker ones keep their steps in the plate's last 3 L* instead of
/// all printing as the solid.
const SHADOW_KNEE: f64 = 3.0;

/// The most ink (C + M + Y + K, percent) the CMYK output profile `icc` gives any sRGB colour
/// with this conversion: its darkest colours, what photos converted through it reach.
pub fn ink_reach(conversion: &PictureConversion) -> Result<f64, String> {
    let Some(icc) = &conversion.profile else { return Ok(0.0) };
    let output = Profile::new_icc(icc)
        .map_err(|err| format!("the output profile cannot be read: {}", crate::typeset::pdf::lcms_failure(&err)))?;
    let flags = if conversion.black_point_compensation { Flags::BLACKPOINT_COMPENSATION } else { Flags::default() };
    let t: Transform<[u8; 3], [u8; 4]> = Transform::new_flags(
        &Profile::new_srgb(),
        PixelFormat::RGB_8,
        &output,
        PixelFormat::CMYK_8,
        lcms(conversion.intent),
        flags,
    )
    .map_err(|err| {
        format!("no transform from sRGB to the output profile: {}", crate::typeset::pdf::lcms_failure(&err))
    })?;
    let steps: Vec<u8> = (0..=255u8).step_by(15).collect();
    let mut rgb: Vec<[u8; 3]> = Vec::with_capacity(steps.len().pow(3));
    for r in &steps {
        for g in &steps {
            rgb.extend(steps.iter().map(|b| [*r, *g, *b]));
        }
    }
    let mut cmyk = vec![[0u8; 4]; rgb.len()];
    t.transform_pixels(&rgb, &mut cmyk);
    let most = cmyk.iter().map(|p| p.iter().map(|v| u32::from(*v)).sum::<u32>()).max().unwrap_or(0);
    Ok(f64::from(most) / 255.0 * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_limiting_keeps_black_and_brings_the_sum_to_the_limit() {
        let mut cmyk = vec![255, 255, 255, 255, 40, 30, 20, 10, 0, 0, 0, 255];
        assert_eq!(limit_ink(&mut cmyk, 300.0), 1);
        assert_eq!(cmyk[3], 255, "black kept");
        let sum: u32 = cmyk[..4].iter().map(|v| u32::from(*v)).sum();
        assert!((762..=765).contains(&sum), "{sum}");
        assert_eq!(&cmyk[4..], &[40, 30, 20, 10, 0, 0, 0, 255], "pixels within the limit are kept");
    }
}
