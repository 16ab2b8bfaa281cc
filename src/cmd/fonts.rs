//! `rapport fonts`: lists the fonts in fonts/ with what ttf-parser reads from them.

use std::path::Path;

use crate::cmd::{OK, USAGE_ERRORS, fail};
use crate::fonts::inspect_fonts;

pub fn run(project: &Path) -> u8 {
    match inspect_fonts(&project.join("fonts")) {
        Ok(fonts) if fonts.is_empty() => {
            eprintln!("error: no fonts in {}", project.join("fonts").display());
            USAGE_ERRORS
        }
        Ok(fonts) => {
            println!("{:<28} {:<14} {:<8} {:>6}  {:<14} file", "family", "subfamily", "style", "weight", "embedding");
            for f in fonts {
                println!(
                    "{:<28} {:<14} {:<8} {:>6}  {:<14} {}",
                    f.family, f.subfamily, f.style, f.weight, f.embedding, f.file
                );
            }
            OK
        }
        Err(err) => fail(&err),
    }
}
