//! What the layouts leave in a compiled document for Rust to read: metadata by label, with
//! the page each stands on (chapter starts, the lint's marks, the theme probes' values).

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The values of the metadata labelled `label` in a document.
pub fn metadata(document: &PagedDocument, label: &str) -> Vec<Value> {
    metadata_with_pages(document, label).into_iter().map(|(_, value)| value).collect()
}

/// The pages on which chapters start, from the `<chapter-start>` metadata the layout places.
pub fn chapter_pages(document: &PagedDocument) -> Vec<(String, usize)> {
    metadata_with_pages(document, "chapter-start")
        .into_iter()
        .filter_map(|(page, value)| match value {
            Value::Dict(start) => match start.get("slug") {
                Ok(Value::Str(slug)) => Some((slug.to_string(), page)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The metadata labelled `label`, with the page each stands on.
pub fn metadata_with_pages(document: &PagedDocument, label: &str) -> Vec<(usize, Value)> {
    metadata_with_positions(document, label).into_iter().map(|(page, _, value)| (page, value)).collect()
}

/// The metadata labelled `label`, with where each stands: its page and its distance from the
/// page's top, in points.
pub fn metadata_with_positions(document: &PagedDocument, label: &str) -> Vec<(usize, f64, Value)> {
    let Some(label) = Label::new(PicoStr::intern(label)) else { return Vec::new() };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let meta = content.to_packed::<MetadataElem>()?;
            let position = introspector.position(content.location()?)?;
            Some((position.page.get(), position.point.y.to_pt(), meta.value.clone()))
        })
        .collect()
}
