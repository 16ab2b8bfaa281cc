//! Issue 18, staff safety: drafts never pass as finished, warnings a person can act on, errors
//! that never show Typst's internals.

use std::fs;
use std::path::Path;

use crate::common::{fixture_project, pdftotext, rapport, replace, root};
use rapport::inputs::edition::{Status, load_config};

/// The fixture with `mini3` made from `mini2` by `new-edition`: a draft.
fn with_draft() -> tempfile::TempDir {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    project
}

// The default edition of the repository is finished; a new edition is a draft.
#[test]
fn the_default_edition_is_final_and_a_new_one_a_draft() {
    let (_, config) = load_config(&root(), crate::common::EDITION).expect("the default edition");
    assert_eq!(config.status, Status::Final);
    let project = with_draft();
    let toml = fs::read_to_string(project.path().join("data/mini3/edition.toml")).unwrap();
    assert!(toml.contains("status = \"draft\"") && !toml.contains("status = \"final\""), "{toml}");
    let (_, config) = load_config(project.path(), "mini3").unwrap();
    assert_eq!(config.status, Status::Draft);
}

// After new-edition, a plain `build` and `check` still work on the newest final edition, not
// on the newer draft; the draft builds when named.
#[test]
fn after_new_edition_plain_build_and_check_work() {
    let project = with_draft();
    for command in ["check", "build"] {
        let (code, _, stderr) = rapport(project.path(), &[command]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(stderr.contains("edition mini2: Testrapport to"), "{command} works on the final edition: {stderr}");
    }
    assert!(project.path().join("out/testrapport-to.pdf").is_file());
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("edition mini3 (draft): "), "{stderr}");
    // An edition without `status` is a draft too, and a draft is the default while no
    // edition is final.
    for id in ["mini", "mini2"] {
        replace(&project.path().join("data").join(id).join("edition.toml"), "status = \"final\"\n", "");
    }
    let (code, _, stderr) = rapport(project.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("edition mini3 (draft): "), "a draft says so: {stderr}");
}

/// The text of each page of a PDF in content-stream order, without whitespace (the mark is
/// set diagonally, so reading order splits its letters).
fn pages(pdf: &Path) -> Vec<String> {
    let text = pdftotext(pdf, true);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    // The text ends with a form feed after the last page.
    pages[..pages.len() - 1].iter().map(|p| p.split_whitespace().collect()).collect()
}

// A draft's PDF says so on every page; a final one nowhere.
#[test]
fn a_draft_is_marked_on_every_page() {
    let project = with_draft();
    for id in ["mini2", "mini3"] {
        let (code, _, stderr) = rapport(project.path(), &["build", "--edition", id, "--handouts"]);
        assert_eq!(code, 0, "{stderr}");
    }
    let (_, config) = load_config(project.path(), "mini3").unwrap();
    let out = project.path().join("out");
    // The report and the chapter's handout.
    for pdf in [format!("{}.pdf", config.output), format!("{}-to.pdf", config.output)] {
        let draft = pages(&out.join(&pdf));
        assert!(!draft.is_empty(), "{pdf}");
        for (n, page) in draft.iter().enumerate() {
            assert!(page.contains("UTKAST"), "page {} of {pdf} lacks the mark: {page}", n + 1);
        }
    }
    for pdf in ["testrapport-to.pdf", "testrapport-to-to.pdf"] {
        let finished = pdftotext(&out.join(pdf), true);
        assert!(!finished.contains("UTKAST"), "{pdf}: {finished}");
    }
    // The mark is an artifact: the draft is still PDF/UA-1.
    let (ok, report) = crate::common::verapdf("ua1", &out.join(format!("{}.pdf", config.output)));
    assert!(ok, "{report}");
}

// `archive` refuses a draft; `archive --all` skips it and archives the finished editions.
#[test]
fn archive_refuses_a_draft() {
    let project = with_draft();
    let (code, _, stderr) = rapport(project.path(), &["archive", "--edition", "mini3"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("data/mini3 is a draft") && stderr.contains("status = \"final\""), "{stderr}");
    assert!(!project.path().join("out/archive/mini3").exists());
    let (code, _, stderr) = rapport(project.path(), &["archive", "--all"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("skipped mini3: a draft is not archived"), "{stderr}");
    assert!(project.path().join("out/archive/mini2/manifest.json").is_file());
    // With no final edition there is nothing to archive: said in a note, not «0 of 0», and no
    // error (a CI job archives whatever is finished; a first period has only a draft).
    for id in ["mini", "mini2"] {
        replace(&project.path().join("data").join(id).join("edition.toml"), "status = \"final\"", "status = \"draft\"");
    }
    let (code, _, stderr) = rapport(project.path(), &["archive", "--all"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("note: no edition in data/ is final") && stderr.contains("nothing archived"), "{stderr}");
    assert!(!stderr.contains("archived 0 of 0"), "{stderr}");
    let (code, stdout, _) = rapport(project.path(), &["check", "--all"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("nothing checked"), "{stdout}");
}

// Empty key figures are reported whatever `previous` says: a warning in a draft, an error
// for each nøkkeltall without figures in a final edition.
#[test]
fn empty_key_figures_are_reported_without_previous() {
    let project = with_draft();
    let toml = project.path().join("data/mini3/edition.toml");
    replace(&toml, "previous = \"mini2\"\n", "");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 nøkkeltall have no figures yet"), "{stderr}");
    replace(&toml, "status = \"draft\"", "status = \"final\"");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("data/mini3/key-figures/to.csv")
            && stderr.contains("the nøkkeltall «Et annet nøkkeltall» has no figures, in an edition marked"),
        "{stderr}"
    );
}

// A CRLF table with a missing cell is reported at its own line.
#[test]
fn a_crlf_table_blames_the_right_line() {
    let project = fixture_project();
    let table = project.path().join("data/mini/tables/en/tabell.csv");
    fs::write(&table, "Kommune;2021;2022\r\nHurum;53 %;66 %\r\nAsker;12 %\r\nSammenslått;;73 %\r\n").unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("data/mini/tables/en/tabell.csv:3:"), "line 3 of the table: {stderr}");
    assert!(!stderr.contains("tabell.csv:2:") && !stderr.contains("tabell.csv:4:"), "{stderr}");
}

// edition.toml's values the layouts cannot show — a goal 18 on the cover, a language the
// layouts have no words for — are caught in Rust at their line (exit 2), never as a Typst
// assertion or trace, by `check` and by `build`.
#[test]
fn edition_toml_values_are_caught_before_typst() {
    let cases = [
        ("language = \"nb\"", "language = \"nn\"", 8, "expected `language` to be one the layouts have words for (`nb`"),
        (
            "title = \"Testrapport\"",
            "title = \"Testrapport\"\ncover-goals = [3, 18]",
            4,
            "expected cover goals 1–17, found 18",
        ),
    ];
    for (from, to, line, expected) in cases {
        let project = fixture_project();
        replace(&project.path().join("data/mini/edition.toml"), from, to);
        for command in ["check", "build"] {
            let (code, _, stderr) = rapport(project.path(), &[command, "--edition", "mini"]);
            assert_eq!(code, 2, "{command} {to}: {stderr}");
            assert!(
                stderr.contains(expected) && stderr.contains(&format!("data/mini/edition.toml:{line}:1")),
                "{command} {to}: {stderr}"
            );
            assert!(!stderr.contains("─ layout/") && !stderr.contains("assertion"), "no Typst internals: {stderr}");
        }
    }
}

// A table of bytes with no separator at all is refused as not text, in one line.
#[test]
fn a_table_without_any_separator_is_not_text() {
    let project = fixture_project();
    let bytes: Vec<u8> =
        (0..400u32).map(|i| [0xC6, 0xD8, 0xC5, b'x', 0xA7, 0xB5, b'\n', 0xE6][(i * 7 % 8) as usize]).collect();
    fs::write(project.path().join("data/mini/tables/en/tabell.csv"), bytes).unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].starts_with("data/mini/tables/en/tabell.csv:1:1: error: expected a table of text")
            && errors[0].contains("not a text table"),
        "{stderr}"
    );
}

// What is left to fill is one line per folder, naming the files; files that are not the
// edition's to change (map geometry, notes) and those of chapters no longer in edition.toml
// are left out.
#[test]
fn unchanged_files_are_summed_up_per_folder() {
    let project = fixture_project();
    let mini2 = project.path().join("data/mini2");
    fs::write(mini2.join("tables/to/andre.csv"), "Område;2023\nNord;1 %\n").unwrap();
    fs::create_dir_all(mini2.join("maps")).unwrap();
    fs::copy(root().join("tests/fixtures/maps/dense/area.geojson"), mini2.join("maps/omriss.geojson")).unwrap();
    fs::write(mini2.join("maps/README.md"), "Where the boundaries come from.\n").unwrap();
    crate::common::append(
        &mini2.join("edition.toml"),
        "[[maps]]\nid = \"kart\"\nboundaries = \"maps/omriss.geojson\"\nhighlight = \"Utsnitt\"\ncredit = \"Test\"",
    );
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini2"]);
    assert_eq!(code, 0, "the map is valid: {stderr}");
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    // A chapter dropped from the new edition, its files left behind.
    let mini3 = project.path().join("data/mini3");
    for (file, text) in [("chapters/gammel.md", "Tekst.\n"), ("tables/gammel/x.csv", "A;B\n1;2\n")] {
        for dir in [&mini2, &mini3] {
            fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
            fs::write(dir.join(file), text).unwrap();
        }
    }
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert_eq!(code, 0, "{stderr}");
    let unchanged: Vec<&str> = stderr.lines().filter(|l| l.contains("unchanged from edition mini2")).collect();
    assert_eq!(unchanged.len(), 2, "one line for chapters/, one for tables/: {stderr}");
    assert!(unchanged[0].starts_with("data/mini3/chapters:") && unchanged[0].contains(": 1 file(s) unchanged"));
    assert!(
        unchanged[1].starts_with("data/mini3/tables:")
            && unchanged[1].contains("2 file(s) unchanged from edition mini2: to/andre.csv, to/tabell.csv;"),
        "{stderr}"
    );
    assert!(!stderr.contains("omriss") && !stderr.contains("README") && !stderr.contains("gammel"), "{stderr}");
}

// `rapport list` shows every edition with its status and chapters, the default marked.
#[test]
fn list_shows_editions_status_and_chapters() {
    let project = with_draft();
    let (code, stdout, stderr) = rapport(project.path(), &["list"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    // The status, with what `check` finds left (the fixture's missing cover photo, a draft's
    // unchanged files).
    let edition = |start: &str, end: &str| lines.iter().any(|l| l.starts_with(start) && l.ends_with(end));
    assert!(edition("mini2  final, 1 item(s) left to do  ", "  2025-06-01  Testrapport to  (default)"), "{stdout}");
    assert!(
        lines.iter().any(|l| l.starts_with("mini3  draft, ") && l.contains("  2027-06-01  ") && !l.contains("default")),
        "{stdout}"
    );
    assert!(edition("mini  final, 1 item(s) left to do  ", "  2023-06-01  Testrapport"), "{stdout}");
    let chapter = lines.iter().position(|l| l.starts_with("mini3  ")).map(|i| lines[i + 1]).unwrap();
    assert!(chapter.starts_with("  to ") && chapter.ends_with(" Andre kapittel"), "{stdout}");
}

// `rapport list` gives each edition the count of items left that `rapport check` gives: an
// edition with items left is never listed as «ferdig», under a Norwegian locale too.
#[test]
fn list_and_check_agree_on_what_is_left() {
    let project = with_draft();
    let (code, list, stderr) = crate::common::rapport_in(project.path(), &["list"], "nb_NO.UTF-8");
    assert_eq!(code, 0, "{stderr}");
    for id in ["mini", "mini2", "mini3"] {
        let (_, stdout, stderr) = crate::common::rapport_in(project.path(), &["check", "--edition", id], "nb_NO.UTF-8");
        let said = format!("{stdout}{stderr}");
        let left = said.split("; ").find_map(|part| part.split_once(" ting gjenstår").map(|(n, _)| n.to_string()));
        let line = list.lines().find(|l| l.starts_with(&format!("{id}  "))).unwrap_or_default();
        match left {
            Some(n) => assert!(line.contains(&format!(", {n} ting gjenstår")), "{id}: check says {n}: {line}\n{said}"),
            None => assert!(!line.contains("gjenstår"), "{id}: {line}\n{said}"),
        }
    }
    assert!(list.lines().any(|l| l.starts_with("mini3  utkast, ") && l.contains(" ting gjenstår")), "{list}");
}

// `rapport completions bash|zsh|fish` writes a script for the shell that names the commands.
#[test]
fn completions_for_the_shells() {
    let project = fixture_project();
    for (shell, marker) in [("bash", "_rapport()"), ("zsh", "#compdef rapport"), ("fish", "complete -c rapport")] {
        let (code, stdout, stderr) = rapport(project.path(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.contains(marker) && stdout.contains("new-edition") && stdout.contains("list"), "{shell}");
        assert!(stdout.contains("edition"), "{shell}: options too");
    }
    let (_, script, _) = rapport(project.path(), &["completions", "bash"]);
    let file = project.path().join("rapport.bash");
    fs::write(&file, script).unwrap();
    let status = std::process::Command::new("bash").arg("-n").arg(&file).status().expect("bash");
    assert!(status.success(), "the bash script parses");
    let (code, _, stderr) = rapport(project.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2, "{stderr}");
}

// Inside a project, the completions of `--edition` are its edition ids and those of
// `--chapter` its chapters' slugs, not file names.
#[test]
fn completions_know_editions_and_chapters() {
    let project = fixture_project();
    let (code, bash, stderr) = rapport(project.path(), &["completions", "bash"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(bash.contains("compgen -W \"mini mini2\""), "edition ids: {bash}");
    assert!(bash.contains("compgen -W \"en to\""), "chapter slugs: {bash}");
    let (code, fish, _) = rapport(project.path(), &["completions", "fish"]);
    assert_eq!(code, 0);
    assert!(fish.contains("-l edition") && fish.contains("mini2") && fish.contains("-l chapter"), "{fish}");
}

// A file two maps share is reported once when it is broken: a path that leaves the edition,
// and a place outside the area.
#[test]
fn a_shared_map_file_is_reported_once() {
    let project = fixture_project();
    let dir = project.path().join("data/mini");
    fs::create_dir_all(dir.join("maps")).unwrap();
    fs::copy(root().join("tests/fixtures/maps/dense/area.geojson"), dir.join("maps/omriss.geojson")).unwrap();
    fs::write(dir.join("maps/steder.csv"), "name;kind;lat;lon\nLangt borte;kommunesenter;70.0;25.0\n").unwrap();
    for id in ["kart", "kart2"] {
        crate::common::append(
            &dir.join("edition.toml"),
            &format!(
                "[[maps]]\nid = \"{id}\"\nboundaries = \"maps/omriss.geojson\"\nplaces = \"../steder.csv\"\nkinds = [\"kommunesenter\"]\nhighlight = \"Utsnitt\"\ncredit = \"Test\""
            ),
        );
        crate::common::append(&dir.join("chapters/en.md"), &format!("::: map\nid = \"{id}\"\ntitle = \"KART\"\n:::"));
    }
    for (expected, fix) in
        [("expected a path inside the edition folder", true), ("inside the boundary of Utsnitt", false)]
    {
        let (code, _, stderr) =
            rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
        assert_eq!(code, 1, "{stderr}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error:")).collect();
        assert!(errors.len() == 1 && errors[0].contains(expected), "one error: {stderr}");
        if fix {
            let toml = fs::read_to_string(dir.join("edition.toml")).unwrap();
            fs::write(dir.join("edition.toml"), toml.replace("\"../steder.csv\"", "\"maps/steder.csv\"")).unwrap();
        }
    }
}

// An Excel workbook named where a CSV file is expected is told to be saved as CSV, not that
// it holds NUL bytes.
#[test]
fn a_workbook_named_as_a_table_is_told_to_be_saved_as_csv() {
    let project = fixture_project();
    let table = project.path().join("data/mini/tables/en/tabell.csv");
    for (bytes, kind) in [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec(), "an Excel workbook (.xlsx)"),
        (vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], "an Excel 97–2003 workbook (.xls)"),
    ] {
        fs::write(&table, bytes).unwrap();
        let (code, _, stderr) =
            rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(kind) && stderr.contains("save the sheet as CSV"), "{stderr}");
        assert!(!stderr.contains("NUL bytes"), "{stderr}");
    }
}

// A file edition.toml names that is missing or leaves the edition is an error of `check` at
// the edition.toml line that names it (the chapter named too), not only when built.
#[test]
fn a_file_edition_toml_names_is_blamed_on_its_line() {
    for (text, expected) in [
        ("chapters/to.md", "data/mini/chapters/to.md: cannot read this file"),
        ("../../../etc/passwd", "expected a path inside the edition folder, found `../../../etc/passwd`"),
    ] {
        let project = fixture_project();
        let chapter = format!("\n[[parts.chapters]]\nslug = \"to\"\ntitle = \"Andre\"\ntext = \"{text}\"\n");
        crate::common::append(&project.path().join("data/mini/edition.toml"), &chapter);
        let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
        assert_eq!(code, 1, "{text}: {stderr}");
        assert!(stderr.contains(expected), "{text}: {stderr}");
        assert!(stderr.contains("data/mini/edition.toml:26:8"), "the line of `text = …`: {stderr}");
        assert!(stderr.contains("named by chapter `to`"), "{stderr}");
    }
}

// With a Norwegian locale (or `--lang nb`) the help, the progress and a number cell's error
// with its hint read in bokmål; the cell's text and the file's place are untouched.
#[test]
fn messages_and_help_speak_bokmal() {
    let project = fixture_project();
    let table = project.path().join("data/mini/tables/en/tabell.csv");
    replace(&table, "Hurum;53 %", "Hurum;53.1 %");
    let (code, _, stderr) = crate::common::rapport_in(project.path(), &["check", "--edition", "mini"], "nb_NO.UTF-8");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("utgave mini: Testrapport"), "{stderr}");
    assert!(stderr.contains("feil: ventet et tall skrevet på norsk"), "the header word too: {stderr}");
    assert!(stderr.contains("fant `53.1 %`") && stderr.contains("data/mini/tables/en/tabell.csv:2:7"), "{stderr}");
    assert!(stderr.contains("norske tall har desimalkomma: skriv `53,1 %`"), "{stderr}");
    assert!(stderr.contains("feil: 1 feil i dataene"), "{stderr}");
    // `--lang en` wins over the locale; `--lang nb` over an English one.
    let (_, _, stderr) =
        crate::common::rapport_in(project.path(), &["--lang", "en", "check", "--edition", "mini"], "nb_NO.UTF-8");
    assert!(stderr.contains("expected a number in Norwegian style"), "{stderr}");
    let (code, stdout, _) = rapport(project.path(), &["--lang", "nb", "build", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Lager rapporten som PDF") && stdout.contains("Valg:"), "{stdout}");
    assert!(!stdout.contains("Possible values") && !stdout.contains("Print help"), "{stdout}");
}

/// The words a staff member reads that are English, found in `output` once file paths,
/// `code` and option names are left out (they are names, not words).
fn english_words(output: &str) -> Vec<String> {
    // Function words too (`a heading … comes from`, `not on the facing`, `and 15 more`), and
    // the statuses `list` printed: the trial met them under a Norwegian locale.
    const ENGLISH: [&str; 60] = [
        "and",
        "more",
        "not",
        "on",
        "or",
        "from",
        "comes",
        "heading",
        "title",
        "facing",
        "final",
        "draft",
        "default",
        "photo",
        "picture",
        "position",
        "mark",
        "in",
        "no",
        "problems",
        "problem",
        "found",
        "watching",
        "changes",
        "done",
        "expected",
        "error",
        "errors",
        "warning",
        "warnings",
        "pages",
        "wrote",
        "unchanged",
        "item",
        "items",
        "left",
        "usage",
        "invalid",
        "unknown",
        "did",
        "you",
        "mean",
        "the",
        "edition",
        "chapter",
        "figures",
        "note",
        "archived",
        "skipped",
        "made",
        "lists",
        "have",
        // The imports' reports (`wrote … (2 rows, 2 columns of years)`, `paste into`).
        "rows",
        "columns",
        "years",
        "tables",
        "pictures",
        "paste",
        "into",
        "things",
    ];
    let mut words = Vec::new();
    for line in output.lines() {
        // Code in backticks is quoted as typed.
        let plain: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for token in plain.split_whitespace() {
            // A lint finding's code (`heading-at-foot:`) is a name too.
            let code = token.ends_with(':')
                && token.contains('-')
                && token.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == ':');
            if code
                || token.contains('/')
                || token.starts_with("--")
                || token.contains(".toml")
                || token.contains(".pdf")
            {
                continue;
            }
            for word in token.split(|c: char| !c.is_alphabetic()) {
                if ENGLISH.contains(&word.to_lowercase().as_str()) {
                    words.push(format!("{word} (in: {line})"));
                }
            }
        }
    }
    words
}

// Under a Norwegian locale, every command a staff member runs — check (clean, with items
// left, with errors), the to-do list, build, handouts, the web edition, new-edition,
// archive, a mistyped edition or chapter, clap's own errors — prints no English word.
#[test]
fn every_command_speaks_bokmal() {
    let project = fixture_project();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "--edition", "mini2"],
        vec!["new-edition", "mini3", "--from", "mini2"],
        vec!["check", "--edition", "mini3"],
        vec!["check", "--todo", "--edition", "mini3"],
        vec!["check", "--todo", "--edition", "mini3", "--diagnostic-format", "short"],
        vec!["build", "--edition", "mini2", "--handouts"],
        vec!["build", "--edition", "mini2", "--web"],
        vec!["build", "--edition", "mini3", "--print", "--allow-placeholders"],
        vec!["archive", "--edition", "mini2"],
        vec!["archive", "--edition", "mini3"],
        vec!["build", "--edition", "mini44"],
        vec!["build", "--edition", "mini2", "--chapter", "too"],
        vec!["bygg"],
        vec!["check", "--diagnostic-format", "xml"],
        vec!["check", "--edition"],
        vec!["proof", "--print-pages", "1", "--ppi", "5"],
        vec!["list"],
    ];
    let mut english = Vec::new();
    for args in &runs {
        let (_, stdout, stderr) = crate::common::rapport_in(project.path(), args, "nb_NO.UTF-8");
        english.extend(english_words(&format!("{stdout}\n{stderr}")).into_iter().map(|w| format!("{args:?}: {w}")));
    }
    // A chapter with a heading of the wrong level.
    let chapter = project.path().join("data/mini2/chapters/to.md");
    let before = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(&chapter, format!("# Tittel\n\n{before}")).unwrap();
    let (_, stdout, stderr) =
        crate::common::rapport_in(project.path(), &["check", "--edition", "mini2"], "nb_NO.UTF-8");
    english.extend(english_words(&format!("{stdout}\n{stderr}")));
    std::fs::write(&chapter, before).unwrap();
    // A final edition with items left, refused.
    replace(&project.path().join("data/mini3/edition.toml"), "status = \"draft\"", "status = \"final\"");
    let (code, stdout, stderr) =
        crate::common::rapport_in(project.path(), &["check", "--edition", "mini3"], "nb_NO.UTF-8");
    assert_eq!(code, 1, "{stderr}");
    english.extend(english_words(&format!("{stdout}\n{stderr}")));
    assert!(english.is_empty(), "English words under nb_NO.UTF-8:\n{}", english.join("\n"));
}

// Under a Norwegian locale, the imports — SSB tables (written, and refused for a status word
// the edition lacks) and Word chapters (written with what they cannot hold, refused for a
// tracked change, for a file that exists, for a file that is no document) — print no
// English word: the reports of `wrote {} (…)` were rendered by the general `wrote {}`.
#[test]
fn imports_speak_bokmal() {
    let project = fixture_project();
    let fixture = |path: &str| crate::common::root().join("tests/fixtures").join(path).display().to_string();
    let not_docx = project.path().join("ikke.docx");
    std::fs::write(&not_docx, "tekst").unwrap();
    let runs: Vec<Vec<String>> = [
        vec!["import", "ssb", &fixture("ssb/ssb-07984.json"), "--edition", "mini"],
        vec!["import", "ssb", &fixture("ssb/ssb-13502.json"), "--edition", "mini"],
        vec!["import", "docx", &fixture("docx/kapittel.docx"), "--chapter", "ny", "--edition", "mini"],
        vec!["import", "docx", &fixture("docx/kapittel.docx"), "--chapter", "ny", "--edition", "mini"],
        vec!["import", "docx", &fixture("docx/uten-plass.docx"), "--chapter", "ny2", "--edition", "mini"],
        vec!["import", "docx", &fixture("docx/sporet.docx"), "--chapter", "ny3", "--edition", "mini"],
        vec!["import", "docx", &not_docx.display().to_string(), "--chapter", "ny4", "--edition", "mini"],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .collect();
    let mut english = Vec::new();
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, stdout, stderr) = crate::common::rapport_in(project.path(), &args, "nb_NO.UTF-8");
        // The lines to paste are TOML and chapter text, not messages.
        let said: String = format!("{stdout}\n{stderr}")
            .lines()
            .filter(|l| !l.contains(" = ") && !l.starts_with(":::") && !l.starts_with("[["))
            .map(|l| format!("{l}\n"))
            .collect();
        english.extend(english_words(&said).into_iter().map(|w| format!("{:?}: {w}", &args[..2])));
    }
    assert!(english.is_empty(), "English words under nb_NO.UTF-8:\n{}", english.join("\n"));
}

// A mistyped edition or chapter is told the closest one and the list, never an OS error.
#[test]
fn a_mistyped_edition_or_chapter_gets_the_closest() {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini22"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no edition `mini22` in data/: did you mean `mini2`? The editions: mini, mini2"),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini22"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no edition `mini22` in data/: did you mean `mini2`?"), "{stderr}");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini2", "--chapter", "too"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("expected a chapter slug of edition mini2 (to), found `too`: did you mean `to`?"),
        "{stderr}"
    );
}

// Plain typing in a chapter is printed with the report's typography: year ranges with an en
// dash, a minus sign, m², CO₂ and «» quotes.
#[test]
fn typography_is_set_at_build_time() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    replace(
        &chapter,
        "Brødtekst med",
        "Planen for 2024-2027 gir -5 % og 120 m2 og mindre CO2 i \"Ung i Asker\". Brødtekst med",
    );
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let text = crate::common::normalise(&crate::common::pdftotext(&project.path().join("out/testrapport.pdf"), false));
    assert!(text.contains("Planen for 2024–2027 gir −5 % og 120 m² og mindre CO₂ i «Ung i Asker»."), "{text}");
}

// A key-figure file may name its rows and directions in bokmål (hovedmål, delmål, nøkkeltall,
// høyere) as in English, to the same figures.
#[test]
fn key_figure_words_in_bokmal() {
    use std::sync::Arc;
    let words = rapport::inputs::value::Vocabulary::new(&[], &[]);
    let read = |text: &str| {
        let mut problems = rapport::diag::Diagnostics::default();
        let figures = rapport::inputs::keyfigures::load_key_figures(
            Path::new("k.csv"),
            &Arc::from(text),
            &[2021, 2022],
            &words,
            &mut problems,
        );
        (serde_json::to_value(figures).unwrap(), problems.to_string())
    };
    let english = read(
        "level;text;target;direction;2021;2022\ngoal;Mål;;;;\nsubgoal;Del;;;;\nindicator;Andel;> 10 %;higher;12 %;14 %\n",
    );
    let bokmal = read(
        "level;text;target;direction;2021;2022\nhovedmål;Mål;;;;\ndelmål;Del;;;;\nnøkkeltall;Andel;> 10 %;høyere;12 %;14 %\n",
    );
    assert_eq!(english.1, "");
    assert_eq!(bokmal, english);
}

// The lock files Excel (`~$tabell.csv`) and LibreOffice (`.~lock.tabell.csv#`) keep beside an
// open file are not part of an edition: not copied by new-edition, not on the to-do list, not
// refused as unchanged in a final edition, never read as data.
#[test]
fn office_lock_files_are_not_data() {
    let project = fixture_project();
    // An Excel lock: the user name's length, the name padded with spaces, NULs.
    let lock = b"\x04nils                                                   \x00\x00\x04\x00n\x00i\x00l\x00s\x00";
    let locks = |edition: &str| {
        let folder = project.path().join("data").join(edition);
        fs::write(folder.join("tables/to/~$tabell.csv"), lock).unwrap();
        fs::write(folder.join("tables/to/.~lock.tabell.csv#"), ",nils,host,06.12.2025 02:50,file:///x;").unwrap();
        fs::write(folder.join("chapters/~$to.md"), lock).unwrap();
    };
    locks("mini2");
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!project.path().join("data/mini3/tables/to/~$tabell.csv").exists(), "new-edition copied a lock file");
    // The same lock in the new edition (the workbook open in both) is no item left.
    locks("mini3");
    let (_, stdout, stderr) = rapport(project.path(), &["check", "--todo", "--edition", "mini3"]);
    assert!(!format!("{stdout}{stderr}").contains("~$"), "{stdout}{stderr}");
    replace(&project.path().join("data/mini3/edition.toml"), "status = \"draft\"", "status = \"final\"");
    append_confirm(project.path());
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!format!("{stdout}{stderr}").contains("lock"), "{stdout}{stderr}");
}

/// Confirms what `mini3` keeps from `mini2` on purpose, by name.
fn append_confirm(project: &Path) {
    crate::common::append(
        &project.join("data/mini3/edition.toml"),
        "[confirm]\nunchanged = [\"chapters/to.md\", \"tables/to/tabell.csv\"]\nno-figures = [\"Et annet nøkkeltall\"]",
    );
}

// The report's typography is set on what the data prints too, from the one function chapter
// text has: year and number ranges take an en dash in a table's title, source, header and
// labels, a nøkkeltall's text and the edition's title; a hyphen in a word stays.
#[test]
fn typography_is_set_on_the_data() {
    let project = fixture_project();
    let mini = project.path().join("data/mini");
    replace(&mini.join("edition.toml"), "title = \"Testrapport\"", "title = \"Testrapport 2020-2023\"");
    replace(&mini.join("chapters/en.md"), "title = \"EN TABELL\"", "title = \"PLAN 2024-2027\"");
    replace(&mini.join("chapters/en.md"), "source = \"Testkilde\"", "source = \"Handlingsprogram 2023-2026\"");
    let table = mini.join("tables/en/tabell.csv");
    replace(&table, "Kommune;", "Område 2019-2022;");
    replace(&table, "Hurum;", "Hurum 5-10 år;");
    replace(&table, "Sammenslått;", "Asker-modellen og e-post;");
    replace(&mini.join("key-figures/en.csv"), "Et nøkkeltall;", "Nøkkeltall for 2024-2027;");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let text = crate::common::normalise(&pdftotext(&project.path().join("out/testrapport.pdf"), false));
    for expected in [
        "Testrapport 2020–2023",
        "PLAN 2024–2027",
        "Handlingsprogram 2023–2026",
        "Område 2019–2022",
        "Hurum 5–10 år",
        "Asker-modellen og e-post",
        "Nøkkeltall for 2024–2027",
    ] {
        assert!(text.contains(expected), "the PDF lacks `{expected}`: {text}");
    }
    assert!(!text.contains("2024-2027") && !text.contains("5-10"), "{text}");
}

// Bad input under a Norwegian locale leaves no English: an id that exists already, a chart's
// share below zero, a file the system cannot read (its error in bokmål), and clap's usage
// line (`[OPTIONS]`, `<COMMAND>`) in help and errors.
#[test]
fn bad_input_speaks_bokmal() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    fs::create_dir_all(project.path().join("data/mini/charts/en")).unwrap();
    fs::write(project.path().join("data/mini/charts/en/andel.csv"), "Del;Andel\nA;160 %\nB;-60 %\n").unwrap();
    crate::common::append(
        &chapter,
        "::: chart\nkind = \"donut\"\nfile = \"charts/en/andel.csv\"\ntitle = \"ANDEL\"\nsource = \"Test\"\n:::\n\n::: chart\nkind = \"bar\"\nfile = \"charts/en/borte.csv\"\ntitle = \"BORTE\"\nsource = \"Test\"\n:::",
    );
    let runs: [&[&str]; 5] = [
        &["new-edition", "mini", "--from", "mini2"],
        &["check", "--edition", "mini"],
        &["--help"],
        &["build", "--help"],
        &["build", "--bogus"],
    ];
    let mut out = String::new();
    for args in runs {
        let (_, stdout, stderr) = crate::common::rapport_in(project.path(), args, "nb_NO.UTF-8");
        out.push_str(&format!("{args:?}\n{stdout}\n{stderr}\n"));
    }
    for english in [
        "exists already",
        "a share of",
        "donut chart",
        "No such file",
        "os error",
        "[OPTIONS]",
        "<COMMAND>",
        "Usage",
        "Options:",
        "Commands:",
    ] {
        assert!(!out.contains(english), "`{english}` under nb_NO.UTF-8:\n{out}");
    }
    for bokmal in
        ["finnes allerede", "en andel på null eller mer", "finnes ikke (os-feil 2)", "Bruk: rapport [VALG] <KOMMANDO>"]
    {
        assert!(out.contains(bokmal), "`{bokmal}` lacking:\n{out}");
    }
}

// An edition typed with an en dash (`2024–2027`, as the report prints it) is told, in
// bokmål, that no edition has that name and the id with a hyphen; any other odd id gets the
// list of editions.
#[test]
fn an_edition_typed_with_a_dash_is_told_the_hyphen() {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "2025-2026", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) =
        crate::common::rapport_in(project.path(), &["build", "--edition", "2025–2026"], "nb_NO.UTF-8");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("ingen utgave `2025–2026` i data/: en utgave skrives med bindestrek (`-`), ikke tankestrek (`–`): mente du `2025-2026`?"),
        "{stderr}"
    );
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "min i"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("found `min i`; the editions: "), "{stderr}");
}

// Words for a unit the edition has (`pst`, `mill. kroner`, `kroner`, `mill kr`) are told the
// exact unit to write, never sent to `units`.
#[test]
fn unit_words_are_told_the_unit_to_write() {
    let project = fixture_project();
    fs::write(
        project.path().join("data/mini/tables/en/tabell.csv"),
        "Kommune;2021;2022\nHurum;53 pst;66 prosent\nSammenslått;5 mill. kroner;73 kroner\n",
    )
    .unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1, "{stderr}");
    for hint in ["write `53 %`", "write `66 %`", "write `5 mill. kr`", "write `73 kr`"] {
        assert!(stderr.contains(hint), "{hint}: {stderr}");
    }
    assert!(!stderr.contains("add it to `units`"), "{stderr}");
}

// A file named in a chapter that differs from an existing file only in letter case is told the
// existing name («mente du …?»).
#[test]
fn a_file_name_in_the_wrong_case_is_told_the_right_one() {
    let stderr = refused_in_bokmal_after("file = \"tables/en/tabell.csv\"", "file = \"tables/EN/Tabell.csv\"");
    assert!(stderr.contains("mente du `tables/en/tabell.csv`?"), "{stderr}");
}

// A block named in a bokmål message is written as the user must type it: `::: table`.
#[test]
fn a_block_is_named_as_it_is_typed() {
    let stderr = refused_in_bokmal_after("file = \"tables/en/tabell.csv\"\n", "");
    assert!(stderr.contains("`::: table`"), "{stderr}");
    assert!(!stderr.contains("`::: tabellen`"), "{stderr}");
}

// `rapport list` shows a final edition that is not finished as such, never as «ferdig»; and a
// folder in data/ that is no edition is warned of once however many editions `archive --all`
// opens.
#[test]
fn list_shows_the_real_state_and_warnings_are_said_once() {
    let project = with_draft();
    replace(&project.path().join("data/mini3/edition.toml"), "status = \"draft\"", "status = \"final\"");
    let (_, stdout, _) = crate::common::rapport_in(project.path(), &["list"], "nb_NO.UTF-8");
    let line = stdout.lines().find(|l| l.starts_with("mini3  ")).unwrap_or_default().to_string();
    // As many as `check --todo` lists: the three refused and the cover photo's position mark.
    assert!(line.starts_with("mini3  merket ferdig, men ikke ferdig: 4 ting gjenstår  "), "{stdout}");
    // Marked final with nothing blocking, but with what `check` finds left (its cover photo).
    assert!(stdout.lines().any(|l| l.starts_with("mini2  merket ferdig, 1 ting gjenstår  ")), "{stdout}");
    fs::create_dir_all(project.path().join("data/gammelt")).unwrap();
    fs::write(project.path().join("data/gammelt/notat.txt"), "x").unwrap();
    let (_, _, stderr) = rapport(project.path(), &["archive", "--all"]);
    assert_eq!(stderr.matches("data/gammelt has no edition.toml").count(), 1, "{stderr}");
}

/// `rapport check` of the mini edition under a Norwegian locale, its chapter's `from` written
/// `to`: refused, its stderr.
fn refused_in_bokmal_after(from: &str, to: &str) -> String {
    let project = fixture_project();
    replace(&project.path().join("data/mini/chapters/en.md"), from, to);
    let (code, _, stderr) = crate::common::rapport_in(project.path(), &["check", "--edition", "mini"], "nb_NO.UTF-8");
    assert_eq!(code, 1, "{stderr}");
    stderr
}

// The slow commands say what they are doing, stage by stage, on standard error and in bokmål
// under a Norwegian locale (staff waited 22–50 s with no sign of life); standard output, which
// scripts read, holds none of it; approve says what it wrote in bokmål.
#[test]
fn slow_commands_say_each_stage_in_bokmal() {
    let project = fixture_project();
    let run = |args: &[&str]| crate::common::rapport_in(project.path(), args, "nb_NO.UTF-8");
    let (code, stdout, stderr) = run(&["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    for stage in ["Leser kapitler og tabeller …", "Setter boken …", "Kontrollerer sidene …"] {
        assert!(stderr.contains(stage) && !stdout.contains(stage), "check lacks {stage}: {stderr}");
    }
    let (code, stdout, stderr) = run(&["approve", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    for stage in ["Setter boken …", "Lager PDF-en …", "Tegner sidene for sammenligning …"] {
        assert!(stderr.contains(stage), "approve lacks {stage}: {stderr}");
    }
    assert!(stdout.starts_with("skrev approved/mini/baseline.json"), "{stdout}");
    let (code, _, stderr) = run(&["diff", "--edition", "mini"]);
    assert!(code == 0 || code == i32::from(rapport::error::CHANGES), "{stderr}");
    assert!(stderr.contains("Sammenligner med godkjent utgave …"), "diff: {stderr}");
    // In English without a Norwegian locale; the short format, read by scripts, has none.
    let (_, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert!(stderr.contains("Typesetting the book …"), "{stderr}");
    let (_, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert!(!stderr.contains("…"), "{stderr}");
}

// proof says what it wrote in bokmål under a Norwegian locale, as build and approve do.
#[test]
fn proof_says_what_it_wrote_in_bokmal() {
    let project = fixture_project();
    let (code, stdout, stderr) = crate::common::rapport_in(
        project.path(),
        &["proof", "--edition", "mini", "--pages", "1", "--ppi", "20"],
        "nb_NO.UTF-8",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.is_empty() && stdout.lines().all(|l| l.starts_with("skrev ")), "{stdout}");
}

// Staff grader (issue 36): a table file the chapter names that is not there is said at the
// chapter's line and column, with the nearest table file suggested.
#[test]
fn a_wrong_table_name_suggests_the_nearest_file() {
    let project = fixture_project();
    replace(&project.path().join("data/mini/chapters/en.md"), "tables/en/tabell.csv", "tables/en/tabel.csv");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("data/mini/chapters/en.md:"), "{stderr}");
    assert!(stderr.contains("did you mean `tables/en/tabell.csv`?"), "{stderr}");
    let (_, _, stderr) = crate::common::rapport_in(project.path(), &["check", "--edition", "mini"], "nb_NO.UTF-8");
    assert!(stderr.contains("mente du `tables/en/tabell.csv`?"), "{stderr}");
}
