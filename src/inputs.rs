//! The inputs: an edition's files read, checked and turned into the model — `edition.toml`
//! and the editions of a project, the chapter text and its blocks, CSV tables, values and
//! units, workbooks, Statistics Norway's JSON-stat tables, Word chapters (.docx), key figures, the corrections record, the paths the data names, the pictures' declared sizes, the proper names.
//! The maps' files are read and drawn in [`maps`] and [`geo`].

pub mod blocks;
pub mod corrections;
pub mod docx;
pub mod edition;
pub mod images;
pub mod jsonstat;
pub mod keyfigures;
pub mod loaded;
pub mod names;
pub mod paths;
pub mod table;
pub mod text;
pub mod value;
pub mod workbook;

// The edition's maps: `[[maps]]` and their files drawn as SVG (geo/: GeoJSON and places →
// UTM 33 → simplified → SVG).
pub mod geo;
pub mod maps;
