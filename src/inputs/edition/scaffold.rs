//! `rapport new-edition`: the next edition, started from an existing one. Everything is
//! copied but the corrections (they belong to the old edition's transcription); the years
//! roll forward by the edition's span; key-figure columns roll with their values emptied;
//! printed start pages are dropped; `previous` records where it came from, so that `check`
//! lists what is left to fill; the old edition's `[confirm]` is left out (what it kept on
//! purpose is to be looked at again); and it is a draft (`status = "draft"`) until it is
//! finished.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use toml_edit::{DocumentMut, Item, Table, Value};

use super::config::is_file_name;
use super::config::load_config;
use crate::inputs::paths::relative;

/// What was made.
pub struct Scaffold {
    /// How many years the edition moved forward.
    pub shift: i32,
    /// Files copied.
    pub files: usize,
    /// The new edition's years.
    pub years: Vec<i32>,
    /// Key-figure workbooks, copied as they are (their figures and years are last period's:
    /// `check` refuses their old years until they are updated in the spreadsheet).
    pub workbooks: Vec<PathBuf>,
    /// Workbooks no chapter, key-figure box or edition.toml names, left in the old edition
    /// (a colleague's drafts beside the tables are not the next period's data), by their path
    /// inside it.
    pub left_out: Vec<PathBuf>,
}

/// The largest file new-edition copies, in bytes.
const MAX_COPY_BYTES: u64 = 1 << 30;

/// Makes `data/<id>` from `data/<from>`. The new edition's period is the one its id names
/// (`2025-2028`), or `period` (`--period 2025-2028`); an id of no year at all (`neste`) takes
/// the period after `from`'s. An id that names years but no period (`2030`) is refused: the
/// period is never guessed.
pub fn new_edition(project: &Path, id: &str, from: &str, period_asked: Option<&str>) -> anyhow::Result<Scaffold> {
    if !is_file_name(id) {
        bail!("expected a new edition id of letters, digits, `-`, `_` or `.`, found `{}`", id.escape_debug());
    }
    let (source, config) = load_config(project, from)?;
    let target = project.join("data").join(id);
    if target.exists() {
        bail!("data/{id} exists already; choose a new id or remove it");
    }
    let Some(span) = period(&config.years)? else {
        bail!("data/{from}/edition.toml has no `years` to roll forward");
    };
    let shift = shift_to(id, from, &config, span, period_asked)?;
    let years = rolled(&config.years, shift)?;
    // Made whole beside data/ and renamed into place: a refusal leaves no half edition.
    let fresh = tempfile::Builder::new()
        .prefix(&format!(".{id}.new-"))
        .tempdir_in(project.join("data"))
        .context("cannot create a temporary folder in data/")?;
    let (done, target) = (target, fresh.path().to_path_buf());
    let mut files = 0;
    let (mut workbooks, mut left_out) = (Vec::new(), Vec::new());
    // What the chapters and edition.toml name: a workbook is copied only if one of them names
    // it (a block's `file`, a key-figure file; anywhere in the text, so a block the parser
    // would refuse still keeps its workbook).
    let mut naming = vec![fs::read_to_string(source.join("edition.toml")).unwrap_or_default()];
    for chapter in config.chapters() {
        let path = source.join(&chapter.text);
        let text = crate::inputs::paths::read_regular(&path, "the chapter", MAX_COPY_BYTES).unwrap_or_default();
        naming.push(String::from_utf8_lossy(&text).into_owned());
    }
    let named = |inside: &Path| {
        let name = inside.to_string_lossy().replace('\\', "/");
        naming.iter().any(|text| text.contains(&name))
    };
    for file in crate::inputs::paths::files_below(&source) {
        let inside = file.strip_prefix(&source).context("a file of the edition")?;
        if inside.starts_with("corrections") || inside == Path::new("edition.toml") {
            continue;
        }
        if crate::inputs::paths::is_workbook(&inside.to_string_lossy()) && !named(inside) {
            left_out.push(inside.to_path_buf());
            continue;
        }
        let shown = relative(project, &file);
        // A link is copied as the file it names, and only if that lies inside the edition.
        let real = crate::inputs::paths::inside(&source, &file)
            .map_err(|err| anyhow::anyhow!("cannot copy {}: {err}", shown.display()))?;
        let bytes = crate::inputs::paths::read_regular(&real, "the file", MAX_COPY_BYTES)?;
        let to = target.join(inside);
        fs::create_dir_all(to.parent().unwrap_or(&target))?;
        let is_key_figures = config.chapters().any(|c| c.key_figures.as_deref().map(Path::new) == Some(inside));
        if is_key_figures && crate::inputs::paths::is_workbook(&inside.to_string_lossy()) {
            // A spreadsheet is not rewritten: its figures are emptied in the spreadsheet.
            fs::write(&to, bytes).with_context(|| format!("cannot copy {}", shown.display()))?;
            workbooks.push(Path::new("data").join(id).join(inside));
        } else if is_key_figures {
            let text = String::from_utf8(bytes).with_context(|| format!("cannot read {}", shown.display()))?;
            fs::write(&to, roll_key_figures(&text, &config.years, shift))?;
        } else {
            fs::write(&to, bytes).with_context(|| format!("cannot copy {}", shown.display()))?;
        }
        files += 1;
    }
    let toml = fs::read_to_string(source.join("edition.toml"))?;
    let rolled = roll_edition_toml(&toml, &NewEdition { id, from }, &config.years, shift, &taken(project, id))?;
    fs::write(target.join("edition.toml"), rolled)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&target, fs::Permissions::from_mode(0o755)).ok();
    }
    fs::rename(&target, &done).with_context(|| format!("cannot move the new edition to data/{id}"))?;
    let _ = fresh.keep();
    left_out.sort();
    Ok(Scaffold { shift, files, years, workbooks, left_out })
}

/// How far an edition of `years` moves forward: its whole period, from the first year to the
/// last and one step of its cadence beyond (the smallest gap between two of its years). Years
/// 2020–2023 move 4; years measured every other year, 2020 and 2022, move 4 too (to 2024 and
/// 2026), so the new years neither overlap the old period nor lose their cadence. `None`
/// without years; an error for years too far apart to count.
fn period(years: &[i32]) -> anyhow::Result<Option<i32>> {
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else { return Ok(None) };
    // Of two years too far apart, the one farther from the years a report names is at fault.
    let farther = |a: i32, b: i32| beyond(if a.unsigned_abs() > b.unsigned_abs() { a } else { b });
    let gaps = years.windows(2).map(|w| w[1].checked_sub(w[0]).ok_or_else(|| farther(w[0], w[1])));
    let step = gaps.collect::<anyhow::Result<Vec<i32>>>()?.into_iter().filter(|gap| *gap > 0).min().unwrap_or(1);
    let span = last.checked_sub(first).and_then(|years| years.checked_add(step)).ok_or_else(|| farther(first, last))?;
    Ok(Some(span))
}

/// The refusal of a year that rolled forward would pass what a year can be.
fn beyond(year: i32) -> anyhow::Error {
    anyhow::anyhow!(
        "cannot roll the year {year} of `years` forward: it is beyond the years a report can name; correct `years` in edition.toml"
    )
}

/// `years` moved `shift` forward; an error naming the first year that cannot move so far,
/// counting the year before the first and after the last (a title names the period around
/// its years), so every year [`roll_years`] rolls can be rolled.
fn rolled(years: &[i32], shift: i32) -> anyhow::Result<Vec<i32>> {
    let (first, last) = (years.first().copied().unwrap_or(0), years.last().copied().unwrap_or(0));
    for year in [first.checked_sub(1).ok_or_else(|| beyond(first))?, last.checked_add(1).ok_or_else(|| beyond(last))?] {
        year.checked_add(shift).ok_or_else(|| beyond(if year < first { first } else { last }))?;
    }
    years.iter().map(|year| year.checked_add(shift).ok_or_else(|| beyond(*year))).collect()
}

/// The years a text names: each run of exactly four digits from 1900 to 2199.
fn years_named(text: &str) -> Vec<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4)
        .filter_map(|digits| digits.parse::<i32>().ok())
        .filter(|year| (1900..2200).contains(year))
        .collect()
}

/// The period a text names: two years, the first before the last (`2024-2027`, `2024–2027`,
/// `asker-2024-2027`); `None` for anything else (one year, three, or none).
fn period_named(text: &str) -> Option<(i32, i32)> {
    match years_named(text)[..] {
        [first, last] if first < last => Some((first, last)),
        _ => None,
    }
}

/// How far the new edition's years move from `from`'s: to the period its id names (or
/// `--period` names), by the same relation as `from`'s period (named in its id or title, else
/// the first to the last of its years) to its years (`2020-2023` has years 2019–2022, so
/// `2025-2028` gets 2024–2027); by `from`'s span when the id names no year.
fn shift_to(
    id: &str,
    from: &str,
    config: &super::config::EditionConfig,
    span: i32,
    period_asked: Option<&str>,
) -> anyhow::Result<i32> {
    let show = |(first, last): (i32, i32)| format!("{first}-{last}");
    let asked = match period_asked {
        Some(text) => match period_named(text) {
            Some(period) => Some(period),
            None => bail!("expected `--period` as two years, the first before the last (`2024-2027`), found `{text}`"),
        },
        None => None,
    };
    let named = period_named(id);
    if let (Some(asked), Some(named)) = (asked, named)
        && asked != named
    {
        bail!(
            "expected one period, found two: the id `{id}` names {} and `--period` {}; give the same period, or an id without years",
            show(named),
            show(asked)
        );
    }
    let Some(wanted) = asked.or(named) else {
        if years_named(id).is_empty() {
            return Ok(span);
        }
        // `2030`: a year, but which period? Never guessed.
        let next = period_named(from)
            .or_else(|| period_named(&config.title))
            .and_then(|(a, b)| Some((a.checked_add(span)?, b.checked_add(span)?)));
        let example = next.map_or_else(|| "2028-2031".to_string(), show);
        bail!(
            "expected the new edition's period in its id (`{example}`) or with `--period {example}`, found the id `{id}`, which names no period: the years of the new edition are never guessed"
        );
    };
    // `from`'s period: the one its id or title names, else the span of its years.
    let old = match period_named(from).or_else(|| period_named(&config.title)) {
        Some(old) => old,
        None => match (config.years.first(), config.years.last()) {
            (Some(first), Some(last)) => (*first, *last),
            _ => bail!("data/{from}/edition.toml has no `years` to roll forward"),
        },
    };
    let length = old.1.checked_sub(old.0).and_then(|n| n.checked_add(1)).ok_or_else(|| beyond(old.1))?;
    if wanted.1 - wanted.0 + 1 != length {
        bail!(
            "expected a period of {} years as {from}'s ({}), found {}: the key figures' year columns would not match",
            length,
            show(old),
            show(wanted)
        );
    }
    if wanted == old {
        bail!("expected a period other than {from}'s own ({}), found {}", show(old), show(wanted));
    }
    wanted.0.checked_sub(old.0).ok_or_else(|| beyond(old.0))
}

/// Adds `shift` to every year in `text` that is one of `years` or within the edition's span
/// around them (titles name the report's period: `2020–2023` for years 2019–2022).
fn roll_years(text: &str, years: &[i32], shift: i32) -> String {
    // Checked by [`rolled`] before: every year from `lo` to `hi` moves `shift` forward.
    let (lo, hi) =
        (years.first().copied().unwrap_or(0).saturating_sub(1), years.last().copied().unwrap_or(0).saturating_add(1));
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let digits: String = rest[start..].chars().take_while(char::is_ascii_digit).collect();
        let year = digits.parse::<i32>().ok().filter(|y| digits.len() == 4 && (lo..=hi).contains(y));
        match year {
            Some(y) => out.push_str(&(y + shift).to_string()),
            None => out.push_str(&digits),
        }
        rest = &rest[start + digits.len()..];
    }
    out.push_str(rest);
    out
}

/// The edition file with the new id, rolled years in the title, output, date and `years`, no
/// printed start pages, `previous`, `status = "draft"`, no `[confirm]`, and a title and output
/// no other edition has (`taken`). Edited as a TOML document: every comment, the keys' order
/// and each value's layout stay as the designer wrote them; only the values changed are new.
fn roll_edition_toml(
    toml: &str,
    new: &NewEdition,
    years: &[i32],
    shift: i32,
    taken: &[String],
) -> anyhow::Result<String> {
    let mut doc: DocumentMut = toml.parse().context("cannot read edition.toml as TOML")?;
    let root = doc.as_table_mut();
    // The old edition's confirmations are not the new one's: what it kept on purpose is to be
    // looked at again. Printed start pages are the old edition's pages.
    for key in ["confirm", "previous"] {
        root.remove(key);
    }
    drop_key(root, "expected-page");
    let roll = |value: &Value| -> anyhow::Result<Value> {
        let written = value.clone().decorated("", "").to_string();
        let rolled = roll_years(&written, years, shift);
        rolled.parse::<Value>().with_context(|| format!("cannot roll the years of `{written}` in edition.toml"))
    };
    for key in ["title", "subtitle", "date", "years", "output"] {
        let Some(value) = root.get_mut(key).and_then(Item::as_value_mut) else { continue };
        let mut rolled = roll(value)?;
        // The new PDF's name: rolled years, or the new id added, never the old name.
        if key == "output"
            && let (Some(old), Some(now)) = (value.as_str(), rolled.as_str())
            && old == now
        {
            rolled = Value::from(format!("{}-{old}", new.id));
        }
        // A title or output another edition has gets the new id: two editions with one output
        // make every command fail.
        if let Some(now) = rolled.as_str().filter(|now| taken.iter().any(|t| t == now)) {
            rolled =
                Value::from(if key == "title" { format!("{now} ({})", new.id) } else { format!("{now}-{}", new.id) });
        }
        set(value, rolled);
    }
    match root.get_mut("id").and_then(Item::as_value_mut) {
        Some(value) => set(value, Value::from(new.id)),
        None => {
            root.insert("id", toml_edit::value(new.id));
        }
    }
    let had_status = match root.get_mut("status").and_then(Item::as_value_mut) {
        Some(value) => {
            set(value, Value::from("draft"));
            true
        }
        None => {
            root.insert("status", toml_edit::value("draft"));
            false
        }
    };
    root.insert("previous", toml_edit::value(new.from));
    // `previous` and a new `status` stand under `id`, where a reader looks for them.
    let order: Vec<String> = root.iter().map(|(key, _)| key.to_string()).collect();
    let at = |key: &str| order.iter().position(|k| k == key).unwrap_or(order.len());
    let rank = |key: &str| match key {
        "previous" => (at("id"), 1),
        "status" if !had_status => (at("id"), 2),
        other => (at(other), 0),
    };
    root.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    Ok(doc.to_string())
}

/// The new edition's id and the edition it is made from.
struct NewEdition<'a> {
    id: &'a str,
    from: &'a str,
}

/// `value` replaced by `new`, with the spaces and comment around it kept.
fn set(value: &mut Value, new: Value) {
    let decor = value.decor().clone();
    *value = new;
    *value.decor_mut() = decor;
}

/// Every `key` removed from `table` and the tables below it.
fn drop_key(table: &mut Table, key: &str) {
    table.remove(key);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(inner) => drop_key(inner, key),
            Item::ArrayOfTables(tables) => tables.iter_mut().for_each(|inner| drop_key(inner, key)),
            _ => {}
        }
    }
}

/// The titles and outputs of the editions in `data/` other than `id`.
fn taken(project: &Path, id: &str) -> Vec<String> {
    let Ok(entries) = fs::read_dir(project.join("data")) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| name != id)
        .filter_map(|name| load_config(project, &name).ok())
        .flat_map(|(_, c)| [c.title, c.output])
        .collect()
}

/// The key-figure file with its year columns rolled and their values emptied.
fn roll_key_figures(text: &str, years: &[i32], shift: i32) -> String {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("");
    let sep = if header.contains('\t') { '\t' } else { ';' };
    let fixed = header.split(sep).take_while(|cell| cell.parse::<i32>().is_err()).count();
    let mut out = vec![roll_years(header, years, shift)];
    for line in lines {
        let cells: Vec<&str> = line.split(sep).collect();
        let kept: Vec<&str> = cells.iter().take(fixed).copied().chain(cells.iter().skip(fixed).map(|_| "")).collect();
        out.push(kept.join(&sep.to_string()));
    }
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    // A title or output another edition has gets the new id, so the project still builds.
    #[test]
    fn title_and_output_never_repeat_another_edition() {
        let toml = "id = \"2024\"\ntitle = \"4-årsrapport 2023–2026\"\noutput = \"rapport-2023-2026\"\n[[parts]]\ntitle = \"x\"\n";
        let taken = ["4-årsrapport 2024–2027".to_string(), "rapport-2024-2027".to_string()];
        let (new, years) = (NewEdition { id: "2025", from: "2024" }, [2022, 2023, 2024, 2025]);
        let unique = roll_edition_toml(toml, &new, &years, 1, &taken).unwrap();
        assert!(unique.contains("title = \"4-årsrapport 2024–2027 (2025)\""), "{unique}");
        assert!(
            unique.contains("output = \"rapport-2024-2027-2025\"") && unique.contains("[[parts]]\ntitle = \"x\""),
            "{unique}"
        );
        let free = roll_edition_toml(toml, &new, &years, 1, &[]).unwrap();
        assert!(free.contains("title = \"4-årsrapport 2024–2027\"\n"), "{free}");
    }

    // The period is read from a range of two years in the id, nothing else.
    #[test]
    fn a_period_is_two_years_in_order() {
        assert_eq!(period_named("2025-2028"), Some((2025, 2028)));
        assert_eq!(period_named("asker-2025–2028"), Some((2025, 2028)));
        assert_eq!(period_named("2030"), None);
        assert_eq!(period_named("2028-2025"), None);
        assert_eq!(period_named("mini3"), None);
        assert!(years_named("mini3").is_empty() && years_named("2030") == [2030]);
    }

    #[test]
    fn years_roll_forward() {
        let years = [2019, 2020, 2021, 2022];
        assert_eq!(roll_years("title = \"4-årsrapport 2020–2023\"", &years, 4), "title = \"4-årsrapport 2024–2027\"");
        assert_eq!(roll_years("date = 2023-06-01", &years, 4), "date = 2027-06-01");
        assert_eq!(roll_years("years = [2019, 2020, 2021, 2022]", &years, 4), "years = [2023, 2024, 2025, 2026]");
        assert_eq!(roll_years("E18 og 1384 Asker, 2009", &years, 4), "E18 og 1384 Asker, 2009");
        let kf = roll_key_figures("level;text;target;2019;2020\nindicator;X;> 10 %;1 %;2 %\n", &years, 4);
        assert_eq!(kf, "level;text;target;2023;2024\nindicator;X;> 10 %;;\n");
    }
}
