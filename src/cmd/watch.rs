//! `rapport watch`: rebuilds the PDF whenever a file it was built from changes — the
//! designer's loop. Data is reloaded and checked each time; Typst recompiles incrementally.

use std::path::Path;
use std::time::Instant;

use typst_kit::watcher::Watcher;

use crate::cli::BuildArgs;
use crate::cmd::{USAGE_ERRORS, edition_id, fail, stderr};
use crate::session::{Session, write_atomic};

pub fn run(project: &Path, args: &BuildArgs) -> u8 {
    let session = edition_id(project, &args.edition).and_then(|id| Session::open(project, &id));
    let mut session = match session {
        Ok(session) => session,
        Err(err) => return fail(&err),
    };
    let out_dir = if args.out.is_absolute() { args.out.clone() } else { session.project.join(&args.out) };
    let output = session.output_path(&out_dir, args.chapter.as_deref());
    let mut watcher = match Watcher::new(Some(output.clone())) {
        Ok(w) => w,
        Err(err) => {
            eprintln!("error: {err}");
            return USAGE_ERRORS;
        }
    };
    loop {
        let start = Instant::now();
        let started = std::time::SystemTime::now();
        match session.compile(args.chapter.as_deref()).and_then(|c| session.pdf(&c).map(|pdf| (c, pdf))) {
            Ok((compiled, pdf)) => {
                if !compiled.warnings.is_empty() {
                    session.emit_typst(&mut stderr(), &compiled.warnings);
                }
                match write_atomic(&output, &pdf) {
                    Ok(()) => eprintln!(
                        "wrote {} ({} pages) in {:.2} s — watching for changes",
                        crate::edition::relative(&session.project, &output).display(),
                        compiled.document.pages().len(),
                        start.elapsed().as_secs_f64()
                    ),
                    Err(err) => {
                        fail(&err);
                    }
                }
            }
            Err(failure) => {
                session.emit_failure(&mut stderr(), &failure);
                eprintln!("error: the build failed; the last good PDF is left untouched — watching for changes");
            }
        }
        let mut files = session.world.dependencies();
        // Rust reads the edition's files, so Typst does not list them as dependencies.
        files.push(session.edition.dir.clone());
        files.extend(crate::files_below(&session.edition.dir));
        // A file saved while the build ran changed before the watcher could see it: rebuild
        // at once instead of waiting for the next change.
        let now = std::time::SystemTime::now();
        let changed_meanwhile =
            files.iter().any(|f| f.metadata().and_then(|m| m.modified()).is_ok_and(|t| t > started && t <= now));
        let watched = watcher.update(files);
        if let Err(err) = watched.and_then(|()| if changed_meanwhile { Ok(()) } else { watcher.wait() }) {
            eprintln!("error: {err}");
            return USAGE_ERRORS;
        }
        if let Err(err) = session.reload() {
            fail(&err);
        }
    }
}
