//! Font checks with ttf-parser: family, style, weight and whether the licence lets the font
//! be embedded in a PDF (the OS/2 `fsType` permissions).

use std::fs;
use std::path::Path;

use anyhow::Context;
use ttf_parser::{Face, name_id};

/// What a font file says about itself.
#[derive(Debug, Clone)]
pub struct FontReport {
    pub file: String,
    pub family: String,
    pub subfamily: String,
    pub style: &'static str,
    pub weight: u16,
    /// `installable`, `editable`, `print & preview`, or `restricted` (may not be embedded).
    pub embedding: &'static str,
}

/// The font files in `dir` (`.ttf`, `.otf`, `.ttc`, `.otc`), sorted by name.
pub fn font_files(dir: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("cannot list the fonts in {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        // A link to a font outside fonts/ is not a font of the project.
        .filter(|p| p.is_file() && crate::inputs::paths::inside(dir, p).is_ok())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
        })
        .collect();
    paths.sort();
    Ok(paths)
}

/// Checks that a font file is complete: every face parses and every table the file lists
/// lies inside it (a truncated file would otherwise be skipped, and its text set in another
/// font without a word).
pub fn check_font(data: &[u8]) -> Result<(), String> {
    let faces = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    for index in 0..faces {
        let raw = ttf_parser::RawFace::parse(data, index).map_err(|e| format!("expected a font, found {e}"))?;
        for record in raw.table_records {
            let end = u64::from(record.offset) + u64::from(record.length);
            if end > data.len() as u64 {
                return Err(format!(
                    "expected a complete font, found a truncated file: its table `{}` ends at byte {end}, but the file has {} bytes",
                    record.tag,
                    data.len()
                ));
            }
        }
        Face::parse(data, index).map_err(|e| format!("expected a font, found {e}"))?;
    }
    Ok(())
}

/// Reports every font in `fonts/` that is not a complete font.
pub fn check_fonts(project: &Path, problems: &mut crate::diag::Diagnostics) {
    let Ok(files) = font_files(&project.join("fonts")) else { return };
    for path in files {
        let shown = crate::inputs::paths::relative(project, &path);
        let checked = fs::read(&path).map_err(|e| format!("cannot read this file: {e}")).and_then(|d| check_font(&d));
        if let Err(message) = checked {
            problems.file_error(&shown, message);
        }
    }
}

/// Inspects every font file in `dir`, sorted by file name; a broken one is an error.
pub fn inspect_fonts(dir: &Path) -> anyhow::Result<Vec<FontReport>> {
    font_files(dir)?
        .iter()
        .map(|path| {
            let data = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            check_font(&data).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let face =
                Face::parse(&data, 0).map_err(|e| anyhow::anyhow!("{} is not a readable font: {e}", path.display()))?;
            let name = |id| {
                face.names().into_iter().filter(|n| n.name_id == id).find_map(|n| n.to_string()).unwrap_or_default()
            };
            let family = Some(name(name_id::TYPOGRAPHIC_FAMILY))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| name(name_id::FAMILY));
            let subfamily = Some(name(name_id::TYPOGRAPHIC_SUBFAMILY))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| name(name_id::SUBFAMILY));
            let embedding = match face.permissions() {
                Some(ttf_parser::Permissions::Installable) | None => "installable",
                Some(ttf_parser::Permissions::Restricted) => "restricted",
                Some(ttf_parser::Permissions::PreviewAndPrint) => "print & preview",
                Some(ttf_parser::Permissions::Editable) => "editable",
            };
            let style = match face.style() {
                ttf_parser::Style::Normal => "normal",
                ttf_parser::Style::Italic => "italic",
                ttf_parser::Style::Oblique => "oblique",
            };
            Ok(FontReport {
                file: path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
                family,
                subfamily,
                style,
                weight: face.weight().to_number(),
                embedding,
            })
        })
        .collect()
}
