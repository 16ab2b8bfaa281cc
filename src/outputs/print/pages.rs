//! Page-level changes of the print file: blank pages to fill the last sheet, and no links.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// Adds blank pages until the page count is a multiple of `multiple`; returns how many. With
/// `before_last` (the report ends with its back cover) they go before the last page, so the
/// back cover stays the outside of the last sheet; otherwise at the end.
pub fn pad(doc: &mut Document, multiple: usize, before_last: bool) -> anyhow::Result<usize> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let Some(&last) = pages.last() else { anyhow::bail!("the PDF has no pages") };
    let missing = (multiple - pages.len() % multiple) % multiple;
    if missing == 0 {
        return Ok(0);
    }
    let template = doc.get_dictionary(last)?.clone();
    let parent = template.get(b"Parent").and_then(Object::as_reference)?;
    for _ in 0..missing {
        let content = doc.add_object(Stream::new(Dictionary::new(), Vec::new()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(parent));
        for key in [b"MediaBox".as_slice(), b"TrimBox".as_slice()] {
            if let Ok(value) = template.get(key) {
                page.set(key, value.clone());
            }
        }
        page.set("Resources", Dictionary::new());
        page.set("Contents", Object::Reference(content));
        let id = doc.add_object(page);
        let kids = doc.get_dictionary_mut(parent)?.get_mut(b"Kids")?.as_array_mut()?;
        let at = if before_last { kids.iter().position(|k| k.as_reference().ok() == Some(last)) } else { None };
        match at {
            Some(at) => kids.insert(at, Object::Reference(id)),
            None => kids.push(Object::Reference(id)),
        }
    }
    // Every node from the parent up counts the new pages.
    let mut node = Some(parent);
    while let Some(id) = node {
        let dict = doc.get_dictionary_mut(id)?;
        let count = dict.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
        dict.set("Count", count + missing as i64);
        node = dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    Ok(missing)
}

/// Removes the link annotations: paper has no links, and PDF/X allows no annotation inside
/// the bleed but printer's marks. The tag tree loses their object references, not their text.
pub fn drop_links(doc: &mut Document) {
    let mut annotations = Vec::new();
    for page in doc.get_pages().into_values().collect::<Vec<_>>() {
        if let Ok(dict) = doc.get_dictionary_mut(page)
            && let Some(Object::Array(annots)) = dict.remove(b"Annots")
        {
            annotations.extend(annots.iter().filter_map(|a| a.as_reference().ok()));
        }
    }
    if annotations.is_empty() {
        return;
    }
    let is_annotation_ref = |kid: &Object| match kid {
        Object::Dictionary(d) => {
            d.has_type(b"OBJR") && d.get(b"Obj").and_then(Object::as_reference).is_ok_and(|r| annotations.contains(&r))
        }
        _ => false,
    };
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let Ok(Object::Dictionary(dict)) = doc.get_object_mut(id) else { continue };
        if !dict.has_type(b"StructElem") {
            continue;
        }
        match dict.get_mut(b"K") {
            Ok(Object::Array(kids)) => kids.retain(|k| !is_annotation_ref(k)),
            Ok(kid) if is_annotation_ref(kid) => {
                dict.remove(b"K");
            }
            _ => {}
        }
    }
    for id in annotations {
        doc.objects.remove(&id);
    }
}
