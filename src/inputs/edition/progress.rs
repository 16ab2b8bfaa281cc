//! What is left to fill in an edition: files still identical to the previous edition's (while
//! `previous` in edition.toml names it), and nøkkeltall without figures (always). These are
//! warnings, since an edition is valid while it is being filled in; only a final edition with
//! a KOMMUNEPLANENS MÅL box without a single figure is an error.

use std::path::Path;

use super::{Edition, Status};
use crate::diag::Diagnostics;
use crate::paths::relative;
use crate::text::Block;
use crate::value::Value;

/// What is left to fill: with `previous`, the files unchanged from it (warnings); whatever
/// `previous` says, the nøkkeltall without figures (warnings, and in a final edition a
/// KOMMUNEPLANENS MÅL box without any figure is an error).
pub fn left_to_fill(project: &Path, edition: &Edition) -> Diagnostics {
    let mut found = Diagnostics::default();
    if let Some(previous) = &edition.config.previous {
        unchanged_files(project, edition, previous, &mut found);
    }
    empty_key_figures(project, edition, &mut found);
    found
}

/// A warning for each file still identical to the previous edition's.
fn unchanged_files(project: &Path, edition: &Edition, previous: &str, found: &mut Diagnostics) {
    let before = project.join("data").join(previous);
    for file in crate::files_below(&edition.dir) {
        let Ok(inside) = file.strip_prefix(&edition.dir) else { continue };
        if inside == Path::new("edition.toml") {
            continue;
        }
        let unchanged = matches!((std::fs::read(&file), std::fs::read(before.join(inside))), (Ok(a), Ok(b)) if a == b);
        if unchanged {
            let message = format!(
                "unchanged from edition {previous}: update it, or confirm it by removing `previous` from edition.toml"
            );
            found.file_warning(&relative(project, &file), message);
        }
    }
}

/// The nøkkeltall without any figure, per key-figure file.
fn empty_key_figures(project: &Path, edition: &Edition, found: &mut Diagnostics) {
    let is_final = edition.config.status == Status::Final;
    for chapter in edition.model.parts.iter().flat_map(|p| &p.chapters) {
        for block in chapter.intro.iter().chain(&chapter.body) {
            let Block::KeyFigures { figures: Some(figures), .. } = block else { continue };
            let indicators: Vec<_> =
                figures.goals.iter().flat_map(|g| &g.subgoals).flat_map(|s| &s.indicators).collect();
            let empty = indicators.iter().filter(|i| i.values.iter().all(|v| matches!(v, Value::Empty { .. }))).count();
            if empty == 0 {
                continue;
            }
            let file = edition.config.chapters().find(|c| c.slug == chapter.slug).and_then(|c| c.key_figures.clone());
            let shown = relative(project, &edition.dir.join(file.unwrap_or_default()));
            if is_final && empty == indicators.len() {
                found.file_error(
                    &shown,
                    format!(
                        "none of its {empty} nøkkeltall has a figure, in an edition marked `status = \"final\"`: fill them in, or mark the edition `status = \"draft\"`"
                    ),
                );
            } else {
                found.file_warning(&shown, format!("{empty} nøkkeltall have no figures yet"));
            }
        }
    }
}
