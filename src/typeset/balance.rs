//! The page-balancing pass, between compiles:
//! - a chapter whose last page would hold only a few lines (a runt) is set again a step
//!   tighter, until its last page is full enough or the layout can tighten it no further;
//! - each figure stands where the previous compile's layout said it should (in the text, at
//!   the top of the next page, or shrunk to the room left), until it says the same again;
//! - a sentence that refers to a table or figure (`[Tabellen under](#id)`) is worded for where
//!   the figure landed in the previous compile, until the wording and the placing agree.
//!
//! The layout measures and decides (layout/components/chapter.typ: the `<chapter-end>` mark
//! says whether the chapter ends on a runt and whether it can tighten; inline.typ: each
//! `<reference>` mark says where its figure is). Rust only keeps what they said between
//! compiles, so within one compile nothing the text says depends on where it lands, and the
//! passes end.

use typst::foundations::Value;
use typst_layout::PagedDocument;

use crate::inputs::text::Reference;
use crate::model::Block;
use crate::model::Model;
use crate::typeset::introspect::{metadata, metadata_with_pages, metadata_with_positions};

/// At most this many compiles after the first (the default edition settles in 12): a step of
/// every chapter that ends on a runt,
/// and every reference worded anew, each time.
pub const PASSES: usize = 20;

/// The chapters of `document` that end on a runt, or whose part before a page break does,
/// and can be set tighter.
pub fn runts(document: &PagedDocument) -> Vec<String> {
    let mut slugs: Vec<String> = metadata(document, "chapter-end")
        .into_iter()
        .chain(metadata(document, "part-end"))
        .filter_map(|value| {
            let Value::Dict(end) = value else { return None };
            let flag = |key: &str| matches!(end.get(key), Ok(Value::Bool(true)));
            match (end.get("slug"), flag("runt") && flag("can-tighten")) {
                (Ok(Value::Str(slug)), true) => Some(slug.to_string()),
                _ => None,
            }
        })
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs
}

/// Sets each chapter of `slugs` one step tighter; false when none of them is in `model`.
pub fn tighten(model: &mut Model, slugs: &[String]) -> bool {
    let mut any = false;
    for chapter in model.parts.iter_mut().flat_map(|part| part.chapters.iter_mut()) {
        if slugs.contains(&chapter.slug) {
            chapter.tighten += 1;
            any = true;
        }
    }
    any
}

/// The references of the text of `model`, in the text's order.
fn references(model: &mut Model) -> Vec<&mut Reference> {
    let blocks = model
        .parts
        .iter_mut()
        .flat_map(|p| p.chapters.iter_mut())
        .flat_map(|c| c.intro.iter_mut().chain(c.body.iter_mut()));
    blocks
        .flat_map(|block| match block {
            Block::Heading { text, .. }
            | Block::Paragraph { text }
            | Block::Highlight { text }
            | Block::Quote { text, .. } => text.iter_mut().collect::<Vec<_>>(),
            Block::List { items } | Block::Conclusion { items } => items.iter_mut().flatten().collect(),
            _ => Vec::new(),
        })
        .filter_map(|run| run.refers.as_mut())
        .collect()
}

/// Numbers the references of `model` in the text's order, so the layout's marks name them.
pub fn number_references(model: &mut Model) {
    for (n, reference) in references(model).into_iter().enumerate() {
        reference.n = n;
    }
}

/// Words each reference of `model` for where `document` placed its figure; false when every
/// one already was.
pub fn place_references(model: &mut Model, document: &PagedDocument) -> bool {
    let mut placed = std::collections::HashMap::new();
    for value in metadata(document, "reference") {
        let Value::Dict(mark) = value else { continue };
        let (Ok(Value::Int(n)), Ok(Value::Str(at)), Ok(Value::Int(page))) =
            (mark.get("n"), mark.get("at"), mark.get("page"))
        else {
            continue;
        };
        placed.insert(*n as usize, (at.to_string(), (*page).max(0) as usize));
    }
    let mut changed = false;
    for reference in references(model) {
        let Some((at, page)) = placed.remove(&reference.n) else { continue };
        // After four rewordings the figure's page number, which the words cannot move; the
        // page number counts only where the words name it.
        let at = if reference.rewordings >= 4 { "page".to_string() } else { at };
        let at = if at == "page" { (at, page) } else { (at, 0) };
        if at != reference.placed {
            reference.placed = at;
            reference.rewordings += 1;
            changed = true;
        }
    }
    changed
}

/// One step of the pass after a compile of `model` gave `document`: tightens the chapters
/// that end on a runt and words the references anew; false when nothing changed.
pub fn rebalance(model: &mut Model, document: &PagedDocument, broken: &[String]) -> bool {
    // A word hyphenated at a page's end is kept whole from now on (with the proper names).
    let mut kept = false;
    for word in broken {
        if !model.edition.no_hyphenate.contains(word) {
            model.edition.no_hyphenate.push(word.clone());
            kept = true;
        }
    }
    let placed = place_references(model, document);
    let before = model.edition.placements.clone();
    let stood = place_figures(model, document);
    // A chapter whose figures still move is tightened once they stand: tightening it moves
    // them again, and the passes would run out before either settles.
    let chapter = |p: &serde_json::Value| p.get("chapter").and_then(|c| c.as_str()).map(str::to_string);
    let after = &model.edition.placements;
    let moving: Vec<String> = (0..before.len().max(after.len()))
        .filter(|&i| before.get(i) != after.get(i))
        .flat_map(|i| [before.get(i).and_then(chapter), after.get(i).and_then(chapter)])
        .flatten()
        .collect();
    let runts: Vec<String> = runts(document).into_iter().filter(|slug| !moving.contains(slug)).collect();
    let tightened = tighten(model, &runts);
    let continued = continue_boxes(model, document);
    let divided = divide_parts(model, document);
    tightened || placed || stood || kept || continued || divided
}

/// Takes which parts' nested chapters follow a part chapter that ends on a left-hand page in
/// `document` (each part's `<part-divider-mark>`, set where that chapter ends): the right-hand
/// page before the first nested chapter, blank otherwise, holds the part's divider in the
/// next compile; false when those were the parts divided.
pub fn divide_parts(model: &mut Model, document: &PagedDocument) -> bool {
    let dividers: Vec<String> = metadata_with_pages(document, "part-divider-mark")
        .into_iter()
        .filter_map(|(page, value)| match value {
            Value::Str(part) if page % 2 == 0 => Some(part.to_string()),
            _ => None,
        })
        .collect();
    take_changed(&mut model.edition.dividers, dividers)
}

/// Puts `new` in `field`; false when it held that already (a step of the pass changed nothing).
fn take_changed<T: PartialEq>(field: &mut T, new: T) -> bool {
    if *field == new {
        return false;
    }
    *field = new;
    true
}

/// The pieces of the key-figure boxes of `document` (each piece's `<key-figures-piece>`
/// mark): where each stands (its page and distance from the page's top, in points), its box's
/// title and its number in the box.
fn box_pieces(document: &PagedDocument) -> Vec<(usize, f64, String, i64)> {
    metadata_with_positions(document, "key-figures-piece")
        .into_iter()
        .filter_map(|(page, y, value)| {
            let Value::Dict(piece) = value else { return None };
            match (piece.get("box"), piece.get("i")) {
                (Ok(Value::Str(title)), Ok(Value::Int(i))) => Some((page, y, title.to_string(), *i)),
                _ => None,
            }
        })
        .collect()
}

/// Takes which pieces of the key-figure boxes of `document` begin a new page (each piece's
/// `<key-figures-piece>` mark: its box and its number), to head them «(forts.)» in the next
/// compile; false when those were the ones headed.
pub fn continue_boxes(model: &mut Model, document: &PagedDocument) -> bool {
    let pieces = box_pieces(document);
    let continued: Vec<String> = pieces
        .iter()
        .filter(|(page, _, title, i)| {
            *i > 0 && pieces.iter().any(|(before, _, other, j)| other == title && *j == i - 1 && before < page)
        })
        .map(|(_, _, title, i)| format!("{title}/{i}"))
        .collect();
    take_changed(&mut model.edition.continued, continued)
}

/// Takes where the layout of `document` says each figure should stand; false when that is
/// where they stood. A figure whose placement changed twice already (its placing moves what
/// decides it, back and forth) waits for the next page from then on, with the most room it
/// was seen to have (a box asking to stand after the first paragraph there, `after`, from its
/// fourth change): at the top of the next page a figure never leaves a hole, and the passes
/// end.
pub fn place_figures(model: &mut Model, document: &PagedDocument) -> bool {
    let mut wanted: Vec<serde_json::Value> =
        metadata(document, "flow-wants").into_iter().filter_map(|value| serde_json::to_value(&value).ok()).collect();
    let edition = &mut model.edition;
    edition.placement_changes.resize(wanted.len(), 0);
    let mut changed = false;
    for (i, want) in wanted.iter_mut().enumerate() {
        let stood = edition.placements.get(i);
        if stood == Some(want) {
            continue;
        }
        // A box set after the paragraph that ends on the next page leaves no hole either: it
        // may change its mind twice more before it waits at the page's top.
        let after = want.get("mode").and_then(|m| m.as_str()) == Some("after");
        if edition.placement_changes[i] >= if after { 4 } else { 2 } {
            // Once it waits for the next page after its changes of mind, it stays so: the
            // passes end.
            if let Some(stood) = stood.filter(|s| s.get("mode").and_then(|m| m.as_str()) == Some("next-page")) {
                *want = stood.clone();
                continue;
            }
            let room =
                |v: Option<&serde_json::Value>| v.and_then(|v| v.get("room")).and_then(|r| r.as_f64()).unwrap_or(0.0);
            // Where the layout named a block that ends on the next page (to stand after it, or
            // at that page's top from it), the figure waits at that page's top from there.
            let named = want.get("boundary").is_some();
            let mut forced = if named { want.clone() } else { serde_json::json!({ "mode": "next-page" }) };
            forced["mode"] = serde_json::json!("next-page");
            forced["room"] = serde_json::json!(room(stood).max(room(Some(want))));
            if let Some(chapter) = want.get("chapter") {
                forced["chapter"] = chapter.clone();
            }
            *want = forced;
            if stood == Some(want) {
                continue;
            }
        }
        // The first compile's placing is not a change of mind.
        if stood.is_some() {
            edition.placement_changes[i] = edition.placement_changes[i].saturating_add(1);
        }
        changed = true;
    }
    if edition.placements.len() != wanted.len() {
        changed = true;
    }
    edition.placements = wanted;
    changed
}

/// A number of a metadata dictionary.
fn number(value: &Value, key: &str) -> Option<f64> {
    let Value::Dict(dict) = value else { return None };
    match dict.get(key).ok()? {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// A text of a metadata dictionary.
fn string(value: &Value, key: &str) -> Option<String> {
    let Value::Dict(dict) = value else { return None };
    match dict.get(key).ok()? {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The pages each block of the text ends on, in the text's order (the `<flow-boundary>`
/// marks chapter.typ sets after each block): what a last step may not change.
fn block_pages(document: &PagedDocument) -> Vec<(usize, Option<String>)> {
    metadata_with_pages(document, "flow-boundary")
        .into_iter()
        .map(|(page, value)| (page, string(&value, "k")))
        .collect()
}

/// The last step of the page-balancing pass: where a page's text stops early because the
/// block after it moves to the next page whole (`whole` in `<flow-boundary>`: a section's
/// heading, kept with its quote and first lines; a kept list, with the paragraph that leads
/// into it; a conclusion box), the charts and position marks on that page grow into the empty
/// foot, the last first, each at most by what it may take (`<growable>`: `most`, in points).
/// The room is measured from where the last block ends (`<flow-boundary>`) to the foot of the
/// type area (`<type-area>`), less `theme.floats.fill-spare`. Returns whether any grew.
pub fn fill_feet(model: &mut Model, document: &PagedDocument) -> bool {
    let Some(area) = metadata(document, "type-area").into_iter().next() else { return false };
    let (Some(foot), Some(height), Some(least), Some(spare)) =
        (number(&area, "bottom"), number(&area, "height"), number(&area, "fill-least"), number(&area, "fill-spare"))
    else {
        return false;
    };
    let ends = metadata_with_positions(document, "flow-boundary");
    let growable: Vec<(usize, String, f64)> = metadata_with_pages(document, "growable")
        .into_iter()
        .filter_map(|(page, value)| Some((page, string(&value, "key")?, number(&value, "most")?)))
        .collect();
    // The part of a chapter a block belongs to: its name without the block's number.
    let part = |key: &str| key.rsplit_once('/').map(|(part, _)| part.to_string());
    let mut grew = false;
    // The key-figure boxes whose first piece starts a page, at the type area's top: such a
    // box moved overleaf whole (its first piece did not fit where the text before it ended).
    let top = foot - height;
    let boxes_at_top: Vec<usize> = box_pieces(document)
        .into_iter()
        .filter(|(_, y, _, i)| *i == 0 && (y - top).abs() < 2.0)
        .map(|(page, ..)| page)
        .collect();
    for pair in ends.windows(2) {
        let ((page, y, before), (next_page, _, after)) = (&pair[0], &pair[1]);
        // The block after this page's last one moved overleaf whole: one that always does (a
        // heading with its first lines, a kept list), or a key-figure box that starts the next
        // page (the text before it ends on this page, so the box is that next block).
        let moved_whole = matches!(after, Value::Dict(d) if matches!(d.get("whole"), Ok(Value::Bool(true))))
            || (*next_page > *page && boxes_at_top.contains(&(page + 1)));
        let (Some(a), Some(b)) = (string(before, "k"), string(after, "k")) else { continue };
        if !moved_whole || *next_page < page + 1 || part(&a) != part(&b) {
            continue;
        }
        let mut room = foot - y - spare;
        if room < least * height {
            continue;
        }
        for (_, key, most) in growable.iter().rev().filter(|(on, key, _)| on == page && part(key) == part(&a)) {
            let grown = model.edition.grow.entry(key.clone()).or_insert(0.0);
            let take = room.min(most - *grown).max(0.0);
            if take > 0.0 {
                *grown += take;
                room -= take;
                grew = true;
            }
        }
    }
    grew
}

/// Compiles `model` with `compile`, then again after each step of the pass until nothing
/// changes (at most [`PASSES`] more times): the last compile and the model as it settled.
/// Where Typst's layout did not settle, `unsettled` names the chapter it stands in: that
/// chapter is set tighter, and the last step's growth is kept only where the layout settled.
/// (`document` reads the laid-out pages of a compile, `broken` the words they hyphenate at a
/// page's end: this module serves the session and does not depend on it.)
pub fn settle<C, E>(
    mut model: Model,
    mut compile: impl FnMut(&Model) -> Result<C, E>,
    document: impl Fn(&C) -> &PagedDocument,
    broken: impl Fn(&PagedDocument) -> Vec<String>,
    unsettled: impl Fn(&C) -> Option<String>,
) -> Result<(C, Model), E> {
    let converged = |c: &C| unsettled(c).is_none();
    number_references(&mut model);
    let mut compiled = compile(&model)?;
    for _ in 0..PASSES {
        let words = broken(document(&compiled));
        if !rebalance(&mut model, document(&compiled), &words) {
            break;
        }
        compiled = compile(&model)?;
    }
    // Where Typst's layout did not converge (a figure or a box whose place depends on where
    // it lands, moving it back and forth by a line), the chapter it stands in is set a step
    // tighter, which moves its text off the balance point; a few times at most.
    for _ in 0..UNSETTLED_TRIES {
        let Some(slug) = unsettled(&compiled) else { break };
        if !tighten(&mut model, &[slug]) {
            break;
        }
        compiled = compile(&model)?;
    }
    // The last step: figures fill the feet of pages that end early before a section. It is
    // kept only where no block moved to another page (a figure grows only into room it has).
    // Where a block moved, the chapter it belongs to (or, if that one grew nothing, the
    // nearest before it that did) gives up what it grew, and the rest is tried again.
    let mut filled = model.clone();
    if fill_feet(&mut filled, document(&compiled)) {
        let before = block_pages(document(&compiled));
        for _ in 0..FILL_TRIES {
            let grown = compile(&filled)?;
            let after = block_pages(document(&grown));
            if after == before && converged(&grown) {
                return Ok((grown, filled));
            }
            // Where Typst's layout did not converge with the growth (a figure's place
            // depending on itself), the growth is given up as where a block moved.
            let Some(moved) = before
                .iter()
                .zip(&after)
                .position(|(a, b)| a != b)
                .or(Some(after.len().min(before.len()).saturating_sub(1)).filter(|_| !converged(&grown)))
            else {
                break;
            };
            if !give_up_growth(&mut filled, &before[..=moved]) {
                break;
            }
        }
    }
    Ok((compiled, model))
}

/// How many compiles the pass may spend moving an unsettled chapter off its balance point.
const UNSETTLED_TRIES: usize = 3;

/// How many compiles the last step may try, each with one chapter's growth taken back.
const FILL_TRIES: usize = 4;

/// Takes back what the chapter of the last of `blocks` grew, or, where it grew nothing, what
/// the nearest chapter before it grew; false when no chapter of `blocks` grew anything.
fn give_up_growth(model: &mut Model, blocks: &[(usize, Option<String>)]) -> bool {
    let chapter = |key: &str| key.split('/').next().unwrap_or_default().to_string();
    for (_, key) in blocks.iter().rev() {
        let Some(key) = key else { continue };
        let slug = chapter(key);
        let before = model.edition.grow.len();
        model.edition.grow.retain(|grown, _| chapter(grown) != slug);
        if model.edition.grow.len() != before {
            return true;
        }
    }
    false
}
