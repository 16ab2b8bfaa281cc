//! The bytes a build read, file by file: each input's SHA-256 and size taken from the very
//! bytes the loader, the maps, Typst and the fonts read, so an archive's manifest describes
//! what its PDF was made from even when a file changes on disk while it is archived.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

/// One file as read: its SHA-256 and size, and whether the build read it more than once and
/// found different bytes (it changed while the build ran).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub sha256: String,
    pub bytes: u64,
    pub changed: bool,
}

/// The files a session read, by real (canonical) path; shared by the loader, the Typst world
/// and its fonts.
#[derive(Debug, Clone, Default)]
pub struct Loaded(Arc<Mutex<BTreeMap<PathBuf, Read>>>);

impl Loaded {
    /// Notes that the file at `path` was read as `bytes`.
    pub fn record(&self, path: &Path, bytes: &[u8]) {
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let read = Read { sha256: format!("{:x}", Sha256::digest(bytes)), bytes: bytes.len() as u64, changed: false };
        let Ok(mut files) = self.0.lock() else { return };
        match files.get_mut(&real) {
            Some(before) if before.sha256 != read.sha256 => before.changed = true,
            Some(_) => {}
            None => {
                files.insert(real, read);
            }
        }
    }

    /// The file at `path` (real) as it was first read, if it was.
    pub fn get(&self, path: &Path) -> Option<Read> {
        self.0.lock().ok()?.get(path).cloned()
    }

    /// Every file read, by real path.
    pub fn files(&self) -> Vec<(PathBuf, Read)> {
        self.0.lock().map(|files| files.iter().map(|(p, r)| (p.clone(), r.clone())).collect()).unwrap_or_default()
    }
}
