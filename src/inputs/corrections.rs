//! `corrections/*.toml`: the record of every extraction artifact fixed while transcribing
//! the printed edition's text, so fidelity to the seed can be audited.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostics;
use crate::inputs::paths::relative;

/// What kind of artifact was fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A word hyphenated at a line end, joined again.
    Hyphenation,
    /// Odd upper/lower case.
    Casing,
    /// A letter doubled by the extraction.
    DoubledLetter,
    /// A word split by a line break.
    SplitWord,
    /// A paragraph or list cut by a page break, joined.
    SplitParagraph,
    /// Spaces inserted or lost by the extraction.
    Spacing,
    /// Rule lines and other table debris.
    TableArtifact,
    /// Digits lost from the table of contents.
    LostDigits,
    /// A line describing a picture, not printed text.
    PictureDescription,
    /// Printed words the extraction lost; shown as a visible gap.
    LostText,
    /// A plain misspelling in the printed edition, fixed.
    Spelling,
    /// A page number of the printed table of contents; Innhold shows this rendition's pages.
    PageNumber,
    /// Words that place a table or figure («Tabellen til høyre»), made a reference
    /// (`[Tabellen til høyre](#id)`) that the layout words for where the figure lands.
    Position,
}

/// One correction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Correction {
    /// The edition file the fixed text is in.
    pub file: String,
    /// The text as the seed has it.
    pub seed: String,
    /// The text as transcribed.
    pub fixed: String,
    /// What kind of artifact it was.
    pub kind: Kind,
    /// Why, where it is not obvious.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorrectionsFile {
    #[serde(default)]
    correction: Vec<Correction>,
}

/// Reads all corrections of an edition, reporting unreadable files as problems.
pub fn load_corrections(project: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<Correction> {
    let folder = dir.join("corrections");
    let Ok(entries) = fs::read_dir(&folder) else { return Vec::new() };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !crate::inputs::paths::is_hidden(p))
        .collect();
    paths.sort();
    let mut all = Vec::new();
    for path in paths {
        let shown = relative(project, &path);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                problems.file_error(&shown, format!("cannot read this file: {err}"));
                continue;
            }
        };
        match toml::from_str::<CorrectionsFile>(&text) {
            Ok(file) => {
                for correction in &file.correction {
                    if correction.file != "edition.toml" && !dir.join(&correction.file).is_file() {
                        let at = text.find(&format!("\"{}\"", correction.file)).unwrap_or(0);
                        let text: std::sync::Arc<str> = text.as_str().into();
                        problems.error(
                            &shown,
                            &text,
                            at..at + correction.file.len() + 2,
                            format!("expected a file of the edition, found `{}`", correction.file),
                        );
                    }
                }
                all.extend(file.correction);
            }
            Err(err) => {
                let range = err.span().unwrap_or(0..1);
                problems.error(&shown, &text.as_str().into(), range, err.message().trim().to_string());
            }
        }
    }
    all
}

/// Checks the corrections of an edition.
pub fn check_corrections(project: &Path, dir: &Path, problems: &mut Diagnostics) {
    load_corrections(project, dir, problems);
}
