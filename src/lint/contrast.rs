//! Contrast of text on its background, as WCAG 2 measures it: at least 4.5:1 for text, 3:1
//! for large text (18 pt, or 14 pt bold). Norwegian public bodies must meet WCAG AA.

/// The relative luminance of an sRGB colour (0–255 channels).
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The contrast ratio of two colours, from 1 to 21.
pub fn ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The least ratio text of this kind needs.
pub fn minimum(large: bool) -> f64 {
    if large { 3.0 } else { 4.5 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wcag_ratios() {
        assert!((ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!((ratio([255, 255, 255], [255, 255, 255]) - 1.0).abs() < 0.01);
        // The review's example: #00A0A8 on white is about 3.2:1, too little for small text.
        let teal = ratio([0x00, 0xA0, 0xA8], [255, 255, 255]);
        assert!((3.0..3.4).contains(&teal), "{teal}");
    }
}
