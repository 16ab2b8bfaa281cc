//! `rapport watch` rebuilds the PDF when a data file changes, and keeps the last good PDF
//! when the change breaks the build.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{fixture_project, pdftotext};

/// Waits until `check` holds, up to `secs` seconds.
fn wait_for(secs: u64, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// Starts `rapport watch` on the `mini` edition of `project`; what it says on stderr is
/// collected, line by line, as it comes.
fn watch(project: &std::path::Path) -> (std::process::Child, Arc<Mutex<String>>) {
    watch_with(project, &[])
}

/// [`watch`] with more arguments.
fn watch_with(project: &std::path::Path, more: &[&str]) -> (std::process::Child, Arc<Mutex<String>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["watch", "--edition", "mini", "--project"])
        .arg(project)
        .args(more)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rapport watch");
    let said = Arc::new(Mutex::new(String::new()));
    let stderr = child.stderr.take().expect("piped stderr");
    let collector = said.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            collector.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    (child, said)
}

/// The fixture watched: its project, PDF and table, the watch process and what it says, and
/// whether the first build came.
struct Watched {
    project: tempfile::TempDir,
    pdf: std::path::PathBuf,
    table: std::path::PathBuf,
    child: std::process::Child,
    said: Arc<Mutex<String>>,
    first: bool,
}

fn watched() -> Watched {
    let project = fixture_project();
    let pdf = project.path().join("out/testrapport.pdf");
    let (child, said) = watch(project.path());
    let first = wait_for(60, || pdf.is_file() && said.lock().unwrap().contains("watching for changes"));
    let table = project.path().join("data/mini/tables/en/tabell.csv");
    Watched { project, pdf, table, child, said, first }
}

// Editing a table while watching rebuilds the PDF with the new number; a broken edit is
// reported and keeps the last good PDF.
#[test]
fn watch_rebuilds_on_data_change() {
    let Watched { project: _project, pdf, table, mut child, said, first } = watched();
    let said_count = |what: &str| said.lock().unwrap().matches(what).count();
    let (mut changed, mut reported, mut kept) = (false, false, false);
    if first {
        // A number the fixture does not have yet.
        fs::write(&table, "Kommune;2021;2022\nHurum;53 %;99 %\nSammenslått;;73 %\n").unwrap();
        changed = wait_for(60, || pdf.is_file() && pdftotext(&pdf, true).contains("99 %"));
        if changed {
            let good = fs::read(&pdf).unwrap();
            fs::write(&table, "Kommune;2021;2022\nHurum;feil;99 %\n").unwrap();
            // The broken build is reported: the bad cell, then the failure.
            reported = wait_for(60, || said_count("`feil`") >= 1 && said_count("left untouched") >= 1);
            kept = fs::read(&pdf).unwrap() == good;
        }
    }
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert!(first, "watch did not build the first PDF: {said}");
    assert!(changed, "watch did not rebuild after the table changed: {said}");
    assert!(reported, "watch did not report the broken edit: {said}");
    assert!(kept, "a broken edit changed the last good PDF");
}

// Watch takes only what it can honour: an unknown chapter is a usage error.
#[test]
fn watch_refuses_an_unknown_chapter() {
    let project = fixture_project();
    let (code, _, stderr) =
        crate::common::rapport(project.path(), &["watch", "--edition", "mini", "--chapter", "nope"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("expected a chapter slug") && stderr.contains("`nope`"), "{stderr}");
    let (code, _, _) = crate::common::rapport(project.path(), &["watch", "--edition", "mini", "--handouts"]);
    assert_eq!(code, 2, "--handouts is not a watch option");
}

// A broken edition.toml during watch is reported, and no stale PDF is written in its place.
#[test]
fn watch_reports_a_broken_edition_file_without_building() {
    let project = fixture_project();
    let pdf = project.path().join("out/testrapport.pdf");
    let (mut child, said) = watch(project.path());
    let first = wait_for(60, || pdf.is_file() && said.lock().unwrap().contains("watching for changes"));
    let toml = project.path().join("data/mini/edition.toml");
    let mut reported = false;
    if first {
        let text = fs::read_to_string(&toml).unwrap();
        fs::write(&toml, text.replace("years = [2021, 2022]", "years = [2021, 2022")).unwrap();
        reported = wait_for(60, || said.lock().unwrap().contains("data/mini/edition.toml:"));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert!(first && reported, "{said}");
    assert_eq!(said.matches("wrote out/testrapport.pdf").count(), 1, "only the first build writes: {said}");
}

// A data file deleted while watching is reported; when it comes back, watch notices and
// builds again.
#[test]
fn watch_notices_a_deleted_file_coming_back() {
    let Watched { project: _project, pdf, table, mut child, said, first } = watched();
    let said_count = |what: &str| said.lock().unwrap().matches(what).count();
    let (mut reported, mut rebuilt) = (false, false);
    if first {
        let text = fs::read_to_string(&table).unwrap();
        fs::remove_file(&table).unwrap();
        reported = wait_for(60, || said_count("tabell.csv") >= 1 && said_count("error:") >= 1);
        if reported {
            std::thread::sleep(Duration::from_millis(300));
            fs::write(&table, text.replace("Hurum", "Tilbake")).unwrap();
            rebuilt = wait_for(60, || pdf.is_file() && pdftotext(&pdf, true).contains("Tilbake"));
        }
    }
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert!(first && reported, "{said}");
    assert!(rebuilt, "watch did not notice the file coming back: {said}");
}

/// The body of `GET path` from the local server at `port`, if it answers 200.
fn get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.split_whitespace().nth(1).is_some_and(|code| code == "200").then(|| body.to_string())
}

// `watch --web` serves the web edition on localhost, with the live-reload script, and serves
// the new numbers after an edit.
#[test]
fn watch_web_serves_the_site_and_its_changes() {
    let project = fixture_project();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (mut child, said) = watch_with(project.path(), &["--web", "--port", &port.to_string()]);
    let served = wait_for(60, || get(port, "/en.html").is_some_and(|page| page.contains("Hurum")));
    let mut changed = false;
    let (index, css) = (get(port, "/"), get(port, "/style.css"));
    if served {
        let table = project.path().join("data/mini/tables/en/tabell.csv");
        fs::write(&table, "Kommune;2021;2022\nHurum;53 %;99 %\nSammenslått;;73 %\n").unwrap();
        changed = wait_for(60, || {
            get(port, "/en.html").is_some_and(|page| page.contains("99\u{a0}%") || page.contains("99 %"))
        });
    }
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert!(served, "the site was not served: {said}");
    assert!(said.contains(&format!("serving the web edition at http://127.0.0.1:{port}/")), "{said}");
    assert!(index.is_some_and(|i| i.contains("<h1>Testrapport</h1>") && i.contains("<script")), "the front page, live");
    assert!(css.is_some_and(|c| c.contains("@font-face")), "the style sheet");
    assert!(changed, "the edit was not served: {said}");
}
