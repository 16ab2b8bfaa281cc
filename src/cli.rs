//! The command line: `rapport <command>`, with clap's derive and doc comments as help.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};

mod help_nb;
pub mod render;
pub mod serve;
pub use help_nb::command;

/// Typesets a municipality's report from its data tables, Typst layouts and vector graphics.
///
/// Exit codes: 0 ok; 1 errors in the report's sources (data, text, layouts);
/// 2 usage, configuration or I/O errors; 3 changes found (`diff`).
#[derive(Debug, Parser)]
#[command(name = "rapport", version, about)]
pub struct Cli {
    /// The project folder (with data/, layout/, fonts/, assets/); default: the current folder
    /// or the nearest folder above it that has them.
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<PathBuf>,

    /// How diagnostics are written: `human` (with the offending line) or `short` (one line
    /// each, `file:line:column: severity: message`, for CI and editors).
    #[arg(long, global = true, value_name = "FORMAT", default_value = "human")]
    pub diagnostic_format: DiagnosticFormat,

    /// The language of messages and help: `nb` (bokmål) or `en`; default: from LANG.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<crate::lang::Lang>,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the process's command line, `--help` and clap's errors in the language of
    /// `--lang` or the locale. A bokmål error is returned to be printed (by `cmd`, which
    /// alone writes to the terminal); help, version and English errors end the process here,
    /// as clap does.
    pub fn parse_in_language() -> Result<(Cli, crate::lang::Lang), clap::Error> {
        use clap::FromArgMatches;
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let lang = crate::lang::Lang::detect(&args, |name| std::env::var(name).ok());
        let parsed = command(lang).try_get_matches_from(args).and_then(|matches| Cli::from_arg_matches(&matches));
        match parsed {
            Ok(cli) => Ok((cli, lang)),
            Err(err) if lang == crate::lang::Lang::En => err.exit(),
            Err(err) if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => err.exit(),
            Err(err) => Err(err),
        }
    }
}

/// clap's error in bokmål: what was wrong, the usage line and where to find help.
pub fn bokmal_error(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let context = |kind: ContextKind| {
        err.get(kind).map(|value| match value {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(list) => list.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(list) => list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` trenger en verdi"),
        ErrorKind::InvalidValue => format!("ugyldig verdi `{value}` for `{arg}`"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err).map(|s| s.to_string()).unwrap_or_default();
            format!("ugyldig verdi `{value}` for `{arg}`: {}", crate::lang::translate(crate::lang::Lang::Nb, &why))
        }
        ErrorKind::UnknownArgument => format!("ukjent valg `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!("ukjent kommando `{}`", context(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => format!("mangler det som må oppgis: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "mangler en kommando".to_string()
        }
        ErrorKind::ArgumentConflict => match context(ContextKind::PriorArg) {
            Some(prior) => format!("`{arg}` kan ikke brukes sammen med `{prior}`"),
            None => format!("`{arg}` kan ikke brukes her"),
        },
        ErrorKind::NoEquals => format!("`{arg}` trenger en verdi skrevet med `=`"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("feil antall verdier for `{arg}`")
        }
        ErrorKind::InvalidUtf8 => "kommandolinjen er ikke gyldig UTF-8".to_string(),
        _ => "kommandolinjen kan ikke leses".to_string(),
    };
    if let Some(valid) = context(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        text.push_str(&format!("; mulige verdier: {valid}"));
    }
    let suggested = context(ContextKind::SuggestedArg)
        .or_else(|| context(ContextKind::SuggestedSubcommand))
        .or_else(|| context(ContextKind::SuggestedValue));
    if let Some(suggested) = suggested.filter(|s| !s.is_empty()) {
        text.push_str(&format!("; mente du `{suggested}`?"));
    }
    let usage = context(ContextKind::Usage).unwrap_or_default();
    let usage = usage.trim().trim_start_matches("Usage:").trim_start_matches("Bruk:").trim();
    let usage = usage.replace("[OPTIONS]", "[VALG]").replace("<COMMAND>", "<KOMMANDO>");
    let usage = if usage.is_empty() { String::new() } else { format!("\nBruk: {usage}\n") };
    format!("feil: {text}\n{usage}\nSe `rapport --help` for mer.\n")
}

/// How diagnostics are written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// With the offending source line, underlined.
    #[default]
    Human,
    /// One line each: `file:line:column: severity: message`.
    Short,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds the report as PDF into out/ (the whole edition, or chapter handouts).
    Build(BuildArgs),
    /// Validates the edition's data, text and layouts, lints the laid-out pages and reports
    /// every problem; writes nothing.
    Check(CheckArgs),
    /// Lists the editions in data/: each with its status (draft or final), date and title,
    /// the default marked, and its chapters' slugs and titles.
    List,
    /// Writes the shell's completions for rapport to standard output, e.g.
    /// `rapport completions bash > ~/.local/share/bash-completion/completions/rapport`.
    Completions(CompletionsArgs),
    /// Lists the fonts the report may use (only those in fonts/) with their properties.
    Fonts,
    /// Builds the PDF and rebuilds it whenever a layout, data file or asset changes.
    Watch(WatchArgs),
    /// Writes PNG previews of every SVG asset (icons, maps) and a contact sheet, or of chosen
    /// pages of the screen PDF, a handout or the print file.
    Proof(ProofArgs),
    /// Records the current screen PDF as approved, in approved/<edition>/: each page's
    /// render at low resolution, its words, its chapter and heading, and its tables' numbers.
    Approve(ApproveArgs),
    /// Compares the current screen PDF with the approved one (`rapport approve`): a line per
    /// chapter, then each changed page with the numbers and words that changed; exit code 3
    /// when anything changed (1 or 2 when it could not compare).
    Diff(DiffArgs),
    /// Archives an edition (or all) as PDF/A-2a and PDF/UA-1 with a manifest of every input
    /// and output, in out/archive/<id>/.
    Archive(ArchiveArgs),
    /// Starts the next edition from an existing one: data copied, years rolled forward,
    /// key-figure values emptied; `rapport check` then lists what is left to fill.
    NewEdition(NewEditionArgs),
    /// Checks a print file as a printer would and prints a table of findings; exit code 1
    /// on errors. Without FILE, the edition's print file is built (in memory) and checked.
    Preflight(PreflightArgs),
    /// Makes an edition's files from another source: `import ssb` a table from Statistics
    /// Norway (JSON-stat 2.0), `import docx` a chapter from Word, to review and commit; it
    /// never reaches the network.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Writes a table CSV under the edition from a JSON-stat 2.0 file saved from SSB's
    /// PxWebApi v2 (`outputFormat=json-stat2`), the years as columns, and prints the
    /// `::: table` block to paste.
    Ssb(ImportSsbArgs),
    /// Writes a chapter file under the edition from a Word document (.docx): headings,
    /// bullets, bold, quotes, tables as CSV files and pictures as photo files; lists what the
    /// chapter cannot hold (italics, numbered lists, footnotes, comments, merged cells) and
    /// refuses tracked changes not yet accepted.
    Docx(ImportDocxArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportDocxArgs {
    /// The Word document, e.g. `helse.docx`.
    #[arg(value_name = "FILE.docx")]
    pub file: PathBuf,
    /// The chapter's slug, e.g. `okonomi`: its text is written to the file edition.toml
    /// names for it, else `chapters/<slug>.md`.
    #[arg(long, value_name = "SLUG")]
    pub chapter: String,
    /// Overwrite the chapter's files if they exist.
    #[arg(long)]
    pub force: bool,
    /// Add the new chapter to a part (`--part`, default the last) in edition.toml (written aside, then
    /// renamed; its comments and order kept); refused when the chapter is listed already.
    #[arg(long, visible_alias = "legg-til")]
    pub add: bool,
    /// With --add: the part to add the chapter to, by its title (default: the last part).
    #[arg(long, value_name = "TITLE", visible_alias = "del", requires = "add")]
    pub part: Option<String>,
    #[command(flatten)]
    pub edition: EditionArg,
}

#[derive(Debug, clap::Args)]
pub struct ImportSsbArgs {
    /// The JSON-stat file, e.g. `ssb-07984.json`.
    #[arg(value_name = "FILE.json")]
    pub file: PathBuf,
    /// The region: a code (`3025`), or codes joined by year (`3025:2020-2023,3203:2024-`);
    /// repeat for several regions as rows. Default: every region of the file.
    #[arg(long, value_name = "CODE")]
    pub region: Vec<String>,
    /// Where to write the CSV, inside the edition's folder; default: `tables/ssb-<table>.csv`.
    #[arg(long, value_name = "FILE.csv")]
    pub out: Option<PathBuf>,
    /// Overwrite the CSV if it exists.
    #[arg(long)]
    pub force: bool,
    /// Add SSB's credit to `colophon` in edition.toml when it is not there (written aside,
    /// then renamed; its comments and order kept).
    #[arg(long, visible_alias = "legg-til")]
    pub add: bool,
    #[command(flatten)]
    pub edition: EditionArg,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: `bash`, `zsh` or `fish` (also `elvish`, `powershell`).
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct PreflightArgs {
    /// The PDF to check; default: the edition's print file, built for the check. A FILE is
    /// held to the `[print]` rules of the edition (`--edition`, default the newest final).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub edition: EditionArg,
    /// The printer's ICC output profile to build the print file with (see `build --print`).
    #[arg(long, value_name = "FILE.icc", conflicts_with = "file")]
    pub output_intent: Option<PathBuf>,
    /// Pass a file that still holds position marks for missing pictures, figures, maps or
    /// charts (a proof, not a job for the press).
    #[arg(long)]
    pub allow_placeholders: bool,
}

#[derive(Debug, clap::Args)]
pub struct ProofArgs {
    #[command(flatten)]
    pub edition: EditionArg,
    /// Where to write the PNGs.
    #[arg(long, value_name = "DIR", default_value = "out/proof")]
    pub out: PathBuf,
    /// Instead of the assets, render these pages of the screen PDF (or of the handout of
    /// `--chapter`), by the numbers printed on them, e.g. `1,40-41`, and a contact sheet of
    /// them as spreads (spreads.png).
    #[arg(long, value_name = "PAGES", conflicts_with = "print_pages")]
    pub pages: Option<String>,
    /// Render the pages of this chapter's handout (its slug, e.g. `okonomi`): all of them, or
    /// those of `--pages`, and their spreads.
    #[arg(long, value_name = "SLUG", conflicts_with = "print_pages")]
    pub chapter: Option<String>,
    /// Instead of the assets, render these pages of the print file (built in memory), bleed
    /// and marks included, by the numbers printed on them (folios), e.g. `1,40-41,134`.
    #[arg(long, value_name = "PAGES")]
    pub print_pages: Option<String>,
    /// The resolution of the pages' PNGs, in pixels per inch (10–600: a page at more would
    /// take gigabytes).
    #[arg(long, value_name = "PPI", default_value_t = 72.0, value_parser = ppi)]
    pub ppi: f32,
}

/// A `--ppi` within 10–600.
fn ppi(text: &str) -> Result<f32, String> {
    let value: f32 = text.parse().map_err(|_| format!("expected a number of pixels per inch, found `{text}`"))?;
    if (10.0..=600.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("expected 10 to 600 pixels per inch, found {text}"))
    }
}

/// Which edition to work on.
#[derive(Debug, clap::Args)]
pub struct EditionArg {
    /// The edition: a folder name in data/; default: the newest final edition (`data/default` may name another).
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub edition: EditionArg,
    /// Where to write the PDF.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Build only this chapter, as a handout (its slug, e.g. `okonomi`).
    #[arg(long, value_name = "SLUG")]
    pub chapter: Option<String>,
    /// Build one handout PDF per chapter as well as the whole report.
    #[arg(long)]
    pub handouts: bool,
    /// Build the web edition as well: out/web/, a front page and one accessible HTML page
    /// per chapter, with the PDF and a handout per chapter beside them.
    #[arg(long, conflicts_with_all = ["chapter", "print"])]
    pub web: bool,
    /// Leave out the position marks of missing pictures (photos and figures), the pages
    /// closing up: for a handout or a screen PDF staff want without them (the print file
    /// keeps them, as a printer's proof must).
    #[arg(long, conflicts_with = "print")]
    pub without_marks: bool,
    /// Build the print file instead: out/<output>-trykk.pdf, with bleed, crop marks, CMYK
    /// colour and the page count padded (see `[print]` in edition.toml).
    #[arg(long, conflicts_with_all = ["chapter", "handouts"])]
    pub print: bool,
    /// The printer's ICC output profile (CMYK): the print file becomes PDF/X-4. Overrides
    /// `output-intent` of `[print]`.
    #[arg(long, value_name = "FILE.icc", requires = "print")]
    pub output_intent: Option<PathBuf>,
    /// Write the print file even though it holds position marks for missing pictures,
    /// figures, maps or charts (a proof, not a job for the press).
    #[arg(long, requires = "print")]
    pub allow_placeholders: bool,
}

#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub edition: EditionArg,
    /// Where to write the PDF.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Watch only this chapter, as a handout (its slug, e.g. `okonomi`).
    #[arg(long, value_name = "SLUG", conflicts_with = "web")]
    pub chapter: Option<String>,
    /// Also serve the web edition on localhost (http://127.0.0.1:3000/ or the next free
    /// port), reloaded in the browser after every rebuild.
    #[arg(long)]
    pub web: bool,
    /// The port of `--web`'s server; default: the first free one of 3000–3005.
    #[arg(long, value_name = "PORT", requires = "web")]
    pub port: Option<u16>,
}

#[derive(Debug, clap::Args)]
pub struct NewEditionArgs {
    /// The new edition's id, the name of its folder in data/, e.g. `2024-2027`.
    pub id: String,
    /// The edition to start from.
    #[arg(long, value_name = "ID")]
    pub from: String,
    /// The new edition's period, e.g. `2028-2031`, where its id does not name it; its years
    /// follow as the edition started from has them (period 2020-2023: years 2019–2022).
    #[arg(long, value_name = "FIRST-LAST")]
    pub period: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ArchiveArgs {
    #[command(flatten)]
    pub edition: EditionArg,
    /// Archive every edition in data/, in parallel.
    #[arg(long, conflicts_with = "edition")]
    pub all: bool,
    /// Write PDF/A-3a with the edition's CSV files attached as its data.
    #[arg(long)]
    pub attach_data: bool,
    /// Archive the web edition too, in archive/<id>/web/, linking the archived PDF.
    #[arg(long)]
    pub web: bool,
    /// The folder under which archive/<id>/ is written.
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    #[command(flatten)]
    pub edition: EditionArg,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub edition: EditionArg,
    /// Where to write the report as a web page (index.html, self-contained): each changed page
    /// approved and now, side by side, with the regions that differ boxed.
    #[arg(long, value_name = "DIR", default_value = "out/diff")]
    pub out: PathBuf,
    /// Compare with another PDF (a file ending in .pdf, e.g. last year's printed PDF or a
    /// colleague's build; only read) or another edition's current build, instead of the
    /// approved build. Against a PDF, the words and renders of both are read out of the PDFs
    /// and the tables' numbers are not compared.
    #[arg(long, value_name = "PDF|EDITION")]
    pub against: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub edition: EditionArg,
    /// Treat the layout lint's findings (page flow, contrast, wrapped values) as errors.
    #[arg(long)]
    pub strict: bool,
    /// List everything left to do in the edition, in full and grouped by chapter, with a
    /// total: files unchanged from `previous`, nøkkeltall without figures, position marks for
    /// missing pictures, problems in the data (`--diagnostic-format short`: one line each).
    #[arg(long)]
    pub todo: bool,
    /// Check every final edition in data/ (`status = "final"`), skipping drafts by name; exits
    /// 0 when every final edition passes, 1 when one fails (for CI).
    #[arg(long, conflicts_with_all = ["todo", "edition"])]
    pub all: bool,
    /// Compare the tables imported from SSB (`rapport import ssb`) with a newer JSON-stat file
    /// of the same SSB table, e.g. `--ssb ssb-07984-2025.json` (repeat for several files): each
    /// number that changed is listed with its table, row and column, old → new; writes nothing.
    /// Exits 0 when nothing changed, 3 when numbers changed (as `rapport diff`).
    #[arg(long, value_name = "FILE.json", conflicts_with_all = ["todo", "all", "strict"])]
    pub ssb: Vec<PathBuf>,
}
