//! `rapport import`: a Statistics Norway table (JSON-stat 2.0) or a Word chapter written
//! into the edition's folder, with what to paste or add printed.

use std::path::{Component, Path, PathBuf};

use super::Progress;
use crate::error::{Error, Result, usage};
use crate::inputs::docx;
use crate::inputs::jsonstat::{self, Region};
use crate::lang::{Lang, translate};
use crate::typeset::session::Session;

/// Writes the Statistics Norway table `file` (JSON-stat 2.0; its `regions` only, when given)
/// as a table CSV of the session's edition (see [`crate::inputs::jsonstat`]), at `out` in
/// its folder (`tables/ssb-<table>.csv` by default; an existing file only with `force`), with
/// the JSON and its checksum beside it, and prints the `::: table` block to paste.
pub fn import_ssb(
    progress: &mut dyn Progress,
    session: &Session,
    file: &Path,
    regions: &[Region],
    out: Option<&PathBuf>,
    force: bool,
    add: bool,
) -> Result<()> {
    let edition = &session.edition;
    let bytes = crate::inputs::paths::read_regular(file, "the JSON file", jsonstat::MAX_FILE_BYTES)?;
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let data = jsonstat::parse(&name, &bytes).map_err(Error::sources)?;
    let regions = (!regions.is_empty()).then_some(regions);
    let table = jsonstat::table(&name, &data, regions, &edition.config.vocabulary()).map_err(Error::sources)?;

    let relative = match out {
        Some(out) => out.clone(),
        None => PathBuf::from(format!("tables/ssb-{}.csv", data.table)),
    };
    let csv_path = inside_edition(&edition.dir, &relative, &edition.config.id)?;
    // A table typed by hand is never overwritten by an import unless asked.
    if (csv_path.exists() || csv_path.is_symlink()) && !force {
        return Err(usage(format!("{} exists: pass --force to overwrite it", relative.display())));
    }
    // The JSON is kept beside the CSV with its checksum, which names it: the checksum always
    // names a file that is there (`sha256sum -c` checks it). Another file of that name is
    // never overwritten unless asked.
    let json_path = csv_path.with_file_name(&name);
    let other_json = std::fs::symlink_metadata(&json_path).is_ok()
        && crate::inputs::paths::read_regular(&json_path, "the JSON file", jsonstat::MAX_FILE_BYTES).ok().as_deref()
            != Some(&bytes[..]);
    if other_json && !force {
        let kept = relative.with_file_name(&name);
        return Err(usage(format!(
            "{} exists and differs from the JSON imported: pass --force to overwrite it",
            kept.display()
        )));
    }
    let sidecar = csv_path.with_file_name(format!("{name}.sha256"));
    let checksum = jsonstat::checksum_line(&bytes, &name);
    // How the table was made, so `check --ssb` imports a newer file the same way.
    let record_path = jsonstat::record_path(&csv_path);
    let csv_name = csv_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let record = jsonstat::Record {
        table: data.table.clone(),
        csv: csv_name,
        json: name.clone(),
        json_sha256: jsonstat::sha256_hex(&bytes),
        regions: regions.unwrap_or_default().iter().map(Region::text).collect(),
    }
    .to_toml();
    crate::outputs::files::write_all_atomic(&[
        (&csv_path, table.csv.as_bytes()),
        (&json_path, &bytes[..]),
        (&sidecar, checksum.as_bytes()),
        (&record_path, record.as_bytes()),
    ])
    .map_err(|err| usage(format!("cannot write {}: {err:#}", relative.display())))?;
    let shown = |p: &Path| crate::inputs::paths::relative(&session.project, p).display().to_string();
    progress.line(&format!(
        "wrote {} ({} rows, {} columns of years), {} (the JSON, kept), {} (its SHA-256) and {} (how it was imported, for `check --ssb`)",
        shown(&csv_path),
        table.rows,
        table.columns,
        shown(&json_path),
        shown(&sidecar),
        shown(&record_path)
    ));
    // A table without a single number is nearly always the wrong region or years.
    if table.numbers == 0 {
        progress.line(&format!(
            "warning: {} has no figures: every cell is a status word (SSB has no numbers there); check the region and the years asked for",
            shown(&csv_path)
        ));
    }
    progress.line("paste into the chapter:");
    progress.say(&table.block(&relative.to_string_lossy().replace('\\', "/")));
    // SSB's licence asks for the credit; the colophon gives the report's credits.
    if !jsonstat::credited(&edition.config.colophon) {
        if add {
            let toml = edition.dir.join("edition.toml");
            add_credit(&toml)?;
            progress.line(&format!("added to `colophon` in {}: \"{}\"", shown(&toml), jsonstat::CREDIT));
        } else {
            progress.line(&format!(
                "add to `colophon` in edition.toml: \"{}\" (or import with --add to have it added)",
                jsonstat::CREDIT
            ));
        }
    }
    Ok(())
}

/// `rapport check --ssb NEWER.json …`: for each newer JSON-stat file, finds the edition's
/// tables imported from the same SSB table (by the records `import ssb` keeps beside them),
/// imports the newer file in memory as each was imported (its regions, the edition's units and
/// status words), and says every number that changed: table, row, column, old → new. Writes
/// nothing. Changes found are [`Error::Changes`] (exit code 3, as `rapport diff`'s).
pub fn compare_ssb(progress: &mut dyn Progress, session: &Session, files: &[PathBuf], lang: Lang) -> Result<()> {
    let edition = &session.edition;
    let id = &edition.config.id;
    let vocabulary = edition.config.vocabulary();
    let shown = |p: &Path| crate::inputs::paths::relative(&session.project, p).display().to_string();
    // The records of the edition's imports; one that cannot be read is an error only where its
    // table is asked for (said then), so another table's record never stops the check.
    let mut records: Vec<(PathBuf, std::result::Result<jsonstat::Record, String>)> = Vec::new();
    for path in crate::inputs::paths::files_below(&edition.dir) {
        if !path.file_name().is_some_and(|n| n.to_string_lossy().ends_with(jsonstat::RECORD_ENDING)) {
            continue;
        }
        let read = crate::inputs::paths::read_regular(&path, "the import's record", 1 << 20)
            .map_err(|err| format!("{err:#}"))
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "expected UTF-8 text".to_string()))
            .and_then(|text| toml::from_str::<jsonstat::Record>(&text).map_err(|err| toml_error(&text, &err)));
        records.push((path, read));
    }
    // The tables the chapters cite from SSB (`source = "SSB 07984"`), by file: those typed by
    // hand are compared where their rows and columns match the newer file's by name.
    let mut cited: Vec<(String, String, usize)> = Vec::new();
    for chapter in edition.content.parts.iter().flat_map(|p| &p.chapters) {
        for block in &chapter.blocks {
            let (file, source, header_rows) = match block {
                crate::inputs::text::Block::Table { spec, .. } => (&spec.file, &spec.source, spec.header_rows),
                crate::inputs::text::Block::Chart { spec, .. } => match &spec.file {
                    Some(file) => (file, &spec.source, 1),
                    None => continue,
                },
                _ => continue,
            };
            if !cited.iter().any(|(f, ..)| f == file) {
                cited.push((file.clone(), source.clone(), header_rows));
            }
        }
    }
    let (mut changed_numbers, mut changed_tables, mut by_hand_changed) = (0usize, 0usize, 0usize);
    let mut not_compared: Vec<String> = Vec::new();
    for file in files {
        let bytes = crate::inputs::paths::read_regular(file, "the JSON file", jsonstat::MAX_FILE_BYTES)?;
        let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let data = jsonstat::parse(&name, &bytes).map_err(Error::sources)?;
        let mut found = 0;
        let mut imported: Vec<PathBuf> = Vec::new();
        for (path, record) in &records {
            let record = match record {
                Ok(record) if record.table == data.table => record,
                Ok(_) => continue,
                Err(err) => {
                    // Its table is unknown: it may be the one asked for.
                    progress.line(&format!("note: {} cannot be read, so it is not compared: {err}", shown(path)));
                    continue;
                }
            };
            found += 1;
            let wrong = |what: String| usage(format!("{}: {what}", shown(path)));
            let regions = record.regions().map_err(|err| wrong(format!("regions: {err}")))?;
            if record.csv.contains(['/', '\\']) || !record.csv.ends_with(".csv") {
                return Err(wrong(format!(
                    "csv: expected the CSV's file name beside the record, found `{}`",
                    record.csv
                )));
            }
            let csv_path = path.with_file_name(&record.csv);
            imported.push(csv_path.clone());
            let table = shown(&csv_path);
            let inside = csv_path.strip_prefix(&edition.dir).unwrap_or(&csv_path).to_string_lossy().replace('\\', "/");
            let newer = jsonstat::table(&name, &data, (!regions.is_empty()).then_some(&regions[..]), &vocabulary)
                .map_err(|err| {
                    // The command that imports it again, the region left for the reader to choose.
                    let again = if regions.is_empty() {
                        format!(
                            "rapport import ssb {} --region CODE --out {inside} --edition {id} --force",
                            file.display()
                        )
                    } else {
                        let given: String = record.regions.iter().map(|r| format!(" --region {r}")).collect();
                        format!("rapport import ssb {}{given} --out {inside} --edition {id} --force", file.display())
                    };
                    Error::sources(format!(
                        "{table} cannot be compared with {name}: {err}; then import it again: {again}"
                    ))
                })?;
            let old_bytes = crate::inputs::paths::read_regular(&csv_path, "the table", jsonstat::MAX_FILE_BYTES)?;
            let old = grid(&csv_path, &old_bytes).map_err(&wrong)?;
            let new = grid(&csv_path, newer.csv.as_bytes()).map_err(&wrong)?;
            let changes = jsonstat::changes(&old, &new, &vocabulary);
            if changes.is_empty() {
                say(progress, lang, format!("{table}: no number changed in {name}"));
                continue;
            }
            changed_tables += 1;
            changed_numbers += changes.len();
            say(progress, lang, format!("{table}: {} number(s) changed in {name}:", changes.len()));
            say_changes(progress, lang, &changes);
            let regions: String = record.regions.iter().map(|r| format!(" --region {r}")).collect();
            progress.line(&format!(
                "to take the newer numbers: rapport import ssb {}{regions} --out {inside} --edition {id} --force",
                file.display()
            ));
        }
        // The tables typed by hand that cite the same SSB table.
        let mut by_hand = 0;
        for (cited_file, source, header_rows) in &cited {
            if !jsonstat::cites(source, &data.table) {
                continue;
            }
            let path = edition.dir.join(cited_file);
            let same = |p: &PathBuf| {
                p == &path || (p.canonicalize().ok().is_some_and(|p| path.canonicalize().ok() == Some(p)))
            };
            if imported.iter().any(same) {
                continue;
            }
            by_hand += 1;
            let table = shown(&path);
            let plainly = |why: &str| {
                format!(
                    "{table} is typed by hand from SSB table {} ({why}): compare it yourself, or import it again with `rapport import ssb {} --edition {id}` and use the imported table in its place",
                    data.table,
                    file.display()
                )
            };
            let hand = match cited_file.ends_with(".csv") && *header_rows == 1 {
                false => None,
                true => crate::inputs::paths::read_regular(&path, "the table", jsonstat::MAX_FILE_BYTES)
                    .ok()
                    .and_then(|bytes| grid(&path, &bytes).ok()),
            };
            let Some(hand) = hand else {
                let why = "not a CSV table of one header row, so not compared";
                progress.line(&format!("warning: {}", plainly(why)));
                not_compared.push(table);
                continue;
            };
            // The newer file read each way that may give the hand-typed table's rows: all its
            // regions, or each region alone; a way fits where it has figures in the matched
            // cells. Only one fitting way (or several that give the same cells) is compared.
            let codes = jsonstat::region_codes(&data);
            let mut ways: Vec<(Option<String>, jsonstat::HandMatch)> = Vec::new();
            let mut tries: Vec<Option<String>> = vec![None];
            if codes.len() > 1 {
                tries.extend(codes.iter().cloned().map(Some));
            }
            for code in tries {
                let region = code.clone().map(|c| vec![Region::One(c)]);
                let Ok(newer) = jsonstat::table(&name, &data, region.as_deref(), &vocabulary) else { continue };
                let Ok(new) = grid(&path, newer.csv.as_bytes()) else { continue };
                if let Some(found) = jsonstat::match_hand(&hand, &new, &vocabulary).filter(|m| m.figures > 0)
                    && !ways.iter().any(|(_, w)| w.new == found.new)
                {
                    ways.push((code, found));
                }
            }
            let [(code, matched)] = &ways[..] else {
                let why = if ways.is_empty() {
                    "its rows and columns do not match the newer file's by name".to_string()
                } else {
                    let codes: Vec<String> = ways.iter().map(|(c, _)| c.clone().unwrap_or_default()).collect();
                    format!("it matches more than one region of the newer file: {}", codes.join(", "))
                };
                progress.line(&format!("warning: {}", plainly(&why)));
                not_compared.push(table);
                continue;
            };
            let region = code.as_ref().map(|c| format!(" (region {c})")).unwrap_or_default();
            let changes = jsonstat::changes(&matched.old, &matched.new, &vocabulary);
            if changes.is_empty() {
                say(progress, lang, format!("{table} (typed by hand): no number changed in {name}{region}"));
            } else {
                changed_tables += 1;
                by_hand_changed += 1;
                changed_numbers += changes.len();
                say(
                    progress,
                    lang,
                    format!("{table} (typed by hand): {} number(s) changed in {name}{region}:", changes.len()),
                );
                say_changes(progress, lang, &changes);
                progress.line(&format!("to take the newer numbers: correct them in {table} by hand"));
            }
            for row in &matched.rows_left {
                progress.line(&format!("  not compared: the row «{row}» of {table} is not in {name}"));
            }
            for column in &matched.columns_left {
                progress.line(&format!("  not compared: the column «{column}» of {table} is not in {name}"));
            }
            if !matched.columns_new.is_empty() {
                progress.line(&format!(
                    "  {name} also has {}, not in {table}",
                    matched.columns_new.iter().map(|c| format!("«{c}»")).collect::<Vec<_>>().join(", ")
                ));
            }
        }
        if found == 0 && by_hand == 0 {
            return Err(usage(format!(
                "no table of edition {id} was imported from SSB table {} ({name}) or cites it in its source: `rapport import ssb` keeps a record beside each table it writes (`<table>.import.toml`); a table imported before it did needs importing again once",
                data.table
            )));
        }
    }
    if !not_compared.is_empty() {
        progress.line(&format!(
            "warning: {} table(s) typed by hand could not be compared: {}",
            not_compared.len(),
            not_compared.join(", ")
        ));
    }
    if changed_numbers == 0 {
        progress.line("no numbers changed");
        return Ok(());
    }
    if by_hand_changed > 0 {
        return Err(Error::Changes(format!(
            "{changed_numbers} number(s) changed in {changed_tables} table(s) from SSB ({by_hand_changed} typed by hand)"
        )));
    }
    Err(Error::Changes(format!("{changed_numbers} number(s) changed in {changed_tables} table(s) imported from SSB")))
}

/// Each changed number on a line of its own: row, column, old → new.
fn say_changes(progress: &mut dyn Progress, lang: Lang, changes: &[jsonstat::Change]) {
    for change in changes {
        let cell = |text: &Option<String>, missing: &str| match text {
            Some(t) if t.is_empty() => translate(lang, "(empty)"),
            Some(t) => t.clone(),
            None => translate(lang, missing),
        };
        say(
            progress,
            lang,
            format!(
                "  row «{}», column «{}»: {} → {}",
                change.row,
                change.column,
                cell(&change.old, "(not in the table)"),
                cell(&change.new, "(not in the newer file)")
            ),
        );
    }
}

/// A line on standard output, in `lang`.
fn say(progress: &mut dyn Progress, lang: Lang, text: String) {
    progress.say(&translate(lang, &text));
}

/// A TOML error with its line and column, from the error's byte offset.
fn toml_error(text: &str, err: &toml::de::Error) -> String {
    let message = err.message();
    match err.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

/// A table's cells as the tables read them (Windows-1252, a BOM, `sep=;`, CRLF all read).
fn grid(path: &Path, bytes: &[u8]) -> std::result::Result<Vec<Vec<String>>, String> {
    let text = crate::inputs::table::decode(bytes)?;
    let mut problems = crate::diag::Diagnostics::default();
    let records = crate::inputs::table::read_records(path, &text, &mut problems)
        .filter(|_| problems.is_empty())
        .ok_or_else(|| "expected a readable CSV table".to_string())?;
    Ok(records.into_iter().map(|r| r.fields.into_iter().map(|(f, _)| f).collect()).collect())
}

/// Checks `--chapter`: a slug of lower-case letters, digits and `-` (it names the chapter's
/// files).
pub fn check_slug(slug: &str) -> Result<()> {
    let valid = !slug.is_empty()
        && slug.len() <= 64
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && slug != "index";
    if !valid {
        // A title typed where the short name goes («Kultur og fritid») gets its short name.
        let near = slug_of(slug);
        let hint = match near.as_deref() {
            Some(near) if near != slug => format!("; did you mean `--chapter {near}`?"),
            _ => String::new(),
        };
        return Err(usage(format!(
            "expected --chapter as a short name of lower-case letters, digits and `-` (it names the chapter's files and is its `slug` in edition.toml, e.g. `okonomi`), found `{}`{hint}",
            slug.escape_debug()
        )));
    }
    Ok(())
}

/// A title as a chapter's short name: lower case, æ ø å as ae o a, other marks dropped, words
/// joined by `-` (`Kultur og fritid` → `kultur-og-fritid`); `None` when nothing is left.
fn slug_of(title: &str) -> Option<String> {
    let mut out = String::new();
    for c in title.trim().to_lowercase().chars() {
        let plain = match c {
            'æ' => "ae".to_string(),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => "o".to_string(),
            'å' | 'ä' | 'á' | 'à' | 'â' => "a".to_string(),
            'é' | 'è' | 'ê' | 'ë' => "e".to_string(),
            'ü' | 'ú' => "u".to_string(),
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => c.to_string(),
            _ => "-".to_string(),
        };
        out.push_str(&plain);
    }
    let words: Vec<&str> = out.split('-').filter(|w| !w.is_empty()).collect();
    let slug = words.join("-");
    let slug: String = slug.chars().take(64).collect();
    let slug = slug.trim_end_matches('-').to_string();
    (!slug.is_empty() && slug != "index").then_some(slug)
}

/// Writes the Word document `file` as chapter `slug` of the session's edition (see
/// [`crate::inputs::docx`]): its text, its tables' CSV files and its pictures, all inside the
/// edition's folder, written aside and renamed together (existing files only with `force`);
/// says what the chapter cannot hold, and prints the lines to add to edition.toml when the
/// chapter is new.
pub fn import_docx(
    progress: &mut dyn Progress,
    session: &Session,
    file: &Path,
    slug: &str,
    force: bool,
    add: Option<Option<&str>>,
) -> Result<()> {
    check_slug(slug)?;
    let edition = &session.edition;
    let id = &edition.config.id;
    let bytes = crate::inputs::paths::read_regular(file, "the Word document", docx::MAX_FILE_BYTES)?;
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let chapter = docx::read(&name, &bytes, slug).map_err(Error::sources)?;

    let listed = edition.config.chapters().find(|c| c.slug == slug);
    // --add adds a new chapter only: one listed already is never listed twice.
    if let (Some(_), Some(chapter)) = (add, listed) {
        return Err(usage(format!(
            "chapter `{slug}` («{}») is already in data/{id}/edition.toml: nothing is added; leave out --add (and pass --force to replace its text)",
            chapter.title
        )));
    }
    let text_file = listed.map_or_else(|| format!("chapters/{slug}.md"), |c| c.text.clone());
    let mut files: Vec<(&str, &[u8])> = vec![(text_file.as_str(), chapter.text.as_bytes())];
    files.extend(chapter.tables.iter().map(|(f, csv)| (f.as_str(), csv.as_bytes())));
    files.extend(chapter.pictures.iter().map(|(f, bytes)| (f.as_str(), bytes.as_slice())));
    let shown = |p: &Path| crate::inputs::paths::relative(&session.project, p).display().to_string();
    // The part to add a new chapter to is found before anything is written.
    if let (None, Some(part)) = (listed, add) {
        let toml = edition.dir.join("edition.toml");
        part_at(&edition_toml(&toml)?, &toml, part)?;
    }
    // Every file is checked before any folder is made or anything written.
    for (file, _) in &files {
        let path = edition.dir.join(file);
        if (path.exists() || path.is_symlink()) && !force {
            // The chapter's own text is named by its title: --force replaces all of it.
            return Err(usage(match listed.filter(|c| c.text == *file) {
                Some(c) => format!(
                    "{} is the text of the chapter «{}» of this edition: choose another --chapter for a new chapter, or pass --force to replace all its text with the Word document",
                    shown(&path),
                    c.title
                ),
                None => {
                    format!("{} exists: pass --force to overwrite it (and the chapter's other files)", shown(&path))
                }
            }));
        }
    }
    let mut paths: Vec<(PathBuf, &[u8])> = Vec::with_capacity(files.len());
    for (file, bytes) in &files {
        let refused =
            || usage(format!("expected the chapter's files inside the edition's folder (data/{id}/), found {file}"));
        paths.push((in_edition_folder(&edition.dir, Path::new(file), refused)?, bytes));
    }
    // Every file replaced is kept beside it (`okonomi.md.forrige`, then `-2`, `-3` …: an
    // earlier copy is never overwritten), written with the new files: nothing is lost.
    let mut copies: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (path, _) in &paths {
        if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let old = std::fs::read(path).map_err(|err| usage(format!("cannot keep a copy of {}: {err}", shown(path))))?;
        let base = path.as_os_str().to_string_lossy().into_owned();
        let copy = (1..10_000)
            .map(|n| PathBuf::from(if n == 1 { format!("{base}.forrige") } else { format!("{base}.forrige-{n}") }))
            .find(|p| std::fs::symlink_metadata(p).is_err())
            .ok_or_else(|| usage(format!("cannot keep a copy of {}: too many copies beside it", shown(path))))?;
        copies.push((copy, old));
    }
    // The chapter's text first, if it was there.
    let old_text = copies.first().filter(|_| paths[0].0.is_file()).map(|(_, old)| old.clone());
    let kept = old_text.as_ref().and_then(|_| copies.first().map(|(copy, _)| copy.clone()));
    let mut writes: Vec<(&Path, &[u8])> = paths.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    writes.extend(copies.iter().map(|(p, b)| (p.as_path(), b.as_slice())));
    crate::outputs::files::write_all_atomic(&writes)
        .map_err(|err| usage(format!("cannot write {}: {err:#}", shown(&paths[0].0))))?;
    progress.line(&format!(
        "wrote {} ({} table(s), {} picture(s)) from {name}",
        shown(&paths[0].0),
        chapter.tables.len(),
        chapter.pictures.len()
    ));
    let other_copies: Vec<String> =
        copies.iter().skip(usize::from(kept.is_some())).map(|(copy, _)| shown(copy)).collect();
    if !other_copies.is_empty() {
        progress.line(&format!("the files replaced are kept beside them: {}", other_copies.join(", ")));
    }
    if let (Some(kept), Some(old)) = (&kept, &old_text) {
        progress.line(&format!("the old text is kept in {} (nothing of it is lost)", shown(kept)));
        // edition.toml still titles the chapter as before; the old text's tables and
        // pictures stay on disk, no longer printed.
        if let Some(listed) = listed {
            match chapter.title.as_deref().filter(|t| t.trim() != listed.title.trim()) {
                Some(new) => progress.line(&format!(
                    "warning: the chapter's title in data/{id}/edition.toml is still «{}», the Word document's is «{new}»: change `title` there if it is to change",
                    listed.title
                )),
                None if chapter.title.is_none() => progress.line(&format!(
                    "note: the chapter's title in data/{id}/edition.toml is still «{}»: check that it fits the new text",
                    listed.title
                )),
                None => {}
            }
        }
        let new_files: Vec<&str> = files.iter().map(|(f, _)| *f).collect();
        let unused: Vec<String> = files_named(&String::from_utf8_lossy(old))
            .into_iter()
            .filter(|f| !new_files.contains(&f.as_str()) && edition.dir.join(f).is_file())
            .collect();
        if !unused.is_empty() {
            progress.line(&format!(
                "warning: the old text used files the new one does not: {} (they are left in data/{id}/, no longer printed; name them in the new text where they belong)",
                unused.join(", ")
            ));
        }
    }
    if !chapter.reported.is_empty() {
        progress.line(&format!(
            "{} things in {name} the chapter cannot hold as Word has them; check them:",
            chapter.reported.len()
        ));
        for (what, text) in &chapter.reported {
            progress.line(&format!("  {what}: «{text}»"));
        }
    }
    // A table's title taken from the paragraph before it is said; a table without one is
    // asked for at its line (a final edition's build stops at it).
    for (n, file, title) in &chapter.titled {
        progress.line(&format!(
            "note: «{title}» (the paragraph before table {n}) taken as its title, in {file}'s `::: table` block: check it"
        ));
    }
    for (n, file) in &chapter.untitled {
        let wanted = format!("file = {}", toml::Value::String(file.clone()));
        let line = chapter.text.lines().position(|l| l == wanted).map_or(1, |at| at + 1);
        progress.line(&format!(
            "warning: table {n} ({file}) has no title: write `title = \"…\"` in its `::: table` block, {} line {line}, before you build",
            shown(&paths[0].0)
        ));
    }
    if chapter.with_alt > 0 {
        progress.line(&format!(
            "{} picture(s) have Word's alt text as their `alt`: read it once, as a reader who cannot see the picture would",
            chapter.with_alt
        ));
    }
    for picture in &chapter.without_alt {
        let picture =
            picture.as_deref().map_or_else(|| "a picture (a placeholder)".to_string(), |p| format!("the picture {p}"));
        progress.line(&format!(
            "warning: {picture} has no alt text in Word: write `alt` (what the picture shows) in its `::: photo` block, or give it alt text in Word (right-click the picture: Edit Alt Text) and import again"
        ));
    }
    if let (None, Some(part)) = (listed, add) {
        let toml = edition.dir.join("edition.toml");
        let title = chapter.title.as_deref().unwrap_or("");
        let part = add_chapter(&toml, part, slug, title, &text_file)?;
        progress.line(&format!("added chapter `{slug}` to the part «{part}» in {}", shown(&toml)));
    } else if listed.is_none() {
        progress.line(&format!(
            "chapter `{slug}` is not in edition {id} yet: add it to a part of data/{id}/edition.toml (or import with --add to have it added to the last part):"
        ));
        // No title in the document: an empty one, which `rapport check` lists as left to do
        // (the slug would print as the chapter's title in silence).
        let title = chapter.title.as_deref().unwrap_or("");
        let quote = |t: &str| toml::Value::String(t.to_string()).to_string();
        progress.say(&format!(
            "[[parts.chapters]]\nslug = {}\ntitle = {}\ngoals = []\ntext = {}",
            quote(slug),
            quote(title),
            quote(&text_file)
        ));
    }
    Ok(())
}

/// The files a chapter's text names in its blocks (`file = "tables/okonomi/drift.csv"`), in
/// order, each once.
fn files_named(text: &str) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        if key.trim() != "file" {
            continue;
        }
        let Ok(table) = toml::from_str::<toml::Table>(&format!("file = {}", value.trim())) else { continue };
        if let Some(file) = table.get("file").and_then(toml::Value::as_str)
            && !files.iter().any(|f| f == file)
        {
            files.push(file.to_string());
        }
    }
    files
}

/// Reads edition.toml for an edit that keeps its comments and order.
fn edition_toml(path: &Path) -> Result<toml_edit::DocumentMut> {
    let text = std::fs::read_to_string(path).map_err(|err| usage(format!("cannot read {}: {err}", path.display())))?;
    text.parse::<toml_edit::DocumentMut>().map_err(|err| usage(format!("cannot read {}: {err}", path.display())))
}

/// Writes the edited edition.toml aside and renames it into place, once it reads back.
fn write_edition_toml(path: &Path, doc: &toml_edit::DocumentMut) -> Result<()> {
    let text = doc.to_string();
    if let Err(err) = toml::from_str::<toml::Table>(&text) {
        return Err(usage(format!("cannot write {}: the edit would not read back: {err}", path.display())));
    }
    crate::outputs::files::write_all_atomic(&[(path, text.as_bytes())])
        .map_err(|err| usage(format!("cannot write {}: {err:#}", path.display())))
}

/// Adds SSB's credit to `colophon` in edition.toml (`path`).
fn add_credit(path: &Path) -> Result<()> {
    let mut doc = edition_toml(path)?;
    match doc.get_mut("colophon") {
        Some(item) => match item.as_array_mut() {
            Some(lines) => {
                // A list written one line to each element gets the credit on a line of its own,
                // indented as the last one (never after the last on its line).
                let prefix = lines
                    .iter()
                    .last()
                    .and_then(|v| v.decor().prefix())
                    .and_then(toml_edit::RawString::as_str)
                    .filter(|p| p.contains('\n'))
                    .map(str::to_string);
                // Without a trailing comma, the line break before `]` is the last one's suffix.
                let count = lines.len();
                let suffix = match count.checked_sub(1).and_then(|at| lines.get_mut(at)) {
                    Some(last) => {
                        let suffix =
                            last.decor().suffix().and_then(toml_edit::RawString::as_str).unwrap_or("").to_string();
                        if prefix.is_some() {
                            last.decor_mut().set_suffix("");
                        }
                        suffix
                    }
                    None => String::new(),
                };
                lines.push(jsonstat::CREDIT);
                if let Some(prefix) = prefix
                    && let Some(last) = lines.get_mut(count)
                {
                    last.decor_mut().set_prefix(prefix);
                    last.decor_mut().set_suffix(suffix);
                }
            }
            None => {
                return Err(usage(format!(
                    "{}: `colophon`: expected a list of lines, found another kind of value",
                    path.display()
                )));
            }
        },
        None => {
            let mut lines = toml_edit::Array::new();
            lines.push(jsonstat::CREDIT);
            doc.insert("colophon", toml_edit::value(lines));
        }
    }
    write_edition_toml(path, &doc)
}

/// The place of the part titled `part` (case aside; default the last) in edition.toml's
/// `[[parts]]`.
fn part_at(doc: &toml_edit::DocumentMut, path: &Path, part: Option<&str>) -> Result<usize> {
    let no_parts =
        || usage(format!("{}: expected a part (`[[parts]]`) to add the chapter to, found none", path.display()));
    let parts = doc.get("parts").and_then(toml_edit::Item::as_array_of_tables).ok_or_else(no_parts)?;
    let titles: Vec<String> = parts
        .iter()
        .map(|t| t.get("title").and_then(toml_edit::Item::as_str).unwrap_or_default().to_string())
        .collect();
    match part {
        None => titles.len().checked_sub(1).ok_or_else(no_parts),
        Some(wanted) => {
            titles.iter().position(|t| t.trim().to_lowercase() == wanted.trim().to_lowercase()).ok_or_else(|| {
                let list: Vec<String> = titles.iter().map(|t| format!("«{t}»")).collect();
                usage(format!(
                    "expected --part as the title of a part of {} ({}), found «{wanted}»",
                    path.display(),
                    list.join(", ")
                ))
            })
        }
    }
}

/// Adds the chapter `slug` to the part titled `part` (case aside; default the last) in
/// edition.toml (`path`), after its chapters; returns the part's title.
fn add_chapter(path: &Path, part: Option<&str>, slug: &str, title: &str, text_file: &str) -> Result<String> {
    let mut doc = edition_toml(path)?;
    let at = part_at(&doc, path, part)?;
    let no_parts =
        || usage(format!("{}: expected a part (`[[parts]]`) to add the chapter to, found none", path.display()));
    let parts = doc.get_mut("parts").and_then(toml_edit::Item::as_array_of_tables_mut).ok_or_else(no_parts)?;
    let part = parts.get_mut(at).ok_or_else(no_parts)?;
    let part_title = part.get("title").and_then(toml_edit::Item::as_str).unwrap_or_default().to_string();
    let mut chapter = toml_edit::Table::new();
    chapter.insert("slug", toml_edit::value(slug));
    chapter.insert("title", toml_edit::value(title));
    chapter.insert("goals", toml_edit::value(toml_edit::Array::new()));
    chapter.insert("text", toml_edit::value(text_file));
    match part.get_mut("chapters") {
        Some(item) => match item.as_array_of_tables_mut() {
            Some(chapters) => chapters.push(chapter),
            None => {
                return Err(usage(format!(
                    "{}: `chapters` of the part «{part_title}»: expected `[[parts.chapters]]` tables, found another kind of value",
                    path.display()
                )));
            }
        },
        None => {
            let mut chapters = toml_edit::ArrayOfTables::new();
            chapters.push(chapter);
            part.insert("chapters", toml_edit::Item::ArrayOfTables(chapters));
        }
    }
    write_edition_toml(path, &doc)?;
    Ok(part_title)
}

/// `out` (relative to the edition's folder) as a path inside it: relative, no `..`, a `.csv`
/// file, its folder (made if missing) not leading out through a link.
fn inside_edition(edition_dir: &Path, out: &Path, id: &str) -> Result<PathBuf> {
    let refused = || {
        usage(format!("expected --out as a CSV file inside the edition's folder (data/{id}/), found {}", out.display()))
    };
    if out.extension().is_none_or(|e| e != "csv") {
        return Err(refused());
    }
    in_edition_folder(edition_dir, out, refused)
}

/// `relative` as a path inside the edition's folder: no root, no `..`, its folder (made if
/// missing) not leading out through a link, the file itself no link; else `refused()`.
fn in_edition_folder(edition_dir: &Path, relative: &Path, refused: impl Fn() -> Error) -> Result<PathBuf> {
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(refused());
    }
    let path = edition_dir.join(relative);
    let dir = path.parent().ok_or_else(&refused)?;
    std::fs::create_dir_all(dir).map_err(|err| usage(format!("cannot create {}: {err}", dir.display())))?;
    let real_dir = dir.canonicalize().map_err(|err| usage(format!("cannot create {}: {err}", dir.display())))?;
    let real_edition =
        edition_dir.canonicalize().map_err(|err| usage(format!("cannot read {}: {err}", edition_dir.display())))?;
    if !real_dir.starts_with(&real_edition) || path.is_symlink() {
        return Err(refused());
    }
    Ok(real_dir.join(path.file_name().ok_or_else(&refused)?))
}
