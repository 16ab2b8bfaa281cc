//! The default edition's PDFs, byte for byte: the SHA-256 of the screen PDF, the print job's
//! block and its cover file are kept in `tests/fixtures/golden.sha256`, so a change meant to
//! be invisible (speed work, refactoring) is proved so, and a change to the pages is made on
//! purpose: rerun with `RAPPORT_BLESS=1` to write the new hashes, and commit them with it.

use sha2::{Digest, Sha256};

use crate::common::{print_report, report, root};

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

// The screen PDF, the print block and the cover file have the bytes the golden file records.
#[test]
fn the_pdfs_have_the_recorded_bytes() {
    let print = print_report();
    let now = [
        ("screen", hex(&std::fs::read(&report().pdf).unwrap())),
        ("print-block", hex(&print.bytes)),
        ("print-cover", hex(&std::fs::read(&print.cover).unwrap())),
    ];
    let path = root().join("tests/fixtures/golden.sha256");
    let written: String = now.iter().map(|(name, sha)| format!("{sha}  {name}\n")).collect();
    if std::env::var_os("RAPPORT_BLESS").is_some() {
        std::fs::write(&path, &written).unwrap();
        return;
    }
    let recorded = std::fs::read_to_string(&path).unwrap_or_default();
    let changed: Vec<&str> = now
        .iter()
        .filter(|(name, sha)| !recorded.lines().any(|l| l == format!("{sha}  {name}")))
        .map(|(name, _)| *name)
        .collect();
    assert!(
        changed.is_empty(),
        "the bytes of {} changed: if the change to the pages is meant, rerun with RAPPORT_BLESS=1 and commit tests/fixtures/golden.sha256\nnow:\n{written}",
        changed.join(", ")
    );
}
