//! A Word chapter (.docx) read into the chapter dialect (`rapport import docx`, issue 36):
//! headings by style, bullets, bold, quotes, tables as CSV files, pictures as `::: photo`
//! blocks with their files. What the dialect cannot hold — italics, numbered lists,
//! footnotes, comments, merged cells, text boxes — is returned by name with its text, never
//! dropped in silence; a document with tracked changes not yet accepted is refused.
//!
//! The ZIP is read with `zip` and its XML with `quick-xml`, bounded: at most
//! [`MAX_ENTRIES`] members, each inflated to at most [`MAX_MEMBER_BYTES`] and all to
//! [`MAX_INFLATED_BYTES`], XML of at most [`MAX_NODES`] elements nested at most
//! [`MAX_DEPTH`] deep, and no document type declaration (whose entities could expand).
//!
//! Word names a paragraph's style by an id that follows the language of the Word that saved
//! it (`Overskrift1` in Norwegian Word) and stores the built-in name in `styles.xml`
//! (`heading 1`), so styles are resolved through their names (and outline levels), never
//! their ids.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

/// The most bytes a .docx file may have.
pub const MAX_FILE_BYTES: u64 = 128 << 20;
/// The most members its ZIP may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The most bytes one member may inflate to.
pub const MAX_MEMBER_BYTES: u64 = 64 << 20;
/// The most bytes all members may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 256 << 20;
/// The most elements one XML part may hold.
pub const MAX_NODES: usize = 2_000_000;
/// The deepest one XML part's elements may nest.
pub const MAX_DEPTH: usize = 256;

/// A Word chapter in the chapter dialect, with the files it names.
#[derive(Debug, Default)]
pub struct Chapter {
    /// The chapter's title, from a first paragraph styled `Title` (or a single top heading).
    pub title: Option<String>,
    /// The chapter file's text.
    pub text: String,
    /// The tables' CSV files: (path relative to the edition's folder, contents).
    pub tables: Vec<(String, String)>,
    /// The pictures' files: (path relative to the edition's folder, bytes).
    pub pictures: Vec<(String, Vec<u8>)>,
    /// What the chapter cannot hold as Word has it, in the document's order: (what, with what
    /// became of it; its text).
    pub reported: Vec<(String, String)>,
    /// The pictures without alt text in Word: their files (or `None` for a placeholder).
    pub without_alt: Vec<Option<String>>,
    /// How many pictures got Word's alt text as their `alt`.
    pub with_alt: usize,
    /// The tables whose title is the paragraph before them (all capitals or all bold, as
    /// Google Docs writes one): (table number, file, title).
    pub titled: Vec<(usize, String, String)>,
    /// The tables without a title: (table number, file).
    pub untitled: Vec<(usize, String)>,
}

/// Reads the Word document `bytes` (named `name` in messages) as the chapter `slug`, whose
/// tables go to `tables/<slug>/tabell-N.csv` and pictures to `photos/<slug>-N.<ext>`.
pub fn read(name: &str, bytes: &[u8], slug: &str) -> Result<Chapter, String> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(format!("{name}: expected a Word document (.docx, a ZIP file), found another kind of file"));
    }
    let members = unpack(bytes).map_err(|err| format!("{name}: {err}"))?;
    let xml = |path: &str| -> Result<Option<Element>, String> {
        members
            .get(path)
            .map(|bytes| parse(bytes).map_err(|err| format!("{name}: the part `{path}`: {err}")))
            .transpose()
    };
    // The main part and its relationships: where Word, LibreOffice and Google Docs put them.
    let main = xml("_rels/.rels")?
        .and_then(|rels| relationship_targets(&rels, "", "/officeDocument").into_iter().next())
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = xml(&main)? else {
        return Err(format!("{name}: expected a Word document, found no `{main}` in it"));
    };
    let folder = main.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let rels_path = format!("{folder}/_rels/{}.rels", main.rsplit('/').next().unwrap_or(&main));
    let rels = xml(&rels_path)?;
    let part = |kind: &str, default: &str| -> Result<Option<Element>, String> {
        let target = rels
            .as_ref()
            .and_then(|rels| relationship_targets(rels, &folder, kind).into_iter().next())
            .unwrap_or_else(|| format!("{folder}/{default}"));
        xml(&target)
    };
    if let Some(change) = tracked_change(&document, "") {
        return Err(format!(
            "{name}: expected a document whose tracked changes are all accepted or rejected, found {} by {} not yet accepted: «{}»: accept or reject the changes in Word (Review, or Se gjennom: Accept / Godta) and save it again",
            change.0,
            change.1,
            crate::diag::shorten(&change.2)
        ));
    }
    let styles = Styles::read(part("/styles", "styles.xml")?.as_ref());
    let numbering = Numbering::read(part("/numbering", "numbering.xml")?.as_ref());
    let notes = |kind: &str, default: &str, tag: &str| -> Result<HashMap<String, String>, String> {
        let mut texts = HashMap::new();
        if let Some(root) = part(kind, default)? {
            for note in root.children().filter(|e| e.name == tag) {
                texts.insert(note.attr("id").unwrap_or_default().to_string(), plain_text(note));
            }
        }
        Ok(texts)
    };
    let footnotes = notes("/footnotes", "footnotes.xml", "footnote")?;
    let endnotes = notes("/endnotes", "endnotes.xml", "endnote")?;
    let mut comments = HashMap::new();
    if let Some(root) = part("/comments", "comments.xml")? {
        for comment in root.children().filter(|e| e.name == "comment") {
            let author = comment.attr("author").filter(|a| !a.trim().is_empty()).unwrap_or("?").to_string();
            comments.insert(comment.attr("id").unwrap_or_default().to_string(), (author, plain_text(comment)));
        }
    }
    let media: HashMap<String, String> = rels
        .as_ref()
        .map(|rels| {
            rels.children()
                .filter(|r| r.attr("TargetMode") != Some("External"))
                .filter_map(|r| Some((r.attr("Id")?.to_string(), resolve(&folder, r.attr("Target")?))))
                .collect()
        })
        .unwrap_or_default();
    let mut reader = Reader {
        styles,
        numbering,
        footnotes,
        endnotes,
        comments,
        media,
        members: &members,
        slug,
        out: Chapter::default(),
        blocks: Vec::new(),
        open_comments: Vec::new(),
        footnote_count: 0,
        endnote_count: 0,
        notes: Vec::new(),
        in_table: false,
        table_count: 0,
        picture_files: HashMap::new(),
        refused: None,
    };
    let body = document
        .children()
        .find(|e| e.name == "body")
        .ok_or_else(|| format!("{name}: expected a Word document, found no body (`w:body`) in `{main}`"))?;
    reader.body(body);
    if let Some(why) = reader.refused.take() {
        return Err(format!("{name}: {why}"));
    }
    Ok(reader.finish())
}

/// A ZIP's members, inflated.
struct Members(HashMap<String, Vec<u8>>);

impl Members {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.0.get(name).map(Vec::as_slice)
    }
}

/// Inflates every member of the ZIP `bytes`, within the limits, each checked against its
/// checksum.
fn unpack(bytes: &[u8]) -> Result<Members, String> {
    // The library's words («invalid Zip archive: Could not find EOCD») help no one: the file
    // is damaged or half saved, and Word saves it whole again.
    let damaged = |_: &dyn std::fmt::Display| {
        "the file is not a Word document that can be read (it is damaged or was not saved to the end): open it in Word and save it again as .docx".to_string()
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| damaged(&err))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!("expected a Word document of at most {MAX_ENTRIES} parts, found {}", archive.len()));
    }
    let mut total = 0u64;
    let mut members = HashMap::new();
    let mut buffer = vec![0u8; 64 << 10];
    for index in 0..archive.len() {
        let mut member = archive.by_index(index).map_err(|err| damaged(&err))?;
        let name = member.name().to_string();
        let too_large = || {
            format!(
                "expected the parts of a Word document to inflate to at most {} MB each, found `{}`, which inflates to more",
                MAX_MEMBER_BYTES >> 20,
                crate::diag::shorten(&name)
            )
        };
        if member.size() > MAX_MEMBER_BYTES {
            return Err(too_large());
        }
        let mut inflated = Vec::new();
        loop {
            let read = member
                .read(&mut buffer)
                .map_err(|err| damaged(&format!("`{}`: {err}", crate::diag::shorten(&name))))?;
            if read == 0 {
                break;
            }
            total += read as u64;
            if (inflated.len() + read) as u64 > MAX_MEMBER_BYTES {
                return Err(too_large());
            }
            if total > MAX_INFLATED_BYTES {
                return Err(format!(
                    "expected a Word document that inflates to at most {} MB in all, found one that inflates to more",
                    MAX_INFLATED_BYTES >> 20
                ));
            }
            inflated.extend_from_slice(&buffer[..read]);
        }
        members.insert(name, inflated);
    }
    Ok(Members(members))
}

/// An XML element: its local name (without prefix), attributes by local name, and children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    kids: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn children(&self) -> impl Iterator<Item = &Element> {
        self.kids.iter().filter_map(|k| match k {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children().find(|e| e.name == name)
    }

    /// The `val` of the child `name`: `<w:pStyle w:val="Overskrift1"/>`.
    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// Whether a toggle property (`<w:b/>`, `<w:i w:val="0"/>`) is on; `None` when absent.
    fn toggle(&self, name: &str) -> Option<bool> {
        self.child(name).map(|c| !matches!(c.attr("val"), Some("0" | "false" | "off" | "none")))
    }

    /// Every element below this one, depth first (without recursion: a deep file cannot
    /// exhaust the stack).
    fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.children().collect::<Vec<_>>().into_iter().rev().collect();
        while let Some(e) = stack.pop() {
            out.push(e);
            stack.extend(e.children().collect::<Vec<_>>().into_iter().rev());
        }
        out
    }
}

/// Parses an XML part into elements, keeping the text of `t`, `delText` and `instrText`
/// only; refuses a document type declaration and parts over the limits.
fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let decoder = reader.decoder();
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut nodes = 0usize;
    let mut buf = Vec::new();
    let local = |name: &[u8]| -> String {
        let name = String::from_utf8_lossy(name);
        name.rsplit(':').next().unwrap_or_default().to_string()
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|err| format!("expected well-formed XML, found {err}"))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                nodes += 1;
                if nodes > MAX_NODES {
                    return Err(format!("expected at most {MAX_NODES} XML elements, found more"));
                }
                let mut element = Element { name: local(e.name().as_ref()), ..Element::default() };
                for attr in e.attributes().flatten() {
                    let value = attr.decode_and_unescape_value(decoder).map(|v| v.into_owned()).unwrap_or_default();
                    element.attrs.push((local(attr.key.as_ref()), value));
                }
                if matches!(event, Event::Empty(_)) {
                    if let Some(parent) = stack.last_mut() {
                        parent.kids.push(Node::Element(element));
                    }
                } else {
                    if stack.len() > MAX_DEPTH {
                        return Err(format!("expected XML nested at most {MAX_DEPTH} deep, found deeper"));
                    }
                    stack.push(element);
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let done = stack.pop().unwrap_or_default();
                if let Some(parent) = stack.last_mut() {
                    parent.kids.push(Node::Element(done));
                }
            }
            Event::Text(ref t) => {
                if let Some(top) = stack.last_mut().filter(|e| matches!(e.name.as_str(), "t" | "delText" | "instrText"))
                {
                    let text = t.decode().map(|c| c.into_owned()).unwrap_or_default();
                    let text = quick_xml::escape::unescape(&text).map(|c| c.into_owned()).unwrap_or(text);
                    top.kids.push(Node::Text(text));
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some(top) = stack.last_mut().filter(|e| matches!(e.name.as_str(), "t" | "delText" | "instrText"))
                {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    let text =
                        quick_xml::escape::unescape(&format!("&{name};")).map(|c| c.into_owned()).unwrap_or_default();
                    top.kids.push(Node::Text(text));
                }
            }
            Event::CData(ref c) => {
                if let Some(top) = stack.last_mut().filter(|e| e.name == "t") {
                    top.kids.push(Node::Text(String::from_utf8_lossy(c.as_ref()).into_owned()));
                }
            }
            Event::DocType(_) => {
                return Err("expected XML without a document type declaration (`<!DOCTYPE`), found one: it can declare entities that expand without limit; save the document again in Word".to_string());
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let mut root = stack.into_iter().next().unwrap_or_default();
    match root.kids.pop() {
        Some(Node::Element(top)) => Ok(top),
        _ => Err("expected an XML element, found none".to_string()),
    }
}

/// The text of `t` elements below `element`, joined.
fn text_of(element: &Element) -> String {
    let mut out = String::new();
    for e in std::iter::once(element).chain(element.descendants()) {
        if matches!(e.name.as_str(), "t" | "delText") {
            for kid in &e.kids {
                if let Node::Text(t) = kid {
                    out.push_str(t);
                }
            }
        } else if matches!(e.name.as_str(), "tab" | "br" | "cr") {
            out.push(' ');
        }
    }
    out
}

/// The text of a footnote, endnote or comment: its paragraphs joined by a space.
fn plain_text(element: &Element) -> String {
    let paragraphs: Vec<String> = element
        .descendants()
        .into_iter()
        .filter(|e| e.name == "p")
        .map(|p| squeeze(&text_of(p)))
        .filter(|t| !t.is_empty())
        .collect();
    paragraphs.join(" ")
}

/// Runs of white space as one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The targets of the relationships `rels` of type ending in `kind`, resolved against
/// `folder` (the folder of the part they belong to).
fn relationship_targets(rels: &Element, folder: &str, kind: &str) -> Vec<String> {
    rels.children()
        .filter(|r| r.attr("Type").is_some_and(|t| t.ends_with(kind)))
        .filter_map(|r| r.attr("Target"))
        .map(|t| resolve(folder, t))
        .collect()
}

/// A relationship's target as a member name: relative to `folder`, or from the root when it
/// starts with `/`; `..` taken up.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { folder.split('/').filter(|p| !p.is_empty()).collect() };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The first tracked change below `element` in document order: (what it is, by whom, its
/// text, else its paragraph's).
fn tracked_change(element: &Element, paragraph: &str) -> Option<(&'static str, String, String)> {
    let mut stack: Vec<(&Element, String)> = vec![(element, paragraph.to_string())];
    while let Some((e, paragraph)) = stack.pop() {
        let kind = match e.name.as_str() {
            "ins" | "cellIns" => Some("an insertion"),
            "del" | "cellDel" => Some("a deletion"),
            "moveFrom" | "moveTo" => Some("a move"),
            "cellMerge" => Some("a merge of cells"),
            "rPrChange" | "pPrChange" | "tblPrChange" | "trPrChange" | "tcPrChange" | "sectPrChange"
            | "tblGridChange" | "numberingChange" | "tblPrExChange" => Some("a change of formatting"),
            _ => None,
        };
        if let Some(kind) = kind {
            let author = e.attr("author").filter(|a| !a.trim().is_empty()).unwrap_or("?").to_string();
            let text = squeeze(&text_of(e));
            return Some((kind, author, if text.is_empty() { paragraph } else { text }));
        }
        let paragraph = if e.name == "p" { squeeze(&text_of(e)) } else { paragraph };
        for child in e.children().collect::<Vec<_>>().into_iter().rev() {
            stack.push((child, paragraph.clone()));
        }
    }
    None
}

/// A style of `styles.xml`.
#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
    bold: Option<bool>,
    italic: Option<bool>,
}

/// The document's styles by id.
#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    fn read(root: Option<&Element>) -> Styles {
        let mut styles = HashMap::new();
        for style in root.into_iter().flat_map(Element::children).filter(|e| e.name == "style") {
            let Some(id) = style.attr("styleId") else { continue };
            let ppr = style.child("pPr");
            let rpr = style.child("rPr");
            styles.insert(
                id.to_string(),
                Style {
                    name: style.val("name").unwrap_or(id).to_string(),
                    based_on: style.val("basedOn").map(str::to_string),
                    outline: ppr.and_then(|p| p.val("outlineLvl")).and_then(|v| v.parse().ok()),
                    num: ppr.and_then(|p| p.child("numPr")).map(num_pr),
                    bold: rpr.and_then(|r| r.toggle("b")),
                    italic: rpr.and_then(|r| r.toggle("i")),
                },
            );
        }
        Styles(styles)
    }

    /// The style `id` and those it is based on, nearest first (at most 16: a loop ends).
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = id;
        while let Some(style) = next.and_then(|id| self.0.get(id)) {
            if out.len() >= 16 {
                break;
            }
            out.push(style);
            next = style.based_on.as_deref();
        }
        out
    }
}

/// A `numPr`: (numbering id, level).
fn num_pr(num: &Element) -> (String, u8) {
    (num.val("numId").unwrap_or("0").to_string(), num.val("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0))
}

/// The document's list formats: numbering id → abstract numbering → each level's format.
#[derive(Debug, Default)]
struct Numbering {
    nums: HashMap<String, String>,
    formats: HashMap<(String, u8), String>,
}

impl Numbering {
    fn read(root: Option<&Element>) -> Numbering {
        let mut numbering = Numbering::default();
        for e in root.into_iter().flat_map(Element::children) {
            match e.name.as_str() {
                "abstractNum" => {
                    let id = e.attr("abstractNumId").unwrap_or_default();
                    for level in e.children().filter(|l| l.name == "lvl") {
                        let ilvl = level.attr("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
                        let format = level.val("numFmt").unwrap_or("decimal");
                        numbering.formats.insert((id.to_string(), ilvl), format.to_string());
                    }
                }
                "num" => {
                    if let (Some(id), Some(abstract_id)) = (e.attr("numId"), e.val("abstractNumId")) {
                        numbering.nums.insert(id.to_string(), abstract_id.to_string());
                    }
                }
                _ => {}
            }
        }
        numbering
    }

    /// The format of list `num` at `level` (`bullet`, `decimal`, `none` …), if it is one.
    fn format(&self, num: &str, level: u8) -> Option<&str> {
        let abstract_id = self.nums.get(num)?;
        self.formats.get(&(abstract_id.clone(), level)).map(String::as_str)
    }
}

/// A paragraph as read: its text as runs (text, bold, italic) and its pictures.
#[derive(Debug, Default)]
struct Paragraph {
    runs: Vec<(String, bool, bool)>,
    pictures: Vec<(String, Option<String>)>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Kind {
    #[default]
    Text,
    Title,
    Heading(u8),
    Item,
    Quote,
    Caption,
}

/// A block of the chapter being written, before the headings' levels are known.
#[derive(Debug)]
enum Block {
    Heading(u8, String),
    Text(String),
    Item(String),
    Quote(String),
    Table {
        file: String,
        title: String,
        source: String,
        columns: Option<Vec<&'static str>>,
    },
    Photo {
        file: Option<String>,
        /// Word's alt text (`descr`), carried as the photo's `alt`.
        alt: Option<String>,
        note: String,
        credit: Option<String>,
    },
    /// A caption not next to a table: written as a paragraph.
    Caption(String),
}

struct Reader<'a> {
    styles: Styles,
    numbering: Numbering,
    footnotes: HashMap<String, String>,
    endnotes: HashMap<String, String>,
    comments: HashMap<String, (String, String)>,
    media: HashMap<String, String>,
    members: &'a Members,
    slug: &'a str,
    out: Chapter,
    blocks: Vec<Block>,
    /// Comments whose range is open, with the text read inside it so far.
    open_comments: Vec<(String, String)>,
    footnote_count: usize,
    endnote_count: usize,
    /// Footnotes and endnotes read in the paragraph (or table) being read, written as
    /// paragraphs right after it.
    notes: Vec<String>,
    /// Whether a table's cells are being read.
    in_table: bool,
    table_count: usize,
    /// Pictures written, by their member: the same picture twice is one file.
    picture_files: HashMap<String, String>,
    /// Why the document cannot be imported as it is (the first reason found).
    refused: Option<String>,
}

impl Reader<'_> {
    fn report(&mut self, what: impl Into<String>, text: impl Into<String>) {
        self.out.reported.push((what.into(), reported_text(&squeeze(&text.into()))));
    }

    /// The body's blocks, in order; content controls and custom XML read through.
    fn body(&mut self, body: &Element) {
        for e in body.children() {
            match e.name.as_str() {
                "p" => self.paragraph_block(e),
                "tbl" => self.table(e),
                "sdt" | "customXml" | "sdtContent" | "smartTag" => self.body(e.child("sdtContent").unwrap_or(e)),
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.body(choice);
                    }
                }
                _ => {}
            }
        }
    }

    /// What a paragraph is by its style (through the styles it is based on) and its own
    /// properties.
    fn kind(&self, p: &Element) -> (Kind, Option<(String, u8)>) {
        let ppr = p.child("pPr");
        let chain = self.styles.chain(ppr.and_then(|p| p.val("pStyle")));
        let num = ppr.and_then(|p| p.child("numPr")).map(num_pr).or_else(|| chain.iter().find_map(|s| s.num.clone()));
        let num = num.filter(|(id, _)| id != "0");
        for style in &chain {
            let name = style.name.to_lowercase();
            if name == "title" || name == "tittel" {
                return (Kind::Title, None);
            }
            let level = name.strip_prefix("heading ").or_else(|| name.strip_prefix("overskrift "));
            if let Some(level) = level.and_then(|l| l.trim().parse::<u8>().ok()).filter(|l| (1..=9).contains(l)) {
                return (Kind::Heading(level), None);
            }
            if matches!(name.as_str(), "quote" | "intense quote" | "sitat" | "sterkt sitat" | "quotations") {
                return (Kind::Quote, None);
            }
            if matches!(name.as_str(), "caption" | "bildetekst") {
                return (Kind::Caption, None);
            }
        }
        let outline = ppr.and_then(|p| p.val("outlineLvl")).and_then(|v| v.parse::<u8>().ok());
        if let Some(level) = outline.or_else(|| chain.iter().find_map(|s| s.outline)).filter(|l| *l < 9) {
            return (Kind::Heading(level + 1), None);
        }
        if num.is_some() { (Kind::Item, num) } else { (Kind::Text, None) }
    }

    /// Reads a paragraph's runs (through links, fields and content controls), noting its
    /// footnotes, comments, pictures and text boxes.
    fn paragraph(&mut self, p: &Element) -> Paragraph {
        let mut paragraph = Paragraph::default();
        self.inline(p, &mut paragraph);
        paragraph
    }

    fn inline(&mut self, parent: &Element, paragraph: &mut Paragraph) {
        for e in parent.children() {
            match e.name.as_str() {
                "r" => self.run(e, paragraph),
                "hyperlink" | "smartTag" | "customXml" | "fldSimple" | "sdtContent" | "dir" | "bdo" => {
                    self.inline(e, paragraph);
                }
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.inline(content, paragraph);
                    }
                }
                "commentRangeStart" => {
                    self.open_comments.push((e.attr("id").unwrap_or_default().to_string(), String::new()));
                }
                "commentRangeEnd" => {}
                "oMath" | "oMathPara" => self.report("a formula (left out)", text_of(e)),
                _ => {}
            }
        }
    }

    fn run(&mut self, r: &Element, paragraph: &mut Paragraph) {
        let rpr = r.child("rPr");
        let run_styles = self.styles.chain(rpr.and_then(|r| r.val("rStyle")));
        // A paragraph style's bold and italics (a heading's, a quote's) are its look, not
        // the text's: only the run's own and its character style's count.
        let bold = rpr.and_then(|r| r.toggle("b")).or_else(|| run_styles.iter().find_map(|s| s.bold)).unwrap_or(false);
        let italic =
            rpr.and_then(|r| r.toggle("i")).or_else(|| run_styles.iter().find_map(|s| s.italic)).unwrap_or(false);
        let mut text = String::new();
        for e in r.children() {
            match e.name.as_str() {
                "t" => text.push_str(&text_of(e)),
                "tab" | "br" | "cr" => text.push(' '),
                "noBreakHyphen" => text.push('-'),
                "footnoteReference" => {
                    self.footnote_count += 1;
                    let note = self.footnotes.get(e.attr("id").unwrap_or_default()).cloned().unwrap_or_default();
                    self.note("footnote", "Fotnote", self.footnote_count, note);
                }
                "endnoteReference" => {
                    self.endnote_count += 1;
                    let note = self.endnotes.get(e.attr("id").unwrap_or_default()).cloned().unwrap_or_default();
                    self.note("endnote", "Sluttnote", self.endnote_count, note);
                }
                "commentReference" => {
                    let id = e.attr("id").unwrap_or_default().to_string();
                    let anchor = self
                        .open_comments
                        .iter()
                        .position(|(open, _)| *open == id)
                        .map(|at| self.open_comments.remove(at).1)
                        .unwrap_or_default();
                    let (author, comment) = self.comments.get(&id).cloned().unwrap_or_default();
                    let anchor = crate::diag::shorten(&squeeze(&anchor));
                    self.report(format!("comment from {author} on «{anchor}» (left out)"), comment);
                }
                "drawing" | "pict" | "object" => self.picture(e, paragraph),
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        for inner in choice.children() {
                            if matches!(inner.name.as_str(), "drawing" | "pict") {
                                self.picture(inner, paragraph);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if text.is_empty() {
            return;
        }
        for (_, anchor) in &mut self.open_comments {
            anchor.push_str(&text);
        }
        match paragraph.runs.last_mut() {
            Some((last, b, i)) if *b == bold && *i == italic => last.push_str(&text),
            _ => paragraph.runs.push((text, bold, italic)),
        }
    }

    /// A footnote or endnote (`kind`, `word` in the chapter's language) kept as a paragraph
    /// «Fotnote 1: …» right after its paragraph or table (the chapter has no footnotes), and
    /// reported; an empty one is reported as left out.
    fn note(&mut self, kind: &str, word: &str, n: usize, text: String) {
        let text = squeeze(&text.replace(|c: char| c.is_control(), " "));
        if text.is_empty() {
            self.report(format!("{kind} {n} (empty, left out)"), text);
            return;
        }
        let after = if self.in_table { "table" } else { "paragraph" };
        self.report(format!("{kind} {n} (kept as the paragraph «{word} {n}: …» after its {after})"), text.clone());
        self.notes.push(format!("{word} {n}: {text}"));
    }

    /// The notes read so far, as paragraphs after the last block.
    fn flush_notes(&mut self) {
        for note in std::mem::take(&mut self.notes) {
            self.blocks.push(Block::Text(note));
        }
    }

    /// A drawing's pictures (by relationship) with Word's alt text; its text boxes reported.
    fn picture(&mut self, drawing: &Element, paragraph: &mut Paragraph) {
        let all = drawing.descendants();
        let descr = all
            .iter()
            .find(|e| e.name == "docPr")
            .and_then(|d| d.attr("descr"))
            .map(str::to_string)
            .filter(|d| !d.trim().is_empty());
        for e in &all {
            match e.name.as_str() {
                "blip" => {
                    if let Some(id) = e.attr("embed") {
                        paragraph.pictures.push((id.to_string(), descr.clone()));
                    }
                }
                "imagedata" => {
                    if let Some(id) = e.attr("id") {
                        paragraph.pictures.push((id.to_string(), descr.clone()));
                    }
                }
                "txbxContent" => self.report("a text box (left out)", plain_text(e)),
                "chart" => self.report("a chart drawn in Word (left out: give its numbers as a table)", ""),
                _ => {}
            }
        }
    }

    /// A paragraph of the body as a block, its pictures as photo blocks after it.
    fn paragraph_block(&mut self, p: &Element) {
        let (kind, num) = self.kind(p);
        let paragraph = self.paragraph(p);
        let plain: String = paragraph.runs.iter().map(|(t, ..)| t.as_str()).collect();
        let plain = squeeze(&plain);
        for (text, _, italic) in &paragraph.runs {
            if *italic && !text.trim().is_empty() {
                self.report("italics (written upright)", text.clone());
            }
        }
        if !plain.is_empty() {
            let block = match kind {
                Kind::Title => {
                    if self.out.title.is_none() && self.blocks.is_empty() {
                        self.out.title = Some(plain);
                        None
                    } else {
                        Some(Block::Heading(1, plain))
                    }
                }
                Kind::Heading(level) => Some(Block::Heading(level, plain)),
                Kind::Quote => Some(Block::Quote(inline(&paragraph.runs))),
                Kind::Caption => Some(Block::Caption(plain)),
                Kind::Item => {
                    let (id, level) = num.unwrap_or_default();
                    let format = self.numbering.format(&id, level).unwrap_or("bullet").to_string();
                    match format.as_str() {
                        "none" => Some(Block::Text(inline(&paragraph.runs))),
                        "bullet" => {
                            if level > 0 {
                                self.report(
                                    format!("a list item of level {} (written at the first level)", level + 1),
                                    plain.clone(),
                                );
                            }
                            Some(Block::Item(inline(&paragraph.runs)))
                        }
                        _ => {
                            self.report("a numbered list (written as bullets)", plain.clone());
                            Some(Block::Item(inline(&paragraph.runs)))
                        }
                    }
                }
                Kind::Text => {
                    // A photo's credit right after it: `Foto: NN`.
                    let credit = plain.strip_prefix("Foto:").map(|c| c.trim().to_string());
                    match (credit, self.blocks.last_mut()) {
                        (Some(name), Some(Block::Photo { credit: credit @ None, .. })) => {
                            *credit = Some(name);
                            None
                        }
                        _ => {
                            let source = plain.strip_prefix("Kilde:").map(|s| s.trim().to_string());
                            match (source, self.blocks.last_mut()) {
                                (Some(text), Some(Block::Table { source, .. })) if source.is_empty() => {
                                    *source = text;
                                    None
                                }
                                _ => Some(Block::Text(inline(&paragraph.runs))),
                            }
                        }
                    }
                }
            };
            if let Some(block) = block {
                self.blocks.push(block);
            }
        }
        if !self.in_table {
            self.flush_notes();
        }
        for (id, descr) in paragraph.pictures {
            self.photo(&id, descr);
        }
    }

    /// A picture's file extracted (PNG or JPEG) as a photo block, Word's alt text (`descr`)
    /// as its `alt`; one without alt text gets a comment asking for it and is said.
    fn photo(&mut self, id: &str, descr: Option<String>) {
        let alt = descr.as_ref().map(|d| squeeze(&d.replace(|c: char| c.is_control(), " "))).filter(|d| !d.is_empty());
        let mut note = match alt {
            Some(_) => String::new(),
            None => String::from("# alt: skriv hva bildet viser (bildet har ingen alternativ tekst i Word)"),
        };
        let placeholder = |reader: &mut Self, note: String| {
            if alt.is_none() {
                reader.out.without_alt.push(None);
            } else {
                reader.out.with_alt += 1;
            }
            reader.blocks.push(Block::Photo { file: None, alt: alt.clone(), note, credit: None });
        };
        let Some(member) = self.media.get(id).cloned() else {
            self.report("a picture linked, not embedded (a placeholder written)", descr.unwrap_or_default());
            placeholder(self, note);
            return;
        };
        let extension = member.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let extension = match extension.as_str() {
            "png" => "png",
            "jpg" | "jpeg" => "jpg",
            _ => {
                if !note.is_empty() {
                    note.push('\n');
                }
                note.push_str(&format!(
                    "# Bildet i Word er `{}`, som rapporten ikke kan skrive ut: lagre det som PNG eller JPEG",
                    crate::diag::shorten(&member)
                ));
                self.report(
                    format!("a picture of type `{extension}` (a placeholder written: save it as PNG or JPEG)"),
                    descr.unwrap_or_default(),
                );
                placeholder(self, note);
                return;
            }
        };
        let file = match self.picture_files.get(&member) {
            Some(file) => file.clone(),
            None => {
                let Some(bytes) = self.members.get(&member) else {
                    self.report("a picture missing from the document (a placeholder written)", member);
                    placeholder(self, note);
                    return;
                };
                let file = format!("photos/{}-{}.{extension}", self.slug, self.out.pictures.len() + 1);
                self.out.pictures.push((file.clone(), bytes.to_vec()));
                self.picture_files.insert(member, file.clone());
                file
            }
        };
        if alt.is_none() {
            self.out.without_alt.push(Some(file.clone()));
        } else {
            self.out.with_alt += 1;
        }
        self.blocks.push(Block::Photo { file: Some(file), alt, note, credit: None });
    }

    /// A table as a CSV file and its block; a caption right before it is its title.
    fn table(&mut self, tbl: &Element) {
        self.table_count += 1;
        let n = self.table_count;
        let file = format!("tables/{}/tabell-{n}.csv", self.slug);
        let title = match self.blocks.last() {
            Some(Block::Caption(caption)) => {
                let caption = caption.clone();
                self.blocks.pop();
                caption
            }
            // Google Docs has no caption style: its table title is a paragraph in capitals
            // or in bold right before the table. Taken as the title, and said.
            Some(Block::Text(line)) if looks_like_title(line) => {
                let title = line.replace("**", "").trim().to_string();
                self.blocks.pop();
                self.out.titled.push((n, file.clone(), title.clone()));
                title
            }
            _ => String::new(),
        };
        if title.is_empty() {
            self.out.untitled.push((n, file.clone()));
        }
        self.in_table = true;
        let mut rows: Vec<Vec<String>> = Vec::new();
        for (r, tr) in tbl.children().filter(|e| e.name == "tr").enumerate() {
            let mut row = Vec::new();
            for tc in tr.children().filter(|e| e.name == "tc") {
                let tcpr = tc.child("tcPr");
                let span = tcpr.and_then(|t| t.val("gridSpan")).and_then(|s| s.parse::<usize>().ok()).unwrap_or(1);
                let continued = tcpr.and_then(|t| t.child("vMerge")).is_some_and(|v| v.attr("val") != Some("restart"));
                let mut texts = Vec::new();
                for e in tc.children() {
                    match e.name.as_str() {
                        "p" => {
                            let paragraph = self.paragraph(e);
                            let text: String = paragraph.runs.iter().map(|(t, ..)| t.as_str()).collect();
                            texts.push(squeeze(&text));
                            if !paragraph.pictures.is_empty() {
                                self.report(format!("a picture in table {n} (left out)"), squeeze(&text));
                            }
                        }
                        "tbl" => {
                            let inner = squeeze(&text_of(e));
                            self.report(
                                format!("a table inside table {n} (written as text in its cell)"),
                                inner.clone(),
                            );
                            texts.push(inner);
                        }
                        _ => {}
                    }
                }
                let text = texts.into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
                if continued {
                    self.report(
                        format!("merged cells in table {n}, row {} (written as an empty cell)", r + 1),
                        text.clone(),
                    );
                    row.push(String::new());
                } else if r == 0 && span > 1 {
                    // A header merged over several columns heads each of them: never an empty
                    // column header in the CSV.
                    let first = row.len() + 1;
                    self.report(
                        format!(
                            "a header cell merged over columns {first}–{} of table {n}, row 1 (its text written as the header of each: give each column its own header in Word)",
                            first + span.min(64) - 1
                        ),
                        text.clone(),
                    );
                    for _ in 1..span.min(64) {
                        row.push(text.clone());
                    }
                    row.push(text);
                    continue;
                } else {
                    if span > 1 {
                        self.report(
                            format!(
                                "merged cells in table {n}, row {} (written as the cell and {} empty ones)",
                                r + 1,
                                span - 1
                            ),
                            text.clone(),
                        );
                    }
                    row.push(text);
                }
                for _ in 1..span.min(64) {
                    row.push(String::new());
                }
            }
            rows.push(row);
        }
        self.in_table = false;
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            // No table is written: a title taken is a paragraph again.
            self.out.untitled.retain(|(m, _)| *m != n);
            if let Some(at) = self.out.titled.iter().position(|(m, ..)| *m == n) {
                let (_, _, title) = self.out.titled.remove(at);
                self.blocks.push(Block::Text(title));
            }
            self.flush_notes();
            return;
        }
        for row in &mut rows {
            row.resize(width, String::new());
        }
        // Every column but the labels' has a header: an empty one would print as none.
        if let Some(c) = (1..width).find(|c| rows[0][*c].trim().is_empty())
            && self.refused.is_none()
        {
            self.refused = Some(format!(
                "table {n}, row 1, column {}: expected a header for each column, found an empty cell: write the column's header in Word (split a merged cell first) and import again",
                c + 1
            ));
        }
        let mut writer =
            csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        for row in &rows {
            // A write into memory cannot fail but by a bug; the row is then left out, reported.
            if writer.write_record(row).is_err() {
                self.report(format!("a row of table {n} that could not be written"), row.join(" "));
            }
        }
        let csv = writer.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        // A column is numbers when a cell below the header looks like one (starts with a
        // digit or a sign): the check then holds it to the edition's Norwegian style.
        let columns: Vec<&'static str> = (0..width)
            .map(|c| if rows.iter().skip(1).any(|row| looks_like_number(&row[c])) { "number" } else { "text" })
            .collect();
        let default: Vec<&str> = (0..width).map(|c| if c == 0 { "text" } else { "number" }).collect();
        self.out.tables.push((file.clone(), csv));
        let columns = (columns != default).then_some(columns);
        self.blocks.push(Block::Table { file, title, source: String::new(), columns });
        self.flush_notes();
    }

    /// The chapter's text from its blocks: headings' levels mapped to `##` and `###`.
    fn finish(mut self) -> Chapter {
        let mut levels: Vec<u8> =
            self.blocks.iter().filter_map(|b| if let Block::Heading(l, _) = b { Some(*l) } else { None }).collect();
        levels.sort_unstable();
        levels.dedup();
        let mut text = String::new();
        let blocks = std::mem::take(&mut self.blocks);
        let mut previous_item = false;
        for block in blocks {
            let item = matches!(block, Block::Item(_));
            if !text.is_empty() {
                text.push_str(if item && previous_item { "\n" } else { "\n\n" });
            }
            previous_item = item;
            match block {
                Block::Heading(level, title) => {
                    let rank = levels.iter().position(|l| *l == level).unwrap_or(0);
                    if rank > 1 {
                        self.report(
                            format!("a heading of level {level} (written as ###, the chapter's second level)"),
                            title.clone(),
                        );
                    }
                    text.push_str(if rank == 0 { "## " } else { "### " });
                    text.push_str(&title);
                }
                Block::Text(line) | Block::Caption(line) => {
                    self.check_markup(&line);
                    text.push_str(&line);
                }
                Block::Item(line) => {
                    self.check_markup(&line);
                    text.push_str("- ");
                    text.push_str(&line);
                }
                Block::Quote(line) => {
                    text.push_str("> ");
                    text.push_str(&line);
                }
                Block::Table { file, title, source, columns } => {
                    // A title or source the document does not give is left out, so `rapport
                    // check` lists it as left to do (never printed as an empty one unasked).
                    text.push_str(&format!("::: table\nfile = {}\n", toml_text(&file)));
                    if !title.is_empty() {
                        text.push_str(&format!("title = {}\n", toml_text(&title)));
                    }
                    if !source.is_empty() {
                        text.push_str(&format!("source = {}\n", toml_text(&source)));
                    }
                    if let Some(columns) = columns {
                        let list: Vec<String> = columns.iter().map(|c| toml_text(c)).collect();
                        text.push_str(&format!("columns = [{}]\n", list.join(", ")));
                    }
                    text.push_str(":::");
                }
                Block::Photo { file, alt, note, credit } => {
                    text.push_str("::: photo\n");
                    if let Some(file) = file {
                        text.push_str(&format!("file = {}\n", toml_text(&file)));
                    }
                    if let Some(alt) = alt {
                        text.push_str(&format!("alt = {}\n", toml_text(&alt)));
                    }
                    if let Some(credit) = credit {
                        text.push_str(&format!("credit = {}\n", toml_text(&credit)));
                    }
                    if !note.is_empty() {
                        text.push_str(&note);
                        text.push('\n');
                    }
                    text.push_str(":::");
                }
            }
        }
        text.push('\n');
        self.out.text = text;
        self.out
    }

    /// Reports a paragraph the chapter would read as markup it does not mean.
    fn check_markup(&mut self, line: &str) {
        let plain = line.replace("**", "");
        let starts = ["- ", "#", ">", ":::", "→"].iter().any(|m| plain.starts_with(m));
        if starts || plain.contains("[[") || plain.contains("](#") {
            self.report("text the chapter reads as markup (check it)", plain);
        }
    }
}

/// The text of what is reported, whole up to 400 characters (a footnote or comment left out
/// is content staff must see to place it: cut at 40, «Tall fra Miljødirektoratets
/// klimagassreg…» lost its end), control characters escaped as in every message.
fn reported_text(text: &str) -> String {
    const MOST: usize = 400;
    let mut out: String = text
        .chars()
        .take(MOST)
        .flat_map(|c| if c.is_control() { c.escape_debug().collect::<Vec<_>>() } else { vec![c] })
        .collect();
    if text.chars().count() > MOST {
        out.push('…');
    }
    out
}

/// Runs as inline text: bold as `**…**`, its spaces outside the marks.
fn inline(runs: &[(String, bool, bool)]) -> String {
    let mut out = String::new();
    for (text, bold, _) in runs {
        let text: String = text.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).collect();
        let core = text.trim();
        if *bold && !core.is_empty() {
            let lead = &text[..text.len() - text.trim_start().len()];
            let tail = &text[text.trim_end().len()..];
            out.push_str(&format!("{lead}**{core}**{tail}"));
        } else {
            out.push_str(&text);
        }
    }
    squeeze(&out)
}

/// Whether a paragraph (as inline text) reads as a table's title: short, no full stop or colon
/// at its end, and either all in capitals (four letters or more) or all in bold.
fn looks_like_title(line: &str) -> bool {
    let plain = line.replace("**", "");
    let plain = plain.trim();
    if plain.is_empty() || plain.chars().count() > 150 || plain.ends_with(['.', ':', '!', '?']) {
        return false;
    }
    let letters: Vec<char> = plain.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
    let bold = line.starts_with("**") && line.ends_with("**") && line.matches("**").count() == 2;
    capitals || bold
}

/// Whether a cell looks like a number: a digit first, or a sign before one.
fn looks_like_number(cell: &str) -> bool {
    let mut chars = cell.trim().chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('-' | '−' | '+') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// A TOML basic string.
fn toml_text(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Bold runs keep their spaces outside the marks, and runs of spaces are one.
    #[test]
    fn bold_runs_keep_spaces_outside_the_marks() {
        let runs = vec![
            ("Gi ".to_string(), false, false),
            ("gode ".to_string(), true, false),
            ("tjenester".to_string(), false, false),
        ];
        assert_eq!(inline(&runs), "Gi **gode** tjenester");
    }

    // A relationship's target is resolved against its part's folder.
    #[test]
    fn targets_resolve_against_the_folder() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
    }
}
