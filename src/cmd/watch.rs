//! `rapport watch`: rebuilds the PDF whenever a file it was built from changes — the
//! designer's loop. Data is reloaded and checked each time; Typst recompiles incrementally.

use std::path::Path;
use std::time::{Instant, SystemTime};

use typst_kit::watcher::Watcher;

use super::{Log, out_dir};
use crate::cli::WatchArgs;
use crate::cli::serve::Server;
use crate::error::Result;
use crate::jobs::build::{build_and_write, web_site};
use crate::typeset::session::{Session, changed_since};

pub fn run(log: &mut Log, project: &Path, args: &WatchArgs) -> Result<()> {
    let mut session = log.open(project, args.edition.edition.as_deref())?;
    let target = crate::jobs::screen_target(&session, args.chapter.as_deref())?;
    let out = out_dir(&session, &args.out)?;
    let output = out.join(target.file_name(&session.edition.config.output));
    let mut watcher = Watcher::new(Some(output)).map_err(anyhow::Error::msg)?;
    let server = match args.web {
        true => {
            let server = Server::start(&session.edition.config.title, args.port)?;
            log.line(format_args!("serving the web edition at http://{}/", server.addr()));
            Some(server)
        }
        false => None,
    };
    let mut loaded = true;
    loop {
        let started = SystemTime::now();
        // A broken edition.toml leaves the last model in place: build only what was loaded.
        if loaded {
            let built = build_and_write(log, &mut session, &target, &out);
            let built = match (&server, built) {
                (Some(server), Ok(pdf)) => serve_site(log, &mut session, server, &pdf),
                (_, built) => built.map(|_| ()),
            };
            match built {
                Ok(()) => log.line("watching for changes"),
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
        watcher.update(files.iter().cloned()).map_err(anyhow::Error::msg)?;
        // A file saved (or deleted) while the build ran changed before the watcher could see
        // it. Checked once the watches are set, so nothing falls between the check and them.
        let changed = changed_since(&files, started);
        if !changed {
            watcher.wait().map_err(anyhow::Error::msg)?;
        }
        loaded = match crate::build::reload(&mut session) {
            Ok(()) => true,
            Err(err) => {
                log.line(format_args!("error: {err:#} — watching for changes"));
                false
            }
        };
    }
}

/// Builds the web edition (linking the PDF just written) and serves it: the browsers showing
/// it reload. A broken build leaves the last good site served.
fn serve_site(log: &mut Log, session: &mut Session, server: &Server, pdf: &Path) -> Result<()> {
    let start = Instant::now();
    let site = web_site(log, session, pdf)?;
    server.publish(site.files.into_iter().collect());
    log.line(format_args!("served the web edition ({} pages) in {:.2} s", site.pages, start.elapsed().as_secs_f64()));
    Ok(())
}
