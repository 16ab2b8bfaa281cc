//! SVG assets through resvg, the SVG stack Typst itself uses: `rapport check` parses every
//! SVG under `assets/` and reports broken files by name; `rapport proof` renders PNG previews
//! and a contact sheet, so a designer sees every icon and map at a glance.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{ImageHrefResolver, Options, Tree, fontdb};

use crate::diag::Diagnostics;
use crate::inputs::paths::relative;
use crate::memo::Memo;

/// Reads SVGs with the project's fonts only (loaded once, for every SVG of a run) and no
/// external files: any `href` to a file or URL is recorded so it can be reported, and never
/// loaded.
pub struct SvgReader {
    fonts: Arc<fontdb::Database>,
}

impl SvgReader {
    /// A reader with the fonts of `project/fonts`.
    pub fn new(project: &Path) -> SvgReader {
        let mut fonts = fontdb::Database::new();
        for file in crate::checks::fonts::font_files(&project.join("fonts")).unwrap_or_default() {
            fonts.load_font_file(file).ok();
        }
        SvgReader { fonts: Arc::new(fonts) }
    }

    fn options(&self, external: Arc<Mutex<Vec<String>>>) -> Options<'static> {
        let mut options = Options { resources_dir: None, fontdb: self.fonts.clone(), ..Options::default() };
        options.image_href_resolver = ImageHrefResolver {
            resolve_data: ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(move |href, _| {
                external.lock().map(|mut v| v.push(href.to_string())).ok();
                None
            }),
        };
        options
    }

    /// Parses one SVG; errors say what is wrong with it. Besides `href`s, CSS in a `<style>`
    /// may not name other files (`url(file:…)`, `@import`): only `url(#…)` within the SVG.
    pub fn parse(&self, data: &[u8]) -> Result<Tree, String> {
        let text = String::from_utf8_lossy(data);
        let css_reference = text
            .match_indices("url(")
            .map(|(i, _)| &text[i + 4..])
            .find(|rest| !rest.trim_start_matches(['\'', '"', ' ']).starts_with('#'));
        if let Some(rest) = css_reference {
            let target: String = rest.chars().take_while(|c| *c != ')').take(60).collect();
            return Err(format!("expected a self-contained SVG, found a reference to the external file `{target}`"));
        }
        if text.contains("@import") {
            return Err("expected a self-contained SVG, found a CSS `@import`".into());
        }
        if let Some(problem) = crate::inputs::images::svg_problem(data) {
            return Err(problem);
        }
        let external = Arc::new(Mutex::new(Vec::new()));
        let tree =
            Tree::from_data(data, &self.options(external.clone())).map_err(|e| format!("not a readable SVG: {e}"))?;
        let refs = external.lock().map(|v| v.clone()).unwrap_or_default();
        if let Some(href) = refs.first() {
            return Err(format!("expected a self-contained SVG, found a reference to the external file `{href}`"));
        }
        Ok(tree)
    }

    /// `data` re-serialised as the SVG of what it draws, for publishing: scripts, event
    /// attributes, links, foreign objects, style sheets and every reference outside the file
    /// (never loaded) are dropped by construction, as usvg keeps only shapes, images embedded
    /// as data and (with the project's fonts) text as outlines. Errors say why it cannot be
    /// read.
    pub fn sanitise(&self, data: &[u8]) -> Result<String, String> {
        if let Some(problem) = crate::inputs::images::svg_problem(data) {
            return Err(problem);
        }
        let ignored = Arc::new(Mutex::new(Vec::new()));
        let tree = Tree::from_data(data, &self.options(ignored)).map_err(|e| format!("not a readable SVG: {e}"))?;
        let svg = tree.to_string(&resvg::usvg::WriteOptions::default());
        // usvg writes the size but no viewBox: without one, a browser does not scale the
        // picture to the width the page gives it. Its drawing is in the size's units.
        let size = tree.size();
        Ok(svg.replacen("<svg ", &format!("<svg viewBox=\"0 0 {} {}\" ", size.width(), size.height()), 1))
    }
}

/// Every `.svg` file below `dir`, sorted.
pub fn svg_files(dir: &Path) -> Vec<PathBuf> {
    crate::inputs::paths::files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")))
        .collect()
}

/// The SVGs found readable, by the hash of their bytes and of the fonts they were read with:
/// `rapport watch` reloads the data on every save, and parses again only the SVGs that changed
/// (and a broken one, until it is mended). Room for a project's icons and maps many times over.
static CHECKED: Memo<()> = Memo::new(4096);

/// The fonts an SVG is read with, as a hash of their paths, sizes and modification times.
fn fonts_stamp(project: &Path) -> u128 {
    let files = crate::checks::fonts::font_files(&project.join("fonts")).unwrap_or_default();
    let stamps: Vec<_> =
        files.iter().map(|file| (file, fs::metadata(file).ok().map(|m| (m.len(), m.modified().ok())))).collect();
    typst::utils::hash128(&stamps)
}

/// Checks every SVG under `assets/`, reporting each broken file by name. A link that leads
/// out of `assets/` is refused, as the Typst world refuses it.
pub fn check_assets(project: &Path, problems: &mut Diagnostics) {
    let assets = project.join("assets");
    // The reader (it loads the project's fonts) is made only when an SVG is not checked yet.
    let mut reader = None;
    let fonts = fonts_stamp(project);
    for path in svg_files(&assets) {
        let shown = relative(project, &path);
        let inside = match (path.canonicalize(), assets.canonicalize()) {
            (Ok(real), Ok(base)) => real.starts_with(base),
            _ => false,
        };
        if !inside {
            problems.file_error(&shown, "expected a file inside assets/, found a link that leads out of it");
            continue;
        }
        let checked = fs::read(&path).map_err(|err| format!("cannot read this file: {err}")).and_then(|data| {
            let key = typst::utils::hash128(&(&data, fonts));
            CHECKED.get_or_try(key, || reader.get_or_insert_with(|| SvgReader::new(project)).parse(&data).map(|_| ()))
        });
        if let Err(message) = checked {
            problems.file_error(&shown, message);
        }
    }
}

/// Renders an SVG tree into a pixmap `size` pixels wide (height by aspect ratio).
pub fn render(tree: &Tree, width: u32) -> Option<Pixmap> {
    let size = tree.size();
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let mut pixmap = Pixmap::new(width.max(1), height)?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Some(pixmap)
}

/// A named SVG to preview.
pub struct Preview {
    pub name: String,
    pub svg: Vec<u8>,
}

/// Writes one PNG per preview into `out_dir` and a contact sheet `contact-sheet.png` with
/// each under its name. Returns the paths written.
pub fn write_proofs(project: &Path, previews: &[Preview], out_dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    const CELL: u32 = 220;
    const LABEL: u32 = 28;
    let columns = 6u32;
    let rows = (previews.len() as u32).div_ceil(columns).max(1);
    let mut sheet = Pixmap::new(columns * CELL, rows * (CELL + LABEL)).context("contact sheet too large")?;
    sheet.fill(resvg::tiny_skia::Color::from_rgba8(235, 240, 241, 255));
    let mut written = Vec::new();
    let reader = SvgReader::new(project);
    for (i, preview) in previews.iter().enumerate() {
        let tree = reader.parse(&preview.svg).map_err(|e| anyhow::anyhow!("{}: {e}", preview.name))?;
        let full = render(&tree, 800).context("cannot render")?;
        let file = out_dir.join(format!("{}.png", preview.name.replace('/', "-")));
        full.save_png(&file).with_context(|| format!("cannot write {}", file.display()))?;
        written.push(file);

        let thumb = render(&tree, CELL - 20).context("cannot render")?;
        let (x, y) = ((i as u32 % columns) * CELL + 10, (i as u32 / columns) * (CELL + LABEL) + 10);
        sheet.draw_pixmap(x as i32, y as i32, thumb.as_ref(), &Default::default(), Transform::identity(), None);
        let label = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{LABEL}"><text x="0" y="18" font-family="Inter" font-size="13" fill="#1b1b1b">{}</text></svg>"##,
            escape(&preview.name),
            w = CELL - 20
        );
        if let Ok(label) = reader.parse(label.as_bytes())
            && let Some(pix) = render_transparent(&label)
        {
            let ly = y + thumb.height().min(CELL - 20) + 2;
            sheet.draw_pixmap(x as i32, ly as i32, pix.as_ref(), &Default::default(), Transform::identity(), None);
        }
    }
    let path = out_dir.join("contact-sheet.png");
    sheet.save_png(&path).with_context(|| format!("cannot write {}", path.display()))?;
    written.push(path);
    Ok(written)
}

fn render_transparent(tree: &Tree) -> Option<Pixmap> {
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())?;
    resvg::render(tree, Transform::identity(), &mut pixmap.as_mut());
    Some(pixmap)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The SVG assets of the project as previews, named by their path under `assets/`.
pub fn asset_previews(project: &Path) -> anyhow::Result<Vec<Preview>> {
    let assets = project.join("assets");
    svg_files(&assets)
        .into_iter()
        .map(|path| {
            let svg = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let name = path.strip_prefix(&assets).unwrap_or(&path).with_extension("").to_string_lossy().into_owned();
            Ok(Preview { name, svg })
        })
        .collect()
}
