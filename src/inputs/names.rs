//! The proper names the report never hyphenates (Skogs-borg, Spikke-stad): the places the
//! edition's maps name, and the edition's own `no-hyphenate` list. The layouts set each of
//! them unhyphenated wherever it appears (report.typ).

use std::path::Path;

use crate::inputs::maps::MapConfig;
use crate::inputs::paths::resolve_inside;

/// A word shorter than this is never hyphenated anyway (Typst keeps two letters on each side).
const SHORTEST: usize = 5;

/// The names, each once, longest first (so a longer name is matched before a shorter one it
/// contains), from the edition's `no-hyphenate` list and the places of its `maps` (files in
/// `dir`). A places file that cannot be read adds nothing here: the maps report it.
pub fn proper_names(dir: &Path, no_hyphenate: &[String], maps: &[MapConfig]) -> Vec<String> {
    let mut names: Vec<String> = no_hyphenate.iter().map(|n| n.trim().to_string()).collect();
    for map in maps {
        let Some(file) = map.places.as_deref() else { continue };
        let Ok(path) = resolve_inside(dir, file) else { continue };
        let Ok(mut reader) = csv::ReaderBuilder::new().delimiter(b';').from_path(&path) else { continue };
        let column = reader.headers().ok().and_then(|h| h.iter().position(|c| c.trim() == "name"));
        let Some(column) = column else { continue };
        for record in reader.records().flatten() {
            // Only the capitalised words of a place's name: «Asker sentrum» gives «Asker».
            let words = record.get(column).unwrap_or_default().split_whitespace();
            names.extend(words.filter(|w| w.chars().next().is_some_and(char::is_uppercase)).map(str::to_string));
        }
    }
    names.retain(|n| n.chars().count() >= SHORTEST && n.chars().all(|c| c.is_alphanumeric() || c == '-' || c == ' '));
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    // Names come from the edition's list and the places' capitalised words, once each.
    #[test]
    fn names_from_the_list_and_the_places() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("places.csv"),
            "name;kind;lat;lon\nAsker sentrum;x;1;1\nSpikkestad;x;1;1\nSpikkestad;y;1;1\n",
        )
        .unwrap();
        let map: MapConfig =
            toml::from_str("id = \"m\"\nboundaries = \"b.geojson\"\nplaces = \"places.csv\"\ncredit = \"c\"\n")
                .unwrap();
        let listed = ["Skogsborg".to_string(), "Ås".to_string()];
        assert_eq!(proper_names(dir.path(), &listed, &[map]), ["Spikkestad", "Skogsborg", "Asker"]);
    }
}
