//! Proofs of the print file: pages rendered to PNG with hayro (the PDF renderer Typst itself
//! depends on), over the whole MediaBox, so the bleed and the marks show.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Numbers from a list like `1,40-41,134`, each at least 1, in the order given.
pub fn parse_numbers(list: &str) -> anyhow::Result<Vec<u64>> {
    let mut out = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let number = |s: &str| {
            s.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=99_999).contains(n))
                .with_context(|| format!("expected page numbers like `1,40-41`, found `{}` in `{list}`", s.trim()))
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

/// The pages of the file a list of folios asks for, each (page of the file, folio), and the
/// folios of the list that lie in the cover file.
pub type FolioPages = (Vec<(usize, u64)>, Vec<u64>);

/// The pages a list of folios (`1,40-41`, the numbers printed on the pages) asks for: each as
/// (the page of the file, 1-based, and its folio), and the folios that lie in the cover file
/// (`cover`: a perfect-bound book's front cover, colophon and back cover). `folios` holds
/// the folio of each page of the file (none for an added blank page). A folio the book does
/// not have is an error naming those it has.
pub fn pages_by_folio(list: &str, folios: &[Option<u64>], cover: &[u64]) -> anyhow::Result<FolioPages> {
    let (mut pages, mut on_cover) = (Vec::new(), Vec::new());
    for folio in parse_numbers(list)? {
        if let Some(index) = folios.iter().position(|f| *f == Some(folio)) {
            pages.push((index + 1, folio));
        } else if cover.contains(&folio) {
            on_cover.push(folio);
        } else {
            let have = runs(&folios.iter().flatten().copied().collect::<Vec<_>>());
            if cover.is_empty() {
                bail!(
                    "expected the numbers printed on the pages (folios {have}) like `1,40-41`, found `{folio}` in `{list}`"
                );
            }
            bail!(
                "expected the numbers printed on the pages (folios {have} in the book block, {} on the cover) like `1,40-41`, found `{folio}` in `{list}`",
                runs(cover)
            );
        }
    }
    Ok((pages, on_cover))
}

/// Numbers as runs: `3–40, 42`.
fn runs(numbers: &[u64]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut at = 0;
    while at < sorted.len() {
        let mut end = at;
        while end + 1 < sorted.len() && sorted[end + 1] == sorted[end] + 1 {
            end += 1;
        }
        parts.push(if end > at { format!("{}–{}", sorted[at], sorted[end]) } else { sorted[at].to_string() });
        at = end + 1;
    }
    if parts.is_empty() { "none".into() } else { parts.join(", ") }
}

/// Renders `pages` of the PDF `bytes` at `ppi` into `dir`, each given as its page of the
/// file (1-based) and the number its file is named by (`{name}-NNN.png`: `print-page` by
/// folio, `print-cover`); returns the files written.
pub fn render_pages(
    bytes: Vec<u8>,
    pages: &[(usize, u64)],
    ppi: f32,
    dir: &Path,
    name: &str,
) -> anyhow::Result<Vec<PathBuf>> {
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
    for &(n, number) in pages {
        let Some(page) = n.checked_sub(1).and_then(|i| pdf.pages().get(i)) else {
            bail!("the print file has no page {n}")
        };
        let pixmap = render(page, &cache, &settings, &render_settings);
        let png = pixmap.into_png().map_err(|err| anyhow::anyhow!("cannot encode page {n} as PNG: {err}"))?;
        let path = dir.join(format!("{name}-{number:03}.png"));
        crate::outputs::files::write_atomic(&path, &png)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folios_find_their_pages_or_the_cover() {
        let folios = [Some(3), Some(4), None, None];
        let (pages, cover) = pages_by_folio("1,3-4", &folios, &[1, 2, 5]).unwrap();
        assert_eq!((pages, cover), (vec![(1, 3), (2, 4)], vec![1]));
        let err = pages_by_folio("9", &folios, &[1, 2, 5]).unwrap_err().to_string();
        assert!(
            err.contains("folios 3–4 in the book block, 1–2, 5 on the cover") && err.contains("found `9`"),
            "{err}"
        );
    }
}
