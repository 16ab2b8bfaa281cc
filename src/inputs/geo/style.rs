//! How a map looks: page size, colours (passed in from the layout's theme), text sizes, and
//! The drawing code takes every colour from here. The colours are the theme's: a map is drawn
//! in a placeholder per theme colour ([`THEME_TOKENS`]), which the layout replaces with the
//! colour of `layout/theme.typ`, so no colour of the theme is copied here.

use super::error::MapError;
use super::simplify::DEFAULT_TOLERANCE_MM;

/// The theme colours a map uses, with the placeholder each is drawn in: the one list of them.
/// The world serves it to the layouts (`crate::inputs::maps::TOKENS_FILE`), whose
/// `themed-svg` (`map-frame.typ`) replaces each placeholder with its colour of `theme.typ`.
pub const THEME_TOKENS: [(&str, &str); 13] = [
    ("tint", "#010001"),
    ("placeholder", "#010002"),
    ("rule", "#010003"),
    ("text", "#010004"),
    ("muted", "#010005"),
    ("primary", "#010006"),
    ("accent", "#010007"),
    ("tint-strong", "#010008"),
    ("map-land", "#010009"),
    ("map-water", "#01000a"),
    ("map-neighbour", "#01000b"),
    ("map-edge", "#01000c"),
    ("map-symbol", "#01000d"),
];

/// The placeholder of the theme colour `name` ([`THEME_TOKENS`]).
pub fn token(name: &str) -> String {
    THEME_TOKENS.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()).unwrap_or_else(|| "#000000".into())
}

/// The look of a map. Colours are hex strings (`#005260` or `#056`), as the theme's.
#[derive(Debug, Clone, PartialEq)]
pub struct MapStyle {
    /// The SVG's size on the page in millimetres.
    pub width_mm: f64,
    pub height_mm: f64,
    /// Space kept free around the map's area.
    pub margin_mm: f64,
    /// How far simplification may move an outline on paper.
    pub tolerance_mm: f64,
    /// Background (the sea); `None` for transparent.
    pub water: Option<String>,
    /// The highlighted area, e.g. Asker.
    pub land: String,
    /// The other areas (neighbours), in a lighter tone.
    pub neighbour: String,
    /// Area outlines.
    pub stroke: String,
    pub stroke_width_mm: f64,
    /// Labels, scale bar, north arrow.
    pub text: String,
    /// The credit line and other secondary text.
    pub muted: String,
    /// The main symbol colour (centres, barneskoler).
    pub primary: String,
    /// The second symbol colour (innbyggertorg, ungdomsskoler).
    pub secondary: String,
    /// The edge of a symbol in the second colour, which alone stands less than 3:1 against
    /// the sea (WCAG 1.4.11): the edge does.
    pub edge: String,
    /// The font family of labels; the report passes a token its layout replaces with the
    /// theme's font.
    pub font_family: String,
    /// Label size in points (1 pt = 0.3528 mm).
    pub font_size_pt: f64,
    /// The credit line, e.g. `Kartverket 2024, CC BY 4.0`; empty for none.
    pub credit: String,
}

impl Default for MapStyle {
    /// The report's map: every colour the placeholder of its theme colour ([`THEME_TOKENS`]),
    /// which the layout's `themed-svg` replaces with the colour of `layout/theme.typ`.
    fn default() -> Self {
        MapStyle {
            width_mm: 136.0,
            height_mm: 180.0,
            margin_mm: 4.0,
            tolerance_mm: DEFAULT_TOLERANCE_MM,
            water: Some(token("map-water")),
            land: token("map-land"),
            neighbour: token("map-neighbour"),
            stroke: token("muted"),
            stroke_width_mm: 0.25,
            text: token("text"),
            muted: token("muted"),
            primary: token("primary"),
            secondary: token("map-symbol"),
            edge: token("map-edge"),
            font_family: "Inter".into(),
            font_size_pt: 7.0,
            credit: String::new(),
        }
    }
}

impl MapStyle {
    /// Checks sizes and colours, so drawing never meets a bad one.
    pub fn check(&self) -> Result<(), MapError> {
        let sizes = [
            ("width_mm", self.width_mm),
            ("height_mm", self.height_mm),
            ("tolerance_mm", self.tolerance_mm),
            ("stroke_width_mm", self.stroke_width_mm),
            ("font_size_pt", self.font_size_pt),
        ];
        for (what, value) in sizes {
            if !(value.is_finite() && value > 0.0) {
                return Err(MapError::Options { message: format!("expected a positive `{what}`, found {value}") });
            }
        }
        if !(self.margin_mm.is_finite()
            && self.margin_mm >= 0.0
            && 2.0 * self.margin_mm < self.width_mm.min(self.height_mm))
        {
            return Err(MapError::Options {
                message: format!("expected a margin smaller than half the map, found {} mm", self.margin_mm),
            });
        }
        let colours = [
            &self.land,
            &self.neighbour,
            &self.stroke,
            &self.text,
            &self.muted,
            &self.primary,
            &self.secondary,
            &self.edge,
        ];
        for colour in colours.into_iter().chain(&self.water) {
            parse_hex(colour)?;
        }
        Ok(())
    }
}

/// An RGB colour parsed from `#rrggbb` or `#rgb`.
pub fn parse_hex(text: &str) -> Result<[u8; 3], MapError> {
    let bad = || MapError::Options { message: format!("expected a colour as `#rrggbb`, found `{text}`") };
    let hex = text.trim().strip_prefix('#').ok_or_else(bad)?;
    let digits: Vec<u8> =
        hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>().ok_or_else(bad)?;
    match digits[..] {
        [r, g, b] => Ok([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Ok([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => Err(bad()),
    }
}
