//! `rapport check`: validates everything and reports every problem; writes nothing.

use std::path::Path;

use crate::build::{open, report_failure};
use crate::cli::EditionArg;
use crate::error::Result;
use crate::session::Session;

pub fn run(project: &Path, args: &EditionArg) -> Result<()> {
    let mut session = open(project, args.edition.as_deref())?;
    let compiled = session.compile(None).map_err(|failure| report_failure(&session, &failure))?;
    if !compiled.warnings.is_empty() {
        session.emit_typst(&mut crate::cmd::stderr(), &compiled.warnings);
    }
    println!("{} pages", compiled.document.pages().len());
    print_start_pages(&session, &compiled.chapter_pages);
    println!("ok: no problems found");
    Ok(())
}

/// Prints where each chapter starts, against the printed edition's start pages.
fn print_start_pages(session: &Session, pages: &[(String, usize)]) {
    println!("{:<48} {:>6} {:>8} {:>6}", "chapter", "page", "printed", "diff");
    for chapter in session.edition.config.chapters() {
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
