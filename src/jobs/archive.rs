//! `rapport archive`: archival PDFs with their manifest (see [`crate::outputs::archive`]), one edition
//! or every final one.

use std::path::Path;
use std::time::Instant;

use super::Progress;
use crate::build::{Target, build};
use crate::error::{Error, Result};
use crate::inputs::edition::catalog::Catalog;
use crate::outputs::archive::Archived;
use crate::typeset::session::Session;

/// Archives the session's edition into `out/archive/<id>/`, with the web edition in `web/`
/// when `web` (linking the archived PDF); a draft is refused.
pub fn archive(session: &mut Session, out: &Path, attach_data: bool, web: bool) -> Result<Archived> {
    let id = session.edition.config.id.clone();
    if session.edition.config.status != crate::inputs::edition::Status::Final {
        return Err(Error::sources(format!(
            "data/{id} is a draft (`status = \"draft\"`, or no `status`, in edition.toml) and is not archived: an archive is the finished report; set `status = \"final\"` when it is"
        )));
    }
    let dir = out.join("archive").join(&id);
    let target = Target::Archive { attach_data };
    let artifact = build(session, &target)?;
    let pdf_name = target.file_name(&session.edition.config.output);
    let mut files = vec![(pdf_name.clone(), artifact.pdf.clone())];
    if web {
        let pdf = crate::outputs::web::SitePdf {
            slug: None,
            file: pdf_name.clone(),
            bytes: artifact.pdf.clone(),
            archival: true,
        };
        let site = super::build::site(session, vec![pdf])?;
        files.extend(site.files.into_iter().map(|(path, bytes)| (format!("web/{path}"), bytes)));
    }
    let standards = artifact.standards.iter().map(|s| s.to_string()).collect();
    let manifest = crate::outputs::archive::manifest(session, &files, standards, artifact.pages)?;
    crate::outputs::archive::write(&dir, &files, &manifest)?;
    Ok(Archived { dir, manifest, warnings: artifact.warnings })
}

/// The editions `archive --all` archives: every final one; each draft is said skipped (drafts
/// are never archived). None when nothing is final yet (a first period's draft), which is no
/// error for a CI job that archives whatever is finished.
pub fn finals(progress: &mut dyn Progress, catalog: Catalog) -> Vec<String> {
    let (finals, drafts) = catalog.finals_and_drafts();
    for id in drafts {
        progress.line(&format!("skipped {id}: a draft is not archived"));
    }
    if finals.is_empty() {
        progress.line("note: no edition in data/ is final (`status = \"final\"` in edition.toml): nothing archived; drafts are not archived");
    }
    finals
}

/// Archives the session's edition into `out` (its data attached, its web edition beside it
/// when asked) and says so.
pub fn archive_one(
    progress: &mut dyn Progress,
    session: &mut Session,
    out: &Path,
    data: bool,
    web: bool,
) -> Result<()> {
    let start = Instant::now();
    let archived = archive(session, out, data, web)?;
    progress.diagnostics(&archived.warnings);
    progress.line(&format!(
        "archived {} ({}, {} pages, {} inputs) into {} in {:.2} s",
        archived.manifest.edition,
        archived.manifest.standards.join(" + "),
        archived.manifest.pages,
        archived.manifest.inputs.len(),
        crate::inputs::paths::relative(&session.project, &archived.dir).display(),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// What archiving the editions `ids` (none: the default) came to: how many were archived
/// since `start` (said), and an error naming those that failed (one edition asked for alone,
/// not `all`: its own error). A failed edition's archive is left as it was.
pub fn outcome(
    progress: &mut dyn Progress,
    ids: &[Option<String>],
    results: Vec<Result<()>>,
    all: bool,
    start: Instant,
) -> Result<()> {
    let failed = results.iter().filter(|r| r.is_err()).count();
    progress.line(&format!(
        "archived {} of {} edition(s) in {:.2} s",
        results.len() - failed,
        results.len(),
        start.elapsed().as_secs_f64()
    ));
    let names: Vec<&str> = ids
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_err())
        .map(|(id, _)| id.as_deref().unwrap_or("default"))
        .collect();
    match results.into_iter().find_map(Result::err) {
        Some(err) if failed == 1 && !all => Err(err),
        Some(err) => Err(Error::sources(format!(
            "{failed} of {} edition(s) failed to archive: {}; the first: {err}",
            ids.len(),
            names.join(", ")
        ))),
        None => Ok(()),
    }
}
