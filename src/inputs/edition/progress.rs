//! What is left to fill in an edition: files still identical to the previous edition's (while
//! `previous` in edition.toml names it), and nøkkeltall without figures (always). These are
//! warnings, since an edition is valid while it is being filled in; only a final edition with
//! a KOMMUNEPLANENS MÅL box without a single figure is an error.

use std::path::{Path, PathBuf};

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
    if let Some(previous) = edition.config.previous.as_ref().filter(|p| super::validate::is_file_name(p)) {
        unchanged_files(project, edition, previous, &mut found);
    }
    empty_key_figures(project, edition, &mut found);
    found
}

/// One warning per top folder of the edition (chapters/, tables/, …) for the files still
/// identical to the previous edition's, naming the first of them. Files that are not the
/// edition's to change are left out: the maps' boundaries and places (map geometry), README
/// notes, and the files of chapters no longer in edition.toml.
fn unchanged_files(project: &Path, edition: &Edition, previous: &str, found: &mut Diagnostics) {
    // The previous edition is read only inside data/, after resolving links.
    let Ok(before) = crate::paths::inside(&project.join("data"), &project.join("data").join(previous)) else {
        return;
    };
    let maps = &edition.config.maps;
    let fixed: Vec<&Path> =
        maps.iter().flat_map(|m| std::iter::once(&m.boundaries).chain(&m.places)).map(Path::new).collect();
    let mut folders: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for file in crate::files_below(&edition.dir) {
        let Ok(inside) = file.strip_prefix(&edition.dir) else { continue };
        let notes = inside.file_name().is_some_and(|n| n == "README.md");
        if inside == Path::new("edition.toml") || notes || fixed.contains(&inside) || !in_use(edition, inside) {
            continue;
        }
        let read = |path: &Path| {
            let real = crate::paths::inside(project, path).ok()?;
            crate::paths::read_regular(&real, "the file", 1 << 30).ok()
        };
        let unchanged = matches!((read(&file), read(&before.join(inside))), (Some(a), Some(b)) if a == b);
        if !unchanged {
            continue;
        }
        // By the edition's top folder (chapters/, tables/, …), each file named below it.
        let top = inside.iter().next().filter(|_| inside.components().count() > 1);
        let folder = relative(project, &top.map_or(edition.dir.clone(), |t| edition.dir.join(t)));
        let name = top.and_then(|t| inside.strip_prefix(t).ok()).unwrap_or(inside).display().to_string();
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, names)) => names.push(name),
            None => folders.push((folder, vec![name])),
        }
    }
    for (folder, names) in folders {
        let shown: Vec<&str> = names.iter().take(6).map(String::as_str).collect();
        let more = if names.len() > 6 { format!(" and {} more", names.len() - 6) } else { String::new() };
        let message = format!(
            "{} file(s) unchanged from edition {previous}: {}{more}; update them, or confirm them by removing `previous` from edition.toml",
            names.len(),
            shown.join(", ")
        );
        found.file_warning(&folder, message);
    }
}

/// Whether a file of the edition belongs to it: not to a chapter edition.toml no longer has
/// (`chapters/<slug>.md`, `tables/<slug>/…`, `charts/<slug>/…`, `key-figures/<slug>.csv`).
fn in_use(edition: &Edition, inside: &Path) -> bool {
    let mut parts = inside.iter().map(|p| p.to_string_lossy());
    let (Some(folder), Some(second)) = (parts.next(), parts.next()) else { return true };
    if !matches!(folder.as_ref(), "chapters" | "tables" | "charts" | "key-figures") {
        return true;
    }
    let slug = Path::new(second.as_ref()).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    edition.config.chapters().any(|c| c.slug == slug)
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
