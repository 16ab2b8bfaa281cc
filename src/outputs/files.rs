//! Reading and writing the project's files: every file below a folder, and atomic writes
//! that never leave a broken file where the last good one was.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Every file below `dir` (recursively), sorted; an unreadable folder yields nothing.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_below(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed or interrupted build never leaves a broken file where the last good one was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write {}", file.path().display()))?;
    file.as_file().sync_all().ok();
    // Temporary files are private (0600); the PDF is a document to share, as a plain write makes it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    file.persist(path).with_context(|| format!("cannot move the new PDF to {}", path.display()))?;
    Ok(())
}
