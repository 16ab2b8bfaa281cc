//! Archival editions: the report as PDF/A-2a and PDF/UA-1 (or PDF/A-3a with the edition's
//! CSV files attached as its data), with a manifest of what went in and came out, in
//! `out/archive/<id>/`, and the web edition beside it if asked. Two runs give the same bytes.
//! The job that builds them is [`crate::jobs::archive::archive`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::inputs::loaded::Loaded;
use crate::inputs::paths::relative;
use crate::outputs::files::write_folder_atomic;
use crate::typeset::session::Session;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// `manifest.json`: what an archived edition is made of.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Manifest {
    /// The edition's id, e.g. `2020-2023`.
    pub edition: String,
    /// The report's title.
    pub title: String,
    /// The tool and its version, e.g. `rapport 0.1.0`.
    pub tool: String,
    /// The Typst compiler's version.
    pub typst: String,
    /// The standards the PDF conforms to.
    pub standards: Vec<String>,
    /// The PDF's page count.
    pub pages: usize,
    /// The files written, relative to the archive folder.
    pub outputs: Vec<FileEntry>,
    /// Every input: the edition's data, the layouts, the assets and the fonts.
    pub inputs: Vec<FileEntry>,
}

/// A file and its SHA-256.
#[derive(Debug, Serialize)]
pub struct FileEntry {
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
}

/// What an archive run wrote.
pub struct Archived {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// What the build warns of.
    pub warnings: Vec<Diagnostic>,
}

/// The manifest of the session's edition archived as `files` (each file's path in the archive
/// folder and its bytes; the PDF first), a PDF of `pages` pages conforming to `standards`.
pub fn manifest(
    session: &Session,
    files: &[(String, Vec<u8>)],
    standards: Vec<String>,
    pages: usize,
) -> Result<Manifest> {
    Ok(Manifest {
        edition: session.edition.config.id.clone(),
        title: session.edition.config.title.clone(),
        tool: format!("rapport {}", env!("CARGO_PKG_VERSION")),
        typst: {
            let v = typst::utils::version();
            format!("{}.{}.{}", v.major(), v.minor(), v.patch())
        },
        standards,
        pages,
        outputs: files.iter().map(|(file, bytes)| entry(file.clone(), bytes)).collect(),
        inputs: inputs(&session.project, &session.edition.dir, &session.edition.loaded)?,
    })
}

/// Writes `files` and the manifest into `dir`, all or nothing: the PDF (the site) and the
/// manifest replace the last archive together.
pub fn write(dir: &Path, files: &[(String, Vec<u8>)], manifest: &Manifest) -> Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest).map_err(anyhow::Error::from)?;
    json.push(b'\n');
    let mut written: Vec<(&str, &[u8])> = files.iter().map(|(f, b)| (f.as_str(), b.as_slice())).collect();
    written.push(("manifest.json", &json));
    write_folder_atomic(dir, &written)?;
    Ok(())
}

fn entry(file: String, bytes: &[u8]) -> FileEntry {
    FileEntry { file, sha256: format!("{:x}", Sha256::digest(bytes)), bytes: bytes.len() as u64 }
}

/// The largest input file an archive hashes, in bytes.
const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Every file that went into the edition, sorted: its data, the layouts, assets and fonts.
/// A file the build read is listed with the checksum of the bytes it read (`loaded`), never
/// of the file as it is on disk afterwards; a file it did not read is hashed as it is now.
/// A file the build read twice and found changed is refused: the PDF was made from both.
fn inputs(project: &Path, edition_dir: &Path, loaded: &Loaded) -> Result<Vec<FileEntry>> {
    let files = loaded.files();
    if let Some((real, _)) = files.iter().find(|(_, read)| read.changed) {
        return Err(Error::sources(format!(
            "{} changed while the edition was read for the archive (read twice, the bytes differed); the last archive is left as it was: run `rapport archive` again when nothing is being saved",
            relative(project, real).display()
        )));
    }
    let folders = [edition_dir.to_path_buf(), project.join("layout"), project.join("assets"), project.join("fonts")];
    let mut entries: BTreeMap<String, FileEntry> = BTreeMap::new();
    for file in folders.iter().flat_map(|dir| crate::inputs::paths::files_below(dir)) {
        let shown = relative(project, &file).display().to_string();
        // Only files inside the project are archived: a link leading out is refused.
        let real = crate::inputs::paths::inside(project, &file)
            .map_err(|err| anyhow::anyhow!("cannot archive {shown}: {err}"))?;
        let entry = match loaded.get(&real) {
            Some(read) => FileEntry { file: shown.clone(), sha256: read.sha256, bytes: read.bytes },
            None => entry(shown.clone(), &crate::inputs::paths::read_regular(&real, "the input", MAX_INPUT_BYTES)?),
        };
        entries.insert(shown, entry);
    }
    // What the build read that the folders do not list (a dot-file named by the data).
    for (real, read) in files {
        if real.starts_with(project) {
            let shown = relative(project, &real).display().to_string();
            entries.entry(shown.clone()).or_insert(FileEntry { file: shown, sha256: read.sha256, bytes: read.bytes });
        }
    }
    Ok(entries.into_values().collect())
}
