//! `out/diff/index.html`: the comparison of `rapport diff` as one self-contained page (its
//! renders inline, its style in the page): the summary per chapter, then each changed page
//! approved and now side by side with the regions that differ boxed, the numbers that
//! changed as a table, and the words added and removed.

use hayro::vello_cpu::Pixmap;

use crate::outputs::compare::{Diff, PageDiff, Status};

/// A box on a page, in percent of its width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The size of the cells the renders are compared in, in pixels (at 24 ppi a cell is about
/// two lines of body text).
const CELL: usize = 6;

/// The regions where two renders differ: cells with a pixel that differs by more than a
/// trace, joined with their neighbours into boxes. Renders of different sizes differ
/// everywhere.
pub fn changed_regions(old_png: &[u8], new_png: &[u8]) -> Vec<Region> {
    let (Ok(old), Ok(new)) =
        (Pixmap::from_png(std::io::Cursor::new(old_png)), Pixmap::from_png(std::io::Cursor::new(new_png)))
    else {
        return vec![Region { x: 0.0, y: 0.0, w: 100.0, h: 100.0 }];
    };
    if (old.width(), old.height()) != (new.width(), new.height()) {
        return vec![Region { x: 0.0, y: 0.0, w: 100.0, h: 100.0 }];
    }
    let (width, height) = (usize::from(new.width()), usize::from(new.height()));
    let (cols, rows) = (width.div_ceil(CELL), height.div_ceil(CELL));
    let mut marked = vec![false; cols * rows];
    for y in 0..height {
        for x in 0..width {
            let (a, b) = (old.sample(x as u16, y as u16), new.sample(x as u16, y as u16));
            let d = a.r.abs_diff(b.r).max(a.g.abs_diff(b.g)).max(a.b.abs_diff(b.b));
            if d > 24 {
                marked[(y / CELL) * cols + x / CELL] = true;
            }
        }
    }
    // Connected cells (a gap of one cell joins them) as boxes.
    let mut seen = vec![false; cols * rows];
    let mut regions = Vec::new();
    for start in 0..marked.len() {
        if !marked[start] || seen[start] {
            continue;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (cols, rows, 0, 0);
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(cell) = stack.pop() {
            let (cx, cy) = (cell % cols, cell / cols);
            (x0, y0, x1, y1) = (x0.min(cx), y0.min(cy), x1.max(cx), y1.max(cy));
            for ny in cy.saturating_sub(2)..(cy + 3).min(rows) {
                for nx in cx.saturating_sub(2)..(cx + 3).min(cols) {
                    let next = ny * cols + nx;
                    if marked[next] && !seen[next] {
                        seen[next] = true;
                        stack.push(next);
                    }
                }
            }
        }
        let px = |cells: usize, total: usize| (cells * CELL).min(total) as f64 / total as f64 * 100.0;
        regions.push(Region {
            x: px(x0, width),
            y: px(y0, height),
            w: px(x1 + 1, width) - px(x0, width),
            h: px(y1 + 1, height) - px(y0, height),
        });
    }
    regions
}

/// The texts of the page, in the reader's language (`tr` translates an English line).
pub struct Page<'a> {
    pub diff: &'a PageDiff,
    /// Its heading line, as the terminal shows it.
    pub title: String,
    pub approved_png: Option<&'a [u8]>,
    pub current_png: &'a [u8],
    /// The frames on each render: the changed words' lines and blocks.
    pub approved_regions: &'a [Region],
    pub current_regions: &'a [Region],
    /// The whole page changed (it is new, or most of it differs): framed whole, and said.
    pub whole: bool,
}

/// The frames of a changed page on its render before (`old`, its words with their boxes)
/// and now (`now`): the words the local diff of the two pages removes that are among
/// `removed`, and adds that are among `added` (the words that only flowed over from the page
/// before or after are not framed), joined per line and then per block of lines.
pub fn word_regions(
    old: &[crate::outputs::pdf_words::WordBox],
    now: &[crate::outputs::pdf_words::WordBox],
    removed: &[String],
    added: &[String],
) -> (Vec<Region>, Vec<Region>) {
    let a: Vec<&str> = old.iter().map(|w| w.text.as_str()).collect();
    let b: Vec<&str> = now.iter().map(|w| w.text.as_str()).collect();
    let (deleted, inserted) = crate::outputs::compare::changed_words(&a, &b);
    let pick = |indices: Vec<usize>, words: &[crate::outputs::pdf_words::WordBox], wanted: &[String]| {
        let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for word in wanted {
            *left.entry(word.as_str()).or_default() += 1;
        }
        let chosen: Vec<&crate::outputs::pdf_words::WordBox> = indices
            .iter()
            .filter_map(|&i| {
                let word = &words[i];
                let n = left.get_mut(word.text.as_str())?;
                *n = n.checked_sub(1)?;
                Some(word)
            })
            .collect();
        blocks(&chosen)
    };
    (pick(deleted, old, removed), pick(inserted, now, added))
}

/// Word boxes joined into lines (boxes on one baseline), then lines into blocks (a line
/// just below another that overlaps it sideways), each a little larger than its words.
fn blocks(words: &[&crate::outputs::pdf_words::WordBox]) -> Vec<Region> {
    let mut boxes: Vec<(f64, f64, f64, f64)> = words.iter().map(|w| (w.x0, w.y0, w.x1, w.y1)).collect();
    boxes.sort_by(|p, q| p.1.total_cmp(&q.1).then(p.0.total_cmp(&q.0)));
    let mut merged = true;
    while merged {
        merged = false;
        let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
        for b in boxes {
            let height = (b.3 - b.1).max(0.5);
            let near = out.iter_mut().find(|o| {
                let same_line = (o.1 - b.1).abs() < 0.5 * height && b.0 - o.2 < 12.0 && o.0 - b.2 < 12.0;
                let below = b.1 - o.3 < 0.8 * height && o.1 - b.3 < 0.8 * height && b.0 < o.2 && o.0 < b.2;
                same_line || below
            });
            match near {
                Some(o) => {
                    *o = (o.0.min(b.0), o.1.min(b.1), o.2.max(b.2), o.3.max(b.3));
                    merged = true;
                }
                None => out.push(b),
            }
        }
        boxes = out;
    }
    let pad = 0.6;
    boxes
        .into_iter()
        .map(|(x0, y0, x1, y1)| {
            let (x0, y0) = ((x0 - pad).max(0.0), (y0 - pad).max(0.0));
            let (x1, y1) = ((x1 + pad).min(100.0), (y1 + pad).min(100.0));
            Region { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
        })
        .collect()
}

/// What the build compared with is called beside the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The approved build.
    Approved,
    /// Another PDF or edition.
    Before,
}

/// A chapter of the summary: its name (`slug «Title»`) and, where anything in it changed,
/// what (`1 page(s) changed (58)`), in the reader's language.
pub struct ChapterLine {
    pub name: String,
    pub changes: Option<String>,
}

/// The report as HTML: `title`, `summary` (what changed, counted), the chapters (those that
/// changed listed, the others named in one line), a legend, and `pages` (the changed ones),
/// the build compared with called as `label` says.
#[allow(clippy::too_many_arguments)]
pub fn html(
    lang: &str,
    title: &str,
    summary: &str,
    chapters: &[ChapterLine],
    pages: &[Page],
    diff: &Diff,
    label: Label,
    tr: &dyn Fn(String) -> String,
) -> String {
    let e = crate::outputs::web::escape_html;
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        e(lang),
        e(title),
        e(title)
    ));
    if diff.is_empty() {
        let none = match label {
            Label::Approved => "No changes: the build is as approved.",
            Label::Before => "No changes.",
        };
        out.push_str(&format!("<p class=\"summary\">{}</p>\n", e(&tr(none.into()))));
    } else {
        out.push_str(&format!("<p class=\"summary\">{}</p>\n", e(summary)));
    }
    out.push_str(&format!("<h2>{}</h2>\n", e(&tr("Chapters".into()))));
    let changed: Vec<&ChapterLine> = chapters.iter().filter(|c| c.changes.is_some()).collect();
    if !changed.is_empty() {
        out.push_str("<ul>\n");
        for chapter in changed {
            let changes = chapter.changes.as_deref().unwrap_or_default();
            out.push_str(&format!("<li><strong>{}</strong>: {}</li>\n", e(&chapter.name), e(changes)));
        }
        out.push_str("</ul>\n");
    }
    let unchanged: Vec<&str> = chapters.iter().filter(|c| c.changes.is_none()).map(|c| c.name.as_str()).collect();
    if !unchanged.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", e(&tr(format!("Unchanged: {}.", unchanged.join(", "))))));
    }
    if !pages.is_empty() {
        let boxed = match label {
            Label::Approved => "a red frame: where the page differs from the approved one, on both renders",
            Label::Before => "a red frame: where the page differs from the one before, on both renders",
        };
        out.push_str(&format!(
            "<h2>{}</h2>\n<ul class=\"legend\">\n<li><span class=\"key\" aria-hidden=\"true\"></span> {}</li>\n<li><ins>{}</ins>: {}</li>\n<li><del>{}</del>: {}</li>\n</ul>\n",
            e(&tr("How to read the pages".into())),
            e(&tr(boxed.into())),
            e(&tr("green, bold".into())),
            e(&tr("words added".into())),
            e(&tr("struck through".into())),
            e(&tr("words removed".into())),
        ));
    }
    // Blocks that moved whole to another page: not edits, listed for a look.
    let moved: Vec<(u64, &crate::outputs::compare::MovedBlock)> =
        diff.pages.iter().flat_map(|p| p.moved_in.iter().map(move |b| (p.id.folio, b))).collect();
    if !moved.is_empty() {
        out.push_str(&format!("<h2>{}</h2>\n<ul>\n", e(&tr("Moved, not changed".into()))));
        for (to, block) in moved {
            let start: Vec<&str> = block.words.iter().take(12).map(String::as_str).collect();
            let more = if block.words.len() > 12 { " …" } else { "" };
            let place = tr(format!("moved from page {} to page {to}", block.from));
            out.push_str(&format!(
                "<li>{}: «{}{more}» ({})</li>\n",
                e(&place),
                e(&start.join(" ")),
                e(&tr(format!("{} words", block.words.len())))
            ));
        }
        out.push_str("</ul>\n");
    }
    for (k, page) in pages.iter().enumerate() {
        out.push_str(&format!(
            "<section aria-labelledby=\"p{k}\">\n<h2 id=\"p{k}\">{}</h2>\n",
            e(&capitalized(&page.title))
        ));
        out.push_str(&format!(
            "<input type=\"checkbox\" class=\"zoom\" id=\"z{k}\"><label class=\"zoom-label\" for=\"z{k}\">{}</label>\n",
            e(&tr("Show the pages at full size".into()))
        ));
        out.push_str("<div class=\"spread\">\n");
        let from = match page.diff.status {
            Status::Changed { from: Some(from) } | Status::Moved { from } => Some(from),
            _ => None,
        };
        if let (Some(old), Some(from)) = (page.approved_png, from) {
            let caption = match label {
                Label::Approved => tr(format!("approved, page {from}")),
                Label::Before => tr(format!("before, page {from}")),
            };
            out.push_str(&figure(old, &caption, page.approved_regions, page.whole, k, &tr));
        }
        let caption = tr(format!("now, page {}", page.diff.id.folio));
        out.push_str(&figure(page.current_png, &caption, page.current_regions, page.whole, k, &tr));
        out.push_str("</div>\n");
        // The edits in their place, a few words either side.
        if !page.diff.hunks.is_empty() {
            out.push_str(&format!("<h3>{}</h3>\n<ul class=\"edits\">\n", e(&tr("Words that changed".into()))));
            for hunk in &page.diff.hunks {
                out.push_str(&format!("<li>{}</li>\n", hunk_html(hunk, &tr)));
            }
            out.push_str("</ul>\n");
        }
        // The numbers by table, each table's name its caption, in the order they changed.
        let mut tables: Vec<&str> = Vec::new();
        for n in &page.diff.numbers {
            if !tables.contains(&n.table.as_str()) {
                tables.push(&n.table);
            }
        }
        let value = |v: &Option<String>| match v.as_deref() {
            None => "–".to_string(),
            Some("") => tr("(empty)".into()),
            Some(v) => v.to_string(),
        };
        for table in tables {
            out.push_str(&format!(
                "<table>\n<caption>{}: {}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead>\n<tbody>\n",
                e(&tr("Numbers that changed".into())),
                e(table),
                e(&tr("Row · column".into())),
                e(&tr(if label == Label::Approved { "Approved" } else { "Before" }.into())),
                e(&tr("Now".into())),
            ));
            for n in page.diff.numbers.iter().filter(|n| n.table == table) {
                out.push_str(&format!(
                    "<tr><th scope=\"row\">{} · {}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                    e(&n.row),
                    e(&n.column),
                    e(&value(&n.old)),
                    e(&value(&n.new))
                ));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A render with its caption and the changed regions boxed over it (`whole`: the whole page
/// framed, and said); a click on it (its label) shows the pages of section `k` at full size.
fn figure(
    png: &[u8],
    caption: &str,
    regions: &[Region],
    whole: bool,
    k: usize,
    tr: &dyn Fn(String) -> String,
) -> String {
    let e = crate::outputs::web::escape_html;
    let boxes: String = regions
        .iter()
        .map(|r| {
            format!(
                "<span class=\"box\" style=\"left:{:.2}%;top:{:.2}%;width:{:.2}%;height:{:.2}%\"></span>",
                r.x, r.y, r.w, r.h
            )
        })
        .collect();
    let caption =
        if whole && !regions.is_empty() { tr(format!("{caption}, the whole page")) } else { caption.to_string() };
    let alt = match regions.len() {
        0 => caption.clone(),
        _ if whole => caption.clone(),
        n => tr(format!("{caption}, {n} changed region(s) boxed")),
    };
    let (width, height) = hayro::vello_cpu::Pixmap::from_png(std::io::Cursor::new(png))
        .map(|p| (p.width(), p.height()))
        .unwrap_or((0, 0));
    format!(
        "<figure><label for=\"z{k}\" class=\"page\"><img src=\"data:image/png;base64,{}\" width=\"{width}\" height=\"{height}\" alt=\"{}\">{boxes}</label><figcaption>{}</figcaption></figure>\n",
        crate::outputs::web::base64(png),
        e(&alt),
        e(&caption)
    )
}

/// An edit as HTML: `… viser at <del>78</del> <ins>12 345</ins> prosent av …`.
fn hunk_html(hunk: &crate::outputs::compare::Hunk, tr: &dyn Fn(String) -> String) -> String {
    let e = crate::outputs::web::escape_html;
    let words = |w: &[String]| e(&w.join(" "));
    let mut parts: Vec<String> = Vec::new();
    if !hunk.before.is_empty() {
        parts.push(format!("… {}", words(&hunk.before)));
    }
    if !hunk.removed.is_empty() {
        parts.push(format!(
            "<del><span class=\"sr\">{} </span>{}</del>",
            e(&tr("removed:".into())),
            words(&hunk.removed)
        ));
    }
    if !hunk.added.is_empty() {
        parts.push(format!("<ins><span class=\"sr\">{} </span>{}</ins>", e(&tr("added:".into())), words(&hunk.added)));
    }
    if !hunk.after.is_empty() {
        parts.push(format!("{} …", words(&hunk.after)));
    }
    parts.join(" ")
}

/// `text` with its first letter a capital (a page's line as a heading: «Side 58 …»).
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0;line-height:1.4}main{max-width:70rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}.summary{font-size:1.1rem;font-weight:600}section{border-top:1px solid #767676;margin-top:2rem}.spread{display:flex;gap:1rem;flex-wrap:wrap}figure{margin:0;flex:1 1 20rem;max-width:34rem;min-width:0}.page{display:block;position:relative;border:1px solid #767676;cursor:zoom-in}.page img{display:block;width:100%;height:auto}.zoom{position:absolute;opacity:0;width:1px;height:1px}.zoom-label{display:inline-block;margin:.25rem 0 .75rem;text-decoration:underline;cursor:pointer}.zoom:focus-visible+.zoom-label{outline:3px solid #1b1b1b;outline-offset:2px}.zoom:checked+.zoom-label+.spread figure{flex:1 1 100%;max-width:none}.zoom:checked+.zoom-label+.spread .page{cursor:zoom-out}.edits{padding-left:1.2rem}.edits li{margin:.3rem 0}del{background:#fbe0e3;color:#7a0010}ins{background:#d7f5dd;color:#0b4a1a;text-decoration:none;font-weight:700}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.box,.key{outline:3px solid #b00020;outline-offset:1px;box-shadow:0 0 0 5px rgba(255,255,255,.85);background:rgba(176,0,32,.12)}.box{position:absolute}.key{display:inline-block;width:1.5em;height:.9em;margin:0 .5rem;vertical-align:middle}.legend{list-style:none;padding:0}.legend li{margin:.4rem 0}table{border-collapse:collapse;margin:1rem 0;max-width:100%;font-size:.95rem}th[scope=row]{font-weight:normal}caption{text-align:left;font-weight:600;padding:.25rem 0}th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}p,li,h1,h2{overflow-wrap:break-word}caption{overflow-wrap:anywhere}.added{background:#d7f5dd}.removed{background:#fbe0e3;text-decoration:line-through}";
