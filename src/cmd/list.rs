//! `rapport list`: the editions in data/, each with its status (draft or final, in the
//! reader's language) and its chapters, the default edition marked (and said, when it is the
//! default because it was marked final); folders that are not editions are warned of.

use std::fmt::Write as _;
use std::path::Path;

use super::{Log, print_stdout};
use crate::build::ToDo;
use crate::diag::{Diagnostic, Origin};
use crate::error::Result;
use crate::inputs::edition::catalog::Catalog;

pub fn run(log: &mut Log, project: &Path) -> Result<()> {
    let catalog = Catalog::read(project)?;
    log.diagnostics(&catalog.warnings);
    // A `data/default` that cannot be used is said, and the editions listed all the same.
    let default = match catalog.default_edition(project, |id| crate::checks::finished::items_left(project, id)) {
        Ok(default) => {
            log.diagnostics(&default.passed_over_warnings());
            Some(default)
        }
        Err(err) => {
            if !catalog.editions.is_empty() {
                let message = format!("{err:#}; no edition is marked as the default");
                log.diagnostics(&[Diagnostic::warning(Origin::Data, message)]);
            }
            None
        }
    };
    let mut out = String::new();
    for (id, config) in &catalog.editions {
        // The status as edition.toml writes it; the default marked in the reader's language.
        let mark = if default.as_ref().is_some_and(|d| d.id == *id) {
            format!("  {}", crate::lang::translate(log.lang, "(default)"))
        } else {
            String::new()
        };
        // A final edition with items left is not finished, whatever edition.toml says.
        let unfinished = config.status == crate::inputs::edition::Status::Final
            && crate::checks::finished::items_left(project, id) > 0;
        // What `rapport check --todo` counts as left to do, the one count: an edition with
        // items left is never listed as if it were finished.
        let name = config.status.name();
        log.stage(&format!("Counting what is left in {id}"));
        let status = match crate::build::to_do(project, &catalog, id) {
            ToDo::Items(n) if unfinished => format!("final, not finished: {n} item(s) left"),
            _ if unfinished => "final, not finished".to_string(),
            ToDo::Items(0) | ToDo::Unknown => name.to_string(),
            ToDo::Items(n) => format!("{name}, {n} item(s) left to do"),
            ToDo::Problems => format!("{name}, problems in the data"),
        };
        let status = crate::lang::translate(log.lang, &status);
        let _ = writeln!(out, "{id}  {status}  {}  {}{mark}", config.date, config.title);
        for chapter in config.chapters() {
            let _ = writeln!(out, "  {:<32} {}", chapter.slug, chapter.title);
        }
    }
    print_stdout(&out);
    if let Some(id) = default.and_then(|d| catalog.default_by_status(&d)) {
        let message =
            format!("note: {id} is now the default edition (the newest final one; `data/default` may name another)");
        log.line(message);
    }
    Ok(())
}
