//! The Typst world reads only the project's layouts, data, assets and fonts.

use std::fs;

use crate::common::{fixture_project, rapport};

/// Makes the layout read `path` and returns the build's stderr.
fn build_reading(path: &str) -> (i32, String) {
    let project = fixture_project();
    crate::common::edit(&project.path().join("layout/report.typ"), |text| format!("#read(\"{path}\")\n{text}"));
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    (code, stderr)
}

// A path that climbs out of the project is refused.
#[test]
fn path_escape_is_refused() {
    let (code, stderr) = build_reading("../../../../../../etc/passwd");
    assert_eq!(code, 1);
    assert!(stderr.contains("escape the project root"), "{stderr}");
}

// Files inside the project but outside layout/, data/, assets/ and fonts/ are refused too.
#[test]
fn files_outside_the_readable_folders_are_refused() {
    let project = fixture_project();
    fs::create_dir_all(project.path().join("out")).unwrap();
    fs::write(project.path().join("out/private.txt"), "not for the layouts").unwrap();
    crate::common::edit(&project.path().join("layout/report.typ"), |text| {
        format!("#read(\"/out/private.txt\")\n{text}")
    });
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("access denied"), "{stderr}");
}

// A symlink inside the project that points outside it is refused.
#[test]
fn symlink_escape_is_refused() {
    let project = fixture_project();
    std::os::unix::fs::symlink("/etc/hostname", project.path().join("data/secret.txt")).unwrap();
    crate::common::edit(&project.path().join("layout/report.typ"), |text| {
        format!("#read(\"/data/secret.txt\")\n{text}")
    });
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("access denied"), "{stderr}");
}

// Packages are never downloaded: an import of one fails with a clear message.
#[test]
fn packages_are_not_downloaded() {
    let (code, _) = {
        let project = fixture_project();
        let report = project.path().join("layout/report.typ");
        crate::common::edit(&report, |text| format!("#import \"@preview/cetz:0.3.0\"\n{text}"));
        let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
        assert!(stderr.contains("offline"), "{stderr}");
        (code, stderr)
    };
    assert_eq!(code, 1);
}

// The same sources give the same PDF, byte for byte (fixed date, stable identifier).
#[test]
fn builds_are_reproducible() {
    let project = fixture_project();
    let pdf = project.path().join("out/testrapport.pdf");
    let (code, _, stderr) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    let first = fs::read(&pdf).unwrap();
    fs::remove_file(&pdf).unwrap();
    let (code, _, _) = rapport(project.path(), &["build", "--edition", "mini"]);
    assert_eq!(code, 0);
    assert_eq!(fs::read(&pdf).unwrap(), first, "two builds of the same sources differ");
    // Written through a temporary file, yet readable by others like any document.
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&pdf).unwrap().permissions().mode() & 0o777, 0o644);
}
