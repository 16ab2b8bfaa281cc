//! The contract between Rust and the layouts (src/model.rs): the layouts read only fields the
//! model has.

use std::collections::BTreeSet;

use rapport::session::Session;
use serde_json::Value;

/// Every object key in a JSON value.
fn keys(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                out.insert(key.clone());
                keys(inner, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys(item, out)),
        _ => {}
    }
}

/// Typst methods and fields of built-in types the layouts call (`.len()`, `.at(…)`, `.x`).
const TYPST: &[&str] = &[
    "abs",
    "all",
    // pdf.artifact, pdf.header-cell, place.flush
    "artifact",
    "header-cell",
    "flush",
    // html.elem, html.frame, and the keys of /web.json: the web edition
    "elem",
    "frame",
    "data-dir",
    "pdfs",
    "archival",
    // file names the web edition writes (`style.css`, `Inter-Regular.otf`)
    "css",
    "otf",
    "any",
    "at",
    "ceil",
    "clusters",
    "contains",
    "cos",
    "darken",
    "dedup",
    "display",
    "ends-with",
    "enumerate",
    "even",
    "fields",
    "filter",
    "find",
    "first",
    "flatten",
    "floor",
    "fold",
    "func",
    "has",
    "insert",
    "join",
    "keys",
    "last",
    "len",
    "lighten",
    "location",
    "log",
    "map",
    "max",
    "min",
    "odd",
    "page",
    "pairs",
    "pos",
    "position",
    "pow",
    "push",
    "rem",
    "replace",
    "rev",
    "round",
    "sin",
    "slice",
    "sorted",
    "split",
    "starts-with",
    "sum",
    "to-dict",
    "pt",
    // length.mm(): the spine a title needs, told to rapport in millimetres
    "mm",
    // length.to-absolute(): an em spacing measured against the room left (sdg-goals.typ)
    "to-absolute",
    "captures",
    "to-hex",
    "transparentize",
    "trim",
    "values",
    "where",
    "x",
    "y",
    "width",
    "height",
    "zip",
    "get",
    "update",
    "final",
    "step",
    "lower",
    "upper",
    "remove",
    "with",
    "children",
    "body",
    "text",
    "value",
    "match",
    "matches",
    "product",
    "chunks",
    "windows",
    "intersperse",
    "saturate",
    "desaturate",
    "mix",
    "components",
    "cell",
    "element",
    "move",
    "line",
    "cubic",
    "quad",
    "close",
    "header",
    "footer",
    "hline",
    "vline",
    "attach",
    "before",
    "after",
];

/// The names the layouts read after a dot or with `.at("…")`, and the names they define as
/// dictionary keys or named arguments (`name:`), from every `.typ` file under `layout/`.
fn layout_names() -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut read, mut defined) = (BTreeSet::new(), BTreeSet::new());
    for file in rapport::files_below(&crate::common::root().join("layout")) {
        if file.extension().is_none_or(|e| e != "typ") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Inside a raw block (```…```, a style sheet) nothing is a field.
        let mut raw = false;
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let fences = line.matches("```").count();
            if raw || fences > 0 {
                raw ^= fences % 2 == 1;
                continue;
            }
            let code = line.split(" //").next().unwrap_or(line);
            let bytes: Vec<char> = code.chars().collect();
            // Which characters lie inside a string literal (an address or a file name is no field).
            let mut quoted = vec![false; bytes.len()];
            let mut inside = false;
            for (i, c) in bytes.iter().enumerate() {
                if *c == '"' && (i == 0 || bytes[i - 1] != '\\') {
                    inside = !inside;
                }
                quoted[i] = inside;
            }
            let name_at = |i: usize| -> String {
                bytes[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '-' || **c == '_').collect()
            };
            for i in 0..bytes.len() {
                // `.name` after an identifier or a closing bracket (not a number like `0.5`).
                if bytes[i] == '.'
                    && i > 0
                    && !quoted[i]
                    && (bytes[i - 1].is_ascii_alphabetic() || matches!(bytes[i - 1], ')' | ']' | '_'))
                {
                    let name = name_at(i + 1);
                    if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                        read.insert(name);
                    }
                }
                if code[code.char_indices().nth(i).map_or(0, |(b, _)| b)..].starts_with(".at(\"") {
                    read.insert(name_at(i + 5));
                }
                if bytes[i] == ':' && i > 0 {
                    let start =
                        (0..i).rev().take_while(|&j| bytes[j].is_ascii_alphanumeric() || bytes[j] == '-').last();
                    if let Some(start) = start {
                        defined.insert(bytes[start..i].iter().collect());
                    }
                }
                if bytes[i] == '"' {
                    defined.insert(name_at(i + 1));
                }
            }
        }
    }
    (read, defined)
}

// Every field the layouts read exists in the model (or is a Typst method, a theme or strings
// key, or a key the layouts define themselves): a renamed model field fails here, not in print.
#[test]
fn layouts_read_only_fields_the_model_has() {
    let root = crate::common::root();
    let session = Session::open(&root, crate::common::EDITION).expect("the edition opens");
    let mut model = BTreeSet::new();
    keys(&serde_json::to_value(&session.edition.model).unwrap(), &mut model);
    let (read, defined) = layout_names();
    let unknown: Vec<&String> = read
        .iter()
        .filter(|name| !model.contains(*name) && !defined.contains(*name) && !TYPST.contains(&name.as_str()))
        .filter(|name| !name.ends_with("typ") && !name.ends_with("json"))
        .collect();
    assert!(unknown.is_empty(), "the layouts read fields that the model does not have: {unknown:?}");
    // And the test sees the model: the fields every chapter has are read.
    for field in ["slug", "title", "intro", "body", "years", "cover-goals", "indicators", "status"] {
        assert!(model.contains(field), "the model lacks `{field}`");
    }
}

// The contract is Typst's to enforce as well: the model with one field renamed (as a Rust
// rename without the layouts' would serve it) does not compile.
#[test]
fn a_renamed_model_field_breaks_the_layouts() {
    let root = crate::common::root();
    let mut session = Session::open(&root, crate::common::EDITION).expect("the edition opens");
    let json = serde_json::to_string(&session.edition.model).unwrap();
    for (field, renamed) in [("\"cover-goals\":", "\"cover-goal\":"), ("\"slug\":", "\"id-slug\":")] {
        assert!(json.contains(field), "the model has {field}");
        let model = json.replace(field, renamed).into_bytes();
        let maps = session.edition.generated.clone();
        let files =
            std::iter::once((rapport::world::MODEL, model)).chain(maps.iter().map(|(p, b)| (p.as_str(), b.clone())));
        session.world.set_virtual(files);
        assert!(session.world.compile().output.is_err(), "the layouts compile with {field} renamed");
    }
}
