//! `rapport proof`: PNG previews of the SVG assets and a contact sheet.

use std::path::Path;

use crate::assets::{Preview, asset_previews, write_proofs};
use crate::cli::ProofArgs;
use crate::cmd::{OK, edition_id, fail};
use crate::edition::load_config;
use crate::maps::{draw, preview_style};

pub fn run(project: &Path, args: &ProofArgs) -> u8 {
    let out = if args.out.is_absolute() { args.out.clone() } else { project.join(&args.out) };
    let result = previews(project, args).and_then(|previews| write_proofs(project, &previews, &out));
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

/// The SVG assets and the edition's maps, drawn from its data.
fn previews(project: &Path, args: &ProofArgs) -> anyhow::Result<Vec<Preview>> {
    let mut previews = asset_previews(project)?;
    let (dir, config) = load_config(project, &edition_id(project, &args.edition)?)?;
    for map in &config.maps {
        let svg = draw(&dir, map, &preview_style(map)).map_err(|e| anyhow::anyhow!("map `{}`: {e}", map.id))?;
        previews.push(Preview { name: format!("map-{}", map.id), svg: svg.into_bytes() });
    }
    Ok(previews)
}
