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
        progress.line(&format!("add to `colophon` in edition.toml: \"{}\"", jsonstat::CREDIT));
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
    let (mut changed_numbers, mut changed_tables) = (0usize, 0usize);
    for file in files {
        let bytes = crate::inputs::paths::read_regular(file, "the JSON file", jsonstat::MAX_FILE_BYTES)?;
        let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let data = jsonstat::parse(&name, &bytes).map_err(Error::sources)?;
        let mut found = 0;
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
            let newer = jsonstat::table(&name, &data, (!regions.is_empty()).then_some(&regions[..]), &vocabulary)
                .map_err(Error::sources)?;
            let old_bytes = crate::inputs::paths::read_regular(&csv_path, "the table", jsonstat::MAX_FILE_BYTES)?;
            let old = grid(&csv_path, &old_bytes).map_err(&wrong)?;
            let new = grid(&csv_path, newer.csv.as_bytes()).map_err(&wrong)?;
            let changes = jsonstat::changes(&old, &new, &vocabulary);
            let table = shown(&csv_path);
            if changes.is_empty() {
                say(progress, lang, format!("{table}: no number changed in {name}"));
                continue;
            }
            changed_tables += 1;
            changed_numbers += changes.len();
            say(progress, lang, format!("{table}: {} number(s) changed in {name}:", changes.len()));
            for change in &changes {
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
            let inside = csv_path.strip_prefix(&edition.dir).unwrap_or(&csv_path).to_string_lossy().replace('\\', "/");
            let regions: String = record.regions.iter().map(|r| format!(" --region {r}")).collect();
            progress.line(&format!(
                "to take the newer numbers: rapport import ssb {}{regions} --out {inside} --edition {id} --force",
                file.display()
            ));
        }
        if found == 0 {
            return Err(usage(format!(
                "no table of edition {id} was imported from SSB table {} ({name}): `rapport import ssb` keeps a record beside each table it writes (`<table>.import.toml`); a table imported before it did needs importing again once",
                data.table
            )));
        }
    }
    if changed_numbers == 0 {
        progress.line("no numbers changed");
        return Ok(());
    }
    Err(Error::Changes(format!("{changed_numbers} number(s) changed in {changed_tables} table(s) imported from SSB")))
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
        return Err(usage(format!(
            "expected --chapter as a slug of lower-case letters, digits and `-` (it names the chapter's files, e.g. `okonomi`), found `{}`",
            slug.escape_debug()
        )));
    }
    Ok(())
}

/// Writes the Word document `file` as chapter `slug` of the session's edition (see
/// [`crate::inputs::docx`]): its text, its tables' CSV files and its pictures, all inside the
/// edition's folder, written aside and renamed together (existing files only with `force`);
/// says what the chapter cannot hold, and prints the lines to add to edition.toml when the
/// chapter is new.
pub fn import_docx(progress: &mut dyn Progress, session: &Session, file: &Path, slug: &str, force: bool) -> Result<()> {
    check_slug(slug)?;
    let edition = &session.edition;
    let id = &edition.config.id;
    let bytes = crate::inputs::paths::read_regular(file, "the Word document", docx::MAX_FILE_BYTES)?;
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let chapter = docx::read(&name, &bytes, slug).map_err(Error::sources)?;

    let listed = edition.config.chapters().find(|c| c.slug == slug);
    let text_file = listed.map_or_else(|| format!("chapters/{slug}.md"), |c| c.text.clone());
    let mut files: Vec<(&str, &[u8])> = vec![(text_file.as_str(), chapter.text.as_bytes())];
    files.extend(chapter.tables.iter().map(|(f, csv)| (f.as_str(), csv.as_bytes())));
    files.extend(chapter.pictures.iter().map(|(f, bytes)| (f.as_str(), bytes.as_slice())));
    let shown = |p: &Path| crate::inputs::paths::relative(&session.project, p).display().to_string();
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
    let writes: Vec<(&Path, &[u8])> = paths.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    crate::outputs::files::write_all_atomic(&writes)
        .map_err(|err| usage(format!("cannot write {}: {err:#}", shown(&paths[0].0))))?;
    progress.line(&format!(
        "wrote {} ({} table(s), {} picture(s)) from {name}",
        shown(&paths[0].0),
        chapter.tables.len(),
        chapter.pictures.len()
    ));
    if !chapter.reported.is_empty() {
        progress.line(&format!(
            "{} things in {name} the chapter cannot hold as Word has them; check them:",
            chapter.reported.len()
        ));
        for (what, text) in &chapter.reported {
            progress.line(&format!("  {what}: «{text}»"));
        }
    }
    if !chapter.pictures.is_empty() {
        progress
            .line("the photos have no alt text yet: write `alt` (what the picture shows) in each `::: photo` block");
    }
    if listed.is_none() {
        progress
            .line(&format!("chapter `{slug}` is not in edition {id} yet: add it to a part of data/{id}/edition.toml:"));
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
