//! `rapport proof`: PNG previews of the SVG assets and a contact sheet.

use std::path::Path;

use crate::assets::{asset_previews, write_proofs};
use crate::cli::ProofArgs;
use crate::cmd::{OK, fail};

pub fn run(project: &Path, args: &ProofArgs) -> u8 {
    let out = if args.out.is_absolute() { args.out.clone() } else { project.join(&args.out) };
    let result = asset_previews(project).and_then(|previews| write_proofs(project, &previews, &out));
    match result {
        Ok(files) => {
            for file in &files {
                println!("wrote {}", crate::edition::relative(project, file).display());
            }
            OK
        }
        Err(err) => fail(&err),
    }
}
