//! The web edition: the edition's model as a website (layout/web.typ, through Typst's HTML
//! and bundle export), with the PDF edition and the handouts beside it. Nothing is written
//! here: [`site`] returns the files, which `build --web` writes as one folder.

use serde_json::json;

use crate::diag::{Diagnostic, Origin, Severity};
use crate::error::{Error, Result};
use crate::model::Model;
use crate::typeset::session::Session;

/// A PDF the site links to (and serves under `pdf/`). The pages name it from the model (the
/// report, or its chapter's title) with its kind and size, in the web layout's words.
pub struct SitePdf {
    /// The chapter of a handout, none for the whole report.
    pub slug: Option<String>,
    /// Its file name.
    pub file: String,
    pub bytes: Vec<u8>,
    /// Whether it is the archival PDF/A edition (`archive --web`).
    pub archival: bool,
}

impl SitePdf {
    /// The PDF written at `path` (a handout of the chapter `slug`).
    pub fn read(path: &std::path::Path, slug: Option<String>) -> anyhow::Result<SitePdf> {
        let bytes = std::fs::read(path).map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?;
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(SitePdf { slug, file, bytes, archival: false })
    }
}

/// The site: every file by its path inside the site folder, and what Typst warned of.
pub struct Site {
    pub files: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<Diagnostic>,
    /// How many HTML pages it has.
    pub pages: usize,
}

/// Builds the web edition of the session's edition from its screen `model`, linking to `pdfs`
/// (the job that gives it both is [`crate::jobs::build::site`]). Content Typst leaves out of
/// the HTML ("… was ignored during HTML export") is an error: the site must hold every word
/// and number of the PDF.
pub fn site(session: &mut Session, model: &Model, pdfs: Vec<SitePdf>) -> Result<Site> {
    let data_dir = format!("/{}", crate::paths::relative(&session.project, &session.edition.dir).display());
    let links: Vec<_> = pdfs
        .iter()
        .map(|p| json!({ "file": p.file, "slug": p.slug, "size": p.bytes.len(), "archival": p.archival }))
        .collect();
    let (bundle, warnings) =
        session.typeset_web(model, &json!({ "data-dir": data_dir, "pdfs": links })).map_err(Error::failed)?;
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
    for (path, bytes) in files.iter_mut() {
        if path.ends_with(".html") {
            *bytes = with_csp(&soft_hyphens(&tidy_inline_svgs(&String::from_utf8_lossy(bytes)))).into_bytes();
        }
    }
    web_fonts(&mut files)?;
    let pages = files.iter().filter(|(path, _)| path.ends_with(".html")).count();
    files.extend(pdfs.into_iter().map(|p| (format!("pdf/{}", p.file), p.bytes)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Site { files, warnings, pages })
}

/// Every SVG of the site (photos and figures from the data, maps, goal icons) re-serialised
/// through usvg ([`crate::checks::assets::SvgReader::sanitise`]), so that nothing a browser would run
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
        let reader = reader.get_or_insert_with(|| crate::checks::assets::SvgReader::new(project));
        match reader.sanitise(bytes) {
            Ok(svg) => *bytes = svg.into_bytes(),
            Err(why) => {
                errors.push(Diagnostic::error(Origin::Data, format!("cannot publish {path} in the web edition: {why}")))
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::failed(errors)) }
}

/// Every font the layout gives as an OpenType file under a `.woff2` name (`fonts/…`) written as
/// a WOFF2 subset of the glyphs the site's pages use ([`crate::outputs::webfont`]): the characters of
/// every page, whatever their style, so each font holds what any page could set in it.
fn web_fonts(files: &mut [(String, Vec<u8>)]) -> Result<()> {
    let pages: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    let chars = crate::outputs::webfont::characters_of(pages.iter().map(String::as_str));
    use rayon::prelude::*;
    let errors: Vec<Diagnostic> = files
        .par_iter_mut()
        .filter(|(path, bytes)| {
            path.ends_with(".woff2") && (bytes.starts_with(b"OTTO") || bytes.starts_with(&[0, 1, 0, 0]))
        })
        .filter_map(|(path, bytes)| match crate::outputs::webfont::woff2_subset(bytes, &chars) {
            Ok(subset) => {
                *bytes = subset.woff2;
                None
            }
            Err(why) => Some(Diagnostic::error(Origin::Layout, format!("cannot write the font {path}: {why}"))),
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::failed(errors)) }
}

/// Reloads the page when `rapport watch --web`'s server says `reload` on `/__events` (it adds
/// this to every page it serves; the page's policy allows it by its hash).
pub const LIVE_RELOAD: &str =
    "<script>new EventSource(\"/__events\").addEventListener(\"reload\", () => location.reload())</script>";

/// The page with a strict Content-Security-Policy after its `<meta charset>`: nothing but the
/// site's own style sheets, images and fonts; no script but `rapport watch --web`'s live
/// reload (by its hash, so the published pages run none), no plugin, form or base.
pub fn with_csp(html: &str) -> String {
    use sha2::Digest;
    let script = LIVE_RELOAD.trim_start_matches("<script>").trim_end_matches("</script>");
    let hash = base64(&sha2::Sha256::digest(script.as_bytes()));
    let policy = format!(
        "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; script-src 'sha256-{hash}'; connect-src 'self'; base-uri 'none'; form-action 'none'"
    );
    let meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}">"#);
    match html.find("<meta charset=\"utf-8\">") {
        Some(at) => {
            let end = at + "<meta charset=\"utf-8\">".len();
            format!("{}{meta}{}", &html[..end], &html[end..])
        }
        None => html.to_string(),
    }
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() { ABC[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

/// Every inline SVG of a page (a chart Typst draws with `html.frame`) made valid HTML: its ids
/// (the glyphs Typst defines in each drawing) and the references to them prefixed with the
/// drawing's number on the page (`c2-g…`), so no two charts of a page share an id; the
/// `xmlns:h5` Typst declares on it, which HTML does not allow, dropped; and its inline
/// `style` dropped (the style sheet sizes it), so the page's Content-Security-Policy needs
/// no `'unsafe-inline'` for styles.
pub fn tidy_inline_svgs(html: &str) -> String {
    static ID: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r##"(\sid="|href="#|url\(#)([^"')]+)"##).unwrap());
    static STYLE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"^<svg style="[^"]*""#).unwrap());
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut n = 0;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let svg = &rest[start..];
        let end = svg.find("</svg>").map_or(svg.len(), |e| e + "</svg>".len());
        n += 1;
        let tidy = svg[..end].replace(r#" xmlns:h5="http://www.w3.org/1999/xhtml""#, "");
        let tidy = STYLE.replace(&tidy, "<svg");
        out.push_str(&ID.replace_all(&tidy, |c: &regex::Captures| format!("{}c{n}-{}", &c[1], &c[2])));
        rest = &svg[end..];
    }
    out.push_str(rest);
    out
}

/// The elements whose long words may break at their syllables: the headings and the tables'
/// and figures' captions and header cells, set large or in narrow columns.
const HYPHENATED: [&str; 8] = ["h1", "h2", "h3", "h4", "caption", "figcaption", "th", "summary"];

/// The fewest letters a word has before it gets its break points: shorter ones fit a line of
/// a 320 px phone even in the largest heading (about 15 letters of the h1 there).
const HYPHENATE_FROM: usize = 13;

/// Every long word in the headings, captions and header cells of a page ([`HYPHENATED`]) with
/// a soft hyphen (U+00AD) at each break point Typst's Norwegian hyphenation patterns (hypher,
/// as the PDF hyphenates) give it, so that on a narrow screen a long compound
/// (`Tilgjengelighetserklæring`) breaks at a syllable with a hyphen, not at an arbitrary
/// letter. Browsers show a soft hyphen only where the line breaks there; `hyphens: auto`
/// cannot be relied on (Chromium on Linux has no dictionary). Text outside those elements,
/// attributes and markup are untouched.
pub fn soft_hyphens(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    // How deep inside the elements to hyphenate the text is.
    let mut depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push_str(&hyphenate_text(rest, depth > 0));
            break;
        };
        out.push_str(&hyphenate_text(&rest[..lt], depth > 0));
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        let tag = &rest[lt..tag_end];
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if HYPHENATED.contains(&name.as_str()) {
            if tag.starts_with("</") {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
            }
        }
        out.push_str(tag);
        rest = &rest[tag_end..];
    }
    out
}

/// A run of HTML text with soft hyphens in its words of [`HYPHENATE_FROM`] letters or more,
/// where `on`; unchanged where not.
fn hyphenate_text(text: &str, on: bool) -> std::borrow::Cow<'_, str> {
    if !on || text.chars().filter(|c| c.is_alphabetic()).count() < HYPHENATE_FROM {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() >= HYPHENATE_FROM {
            // A syllable of one letter (`Samskaping-s-kommunen`) joins the one before it: a
            // line never ends or starts with a lone letter.
            let mut syllables: Vec<String> = Vec::new();
            for s in hypher::hyphenate(word, hypher::Lang::Norwegian) {
                match syllables.last_mut() {
                    Some(last) if s.chars().count() < 2 => last.push_str(s),
                    _ => syllables.push(s.to_string()),
                }
            }
            out.push_str(&syllables.join("\u{ad}"));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    // An entity (`&amp;`) is no letter of a word.
    let mut entity = false;
    for c in text.chars() {
        if c == '&' {
            entity = true;
        }
        if c.is_alphabetic() && !entity {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
        if c == ';' {
            entity = false;
        }
    }
    flush(&mut word, &mut out);
    std::borrow::Cow::Owned(out)
}

/// `text` safe to place in HTML text or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{base64, soft_hyphens, tidy_inline_svgs, with_csp};

    // A long word of a heading or header cell breaks at its syllables (soft hyphens where the
    // Norwegian patterns put them); short words, body text, attributes and entities do not.
    #[test]
    fn long_words_of_headings_get_soft_hyphens() {
        let page = r#"<h1 title="Tilgjengelighetserklæring">Tilgjengelighetserklæring &amp; mer</h1><p>Samfunnstjenester</p><table><tr><th scope="row">Kort ord</th></tr></table>"#;
        let out = soft_hyphens(page);
        let h1 = &out[..out.find("</h1>").unwrap()];
        assert!(h1.starts_with(r#"<h1 title="Tilgjengelighetserklæring">"#), "{out}");
        let word = h1.split('>').nth(1).unwrap().split(' ').next().unwrap();
        assert!(word.matches('\u{ad}').count() >= 3, "{word}");
        assert_eq!(word.replace('\u{ad}', ""), "Tilgjengelighetserklæring");
        assert!(!word.contains("\u{ad}\u{ad}") && !word.starts_with('\u{ad}') && !word.ends_with('\u{ad}'));
        assert!(out.contains("&amp; mer</h1><p>Samfunnstjenester</p>"), "{out}");
        // No syllable of one letter.
        let h2 = soft_hyphens("<h2>Samskapingskommunen</h2>");
        assert!(h2.split(['>', '<']).nth(2).unwrap().split('\u{ad}').all(|s| s.chars().count() >= 2), "{h2}");
        assert!(out.ends_with("Kort ord</th></tr></table>"));
    }

    // The policy follows the charset and allows the live-reload script by its SHA-256 (as
    // base64 with padding, which Chromium accepted when checked by hand), nothing inline else.
    #[test]
    fn the_policy_allows_only_the_live_reload_script() {
        assert_eq!([base64(b""), base64(b"f"), base64(b"fo"), base64(b"foo")], ["", "Zg==", "Zm8=", "Zm9v"]);
        let page = with_csp("<head><meta charset=\"utf-8\"><title>x</title>");
        assert!(page.starts_with("<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self';"), "{page}");
        assert!(page.contains("script-src 'sha256-QC7ICH8Kv4k/RK0Z7Iu4vGb2PiOaNcWnwzPzGMRyF2I='"), "{page}");
        assert!(!page.contains("unsafe-inline"));
    }

    // Two charts' glyph ids become unique, their references follow, and the markup HTML
    // rejects (`xmlns:h5`, the inline style) is gone; the page around is untouched.
    #[test]
    fn inline_svgs_get_ids_of_their_own() {
        let chart = r##"<svg style="width: 1em" viewBox="0 0 1 1" xmlns:h5="http://www.w3.org/1999/xhtml"><defs><symbol id="g1"/></defs><use xlink:href="#g1"/></svg>"##;
        let page = format!(r#"<p id="x">a</p>{chart}<p>b</p>{chart}"#);
        let tidy = tidy_inline_svgs(&page);
        assert_eq!(
            tidy,
            r##"<p id="x">a</p><svg viewBox="0 0 1 1"><defs><symbol id="c1-g1"/></defs><use xlink:href="#c1-g1"/></svg><p>b</p><svg viewBox="0 0 1 1"><defs><symbol id="c2-g1"/></defs><use xlink:href="#c2-g1"/></svg>"##
        );
    }
}
