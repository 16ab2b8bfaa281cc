//! `rapport import docx`: Word chapters written as the chapter dialect (issue 36), from the
//! fixtures in `tests/fixtures/docx/` (made by its `make_fixtures.py`, see its README).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::common::{append, fixture_project, rapport, rapport_in, root};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/docx").join(name)
}

/// Imports `docx` into the fixture project's `mini` edition as chapter `slug` with `args`;
/// (exit code, stdout, stderr).
fn import(project: &Path, docx: &Path, slug: &str, args: &[&str]) -> (i32, String, String) {
    let docx = docx.to_str().expect("a UTF-8 path");
    let mut all = vec!["import", "docx", docx, "--chapter", slug, "--edition", "mini"];
    all.extend_from_slice(args);
    rapport(project, &all)
}

// Done when: a Norwegian-Word chapter (style ids `Overskrift1`, `Listeavsnitt`, `Sitat`) with
// headings, bullets, a table, a picture, a footnote and a comment imports into a chapter that
// builds, its photo's alt text taken from Word, and the footnote and comment are reported.
#[test]
fn a_norwegian_word_chapter_imports_and_builds() {
    let project = fixture_project();
    let edition = project.path().join("data/mini");
    let (code, stdout, stderr) = import(project.path(), &fixture("kapittel.docx"), "helse", &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(edition.join("chapters/helse.md")).unwrap();
    for expected in [
        "Asker kommune skal gi **gode tjenester** til alle innbyggere.\n\n## Status\n",
        "Andelen som får hjemmetjenester har økt siden 2021.",
        "- Flere heltidsstillinger\n- Velferdsteknologi i alle hjem\n- Tidlig innsats\n",
        "\n### Brukere\n",
        "::: table\nfile = \"tables/helse/tabell-1.csv\"\ntitle = \"BRUKERE AV HJEMMETJENESTER\"\nsource = \"Asker kommune\"\n:::",
        "> «Vi skal skape gode liv sammen.»",
        "::: photo\nfile = \"photos/helse-1.png\"\nalt = \"Ansatt og bruker på kjøkkenet\"\n:::",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    assert!(!text.contains("Helse og omsorg"), "the title is edition.toml's, not the text's:\n{text}");
    assert_eq!(
        fs::read_to_string(edition.join("tables/helse/tabell-1.csv")).unwrap(),
        "Kommune;2021;2022\nHurum;53 %;66 %\nSammenslått;1 225;1 300\n"
    );
    assert!(fs::read(edition.join("photos/helse-1.png")).unwrap().starts_with(b"\x89PNG"));
    assert!(
        stderr.contains(
            "  footnote 1 (kept as the paragraph «Fotnote 1: …» after its paragraph): «Tall fra KOSTRA, 2023.»"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "  comment from Kari Nordmann on «Tallene gjelder brukere over 67 år.» (left out): «Sjekk tallet for 2022 med fagavdelingen.»"
        ),
        "{stderr}"
    );
    let snippet =
        "[[parts.chapters]]\nslug = \"helse\"\ntitle = \"Helse og omsorg\"\ngoals = []\ntext = \"chapters/helse.md\"";
    assert!(stdout.contains(snippet), "{stdout}");
    // Listed as printed, the chapter checks clean (its photo has Word's alt text) and builds.
    append(&edition.join("edition.toml"), snippet);
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini", "--chapter", "helse"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(project.path().join("out/testrapport-helse.pdf").is_file(), "{stderr}");
}

// An unaccepted tracked change is refused, naming it, its author and its text; nothing written.
#[test]
fn tracked_changes_are_refused_until_accepted() {
    let project = fixture_project();
    let docx = fixture("sporet.docx");
    let (code, _, stderr) = import(project.path(), &docx, "ny", &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("sporet.docx: expected a document whose tracked changes are all accepted or rejected, found an insertion by Ola Nordmann not yet accepted: «utvides i 2024»"), "{stderr}");
    assert!(!project.path().join("data/mini/chapters/ny.md").exists(), "nothing written on an error");
    let args = ["import", "docx", docx.to_str().unwrap(), "--chapter", "ny", "--edition", "mini"];
    let (_, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert!(stderr.contains("fant en innsetting av Ola Nordmann som ikke er godtatt: «utvides i 2024»"), "{stderr}");
}

// Italics, a numbered list and merged cells are each reported with their text, never dropped.
#[test]
fn what_the_chapter_cannot_hold_is_reported_by_name() {
    let project = fixture_project();
    let (code, _, stderr) = import(project.path(), &fixture("uten-plass.docx"), "ny", &[]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "4 things in uten-plass.docx the chapter cannot hold as Word has them",
        "  a header cell merged over columns 2–3 of table 1, row 1 (its text written as the header of each: give each column its own header in Word): «Antall»",
        "  italics (written upright): «foreløpig»",
        "  a numbered list (written as bullets): «Kartlegge behov»",
        "  a numbered list (written as bullets): «Prioritere tiltak»",
    ] {
        assert!(stderr.contains(expected), "lacks {expected:?}: {stderr}");
    }
    let text = fs::read_to_string(project.path().join("data/mini/chapters/ny.md")).unwrap();
    assert!(text.starts_with("Planen er foreløpig vedtatt.\n\n- Kartlegge behov\n- Prioritere tiltak\n"), "{text}");
    let csv = fs::read_to_string(project.path().join("data/mini/tables/ny/tabell-1.csv")).unwrap();
    // The merged header heads both its columns: never an empty column header.
    assert_eq!(csv, "Enhet;Antall;Antall\nNord;4;5\nSør;6;7\n");
    // In bokmål, the document's words untouched.
    let docx = fixture("uten-plass.docx");
    let args = ["import", "docx", docx.to_str().unwrap(), "--chapter", "ny", "--edition", "mini", "--force"];
    let (_, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert!(stderr.contains("  kursiv (skrevet rett): «foreløpig»"), "{stderr}");
    assert!(!stderr.contains("italics") && !stderr.contains("merged") && !stderr.contains("header"), "{stderr}");
}

// An existing chapter file is kept, named by its chapter's title, unless --force; with it, replaced.
#[test]
fn an_existing_chapter_needs_force() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let before = fs::read_to_string(&chapter).unwrap();
    let (code, stdout, stderr) = import(project.path(), &fixture("uten-plass.docx"), "en", &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("data/mini/chapters/en.md is the text of the chapter «Første kapittel» of this edition"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&chapter).unwrap(), before);
    assert!(!project.path().join("data/mini/tables/en/tabell-1.csv").exists());
    let (code, _, stderr) = import(project.path(), &fixture("uten-plass.docx"), "en", &["--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::read_to_string(&chapter).unwrap().starts_with("Planen er foreløpig vedtatt."));
    // A chapter of the edition needs no lines for edition.toml.
    assert!(!stdout.contains("[[parts.chapters]]"), "{stdout}");
}

/// A .docx (ZIP) of `members`, stored deflated.
fn docx_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

// Hostile files are refused with a message, never a panic or an unbounded read: not a ZIP, a
// part that inflates past the limit, a document type declaration, a slug that leaves the folder.
#[test]
fn hostile_documents_are_refused() {
    let project = fixture_project();
    let bomb = vec![b' '; (64 << 20) + 1];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "text.docx",
            b"not a zip".to_vec(),
            "text.docx: expected a Word document (.docx, a ZIP file), found another kind of file",
        ),
        (
            "bomb.docx",
            docx_of(&[("word/document.xml", &bomb)]),
            "bomb.docx: expected the parts of a Word document to inflate to at most 64 MB each, found `word/document.xml`",
        ),
        (
            "dtd.docx",
            docx_of(&[("word/document.xml", b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]><w:document><w:body/></w:document>")]),
            "dtd.docx: the part `word/document.xml`: expected XML without a document type declaration",
        ),
        (
            "empty.docx",
            docx_of(&[("x.txt", b"x")]),
            "empty.docx: expected a Word document, found no `word/document.xml` in it",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = project.path().join(name);
        fs::write(&path, bytes).unwrap();
        let (code, _, stderr) = import(project.path(), &path, "ny", &[]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    for slug in ["../ny", "Ny", "index", ""] {
        let (code, _, stderr) = import(project.path(), &fixture("kapittel.docx"), slug, &[]);
        assert_eq!(code, 2, "{slug}: {stderr}");
        assert!(stderr.contains("expected --chapter as a short name of lower-case letters"), "{stderr}");
    }
    assert!(!project.path().join("data/mini/chapters/ny.md").exists());
}

// A document without a title, and a table without a caption or a `Kilde:` line, leave items
// that `check --todo` lists (never the slug printed as the chapter's title, nor a table
// without its source, in silence); in a final edition each is an error.
#[test]
fn a_missing_title_or_source_is_left_to_do() {
    let project = fixture_project();
    let edition = project.path().join("data/mini");
    let (code, stdout, stderr) = import(project.path(), &fixture("uten-plass.docx"), "ny", &[]);
    assert_eq!(code, 0, "{stderr}");
    let snippet = "[[parts.chapters]]\nslug = \"ny\"\ntitle = \"\"\ngoals = []\ntext = \"chapters/ny.md\"";
    assert!(stdout.contains(snippet), "{stdout}");
    append(&edition.join("edition.toml"), snippet);
    let (_, todo, stderr) = rapport(project.path(), &["check", "--todo", "--edition", "mini"]);
    for expected in [
        "data/mini/edition.toml: the chapter `ny` has no title yet",
        "data/mini/chapters/ny.md: the table tables/ny/tabell-1.csv has no title yet",
        "data/mini/chapters/ny.md: the table tables/ny/tabell-1.csv has no source yet",
    ] {
        assert!(todo.contains(expected), "lacks {expected:?}: {todo}{stderr}");
    }
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("has no source yet: write `source = \"…\"` in its `::: table` block (or `source = \"\"` for a table without one), in an edition marked `status = \"final\"`"), "{stderr}");
}

// Issue 36: chapters saved by LibreOffice (a real `soffice --convert-to docx`: style names
// `Heading 1`, `Title`, `Quotations`, `List Bullet`, a footnote, an annotation) and in Google
// Docs' export shape (hand-made: Normal paragraphs with ● numbering, footnote id 0, Arial on
// every run, no caption style) import with headings, bullets, a table and a picture, report
// their footnote and comment, and build with the photo's alt text taken from the document.
#[test]
fn libreoffice_and_google_docs_chapters_import_and_build() {
    let project = fixture_project();
    let edition = project.path().join("data/mini");
    for (file, slug, title, expected, reported) in [
        (
            "libreoffice.docx",
            "kultur",
            "Kultur og fritid",
            &[
                "Asker kommune skal ha et **rikt kulturliv** for alle.\n\n## Status\n",
                "- Flere arrangementer for unge\n- Meråpne bibliotek\n- Kulturskole for alle\n",
                "\n### Besøk\n",
                "::: table\nfile = \"tables/kultur/tabell-1.csv\"\ntitle = \"BESØK PÅ BIBLIOTEKENE\"\nsource = \"Asker kommune\"\n:::",
                "> «Biblioteket er byens felles stue.»",
                "::: photo\nfile = \"photos/kultur-1.png\"\nalt = \"Lesesalen på Asker bibliotek\"\ncredit = \"Asker kommune\"\n:::",
            ][..],
            &[
                "  footnote 1 (kept as the paragraph «Fotnote 1: …» after its paragraph): «Tall fra bibliotekenes egne tellinger.»",
                "  comment from Per Hansen on «Åpningstidene er utvidet.» (left out): «Gjelder dette alle bibliotekene?»",
            ][..],
        ),
        (
            "google-docs.docx",
            "klima",
            "Miljø og klima",
            &[
                "Asker kommune skal kutte **utslippene av klimagasser** i perioden.\n\n## Status\n",
                "- Flere ladepunkter\n- Mer sykkelvei\n- Fossilfrie byggeplasser\n",
                "\n### Utslipp\n",
                "::: table\nfile = \"tables/klima/tabell-1.csv\"\ntitle = \"UTSLIPP AV KLIMAGASSER\"\nsource = \"Miljødirektoratet\"\n:::",
                "::: photo\nfile = \"photos/klima-1.png\"\nalt = \"Ladepunkter ved Asker rådhus\"\ncredit = \"Asker kommune\"\n:::",
            ][..],
            &[
                "  footnote 1 (kept as the paragraph «Fotnote 1: …» after its paragraph): «Tall fra Miljødirektoratets klimagassregnskap.»",
                "  comment from Lise Berg on «Målet for 2030 står fast.» (left out): «Bør vi nevne delmålet for 2025?»",
            ][..],
        ),
    ] {
        let (code, stdout, stderr) = import(project.path(), &fixture(file), slug, &[]);
        assert_eq!(code, 0, "{file}: {stderr}");
        let text_file = edition.join(format!("chapters/{slug}.md"));
        let text = fs::read_to_string(&text_file).unwrap();
        for expected in expected {
            assert!(text.contains(expected), "{file}: lacks {expected:?}:\n{text}");
        }
        assert!(!text.contains(title), "{file}: the title is edition.toml's:\n{text}");
        for reported in reported {
            assert!(stderr.contains(reported), "{file}: lacks {reported:?}: {stderr}");
        }
        let csv = fs::read_to_string(edition.join(format!("tables/{slug}/tabell-1.csv"))).unwrap();
        assert_eq!(csv.lines().count(), 3, "{file}: {csv}");
        assert!(fs::read(edition.join(format!("photos/{slug}-1.png"))).unwrap().starts_with(b"\x89PNG"));
        let snippet = format!(
            "[[parts.chapters]]\nslug = \"{slug}\"\ntitle = \"{title}\"\ngoals = []\ntext = \"chapters/{slug}.md\""
        );
        assert!(stdout.contains(&snippet), "{file}: {stdout}");
        append(&edition.join("edition.toml"), &snippet);
        let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini", "--chapter", slug]);
        assert_eq!(code, 0, "{file}: {stderr}");
        assert!(project.path().join(format!("out/testrapport-{slug}.pdf")).is_file(), "{stderr}");
    }
}

/// `docx` with `edit` applied to its `word/document.xml`, written to `to`.
fn edited_docx(docx: &Path, to: &Path, edit: impl Fn(String) -> String) {
    let mut archive = zip::ZipArchive::new(fs::File::open(docx).unwrap()).unwrap();
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        if file.name() == "word/document.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let edited = edit(text.clone());
            assert_ne!(edited, text, "the edit applies");
            bytes = edited.into_bytes();
        }
        members.push((file.name().to_string(), bytes));
    }
    let members: Vec<(&str, &[u8])> = members.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    fs::write(to, docx_of(&members)).unwrap();
}

// Issue 36, a staff grader: Word's alt text becomes the photo's `alt` (it was a comment to copy
// by hand), and a picture without alt text in Word is said as a warning.
#[test]
fn word_alt_text_is_carried_and_its_lack_is_said() {
    let project = fixture_project();
    let (code, _, stderr) = import(project.path(), &fixture("kapittel.docx"), "helse", &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(project.path().join("data/mini/chapters/helse.md")).unwrap();
    assert!(text.contains("alt = \"Ansatt og bruker på kjøkkenet\"\n"), "{text}");
    assert!(!stderr.contains("has no alt text"), "{stderr}");
    let bare = project.path().join("uten-alt.docx");
    edited_docx(&fixture("kapittel.docx"), &bare, |xml| {
        xml.replace("descr=\"Ansatt og bruker på kjøkkenet\"", "descr=\"\"")
    });
    let docx = bare.to_str().unwrap();
    let args = ["import", "docx", docx, "--chapter", "bare", "--edition", "mini"];
    let (code, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("advarsel: bildet photos/bare-1.png har ingen alternativ tekst i Word"), "{stderr}");
    let text = fs::read_to_string(project.path().join("data/mini/chapters/bare.md")).unwrap();
    assert!(!text.contains("alt = "), "{text}");
}

// Issue 36, a staff grader: an empty column header (not from a merge) is refused, naming the
// document, table, row and column; nothing is written.
#[test]
fn an_empty_column_header_is_refused() {
    let project = fixture_project();
    let docx = project.path().join("tom.docx");
    // uten-plass.docx's merged header, its span taken away: the third column has no header.
    edited_docx(&fixture("uten-plass.docx"), &docx, |xml| {
        let at = xml.find("<w:gridSpan w:val=\"2\"/>").expect("the merged header");
        let rest = &xml[at..];
        let end = rest.find("</w:tc>").unwrap() + "</w:tc>".len();
        format!("{}{}<w:tc><w:p/></w:tc>{}", &xml[..at], &rest[..end], &rest[end..]).replacen(
            "<w:gridSpan w:val=\"2\"/>",
            "",
            1,
        )
    });
    let (code, _, stderr) = import(project.path(), &docx, "tom", &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("tom.docx: table 1, row 1, column 3: expected a header for each column, found an empty cell"),
        "{stderr}"
    );
    assert!(!project.path().join("data/mini/chapters/tom.md").exists(), "nothing written");
}

// Issue 36, a staff grader: --add (or --legg-til) writes the new chapter into edition.toml
// (comments and order kept, after the part's chapters), and refuses a chapter listed already.
#[test]
fn add_lists_a_new_chapter_in_edition_toml() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    let before = fs::read_to_string(&toml).unwrap();
    // A part that is not there is refused before anything is written.
    let (code, _, stderr) = import(project.path(), &fixture("kapittel.docx"), "helse", &["--add", "--part", "Ingen"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("expected --part as the title of a part of") && stderr.contains("(«Del»)"), "{stderr}");
    assert!(!project.path().join("data/mini/chapters/helse.md").exists());
    let (code, _, stderr) = import(project.path(), &fixture("kapittel.docx"), "helse", &["--legg-til"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("added chapter `helse` to the part «Del» in data/mini/edition.toml"), "{stderr}");
    let after = fs::read_to_string(&toml).unwrap();
    let added = "\n[[parts.chapters]]\nslug = \"helse\"\ntitle = \"Helse og omsorg\"\ngoals = []\ntext = \"chapters/helse.md\"\n";
    assert_eq!(after, format!("{before}{added}"), "the chapter added after the others, all else kept");
    let (code, _, stderr) = rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    // Listed already: refused, edition.toml and the chapter left as they are.
    let (code, _, stderr) = import(project.path(), &fixture("kapittel.docx"), "helse", &["--add", "--force"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("chapter `helse` («Helse og omsorg») is already in data/mini/edition.toml"), "{stderr}");
    assert_eq!(fs::read_to_string(&toml).unwrap(), after);
}

// Staff grader (issue 36): --force over a chapter keeps its old text beside it and says where,
// and warns that edition.toml's title is the old one and which tables the old text used.
#[test]
fn force_keeps_the_old_text_and_names_what_it_used() {
    let project = fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let before = fs::read_to_string(&chapter).unwrap();
    let docx = fixture("uten-plass.docx");
    let args = ["import", "docx", docx.to_str().unwrap(), "--chapter", "en", "--edition", "mini", "--force"];
    let (code, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert_eq!(code, 0, "{stderr}");
    let kept = project.path().join("data/mini/chapters/en.md.forrige");
    assert_eq!(fs::read_to_string(&kept).unwrap(), before, "the old text is kept whole");
    assert!(stderr.contains("den gamle teksten er lagt i data/mini/chapters/en.md.forrige"), "{stderr}");
    assert!(stderr.contains("«Første kapittel»"), "the old title is named: {stderr}");
    assert!(stderr.contains("tables/en/tabell.csv"), "the table no longer used is named: {stderr}");
    // A second import keeps the first copy too: nothing is lost.
    let (code, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(fs::read_to_string(&kept).unwrap(), before);
    assert!(project.path().join("data/mini/chapters/en.md.forrige-2").is_file(), "{stderr}");
}

// Staff grader (issue 36): Google's table title (an all-caps paragraph right before the table)
// becomes the table's title, and the import says so; a table left without a title is warned
// of at import, naming the line to write it on.
#[test]
fn a_title_paragraph_before_a_table_becomes_its_title_or_is_asked_for() {
    let project = fixture_project();
    let (code, _, stderr) = import(project.path(), &fixture("google-docs.docx"), "klima", &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(project.path().join("data/mini/chapters/klima.md")).unwrap();
    assert!(text.contains("file = \"tables/klima/tabell-1.csv\"\ntitle = \"UTSLIPP AV KLIMAGASSER\"\n"), "{text}");
    assert!(!text.contains("UTSLIPP AV KLIMAGASSER\n\n::: table"), "{text}");
    assert!(stderr.contains("«UTSLIPP AV KLIMAGASSER» (the paragraph before table 1) taken as its title"), "{stderr}");
    let (code, _, stderr) = import(project.path(), &fixture("uten-plass.docx"), "ny", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: table 1 (tables/ny/tabell-1.csv) has no title: write `title = \"…\"` in its `::: table` block, data/mini/chapters/ny.md line"),
        "{stderr}"
    );
}

// Staff grader (issue 36): a chapter's title given as --chapter is refused with its slug suggested.
#[test]
fn a_title_as_chapter_suggests_the_slug() {
    let project = fixture_project();
    let docx = fixture("kapittel.docx");
    let args = ["import", "docx", docx.to_str().unwrap(), "--chapter", "Kultur og fritid", "--edition", "mini"];
    let (code, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("mente du `--chapter kultur-og-fritid`?"), "{stderr}");
    let (_, _, stderr) = import(project.path(), &docx, "Miljø og klima", &[]);
    assert!(stderr.contains("did you mean `--chapter miljo-og-klima`?"), "{stderr}");
}

// Staff grader (issue 36): a damaged .docx is said in plain words with what to do, no library English.
#[test]
fn a_damaged_docx_is_said_plainly() {
    let project = fixture_project();
    let good = fs::read(fixture("kapittel.docx")).unwrap();
    let path = project.path().join("skadet.docx");
    fs::write(&path, &good[..good.len() / 2]).unwrap();
    let args = ["import", "docx", path.to_str().unwrap(), "--chapter", "ny", "--edition", "mini"];
    let (code, _, stderr) = rapport_in(project.path(), &args, "nb_NO.UTF-8");
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("skadet.docx: filen er ikke et Word-dokument som kan leses"), "{stderr}");
    assert!(stderr.contains("åpne den i Word og lagre den på nytt som .docx"), "{stderr}");
    assert!(!stderr.contains("EOCD") && !stderr.contains("ZIP") && !stderr.contains("invalid"), "{stderr}");
}

// Staff grader (issue 36): a footnote's text is kept in the chapter, as a paragraph after its
// paragraph, and the import says so.
#[test]
fn a_footnote_is_kept_in_the_chapter() {
    let project = fixture_project();
    let (code, _, stderr) = import(project.path(), &fixture("kapittel.docx"), "helse", &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = fs::read_to_string(project.path().join("data/mini/chapters/helse.md")).unwrap();
    assert!(text.contains("\n\nFotnote 1: Tall fra KOSTRA, 2023.\n"), "{text}");
    assert!(
        stderr.contains(
            "  footnote 1 (kept as the paragraph «Fotnote 1: …» after its paragraph): «Tall fra KOSTRA, 2023.»"
        ),
        "{stderr}"
    );
}
