//! Renders diagnostics on the terminal: codespan-style with the offending line (`human`, as
//! Typst's own), or one line each (`short`, for CI and editors, as typst-cli's
//! `--diagnostic-format short`). The only place diagnostics are written.

use std::io;

use std::path::PathBuf;

use codespan_reporting::diagnostic::{Diagnostic as Codespan, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

pub use crate::cli::DiagnosticFormat as Format;
use crate::diag::{Diagnostic, Location, Related, Severity, line_column};
use crate::lang::Lang;

/// Writes `diagnostics` to `out` in `format`, with terminal control characters from any
/// file (an ICC profile's description, a PDF's font name) made visible, never sent raw.
pub fn emit<'a>(
    out: &mut dyn WriteColor,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    format: Format,
    lang: crate::lang::Lang,
) -> io::Result<()> {
    let mut files = Files { files: SimpleFiles::new(), ids: Vec::new() };
    for diagnostic in diagnostics {
        match format {
            Format::Short => short(&mut Printable(&mut *out), diagnostic, lang)?,
            Format::Human if lang != crate::lang::Lang::En && matches!(diagnostic.at, Location::File { .. }) => {
                in_language(out, &mut files, diagnostic, lang)?
            }
            Format::Human => human(&mut Printable(&mut *out), &mut files, diagnostic, lang)?,
        }
    }
    Ok(())
}

/// A file diagnostic codespan-style with its header word (`error`, which codespan writes
/// itself) in `lang`: rendered into a buffer (the file's text already made printable), the
/// word replaced, then written as it is, colours included.
fn in_language(out: &mut dyn WriteColor, files: &mut Files, d: &Diagnostic, lang: crate::lang::Lang) -> io::Result<()> {
    use term::termcolor::Buffer;
    let mut buffer = if out.supports_color() { Buffer::ansi() } else { Buffer::no_color() };
    human(&mut Printable(&mut buffer), files, d, lang)?;
    let text = String::from_utf8_lossy(buffer.as_slice());
    let translated = text.replacen(&d.severity.to_string(), &severity_word(d.severity, lang), 1);
    out.write_all(translated.as_bytes())
}

/// Where a diagnostic points, for one line, in `lang` (`side 4` for `page 4`).
pub fn place(d: &Diagnostic, lang: crate::lang::Lang) -> Option<String> {
    d.place_in(lang)
}

/// `path:line:column: error[code]: message`, or `page N: …`.
fn short(out: &mut dyn WriteColor, d: &Diagnostic, lang: crate::lang::Lang) -> io::Result<()> {
    if let Some(place) = place(d, lang) {
        write!(out, "{place}: ")?;
    }
    let severity = severity_word(d.severity, lang);
    match d.code {
        Some(code) => writeln!(out, "{severity}[{code}]: {}", d.message),
        None => writeln!(out, "{severity}: {}", d.message),
    }
}

/// A diagnostic in a file: codespan-style with its line underlined; one on a page or about
/// nothing in particular: `severity: page N: code: message` and its hints.
fn human(out: &mut dyn WriteColor, files: &mut Files, d: &Diagnostic, lang: crate::lang::Lang) -> io::Result<()> {
    let Location::File { path, text, range } = &d.at else {
        write!(out, "{}: ", severity_word(d.severity, lang))?;
        if let Some(place) = place(d, lang) {
            write!(out, "{place}: ")?;
        }
        match d.code {
            Some(code) => writeln!(out, "{}: {}", crate::lang::lint_kind(code, lang), d.message)?,
            None => writeln!(out, "{}", d.message)?,
        }
        for hint in &d.hints {
            writeln!(out, "  = {hint}")?;
        }
        return Ok(());
    };
    let severity = match d.severity {
        Severity::Error => Codespan::error(),
        Severity::Warning => Codespan::warning(),
    };
    let mut diagnostic = severity.with_message(&d.message).with_notes(d.hints.clone());
    let mut labels = Vec::new();
    if text.is_empty() {
        let within = if lang == crate::lang::Lang::Nb { "i" } else { "in" };
        diagnostic = diagnostic.with_notes(vec![format!("{within} {}", path.display())]);
    } else {
        labels.push(Label::primary(files.id(path, text), range.clone()));
    }
    for related in &d.related {
        if let Location::File { path, text, range } = &related.at
            && !text.is_empty()
        {
            labels.push(Label::secondary(files.id(path, text), range.clone()).with_message(&related.message));
        }
    }
    term::emit(out, &term::Config::default(), &files.files, &diagnostic.with_labels(labels))
        .map_err(io::Error::other)?;
    trace(out, &d.trace)
}

/// The calls and imports that led to an error, one place and line each, as typst-cli shows
/// them: `  while importing `chart.typ` at layout/lib.typ:11:2`.
fn trace(out: &mut dyn WriteColor, trace: &[Related]) -> io::Result<()> {
    let mut traced = false;
    for point in trace {
        let Location::File { path, text, range } = &point.at else { continue };
        let (line, column) = line_column(text, range.start);
        writeln!(out, "  {} at {}:{line}:{column}", point.message, path.display())?;
        let spanned = text.get(range.clone()).unwrap_or("");
        let mut lines = spanned.lines();
        let first = lines.next().unwrap_or("");
        match lines.next_back().and_then(|last| last.chars().next_back()).filter(|c| !c.is_whitespace()) {
            Some(last) => writeln!(out, "    {first}…{last}")?,
            None => writeln!(out, "    {first}")?,
        }
        traced = true;
    }
    if traced {
        writeln!(out)?;
    }
    Ok(())
}

/// The files diagnostics point into, each added once.
struct Files {
    files: SimpleFiles<String, String>,
    ids: Vec<(PathBuf, usize)>,
}

impl Files {
    fn id(&mut self, path: &std::path::Path, text: &str) -> usize {
        if let Some((_, id)) = self.ids.iter().find(|(p, _)| p == path) {
            return *id;
        }
        let id = self.files.add(path.display().to_string(), text.to_string());
        self.ids.push((path.to_path_buf(), id));
        id
    }
}

/// A terminal writer that shows control characters as `\x1B` (C0 but tab and newline, DEL,
/// and C1 as UTF-8 writes them): text from a file can never move the cursor, recolour the
/// terminal or set its title. Colours set through [`WriteColor`] pass as they are.
pub struct Printable<W>(pub W);

impl<W: WriteColor> io::Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_all(printable(&String::from_utf8_lossy(buf)).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: WriteColor> WriteColor for Printable<W> {
    fn supports_color(&self) -> bool {
        self.0.supports_color()
    }

    fn set_color(&mut self, spec: &term::termcolor::ColorSpec) -> io::Result<()> {
        self.0.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.0.reset()
    }
}

/// `text` with its control characters (but tab and newline) written as `\xNN` / `\u{NN}`.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let control = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(control) {
        return text.into();
    }
    text.chars()
        .map(|c| if control(c) { format!("\\u{{{:X}}}", u32::from(c)) } else { c.to_string() })
        .collect::<String>()
        .into()
}

/// `error` or `warning` in `lang`.
pub fn severity_word(severity: Severity, lang: Lang) -> String {
    match (lang, severity) {
        (Lang::Nb, Severity::Error) => "feil".into(),
        (Lang::Nb, Severity::Warning) => "advarsel".into(),
        (Lang::En, _) => severity.to_string(),
    }
}
