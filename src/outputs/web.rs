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
    let data_dir = format!("/{}", crate::inputs::paths::relative(&session.project, &session.edition.dir).display());
    let links: Vec<_> = pdfs
        .iter()
        .map(|p| json!({ "file": p.file, "slug": p.slug, "size": p.bytes.len(), "archival": p.archival }))
        .collect();
    let fonts = font_licences(&session.project);
    let (bundle, warnings) = session
        .typeset_web(model, &json!({ "data-dir": data_dir, "pdfs": links, "font-licences": fonts }))
        .map_err(Error::failed)?;
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
    let vocabulary = vocabulary(
        files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(_, b)| String::from_utf8_lossy(b))
            .collect::<Vec<_>>()
            .iter()
            .map(|p| p.as_ref()),
    );
    for (path, bytes) in files.iter_mut() {
        if path.ends_with(".html") {
            let page = soft_hyphens(&tidy_inline_svgs(&String::from_utf8_lossy(bytes)), &vocabulary);
            *bytes = with_csp(&with_page_scripts(&page)).into_bytes();
        }
    }
    web_fonts(&mut files)?;
    let pages = files.iter().filter(|(path, _)| path.ends_with(".html")).count();
    files.extend(pdfs.into_iter().map(|p| (format!("pdf/{}", p.file), p.bytes)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Site { files, warnings, pages })
}

/// The licences of the project's fonts, for the front page's colophon: from each
/// `fonts/LICENSE-<font>.txt` (a Debian copyright file, as Inter's), the font's name, its
/// first `Copyright:` and its first `License:` (SPDX ids). A file that cannot be read, or
/// says neither, gives nothing: the colophon names no licence it was not told.
fn font_licences(project: &std::path::Path) -> Vec<serde_json::Value> {
    let Ok(entries) = std::fs::read_dir(project.join("fonts")) else { return Vec::new() };
    let mut names: Vec<String> = entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    names.sort();
    names
        .iter()
        .filter_map(|name| {
            let font = name.strip_prefix("LICENSE-")?.strip_suffix(".txt")?;
            let path = project.join("fonts").join(name);
            // A licence is a page of text: a file far larger is not one.
            if std::fs::metadata(&path).ok()?.len() > 1 << 20 {
                return None;
            }
            let text = std::fs::read_to_string(path).ok()?;
            let field =
                |key: &str| text.lines().find_map(|l| l.strip_prefix(key)).map(str::trim).filter(|v| !v.is_empty());
            let (copyright, licence) = (field("Copyright:")?, field("License:")?);
            // The holders without their e-mail addresses (`<rasmus@…>`).
            let copyright = copyright.split('<').next().unwrap_or(copyright).trim();
            Some(json!({ "font": font, "copyright": copyright, "licence": licence }))
        })
        .collect()
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

/// Opens each map's panning region (a map on a phone, `layout/web/blocks.typ` `web-map`) at
/// its middle, where the municipality the maps are framed on is: for the browsers without
/// CSS `scroll-initial-target` (Safari), which open it at its west edge. Without scripts the
/// region still pans from there.
pub const MAP_CENTRING: &str = "<script>for (const r of document.querySelectorAll(\".map-pan\")) r.scrollLeft = (r.scrollWidth - r.clientWidth) / 2</script>";

/// Makes a table's scrolling region (`layout/web/tables.typ`: a wide table, a delmål's
/// key figures) a region — its tab stop, role and name (`aria-label`, or `aria-labelledby`
/// naming its caption's heading; kept in `data-name` meanwhile) —
/// only while it scrolls: decided again whenever the region or its table changes size (the
/// web fonts loading after the page, the window's width, a reader's text spacing), never
/// once before the fonts are in. It reads every region's widths before it changes any (no
/// layout forced between them) and leaves a hidden region (a phone's key-figure tables) and
/// one already right alone: a page of many tables stays quick (Lighthouse's blocking time).
/// Without scripts every such region keeps the tab stop, role and name the page gives it.
pub const TABLE_REGIONS: &str = "<script>const tableRegions = new ResizeObserver(() => { const regions = [...document.querySelectorAll(\".table-scroll\")]; const scrolls = regions.map((r) => r.clientWidth > 0 ? r.scrollWidth > r.clientWidth : null); regions.forEach((r, i) => { if (scrolls[i] === null || scrolls[i] === (r.getAttribute(\"tabindex\") === \"0\")) return; const by = r.dataset.by ??= r.hasAttribute(\"aria-labelledby\") ? \"aria-labelledby\" : \"aria-label\"; const name = r.dataset.name ??= r.getAttribute(by); if (scrolls[i]) { r.setAttribute(\"tabindex\", \"0\"); r.setAttribute(\"role\", \"region\"); r.setAttribute(by, name) } else { r.removeAttribute(\"tabindex\"); r.removeAttribute(\"role\"); r.removeAttribute(by) } }) }); for (const r of document.querySelectorAll(\".table-scroll\")) { tableRegions.observe(r); tableRegions.observe(r.firstElementChild) }</script>";

/// The scripts a published page may run, each on the pages that have what it is for (the
/// text that marks it): [`MAP_CENTRING`] and [`TABLE_REGIONS`].
const PAGE_SCRIPTS: [(&str, &str); 2] = [("class=\"map-pan\"", MAP_CENTRING), ("table-scroll", TABLE_REGIONS)];

/// The page with each of [`PAGE_SCRIPTS`] it needs at the end of its body.
pub fn with_page_scripts(html: &str) -> String {
    let scripts: String =
        PAGE_SCRIPTS.iter().filter(|(marker, _)| html.contains(marker)).map(|(_, s)| format!("{s}\n")).collect();
    match html.rfind("</body>") {
        Some(at) if !scripts.is_empty() => format!("{}{scripts}{}", &html[..at], &html[at..]),
        _ => html.to_string(),
    }
}

/// The page with a strict Content-Security-Policy after its `<meta charset>`: nothing but the
/// site's own style sheets, images and fonts; no script but `rapport watch --web`'s live
/// reload and the [`PAGE_SCRIPTS`] (by their hashes, so the published pages run no other),
/// no plugin, form or base.
pub fn with_csp(html: &str) -> String {
    use sha2::Digest;
    let hash = |script: &str| {
        let body = script.trim_start_matches("<script>").trim_end_matches("</script>");
        format!("'sha256-{}'", base64(&sha2::Sha256::digest(body.as_bytes())))
    };
    let scripts: Vec<String> =
        std::iter::once(LIVE_RELOAD).chain(PAGE_SCRIPTS.iter().map(|(_, s)| *s)).map(hash).collect();
    let scripts = scripts.join(" ");
    let policy = format!(
        "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; script-src {scripts}; connect-src 'self'; base-uri 'none'; form-action 'none'"
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
        // A drawing without ids (a key figure's sparkline) is valid as it is.
        if !svg[..end].contains(" id=\"") && !svg[..end].contains("xmlns:h5") && !STYLE.is_match(&svg[..end]) {
            out.push_str(&svg[..end]);
            rest = &svg[end..];
            continue;
        }
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

/// The fewest letters a word of the running text (paragraphs, list items, cells) has before
/// it gets its break points: the longest a 320 px phone's narrowest text column (a list in a
/// conclusion box, about 210 px) holds whole is about 19 letters.
const HYPHENATE_RUNNING_FROM: usize = 19;

/// The fewest letters a break leaves at either end of a word: no line ends with «Til-» or
/// starts with «-en».
const KEEP_AT_ENDS: usize = 4;

/// The words of a site's pages (their text, lower case, four letters or more), which tell a
/// compound's joints ([`break_points`]): `Tilgjengelighetserklæring` joins
/// «tilgjengelighet» and «erklæring(en)», both words of the pages.
pub fn vocabulary<'a>(pages: impl IntoIterator<Item = &'a str>) -> std::collections::BTreeSet<String> {
    let mut words = std::collections::BTreeSet::new();
    for page in pages {
        let mut in_tag = false;
        let mut word = String::new();
        for c in page.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag && c.is_alphabetic() => word.extend(c.to_lowercase()),
                _ => {}
            }
            if !c.is_alphabetic() || in_tag {
                if word.chars().count() >= KEEP_AT_ENDS {
                    words.insert(std::mem::take(&mut word));
                }
                word.clear();
            }
        }
        if word.chars().count() >= KEEP_AT_ENDS {
            words.insert(word);
        }
    }
    words
}

/// Where a long word may break, as character offsets: at its compound joints where it has
/// any (a break where the part before, without a linking `s` or `e`, is a word of
/// `vocabulary` and the part after starts one: «tilgjengelighets|erklæring»), and inside a
/// part still too long for a line ([`HYPHENATE_FROM`] letters or more) at its syllables (Typst's
/// Norwegian patterns, as the PDF hyphenates); never within [`KEEP_AT_ENDS`] letters of the
/// word's ends or of another break.
pub fn break_points(word: &str, vocabulary: &std::collections::BTreeSet<String>) -> Vec<usize> {
    let letters: Vec<char> = word.chars().collect();
    let n = letters.len();
    let lower: String = word.to_lowercase();
    let lower: Vec<char> = lower.chars().collect();
    if lower.len() != n || n < 2 * KEEP_AT_ENDS {
        return Vec::new();
    }
    let text = |a: usize, b: usize| lower[a..b].iter().collect::<String>();
    // A word of the vocabulary starts with `s` (a part after a joint).
    let starts_word = |s: &str| vocabulary.range(s.to_string()..).next().is_some_and(|w| w.starts_with(s));
    let is_word = |s: &str| s.chars().count() >= KEEP_AT_ENDS && vocabulary.contains(s);
    let joint = |i: usize| {
        let (before, after) = (text(0, i), text(i, n));
        let first = is_word(&before)
            || (before.ends_with('s') || before.ends_with('e')) && is_word(&before[..before.len() - 1]);
        first && after.chars().count() >= KEEP_AT_ENDS && starts_word(&after)
    };
    // The joints, the longest first part first: a later joint inside a part is kept only if
    // it leaves room to the one before.
    let mut points: Vec<usize> = Vec::new();
    for i in KEEP_AT_ENDS..=n - KEEP_AT_ENDS {
        if joint(i) && points.last().is_none_or(|last| i - last >= KEEP_AT_ENDS) {
            points.push(i);
        }
    }
    // Syllables of the parts still too long.
    let syllables: Vec<usize> = hypher::hyphenate(word, hypher::Lang::Norwegian)
        .scan(0, |at, s| {
            *at += s.chars().count();
            Some(*at)
        })
        .filter(|&at| at < n)
        .collect();
    let mut bounds = vec![0];
    bounds.extend(&points);
    bounds.push(n);
    let mut all = points.clone();
    for pair in bounds.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a < HYPHENATE_FROM {
            continue;
        }
        let mut last = a;
        for &s in syllables.iter().filter(|&&s| s > a && s < b) {
            if s - last >= KEEP_AT_ENDS && b - s >= KEEP_AT_ENDS && s >= KEEP_AT_ENDS && n - s >= KEEP_AT_ENDS {
                all.push(s);
                last = s;
            }
        }
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// Every long word of a page with a soft hyphen (U+00AD) at each of its [`break_points`]: in
/// the headings, captions and header cells ([`HYPHENATED`]) from [`HYPHENATE_FROM`] letters,
/// elsewhere (running text, list items, cells) from [`HYPHENATE_RUNNING_FROM`], so that on a
/// narrow screen a long compound (`Tilgjengelighetserklæring`) breaks at its joint with a
/// hyphen, not at an arbitrary letter. Browsers show a soft hyphen only where the line breaks
/// there; `hyphens: auto` cannot be relied on (Chromium on Linux has no dictionary).
/// Attributes, markup, entities, the head and inline drawings are untouched.
pub fn soft_hyphens(html: &str, vocabulary: &std::collections::BTreeSet<String>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    // How deep inside the elements to hyphenate the text is.
    let mut depth = 0usize;
    // Inside the body (not the head's title), outside a drawing or a script.
    let mut body = false;
    let mut skip = 0usize;
    let mut rest = html;
    let from = |depth: usize, body: bool, skip: usize| match (body && skip == 0, depth > 0) {
        (false, _) => None,
        (true, true) => Some(HYPHENATE_FROM),
        (true, false) => Some(HYPHENATE_RUNNING_FROM),
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push_str(&hyphenate_text(rest, from(depth, body, skip), vocabulary));
            break;
        };
        out.push_str(&hyphenate_text(&rest[..lt], from(depth, body, skip), vocabulary));
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        let tag = &rest[lt..tag_end];
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with("</");
        if HYPHENATED.contains(&name.as_str()) {
            depth = if closing { depth.saturating_sub(1) } else { depth + 1 };
        }
        if name == "body" {
            body = !closing;
        }
        if ["svg", "script", "style"].contains(&name.as_str()) && !tag.ends_with("/>") {
            skip = if closing { skip.saturating_sub(1) } else { skip + 1 };
        }
        out.push_str(tag);
        rest = &rest[tag_end..];
    }
    out
}

/// A run of HTML text with soft hyphens in the words of its tokens (between spaces) of `from`
/// letters or more: `servicesentra/innbyggertorg` is one such token of two words. Unchanged
/// where none.
fn hyphenate_text<'a>(
    text: &'a str,
    from: Option<usize>,
    vocabulary: &std::collections::BTreeSet<String>,
) -> std::borrow::Cow<'a, str> {
    let Some(from) = from else { return std::borrow::Cow::Borrowed(text) };
    if text.chars().filter(|c| c.is_alphabetic()).count() < from {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let flush = |word: &mut String, out: &mut String| {
        let points = break_points(word, vocabulary);
        for (i, c) in word.chars().enumerate() {
            if points.contains(&i) {
                out.push('\u{ad}');
            }
            out.push(c);
        }
        word.clear();
    };
    for token in text.split_inclusive(char::is_whitespace) {
        if token.chars().filter(|c| c.is_alphabetic()).count() < from {
            out.push_str(token);
            continue;
        }
        let mut word = String::new();
        // An entity (`&amp;`) is no letter of a word.
        let mut entity = false;
        for c in token.chars() {
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
    }
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
    use super::{base64, break_points, soft_hyphens, tidy_inline_svgs, vocabulary, with_csp};

    // A long word of a heading or header cell breaks at its compound joint (the parts words
    // of the pages), a part still too long at its syllables; never within four letters of
    // its ends; short words, the head, attributes and entities are untouched.
    #[test]
    fn long_words_break_at_their_joints() {
        let words = vocabulary(["<p>tilgjengelighet erklæringen kommune sammenslåingen</p>"]);
        let page = r#"<head><title>Tilgjengelighetserklæring</title></head><body><h1 title="Tilgjengelighetserklæring">Tilgjengelighetserklæring &amp; mer</h1><p>Samfunnstjenester kommunesammenslåingen</p><table><tr><th scope="row">Kort ord</th></tr></table></body>"#;
        let out = soft_hyphens(page, &words);
        assert!(out.starts_with("<head><title>Tilgjengelighetserklæring</title>"), "{out}");
        let h1 = &out[out.find("<h1").unwrap()..out.find("</h1>").unwrap()];
        assert!(h1.starts_with(r#"<h1 title="Tilgjengelighetserklæring">"#), "{out}");
        let word = h1.split('>').nth(1).unwrap().split(' ').next().unwrap();
        assert!(word.contains("hets\u{ad}erklæring"), "{word}");
        assert_eq!(word.replace('\u{ad}', ""), "Tilgjengelighetserklæring");
        // Running text: a word of 19 letters or more at its joint, a shorter one whole.
        assert!(out.contains("<p>Samfunnstjenester kommune\u{ad}sammen"), "{out}");
        assert!(out.contains("&amp; mer</h1>") && out.ends_with("Kort ord</th></tr></table></body>"), "{out}");
    }

    // Without a joint it knows, a long word breaks at syllables four letters or more from its
    // ends and from each other (not «Sam-ska-pings-kom-mu-nen», «Bære-kraft-små-le-ne»).
    #[test]
    fn no_break_within_four_letters_of_an_end() {
        let none = std::collections::BTreeSet::new();
        for word in ["Samskapingskommunen", "Bærekraftsmålene", "Administrasjon", "Digitaliseringsstrategien"] {
            let points = break_points(word, &none);
            let n = word.chars().count();
            assert!(!points.is_empty(), "{word}");
            let mut bounds = vec![0];
            bounds.extend(&points);
            bounds.push(n);
            assert!(bounds.windows(2).all(|w| w[1] - w[0] >= 4), "{word}: {points:?}");
        }
        // A word of the vocabulary joined to another: the joint, not a syllable.
        let words = vocabulary(["bærekraft målene"]);
        assert_eq!(break_points("Bærekraftsmålene", &words), vec![10]);
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
