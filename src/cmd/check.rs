//! `rapport check`: validates everything, writes nothing; `--todo`, `--ssb`: see [`crate::jobs`].

use std::path::Path;

use super::Log;
use crate::cli::{CheckArgs, DiagnosticFormat};
use crate::diag::Severity;
use crate::error::{Error, Result};
use crate::inputs::edition::catalog::Catalog;
use crate::lang::{Lang, translate};

pub fn run(log: &mut Log, project: &Path, args: &CheckArgs) -> Result<()> {
    if args.todo || !args.ssb.is_empty() {
        return todo(log, project, args);
    }
    if args.all {
        return all(log, project, args);
    }
    one(log, project, args.edition.edition.as_deref(), args)
}

/// `check --all`: every final edition in turn, drafts skipped by name; an error when one fails,
/// naming each that did.
fn all(log: &mut Log, project: &Path, args: &CheckArgs) -> Result<()> {
    let lang = log.lang;
    let (finals, drafts) = Catalog::read(project)?.finals_and_drafts();
    for id in &drafts {
        say(lang, format!("skipped {id}: a draft is not checked by --all"));
    }
    // Nothing is final yet: nothing to hold to the final edition's rules (`check` checks a draft).
    if finals.is_empty() {
        say(
            lang,
            "note: no edition in data/ is final (`status = \"final\"` in edition.toml): nothing checked; `check --all` checks final editions only",
        );
        return Ok(());
    }
    let mut failed = Vec::new();
    for id in &finals {
        if let Err(err) = one(log, project, Some(id), args) {
            let err = log.shown(err);
            let message = translate(lang, &err.to_string());
            log.line(format_args!("{}: {message}", crate::cli::render::severity_word(Severity::Error, lang)));
            failed.push(id.as_str());
        }
    }
    if failed.is_empty() {
        say(lang, format!("ok: {} final edition(s) checked, no errors", finals.len()));
        Ok(())
    } else {
        Err(Error::sources(format!(
            "{} of {} final edition(s) failed the check: {}",
            failed.len(),
            finals.len(),
            failed.join(", ")
        )))
    }
}

/// Checks one edition: the data, then the typeset pages and the layout lint.
fn one(log: &mut Log, project: &Path, id: Option<&str>, args: &CheckArgs) -> Result<()> {
    let mut session = log.open(project, id)?;
    let lang = log.lang;
    crate::jobs::check::one(log, &mut session, args.strict, lang)
}

/// `check --todo`: every item left to do, grouped by chapter; `check --ssb`: what changed.
fn todo(log: &mut Log, project: &Path, args: &CheckArgs) -> Result<()> {
    let mut session = log.open_quietly(project, args.edition.edition.as_deref())?;
    let (short, lang) = (log.format == DiagnosticFormat::Short, log.lang);
    if !args.ssb.is_empty() {
        return crate::jobs::import::compare_ssb(log, &session, &args.ssb, lang);
    }
    crate::jobs::check::todo(log, &mut session, short, lang)
}

/// A line on standard output, in `lang`.
fn say(lang: Lang, text: impl AsRef<str>) {
    super::say(translate(lang, text.as_ref()));
}
