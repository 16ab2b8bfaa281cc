//! `rapport new-edition`: starts the next edition from an existing one.

use std::path::Path;

use super::Log;
use crate::cli::NewEditionArgs;
use crate::error::Result;
use crate::inputs::edition::scaffold::new_edition;

pub fn run(log: &mut Log, project: &Path, args: &NewEditionArgs) -> Result<()> {
    // A mistyped `--from` is told the closest edition, not that a file cannot be read.
    let catalog = crate::inputs::edition::catalog::Catalog::read(project)?;
    let from = crate::inputs::edition::catalog::known_id(project, &catalog, &args.from)?;
    let made = new_edition(project, &args.id, &from, args.period.as_deref())?;
    log.line(format_args!(
        "made data/{} from data/{}: {} files, years {} forward (now {}), key-figure values emptied",
        args.id,
        args.from,
        made.files,
        made.shift,
        made.years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    ));
    for workbook in &made.workbooks {
        log.line(format_args!(
            "{}: a workbook, copied as it is: its key figures and years are still last period's; update them in the spreadsheet",
            workbook.display()
        ));
    }
    if !made.left_out.is_empty() {
        let names: Vec<String> = made.left_out.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect();
        log.line(format_args!(
            "left out {} workbook(s) no chapter uses (they stay in data/{}/): {}",
            names.len(),
            args.from,
            names.join(", ")
        ));
    }
    log.line(format_args!(
        "next: fill in the text, tables and key figures; `rapport check --todo --edition {}` lists what is left",
        args.id
    ));
    Ok(())
}
