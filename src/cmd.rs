//! One module per subcommand (`cmd/`, each a command and nothing else), and the only code
//! that writes to the terminal (what the commands share is here: the log, standard output,
//! the exit codes). Each command
//! returns a [`Result`](crate::error::Result); the library's calls return their
//! diagnostics, which [`Log`] renders once, and [`run`] turns an error into the documented
//! exit code.

pub mod approve;
pub mod archive;
pub mod build;
pub mod check;
pub mod completions;
pub mod diff;
pub mod fonts;
pub mod import_docx;
pub mod import_ssb;
pub mod list;
pub mod new_edition;
pub mod preflight;
pub mod proof;
pub mod watch;

use std::fmt::Display;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use typst_kit::diagnostics::termcolor::{BufferWriter, ColorChoice, StandardStream, WriteColor};

use crate::cli::render::{self, Format, severity_word};
use crate::cli::{Cli, Command};
use crate::diag::{Diagnostic, Severity};
use crate::error::{Error, OK, Result, usage};
use crate::inputs::edition::catalog::Catalog;
use crate::lang::Lang;
use crate::typeset::session::Session;

/// Runs a parsed command line and returns the process's exit code.
pub fn run(cli: Cli, lang: Lang) -> ExitCode {
    let mut log = Log::stderr(cli.diagnostic_format, lang);
    let result = match cli.command {
        // A PDF can be preflighted outside any project.
        Command::Preflight(args) => preflight::run(&mut log, cli.project, &args),
        // Completions need no project either.
        Command::Completions(args) => completions::run(cli.project, &args),
        command => project(cli.project).and_then(|project| match command {
            Command::Build(args) => build::run(&mut log, &project, &args),
            Command::Check(args) => check::run(&mut log, &project, &args),
            Command::Fonts => fonts::run(&project),
            Command::List => list::run(&mut log, &project),
            Command::Proof(args) => proof::run(&mut log, &project, &args),
            Command::Watch(args) => watch::run(&mut log, &project, &args),
            Command::NewEdition(args) => new_edition::run(&mut log, &project, &args),
            Command::Archive(args) => archive::run(&mut log, &project, &args),
            Command::Approve(args) => approve::run(&mut log, &project, &args),
            Command::Diff(args) => diff::run(&mut log, &project, &args),
            Command::Import(args) => match &args.source {
                crate::cli::ImportSource::Ssb(args) => import_ssb::run(&mut log, &project, args),
                crate::cli::ImportSource::Docx(args) => import_docx::run(&mut log, &project, args),
            },
            Command::Preflight(_) | Command::Completions(_) => unreachable!("handled above"),
        }),
    };
    match result {
        Ok(()) => ExitCode::from(OK),
        Err(err) => {
            let err = log.shown(err);
            let message = crate::lang::translate(log.lang, &err.to_string());
            // Changes found are no error: said as changes, with their exit code.
            let word = match err {
                Error::Changes(_) => crate::lang::translate(log.lang, "changes"),
                _ => severity_word(Severity::Error, log.lang),
            };
            log.line(format_args!("{word}: {message}"));
            ExitCode::from(err.exit_code())
        }
    }
}

/// Writes clap's error in bokmål (the command line could not be read) and returns its exit
/// code.
pub fn usage_error(err: &clap::Error) -> ExitCode {
    let text = crate::cli::bokmal_error(err);
    let _ = writeln!(render::Printable(StandardStream::stderr(ColorChoice::Never)), "{}", text.trim_end_matches('\n'));
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

/// Whether standard error gets colours: only on a terminal.
fn color_choice() -> ColorChoice {
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) { ColorChoice::Auto } else { ColorChoice::Never }
}

/// Standard error, held back in buffers: [`BufferWriter::print`] writes one whole at once, so
/// that editions built in parallel do not interleave their lines.
pub fn stderr_buffers() -> BufferWriter {
    BufferWriter::stderr(color_choice())
}

/// What a command says on standard error: progress lines and diagnostics, in the chosen
/// format.
pub struct Log<W = StandardStream> {
    pub out: W,
    pub format: Format,
    /// The language of its lines and messages.
    pub lang: Lang,
    /// The catalog's warnings (folders in data/ that are not editions) were said in this run:
    /// each warning is printed once, however many editions a command opens.
    pub catalog_said: bool,
}

impl Log {
    /// A log on standard error, coloured when it is a terminal.
    pub fn stderr(format: Format, lang: Lang) -> Log {
        Log { out: StandardStream::stderr(color_choice()), format, lang, catalog_said: false }
    }
}

impl<W: WriteColor> Log<W> {
    /// A line of progress or a note.
    pub fn line(&mut self, text: impl Display) {
        let text = crate::lang::translate(self.lang, &text.to_string());
        let _ = writeln!(render::Printable(&mut self.out), "{text}");
    }

    /// A line saying what a slow command is doing now (`Typesetting the book …`), so that
    /// staff see it working. Not in the short format, whose lines are diagnostics for scripts.
    pub fn stage(&mut self, what: &str) {
        if self.format != Format::Short {
            self.line(format_args!("{what} …"));
        }
    }

    /// Renders diagnostics.
    pub fn diagnostics<'a>(&mut self, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
        let mut diagnostics: Vec<Diagnostic> = diagnostics.into_iter().cloned().collect();
        // Hundreds of refusals of an edition marked final early, summed up for the reader.
        if self.format == Format::Human {
            diagnostics = crate::inputs::edition::progress::sum_up_refusals(diagnostics);
        }
        let diagnostics: Vec<Diagnostic> = diagnostics.iter().map(|d| self.in_language(d)).collect();
        if render::emit(&mut self.out, diagnostics.iter(), self.format, self.lang).is_err() {
            // The renderer failed (a range that fits no line): one line each, still.
            for d in diagnostics {
                let _ = writeln!(render::Printable(&mut self.out), "{}: {d}", d.severity);
            }
        }
    }

    /// A diagnostic with its message and hints in the log's language.
    fn in_language(&self, d: &Diagnostic) -> Diagnostic {
        let mut d = d.clone();
        if self.lang != Lang::En {
            d.message = crate::lang::translate(self.lang, &d.message);
            d.hints = d.hints.iter().map(|h| crate::lang::translate(self.lang, h)).collect();
        }
        d
    }

    /// Renders an error's diagnostics and returns the error, its summary left to say.
    pub fn shown(&mut self, mut err: Error) -> Error {
        let diagnostics = err.take_diagnostics();
        self.diagnostics(&diagnostics);
        err
    }

    /// Opens the edition `id` (default: the project's default edition), says which it is (and
    /// whether it is a draft),
    /// and warns of folders in `data/` that are not editions and of what is left to fill.
    pub fn open(&mut self, project: &Path, id: Option<&str>) -> Result<Session> {
        let session = self.open_quietly(project, id)?;
        self.diagnostics(session.warnings.iter());
        Ok(session)
    }

    /// [`Log::open`] without the edition's warnings (`check --todo` lists them itself). A
    /// final edition's editors' wording in print joins its problems.
    pub fn open_quietly(&mut self, project: &Path, id: Option<&str>) -> Result<Session> {
        let catalog = Catalog::read(project)?;
        if !self.catalog_said {
            self.diagnostics(&catalog.warnings);
            self.catalog_said = true;
        }
        // The default edition, and the final editions passed over for it (said when it is
        // the one opened).
        let default = catalog.default_edition(project, |id| crate::checks::finished::items_left(project, id));
        let id = match (id, &default) {
            (Some(id), _) => crate::inputs::edition::catalog::known_id(project, &catalog, id)?,
            (None, Ok(default)) => {
                self.diagnostics(&default.passed_over_warnings());
                default.id.clone()
            }
            (None, Err(_)) => catalog.default_edition(project, |_| 0)?.id,
        };
        self.stage("Reading the chapters and tables");
        let mut session = crate::build::open(project, &catalog, Some(&id))?;
        crate::build::add_finished_problems(&mut session);
        let config = &session.edition.config;
        // A draft says so wherever it is named, as its pages do.
        let draft = if config.status == crate::inputs::edition::Status::Draft { " (draft)" } else { "" };
        self.line(format_args!("edition {}{draft}: {}", config.id, config.title));
        if let Some(id) = default.ok().and_then(|d| catalog.default_by_status(&d)) {
            self.line(format_args!(
                "note: {id} is now the default edition (the newest final one; `data/default` may name another)"
            ));
        }
        Ok(session)
    }
}

pub use crate::jobs::{known_chapter, out_dir};

/// The log is where the library's jobs report: progress lines and diagnostics on standard
/// error, results on standard output.
impl<W: WriteColor> crate::jobs::Progress for Log<W> {
    fn stage(&mut self, what: &str) {
        Log::stage(self, what);
    }

    fn line(&mut self, text: &str) {
        Log::line(self, text);
    }

    fn say(&mut self, text: &str) {
        say(text);
    }

    fn diagnostics(&mut self, diagnostics: &[Diagnostic]) {
        Log::diagnostics(self, diagnostics);
    }
}

/// The project folder: as given, or the current folder or the nearest one above it.
pub fn project(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = given {
        return Ok(dir);
    }
    let cwd = std::env::current_dir()?;
    crate::find_project(&cwd).ok_or_else(|| {
        usage(format!(
            "no rapport project here: expected data/ and layout/ in {} or a folder above it (or pass --project)",
            cwd.display()
        ))
    })
}

/// Writes `text` to standard output, the one place the tool does: its control characters
/// (but newline and tab) shown escaped (`\u{1B}`), as on standard error, so a title in
/// edition.toml can never move the cursor or retitle the terminal. A reader that stops early
/// (`| head`) ends it quietly.
pub fn print_stdout(text: &str) {
    let _ = std::io::stdout().lock().write_all(render::printable(text).as_bytes());
}

/// A line on standard output, escaped as [`print_stdout`] writes it.
pub fn say(line: impl Display) {
    print_stdout(&format!("{line}\n"));
}
