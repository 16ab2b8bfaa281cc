//! `rapport watch`: rebuilds the PDF whenever a file it was built from changes — the
//! designer's loop. Data is reloaded and checked each time; Typst recompiles incrementally.

use std::path::Path;
use std::time::SystemTime;

use typst_kit::watcher::Watcher;

use crate::build::{build_once, check_chapter, open, out_dir};
use crate::cli::WatchArgs;
use crate::error::Result;
use crate::session::changed_since;

pub fn run(project: &Path, args: &WatchArgs) -> Result<()> {
    let mut session = open(project, args.edition.edition.as_deref())?;
    let scope = args.chapter.as_deref();
    if let Some(slug) = scope {
        check_chapter(&session, slug)?;
    }
    let out = out_dir(&session, &args.out);
    let mut watcher = Watcher::new(Some(session.output_path(&out, scope))).map_err(anyhow::Error::msg)?;
    let mut loaded = true;
    loop {
        let started = SystemTime::now();
        // A broken edition.toml leaves the last model in place: build only what was loaded.
        if loaded {
            match build_once(&mut session, scope, &out) {
                Ok(_) => eprintln!("watching for changes"),
                Err(err) => eprintln!("error: {err} — watching for changes"),
            }
        }
        // Drop cached compilations older than ten rebuilds, as the Typst CLI does, so that a
        // day-long session does not grow without bound.
        typst::comemo::evict(10);
        let files = session.watched_files();
        // A file saved while the build ran changed before the watcher could see it.
        let changed = changed_since(&files, started);
        watcher.update(files).map_err(anyhow::Error::msg)?;
        if !changed {
            watcher.wait().map_err(anyhow::Error::msg)?;
        }
        loaded = match session.reload() {
            Ok(()) => true,
            Err(err) => {
                eprintln!("error: {err:#} — watching for changes");
                false
            }
        };
    }
}
