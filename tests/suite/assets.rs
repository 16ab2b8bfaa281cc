//! SVG assets: every icon parses, broken or non-self-contained SVGs are reported by name,
//! and `rapport proof` writes previews and a contact sheet.

use std::fs;

use rapport::checks::assets::{SvgReader, svg_files};

use crate::common::{fixture_project, rapport, root};

// All 17 goal icons exist, parse with resvg and carry their Norwegian name as title.
#[test]
fn all_goal_icons_parse() {
    let root = root();
    for n in 1..=17 {
        let path = root.join(format!("assets/sdg/sdg-{n:02}.svg"));
        let data = fs::read(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
        SvgReader::new(&root).parse(&data).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = String::from_utf8(data).unwrap();
        assert!(text.contains(&format!("<title>Bærekraftsmål {n}: ")), "sdg-{n:02}.svg lacks its title");
    }
    assert!(svg_files(&root.join("assets")).len() >= 17);
}

// A broken SVG is reported by `rapport check` with its file name.
#[test]
fn broken_svg_is_reported_by_name() {
    let project = fixture_project();
    fs::write(project.path().join("assets/sdg/sdg-05.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect").unwrap();
    let catalog = rapport::inputs::edition::catalog::Catalog::read(project.path()).unwrap();
    let session = rapport::build::open(project.path(), &catalog, Some("mini")).unwrap();
    let problems = session.problems.to_string();
    assert!(problems.contains("assets/sdg/sdg-05.svg") && problems.contains("not a readable SVG"), "{problems}");
}

// An SVG that pulls in an external file is refused.
#[test]
fn external_references_are_refused() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image width="10" height="10" xlink:href="../../etc/passwd.png"/></svg>"#;
    let err = SvgReader::new(&root()).parse(svg).unwrap_err();
    assert!(err.contains("external file"), "{err}");
}

// `rapport proof` writes a PNG per asset and a contact sheet.
#[test]
fn proof_writes_previews() {
    let project = fixture_project();
    let (code, stdout, stderr) = rapport(project.path(), &["proof"]);
    assert_eq!(code, 0, "{stderr}");
    let sheet = project.path().join("out/proof/contact-sheet.png");
    assert!(fs::read(&sheet).unwrap().starts_with(b"\x89PNG"), "{stdout}");
    assert!(project.path().join("out/proof/sdg-sdg-03.png").is_file());
}

// The default edition's maps are in the proofs too, drawn from its data.
#[test]
fn proof_includes_the_maps() {
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = rapport(&root(), &["proof", "--out", out.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    for id in ["senterstruktur", "grunnskoler", "lokalomrader"] {
        assert!(out.path().join(format!("map-{id}.png")).is_file(), "no map-{id}.png: {stdout}");
    }
}
