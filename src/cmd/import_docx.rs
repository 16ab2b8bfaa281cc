//! `rapport import docx FILE.docx --chapter SLUG`: a Word chapter written as the chapter
//! dialect (see [`crate::inputs::docx`]) with its tables' CSV files and its pictures, all
//! inside the edition's folder, written aside and renamed together; what the chapter cannot
//! hold is listed, and the lines to add to edition.toml printed when the chapter is new.

use std::path::{Path, PathBuf};

use super::import_ssb::in_edition_folder;
use super::{Log, say};
use crate::cli::ImportDocxArgs;
use crate::error::{Error, Result, usage};
use crate::inputs::docx;

pub fn run(log: &mut Log, project: &Path, args: &ImportDocxArgs) -> Result<()> {
    let slug = args.chapter.as_str();
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
    let session = log.open_quietly(project, args.edition.edition.as_deref())?;
    let edition = &session.edition;
    let id = &edition.config.id;
    let bytes = crate::paths::read_regular(&args.file, "the Word document", docx::MAX_FILE_BYTES)?;
    let name =
        args.file.file_name().map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let chapter = docx::read(&name, &bytes, slug).map_err(Error::sources)?;

    let listed = edition.config.chapters().find(|c| c.slug == slug);
    let text_file = listed.map_or_else(|| format!("chapters/{slug}.md"), |c| c.text.clone());
    let mut files: Vec<(&str, &[u8])> = vec![(text_file.as_str(), chapter.text.as_bytes())];
    files.extend(chapter.tables.iter().map(|(f, csv)| (f.as_str(), csv.as_bytes())));
    files.extend(chapter.pictures.iter().map(|(f, bytes)| (f.as_str(), bytes.as_slice())));
    let shown = |p: &Path| crate::paths::relative(project, p).display().to_string();
    // Every file is checked before any folder is made or anything written.
    for (file, _) in &files {
        let path = edition.dir.join(file);
        if (path.exists() || path.is_symlink()) && !args.force {
            return Err(usage(format!(
                "{} exists: pass --force to overwrite it (and the chapter's other files)",
                shown(&path)
            )));
        }
    }
    let mut paths: Vec<(PathBuf, &[u8])> = Vec::with_capacity(files.len());
    for (file, bytes) in &files {
        let refused =
            || usage(format!("expected the chapter's files inside the edition's folder (data/{id}/), found {file}"));
        paths.push((in_edition_folder(&edition.dir, Path::new(file), refused)?, bytes));
    }
    let writes: Vec<(&Path, &[u8])> = paths.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    crate::files::write_all_atomic(&writes)
        .map_err(|err| usage(format!("cannot write {}: {err:#}", shown(&paths[0].0))))?;
    log.line(format_args!(
        "wrote {} ({} table(s), {} picture(s)) from {name}",
        shown(&paths[0].0),
        chapter.tables.len(),
        chapter.pictures.len()
    ));
    if !chapter.reported.is_empty() {
        log.line(format_args!(
            "{} things in {name} the chapter cannot hold as Word has them; check them:",
            chapter.reported.len()
        ));
        for (what, text) in &chapter.reported {
            log.line(format_args!("  {what}: «{text}»"));
        }
    }
    if !chapter.pictures.is_empty() {
        log.line("the photos have no alt text yet: write `alt` (what the picture shows) in each `::: photo` block");
    }
    if listed.is_none() {
        log.line(format_args!(
            "chapter `{slug}` is not in edition {id} yet: add it to a part of data/{id}/edition.toml:"
        ));
        // No title in the document: an empty one, which `rapport check` lists as left to do
        // (the slug would print as the chapter's title in silence).
        let title = chapter.title.as_deref().unwrap_or("");
        let quote = |t: &str| toml::Value::String(t.to_string()).to_string();
        say(format_args!(
            "[[parts.chapters]]\nslug = {}\ntitle = {}\ngoals = []\ntext = {}",
            quote(slug),
            quote(title),
            quote(&text_file)
        ));
    }
    Ok(())
}
