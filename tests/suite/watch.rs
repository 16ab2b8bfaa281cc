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
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost:{port}\r\n\r\n").ok()?;
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

/// A free port on localhost, and `watch --web` on the mini edition of `project` serving at
/// it, once its first site is served (or a minute has passed).
fn serving(project: &std::path::Path) -> (u16, std::process::Child, Arc<Mutex<String>>) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (child, said) = watch_with(project, &["--web", "--port", &port.to_string()]);
    // The placeholder answers `/` at once; the site's chapter page only once it is served.
    wait_for(60, || get(port, "/en.html").is_some());
    (port, child, said)
}

/// Sends `request` (raw bytes) to the server at `port` and returns what it answered within
/// `secs` seconds (empty when it closed or said nothing).
fn exchange(port: u16, request: &[u8], secs: u64) -> String {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return String::new() };
    stream.set_read_timeout(Some(Duration::from_secs(secs))).ok();
    stream.set_write_timeout(Some(Duration::from_secs(secs))).ok();
    // The server may close before the whole request is sent: what it said still counts.
    stream.write_all(request).ok();
    let mut response = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        response.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&response).into_owned()
}

/// The status code of an HTTP response, if it has one.
fn status(response: &str) -> Option<u16> {
    response.strip_prefix("HTTP/1.")?.get(2..5)?.parse().ok()
}

// Issue 31: a reader that stops reading (forty large files asked for on one connection, none
// read) stalls neither the other requests nor the publication of the next rebuild.
#[test]
fn watch_server_serves_others_while_a_reader_stalls() {
    use std::io::Write;
    let project = fixture_project();
    let (port, mut child, said) = serving(project.path());
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let one = format!("GET /fonts/Inter-Regular.otf HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n");
    stalled.set_write_timeout(Some(Duration::from_secs(5))).ok();
    stalled.write_all(one.repeat(40).as_bytes()).ok();
    // Half a request line, never finished.
    let mut slow = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.write_all(b"GET /en.ht").ok();
    std::thread::sleep(Duration::from_secs(1));
    let started = Instant::now();
    let answered = get(port, "/en.html").is_some_and(|page| page.contains("Hurum"));
    let took = started.elapsed();
    let table = project.path().join("data/mini/tables/en/tabell.csv");
    fs::write(&table, "Kommune;2021;2022\nHurum;53 %;98 %\nSammenslått;;73 %\n").unwrap();
    let published = answered
        && wait_for(60, || get(port, "/en.html").is_some_and(|p| p.contains("98\u{a0}%") || p.contains("98 %")));
    child.kill().ok();
    child.wait().ok();
    drop((stalled, slow));
    let said = said.lock().unwrap().clone();
    assert!(
        answered && took < Duration::from_secs(3),
        "another request waited {took:?} behind a stalled reader: {said}"
    );
    assert!(published, "the rebuild was not published while a reader stalled: {said}");
}

// Issue 31: a request line or header line longer than 8 KiB, or a head of thousands of
// headers, is refused (431/414) without being held; the server answers the next request.
#[test]
fn watch_server_refuses_oversize_request_heads() {
    let project = fixture_project();
    let (port, mut child, said) = serving(project.path());
    let long_header = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nX-Big: {}\r\n\r\n", "a".repeat(64 << 10));
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n", "a".repeat(64 << 10));
    let many: String = (0..5000).map(|i| format!("X-{i}: a\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\n{many}\r\n");
    let answers: Vec<String> = [long_header, long_line, many].iter().map(|r| exchange(port, r.as_bytes(), 5)).collect();
    let after = get(port, "/");
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    for (answer, code) in answers.iter().zip([431, 414, 431]) {
        assert_eq!(status(answer), Some(code), "{:?}: {said}", &answer[..answer.len().min(200)]);
    }
    assert!(after.is_some(), "the server still answers");
}

// Issue 31: the live-reload event streams are bounded: past the limit a client gets 503, and a
// client that goes away frees its place.
#[test]
fn watch_server_bounds_event_stream_clients() {
    use std::io::{Read, Write};
    let project = fixture_project();
    let (port, mut child, said) = serving(project.path());
    let open = || {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
        write!(stream, "GET /__events HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n").ok()?;
        let mut head = [0u8; 64];
        let n = stream.read(&mut head).unwrap_or(0);
        Some((status(&String::from_utf8_lossy(&head[..n])), stream))
    };
    let streams: Vec<_> = (0..40).filter_map(|_| open()).collect();
    let accepted = streams.iter().filter(|(code, _)| *code == Some(200)).count();
    let refused = streams.iter().filter(|(code, _)| *code == Some(503)).count();
    drop(streams);
    let freed = wait_for(20, || open().is_some_and(|(code, _)| code == Some(200)));
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert!((1..=16).contains(&accepted), "{accepted} event streams held at once: {said}");
    assert_eq!(accepted + refused, 40, "the others are told 503");
    assert!(freed, "the places of closed streams are not freed: {said}");
}

// Issue 31: only requests for this server's own host are answered (DNS rebinding): `localhost`,
// `127.0.0.1` and `[::1]` with its port; any other `Host` gets 421, none at all 400.
#[test]
fn watch_server_answers_only_its_own_host() {
    let project = fixture_project();
    let (port, mut child, said) = serving(project.path());
    let ask = |host: Option<&str>| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        status(&exchange(port, format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n").as_bytes(), 5))
    };
    let own: Vec<_> = ["localhost", "127.0.0.1", "[::1]"].iter().map(|h| ask(Some(&format!("{h}:{port}")))).collect();
    let other = [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("127.0.0.1:{port}@evil.example"),
    ];
    let others: Vec<_> = other.iter().map(|h| ask(Some(h))).collect();
    let none = ask(None);
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert_eq!(own, [Some(200); 3], "{said}");
    assert_eq!(others, [Some(421); 5], "{other:?}: {said}");
    assert_eq!(none, Some(400));
}

// Issue 31: the page the server shows while the build fails names the edition's title
// escaped: a title holding markup is text, not a script.
#[test]
fn watch_placeholder_escapes_the_title() {
    let project = fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::replace(&toml, "title = \"Testrapport\"", "title = \"<script>alert('x')</script> & <b>\"");
    crate::common::replace(&project.path().join("data/mini/tables/en/tabell.csv"), "53 %", "53 x");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (mut child, said) = watch_with(project.path(), &["--web", "--port", &port.to_string()]);
    let failed = wait_for(60, || said.lock().unwrap().contains("watching for changes"));
    let page = get(port, "/");
    child.kill().ok();
    child.wait().ok();
    let said = said.lock().unwrap().clone();
    assert!(failed, "{said}");
    let page = page.unwrap_or_default();
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;"), "{page}");
    assert!(!page.contains("<script>alert") && !page.contains("<b>"), "{page}");
}
