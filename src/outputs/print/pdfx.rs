//! PDF/X-4: the printer's ICC output profile embedded as a `GTS_PDFX` output intent, the
//! PDF/X version and `Trapped` in the document information and the XMP metadata, PDF 1.6.
//!
//! Only a CMYK output profile can be the output intent of a CMYK print file; the profile's
//! header says what it is, and its description names the output condition.

use std::path::Path;

use anyhow::Context;
use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use crate::inputs::edition::config::PrintingCondition;

/// The PDF/X version the print file claims with an output profile.
pub const PDFX_VERSION: &str = "PDF/X-4";

/// A checked CMYK output profile.
#[derive(Debug, Clone)]
pub struct OutputProfile {
    pub bytes: Vec<u8>,
    /// The profile's description (its `desc` tag), e.g. `Coated FOGRA39 (ISO 12647-2:2004)`.
    pub description: String,
    /// rapport's own profile of the printing condition ([`shipped`]), not one the user gave.
    pub shipped: bool,
}

/// rapport's own FOGRA39 profile, made by ArgyllCMS's colprof from FOGRA's characterisation
/// data (`FOGRA39L.ti3`, zlib licence) and free to redistribute: how, and under what licence,
/// in assets/profiles/README.md.
const FOGRA39_RAPPORT: &[u8] = include_bytes!("../../../assets/profiles/FOGRA39-rapport.icc");

/// rapport's own output profile of `condition`, where it ships one (FOGRA39): the profile a
/// print job takes when the user gives none, so the default build is PDF/X-4 offline.
pub fn shipped(condition: PrintingCondition) -> Option<OutputProfile> {
    let bytes = match condition {
        PrintingCondition::Fogra39 => FOGRA39_RAPPORT,
        PrintingCondition::Fogra51 | PrintingCondition::Fogra52 => return None,
    };
    let description = crate::typeset::pdf::check_profile(bytes).ok()?;
    Some(OutputProfile { bytes: bytes.to_vec(), description, shipped: true })
}

/// Reads and checks an ICC profile: an output (`prtr`) profile for CMYK data.
pub fn read_profile(path: &Path) -> anyhow::Result<OutputProfile> {
    let bytes = crate::inputs::paths::read_regular(path, "the output profile", MAX_PROFILE_BYTES)?;
    let description =
        crate::typeset::pdf::check_profile(&bytes).map_err(|why| anyhow::anyhow!("{}: {why}", path.display()))?;
    Ok(OutputProfile { bytes, description, shipped: false })
}

/// The largest ICC profile read, in bytes (press profiles are a few MB).
pub const MAX_PROFILE_BYTES: u64 = 64 << 20;

/// Embeds `profile` as the output intent and declares PDF/X-4. With a printing `condition`
/// the intent names it by its reference in the ICC registry (`OutputConditionIdentifier`
/// `FOGRA39`, `RegistryName` `http://www.color.org`), the profile's description in `Info`;
/// without, the profile's description is its identifier.
pub fn apply(doc: &mut Document, profile: &OutputProfile, condition: Option<PrintingCondition>) -> anyhow::Result<()> {
    let mut icc = Dictionary::new();
    icc.set("N", 4);
    let mut icc = Stream::new(icc, profile.bytes.clone());
    let _ = icc.compress();
    let icc = doc.add_object(icc);
    let mut intent = output_intent(condition, &profile.description);
    intent.set("DestOutputProfile", Object::Reference(icc));
    let intent = doc.add_object(intent);
    doc.catalog_mut()?.set("OutputIntents", vec![Object::Reference(intent)]);
    set_info(doc, Some(PDFX_VERSION))?;
    set_xmp(doc, Some(PDFX_VERSION))
}

/// Names the printing `condition` in an output intent without its profile, when the
/// project has none: the printer learns which characterised condition the CMYK was made for.
/// It does not make the file PDF/X: PDF/X-4 (ISO 15930-7) asks for the profile embedded
/// (or, in PDF/X-4p, referenced), which only PDF/X-1a and PDF/X-3 spared for a registered
/// condition. So no PDF/X version is claimed.
pub fn apply_named(doc: &mut Document, condition: PrintingCondition) -> anyhow::Result<()> {
    let intent = doc.add_object(output_intent(Some(condition), condition.condition()));
    doc.catalog_mut()?.set("OutputIntents", vec![Object::Reference(intent)]);
    set_info(doc, None)?;
    set_xmp(doc, None)
}

/// A `GTS_PDFX` output intent for `condition` (or the profile's `description`).
fn output_intent(condition: Option<PrintingCondition>, description: &str) -> Dictionary {
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFX".to_vec()));
    match condition {
        Some(condition) => {
            intent.set("OutputConditionIdentifier", text(condition.identifier()));
            intent.set("RegistryName", text(PrintingCondition::REGISTRY));
            intent.set("OutputCondition", text(condition.condition()));
        }
        None => intent.set("OutputConditionIdentifier", text(description)),
    }
    intent.set("Info", text(description));
    intent
}

/// The document information dictionary, added where the file has none.
fn info_dictionary(doc: &mut Document) -> anyhow::Result<&mut Dictionary> {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => *id,
        _ => {
            let id = doc.add_object(Dictionary::new());
            doc.trailer.set("Info", Object::Reference(id));
            id
        }
    };
    Ok(doc.get_dictionary_mut(info)?)
}

/// Sets a number in the document information dictionary.
pub fn set_info_number(doc: &mut Document, key: &str, value: i64) -> anyhow::Result<()> {
    info_dictionary(doc)?.set(key, Object::Integer(value));
    Ok(())
}

/// Sets a text `key` of the document information (rapport's own keys).
/// A text of ASCII only is written as it is, any other as UTF-16BE with its byte order mark,
/// as PDF's text strings are.
pub fn set_info_text(doc: &mut Document, key: &str, value: &str) -> anyhow::Result<()> {
    let bytes = if value.is_ascii() {
        value.as_bytes().to_vec()
    } else {
        [0xFE, 0xFF].into_iter().chain(value.encode_utf16().flat_map(u16::to_be_bytes)).collect()
    };
    info_dictionary(doc)?.set(key, Object::String(bytes, StringFormat::Literal));
    Ok(())
}

/// Sets a boolean `key` of the document information (rapport's own keys, e.g. `RapportCover`).
pub fn set_info_bool(doc: &mut Document, key: &str, value: bool) -> anyhow::Result<()> {
    info_dictionary(doc)?.set(key, Object::Boolean(value));
    Ok(())
}

/// Sets `Trapped` (the print file is not trapped) and, with PDF/X, its version in the
/// document information dictionary.
pub fn set_info(doc: &mut Document, pdfx: Option<&str>) -> anyhow::Result<()> {
    let dict = info_dictionary(doc)?;
    dict.set("Trapped", Object::Name(b"False".to_vec()));
    if let Some(version) = pdfx {
        dict.set("GTS_PDFXVersion", Object::String(version.as_bytes().to_vec(), StringFormat::Literal));
    }
    Ok(())
}

/// Writes `pdf:Trapped`, the PDF version, the file's page count (`xmpTPg:NPages`) and, with
/// PDF/X, `pdfxid:GTS_PDFXVersion` into the XMP metadata Typst wrote.
pub fn set_xmp(doc: &mut Document, pdfx: Option<&str>) -> anyhow::Result<()> {
    // The file's own page count: Typst wrote the typeset document's, and the print job takes
    // pages out (the cover's) or adds them (blank pages to the sheet's multiple).
    let pages = doc.get_pages().len();
    let Ok(Object::Reference(id)) = doc.catalog()?.get(b"Metadata").cloned() else { return Ok(()) };
    let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else { return Ok(()) };
    let plain = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let mut xmp = String::from_utf8(plain).context("the XMP metadata is not UTF-8")?;
    if let (Some(start), Some(end)) = (xmp.find("<xmpTPg:NPages>"), xmp.find("</xmpTPg:NPages>")) {
        xmp.replace_range(start..end, &format!("<xmpTPg:NPages>{pages}"));
    }
    for typst in ["1.5", "1.7"] {
        xmp = xmp.replace(&format!("<pdf:PDFVersion>{typst}</pdf:PDFVersion>"), "<pdf:PDFVersion>1.6</pdf:PDFVersion>");
    }
    let mut extra = String::from("<pdf:Trapped>False</pdf:Trapped>");
    if !xmp.contains("<pdf:Trapped>")
        && let Some(at) = xmp.find("</rdf:Description>")
    {
        xmp.insert_str(at, &extra);
    }
    if let Some(version) = pdfx {
        // The print file is the final rendition, not a proof, and has a version (PDF/X asks
        // for both in the XMP).
        xmp = xmp.replace(
            "<xmpMM:RenditionClass>proof</xmpMM:RenditionClass>",
            "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        );
        if !xmp.contains("<xmpMM:VersionID>")
            && let Some(at) = xmp.find("</rdf:Description>")
        {
            xmp.insert_str(at, "<xmpMM:VersionID>1</xmpMM:VersionID>");
        }
        extra = format!(
            "<rdf:Description rdf:about=\"\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"><pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion></rdf:Description>"
        );
        if let Some(at) = xmp.find("</rdf:RDF>") {
            xmp.insert_str(at, &extra);
        }
    }
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"DecodeParms");
    // XMP stays uncompressed, so tools that scan for it find it.
    stream.set_plain_content(xmp.into_bytes());
    stream.allows_compression = false;
    Ok(())
}

/// `Suspects false` in the catalog's `MarkInfo`, as Typst writes it from PDF 1.6 on (the print
/// rendition is exported as PDF 1.5).
pub fn mark_info(doc: &mut Document) {
    let Ok(catalog) = doc.catalog_mut() else { return };
    if let Ok(Object::Dictionary(info)) = catalog.get_mut(b"MarkInfo")
        && !info.has(b"Suspects")
    {
        info.set("Suspects", false);
    }
}

/// Gives the cover file a document ID of its own: Typst derives the ID from the edition, so
/// the block and the cover would share it. The trailer's first `/ID` and the XMP's
/// `DocumentID` become a hash of the old one and `cover`.
pub fn own_document_id(doc: &mut Document) {
    use sha2::Digest as _;
    let Ok(Object::Array(ids)) = doc.trailer.get(b"ID").cloned() else { return };
    let Some(Ok(old)) = ids.first().map(|o| o.as_str().map(<[u8]>::to_vec)) else { return };
    let mut hasher = sha2::Sha256::new();
    hasher.update(&old);
    hasher.update(b"cover");
    let new: String = hasher.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect();
    let mut ids = ids;
    ids[0] = Object::String(new.clone().into_bytes(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(ids));
    let old = String::from_utf8_lossy(&old).into_owned();
    let Ok(Object::Reference(id)) = doc.catalog().and_then(|c| c.get(b"Metadata")).cloned() else { return };
    let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else { return };
    let Ok(xmp) = String::from_utf8(stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())) else {
        return;
    };
    let xmp = xmp.replace(
        &format!("<xmpMM:DocumentID>{old}</xmpMM:DocumentID>"),
        &format!("<xmpMM:DocumentID>{new}</xmpMM:DocumentID>"),
    );
    stream.dict.remove(b"Filter");
    stream.set_plain_content(xmp.into_bytes());
    stream.allows_compression = false;
}
