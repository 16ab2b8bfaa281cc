//! Shared helpers: the once-built default edition and throw-away fixture projects.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rapport::build::{Target, build};
use rapport::outputs::files::write_atomic;
use rapport::typeset::session::Session;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The printed edition's text, the fidelity oracle (`tests/fixtures/seed/README.md`).
pub fn seed() -> String {
    let path = root().join("tests/fixtures/seed/4-arsrapport-2020-2023.txt");
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read the seed {}: {e}", path.display()))
}

/// A command for a system tool the tests use. A missing tool fails the test with one line
/// naming the command that installs it, rather than a panic trace from `Command::output`.
pub fn tool(program: &str) -> Command {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if !found {
        missing(&format!("`{program}` is not installed"));
    }
    Command::new(program)
}

/// Fails the running test: a tool it needs is missing, and `cargo xtask setup` installs it.
pub fn missing(what: &str) -> ! {
    panic!("{what}: run `cargo xtask setup` (or `cargo xtask test`), which installs what the tests need")
}

/// veraPDF's verdict on `file` for a flavour (`2a`, `3a`, `ua1`): compliant, and its report.
/// The validator is the one `cargo xtask setup` installs into `target/tools/verapdf/`.
pub fn verapdf(flavour: &str, file: &Path) -> (bool, String) {
    let launcher = root().join("target/tools/verapdf/validate");
    if !launcher.is_file() {
        missing("veraPDF is not installed");
    }
    let out = Command::new(&launcher).arg(flavour).arg(file).output().expect("run the veraPDF driver");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_ne!(out.status.code(), Some(2), "veraPDF could not run: {text}");
    (out.status.success() && text.starts_with("compliant"), text)
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
    /// What the build warned of (Typst's warnings among them), each its message.
    pub warnings: Vec<String>,
}

pub fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let root = root();
        let mut session = Session::open(&root, EDITION).expect("the edition opens");
        let built = match build(&mut session, &Target::Screen) {
            Ok(built) => built,
            Err(err) => panic!("the default edition does not build: {err:?}"),
        };
        let path = root.join("target").join("test-out").join("report.pdf");
        write_atomic(&path, &built.pdf).expect("write the PDF");
        let warnings = built.warnings.iter().map(|w| w.message.clone()).collect();
        Report {
            text: pdftotext(&path, true),
            pages: built.pages,
            chapter_pages: built.chapter_pages,
            warnings,
            pdf: path,
        }
    })
}

/// The text of a PDF, extracted with poppler's `pdftotext`.
pub fn pdftotext(pdf: &Path, raw: bool) -> String {
    let out = tool("pdftotext")
        .args(["-enc", "UTF-8"])
        .args(if raw { &["-raw"][..] } else { &[] })
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
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

/// Edits a file of a fixture: `edit` gets its text and returns the new text.
pub fn edit(path: &Path, edit: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    fs::write(path, edit(text)).expect("write the fixture file");
}

/// Appends `text` to a file of a fixture, on lines of its own.
pub fn append(path: &Path, text: &str) {
    edit(path, |old| format!("{old}\n{text}\n"));
}

/// Replaces the first `from` in a file of a fixture with `to`; the file must hold `from`, so
/// an edit that no longer applies fails the test instead of testing nothing.
pub fn replace(path: &Path, from: &str, to: &str) {
    edit(path, |text| {
        assert!(text.contains(from), "{} lacks `{from}`", path.display());
        text.replacen(from, to, 1)
    });
}

/// Copies a folder with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
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

/// Runs the `rapport` binary in `project` and returns (exit code, stdout, stderr); in
/// English, whatever the machine's locale.
pub fn rapport(project: &Path, args: &[&str]) -> (i32, String, String) {
    rapport_in(project, args, "C.UTF-8")
}

/// The arguments of the mini fixture's print build with `profile` as its output intent
/// (`build --edition mini --print --allow-placeholders --output-intent <profile>`), which the
/// print, press and hostile tests run with profiles good and bad.
pub fn mini_print_build(profile: &Path) -> [&str; 7] {
    let profile = profile.to_str().expect("a UTF-8 path");
    ["build", "--edition", "mini", "--print", "--allow-placeholders", "--output-intent", profile]
}

/// [`rapport`] with the locale `lang` (`LANG`).
pub fn rapport_in(project: &Path, args: &[&str], lang: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
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

/// The print job of [`EDITION`] (`rapport build --print`), built once for all tests: a
/// perfect-bound book, so the book block and the cover file.
pub struct PrintReport {
    /// The book block.
    pub pdf: PathBuf,
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub added_pages: usize,
    /// The cover file, and its spine in millimetres.
    pub cover: PathBuf,
    pub spine_mm: f64,
}

pub fn print_report() -> &'static PrintReport {
    static PRINT: OnceLock<PrintReport> = OnceLock::new();
    PRINT.get_or_init(|| {
        let root = root();
        let mut session = Session::open(&root, EDITION).expect("the edition opens");
        let built = build(&mut session, &Target::Print { output_intent: None, allow_placeholders: true })
            .expect("the print file builds");
        let path = root.join("target").join("test-out").join("print.pdf");
        write_atomic(&path, &built.pdf).expect("write the print file");
        let notes = built.print.as_ref().expect("print notes");
        let cover = notes.cover.as_ref().expect("the default edition is perfect bound: a cover file");
        let cover_path = root.join("target").join("test-out").join("print-cover.pdf");
        write_atomic(&cover_path, &cover.pdf).expect("write the cover file");
        let (added_pages, spine_mm) = (notes.added_pages, cover.spine_mm);
        PrintReport { pdf: path, pages: built.pages, added_pages, bytes: built.pdf, cover: cover_path, spine_mm }
    })
}

/// A small but complete ICC v2 output profile for CMYK data (class `prtr`, PCS Lab), as a
/// printer's profile is: description, copyright, white point, the A2B0/B2A0 lookup tables
/// and the gamut tag, with 2-point grids. Press profiles (FOGRA39 …) may not be shipped.
pub fn cmyk_output_profile(description: &str) -> Vec<u8> {
    fn lut8(inputs: usize, outputs: usize, table: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
        let mut t = b"mft1\0\0\0\0".to_vec();
        t.extend([inputs as u8, outputs as u8, 2, 0]);
        // The identity matrix (only used for XYZ connection spaces).
        for v in [1i32, 0, 0, 0, 1, 0, 0, 0, 1] {
            t.extend((v << 16).to_be_bytes());
        }
        for _ in 0..inputs {
            t.extend((0..=255u8).collect::<Vec<_>>());
        }
        // The grid: every corner of the input cube, first input slowest.
        for corner in 0..(1usize << inputs) {
            let point: Vec<u8> =
                (0..inputs).map(|i| if corner >> (inputs - 1 - i) & 1 == 1 { 255 } else { 0 }).collect();
            t.extend(table(&point));
        }
        for _ in 0..outputs {
            t.extend((0..=255u8).collect::<Vec<_>>());
        }
        t
    }
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend(((description.len() + 1) as u32).to_be_bytes());
    desc.extend(description.as_bytes());
    desc.push(0);
    desc.extend([0u8; 4 + 4 + 2 + 1 + 67]);
    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend(b"No copyright, test profile\0");
    let mut wtpt = b"XYZ \0\0\0\0".to_vec();
    for v in [0.9642f64, 1.0, 0.8249] {
        wtpt.extend(((v * 65536.0).round() as i32).to_be_bytes());
    }
    // CMYK → Lab: lightness falls with ink; Lab → CMYK: black from lightness; all in gamut.
    let a2b0 = lut8(4, 3, |p| {
        let ink = p.iter().map(|v| u32::from(*v)).sum::<u32>().min(255) as u8;
        vec![255 - ink, 128, 128]
    });
    let b2a0 = lut8(3, 4, |p| vec![0, 0, 0, 255 - p[0]]);
    let gamt = lut8(3, 1, |_| vec![0]);
    let tags: Vec<(&[u8; 4], Vec<u8>)> =
        vec![(b"desc", desc), (b"cprt", cprt), (b"wtpt", wtpt), (b"A2B0", a2b0), (b"B2A0", b2a0), (b"gamt", gamt)];
    let mut offset = 128 + 4 + 12 * tags.len();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    for (sig, bytes) in &tags {
        table.extend(*sig);
        table.extend((offset as u32).to_be_bytes());
        table.extend((bytes.len() as u32).to_be_bytes());
        let mut padded = bytes.clone();
        while padded.len() % 4 != 0 {
            padded.push(0);
        }
        offset += padded.len();
        data.extend(padded);
    }
    let size = 128 + table.len() + data.len();
    let mut header = Vec::new();
    header.extend((size as u32).to_be_bytes());
    header.extend(b"none");
    header.extend([2, 0x10, 0, 0]);
    header.extend(b"prtrCMYKLab ");
    header.extend([0x07, 0xe7, 0, 6, 0, 1, 0, 0, 0, 0, 0, 0]);
    header.extend(b"acsp");
    header.extend([0u8; 4 + 4 + 4 + 4 + 8 + 4]);
    for v in [0.9642f64, 1.0, 0.8249] {
        header.extend(((v * 65536.0).round() as i32).to_be_bytes());
    }
    header.extend(b"none");
    header.resize(128, 0);
    [header, table, data].concat()
}

/// The browser checks of `tests/web/check.mjs` (axe-core, pa11y, the Nu validator, …) over the
/// HTML pages of `dir`: one JSON value per page. Skips the test (see [`missing`]) when the
/// npm packages, Chromium or Java are not installed.
pub fn browser_checks(dir: &Path) -> Vec<serde_json::Value> {
    let checker = root().join("tests/web");
    let packages = ["axe-core", "puppeteer-core", "pa11y", "vnu-jar"];
    if packages.iter().any(|p| !checker.join("node_modules").join(p).is_dir()) {
        missing("the browser check's npm packages are not installed in tests/web");
    }
    tool("chromium");
    tool("java");
    let out = tool("node").arg(checker.join("check.mjs")).arg(dir).output().expect("run node");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}
