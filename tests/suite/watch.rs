//! `rapport watch` rebuilds the PDF when a data file changes, and keeps the last good PDF
//! when the change breaks the build.

use std::fs;
use std::process::{Command, Stdio};
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

// Editing a table while watching rebuilds the PDF with the new number; a broken edit keeps it.
#[test]
fn watch_rebuilds_on_data_change() {
    let project = fixture_project();
    let pdf = project.path().join("out/testrapport.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(["watch", "--edition", "mini", "--project"])
        .arg(project.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rapport watch");
    let first = wait_for(60, || pdf.is_file());
    let table = project.path().join("data/mini/tables/en/tabell.csv");
    let mut changed = false;
    let mut kept = false;
    if first {
        // A number the fixture does not have yet.
        fs::write(&table, "Kommune;2021;2022\nHurum;53 %;99 %\nSammenslått;;73 %\n").unwrap();
        changed = wait_for(60, || pdf.is_file() && pdftotext(&pdf, true).contains("99 %"));
        if changed {
            let good = fs::read(&pdf).unwrap();
            fs::write(&table, "Kommune;2021;2022\nHurum;feil;99 %\n").unwrap();
            std::thread::sleep(Duration::from_secs(3));
            kept = fs::read(&pdf).unwrap() == good;
        }
    }
    child.kill().ok();
    child.wait().ok();
    assert!(first, "watch did not build the first PDF");
    assert!(changed, "watch did not rebuild after the table changed");
    assert!(kept, "a broken edit changed the last good PDF");
}
