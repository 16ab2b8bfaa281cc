//! `rapport check`: validates everything and reports every problem; writes nothing.

use std::path::Path;

use crate::cli::EditionArg;
use crate::cmd::{OK, SOURCE_ERRORS, edition_id, fail, stderr};
use crate::session::{Failure, Session};

pub fn run(project: &Path, args: &EditionArg) -> u8 {
    let session = edition_id(project, args).and_then(|id| Session::open(project, &id));
    let mut session = match session {
        Ok(session) => session,
        Err(err) => return fail(&err),
    };
    let problems = session.problems.len();
    match session.compile(None) {
        Ok(compiled) => {
            if !compiled.warnings.is_empty() {
                session.emit_typst(&mut stderr(), &compiled.warnings);
            }
            println!("{} pages", compiled.document.pages().len());
            print_start_pages(&session, &compiled.chapter_pages);
            println!("ok: no problems found");
            OK
        }
        Err(failure) => {
            session.emit_failure(&mut stderr(), &failure);
            let what = match failure {
                Failure::Data(_) => format!("{problems} problem(s) in the data"),
                Failure::Typst(d) => format!("{} error(s) in the layouts", d.len()),
            };
            eprintln!("error: {what}");
            SOURCE_ERRORS
        }
    }
}

/// Prints where each chapter starts, against the printed edition's start pages.
fn print_start_pages(session: &Session, pages: &[(String, usize)]) {
    println!("{:<48} {:>6} {:>8} {:>6}", "chapter", "page", "printed", "diff");
    for part in &session.edition.model.parts {
        for chapter in &part.chapters {
            let actual = pages.iter().find(|(slug, _)| *slug == chapter.slug).map(|(_, p)| *p);
            let actual_text = actual.map_or("–".to_string(), |p| p.to_string());
            let (printed, diff) = match (chapter.expected_page, actual) {
                (Some(e), Some(a)) => (e.to_string(), format!("{:+}", a as i64 - i64::from(e))),
                (Some(e), None) => (e.to_string(), "?".into()),
                _ => ("–".into(), String::new()),
            };
            println!("{:<48} {:>6} {:>8} {:>6}", chapter.title, actual_text, printed, diff);
        }
    }
}
