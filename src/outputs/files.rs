//! Writing the project's files: atomic writes that never leave a broken file where the last
//! good one was. (Reading them, every file below a folder, is [`crate::inputs::paths`]'s.)

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed or interrupted build never leaves a broken file where the last good one was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let file = written_aside(path, bytes)?;
    file.persist(path).with_context(|| format!("cannot move the new PDF to {}", path.display()))?;
    Ok(())
}

/// `bytes` written and synced into a temporary file beside `path` (removed when dropped),
/// readable by all as a plain write makes a file.
fn written_aside(path: &Path, bytes: &[u8]) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    file.as_file().sync_all().with_context(|| format!("cannot write {}", path.display()))?;
    // Temporary files are private (0600); the PDF is a document to share, as a plain write makes it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).ok();
    }
    Ok(file)
}

/// Writes `files` (path and bytes) as one unit, all of them or none: each is written aside
/// first, then each takes its place by a rename. A failure on the way (a full disk, a
/// rename refused) removes the new files and puts back the ones they replaced, so a print
/// job's cover and book block are never of two different builds.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> anyhow::Result<()> {
    let mut fresh = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        // A failure here drops the files written so far: nothing has been replaced yet.
        fresh.push(written_aside(path, bytes)?.into_temp_path());
    }
    // The last good files, copied aside before anything is replaced.
    let mut kept = Vec::with_capacity(files.len());
    for (path, _) in files {
        kept.push(copied_aside(path)?);
    }
    let mut placed: Vec<(&Path, Option<tempfile::TempPath>)> = Vec::new();
    for (((path, _), new), old) in files.iter().zip(fresh).zip(kept) {
        if let Err(err) = new.persist(path) {
            put_back(placed);
            return Err(anyhow::anyhow!("cannot move the new file to {}: {}", path.display(), err.error));
        }
        placed.push((path, old));
    }
    // Every file in place: the copies of the old ones go (dropped).
    if let Some(dir) = files.first().and_then(|(path, _)| path.parent()) {
        sync_dir(dir);
    }
    Ok(())
}

/// A copy of the file at `path` beside it (removed when dropped), or `None` where there is
/// no file yet.
fn copied_aside(path: &Path) -> anyhow::Result<Option<tempfile::TempPath>> {
    if !std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()) {
        return Ok(None);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let copy = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?
        .into_temp_path();
    std::fs::copy(path, &copy).with_context(|| format!("cannot keep a copy of {}", path.display()))?;
    Ok(Some(copy))
}

/// Undoes the renames of [`write_all_atomic`]: each old file back in its place, or the new
/// file removed where there was none.
fn put_back(placed: Vec<(&Path, Option<tempfile::TempPath>)>) {
    for (path, old) in placed.into_iter().rev() {
        match old {
            Some(old) => {
                if let Err(err) = old.persist(path) {
                    // The old file could not go back: the new one must not stay as if whole.
                    drop(err);
                    std::fs::remove_file(path).ok();
                }
            }
            None => {
                std::fs::remove_file(path).ok();
            }
        }
    }
}

/// Writes the folder `dir` whole, as `files` (names, which may hold subfolders, and bytes),
/// or not at all: the files are written and synced into a new folder beside it, which then
/// takes the old one's place in one step (an atomic exchange where the system has one, else two renames). A failure, a
/// full disk or a kill leaves the last good folder as it was, never half of each.
pub fn write_folder_atomic(dir: &Path, files: &[(&str, &[u8])]) -> anyhow::Result<()> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create the output folder {}", parent.display()))?;
    let fresh = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
    for (file, bytes) in files {
        let path = fresh.path().join(file);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
        }
        let mut out = std::fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        out.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
        out.sync_all().with_context(|| format!("cannot write {}", path.display()))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(fresh.path(), std::fs::Permissions::from_mode(0o755)).ok();
    }
    sync_dir(fresh.path());
    let moved = |err: std::io::Error| anyhow::anyhow!("cannot move the new folder to {}: {err}", dir.display());
    if std::fs::symlink_metadata(dir).is_err() {
        std::fs::rename(fresh.path(), dir).map_err(moved)?;
        // The new folder is in place: nothing is left to remove.
        let _ = fresh.keep();
    } else if !exchange(fresh.path(), dir) {
        // No atomic exchange: the old folder steps aside, the new one takes its place, and
        // the old one goes back if that fails.
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(dir, &old).map_err(moved)?;
        if let Err(err) = std::fs::rename(fresh.path(), dir) {
            std::fs::rename(&old, dir).ok();
            return Err(moved(err));
        }
        let _ = fresh.keep();
        std::fs::remove_dir_all(&old).ok();
    }
    // After an exchange the temporary folder holds the old files, removed with it.
    sync_dir(parent);
    Ok(())
}

/// The file that marks a folder as the tool's own web edition: `build --web` replaces only a
/// folder that carries it.
pub const SITE_MARKER: &str = ".rapport-web";

/// Writes the web edition's folder `dir` whole ([`write_folder_atomic`]), with the
/// [`SITE_MARKER`] in it. Something already at `dir` is replaced only if it is a folder with
/// that marker, one the tool wrote; anything else (a folder of someone's files, a file, a
/// link) is refused and left as it is: `--out` never deletes what the tool did not write.
pub fn replace_site_folder(dir: &Path, files: &[(&str, &[u8])]) -> anyhow::Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(dir) {
        let marker = std::fs::symlink_metadata(dir.join(SITE_MARKER));
        if !(meta.is_dir() && marker.is_ok_and(|m| m.is_file())) {
            anyhow::bail!(
                "cannot write the web edition to {}: expected no such folder or one written by rapport (with its {SITE_MARKER} file), found one not written by rapport; it is left as it is: move it away or choose another --out",
                dir.display()
            );
        }
    }
    let marker = b"This folder was written by `rapport build --web`, which replaces it whole on the next build.\n";
    let mut all = files.to_vec();
    all.push((SITE_MARKER, marker));
    write_folder_atomic(dir, &all)
}

/// Exchanges two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); false where the
/// system or file system cannot.
fn exchange(a: &Path, b: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

/// Makes a folder's entries durable (its renames survive a power cut).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        handle.sync_all().ok();
    }
}
