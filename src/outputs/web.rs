//! The web edition: the edition's model as a website (layout/web.typ, through Typst's HTML
//! and bundle export), with the PDF edition and the handouts beside it. Nothing is written
//! here: [`site`] returns the files, which `build --web` writes as one folder.

use serde_json::json;

use crate::build::{Target, model, refuse_data_problems};
use crate::diag::{Diagnostic, Origin, Severity};
use crate::error::{Error, Result};
use crate::session::Session;

/// A PDF the site links to (and serves under `pdf/`).
pub struct SitePdf {
    /// The link's text, e.g. `Hele rapporten (PDF)`.
    pub label: String,
    /// The chapter of a handout, none for the whole report.
    pub slug: Option<String>,
    /// Its file name.
    pub file: String,
    pub bytes: Vec<u8>,
}

impl SitePdf {
    /// The PDF written at `path`, linked as `label` (for the chapter `slug` of a handout).
    pub fn read(path: &std::path::Path, label: String, slug: Option<String>) -> anyhow::Result<SitePdf> {
        let bytes = std::fs::read(path).map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?;
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(SitePdf { label, slug, file, bytes })
    }
}

/// The site: every file by its path inside the site folder, and what Typst warned of.
pub struct Site {
    pub files: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<Diagnostic>,
    /// How many HTML pages it has.
    pub pages: usize,
}

/// Builds the web edition of the session's edition, linking to `pdfs`. Content Typst leaves
/// out of the HTML ("… was ignored during HTML export") is an error: the site must hold every
/// word and number of the PDF.
pub fn site(session: &mut Session, pdfs: Vec<SitePdf>) -> Result<Site> {
    refuse_data_problems(session)?;
    let model = model(session, &Target::Screen);
    let data_dir = format!("/{}", crate::paths::relative(&session.project, &session.edition.dir).display());
    let links: Vec<_> = pdfs.iter().map(|p| json!({ "file": p.file, "label": p.label, "slug": p.slug })).collect();
    let (bundle, warnings) =
        session.typeset_web(&model, &json!({ "data-dir": data_dir, "pdfs": links })).map_err(Error::failed)?;
    let (lost, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = warnings
        .into_iter()
        // Typst says its HTML and bundle export are experimental on every run: known, and pinned.
        .filter(|w| !w.message.contains("export is experimental") && !w.message.contains("under active development"))
        .partition(|w| w.message.contains("was ignored during HTML export"));
    if !lost.is_empty() {
        let errors = lost.into_iter().map(|d| Diagnostic { severity: Severity::Error, origin: Origin::Layout, ..d });
        return Err(Error::failed(errors.collect()));
    }
    let options = typst_bundle::BundleOptions {
        html: typst_html::HtmlOptions { pretty: true },
        ..typst_bundle::BundleOptions::default()
    };
    let exported =
        typst_bundle::export(&bundle, &options).map_err(|errors| Error::failed(session.world.diagnostics(&errors)))?;
    let mut files: Vec<(String, Vec<u8>)> =
        exported.iter().map(|(path, bytes)| (path.get_without_slash().to_string(), bytes.to_vec())).collect();
    sanitise_svgs(&session.project, &mut files)?;
    let pages = files.iter().filter(|(path, _)| path.ends_with(".html")).count();
    files.extend(pdfs.into_iter().map(|p| (format!("pdf/{}", p.file), p.bytes)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Site { files, warnings, pages })
}

/// Every SVG of the site (photos and figures from the data, maps, goal icons) re-serialised
/// through usvg ([`crate::assets::SvgReader::sanitise`]), so that nothing a browser would run
/// or fetch is published: an SVG photo's scripts, `on…` attributes, `javascript:` links,
/// foreign objects and external references stay behind. One that cannot be read is an error
/// naming it.
fn sanitise_svgs(project: &std::path::Path, files: &mut [(String, Vec<u8>)]) -> Result<()> {
    let mut reader = None;
    let mut errors = Vec::new();
    for (path, bytes) in files.iter_mut() {
        if !path.to_ascii_lowercase().ends_with(".svg") {
            continue;
        }
        let reader = reader.get_or_insert_with(|| crate::assets::SvgReader::new(project));
        match reader.sanitise(bytes) {
            Ok(svg) => *bytes = svg.into_bytes(),
            Err(why) => {
                errors.push(Diagnostic::error(Origin::Data, format!("cannot publish {path} in the web edition: {why}")))
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::failed(errors)) }
}
