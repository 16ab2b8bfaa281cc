//! Shared helpers: the once-built default edition and throw-away fixture projects.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rapport::session::{Session, write_atomic};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The read-only reference folder `shared/` (the seed text, real boundaries), which lies
/// beside the checkout: `$RAPPORT_SHARED`, else the nearest `shared/` next to the repository
/// or a folder above it.
pub fn shared() -> PathBuf {
    if let Some(dir) = std::env::var_os("RAPPORT_SHARED") {
        return PathBuf::from(dir);
    }
    let root = root();
    root.ancestors()
        .map(|dir| dir.join("shared"))
        .find(|dir| dir.join("seed").is_dir())
        .unwrap_or_else(|| panic!("no shared/ folder with the seed next to {} (set RAPPORT_SHARED)", root.display()))
}

/// The edition the tests read: the first one, pinned, so that a new edition in `data/`
/// (which becomes the default) does not change what they expect.
pub const EDITION: &str = "2020-2023";

/// The edition [`EDITION`], typeset once for all tests.
pub struct Report {
    pub pdf: PathBuf,
    pub pages: usize,
    /// The PDF's text in content-stream order (`pdftotext -raw`): it keeps the hyphens that
    /// reading-order extraction drops at line ends, and table rows together.
    pub text: String,
    pub chapter_pages: Vec<(String, usize)>,
}

pub fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let root = root();
        let mut session = Session::open(&root, EDITION).expect("the edition opens");
        let compiled = match session.compile(None) {
            Ok(c) => c,
            Err(failure) => panic!("the default edition does not compile: {failure:?}"),
        };
        let pdf = session.pdf(&compiled).expect("PDF export");
        let path = root.join("target").join("test-out").join("report.pdf");
        write_atomic(&path, &pdf).expect("write the PDF");
        Report {
            text: pdftotext(&path, true),
            pages: compiled.document.pages().len(),
            chapter_pages: compiled.chapter_pages,
            pdf: path,
        }
    })
}

/// The text of a PDF, extracted with poppler's `pdftotext`.
pub fn pdftotext(pdf: &Path, raw: bool) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .args(if raw { &["-raw"][..] } else { &[] })
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// Collapses all whitespace (including no-break spaces) to single spaces.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A throw-away project with the repository's layouts, fonts and assets and the `mini`
/// test edition, for tests that break things.
pub fn fixture_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for sub in ["layout", "fonts", "assets"] {
        copy_dir(&root().join(sub), &dir.path().join(sub));
    }
    copy_dir(&root().join("tests/fixtures/mini/data"), &dir.path().join("data"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Runs the `rapport` binary in `project` and returns (exit code, stdout, stderr).
pub fn rapport(project: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--project")
        .arg(project)
        .output()
        .expect("run rapport");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}
