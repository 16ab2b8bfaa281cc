//! `rapport check`: validates everything and reports every problem; writes nothing.

use std::path::Path;

use super::Log;
use crate::build::{Target, model, typeset};
use crate::cli::CheckArgs;
use crate::diag::{Origin, Severity};
use crate::error::{Error, Result};
use crate::session::Session;

pub fn run(log: &mut Log, project: &Path, args: &CheckArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    if !session.problems.is_empty() {
        return Err(data_and_layouts(log, &mut session));
    }
    let compiled = typeset(&mut session, &Target::Screen)?;
    log.diagnostics(&compiled.warnings);
    println!("{} pages", compiled.document.pages().len());
    print_start_pages(&session, &compiled.chapter_pages);
    // What is still missing: the position marks, which `build --print` and `preflight` refuse.
    let marks = crate::build::placeholders(&compiled.document);
    if !marks.is_empty() {
        println!(
            "note: {} position mark(s) for missing assets, which the print file refuses without --allow-placeholders: pages {}",
            marks.len(),
            crate::build::listed(&marks, marks.len())
        );
    }
    // Without problems, the theme was read (an unreadable one is a problem).
    let Some(theme) = &session.theme else { return Err(Error::sources("the theme could not be read")) };
    let mut findings = theme.contrast_findings();
    let geometry = theme.geometry;
    // The print inks, to judge small coloured type's print build; a print.typ that cannot
    // give them is `build --print`'s error to report.
    let inks = crate::theme::print_inks(&mut session.world).ok().map(|(inks, _)| inks);
    findings.extend(crate::lint::lint(&compiled.document, geometry, inks.as_ref()));
    if args.strict {
        for finding in &mut findings {
            finding.severity = Severity::Error;
        }
    }
    log.diagnostics(&findings);
    if args.strict && !findings.is_empty() {
        return Err(Error::sources(format!("{} finding(s) of the layout lint", findings.len())));
    }
    match findings.len() {
        0 => println!("ok: no problems found"),
        n => println!("ok: no errors; the layout lint has {n} warning(s)"),
    }
    Ok(())
}

/// Reports the data's problems, then compiles the layouts with the faulty data left out, so
/// one run shows the layouts' errors too.
fn data_and_layouts(log: &mut Log, session: &mut Session) -> Error {
    let problems = session.problems.clone().into_vec();
    let error = log.shown(Error::failed(problems));
    // A theme that cannot be read is among the problems already, and the layouts would
    // only say it again.
    // An error of edition.toml (a goal 18, a language the layouts lack) would only come back
    // as the layouts' internals.
    if session.problems.iter().all(|d| d.origin == Origin::Layout)
        || session.problems.iter().any(|d| d.is_error() && d.origin == Origin::Config)
    {
        return error;
    }
    let model = model(session, &Target::Screen).without_faulty_blocks();
    if let Err(diagnostics) = session.typeset(&model) {
        log.line("note: the layouts, compiled with the faulty data above left out, report:");
        log.diagnostics(&diagnostics);
    }
    error
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
