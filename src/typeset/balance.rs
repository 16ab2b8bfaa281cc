//! The page-balancing pass: a chapter whose last page would hold only a few lines (a runt) is
//! set again a step tighter, until its last page is full enough or the layout can tighten it
//! no further. The layout measures and decides (layout/components/chapter.typ: the
//! `<chapter-end>` mark says whether the chapter ends on a runt and whether it can tighten);
//! Rust only keeps the steps between compiles, so each step is taken once and the passes end.

use typst::foundations::Value;
use typst_layout::PagedDocument;

use crate::introspect::metadata;
use crate::model::Model;

/// At most this many compiles after the first: a step of every chapter that ends on a runt
/// each time.
pub const PASSES: usize = 3;

/// The chapters of `document` that end on a runt and can be set tighter.
pub fn runts(document: &PagedDocument) -> Vec<String> {
    metadata(document, "chapter-end")
        .into_iter()
        .filter_map(|value| {
            let Value::Dict(end) = value else { return None };
            let flag = |key: &str| matches!(end.get(key), Ok(Value::Bool(true)));
            match (end.get("slug"), flag("runt") && flag("can-tighten")) {
                (Ok(Value::Str(slug)), true) => Some(slug.to_string()),
                _ => None,
            }
        })
        .collect()
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
