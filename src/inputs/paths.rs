//! Paths the data names, paths shown in messages, and the files below a folder (dot-files and
//! Office lock files left out).
//!
//! Every file an edition names (chapter texts, tables, key figures, maps) is resolved here,
//! with one rule: it must lie inside the edition's folder *after symlinks are resolved*, so no
//! data file can make the tool read anything outside the project.

use std::path::{Component, Path, PathBuf};

/// A path relative to the project, for messages: `data/2020-2023/tables/x.csv`.
pub fn relative(project: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(project).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// Why a path named by the data cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The path is absolute or climbs out with `..`.
    NotRelative,
    /// The path (or a symlink on it) leads outside the folder.
    Escapes,
    /// The file does not exist or cannot be read.
    Io(String),
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathError::NotRelative => f.write_str("expected a path inside the edition folder"),
            PathError::Escapes => {
                f.write_str("expected a file inside the edition folder, found a link that leads out of it")
            }
            PathError::Io(err) => write!(f, "cannot read this file: {err}"),
        }
    }
}

/// Resolves `file` (as written in the data) against `base`, which must be canonical.
/// Refuses absolute paths, `..` and anything whose real path, after resolving symlinks, is
/// not inside `base`.
pub fn resolve_inside(base: &Path, file: &str) -> Result<PathBuf, PathError> {
    let named = Path::new(file);
    let plain = named.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if file.is_empty() || !plain {
        return Err(PathError::NotRelative);
    }
    inside(base, &base.join(named))
}

/// The file `name` (relative to `base`) as it is really spelt, when `name` differs from an
/// existing file only in upper and lower case (`tables/okonomi/Driftsresultat.CSV` for
/// `tables/okonomi/driftsresultat.csv`): what a message suggests instead. None when `name`
/// exists as written, leaves `base`, or has no such twin. Each folder is read once, at most
/// [`MAX_TWIN_ENTRIES`] of its entries.
pub fn case_twin(base: &Path, name: &str) -> Option<String> {
    let named = Path::new(name);
    if !named.components().all(|c| matches!(c, Component::Normal(_))) || base.join(named).exists() {
        return None;
    }
    let mut found = PathBuf::new();
    for part in named.components() {
        let part = part.as_os_str().to_string_lossy();
        let dir = base.join(&found);
        if dir.join(part.as_ref()).exists() {
            found.push(part.as_ref());
            continue;
        }
        let wanted = part.to_lowercase();
        let twin = std::fs::read_dir(&dir)
            .ok()?
            .take(MAX_TWIN_ENTRIES)
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .find(|entry| entry.to_lowercase() == wanted)?;
        found.push(twin);
    }
    let twin = found.to_string_lossy().replace('\\', "/");
    (twin != name && inside(base, &base.join(&found)).is_ok()).then_some(twin)
}

/// The most entries of one folder [`case_twin`] looks through.
const MAX_TWIN_ENTRIES: usize = 10_000;

/// The one resolver every command reads through: `path` with its symlinks resolved, if it
/// then lies inside `base` (resolved too). A link that leads out is [`PathError::Escapes`].
pub fn inside(base: &Path, path: &Path) -> Result<PathBuf, PathError> {
    let base = base.canonicalize().map_err(|err| PathError::Io(err.to_string()))?;
    match path.canonicalize() {
        Ok(real) if real.starts_with(&base) => Ok(real),
        Ok(_) => Err(PathError::Escapes),
        Err(err) => Err(PathError::Io(err.to_string())),
    }
}

/// The folder a command writes to, `dir` as given (relative to the project, or absolute as
/// the user chose it): a relative one must stay inside the project after resolving links,
/// so an `out` that is a link leading elsewhere is refused, not written through.
pub fn output_inside(project: &Path, dir: &Path) -> Result<PathBuf, PathError> {
    if dir.is_absolute() {
        return Ok(dir.to_path_buf());
    }
    if !dir.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(PathError::NotRelative);
    }
    let wanted = project.join(dir);
    // The nearest part of it that exists decides where the rest is created.
    let mut existing = wanted.as_path();
    while std::fs::symlink_metadata(existing).is_err() {
        match existing.parent() {
            Some(parent) => existing = parent,
            None => break,
        }
    }
    inside(project, existing)?;
    Ok(wanted)
}

/// Reads `path` (`what` it is, for messages: "the PDF") if it is a regular file of at most `limit` bytes: never a device
/// (`/dev/zero`), a FIFO or a folder, and never more than `limit`, however large the file
/// grows while it is read.
pub fn read_regular(path: &Path, what: &str, limit: u64) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    let shown = format!("{what} {}", path.display());
    // Asked before opening: opening a FIFO waits for a writer, forever.
    let regular = |meta: &std::fs::Metadata| {
        if meta.is_file() {
            Ok(())
        } else {
            Err(anyhow::anyhow!("cannot read {shown}: expected a regular file, found a device, pipe or folder"))
        }
    };
    regular(&std::fs::metadata(path).map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))?)?;
    let file = std::fs::File::open(path).map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))?;
    let meta = file.metadata().map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))?;
    regular(&meta)?;
    if meta.len() > limit {
        anyhow::bail!("cannot read {shown}: expected at most {}, found {}", size(limit), size(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|err| anyhow::anyhow!("cannot read {shown}: {err}"))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!("cannot read {shown}: expected at most {}, found it growing past that", size(limit));
    }
    Ok(bytes)
}

/// A size for messages: `512 bytes`, `64 MB`.
fn size(bytes: u64) -> String {
    if bytes < 1 << 20 { format!("{bytes} bytes") } else { format!("{} MB", bytes >> 20) }
}

/// Every file below `dir` (recursively), sorted; an unreadable folder yields nothing. A link
/// to a folder is not followed (two links to `.` would make the walk endless); a link to a
/// file is listed, for its reader to resolve (`paths::inside`). Dot-files, dot-folders and
/// Office lock files are left out ([`is_hidden`]): an editor's lock link (`.#forord.md`),
/// swap file, `.git`, or the lock Excel (`~$Tabell.xlsx`) or LibreOffice
/// (`.~lock.Tabell.xlsx#`) keeps beside an open workbook is not part of an edition.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                out.extend(files_below(&path));
            } else if !(kind.is_symlink() && path.is_dir()) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether `path` names a dot-file or dot-folder (`.#forord.md`, `.forord.md.swp`, `.git`,
/// LibreOffice's `.~lock.Tabell.xlsx#`) or an Office lock file (Excel's and Word's
/// `~$Tabell.xlsx`): never data, whatever its name ends with.
pub fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|name| {
        let name = name.as_encoded_bytes();
        name.starts_with(b".") || name.starts_with(b"~$")
    })
}

/// `dir` and every folder below it (links to folders not followed), sorted: what a watcher
/// watches so that a file created again (deleted, then restored) is seen.
pub fn dirs_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                out.extend(dirs_below(&entry.path()));
            }
        }
    }
    out.sort();
    out
}

/// Whether a file name is a workbook calamine reads (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::write(base.join("a.csv"), "x").unwrap();
        assert!(resolve_inside(&base, "a.csv").is_ok());
        assert_eq!(resolve_inside(&base, "../a.csv"), Err(PathError::NotRelative));
        assert_eq!(resolve_inside(&base, "/etc/passwd"), Err(PathError::NotRelative));
        assert_eq!(resolve_inside(&base, ""), Err(PathError::NotRelative));
        assert!(matches!(resolve_inside(&base, "missing.csv"), Err(PathError::Io(_))));
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("secret.csv"), "x").unwrap();
            std::os::unix::fs::symlink(outside.path().join("secret.csv"), base.join("link.csv")).unwrap();
            assert_eq!(resolve_inside(&base, "link.csv"), Err(PathError::Escapes));
        }
    }
}
