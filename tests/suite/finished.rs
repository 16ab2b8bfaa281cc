//! Issue 30, a finished edition: a final edition refuses what is left of the previous one
//! unless confirmed by name, editors' wording and goals the cover does not name; a draft is
//! marked in every output; `check --todo` lists everything left, in full.

use std::fs;
use std::path::Path;

use crate::common::{append, fixture_project, rapport, replace};

/// The fixture with `mini3` made from `mini2` by `new-edition` (a draft), and the output of
/// new-edition.
fn with_draft() -> (tempfile::TempDir, String) {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    (project, stderr)
}

/// Marks `mini3` final.
fn make_final(project: &Path) {
    replace(&project.join("data/mini3/edition.toml"), "status = \"draft\"", "status = \"final\"");
}

// A final edition whose chapter, table and nøkkeltall are still the previous edition's is
// refused by check, build and archive, each item by name; confirming one item leaves the
// others refused; confirming all lets it through.
#[test]
fn a_final_edition_refuses_what_is_left_unless_confirmed() {
    let (project, _) = with_draft();
    make_final(project.path());
    let toml = project.path().join("data/mini3/edition.toml");
    for command in
        [&["check", "--edition", "mini3"][..], &["build", "--edition", "mini3"], &["archive", "--edition", "mini3"]]
    {
        let command = [command, &["--diagnostic-format", "short"]].concat();
        let (code, _, stderr) = rapport(project.path(), &command);
        assert_eq!(code, 1, "{command:?}: {stderr}");
        for expected in [
            "data/mini3/chapters/to.md:1:1: error: unchanged from edition mini2, in an edition marked `status = \"final\"`",
            "data/mini3/tables/to/tabell.csv:1:1: error: unchanged from edition mini2",
            "data/mini3/key-figures/to.csv:1:1: error: the nøkkeltall «Et annet nøkkeltall» has no figures",
        ] {
            assert!(stderr.contains(expected), "{command:?} lacks {expected}: {stderr}");
        }
    }
    assert!(!project.path().join("out/archive/mini3").exists());
    // No ready-made list confirms them all in one paste (it made an unfinished edition pass):
    // the count, and each error's own confirmation by name.
    let (_, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert!(stderr.contains("3 item(s) left in an edition marked `status = \"final\"`"), "{stderr}");
    assert!(stderr.contains("no list confirms them all"), "{stderr}");
    assert!(!stderr.contains("\"chapters/to.md\", \"tables/to/tabell.csv\""), "no list to paste: {stderr}");
    // Confirming the chapter silences it alone.
    append(&toml, "[confirm]\nunchanged = [\"chapters/to.md\"]");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("chapters/to.md"), "{stderr}");
    assert!(stderr.contains("data/mini3/tables/to/tabell.csv") && stderr.contains("«Et annet nøkkeltall»"), "{stderr}");
    // Everything confirmed by name: finished.
    replace(
        &toml,
        "unchanged = [\"chapters/to.md\"]",
        "unchanged = [\"chapters/to.md\", \"tables/to/tabell.csv\"]\nno-figures = [\"Et annet nøkkeltall\"]",
    );
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    // Each check of the final edition says how many were confirmed.
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("note: 3 item(s) confirmed to stay as they are under `[confirm]` in edition.toml: 2 unchanged file(s), 1 nøkkeltall without figures"),
        "{stdout}{stderr}"
    );
}

/// Confirms by name every item `mini3` keeps from `mini2`, so that it is finished.
fn confirm_all(project: &Path) {
    append(
        &project.join("data/mini3/edition.toml"),
        "[confirm]\nunchanged = [\"chapters/to.md\", \"tables/to/tabell.csv\"]\nno-figures = [\"Et annet nøkkeltall\"]",
    );
}

// An edition that becomes the default because it was marked final is said to be so by
// `check`, `build` and `list` (in bokmål under a Norwegian locale), and `list` names its status
// in bokmål.
#[test]
fn a_new_default_edition_is_said() {
    let (project, _) = with_draft();
    let (_, stdout, stderr) = rapport(project.path(), &["list"]);
    assert!(!format!("{stdout}{stderr}").contains("is now the default"), "a draft is not: {stdout}{stderr}");
    make_final(project.path());
    confirm_all(project.path());
    for args in [&["check"][..], &["build"], &["list"]] {
        let (_, stdout, stderr) = crate::common::rapport_in(project.path(), args, "nb_NO.UTF-8");
        let out = format!("{stdout}{stderr}");
        assert!(out.contains("merk: mini3 er nå standardutgaven"), "{args:?}: {out}");
    }
    let (_, stdout, _) = crate::common::rapport_in(project.path(), &["list"], "nb_NO.UTF-8");
    // Marked final, with what `check` finds left (the cover photo's position mark).
    assert!(
        stdout.contains("mini3  merket ferdig, 1 ting gjenstår")
            && !stdout.contains(" final")
            && !stdout.contains("draft"),
        "{stdout}"
    );
}

// A final edition with items left does not become the default: a plain `check`, `build` and
// `list` work on the newest finished final edition and say which edition was passed over,
// why, and where to see what is left (in bokmål too); once finished, it is the default.
#[test]
fn an_unfinished_final_edition_is_not_the_default() {
    let (project, _) = with_draft();
    make_final(project.path());
    let said = "warning: data/mini3 is marked `status = \"final\"` but is not finished, so it is not the default edition: mini2 is, until it is finished; `rapport check --todo --edition mini3` lists what is left";
    for args in [&["check"][..], &["build"], &["list"]] {
        let (code, stdout, stderr) = rapport(project.path(), args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let out = format!("{stdout}{stderr}");
        assert!(out.contains(said), "{args:?}: {out}");
        assert!(!out.contains("mini3 is now the default"), "{args:?}: {out}");
        if args[0] != "list" {
            assert!(stderr.contains("edition mini2: Testrapport to"), "{args:?}: {stderr}");
        }
    }
    let (_, stdout, _) = rapport(project.path(), &["list"]);
    assert!(stdout.contains("mini2  final, 1 item(s) left to do  2025-06-01  Testrapport to  (default)"), "{stdout}");
    let (_, _, stderr) = crate::common::rapport_in(project.path(), &["build"], "nb_NO.UTF-8");
    assert!(
        stderr
            .contains("data/mini3 er merket `status = \"final\"`, men er ikke ferdig, så den er ikke standardutgaven"),
        "{stderr}"
    );
    // Finished, it is the default.
    confirm_all(project.path());
    let (code, _, stderr) = rapport(project.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("edition mini3: ") && !stderr.contains("is not finished"), "{stderr}");
}

// The count of what is left in a final edition, a warning printed before the errors it
// counts, does not send the reader to errors «above» (in English or in bokmål): it says each
// item's own error tells how.
#[test]
fn the_count_of_items_left_points_where_the_errors_are() {
    let (project, _) = with_draft();
    make_final(project.path());
    for (lang, count, how) in [
        ("C.UTF-8", "3 item(s) left", "(each item's own error says how;"),
        ("nb_NO.UTF-8", "3 ting gjenstår", "(feilmeldingen for hver ting sier hvordan;"),
    ] {
        let args = ["check", "--edition", "mini3", "--diagnostic-format", "short"];
        let (code, _, stderr) = crate::common::rapport_in(project.path(), &args, lang);
        assert_eq!(code, 1, "{stderr}");
        let line = stderr.lines().find(|l| l.contains(count)).unwrap_or_else(|| panic!("no count: {stderr}"));
        let at = stderr.find(line).unwrap();
        let first_error = stderr.find("chapters/to.md:1:1:").expect("the chapter's error");
        let above = line.contains("errors above") || line.contains("feilene over");
        assert!(!above || first_error < at, "the count points above, the errors are below: {stderr}");
        assert!(line.contains(how), "{line}");
    }
}

// Editors' wording in a final edition's chapter stops its build at the line that holds it;
// a draft builds (the lint warns of it on the page).
#[test]
fn editors_wording_stops_a_final_build() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    replace(&chapter, "Brødtekst med", "Tallet for 2021 finnes ikke i kildeteksten. Brødtekst med");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("data/mini/chapters/en.md:8:") && stderr.contains("editors' wording «finnes ikke i»"),
        "{stderr}"
    );
    replace(&project.path().join("data/mini/edition.toml"), "status = \"final\"", "status = \"draft\"");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
}

// The satsingsområder list names the goals of the cover; another list is an error at its line.
#[test]
fn the_chosen_goals_match_the_cover() {
    let project = fixture_project();
    replace(
        &project.path().join("data/mini/edition.toml"),
        "years = [2021, 2022]",
        "years = [2021, 2022]\ncover-goals = [3, 4]",
    );
    let chapter = project.path().join("data/mini/chapters/en.md");
    append(&chapter, "::: goals\ngoals = [3, 11]\n:::");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("data/mini/chapters/en.md:")
            && stderr.contains("expected the goals of the cover (`cover-goals` in edition.toml: 3, 4), found 3, 11"),
        "{stderr}"
    );
    replace(&chapter, "goals = [3, 11]", "goals = [4, 3]");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
}

/// The fixture with `n` more tables in `mini2` (`t1.csv` …) and `mini3` made from it by
/// `new-edition`, and what new-edition said.
fn draft_with_tables(n: usize) -> (tempfile::TempDir, String) {
    let project = fixture_project();
    let mini2 = project.path().join("data/mini2");
    for n in 1..=n {
        fs::write(mini2.join(format!("tables/to/t{n}.csv")), format!("Område;2023\nNord;{n} %\n")).unwrap();
    }
    let (code, _, made) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{made}");
    (project, made)
}

// `check --todo` lists every item left, grouped by chapter, in full (no «and N more»), with a
// total; `--diagnostic-format short` gives one line per item. new-edition points at it, and a
// draft with items left is never «ok: no problems found».
#[test]
fn the_todo_list_is_whole() {
    let (project, made) = draft_with_tables(8);
    assert!(made.trim_end().ends_with("`rapport check --todo --edition mini3` lists what is left"), "{made}");
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("no problems found"), "{stdout}");
    assert!(stdout.contains("item(s) left to do: `rapport check --todo --edition mini3`"), "{stdout}");
    let (code, stdout, stderr) = rapport(project.path(), &["check", "--todo", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Andre kapittel (to): 11 item(s)"), "{stdout}");
    for n in 1..=8 {
        assert!(stdout.contains(&format!("  data/mini3/tables/to/t{n}.csv: unchanged from edition mini2")), "{stdout}");
    }
    assert!(stdout.contains("  data/mini3/chapters/to.md: unchanged from edition mini2"), "{stdout}");
    assert!(stdout.contains("the nøkkeltall «Et annet nøkkeltall» has no figures"), "{stdout}");
    // The cover's missing photo, before any chapter.
    assert!(
        stdout.contains("the edition as a whole: 1 item(s)\n  page 1: a position mark for a missing picture"),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("12 item(s) left to do in edition mini3") && !stdout.contains("more"),
        "{stdout}"
    );
    let (_, short, _) =
        rapport(project.path(), &["check", "--todo", "--edition", "mini3", "--diagnostic-format", "short"]);
    let lines: Vec<&str> = short.lines().collect();
    assert_eq!(lines.len(), 13, "one line per item and the total: {short}");
    assert!(lines[..11].iter().all(|l| l.starts_with("data/mini3/")) && lines[11].starts_with("page 1: "), "{short}");
}

// A draft's web edition says «Utkast» on every page, in its title too; a final one on none.
#[test]
fn a_drafts_web_pages_say_utkast() {
    let (project, _) = with_draft();
    for id in ["mini3", "mini2"] {
        let (code, _, stderr) = rapport(project.path(), &["build", "--web", "--edition", id]);
        assert_eq!(code, 0, "{stderr}");
        let web = project.path().join("out/web");
        let pages: Vec<_> = fs::read_dir(&web)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .collect();
        assert_eq!(pages.len(), 3, "{id}: a front page, the chapter and the accessibility statement");
        for page in pages {
            let html = fs::read_to_string(page.path()).unwrap();
            let marked = html.contains("class=\"draft-band\"") && html.contains("<title>Utkast: ");
            assert_eq!(marked, id == "mini3", "{id} {}: {html}", page.path().display());
        }
    }
    // `archive --web` of the draft keeps no site.
    let (code, _, stderr) = rapport(project.path(), &["archive", "--web", "--edition", "mini3"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!project.path().join("out/archive/mini3").exists());
}

/// The grey levels (0–255) of page 1 of a PDF, rendered at 20 pixels per inch.
fn grey_pixels(pdf: &Path) -> Vec<u8> {
    let out = crate::common::tool("pdftoppm")
        .args(["-gray", "-r", "20", "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(out.status.success());
    // A binary PGM: `P5\n<w> <h>\n255\n` then the pixels.
    let data = out.stdout;
    let mut newlines = 0;
    let start = data.iter().position(|b| {
        newlines += usize::from(*b == b'\n');
        newlines == 3
    });
    data[start.expect("a PGM header") + 1..].to_vec()
}

// The draft mark shows on the cover's dark field: pixels that are dark on the final cover
// are visibly lighter somewhere on the draft's.
#[test]
fn the_draft_mark_shows_on_dark_fields() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project.path().join("out/testrapport.pdf");
    let final_cover = grey_pixels(&pdf);
    replace(&toml, "status = \"final\"", "status = \"draft\"");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let draft_cover = grey_pixels(&pdf);
    assert_eq!(final_cover.len(), draft_cover.len());
    let dark = final_cover.iter().filter(|g| **g < 90).count();
    assert!(dark > 100, "the cover has a dark field: {dark} dark pixels");
    let lifted = final_cover.iter().zip(&draft_cover).filter(|(f, d)| **f < 90 && **d >= **f + 60).count();
    assert!(lifted >= 20, "the mark is visible on the dark field: {lifted} pixels lifted");
}

// A new edition does not inherit the old one's confirmations: what the old edition kept on
// purpose is to be looked at again.
#[test]
fn confirmations_are_not_copied_to_a_new_edition() {
    let project = fixture_project();
    let mini2 = project.path().join("data/mini2/edition.toml");
    append(&mini2, "[confirm]\nunchanged = [\n  \"chapters/to.md\",\n]\nno-figures = [\"Et annet nøkkeltall\"]");
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    let toml = fs::read_to_string(project.path().join("data/mini3/edition.toml")).unwrap();
    assert!(!toml.contains("confirm") && !toml.contains("chapters/to.md\",") && !toml.contains("no-figures"), "{toml}");
    make_final(project.path());
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("data/mini3/chapters/to.md:1:1: error: unchanged from edition mini2"), "{stderr}");
}

// Deleting `previous = "…"` from a final edition's edition.toml does not silence what is left:
// a chapter or table byte-identical to any other edition's in data/ is still refused by name.
#[test]
fn a_final_edition_without_previous_still_refuses_copies() {
    let (project, _) = with_draft();
    make_final(project.path());
    let toml = project.path().join("data/mini3/edition.toml");
    let text = fs::read_to_string(&toml).unwrap();
    assert!(text.lines().any(|l| l.starts_with("previous")), "{text}");
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("previous")).collect();
    fs::write(&toml, kept.join("\n") + "\n").unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    for expected in [
        "data/mini3/chapters/to.md:1:1: error: unchanged from edition mini2, in an edition marked `status = \"final\"`",
        "data/mini3/tables/to/tabell.csv:1:1: error: unchanged from edition mini2",
    ] {
        assert!(stderr.contains(expected), "lacks {expected}: {stderr}");
    }
    append(&toml, "[confirm]\nunchanged = [\"chapters/to.md\"]");
    let (_, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert!(!stderr.contains("chapters/to.md:1:1"), "confirmed by name: {stderr}");
    assert!(stderr.contains("data/mini3/tables/to/tabell.csv:1:1: error: unchanged from edition mini2"), "{stderr}");
}

// A final edition whose `previous` folder is missing cannot show its text was updated: check,
// build and archive refuse it, naming the folder and what to do; a draft is warned.
#[test]
fn a_final_edition_without_its_previous_folder_is_refused() {
    let (project, _) = with_draft();
    confirm_all(project.path());
    fs::rename(project.path().join("data/mini2"), project.path().join("mini2-moved")).unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert_eq!(code, 0, "a draft: {stderr}");
    assert!(
        stderr.contains("data/mini3/edition.toml:1:1: warning: expected the previous edition's folder data/mini2/"),
        "{stderr}"
    );
    make_final(project.path());
    for command in
        [&["check", "--edition", "mini3"][..], &["build", "--edition", "mini3"], &["archive", "--edition", "mini3"]]
    {
        let command = [command, &["--diagnostic-format", "short"]].concat();
        let (code, _, stderr) = rapport(project.path(), &command);
        assert_eq!(code, 1, "{command:?}: {stderr}");
        assert!(
            stderr.contains("data/mini3/edition.toml:1:1: error: expected the previous edition's folder data/mini2/ with its edition.toml (`previous = \"mini2\"` in edition.toml), found none"),
            "{command:?}: {stderr}"
        );
    }
    let (_, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert!(stderr.contains("put the previous edition's folder back in data/ as data/mini2/"), "{stderr}");
}

// A table re-saved from Excel as CSV with the same cells (Windows-1252 or UTF-8 with a BOM,
// CRLF line ends, a `sep=;` first line) is still unchanged from the previous edition; one
// with a changed cell is not.
#[test]
fn a_table_resaved_from_excel_is_still_unchanged() {
    let (project, _) = with_draft();
    let table = project.path().join("data/mini3/tables/to/tabell.csv");
    let crlf = format!("sep=;\r\n{}", fs::read_to_string(&table).unwrap().replace('\n', "\r\n"));
    let todo = || rapport(project.path(), &["check", "--todo", "--edition", "mini3"]).1;
    let listed = "  data/mini3/tables/to/tabell.csv: unchanged from edition mini2";
    for bytes in
        [encoding_rs::WINDOWS_1252.encode(&crlf).0.into_owned(), [&b"\xEF\xBB\xBF"[..], crlf.as_bytes()].concat()]
    {
        fs::write(&table, bytes).unwrap();
        assert!(todo().contains(listed), "{}", todo());
    }
    fs::write(&table, crlf.replace("17 %", "18 %")).unwrap();
    assert!(!todo().contains("tabell.csv"), "{}", todo());
}

// `list` and `check --todo` give one count of what is left, draft or final (a final edition's
// list said 176 where its to-do list had 230: the position marks and the files a final
// edition may keep were counted by one and not the other).
#[test]
fn list_and_the_todo_list_give_one_count() {
    let (project, _) = with_draft();
    for status in ["draft", "final"] {
        if status == "final" {
            make_final(project.path());
        }
        let (_, todo, _) = rapport(project.path(), &["check", "--todo", "--edition", "mini3"]);
        let total = todo.lines().last().and_then(|l| l.split(' ').next()).unwrap_or_default().to_string();
        assert!(todo.trim_end().ends_with("left to do in edition mini3"), "{todo}");
        let (_, list, stderr) = rapport(project.path(), &["list"]);
        let line = list.lines().find(|l| l.starts_with("mini3 ")).unwrap_or_default();
        assert!(
            line.contains(&format!(" {total} item(s) left")),
            "{status}: list says {line:?}, check --todo {total}: {todo}{stderr}"
        );
    }
}

// An edition marked final early (many files still the previous edition's) is refused with a
// summary per folder and kind, the total and where the full list is, not a screenful per item;
// the short format keeps one line per item, for scripts.
#[test]
fn many_refusals_of_a_final_edition_are_summed_up() {
    let (project, _) = draft_with_tables(20);
    make_final(project.path());
    let (code, _, stderr) = crate::common::rapport_in(project.path(), &["check", "--edition", "mini3"], "nb_NO.UTF-8");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.lines().count() < 40, "{} lines: {stderr}", stderr.lines().count());
    assert!(
        stderr.contains(
            "21 filer uendret fra utgave mini2, i en utgave merket `status = \"final\"`: to/t1.csv, to/t10.csv"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("`rapport check --todo --edition mini3`"), "{stderr}");
    assert!(!stderr.contains("t20.csv: unchanged") && !stderr.contains("t20.csv:1:1"), "{stderr}");
    let (_, _, short) = rapport(project.path(), &["check", "--edition", "mini3", "--diagnostic-format", "short"]);
    assert!(short.contains("data/mini3/tables/to/t20.csv:1:1: error: unchanged from edition mini2"), "{short}");
}
