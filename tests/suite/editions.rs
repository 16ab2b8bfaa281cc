//! Archival editions (PDF/A-2a + PDF/UA-1, PDF/A-3a with data, manifest, reproducible) and
//! several editions side by side (default, stray folders, duplicates, new-edition).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rapport::jobs::archive::archive;
use rapport::typeset::session::Session;

use crate::common::{EDITION, fixture_project, rapport, root, verapdf};

/// The edition archived into `out`, with or without its data attached.
fn archived(out: &Path, attach_data: bool) -> PathBuf {
    let mut session = Session::open(&root(), EDITION).expect("the edition opens");
    archive(&mut session, out, attach_data, false).unwrap_or_else(|e| panic!("archive failed: {e}")).dir
}

/// The archive of the edition, made once for the tests that read it.
fn archive_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| archived(&root().join("target/test-out/archive-a"), false))
}

// A chapter saved while the edition is being archived (after it was read): the manifest
// gives the checksum of the text the PDF was made from, not of the file saved since.
#[test]
fn the_manifest_hashes_the_bytes_the_build_read() {
    use sha2::Digest;
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let before = fs::read(&chapter).unwrap();
    let mut session = Session::open(project.path(), "mini").expect("the edition opens");
    crate::common::append(&chapter, "Et avsnitt lagret under arkiveringen.");
    let archived = archive(&mut session, &project.path().join("out"), false, false).expect("archived");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(archived.dir.join("manifest.json")).unwrap()).unwrap();
    let listed = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == "data/mini/chapters/en.md")
        .expect("the chapter is an input");
    assert_eq!(listed["sha256"].as_str().unwrap(), format!("{:x}", sha2::Sha256::digest(&before)), "{listed}");
    assert_eq!(listed["bytes"].as_u64().unwrap(), before.len() as u64);
    let pdf = archived.dir.join(manifest["outputs"][0]["file"].as_str().unwrap());
    assert_eq!(
        manifest["outputs"][0]["sha256"].as_str().unwrap(),
        format!("{:x}", sha2::Sha256::digest(fs::read(&pdf).unwrap()))
    );
    assert!(!crate::common::pdftotext(&pdf, false).contains("lagret under arkiveringen"));
}

// The archive PDF passes veraPDF's PDF/A-2a and PDF/UA-1 rules with no failure.
#[test]
fn archive_is_pdf_a2a_and_ua1() {
    let pdf = archive_dir().join("4-arsrapport-2020-2023.pdf");
    for flavour in ["2a", "ua1"] {
        let (ok, report) = verapdf(flavour, &pdf);
        assert!(ok, "veraPDF {flavour}: {report}");
    }
}

// The manifest names every input with its SHA-256, the output's real checksum, the tool and
// Typst versions, the edition and the page count; two runs give the same bytes.
#[test]
fn archive_manifest_is_complete_and_reproducible() {
    let dir = archive_dir();
    let manifest: serde_json::Value = serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["edition"], EDITION);
    assert_eq!(manifest["typst"].as_str(), Some(locked_version("typst").as_str()), "the Typst that built it");
    assert!(manifest["tool"].as_str().unwrap().starts_with("rapport "));
    assert_eq!(manifest["pages"], crate::common::report().pages);
    let output = &manifest["outputs"][0];
    let pdf = fs::read(dir.join(output["file"].as_str().unwrap())).unwrap();
    use sha2::Digest;
    assert_eq!(output["sha256"].as_str().unwrap(), format!("{:x}", sha2::Sha256::digest(&pdf)));
    let inputs: Vec<&str> =
        manifest["inputs"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    for folder in [format!("data/{EDITION}"), "layout".into(), "assets".into(), "fonts".into()] {
        for file in rapport::inputs::paths::files_below(&root().join(&folder)) {
            let name = file.strip_prefix(root()).unwrap().display().to_string();
            assert!(inputs.contains(&name.as_str()), "the manifest lacks {name}");
        }
    }
    let again = archived(&root().join("target/test-out/archive-b"), false);
    for file in ["4-arsrapport-2020-2023.pdf", "manifest.json"] {
        assert_eq!(
            fs::read(dir.join(file)).unwrap(),
            fs::read(again.join(file)).unwrap(),
            "{file} differs between runs"
        );
    }
}

// With --attach-data the archive is PDF/A-3a with every CSV of the edition attached.
#[test]
fn archive_with_data_is_pdf_a3a() {
    let dir = archived(&root().join("target/test-out/archive-data"), true);
    let pdf = dir.join("4-arsrapport-2020-2023.pdf");
    let (ok, report) = verapdf("3a", &pdf);
    assert!(ok, "veraPDF 3a: {report}");
    let listed = crate::common::tool("pdfdetach").arg("-list").arg(&pdf).output().expect("pdfdetach (poppler-utils)");
    let listed = String::from_utf8_lossy(&listed.stdout);
    let csv = rapport::inputs::paths::files_below(&root().join("data").join(EDITION))
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "csv"))
        .count();
    assert!(listed.starts_with(&format!("{csv} embedded files")), "{listed}");
}

// The screen PDF, the one for the web, is PDF/UA-1 too.
#[test]
fn screen_pdf_is_ua1() {
    let (ok, report) = verapdf("ua1", &crate::common::report().pdf);
    assert!(ok, "veraPDF ua1: {report}");
}

// Two editions build side by side, and nothing of one leaks into the other.
#[test]
fn two_editions_side_by_side() {
    let project = fixture_project();
    let text = |edition: &str, pdf: &str| {
        let (code, _, stderr) = rapport(project.path(), &["build", "--edition", edition]);
        assert_eq!(code, 0, "{stderr}");
        crate::common::normalise(&crate::common::pdftotext(&project.path().join("out").join(pdf), true))
    };
    let first = text("mini", "testrapport.pdf");
    let second = text("mini2", "testrapport-to.pdf");
    assert!(first.contains("Første kapittel") && first.contains("2021") && first.contains("66 %"));
    assert!(second.contains("Andre kapittel") && second.contains("2024") && second.contains("29 %"));
    for leak in ["Første kapittel", "Testkommune", "66 %", "2021", "Ikke målt"] {
        assert!(!second.contains(leak), "`{leak}` of mini is in mini2's PDF");
    }
    for leak in ["Andre kapittel", "Annen testkommune", "29 %", "2024"] {
        assert!(!first.contains(leak), "`{leak}` of mini2 is in mini's PDF");
    }
}

// The default edition is the newest by date, or the one data/default names; every command
// says which it builds; a stray folder is a warning; two editions writing one PDF an error.
#[test]
fn default_edition_and_stray_folders() {
    let project = fixture_project();
    let data = project.path().join("data");
    fs::create_dir_all(data.join("2024-2027 - Kopi")).unwrap();
    fs::copy(data.join("mini/edition.toml"), data.join("2024-2027 - Kopi/edition.toml")).unwrap();
    fs::create_dir_all(data.join("arkiv-2016-2019")).unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("edition mini2: Testrapport to"), "the newest date wins: {stderr}");
    assert!(
        stderr.contains("warning: data/2024-2027 - Kopi")
            && stderr.contains("warning: data/arkiv-2016-2019 has no edition.toml"),
        "{stderr}"
    );
    fs::write(data.join("default"), "mini\n").unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("edition mini: Testrapport"), "{stderr}");
    crate::common::replace(&data.join("mini2/edition.toml"), "output = \"testrapport-to\"", "output = \"testrapport\"");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("data/mini/edition.toml and data/mini2/edition.toml have the same `output`"), "{stderr}");
}

// new-edition rolls the years, empties the key figures, drops printed pages and the
// corrections; check lists what is left as warnings, and accepts the edition as it is filled.
#[test]
fn new_edition_from_the_last() {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.path().join("data/mini3");
    let toml = fs::read_to_string(dir.join("edition.toml")).unwrap();
    assert!(
        toml.contains("years = [2025, 2026]")
            && toml.contains("date = 2027-06-01")
            && toml.contains("previous = \"mini2\""),
        "{toml}"
    );
    let figures = fs::read_to_string(dir.join("key-figures/to.csv")).unwrap();
    assert!(figures.starts_with("level;text;target;2025;2026\n") && figures.contains("< 80 %;;"), "{figures}");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("unchanged from edition mini2") && stderr.contains("1 nøkkeltall have no figures yet"),
        "{stderr}"
    );
    // Filled in: the figures and the text.
    fs::write(dir.join("key-figures/to.csv"), figures.replace("< 80 %;;", "< 80 %;50 %;55 %")).unwrap();
    crate::common::replace(&dir.join("chapters/to.md"), "andre kapitlet", "tredje kapitlet");
    fs::write(dir.join("tables/to/tabell.csv"), "Område;2025;2026\nNord;13 %;18 %\n").unwrap();
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("unchanged from") && !stderr.contains("have no figures"),
        "nothing left to fill: {stderr}"
    );
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 2, "an existing edition is never overwritten: {stderr}");
}

// A key-figure file that is a workbook is copied as it is, and new-edition says its figures
// and years are last period's; it used to stop on reading the spreadsheet as text.
#[test]
fn new_edition_copies_a_key_figure_workbook_and_says_so() {
    let project = fixture_project();
    let data = project.path().join("data/mini2");
    let workbook = b"PK\x03\x04\xff\xfe a spreadsheet's bytes".to_vec();
    fs::write(data.join("key-figures/to.xlsx"), &workbook).unwrap();
    crate::common::replace(&data.join("edition.toml"), "key-figures/to.csv", "key-figures/to.xlsx");
    let (code, stdout, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("data/mini3/key-figures/to.xlsx: a workbook, copied as it is"),
        "{stdout}{stderr}"
    );
    assert_eq!(fs::read(project.path().join("data/mini3/key-figures/to.xlsx")).unwrap(), workbook);
}

// The previous edition is found by the editions' own order (the years they cover, then the
// years their ids name), never by folder names: beside `2025-2026` and `2027-2028`, the oddly
// named `mini2` (its folder name sorts after both, its years before) is older than both, and
// `2025-2026` is the one just before `2027-2028`. new-edition twice in a row records each
// edition's own previous.
#[test]
fn the_previous_edition_follows_the_periods_not_folder_names() {
    let project = fixture_project();
    let data = project.path().join("data");
    for (id, from) in [("2025-2026", "mini2"), ("2027-2028", "2025-2026")] {
        let (code, _, stderr) = rapport(project.path(), &["new-edition", id, "--from", from]);
        assert_eq!(code, 0, "{stderr}");
        let toml = fs::read_to_string(data.join(id).join("edition.toml")).unwrap();
        let previous: Vec<&str> = toml.lines().filter(|l| l.starts_with("previous")).collect();
        assert_eq!(previous, [format!("previous = \"{from}\"")], "{id}: {toml}");
        if id == "2025-2026" {
            crate::common::append(&data.join(id).join("chapters/to.md"), "Teksten for 2025–2026.");
        }
    }
    // 2027-2028 goes back to mini2's chapter, keeps the table all three share, and names no
    // `previous`.
    let dir = data.join("2027-2028");
    fs::copy(data.join("mini2/chapters/to.md"), dir.join("chapters/to.md")).unwrap();
    let toml = fs::read_to_string(dir.join("edition.toml")).unwrap();
    let kept: Vec<&str> = toml.lines().filter(|l| !l.starts_with("previous")).collect();
    fs::write(dir.join("edition.toml"), kept.join("\n") + "\n").unwrap();
    // A draft is compared with the edition just before it.
    let (_, todo, _) =
        rapport(project.path(), &["check", "--todo", "--edition", "2027-2028", "--diagnostic-format", "short"]);
    assert!(todo.contains("data/2027-2028/tables/to/tabell.csv: unchanged from edition 2025-2026"), "{todo}");
    assert!(!todo.contains("chapters/to.md: unchanged"), "the chapter differs from 2025-2026's: {todo}");
    // A final edition with every older one, the nearest named first.
    crate::common::replace(&dir.join("edition.toml"), "status = \"draft\"", "status = \"final\"");
    let (code, _, stderr) =
        rapport(project.path(), &["check", "--edition", "2027-2028", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{stderr}");
    for expected in [
        "data/2027-2028/chapters/to.md:1:1: error: unchanged from edition mini2",
        "data/2027-2028/tables/to/tabell.csv:1:1: error: unchanged from edition 2025-2026",
    ] {
        assert!(stderr.contains(expected), "lacks {expected}: {stderr}");
    }
}

// Gapped years (measured every other year) roll forward by the edition's whole period, so
// the new edition neither overlaps the old one's period nor loses its cadence.
#[test]
fn gapped_years_roll_by_the_period() {
    let project = fixture_project();
    let old = project.path().join("data/mini2");
    crate::common::replace(&old.join("edition.toml"), "years = [2023, 2024]", "years = [2022, 2024]");
    crate::common::replace(
        &old.join("edition.toml"),
        "title = \"Testrapport to\"",
        "title = \"Testrapport 2022–2025\"",
    );
    crate::common::replace(&old.join("key-figures/to.csv"), ";2023;2024", ";2022;2024");
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.path().join("data/mini3");
    let toml = fs::read_to_string(dir.join("edition.toml")).unwrap();
    assert!(toml.contains("years = [2026, 2028]") && toml.contains("Testrapport 2026–2029"), "{toml}");
    let figures = fs::read_to_string(dir.join("key-figures/to.csv")).unwrap();
    assert!(figures.starts_with("level;text;target;2026;2028\n"), "{figures}");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
}

// archive --all archives every edition, each with its progress line.
#[test]
fn archive_all_editions() {
    let project = fixture_project();
    let (code, _, stderr) = rapport(project.path(), &["archive", "--all"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    for id in ["mini", "mini2"] {
        assert!(stderr.contains(&format!("archived {id} (PDF/A-2a + PDF/UA-1")), "{stderr}");
        assert!(project.path().join("out/archive").join(id).join("manifest.json").is_file());
        // Each edition's lines stand together, although the editions are archived in parallel.
        let opened =
            lines.iter().position(|l| l.starts_with(&format!("edition {id}: "))).expect("the edition is named");
        let archived = lines.iter().position(|l| l.starts_with(&format!("archived {id} ("))).expect("and archived");
        let between = &lines[opened + 1..archived];
        assert!(
            between.iter().all(|l| !l.starts_with("edition ") && !l.starts_with("archived ")),
            "another edition's lines in between: {stderr}"
        );
    }
}

/// The version of `package` that Cargo.lock pins, the independent record of what was built.
fn locked_version(package: &str) -> String {
    let lock = fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let entry = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&entry).unwrap_or_else(|| panic!("Cargo.lock has no {package}")) + entry.len();
    lock[start..].split('"').next().unwrap_or_default().to_string()
}

// The id typed decides the new edition's period when it names one (`2025-2028` from
// `2024-2027` gets years 2024–2027, as `2020-2023` has 2019–2022), never the period after the
// old one; an id of one year is refused with the period to give, and `--period` gives it.
#[test]
fn new_edition_takes_the_period_its_id_names() {
    let project = fixture_project();
    let data = project.path().join("data");
    crate::common::copy_dir(&data.join("mini2"), &data.join("2020-2023"));
    let old = data.join("2020-2023");
    crate::common::replace(&old.join("edition.toml"), "id = \"mini2\"", "id = \"2020-2023\"");
    crate::common::replace(
        &old.join("edition.toml"),
        "title = \"Testrapport to\"",
        "title = \"Testrapport 2020-2023\"",
    );
    crate::common::replace(
        &old.join("edition.toml"),
        "output = \"testrapport-to\"",
        "output = \"testrapport-2020-2023\"",
    );
    crate::common::replace(&old.join("edition.toml"), "years = [2023, 2024]", "years = [2019, 2020, 2021, 2022]");
    fs::write(
        old.join("key-figures/to.csv"),
        "level;text;target;2019;2020;2021;2022\ngoal;Mål.;;;;;\nsubgoal;Delmål.;;;;;\nindicator;Tall;< 80 %;41,5 %;;;\n",
    )
    .unwrap();
    let toml = |id: &str| fs::read_to_string(data.join(id).join("edition.toml")).unwrap();
    for (id, from, years, title) in [
        ("2024-2027", "2020-2023", "years = [2023, 2024, 2025, 2026]", "title = \"Testrapport 2024-2027\""),
        ("2025-2028", "2024-2027", "years = [2024, 2025, 2026, 2027]", "title = \"Testrapport 2025-2028\""),
    ] {
        let (code, _, stderr) = rapport(project.path(), &["new-edition", id, "--from", from]);
        assert_eq!(code, 0, "{stderr}");
        let made = toml(id);
        assert!(made.contains(years) && made.contains(title), "{id}: {made}");
    }
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "2030", "--from", "2024-2027"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("expected the new edition's period in its id (`2028-2031`) or with `--period 2028-2031`"),
        "{stderr}"
    );
    assert!(!data.join("2030").exists());
    let (code, _, stderr) =
        rapport(project.path(), &["new-edition", "2030", "--from", "2024-2027", "--period", "2028-2031"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(toml("2030").contains("years = [2027, 2028, 2029, 2030]"), "{}", toml("2030"));
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "2029-2033", "--from", "2024-2027"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("expected a period of 4 years as 2024-2027's (2024-2027), found 2029-2033"), "{stderr}");
}

// Issue 35: `years` at the ends of what a number holds are refused by new-edition with the
// year named, never a panic or a wrapped-around roll («years 0 forward»), and nothing is made.
#[test]
fn new_edition_refuses_years_it_cannot_roll() {
    for (years, named) in [
        ("[2021, 2147483647]", "2147483647"),
        ("[-2147483648, 2021]", "-2147483648"),
        ("[2147483646, 2147483647]", "2147483647"),
    ] {
        let project = fixture_project();
        let toml = project.path().join("data/mini/edition.toml");
        crate::common::replace(&toml, "years = [2021, 2022]", &format!("years = {years}"));
        let (code, _, stderr) = rapport(project.path(), &["new-edition", "neste", "--from", "mini"]);
        assert_eq!(code, 2, "{years}: {stderr}");
        assert!(stderr.contains(named) && !stderr.contains("panicked"), "{years}: {stderr}");
        assert!(!project.path().join("data/neste").exists(), "{years}");
        let (_, _, stderr) =
            crate::common::rapport_in(project.path(), &["new-edition", "neste", "--from", "mini"], "nb_NO.UTF-8");
        assert!(stderr.contains("kan ikke rulle") && stderr.contains(named), "{years}: {stderr}");
    }
}

// Issue 35: new-edition edits edition.toml as a document: the designer's comments and layout
// stay, and a title another edition has is made unique even with a comment after it.
#[test]
fn new_edition_keeps_comments_and_layout() {
    let project = fixture_project();
    let toml = project.path().join("data/mini2/edition.toml");
    crate::common::replace(&toml, "id = \"mini2\"", "id = \"mini2\" # the folder's name");
    crate::common::replace(&toml, "title = \"Testrapport to\"", "title = \"Testrapport to\" # on the cover");
    crate::common::replace(&toml, "years = [2023, 2024]", "# The years of the key figures.\nyears = [2023,   2024]");
    let (code, _, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    let made = fs::read_to_string(project.path().join("data/mini3/edition.toml")).unwrap();
    for kept in [
        "# A second small edition beside `mini`",
        "id = \"mini3\" # the folder's name\n",
        "title = \"Testrapport to (mini3)\" # on the cover\n",
        "# The years of the key figures.\nyears = [2025,   2026]\n",
        "previous = \"mini2\"",
        "status = \"draft\"",
    ] {
        assert!(made.contains(kept), "lacks {kept:?}:\n{made}");
    }
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini3"]);
    assert_eq!(code, 0, "{stderr}");
}

// new-edition copies the workbooks the edition's chapters and key figures use, and leaves
// out, by name, those no chapter uses (a colleague's old drafts beside the tables); a
// workbook a `::: table` block reads is copied as it is.
#[test]
fn new_edition_copies_only_the_workbooks_the_chapters_use() {
    let project = fixture_project();
    let data = project.path().join("data/mini2");
    let workbook = fs::read(crate::common::root().join("tests/fixtures/workbooks/tabell.xlsx")).unwrap();
    fs::write(data.join("tables/to/brukt.xlsx"), &workbook).unwrap();
    fs::write(data.join("tables/to/gammel-kladd.xlsx"), &workbook).unwrap();
    fs::write(data.join("tables/ubrukt.ods"), b"PK\x03\x04 an old sheet").unwrap();
    crate::common::append(
        &data.join("chapters/to.md"),
        "::: table\nfile = \"tables/to/brukt.xlsx\"\ntitle = \"BRUKT\"\nsource = \"Test\"\n:::",
    );
    let (code, stdout, stderr) = rapport(project.path(), &["new-edition", "mini3", "--from", "mini2"]);
    assert_eq!(code, 0, "{stderr}");
    let new = project.path().join("data/mini3");
    assert_eq!(fs::read(new.join("tables/to/brukt.xlsx")).unwrap(), workbook);
    assert!(!new.join("tables/to/gammel-kladd.xlsx").exists() && !new.join("tables/ubrukt.ods").exists());
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains("left out 2 workbook(s) no chapter uses (they stay in data/mini2/): tables/to/gammel-kladd.xlsx, tables/ubrukt.ods"),
        "{said}"
    );
}
