//! The editions in `data/`: which are valid, which is the default, and which folders are
//! not editions (a warning each, never a reason to stop the others).
//!
//! The default edition is named in `data/default` (a file holding an edition id) or else is
//! the newest (by `date`) of the valid editions whose `status` is `final` and that are
//! finished (a final edition with items left is passed over, and said to be, while an older
//! final edition is there to fall back on; of all of them while none is final). Two editions
//! may not write the same PDF.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};

use crate::diag::{Diagnostic, Origin};

use super::config::is_file_name;
use super::config::{EditionConfig, Status, load_config};

/// The editions of a project.
pub struct Catalog {
    /// Valid editions, by id.
    pub editions: Vec<(String, EditionConfig)>,
    /// Folders in `data/` that are not valid editions, each with why.
    pub warnings: Vec<Diagnostic>,
}

impl Catalog {
    /// The ids of the final editions and of the drafts, each in the catalog's order (what
    /// `check --all` checks and `archive --all` archives, and what both skip).
    pub fn finals_and_drafts(self) -> (Vec<String>, Vec<String>) {
        let (finals, drafts): (Vec<_>, Vec<_>) =
            self.editions.into_iter().partition(|(_, c)| c.status == Status::Final);
        (finals.into_iter().map(|(id, _)| id).collect(), drafts.into_iter().map(|(id, _)| id).collect())
    }

    /// Reads every folder of `data/`.
    pub fn read(project: &Path) -> anyhow::Result<Catalog> {
        let data = project.join("data");
        let mut names: Vec<String> = fs::read_dir(&data)
            .with_context(|| format!("cannot list the editions in {}", data.display()))?
            .filter_map(Result::ok)
            .filter(|entry| entry.path().is_dir())
            .filter_map(|entry| entry.file_name().to_str().map(String::from))
            .collect();
        names.sort();
        let mut catalog = Catalog { editions: Vec::new(), warnings: Vec::new() };
        for name in names {
            if !data.join(&name).join("edition.toml").is_file() {
                catalog.warn(format!("data/{name} has no edition.toml; it is not an edition and is skipped"));
                continue;
            }
            if !is_file_name(&name) {
                catalog.warn(format!(
                    "data/{name}: an edition's folder name must be letters, digits, `-`, `_` or `.`; skipped"
                ));
                continue;
            }
            match load_config(project, &name) {
                Ok((_, config)) => catalog.editions.push((name, config)),
                Err(err) => catalog.warn(format!("{err:#}; this edition is skipped")),
            }
        }
        Ok(catalog)
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(Diagnostic::warning(Origin::Data, message));
    }

    /// The default edition: the one `data/default` names, else the newest final one by `date`
    /// that is finished (`left(id)`, the items a final edition still lacks, is 0), else the
    /// newest final one all the same while no other final edition is left to fall back on (a
    /// draft is the default only while no edition is final). A final edition passed over for
    /// not being finished is named, with how many items it lacks, for the commands to say.
    pub fn default_edition(&self, project: &Path, left: impl Fn(&str) -> usize) -> anyhow::Result<DefaultEdition> {
        if let Some(id) = read_default(project)? {
            if !is_file_name(&id) {
                bail!("data/default: expected an edition id (letters, digits, `-`, `_` or `.`), found other text");
            }
            if !self.editions.iter().any(|(e, _)| *e == id) {
                bail!("data/default names the edition `{id}`, but there is no valid edition of that name in data/");
            }
            return Ok(DefaultEdition { id, named: true, passed_over: Vec::new() });
        }
        // A final edition before any draft, then the newest.
        let mut order: Vec<&(String, EditionConfig)> = self.editions.iter().collect();
        order.sort_by_key(|(id, config)| {
            std::cmp::Reverse((config.status == Status::Final, config.date.to_string(), id.clone()))
        });
        let mut passed_over = Vec::new();
        for (n, (id, config)) in order.iter().enumerate() {
            let another_final = order[n + 1..].iter().any(|(_, c)| c.status == Status::Final);
            if config.status == Status::Final && another_final {
                let items = left(id);
                if items > 0 {
                    passed_over.push((id.clone(), items));
                    continue;
                }
            }
            return Ok(DefaultEdition { id: id.clone(), named: false, passed_over });
        }
        bail!("no edition found: expected a folder data/<id>/ with an edition.toml")
    }

    /// The default edition when it is so because it was marked final: no `data/default`
    /// names one, and the default is a final edition that follows another edition in data/
    /// (its `previous`), which was the default before. Said by `check`, `build` and `list`.
    pub fn default_by_status(&self, default: &DefaultEdition) -> Option<String> {
        if default.named {
            return None;
        }
        let (_, config) = self.editions.iter().find(|(e, _)| *e == default.id)?;
        let previous = config.previous.as_deref()?;
        let follows = self.editions.iter().any(|(e, _)| e == previous);
        (config.status == Status::Final && follows).then(|| default.id.clone())
    }

    /// The editions older than `id` in the editions' own order ([`period`]), the nearest
    /// first: `2024-2027`, then `2020-2023`, then an `arkiv` folder of 2016–2019, for
    /// `2028-2031`. Folder names are never compared, so a folder named oddly is placed by its
    /// period. An edition of the same period as `id` is neither older nor newer.
    pub fn older_than(&self, id: &str) -> Vec<String> {
        let Some((_, own)) = self.editions.iter().find(|(e, _)| e == id) else { return Vec::new() };
        let own = period(id, own);
        let mut older: Vec<(Period, &String)> = self
            .editions
            .iter()
            .map(|(e, config)| (period(e, config), e))
            .filter(|(p, e)| *e != id && is_older(p, &own))
            .collect();
        older.sort_by(|a, b| b.0.cmp(&a.0));
        older.into_iter().map(|(_, e)| e.clone()).collect()
    }

    /// Another edition that writes the same PDF as `id`, if any.
    pub fn same_output(&self, id: &str) -> Option<&str> {
        let (_, mine) = self.editions.iter().find(|(e, _)| e == id)?;
        self.editions.iter().find(|(e, c)| e != id && c.output == mine.output).map(|(e, _)| e.as_str())
    }
}

/// The default edition, and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultEdition {
    pub id: String,
    /// Whether `data/default` names it.
    pub named: bool,
    /// Newer final editions passed over because they are not finished: each id with the
    /// number of items it still lacks.
    pub passed_over: Vec<(String, usize)>,
}

impl DefaultEdition {
    /// A warning for each final edition passed over, saying which edition is the default
    /// instead and where to see what is left.
    pub fn passed_over_warnings(&self) -> Vec<Diagnostic> {
        self.passed_over
            .iter()
            .map(|(skipped, _)| {
                Diagnostic::warning(
                    Origin::Data,
                    format!(
                        "data/{skipped} is marked `status = \"final\"` but is not finished, so it is not the default edition: {} is, until it is finished; `rapport check --todo --edition {skipped}` lists what is left",
                        self.id
                    ),
                )
            })
            .collect()
    }
}

/// Where an edition stands in time: the years it covers (`years`: the last, then the first),
/// then the years its id names (`2024-2027`: 2027, then 2024), then its `date`. An edition
/// lacking one of them is placed by the next.
type Period = (Option<(i32, i32)>, Option<(i32, i32)>, String);

/// Whether `a` is older than `b`: decided by the first of their years, their ids' years and
/// their dates that both have and that differ (an id without years decides nothing).
fn is_older(a: &Period, b: &Period) -> bool {
    let both = |x: Option<(i32, i32)>, y: Option<(i32, i32)>| Some(x?.cmp(&y?));
    let decided = [both(a.0, b.0), both(a.1, b.1), Some(a.2.cmp(&b.2))].into_iter().flatten().find(|o| o.is_ne());
    decided == Some(std::cmp::Ordering::Less)
}

/// The [`Period`] of the edition `id`.
fn period(id: &str, config: &EditionConfig) -> Period {
    let span = |years: &[i32]| Some((*years.iter().max()?, *years.iter().min()?));
    (span(&config.years), span(&years_in(id)), config.date.to_string())
}

/// The years an edition id names: each run of four digits (`2024-2027`: 2024 and 2027;
/// `arkiv` none).
fn years_in(id: &str) -> Vec<i32> {
    id.split(|c: char| !c.is_ascii_digit()).filter(|run| run.len() == 4).filter_map(|run| run.parse().ok()).collect()
}

/// The most bytes `data/default` may hold: an edition id, never a file to read whole.
pub const MAX_DEFAULT_BYTES: u64 = 1024;

/// The edition id `data/default` holds, if there is such a file: read through the one
/// resolver (a link that leads out of `data/` is refused, its target never read) and only if
/// it is a regular file of at most [`MAX_DEFAULT_BYTES`].
fn read_default(project: &Path) -> anyhow::Result<Option<String>> {
    let data = project.join("data");
    let named = data.join("default");
    if fs::symlink_metadata(&named).is_err() {
        return Ok(None);
    }
    let path = crate::inputs::paths::inside(&data, &named).map_err(|err| match err {
        crate::inputs::paths::PathError::Io(err) => anyhow::anyhow!("cannot read data/default: {err}"),
        _ => anyhow::anyhow!("data/default: expected a file inside data/, found a link that leads out of it"),
    })?;
    let bytes = crate::inputs::paths::read_regular(&path, "the default edition's file", MAX_DEFAULT_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("data/default: expected an edition id in UTF-8, found bytes that are not"))?;
    Ok(Some(text.trim().to_string()))
}

/// `id` when data/ has a folder of that name; else an error listing the editions, the
/// closest to `id` first (a mistyped `--edition 2024-2028` is told `2024-2027`).
pub fn known_id(project: &Path, catalog: &Catalog, id: &str) -> anyhow::Result<String> {
    let ids: Vec<&str> = catalog.editions.iter().map(|(e, _)| e.as_str()).collect();
    if !is_file_name(id) {
        // `2024–2027` typed (or pasted from the report) with an en dash: the folder has a hyphen.
        let hyphens: String =
            id.chars().map(|c| if matches!(c, '–' | '—' | '‒' | '−' | '‐' | '‑') { '-' } else { c }).collect();
        if hyphens != id && ids.contains(&hyphens.as_str()) {
            bail!(
                "no edition `{id}` in data/: an edition id is written with a hyphen (`-`), not a dash (`–`): did you mean `{hyphens}`? The editions: {}",
                ids.join(", ")
            );
        }
        if !ids.is_empty() {
            bail!(
                "expected an edition id, the name of a folder in data/ (letters, digits, `-`, `_` and `.`), found `{}`; the editions: {}",
                id.escape_debug(),
                ids.join(", ")
            );
        }
        return Ok(id.to_string());
    }
    if project.join("data").join(id).is_dir() {
        return Ok(id.to_string());
    }
    if ids.is_empty() {
        bail!(
            "no edition `{id}` in data/, and no edition there at all: expected a folder data/<id>/ with an edition.toml"
        );
    }
    match closest(id, &ids) {
        Some(near) => bail!("no edition `{id}` in data/: did you mean `{near}`? The editions: {}", ids.join(", ")),
        None => bail!("no edition `{id}` in data/; the editions: {}", ids.join(", ")),
    }
}

/// The word of `known` closest to `typed` by edit distance, if one is close enough to be a
/// typing mistake (at most a third of its letters differ).
pub fn closest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    known
        .iter()
        .map(|k| (distance(&typed, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The Levenshtein distance between two words, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalog of editions, each `(id, years, date)`.
    fn catalog(editions: &[(&str, &[i32], &str)]) -> Catalog {
        let editions = editions
            .iter()
            .map(|(id, years, date)| {
                let toml = format!(
                    "id = \"{id}\"\ntitle = \"T\"\nmunicipality = \"M\"\noutput = \"{id}\"\ndate = {date}\nlanguage = \"nb\"\nyears = {years:?}\nparts = []\n"
                );
                (id.to_string(), toml::from_str(&toml).expect("an edition.toml"))
            })
            .collect();
        Catalog { editions, warnings: Vec::new() }
    }

    // Editions are ordered by the years they cover, then their ids' years, then their dates,
    // never by folder name: `arkiv` (2016–2019) is older than `2028-2031`, a draft of the next
    // period is newer whatever its folder is called, and a folder copied by hand without rolling
    // its years is placed by its id.
    #[test]
    fn older_editions_follow_their_periods() {
        let editions = catalog(&[
            ("2028-2031", &[2027, 2028, 2029, 2030], "2031-06-01"),
            ("0-neste", &[2031, 2032, 2033, 2034], "2035-06-01"),
            ("2024-2027", &[2023, 2024, 2025, 2026], "2027-06-01"),
            ("arkiv", &[2015, 2016, 2017, 2018], "2019-06-01"),
            ("2032-2035", &[2027, 2028, 2029, 2030], "2031-06-01"),
            ("kopi", &[2023, 2024, 2025, 2026], "2027-06-01"),
        ]);
        assert_eq!(editions.older_than("2028-2031"), ["2024-2027", "kopi", "arkiv"]);
        assert_eq!(editions.older_than("0-neste"), ["2032-2035", "2028-2031", "2024-2027", "kopi", "arkiv"]);
        assert_eq!(editions.older_than("arkiv"), Vec::<String>::new());
        // The same years and date, and no years in one id: neither is older.
        assert_eq!(editions.older_than("kopi"), ["arkiv"]);
        assert_eq!(editions.older_than("2024-2027"), ["arkiv"]);
    }

    // A typing mistake finds its word; a word far from all finds none.
    #[test]
    fn the_closest_word_is_a_typing_mistake_away() {
        assert_eq!(closest("okonmi", &["klima", "okonomi", "samarbeid"]), Some("okonomi"));
        assert_eq!(closest("2024-2028", &["2020-2023", "2024-2027"]), Some("2024-2027"));
        assert_eq!(closest("budsjett", &["klima", "okonomi"]), None);
    }
}
