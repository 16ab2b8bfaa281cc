//! `rapport fonts`: lists the fonts in fonts/ with what ttf-parser reads from them.

use std::path::Path;

use crate::checks::fonts::inspect_fonts;
use crate::error::{Result, usage};

pub fn run(project: &Path) -> Result<()> {
    let fonts = inspect_fonts(&project.join("fonts"))?;
    if fonts.is_empty() {
        return Err(usage(format!("no fonts in {}", project.join("fonts").display())));
    }
    super::say(format_args!(
        "{:<28} {:<14} {:<8} {:>6}  {:<14} file",
        "family", "subfamily", "style", "weight", "embedding"
    ));
    for f in fonts {
        let line = format!(
            "{:<28} {:<14} {:<8} {:>6}  {:<14} {}",
            f.family, f.subfamily, f.style, f.weight, f.embedding, f.file
        );
        super::say(line);
    }
    Ok(())
}
