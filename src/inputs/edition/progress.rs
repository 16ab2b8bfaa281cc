//! What is left to fill in an edition started from another (`previous` in edition.toml):
//! files still identical to the previous edition's, and nøkkeltall without figures. These are
//! warnings: a new edition is valid while it is being filled in.

use std::path::Path;

use super::Edition;
use crate::diag::Diagnostics;
use crate::paths::relative;
use crate::text::Block;
use crate::value::Value;

/// The warnings of an edition that names a `previous` one.
pub fn left_to_fill(project: &Path, edition: &Edition) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    let Some(previous) = edition.config.previous.as_ref().filter(|p| super::validate::is_file_name(p)) else {
        return warnings;
    };
    // The previous edition is read only inside data/, after resolving links.
    let Ok(before) = crate::paths::inside(&project.join("data"), &project.join("data").join(previous)) else {
        return warnings;
    };
    for file in crate::files_below(&edition.dir) {
        let Ok(inside) = file.strip_prefix(&edition.dir) else { continue };
        if inside == Path::new("edition.toml") {
            continue;
        }
        let read = |path: &Path| {
            let real = crate::paths::inside(project, path).ok()?;
            crate::paths::read_regular(&real, "the file", 1 << 30).ok()
        };
        let unchanged = matches!((read(&file), read(&before.join(inside))), (Some(a), Some(b)) if a == b);
        if unchanged {
            let message = format!(
                "unchanged from edition {previous}: update it, or confirm it by removing `previous` from edition.toml"
            );
            warnings.file_warning(&relative(project, &file), message);
        }
    }
    for chapter in edition.model.parts.iter().flat_map(|p| &p.chapters) {
        for block in chapter.intro.iter().chain(&chapter.body) {
            let Block::KeyFigures { figures: Some(figures), .. } = block else { continue };
            let empty = figures
                .goals
                .iter()
                .flat_map(|g| &g.subgoals)
                .flat_map(|s| &s.indicators)
                .filter(|i| i.values.iter().all(|v| matches!(v, Value::Empty { .. })))
                .count();
            if empty > 0 {
                let file =
                    edition.config.chapters().find(|c| c.slug == chapter.slug).and_then(|c| c.key_figures.clone());
                let shown = relative(project, &edition.dir.join(file.unwrap_or_default()));
                warnings.file_warning(&shown, format!("{empty} nøkkeltall have no figures yet"));
            }
        }
    }
    warnings
}
