//! What a finished report must hold, checked on the loaded edition besides what
//! [`progress`](crate::inputs::edition::progress) finds: no editors' wording in the text a final
//! edition prints (the layout lint's [`BACK_OFFICE`](crate::checks::lint::flow::BACK_OFFICE)
//! phrases: the lint warns of them on the laid-out pages of any edition; a final edition's
//! `check`, `build` and `archive` refuse them), and the same chosen goals on the cover and in
//! the satsingsområder list.

use std::path::Path;

use crate::diag::Diagnostics;
use crate::inputs::edition::{Edition, Status};
use crate::inputs::paths::relative;

/// How many items the final edition `id` still lacks to be finished: the errors of what is
/// left to fill ([`progress`](crate::inputs::edition::progress)), editors' wording in print and
/// chosen goals that differ from the cover's. 0 for a draft, and for an edition that cannot
/// be read (opening it says why). Whether a final edition may be the default.
pub fn items_left(project: &Path, id: &str) -> usize {
    let Ok(project) = project.canonicalize() else { return 0 };
    let project = project.as_path();
    let mut problems = Diagnostics::default();
    let loaded = crate::inputs::loaded::Loaded::default();
    let Ok(edition) = crate::inputs::edition::load_edition(project, id, &mut problems, &loaded) else { return 0 };
    if edition.config.status != Status::Final {
        return 0;
    }
    let left = crate::inputs::edition::progress::left_to_fill(project, &edition);
    let left = left.iter().filter(|d| d.is_error()).count();
    left + editors_wording(project, &edition).len() + goals_against_cover(project, &edition).len()
}

/// Editors' wording (the layout lint's [`BACK_OFFICE`](crate::checks::lint::flow::BACK_OFFICE)) in
/// the text a chapter prints: an error in a final edition, at the line of the chapter file
/// that holds it (or the chapter file, when a block's file holds it).
pub fn editors_wording(project: &Path, edition: &Edition) -> Diagnostics {
    let mut found = Diagnostics::default();
    if edition.config.status != Status::Final {
        return found;
    }
    let model = crate::model::Model::from_input(edition);
    for chapter in model.parts.iter().flat_map(|p| &p.chapters) {
        let Ok(json) = serde_json::to_value(chapter) else { continue };
        let mut texts = Vec::new();
        strings(&json, &mut texts);
        let printed = texts.join("\n").to_lowercase();
        let Some(phrase) = crate::checks::lint::flow::BACK_OFFICE.iter().find(|p| printed.contains(*p)) else {
            continue;
        };
        let Some(config) = edition.config.chapters().find(|c| c.slug == chapter.slug) else { continue };
        let path = edition.dir.join(&config.text);
        let shown = relative(project, &path);
        let message = format!(
            "editors' wording «{phrase}» would be printed, in an edition marked `status = \"final\"`: say it for readers, or move the remark to a `# …` comment or out of the text"
        );
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        match text.find(phrase) {
            Some(at) => {
                found.error(&shown, &text.into(), at..at + phrase.len(), message);
            }
            None => {
                found.file_error(&shown, message);
            }
        }
    }
    found
}

/// The string values of a JSON value (the printed text of a chapter's model), keys left out.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The report's chosen goals, listed twice: `cover-goals` in edition.toml and the chapter's
/// `::: goals` block that names more than one goal (the satsingsområder). They must name the
/// same goals; an error at the block's `goals` line otherwise.
pub fn goals_against_cover(project: &Path, edition: &Edition) -> Diagnostics {
    let mut found = Diagnostics::default();
    let cover: std::collections::BTreeSet<u8> = edition.config.cover_goals.iter().copied().collect();
    if cover.is_empty() {
        return found;
    }
    for chapter in edition.content.parts.iter().flat_map(|p| &p.chapters) {
        let lists: Vec<&Vec<u8>> = chapter
            .blocks
            .iter()
            .filter_map(|b| if let crate::inputs::text::Block::Goals(spec) = b { Some(&spec.goals) } else { None })
            .collect();
        let path = edition.dir.join(&chapter.config.text);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let lines = goals_lines(&text);
        for (n, goals) in lists.iter().enumerate() {
            let listed: std::collections::BTreeSet<u8> = goals.iter().copied().collect();
            if listed.len() < 2 || listed == cover {
                continue;
            }
            let show =
                |set: &std::collections::BTreeSet<u8>| set.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
            let message = format!(
                "expected the goals of the cover (`cover-goals` in edition.toml: {}), found {}: both name the report's chosen goals; make them the same",
                show(&cover),
                show(&listed)
            );
            let shown = relative(project, &path);
            match lines.get(n) {
                Some(range) => {
                    found.error(&shown, &text.clone().into(), range.clone(), message);
                }
                None => {
                    found.file_error(&shown, message);
                }
            }
        }
    }
    found
}

/// The byte range of the `goals = …` line of each `::: goals` block of a chapter's text.
fn goals_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut inside, mut offset) = (false, 0);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == "::: goals" {
            inside = true;
        } else if trimmed == ":::" {
            inside = false;
        } else if inside && trimmed.starts_with("goals") {
            let start = offset + (line.len() - line.trim_start().len());
            ranges.push(start..start + trimmed.len());
        }
        offset += line.len();
    }
    ranges
}
