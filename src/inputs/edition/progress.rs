//! What is left to fill in an edition: files still identical to the previous edition's (the
//! one `previous` in edition.toml names, else the nearest older edition in data/, by the
//! editions' periods, never by folder names; in a final edition, to any older edition's too)
//! and nøkkeltall without figures (always). In a draft
//! these are warnings, since an edition is valid while it is being filled in; a final edition
//! is finished, so there each unchanged chapter, table or chart and each nøkkeltall without
//! figures is an error unless `[confirm]` in edition.toml names it.

use std::path::{Path, PathBuf};

use super::{Edition, Status};
use crate::diag::Diagnostics;
use crate::inputs::paths::relative;
use crate::inputs::text::Block;
use crate::inputs::value::Value;

/// One thing left to do in an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    /// The chapter it belongs to (its slug), none for the edition as a whole.
    pub chapter: Option<String>,
    /// The file, relative to the project (`data/2024-2027/chapters/okonomi.md`).
    pub file: PathBuf,
    pub kind: LeftKind,
}

/// What is left about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftKind {
    /// The file is the previous edition's, unchanged; its path inside the edition.
    Unchanged { name: String, previous: String },
    /// A nøkkeltall without any figure: its text.
    NoFigures { indicator: String },
    /// Something the data has yet to say (a chapter's title, a table's title or source, left
    /// out by an import that found none): what, and how to say it.
    Missing { what: String },
}

impl Left {
    /// The item as one line of a to-do list: `data/…/to.md: unchanged from edition mini2`.
    pub fn line(&self) -> String {
        match &self.kind {
            LeftKind::Unchanged { previous, .. } => {
                format!("{}: unchanged from edition {previous}", self.file.display())
            }
            LeftKind::NoFigures { indicator } => {
                format!("{}: the nøkkeltall «{indicator}» has no figures", self.file.display())
            }
            LeftKind::Missing { what } => format!("{}: {what}", self.file.display()),
        }
    }
}

/// Every item left to fill in `edition`, confirmed ones (`[confirm]`) left out: the files
/// unchanged from the previous edition and the nøkkeltall without figures.
pub fn items(project: &Path, edition: &Edition) -> Vec<Left> {
    let mut items = Vec::new();
    // The editions before this one, by their periods (the nearest first), and the one it
    // follows: `previous` when set, else the nearest.
    let catalog = super::catalog::Catalog::read(project).ok();
    let id = edition.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let older = catalog.as_ref().map(|c| c.older_than(&id)).unwrap_or_default();
    let previous = match edition.config.previous.as_ref() {
        Some(named) => Some(named).filter(|p| super::config::is_file_name(p)).cloned(),
        None => older.first().cloned(),
    };
    if let Some(previous) = previous.as_deref() {
        items.extend(unchanged_files(project, edition, previous));
    }
    // A final edition is compared with every older edition in data/ too, whether or not
    // `previous` names one: deleting `previous` must not silence what is left of another.
    // The nearest comes first, so a file kept through several editions is named by the last.
    if edition.config.status == Status::Final {
        for other in older {
            if previous.as_ref() == Some(&other) {
                continue;
            }
            for item in unchanged_files(project, edition, &other) {
                let LeftKind::Unchanged { name, .. } = &item.kind else { continue };
                let known = items.iter().any(|known: &Left| known.file == item.file);
                if must_change(name) && !known {
                    items.push(item);
                }
            }
        }
    }
    items.extend(empty_key_figures(project, edition));
    items.extend(missing(project, edition));
    items
}

/// What the data has yet to say: a chapter without a title in edition.toml, and a table
/// block that leaves out `title` or `source` (as `rapport import docx` writes one for a Word
/// table without a caption or a `Kilde:` line).
fn missing(project: &Path, edition: &Edition) -> Vec<Left> {
    let toml = relative(project, &edition.dir.join("edition.toml"));
    let mut found = Vec::new();
    for chapter in edition.config.chapters().filter(|c| c.title.trim().is_empty()) {
        found.push(Left {
            chapter: Some(chapter.slug.clone()),
            file: toml.clone(),
            kind: LeftKind::Missing {
                what: format!("the chapter `{}` has no title yet: write its `title` in edition.toml", chapter.slug),
            },
        });
    }
    for chapter in edition.content.parts.iter().flat_map(|p| &p.chapters) {
        let text = &chapter.config.text;
        for block in &chapter.blocks {
            let Block::Table { spec, .. } = block else { continue };
            let [no_title, no_source] = spec.left_out;
            let mut said = Vec::new();
            if no_title {
                said.push(format!(
                    "the table {} has no title yet: write `title = \"…\"` in its `::: table` block (or `title = \"\"` for a table without one)",
                    spec.file
                ));
            }
            if no_source {
                said.push(format!(
                    "the table {} has no source yet: write `source = \"…\"` in its `::: table` block (or `source = \"\"` for a table without one)",
                    spec.file
                ));
            }
            for what in said {
                found.push(Left {
                    chapter: Some(chapter.config.slug.clone()),
                    file: relative(project, &edition.dir.join(text)),
                    kind: LeftKind::Missing { what },
                });
            }
        }
    }
    found
}

/// What is left to fill, as diagnostics: warnings in a draft; in a final edition errors for
/// each unchanged chapter, table or chart and each nøkkeltall without figures that
/// `[confirm]` does not name, and for editors' wording in the printed text.
pub fn left_to_fill(project: &Path, edition: &Edition) -> Diagnostics {
    let mut found = Diagnostics::default();
    let is_final = edition.config.status == Status::Final;
    let items = items(project, edition);
    missing_previous(project, edition, is_final, &mut found);
    // The unchanged files a final edition may keep (pictures, maps) and a draft's: one warning
    // per top folder, naming them.
    let mut folders: Vec<(PathBuf, String, Vec<String>)> = Vec::new();
    // In a final edition, every refusal's confirmation, to paste at once where each really
    // stays as it is.
    let (mut unchanged, mut no_figures): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for item in &items {
        let LeftKind::Unchanged { name, previous } = &item.kind else { continue };
        if is_final && must_change(name) {
            unchanged.push(format!("{name:?}"));
            found.file_error(
                &item.file,
                format!(
                    "unchanged from edition {previous}, in an edition marked `status = \"final\"`: update it, or confirm that it stays as it is with `unchanged = [\"{name}\"]` under `[confirm]` in edition.toml"
                ),
            );
            continue;
        }
        let mut parts = Path::new(name).iter();
        let top = parts.next().filter(|_| Path::new(name).components().count() > 1);
        let folder = relative(project, &top.map_or(edition.dir.clone(), |t| edition.dir.join(t)));
        let below = top.map_or(name.clone(), |_| parts.collect::<PathBuf>().display().to_string());
        match folders.iter_mut().find(|(f, _, _)| *f == folder) {
            Some((_, _, names)) => names.push(below),
            None => folders.push((folder, previous.clone(), vec![below])),
        }
    }
    for (folder, previous, names) in folders {
        let shown: Vec<&str> = names.iter().take(6).map(String::as_str).collect();
        let listed = match names.len() {
            n if n > 6 => format!("{} and {} more", shown.join(", "), n - 6),
            _ => shown.join(", "),
        };
        let message = format!(
            "{} file(s) unchanged from edition {previous}: {listed}; update them, or confirm each that stays as it is under `[confirm] unchanged` in edition.toml (`rapport check --todo` lists them all)",
            names.len(),
        );
        found.file_warning(&folder, message);
    }
    // The nøkkeltall without figures: one warning per file in a draft, one error each in a
    // final edition.
    let mut files: Vec<(PathBuf, usize)> = Vec::new();
    for item in &items {
        let LeftKind::NoFigures { indicator } = &item.kind else { continue };
        if is_final {
            no_figures.push(format!("{indicator:?}"));
            found.file_error(
                &item.file,
                format!(
                    "the nøkkeltall «{indicator}» has no figures, in an edition marked `status = \"final\"`: fill them in, or confirm it with `no-figures = [\"{indicator}\"]` under `[confirm]` in edition.toml"
                ),
            );
            continue;
        }
        match files.iter_mut().find(|(f, _)| *f == item.file) {
            Some((_, n)) => *n += 1,
            None => files.push((item.file.clone(), 1)),
        }
    }
    for (file, empty) in files {
        found.file_warning(&file, format!("{empty} nøkkeltall have no figures yet"));
    }
    // What the data has yet to say: a warning each in a draft, an error each in a final edition.
    for item in &items {
        let LeftKind::Missing { what } = &item.kind else { continue };
        if is_final {
            found.file_error(&item.file, format!("{what}, in an edition marked `status = \"final\"`"));
        } else {
            found.file_warning(&item.file, what.clone());
        }
    }
    // No ready-made list confirming them all (pasted at once, it made an unfinished edition
    // pass): each is confirmed by name, as its error says; the count says how many are left.
    let toml = relative(project, &edition.dir.join("edition.toml"));
    if unchanged.len() + no_figures.len() > 1 {
        found.file_warning(
            &toml,
            format!(
                "{} item(s) left in an edition marked `status = \"final\"`: update each, or confirm each that really stays as it is, by name, under `[confirm]` in edition.toml (each item's own error says how; no list confirms them all)",
                unchanged.len() + no_figures.len()
            ),
        );
    }
    found
}

/// The edition `previous` names must be there to compare with: without its folder, nothing
/// can say whether the text was updated since the previous period, and the check would pass
/// in silence. An error in a final edition (its build would publish text that may be last
/// period's), a warning in a draft.
fn missing_previous(project: &Path, edition: &Edition, is_final: bool, found: &mut Diagnostics) {
    let Some(previous) = edition.config.previous.as_deref().filter(|p| super::config::is_file_name(p)) else {
        return;
    };
    let folder = project.join("data").join(previous);
    let there = crate::inputs::paths::inside(&project.join("data"), &folder)
        .is_ok_and(|real| real.join("edition.toml").is_file());
    if there {
        return;
    }
    let toml = relative(project, &edition.dir.join("edition.toml"));
    let shown = relative(project, &folder);
    let message = format!(
        "expected the previous edition's folder {}/ with its edition.toml (`previous = \"{previous}\"` in edition.toml), found none: the chapters, tables and key figures cannot be compared with it, so nothing shows whether they were updated since the previous period",
        shown.display()
    );
    let problem = if is_final { found.file_error(&toml, message) } else { found.file_warning(&toml, message) };
    problem.hints.push(format!(
        "put the previous edition's folder back in data/ as {}/ (from the archive or version control), or, if `previous` names the wrong edition, correct it to the folder the edition was started from",
        shown.display()
    ));
}

/// How a final edition's refusal of what is left says so (the end of each such error).
const IN_FINAL: &str = ", in an edition marked `status = \"final\"`";

/// More refusals of a final edition than this are summed up for the terminal
/// ([`sum_up_refusals`]): each takes a few lines, and an edition marked final early has hundreds.
const SUMMED_UP_OVER: usize = 10;

/// A final edition's refusals of unchanged files and nøkkeltall without figures
/// ([`left_to_fill`]), when there are more than [`SUMMED_UP_OVER`], as one error per kind:
/// the unchanged files of each top folder (`chapters`, `tables`, `charts`) and the nøkkeltall
/// without figures, naming the first few, and one with the total and where the whole list is
/// (`rapport check --todo`); every other diagnostic as it is. For the terminal's human
/// format: the short format keeps one line per item.
pub fn sum_up_refusals(diagnostics: Vec<crate::diag::Diagnostic>) -> Vec<crate::diag::Diagnostic> {
    // (folder, previous edition (none for nøkkeltall), names)
    type Group = (PathBuf, Option<String>, Vec<String>);
    let refusal = |d: &crate::diag::Diagnostic| -> Option<(PathBuf, Option<String>, String)> {
        let file = d.file().filter(|_| d.is_error())?;
        let head = d.message.split_once(IN_FINAL)?.0;
        // `data/<id>/<top>/…`: the top folder of the edition, and the file's path below it.
        let top: PathBuf = file.iter().take(3).collect();
        let below = file.strip_prefix(&top).ok()?.to_string_lossy().replace('\\', "/");
        if let Some(previous) = head.strip_prefix("unchanged from edition ") {
            return Some((top, Some(previous.to_string()), below));
        }
        head.strip_prefix("the nøkkeltall «")?.strip_suffix("» has no figures")?;
        Some((top, None, below))
    };
    let count = diagnostics.iter().filter(|d| refusal(d).is_some()).count();
    if count <= SUMMED_UP_OVER {
        return diagnostics;
    }
    let (mut groups, mut out, mut at): (Vec<Group>, Vec<crate::diag::Diagnostic>, Option<usize>) =
        (Vec::new(), Vec::new(), None);
    let mut edition = None;
    for d in diagnostics {
        let Some((place, previous, name)) = refusal(&d) else {
            out.push(d);
            continue;
        };
        at.get_or_insert(out.len());
        edition = edition.or_else(|| place.iter().nth(1).map(|id| id.to_string_lossy().into_owned()));
        match groups.iter_mut().find(|(p, prev, _)| *p == place && *prev == previous) {
            Some((_, _, names)) => names.push(name),
            None => groups.push((place, previous, vec![name])),
        }
    }
    let mut summed = crate::diag::Diagnostics::default();
    for (place, previous, names) in groups {
        // Each name once, with how many times it stands (a key-figure file's nøkkeltall).
        let mut counted: Vec<(&str, usize)> = Vec::new();
        for name in &names {
            match counted.iter_mut().find(|(n, _)| n == name) {
                Some((_, times)) => *times += 1,
                None => counted.push((name, 1)),
            }
        }
        let shown: Vec<String> = counted
            .iter()
            .take(6)
            .map(|(name, times)| if *times > 1 { format!("{name} ({times})") } else { name.to_string() })
            .collect();
        let listed = match counted.len() {
            n if n > 6 => format!("{} and {} more", shown.join(", "), n - 6),
            _ => shown.join(", "),
        };
        let message = match previous {
            Some(previous) => format!(
                "{} file(s) unchanged from edition {previous}{IN_FINAL}: {listed}; update them, or confirm each that stays as it is, by name, under `[confirm] unchanged` in edition.toml",
                names.len()
            ),
            None => format!(
                "{} nøkkeltall without figures{IN_FINAL}: {listed}; fill them in, or confirm each, by name, under `[confirm] no-figures` in edition.toml",
                names.len()
            ),
        };
        summed.file_error(&place, message);
    }
    let id = edition.unwrap_or_default();
    summed.extend([crate::diag::Diagnostic::error(
        crate::diag::Origin::Data,
        format!(
            "{count} item(s) left{IN_FINAL}, summed up above: `rapport check --todo --edition {id}` lists each (`--diagnostic-format short`: one line each)"
        ),
    )]);
    let at = at.unwrap_or(out.len());
    out.splice(at..at, summed.into_vec());
    out
}

/// Whether a file unchanged from the previous edition must change before the edition is
/// final: its chapters' text, tables, charts and key figures (pictures and maps may stay).
fn must_change(name: &str) -> bool {
    let top = Path::new(name).iter().next().map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
    matches!(top.as_str(), "chapters" | "tables" | "charts" | "key-figures")
}

/// The files still identical to the previous edition's, `[confirm] unchanged` left out.
/// Files that are not the edition's to change are left out too: the maps' boundaries and
/// places (map geometry), README notes, and the files of chapters no longer in edition.toml.
fn unchanged_files(project: &Path, edition: &Edition, previous: &str) -> Vec<Left> {
    // The previous edition is read only inside data/, after resolving links.
    let Ok(before) = crate::inputs::paths::inside(&project.join("data"), &project.join("data").join(previous)) else {
        return Vec::new();
    };
    let maps = &edition.config.maps;
    let fixed: Vec<&Path> =
        maps.iter().flat_map(|m| std::iter::once(&m.boundaries).chain(&m.places)).map(Path::new).collect();
    let confirmed: Vec<&Path> = edition.config.confirm.unchanged.iter().map(Path::new).collect();
    let mut found = Vec::new();
    for file in crate::inputs::paths::files_below(&edition.dir) {
        let Ok(inside) = file.strip_prefix(&edition.dir) else { continue };
        let notes = inside.file_name().is_some_and(|n| n == "README.md");
        if inside == Path::new("edition.toml")
            || notes
            || fixed.contains(&inside)
            || confirmed.contains(&inside)
            || !in_use(edition, inside)
        {
            continue;
        }
        let read = |path: &Path| {
            let real = crate::inputs::paths::inside(project, path).ok()?;
            crate::inputs::paths::read_regular(&real, "the file", 1 << 30).ok()
        };
        let unchanged = match (read(&file), read(&before.join(inside))) {
            (Some(a), Some(b)) => a == b || same_cells(inside, &a, &b),
            _ => false,
        };
        if unchanged {
            found.push(Left {
                chapter: chapter_of(edition, inside),
                file: relative(project, &file),
                kind: LeftKind::Unchanged { name: inside.display().to_string(), previous: previous.to_string() },
            });
        }
    }
    found
}

/// Whether two versions of a table file (`.csv`, `.tsv`, `.txt`) hold the same cells, as the
/// tables read them: a table re-saved from Excel (Windows-1252 or UTF-8 with a BOM, CRLF line
/// ends, a `sep=;` first line, another separator) with the same cells is still unchanged.
/// Cells are compared trimmed, a row's trailing empty cells and blank rows left out; a file
/// that cannot be read as a table is compared by its bytes alone.
fn same_cells(inside: &Path, a: &[u8], b: &[u8]) -> bool {
    let table = inside.extension().is_some_and(|e| ["csv", "tsv", "txt"].iter().any(|t| e.eq_ignore_ascii_case(t)));
    if !table {
        return false;
    }
    let cells = |bytes: &[u8]| -> Option<Vec<Vec<String>>> {
        let text = crate::inputs::table::decode(bytes).ok()?;
        let mut problems = Diagnostics::default();
        let records = crate::inputs::table::read_records(inside, &text, &mut problems)?;
        let rows = records
            .into_iter()
            .map(|record| {
                let mut row: Vec<String> = record.fields.into_iter().map(|(f, _)| f.trim().to_string()).collect();
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                row
            })
            .collect();
        problems.is_empty().then_some(rows)
    };
    matches!((cells(a), cells(b)), (Some(a), Some(b)) if a == b)
}

/// The chapter a file of the edition belongs to, by its place (`chapters/<slug>.md`,
/// `tables/<slug>/…`, `charts/<slug>/…`, `key-figures/<slug>.csv`), or by being named in
/// the chapter's configuration.
fn chapter_of(edition: &Edition, inside: &Path) -> Option<String> {
    let named = edition
        .config
        .chapters()
        .find(|c| Path::new(&c.text) == inside || c.key_figures.as_deref().map(Path::new) == Some(inside));
    if let Some(chapter) = named {
        return Some(chapter.slug.clone());
    }
    let mut parts = inside.iter().map(|p| p.to_string_lossy());
    let (Some(folder), Some(second)) = (parts.next(), parts.next()) else { return None };
    if !matches!(folder.as_ref(), "chapters" | "tables" | "charts" | "key-figures") {
        return None;
    }
    let slug = Path::new(second.as_ref()).file_stem()?.to_string_lossy().into_owned();
    edition.config.chapters().any(|c| c.slug == slug).then_some(slug)
}

/// The chapter a file belongs to, by its path relative to the project (as diagnostics name
/// it), none when it is no chapter's or not the edition's.
pub fn chapter_of_file(project: &Path, edition: &Edition, file: &Path) -> Option<String> {
    let inside = file.strip_prefix(relative(project, &edition.dir)).ok()?;
    chapter_of(edition, inside)
}

/// Whether a file of the edition belongs to it: not to a chapter edition.toml no longer has
/// (`chapters/<slug>.md`, `tables/<slug>/…`, `charts/<slug>/…`, `key-figures/<slug>.csv`).
fn in_use(edition: &Edition, inside: &Path) -> bool {
    let mut parts = inside.iter().map(|p| p.to_string_lossy());
    let (Some(folder), Some(_)) = (parts.next(), parts.next()) else { return true };
    if !matches!(folder.as_ref(), "chapters" | "tables" | "charts" | "key-figures") {
        return true;
    }
    chapter_of(edition, inside).is_some()
}

/// The nøkkeltall without any figure, `[confirm] no-figures` left out.
fn empty_key_figures(project: &Path, edition: &Edition) -> Vec<Left> {
    let confirmed = &edition.config.confirm.no_figures;
    let mut found = Vec::new();
    for chapter in edition.content.parts.iter().flat_map(|p| &p.chapters) {
        for block in &chapter.blocks {
            let Block::KeyFigures { figures: Some(figures), .. } = block else { continue };
            let file = chapter.config.key_figures.clone();
            let shown = relative(project, &edition.dir.join(file.unwrap_or_default()));
            let indicators = figures.goals.iter().flat_map(|g| &g.subgoals).flat_map(|s| &s.indicators);
            for indicator in indicators {
                let empty = indicator.values.iter().all(|v| matches!(v, Value::Empty { .. }));
                if empty && !confirmed.iter().any(|c| c.trim() == indicator.text.trim()) {
                    found.push(Left {
                        chapter: Some(chapter.config.slug.clone()),
                        file: shown.clone(),
                        kind: LeftKind::NoFigures { indicator: indicator.text.clone() },
                    });
                }
            }
        }
    }
    found
}
