//! `rapport build`: typesets the edition and writes the PDF (and chapter handouts).

use std::path::Path;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::{OK, SOURCE_ERRORS, USAGE_ERRORS, edition_id, fail, stderr};
use crate::session::{Session, write_atomic};

pub fn run(project: &Path, args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let session = edition_id(project, &args.edition).and_then(|id| Session::open(project, &id));
    let mut session = match session {
        Ok(session) => session,
        Err(err) => return fail(&err),
    };
    let out_dir = if args.out.is_absolute() { args.out.clone() } else { session.project.join(&args.out) };

    let mut scopes: Vec<Option<String>> = Vec::new();
    match &args.chapter {
        Some(slug) => {
            if !session.edition.model.parts.iter().flat_map(|p| &p.chapters).any(|c| &c.slug == slug) {
                let known: Vec<_> =
                    session.edition.model.parts.iter().flat_map(|p| &p.chapters).map(|c| c.slug.as_str()).collect();
                eprintln!("error: expected a chapter slug ({}), found `{slug}`", known.join(", "));
                return USAGE_ERRORS;
            }
            scopes.push(Some(slug.clone()));
        }
        None => {
            scopes.push(None);
            if args.handouts {
                scopes
                    .extend(session.edition.model.parts.iter().flat_map(|p| &p.chapters).map(|c| Some(c.slug.clone())));
            }
        }
    }

    for scope in scopes {
        let compiled = match session.compile(scope.as_deref()) {
            Ok(compiled) => compiled,
            Err(failure) => {
                session.emit_failure(&mut stderr(), &failure);
                eprintln!("error: the build failed; the last good PDF (if any) is left untouched");
                return SOURCE_ERRORS;
            }
        };
        if !compiled.warnings.is_empty() {
            session.emit_typst(&mut stderr(), &compiled.warnings);
        }
        let pdf = match session.pdf(&compiled) {
            Ok(pdf) => pdf,
            Err(failure) => {
                session.emit_failure(&mut stderr(), &failure);
                return SOURCE_ERRORS;
            }
        };
        let path = session.output_path(&out_dir, scope.as_deref());
        if let Err(err) = write_atomic(&path, &pdf) {
            return fail(&err);
        }
        eprintln!(
            "wrote {} ({} pages, {:.1} KiB)",
            crate::edition::relative(&session.project, &path).display(),
            compiled.document.pages().len(),
            pdf.len() as f64 / 1024.0
        );
    }
    eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
    OK
}
