//! `rapport watch`: rebuilds the PDF whenever a file it was built from changes — the
//! designer's loop. Data is reloaded and checked each time; Typst recompiles incrementally.

use std::path::Path;
use std::time::SystemTime;

use typst_kit::watcher::Watcher;

use super::build::build_and_write;
use super::{Log, out_dir};
use crate::build::{Target, check_chapter};
use crate::cli::WatchArgs;
use crate::error::Result;
use crate::session::changed_since;

pub fn run(log: &mut Log, project: &Path, args: &WatchArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let target = match &args.chapter {
        Some(slug) => {
            check_chapter(&session, slug)?;
            Target::Chapter(slug.clone())
        }
        None => Target::Screen,
    };
    let out = out_dir(&session, &args.out)?;
    let output = out.join(target.file_name(&session.edition.config.output));
    let mut watcher = Watcher::new(Some(output)).map_err(anyhow::Error::msg)?;
    let mut loaded = true;
    loop {
        let started = SystemTime::now();
        // A broken edition.toml leaves the last model in place: build only what was loaded.
        if loaded {
            match build_and_write(log, &mut session, &target, &out) {
                Ok(_) => log.line("watching for changes"),
                Err(err) => {
                    let err = log.shown(err);
                    log.line(format_args!("error: {err} — watching for changes"));
                }
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
                log.line(format_args!("error: {err:#} — watching for changes"));
                false
            }
        };
    }
}
