//! How a colour looks on screen and in print, for small type: sRGB and CMYK builds to CIELAB,
//! colour differences (ΔE2000, the hue a build loses), and the nearest build in at most two inks;
//! and the print file's inks ([`Inks`]): the CMYK each RGB colour of the theme prints in, the
//! plain formula for any other colour. The print file, the theme's probe and the lint all
//! read them here, so no stage imports another's for a colour.
//!
//! Small type prints in few inks so that the plates' registration cannot blur it. A neutral
//! grey goes on the black plate alone; a coloured text keeps its hue, in the two of its inks
//! whose build comes nearest its full build (ΔE2000, searched over the ink percentages).
//!
//! A CMYK build is judged by a plain process-ink model, without the printer's profile: each
//! ink filters the paper's light like its solid on coated stock (approximately ISO Coated
//! v2 / FOGRA39, as sRGB), the filters multiplied channel by channel. It is coarse for dark
//! overprints, but it places each ink's hue where a printer's ink sits, which is what a
//! comparison of hues needs.

use std::collections::HashMap;

/// A colour in CIELAB (D65).
pub type Lab = [f64; 3];

/// The solids of the four process inks on white coated paper, as sRGB (0–1).
const SOLIDS: [[f64; 3]; 4] = [
    [0.0, 158.0 / 255.0, 224.0 / 255.0],
    [226.0 / 255.0, 0.0, 122.0 / 255.0],
    [1.0, 237.0 / 255.0, 0.0],
    [35.0 / 255.0, 35.0 / 255.0, 35.0 / 255.0],
];

/// Screen colours with less chroma (C*ab) than this are neutral greys: as small type they
/// print on the black plate alone.
pub const NEUTRAL_CHROMA: f64 = 10.0;

/// A loss of hue ([`hue_lost`]) over this from a small text's screen colour to its printed
/// build is a changed hue.
pub const HUE_CHANGED: f64 = 10.0;

/// The look of a CMYK build (0–1 each), as sRGB (0–1), by the process-ink model.
pub fn cmyk_to_srgb(cmyk: [f32; 4]) -> [f64; 3] {
    let mut rgb = [1.0; 3];
    for (ink, amount) in SOLIDS.iter().zip(cmyk) {
        let amount = f64::from(amount).clamp(0.0, 1.0);
        for (channel, solid) in rgb.iter_mut().zip(ink) {
            *channel *= 1.0 - amount * (1.0 - solid);
        }
    }
    rgb
}

/// An sRGB colour (0–1) in CIELAB.
pub fn srgb_to_lab(rgb: [f64; 3]) -> Lab {
    let linear = |v: f64| {
        let v = v.clamp(0.0, 1.0);
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    let [r, g, b] = rgb.map(linear);
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// A CMYK build's look in CIELAB.
pub fn cmyk_to_lab(cmyk: [f32; 4]) -> Lab {
    srgb_to_lab(cmyk_to_srgb(cmyk))
}

/// The chroma C*ab of a colour.
pub fn chroma([_, a, b]: Lab) -> f64 {
    a.hypot(b)
}

/// Whether an sRGB colour (0–1) is a neutral grey ([`NEUTRAL_CHROMA`]).
pub fn neutral(rgb: [f32; 3]) -> bool {
    chroma(srgb_to_lab(rgb.map(f64::from))) < NEUTRAL_CHROMA
}

/// How much of a colour's hue a print build of it loses: its hue difference ΔH*ab and the
/// chroma it loses (none when it gains), together √(ΔH*² + ΔC*²), lightness left aside. A
/// teal printed grey loses as much as one printed blue.
pub fn hue_lost(screen: Lab, print: Lab) -> f64 {
    let (da, db) = (screen[1] - print[1], screen[2] - print[2]);
    let dc = chroma(screen) - chroma(print);
    let dh = (da * da + db * db - dc * dc).max(0.0).sqrt();
    dh.hypot(dc.max(0.0))
}

/// The CIEDE2000 colour difference of two colours.
pub fn delta_e2000(x: Lab, y: Lab) -> f64 {
    let [l1, a1, b1] = x;
    let [l2, a2, b2] = y;
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1, a2) = (a1 * (1.0 + g), a2 * (1.0 + g));
    let (c1, c2) = (a1.hypot(b1), a2.hypot(b2));
    let hue = |b: f64, a: f64| if a == 0.0 && b == 0.0 { 0.0 } else { b.atan2(a).to_degrees().rem_euclid(360.0) };
    let (h1, h2) = (hue(b1, a1), hue(b2, a2));
    let dl = l2 - l1;
    let dc = c2 - c1;
    let dh = if c1 * c2 == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 <= h1 {
        h2 - h1 + 360.0
    } else {
        h2 - h1 - 360.0
    };
    let dh_big = 2.0 * (c1 * c2).sqrt() * (dh.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let c_bar = (c1 + c2) / 2.0;
    let h_bar = if c1 * c2 == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * (h_bar - 30.0).to_radians().cos()
        + 0.24 * (2.0 * h_bar).to_radians().cos()
        + 0.32 * (3.0 * h_bar + 6.0).to_radians().cos()
        - 0.20 * (4.0 * h_bar - 63.0).to_radians().cos();
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * c_bar;
    let s_h = 1.0 + 0.015 * c_bar * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    let (l, c, h) = (dl / s_l, dc / s_c, dh_big / s_h);
    (l * l + c * c + h * h + r_t * c * h).max(0.0).sqrt()
}

/// The inks a CMYK build uses.
pub fn inks_used(cmyk: &[f32; 4]) -> usize {
    cmyk.iter().filter(|v| **v > 0.0005).count()
}

/// The build in at most two inks nearest `cmyk` (ΔE2000 by the process-ink model), and that
/// difference: a build of one or two inks as it is, else the best of each pair of its inks,
/// their percentages searched in steps of 5 %, then of 1 % around the best.
pub fn two_inks(cmyk: [f32; 4]) -> ([f32; 4], f64) {
    if inks_used(&cmyk) <= 2 {
        return (cmyk, 0.0);
    }
    let target = cmyk_to_lab(cmyk);
    let used: Vec<usize> = (0..4).filter(|i| cmyk[*i] > 0.0005).collect();
    let build = |(i, j): (usize, usize), (p, q): (i32, i32)| {
        let mut out = [0.0f32; 4];
        out[i] = p as f32 / 100.0;
        out[j] = q as f32 / 100.0;
        out
    };
    let mut best = (cmyk, f64::MAX);
    for (n, i) in used.iter().enumerate() {
        for j in &used[n + 1..] {
            let pair = (*i, *j);
            let mut near = ((0, 0), f64::MAX);
            for p in (0..=100).step_by(5) {
                for q in (0..=100).step_by(5) {
                    let d = delta_e2000(target, cmyk_to_lab(build(pair, (p, q))));
                    if d < near.1 {
                        near = ((p, q), d);
                    }
                }
            }
            let ((p0, q0), _) = near;
            for p in (p0 - 4).max(0)..=(p0 + 4).min(100) {
                for q in (q0 - 4).max(0)..=(q0 + 4).min(100) {
                    let d = delta_e2000(target, cmyk_to_lab(build(pair, (p, q))));
                    if d < near.1 {
                        near = ((p, q), d);
                    }
                }
            }
            if near.1 < best.1 {
                best = (build(pair, near.0), near.1);
            }
        }
    }
    best
}

/// `C100 K30`: the inks of a build in percent.
pub fn named(cmyk: &[f32; 4]) -> String {
    let parts: Vec<String> = ["C", "M", "Y", "K"]
        .iter()
        .zip(cmyk)
        .filter(|(_, v)| **v > 0.0005)
        .map(|(name, v)| format!("{name}{:.0}", v * 100.0))
        .collect();
    if parts.is_empty() { "no ink".into() } else { parts.join(" ") }
}

/// Text below this size (in points, as printed) prints in one ink (a grey) or two (a colour).
pub const SMALL_TYPE_PT: f64 = 12.0;

/// The inks small type in the RGB colour `rgb`, built as `cmyk`, prints in, and how far
/// (ΔE2000) that build is from `cmyk`: a neutral grey in a K tint ([`single_ink`]); a colour
/// built with [`one_dominant_ink`] as it is; any other colour in at most two of its inks
/// ([`two_inks`]).
pub fn small_type_ink(rgb: [f32; 3], cmyk: [f32; 4]) -> ([f32; 4], f64) {
    if inks_used(&cmyk) <= 1 {
        (cmyk, 0.0)
    } else if neutral(rgb) {
        let single = single_ink(rgb);
        (single, delta_e2000(cmyk_to_lab(cmyk), cmyk_to_lab(single)))
    } else if one_dominant_ink(&cmyk) {
        (cmyk, 0.0)
    } else {
        two_inks(cmyk)
    }
}

/// The least a build's main ink must hold for small type to keep the build's other inks.
pub const DOMINANT_INK: f32 = 0.8;

/// The most each other ink of such a build may hold.
pub const MINOR_INK: f32 = 0.4;

/// Whether one ink shapes the letters of a build: at least [`DOMINANT_INK`] of it and at most
/// [`MINOR_INK`] of each other ink, as prepress rules allow small type (`C100 M20 Y40 K35`, a
/// teal that two inks cannot hold: cyan and black make it blue-grey, cyan and yellow too
/// light). Plates out of register then shift tints under a solid, which the eye does not
/// read as a second letter. Two strong inks, or a rich black, are not one dominant ink.
pub fn one_dominant_ink(cmyk: &[f32; 4]) -> bool {
    let strong: Vec<&f32> = cmyk.iter().filter(|v| **v > MINOR_INK).collect();
    strong.len() == 1 && *strong[0] >= DOMINANT_INK && cmyk[3] < 0.995
}

/// The black-ink tint as light as an RGB colour: its relative luminance, encoded as sRGB.
pub fn single_ink([r, g, b]: [f32; 3]) -> [f32; 4] {
    let linear = |v: f32| {
        let v = v.clamp(0.0, 1.0);
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    let level = if luminance <= 0.003_130_8 { luminance * 12.92 } else { 1.055 * luminance.powf(1.0 / 2.4) - 0.055 };
    [0.0, 0.0, 0.0, round(1.0 - level)]
}

/// The inks of the print file: RGB colours (8 bits a channel) and their CMYK values (0–1).
#[derive(Debug, Clone, Default)]
pub struct Inks {
    known: HashMap<[u8; 3], [f32; 4]>,
}

impl Inks {
    /// Inks from `(rgb, cmyk)` pairs.
    pub fn new(pairs: impl IntoIterator<Item = ([u8; 3], [f32; 4])>) -> Inks {
        Inks { known: pairs.into_iter().collect() }
    }

    /// The CMYK value of an RGB colour (0–1), and whether it was one of the inks.
    pub fn cmyk(&self, rgb: [f32; 3]) -> ([f32; 4], bool) {
        let key = rgb.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
        match self.known.get(&key) {
            Some(cmyk) => (*cmyk, true),
            None => (formula(rgb), false),
        }
    }
}

/// RGB to CMYK without a profile: greys on the black plate only, other colours with full
/// grey-component replacement, so no colour exceeds 300 % ink and none is a rich black.
pub fn formula([r, g, b]: [f32; 3]) -> [f32; 4] {
    let [r, g, b] = [r, g, b].map(|v| v.clamp(0.0, 1.0));
    let k = 1.0 - r.max(g).max(b);
    if k >= 0.999 {
        return [0.0, 0.0, 0.0, 1.0];
    }
    let part = |v: f32| round((1.0 - v - k) / (1.0 - k));
    [part(r), part(g), part(b), round(k)]
}

/// A grey level (0 black – 1 white) as black ink.
pub fn grey(level: f32) -> [f32; 4] {
    [0.0, 0.0, 0.0, round(1.0 - level.clamp(0.0, 1.0))]
}

fn round(v: f32) -> f32 {
    (v * 10_000.0).round() / 10_000.0
}

/// A colour as `#rrggbb`.
pub fn hex([r, g, b]: [f32; 3]) -> String {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_of_known_colours() {
        let white = srgb_to_lab([1.0; 3]);
        assert!((white[0] - 100.0).abs() < 0.1 && chroma(white) < 0.1, "{white:?}");
        // #FF0000 is L 53.2, a 80.1, b 67.2.
        let red = srgb_to_lab([1.0, 0.0, 0.0]);
        assert!((red[0] - 53.2).abs() < 0.2 && (red[1] - 80.1).abs() < 0.3 && (red[2] - 67.2).abs() < 0.3, "{red:?}");
    }

    #[test]
    fn ciede2000_matches_sharmas_test_data() {
        // Pairs 1, 7 and 17 of Sharma, Wu and Dalal (2005).
        let cases = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([22.7233, 20.0904, -46.6940], [23.0331, 14.9730, -42.5619], 2.0373),
        ];
        for (x, y, expected) in cases {
            assert!((delta_e2000(x, y) - expected).abs() < 1e-3, "{x:?} {y:?}: {}", delta_e2000(x, y));
        }
    }

    #[test]
    fn a_teal_printed_grey_or_blue_loses_its_hue_a_brighter_one_does_not() {
        let teal = srgb_to_lab([0.0, 0x52 as f64 / 255.0, 0x60 as f64 / 255.0]);
        assert!(hue_lost(teal, cmyk_to_lab([0.0, 0.0, 0.0, 0.7])) > HUE_CHANGED);
        assert!(hue_lost(teal, srgb_to_lab([0.0, 0.2, 0.6])) > HUE_CHANGED);
        let brighter = [teal[0], teal[1] * 1.5, teal[2] * 1.5];
        assert!(hue_lost(teal, brighter) < 0.01);
    }

    #[test]
    fn greys_are_neutral_and_the_teals_are_not() {
        assert!(neutral([0.5, 0.5, 0.5]));
        assert!(neutral([0x4f as f32 / 255.0, 0x61 as f32 / 255.0, 0x66 as f32 / 255.0]));
        for teal in [[0x00, 0x52, 0x60], [0x00, 0x72, 0x7a], [0x00, 0xa0, 0xa8]] {
            assert!(!neutral(teal.map(|v| v as f32 / 255.0)), "{teal:?}");
        }
    }

    #[test]
    fn two_inks_keep_a_teal_near_its_build() {
        let (build, de) = two_inks([1.0, 0.2, 0.35, 0.55]);
        assert_eq!(inks_used(&build), 2, "{build:?}");
        assert!(build[0] > 0.5, "cyan stays the dominant ink: {build:?}");
        assert!(de < 10.0, "{build:?} is ΔE {de}");
        // A build of two inks is left as it is.
        assert_eq!(two_inks([0.85, 0.0, 0.0, 0.3]), ([0.85, 0.0, 0.0, 0.3], 0.0));
    }

    // Small type keeps a build whose one ink shapes the letters, and only that kind.
    #[test]
    fn small_type_keeps_a_build_with_one_dominant_ink() {
        let teal = [0.0, 0x72 as f32 / 255.0, 0x7a as f32 / 255.0];
        let build = [1.0, 0.2, 0.4, 0.35];
        assert_eq!(small_type_ink(teal, build), (build, 0.0));
        assert!(hue_lost(srgb_to_lab(teal.map(f64::from)), cmyk_to_lab(build)) < HUE_CHANGED);
        for (two_strong, why) in [
            ([1.0, 0.2, 0.35, 0.55], "K 55 is a second strong ink"),
            ([0.7, 0.1, 0.3, 0.2], "no ink reaches 80 %"),
            ([0.3, 0.3, 0.3, 1.0], "a rich black"),
        ] {
            assert!(!one_dominant_ink(&two_strong), "{why}: {two_strong:?}");
        }
        assert_eq!(inks_used(&small_type_ink([0.0, 0.32, 0.376], [1.0, 0.2, 0.35, 0.55]).0), 2);
    }

    // The formula puts greys on the black plate and keeps colours under 300 % ink.
    #[test]
    fn greys_go_on_the_black_plate_and_colours_stay_under_300_percent() {
        assert_eq!(formula([0.0, 0.0, 0.0]), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(formula([1.0, 1.0, 1.0]), [0.0, 0.0, 0.0, 0.0]);
        let [c, m, y, _] = formula([0.5, 0.5, 0.5]);
        assert_eq!([c, m, y], [0.0, 0.0, 0.0]);
        for rgb in [[0.0, 0.0, 0.5], [0.1, 0.2, 0.3], [1.0, 0.0, 0.0]] {
            assert!(formula(rgb).iter().sum::<f32>() <= 3.0, "{rgb:?}");
        }
    }

    // A colour of the theme takes its ink, not the formula.
    #[test]
    fn inks_win_over_the_formula() {
        let inks = Inks::new([([0x1b, 0x1b, 0x1b], [0.0, 0.0, 0.0, 1.0])]);
        assert_eq!(inks.cmyk([27.0 / 255.0; 3]), ([0.0, 0.0, 0.0, 1.0], true));
        assert!(!inks.cmyk([0.5, 0.2, 0.1]).1);
    }
}
