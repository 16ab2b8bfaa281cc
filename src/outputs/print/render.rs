//! Proofs of the print file: pages rendered to PNG with hayro (the PDF renderer Typst itself
//! depends on), over the whole MediaBox, so the bleed and the marks show.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Page numbers from a list like `1,40-41,134`, checked against `pages`.
pub fn parse_pages(list: &str, pages: usize) -> anyhow::Result<Vec<usize>> {
    let mut out = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let number = |s: &str| {
            s.trim().parse::<usize>().ok().filter(|n| (1..=pages).contains(n)).with_context(|| {
                format!("expected page numbers from 1 to {pages} like `1,40-41`, found `{}` in `{list}`", s.trim())
            })
        };
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (number(from)?, number(to)?);
                if from > to {
                    bail!("expected a range from a lower to a higher page, found `{part}`");
                }
                out.extend(from..=to);
            }
            None => out.push(number(part)?),
        }
    }
    if out.is_empty() {
        bail!("expected at least one page number, found `{list}`");
    }
    out.dedup();
    Ok(out)
}

/// Renders `pages` (1-based) of the PDF `bytes` at `ppi` into `dir` as `{name}-NNN.png`
/// (`print-page`, `print-cover`); returns the files written.
pub fn render_pages(bytes: Vec<u8>, pages: &[usize], ppi: f32, dir: &Path, name: &str) -> anyhow::Result<Vec<PathBuf>> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::{RenderCache, RenderSettings, render};

    let pdf = Pdf::new(bytes).map_err(|err| anyhow::anyhow!("cannot read the print file for rendering: {err:?}"))?;
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let scale = ppi / 72.0;
    let white = hayro::vello_cpu::color::palette::css::WHITE;
    let render_settings = RenderSettings { x_scale: scale, y_scale: scale, bg_color: white, ..Default::default() };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for &n in pages {
        let Some(page) = pdf.pages().get(n - 1) else { bail!("the print file has no page {n}") };
        let pixmap = render(page, &cache, &settings, &render_settings);
        let png = pixmap.into_png().map_err(|err| anyhow::anyhow!("cannot encode page {n} as PNG: {err}"))?;
        let path = dir.join(format!("{name}-{n:03}.png"));
        crate::files::write_atomic(&path, &png)?;
        written.push(path);
    }
    Ok(written)
}
