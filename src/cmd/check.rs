//! `rapport check`: validates everything and reports every problem; writes nothing.

use std::path::Path;

use crate::build::{open, report_failure};
use crate::cli::CheckArgs;
use crate::error::Result;
use crate::session::{Failure, Session};

pub fn run(project: &Path, args: &CheckArgs) -> Result<()> {
    let mut session = open(project, args.edition.edition.as_deref())?;
    if !session.problems.is_empty() {
        return Err(data_and_layouts(&mut session));
    }
    let compiled = session.compile(None).map_err(|failure| report_failure(&session, &failure))?;
    if !compiled.warnings.is_empty() {
        session.emit_typst(&mut crate::cmd::stderr(), &compiled.warnings);
    }
    println!("{} pages", compiled.document.pages().len());
    print_start_pages(&session, &compiled.chapter_pages);
    // What is still missing: the position marks, which `build --print` and `preflight` refuse.
    let marks = crate::build::placeholders(&compiled.document);
    if !marks.is_empty() {
        let list: Vec<String> = marks.iter().map(|(page, kind)| format!("{page} ({kind})")).collect();
        println!(
            "note: {} position mark(s) for missing assets, which the print file refuses without --allow-placeholders: pages {}",
            marks.len(),
            list.join(", ")
        );
    }
    let findings = lint_findings(&mut session, &compiled.document);
    for finding in &findings {
        eprintln!("{}: {finding}", if args.strict { "error" } else { "warning" });
    }
    if args.strict && !findings.is_empty() {
        return Err(crate::error::Error::Sources(format!("{} finding(s) of the layout lint", findings.len())));
    }
    match findings.len() {
        0 => println!("ok: no problems found"),
        n => println!("ok: no errors; the layout lint has {n} warning(s)"),
    }
    Ok(())
}

/// Reports the data's problems, then compiles the layouts with the faulty data left out, so
/// one run shows the layouts' errors too.
fn data_and_layouts(session: &mut Session) -> crate::error::Error {
    let problems = std::mem::take(&mut session.problems);
    let error = report_failure(session, &Failure::Data(problems.clone()));
    let model = session.edition.model.clone();
    session.edition.model = model.without_faulty_blocks();
    if let Err(Failure::Typst(diagnostics)) = session.compile(None) {
        eprintln!("note: the layouts, compiled with the faulty data above left out, report:");
        session.emit_typst(&mut crate::cmd::stderr(), &diagnostics);
    }
    (session.edition.model, session.problems) = (model, problems);
    error
}

/// The layout lint's findings on the document, and the theme's contrast pairs.
pub fn lint_findings(session: &mut Session, document: &typst_layout::PagedDocument) -> Vec<crate::lint::Finding> {
    let mut findings = crate::theme::contrast_findings(session);
    if let Some(geometry) = crate::theme::geometry(session) {
        findings.extend(crate::lint::lint(document, geometry));
    }
    findings
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
