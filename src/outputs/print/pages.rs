//! Page-level changes of the print file: blank pages to fill the last sheet, no links, and a
//! CMYK blending space on every page that paints with transparency.

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

/// The folios the blank pages added to a file fall on (`folios`: each page's folio, none
/// for a blank page added): counted on from the page before, so blank pages after folio 110
/// are folios 111, 112 …; a blank page before any folio is folio 1, 2 ….
pub fn blank_folios(folios: &[Option<u64>]) -> Vec<u64> {
    let mut last = 0;
    let mut out = Vec::new();
    for folio in folios {
        match folio {
            Some(folio) => last = *folio,
            None => {
                last += 1;
                out.push(last);
            }
        }
    }
    out
}

/// Folios as a printer reads a list of them: `3, 4, 7–9, 12` (runs of three or more as a
/// range, with an en dash).
pub fn folio_list(folios: &[u64]) -> String {
    let mut sorted = folios.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1] == sorted[j] + 1 {
            j += 1;
        }
        match j - i {
            0 => parts.push(sorted[i].to_string()),
            1 => parts.extend([sorted[i].to_string(), sorted[j].to_string()]),
            _ => parts.push(format!("{}\u{2013}{}", sorted[i], sorted[j])),
        }
        i = j + 1;
    }
    parts.join(", ")
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

/// Gives every page that paints with transparency a page group blending in DeviceCMYK
/// (`/Group << /S /Transparency /CS /DeviceCMYK >>`), or the blending space its group lacks:
/// without one, a RIP blends in a space of its own choosing, and PDF/X-4 asks for the page's
/// blending space where it paints with transparency. Returns how many pages were given one.
pub fn cmyk_page_groups(doc: &mut Document) -> usize {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut given = 0;
    for page in pages {
        let Ok(dict) = doc.get_dictionary(page) else { continue };
        let resources = dict.get(b"Resources").ok().and_then(|r| dictionary(doc, r));
        if !resources.is_some_and(|r| uses_transparency(doc, r, &mut Vec::new(), 0)) {
            continue;
        }
        let group = match dict.get(b"Group") {
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        };
        let cmyk = || Object::Name(b"DeviceCMYK".to_vec());
        match group.and_then(|id| doc.get_dictionary_mut(id).ok()) {
            Some(group) if group.has(b"CS") => continue,
            Some(group) => group.set("CS", cmyk()),
            None => {
                let Ok(dict) = doc.get_dictionary_mut(page) else { continue };
                match dict.get_mut(b"Group") {
                    Ok(Object::Dictionary(group)) if group.has(b"CS") => continue,
                    Ok(Object::Dictionary(group)) => group.set("CS", cmyk()),
                    _ => {
                        let mut group = Dictionary::new();
                        group.set("Type", Object::Name(b"Group".to_vec()));
                        group.set("S", Object::Name(b"Transparency".to_vec()));
                        group.set("CS", cmyk());
                        dict.set("Group", group);
                    }
                }
            }
        }
        given += 1;
    }
    given
}

/// `object` as a dictionary (a stream's own), following a reference.
fn dictionary<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match doc.dereference(object).ok()?.1 {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// Whether what `resources` lets a content stream paint uses transparency: a graphics state
/// with a soft mask, an opacity under 1 or a blend mode other than Normal; an image with a
/// soft mask; a form that is a transparency group, or whose own resources use it (forms and
/// patterns followed to a depth of 16, each once).
fn uses_transparency(doc: &Document, resources: &Dictionary, seen: &mut Vec<ObjectId>, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    let entries = |key: &[u8]| -> Vec<&Object> {
        resources
            .get(key)
            .ok()
            .and_then(|d| dictionary(doc, d))
            .map_or(Vec::new(), |d| d.iter().map(|(_, v)| v).collect())
    };
    for state in entries(b"ExtGState").into_iter().filter_map(|s| dictionary(doc, s)) {
        let soft_mask = state.get(b"SMask").is_ok_and(|m| m.as_name().ok() != Some(b"None".as_slice()));
        let opacity = |key: &[u8]| state.get(key).ok().and_then(|v| v.as_float().ok()).is_some_and(|v| v < 1.0);
        let blend = state.get(b"BM").is_ok_and(|bm| {
            let normal = |o: &Object| matches!(o.as_name(), Ok(b"Normal") | Ok(b"Compatible"));
            match bm {
                Object::Array(modes) => !modes.first().is_some_and(normal),
                mode => !normal(mode),
            }
        });
        if soft_mask || opacity(b"ca") || opacity(b"CA") || blend {
            return true;
        }
    }
    for object in entries(b"XObject").into_iter().chain(entries(b"Pattern")) {
        if let Object::Reference(id) = object {
            if seen.contains(id) {
                continue;
            }
            seen.push(*id);
        }
        let Some(dict) = dictionary(doc, object) else { continue };
        let group = dict.get(b"Group").ok().and_then(|g| dictionary(doc, g));
        if dict.has(b"SMask")
            || dict.get(b"SMaskInData").and_then(Object::as_i64).is_ok_and(|v| v > 0)
            || group.is_some_and(|g| g.get(b"S").and_then(Object::as_name).ok() == Some(b"Transparency".as_slice()))
        {
            return true;
        }
        if let Some(inner) = dict.get(b"Resources").ok().and_then(|r| dictionary(doc, r))
            && uses_transparency(doc, inner, seen, depth + 1)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // Blank pages are named by the folios they fall on, and lists of folios read as ranges.
    #[test]
    fn blank_pages_fall_on_the_folios_after_the_last() {
        assert_eq!(blank_folios(&[Some(3), Some(4), None, None, None]), vec![5, 6, 7]);
        assert_eq!(blank_folios(&[Some(1), None, Some(4)]), vec![2]);
        assert_eq!(folio_list(&[12, 3, 7, 8, 9, 4]), "3, 4, 7\u{2013}9, 12");
    }
}
