//! The one build routine: open an edition, choose what to write, compile, export and write
//! atomically. `build`, `watch`, `check` and `proof` all go through here, as the Typst CLI's
//! `compile` and `watch` share one `compile_once`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::edition::catalog::Catalog;
use crate::error::{Error, Result, usage};
use crate::paths::relative;
use crate::session::{Failure, Session, write_atomic};

/// Opens the edition `id` (default: the project's default edition) and says which it is;
/// warns of folders in `data/` that are not editions.
pub fn open(project: &Path, id: Option<&str>) -> Result<Session> {
    let catalog = Catalog::read(project)?;
    for warning in &catalog.warnings {
        eprintln!("warning: {warning}");
    }
    let id = match id {
        Some(id) => id.to_string(),
        None => catalog.default_id(project)?,
    };
    if let Some(other) = catalog.same_output(&id) {
        return Err(usage(format!(
            "data/{id}/edition.toml and data/{other}/edition.toml have the same `output`: one would overwrite the other's PDF"
        )));
    }
    let session = Session::open(project, &id)?;
    eprintln!("edition {id}: {}", session.edition.config.title);
    if !session.warnings.is_empty() {
        let _ = session.warnings.emit(&mut crate::cmd::stderr());
    }
    Ok(session)
}

/// `dir` as given on the command line, relative to the project unless absolute.
pub fn out_dir(session: &Session, dir: &Path) -> PathBuf {
    if dir.is_absolute() { dir.to_path_buf() } else { session.project.join(dir) }
}

/// Checks that `slug` names a chapter of the edition.
pub fn check_chapter(session: &Session, slug: &str) -> Result<()> {
    let mut slugs = session.edition.config.chapters().map(|c| c.slug.as_str());
    if slugs.any(|s| s == slug) {
        return Ok(());
    }
    let known: Vec<&str> = session.edition.config.chapters().map(|c| c.slug.as_str()).collect();
    Err(usage(format!("expected a chapter slug ({}), found `{slug}`", known.join(", "))))
}

/// What one build wrote.
pub struct Built {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// Typesets the report (or the chapter `scope`, a handout), exports it and writes it to
/// `out` without ever leaving a broken file. Diagnostics and warnings are printed here.
pub fn build_once(session: &mut Session, scope: Option<&str>, out: &Path) -> Result<Built> {
    let start = Instant::now();
    let kept = |err: Error| match err {
        Error::Sources(what) => Error::Sources(format!("{what}; the last good PDF (if any) is left untouched")),
        Error::Config(what) => Error::Config(format!("{what}; the last good PDF (if any) is left untouched")),
        other => other,
    };
    let compiled = session.compile(scope).map_err(|failure| kept(report_failure(session, &failure)))?;
    if !compiled.warnings.is_empty() {
        session.emit_typst(&mut crate::cmd::stderr(), &compiled.warnings);
    }
    let pdf = session.pdf(&compiled).map_err(|failure| kept(report_failure(session, &failure)))?;
    let path = session.output_path(out, scope);
    write_atomic(&path, &pdf)?;
    let built = Built { path, pages: compiled.document.pages().len(), bytes: pdf.len() };
    eprintln!(
        "wrote {} ({} pages, {:.1} KiB) in {:.2} s",
        relative(&session.project, &built.path).display(),
        built.pages,
        built.bytes as f64 / 1024.0,
        start.elapsed().as_secs_f64()
    );
    Ok(built)
}

/// Prints a failure's diagnostics and returns its summary.
pub fn report_failure(session: &Session, failure: &Failure) -> Error {
    session.emit_failure(&mut crate::cmd::stderr(), failure);
    match failure {
        Failure::Data(problems) if problems.has_config_errors() => {
            Error::Config(format!("{} problem(s) in the edition's configuration and data", problems.len()))
        }
        Failure::Data(problems) => Error::Sources(format!("{} problem(s) in the data", problems.len())),
        Failure::Typst(diagnostics) => Error::Sources(format!("{} error(s) in the layouts", diagnostics.len())),
    }
}
