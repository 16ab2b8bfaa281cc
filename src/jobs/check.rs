//! `rapport check`: validates everything and reports every problem; writes nothing. With
//! `--todo`, lists everything left to do in the edition instead.

use super::Progress;
use crate::build::{Target, ToDoWhat, model, typeset};
use crate::diag::{Origin, Severity};
use crate::error::{Error, Result};
use crate::lang::{Lang, translate};
use crate::typeset::session::Session;

/// Checks one edition: the data, then the typeset pages and the layout lint.
pub fn one(progress: &mut dyn Progress, session: &mut Session, strict: bool, lang: Lang) -> Result<()> {
    // A final edition's confirmations, counted each time: what is let through is never silent.
    let config = &session.edition.config;
    let confirmed = (config.confirm.unchanged.len(), config.confirm.no_figures.len());
    if config.status == crate::inputs::edition::Status::Final && confirmed.0 + confirmed.1 > 0 {
        say(
            progress,
            lang,
            format!(
                "note: {} item(s) confirmed to stay as they are under `[confirm]` in edition.toml: {} unchanged file(s), {} nøkkeltall without figures",
                confirmed.0 + confirmed.1,
                confirmed.0,
                confirmed.1
            ),
        );
    }
    if !session.problems.is_empty() {
        return Err(data_and_layouts(progress, session));
    }
    progress.stage("Typesetting the book");
    let compiled = typeset(session, &Target::Screen)?;
    progress.diagnostics(&compiled.warnings);
    say(progress, lang, format!("{} pages", compiled.document.pages().len()));
    print_start_pages(progress, session, &compiled.chapter_pages, lang);
    // What is still missing: the position marks, which `build --print` and `preflight` refuse.
    let marks = crate::build::placeholders(&compiled.document);
    if !marks.is_empty() {
        say(
            progress,
            lang,
            format!(
                "note: {} position mark(s) for missing assets, which the print file refuses without --allow-placeholders: pages {}",
                marks.len(),
                kinds_in(lang, crate::build::listed(&marks, marks.len()))
            ),
        );
    }
    // Without problems, the theme was read (an unreadable one is a problem).
    let Some(theme) = &session.theme else { return Err(Error::sources("the theme could not be read")) };
    progress.stage("Checking the pages");
    let mut findings = theme.contrast_findings();
    let geometry = theme.geometry;
    // The print inks, to judge small coloured type's print build; a print.typ that cannot
    // give them is `build --print`'s error to report.
    let inks = crate::typeset::theme::print_inks(&mut session.world).ok().map(|(inks, _)| inks);
    findings.extend(crate::checks::lint::lint(&compiled.document, geometry, inks.as_ref()));
    if strict {
        for finding in &mut findings {
            finding.severity = Severity::Error;
        }
    }
    progress.diagnostics(&findings);
    if strict && !findings.is_empty() {
        return Err(Error::sources(format!("{} finding(s) of the layout lint", findings.len())));
    }
    // Everything `check --todo` lists: the items of the edition and the position marks.
    let left = crate::build::to_do_items(session, Some(&compiled)).len();
    let id = &session.edition.config.id;
    match (findings.len(), left) {
        (0, 0) => say(progress, lang, "ok: no problems found"),
        (n, 0) => say(progress, lang, format!("ok: no errors; the layout lint has {n} warning(s)")),
        (0, left) => say(
            progress,
            lang,
            format!("ok: no errors; {left} item(s) left to do: `rapport check --todo --edition {id}` lists them"),
        ),
        (n, left) => say(
            progress,
            lang,
            format!(
                "ok: no errors; the layout lint has {n} warning(s); {left} item(s) left to do: `rapport check --todo --edition {id}` lists them"
            ),
        ),
    }
    Ok(())
}

/// The kinds of position marks (`4 (photo)`) in `lang`.
fn kinds_in(lang: Lang, listed: String) -> String {
    match lang {
        Lang::En => listed,
        Lang::Nb => [("(photo)", "(bilde)"), ("(figure)", "(figur)"), ("(map)", "(kart)"), ("(chart)", "(graf)")]
            .iter()
            .fold(listed, |text, (en, nb)| text.replace(en, nb)),
    }
}

/// A line on standard output, in `lang`.
fn say(progress: &mut dyn Progress, lang: Lang, text: impl AsRef<str>) {
    progress.say(&translate(lang, text.as_ref()));
}

/// One item of the to-do list: its chapter (none for the edition as a whole) and its line.
struct Item {
    chapter: Option<String>,
    line: String,
}

/// `check --todo`: every item left to do — files unchanged from `previous`, nøkkeltall
/// without figures, position marks for missing pictures, figures, maps and charts, and the
/// data's own problems — grouped by chapter in the edition's order, in full, with a total.
/// `short` (`--diagnostic-format short`): one line per item, with no headings.
pub fn todo(progress: &mut dyn Progress, session: &mut Session, short: bool, lang: Lang) -> Result<()> {
    let project = session.project.clone();
    progress.stage("Typesetting the book to find the position marks");
    let items: Vec<Item> = crate::build::to_do_items(session, None)
        .into_iter()
        .map(|item| {
            let line = match item.what {
                ToDoWhat::Left(left) => left.line(),
                ToDoWhat::Problem(problem) => {
                    let place = problem.place_in(lang).unwrap_or_else(|| {
                        crate::inputs::paths::relative(&project, &session.edition.dir).display().to_string()
                    });
                    format!("{place}: {}", translate(lang, &problem.message))
                }
                ToDoWhat::Mark { page, kind } => {
                    let what = match kind.as_str() {
                        "photo" => "picture",
                        "figure" => "figure",
                        "map" => "map",
                        "chart" => "chart",
                        _ => "asset",
                    };
                    format!("page {page}: a position mark for a missing {what}")
                }
            };
            Item { chapter: item.chapter, line }
        })
        .collect();
    let id = session.edition.config.id.clone();
    let mut out = String::new();
    let mut push = |indent: &str, line: String| {
        out.push_str(indent);
        out.push_str(&translate(lang, &line));
        out.push('\n');
    };
    // The chapters in the edition's order, then what belongs to no chapter.
    let mut groups: Vec<(Option<String>, String)> = session
        .edition
        .config
        .chapters()
        .map(|c| (Some(c.slug.clone()), format!("{} ({})", c.title, c.slug)))
        .collect();
    groups.push((None, translate(lang, "the edition as a whole")));
    for (slug, heading) in groups {
        let lines: Vec<&Item> = items.iter().filter(|i| i.chapter == slug).collect();
        if lines.is_empty() {
            continue;
        }
        if !short {
            push("", format!("{heading}: {} item(s)", lines.len()));
        }
        for item in lines {
            push(if short { "" } else { "  " }, item.line.clone());
        }
    }
    match items.len() {
        0 => push("", format!("nothing left to do in edition {id}")),
        n => push("", format!("{n} item(s) left to do in edition {id}")),
    }
    // Each line ends with a newline, the last one said.
    progress.say(out.strip_suffix('\n').unwrap_or(&out));
    Ok(())
}

/// Reports the data's problems, then compiles the layouts with the faulty data left out, so
/// one run shows the layouts' errors too.
fn data_and_layouts(progress: &mut dyn Progress, session: &mut Session) -> Error {
    let mut error = Error::failed(session.problems.clone().into_vec());
    progress.diagnostics(&error.take_diagnostics());
    // A theme that cannot be read is among the problems already, and the layouts would
    // only say it again.
    // An error of edition.toml (a goal 18, a language the layouts lack) would only come back
    // as the layouts' internals.
    if session.problems.iter().all(|d| d.origin == Origin::Layout)
        || session.problems.iter().any(|d| d.is_error() && d.origin == Origin::Config)
    {
        return error;
    }
    let model = model(session, &Target::Screen).without_missing_blocks();
    if let Err(diagnostics) = session.typeset(&model) {
        progress.line("note: the layouts, compiled with the faulty data above left out, report:");
        progress.diagnostics(&diagnostics);
    }
    error
}

/// Prints where each chapter starts, against the printed edition's start pages.
fn print_start_pages(progress: &mut dyn Progress, session: &Session, pages: &[(String, usize)], lang: Lang) {
    let head = match lang {
        Lang::Nb => ["kapittel", "side", "trykt", "avvik"],
        Lang::En => ["chapter", "page", "printed", "diff"],
    };
    progress.say(&format!("{:<48} {:>6} {:>8} {:>6}", head[0], head[1], head[2], head[3]));
    for chapter in session.edition.config.chapters() {
        let actual = pages.iter().find(|(slug, _)| *slug == chapter.slug).map(|(_, p)| *p);
        let actual_text = actual.map_or("–".to_string(), |p| p.to_string());
        let (printed, diff) = match (chapter.expected_page, actual) {
            (Some(e), Some(a)) => (e.to_string(), format!("{:+}", a as i64 - i64::from(e))),
            (Some(e), None) => (e.to_string(), "?".into()),
            _ => ("–".into(), String::new()),
        };
        progress.say(&format!("{:<48} {:>6} {:>8} {:>6}", chapter.title, actual_text, printed, diff));
    }
}
