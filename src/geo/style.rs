//! How a map looks: page size, colours (passed in from the layout's theme), text sizes, and
//! the optional choropleth. The drawing code takes every colour from here.

use super::error::MapError;
use super::simplify::DEFAULT_TOLERANCE_MM;

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
    /// Label size in points (1 pt = 0.3528 mm).
    pub font_size_pt: f64,
    /// The credit line, e.g. `Kartverket 2024, CC BY 4.0`; empty for none.
    pub credit: String,
    /// Whether to draw a legend of the symbols (and the choropleth) inside the map.
    pub legend: bool,
    /// Areas without a choropleth value.
    pub no_data: String,
    /// The choropleth's colour ramp, low to high; at least two stops.
    pub ramp: Vec<String>,
}

impl Default for MapStyle {
    /// Neutral defaults in the report's teal; the layout passes its theme's own colours.
    fn default() -> Self {
        MapStyle {
            width_mm: 136.0,
            height_mm: 180.0,
            margin_mm: 4.0,
            tolerance_mm: DEFAULT_TOLERANCE_MM,
            water: Some("#E3F1F2".into()),
            land: "#FFFFFF".into(),
            neighbour: "#F2F4F4".into(),
            stroke: "#5A6B70".into(),
            stroke_width_mm: 0.25,
            text: "#1B1B1B".into(),
            muted: "#5A6B70".into(),
            primary: "#005260".into(),
            secondary: "#00A0A8".into(),
            font_size_pt: 7.0,
            credit: String::new(),
            legend: true,
            no_data: "#D9D9D9".into(),
            ramp: vec!["#E3F1F2".into(), "#00A0A8".into(), "#005260".into()],
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
            &self.no_data,
        ];
        for colour in colours.into_iter().chain(&self.water).chain(&self.ramp) {
            parse_hex(colour)?;
        }
        if self.ramp.len() < 2 {
            return Err(MapError::Options {
                message: format!("expected a colour ramp of at least 2 colours, found {}", self.ramp.len()),
            });
        }
        Ok(())
    }
}

/// Values per area, drawn as fills from [`MapStyle::ramp`] with a legend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choropleth {
    /// The legend's title, e.g. `Andel fornøyde`.
    pub title: String,
    /// The unit after each legend value, e.g. `%`.
    pub unit: Option<String>,
    /// Decimals shown in the legend.
    pub decimals: u8,
    /// (area name, value); each name must name an area of the map.
    pub values: Vec<(String, f64)>,
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

/// The colour at `t` (0…1) along a ramp of at least two checked colours, as `#rrggbb`.
pub fn ramp_colour(ramp: &[String], t: f64) -> String {
    let stops: Vec<[u8; 3]> = ramp.iter().filter_map(|c| parse_hex(c).ok()).collect();
    let Some(&last) = stops.last() else { return "#808080".into() };
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let scaled = t * (stops.len() - 1) as f64;
    let i = (scaled.floor() as usize).min(stops.len().saturating_sub(2));
    let (a, b) = (stops[i], stops.get(i + 1).copied().unwrap_or(last));
    let f = scaled - i as f64;
    let mix = |k: usize| (f64::from(a[k]) + (f64::from(b[k]) - f64::from(a[k])) * f).round() as u8;
    format!("#{:02X}{:02X}{:02X}", mix(0), mix(1), mix(2))
}
