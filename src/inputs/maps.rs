//! The edition's maps: `[[maps]]` in edition.toml names each map's boundary and place files;
//! `geo/` draws it as SVG, served to Typst as a virtual file `/maps/<id>.svg`.
//!
//! Colours are not decided here: the SVG is drawn with placeholder colours, one per theme
//! colour, which the layout (`map-frame.typ`) replaces with the colours of `theme.typ`.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostics, offset_of};
use crate::inputs::geo::{MapError, MapInput, MapStyle, PlaceKind, render_svg};
use crate::inputs::paths::{PathError, resolve_inside};
use crate::memo::Memo;

/// `[[maps]]` in edition.toml: the data of one map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MapConfig {
    /// The id `::: map` blocks use.
    pub id: String,
    /// Boundaries as GeoJSON (WGS84), relative to the edition folder.
    pub boundaries: String,
    /// Places as CSV (`name;kind;lat;lon`), relative to the edition folder.
    #[serde(default)]
    pub places: Option<String>,
    /// The kinds of place this map shows, e.g. `["kommunesenter", "lokalsenter"]`.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// The area the map is framed on, e.g. `Asker`; others are drawn as neighbours.
    #[serde(default)]
    pub highlight: Option<String>,
    /// The credit line drawn on the map (the boundary data's source).
    pub credit: String,
    /// The map's width on the page, in millimetres.
    #[serde(default = "default_width")]
    pub width_mm: f64,
    /// The map's height on the page, in millimetres.
    #[serde(default = "default_height")]
    pub height_mm: f64,
}

fn default_width() -> f64 {
    MapStyle::default().width_mm
}

fn default_height() -> f64 {
    MapStyle::default().height_mm
}

/// The theme colours a map uses, with the placeholder each is drawn in (the one list, with the
/// drawing's style: `geo/style.rs`).
pub use crate::inputs::geo::THEME_TOKENS;

/// The label font, replaced by the theme's body font in the layout.
pub const FONT_TOKEN: &str = "rapport-map-font";

/// Where the layouts read the placeholders a map is drawn in.
pub const TOKENS_FILE: &str = "/maps/tokens.json";

/// The placeholders as the layouts read them at [`TOKENS_FILE`]: `[what, theme key,
/// placeholder]`, each colour of [`THEME_TOKENS`] (`theme.colors`) and the font (`theme.fonts`).
pub fn tokens_json() -> Vec<u8> {
    let colours = THEME_TOKENS.iter().map(|(name, token)| ["colour", name, token]);
    let rows: Vec<[&str; 3]> = colours.chain([["font", "body", FONT_TOKEN]]).collect();
    serde_json::to_vec(&rows).unwrap_or_default()
}

/// The map style of `config` in theme tokens (the default style's colours).
pub fn token_style(config: &MapConfig) -> MapStyle {
    MapStyle {
        width_mm: config.width_mm,
        height_mm: config.height_mm,
        font_family: FONT_TOKEN.into(),
        credit: config.credit.clone(),
        ..MapStyle::default()
    }
}

/// Draws one map of the edition from its files, which must lie inside the edition folder
/// `dir` (canonical), and returns its SVG with the kinds of place it shows. Errors name the
/// file, line and column where they have one. The files read are noted in `loaded`.
pub fn draw(
    dir: &Path,
    config: &MapConfig,
    style: &MapStyle,
    loaded: &crate::inputs::loaded::Loaded,
) -> Result<Drawn, MapError> {
    let mut kinds = Vec::new();
    for kind in &config.kinds {
        let Some(k) = PlaceKind::parse(kind) else {
            let known: Vec<&str> = PlaceKind::ALL.iter().map(|k| k.id()).collect();
            let message = format!("map `{}`: expected a place kind ({}), found `{kind}`", config.id, known.join(", "));
            return Err(MapError::Options { message });
        };
        kinds.push(k);
    }
    let inside = |name: &str| {
        resolve_inside(dir, name).map_err(|err| match err {
            PathError::Io(message) => MapError::Read { file: dir.join(name), message },
            err => MapError::Refused { file: dir.join(name), message: format!("{err}, found `{name}`") },
        })
    };
    let boundaries = inside(&config.boundaries)?;
    let places = config.places.as_deref().map(inside).transpose()?;
    // Each file read once: the bytes drawn from are the bytes the memo knows them by, and
    // the bytes an archive's manifest lists.
    let read = |path: &Path| {
        let bytes =
            std::fs::read(path).map_err(|e| MapError::Read { file: path.to_path_buf(), message: e.to_string() })?;
        loaded.record(path, &bytes);
        Ok::<_, MapError>(bytes)
    };
    let boundary_bytes = read(&boundaries)?;
    let place_bytes = places.as_deref().map(read).transpose()?;
    let key = typst::utils::hash128(&(&boundary_bytes, &place_bytes, format!("{config:?} {style:?}")));
    DRAWN.get_or_try(key, || {
        let place_file = places.as_deref().zip(place_bytes.as_deref());
        let input = MapInput::from_bytes((&boundaries, &boundary_bytes), place_file, config.highlight.as_deref())?;
        let input = if config.places.is_some() { input.with_kinds(&kinds) } else { input };
        // The places drawn with their kinds, in reading order; a place of two kinds (a
        // lokalsenter with an innbyggertorg) is there once for each.
        let mut shown: Vec<(String, PlaceKind)> = Vec::new();
        for place in &input.places {
            if !shown.iter().any(|(name, kind)| *name == place.name && *kind == place.kind) {
                shown.push((place.name.clone(), place.kind));
            }
        }
        Ok((render_svg(&input, style)?, shown))
    })
}

/// The maps drawn so far, by what each is drawn from (its files' bytes, its options and
/// style): `rapport watch` reloads the data on every save, and draws again only a map whose
/// files or settings changed. A few dozen drawings (a day of editing one map's files).
static DRAWN: Memo<Drawn> = Memo::new(64);

/// A drawn map: its SVG and the places it shows (name and kind, once per kind), in reading
/// order.
type Drawn = (String, Vec<(String, PlaceKind)>);

/// A map's error, at the line and column of its file where it has one. The file's text
/// is read again to show the line (map files are small, and this is the error path).
/// Errors about no file (a map's options) are put on `config`, the edition file.
pub fn map_diagnostic(problems: &mut Diagnostics, project: &Path, config: &Path, err: &MapError) {
    let message = err.message();
    let Some(file) = err.file() else {
        problems.file_error(&crate::inputs::paths::relative(project, config), message);
        return;
    };
    let shown = crate::inputs::paths::relative(project, file);
    let located = match err {
        MapError::Syntax { line, column, .. } | MapError::Line { line, column, .. } => Some((*line, *column)),
        MapError::Outside { line, .. } => Some((*line, 1)),
        _ => None,
    };
    let text = std::fs::read(file).ok().and_then(|bytes| crate::inputs::table::decode(&bytes).ok());
    match (located, text) {
        (Some((line, column)), Some(text)) => {
            let start = offset_of(&text, line, column);
            let end = text[start..].find('\n').map_or(text.len(), |n| start + n).max(start);
            problems.error(&shown, &text, start..end, message);
        }
        _ => {
            problems.file_error(&shown, message);
        }
    }
}

/// Keeps the legend entries of map `id` that name a kind of place the map draws (`shown`),
/// with their kinds, and returns a warning for each entry left out: a legend lists only what
/// is drawn. A map that draws no places (a key number in its place) keeps its legend.
pub fn keep_drawn_legend(
    id: &str,
    legend: &mut Vec<String>,
    kinds: &mut Vec<Option<&'static str>>,
    shown: &[&'static str],
) -> Vec<String> {
    if shown.is_empty() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    let (mut kept, mut kept_kinds) = (Vec::new(), Vec::new());
    for (entry, kind) in legend.drain(..).zip(kinds.drain(..)) {
        if kind.is_some_and(|k| shown.contains(&k)) {
            kept.push(entry);
            kept_kinds.push(kind);
        } else {
            let what = kind.map_or("a class of its own".to_string(), |k| format!("the place kind `{k}`"));
            warnings.push(format!(
                "map `{id}`: the legend entry «{entry}» ({what}) has no data on the map, so it is left out of the legend; add its data to the map's files or remove the entry"
            ));
        }
    }
    (*legend, *kinds) = (kept, kept_kinds);
    warnings
}
