//! The contract between Rust and the layouts (src/model.rs): the layouts read only fields the
//! model has.

use std::collections::BTreeSet;

use rapport::typeset::session::Session;
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
    "font-licences",
    "copyright",
    "licence",
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
/// dictionary keys or named arguments (`name:` or `"name":`), from every `.typ` file under
/// `layout/`.
fn layout_names() -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut read, mut defined) = (BTreeSet::new(), BTreeSet::new());
    for file in rapport::inputs::paths::files_below(&crate::common::root().join("layout")) {
        if file.extension().is_some_and(|e| e == "typ") {
            names_in(&std::fs::read_to_string(&file).unwrap(), &mut read, &mut defined);
        }
    }
    (read, defined)
}

/// The names one layout's `text` reads and defines (see [`layout_names`]). A string literal
/// defines a name only as a dictionary key: `.at("slug")` reads `slug`, it does not define it.
fn names_in(text: &str, read: &mut BTreeSet<String>, defined: &mut BTreeSet<String>) {
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
            // `name:` outside a string (a key or a named argument; «Kilde: …» in a string is not).
            if bytes[i] == ':' && i > 0 && !quoted[i] {
                let start = (0..i).rev().take_while(|&j| bytes[j].is_ascii_alphanumeric() || bytes[j] == '-').last();
                if let Some(start) = start {
                    defined.insert(bytes[start..i].iter().collect());
                }
            }
            // `"name":`, a dictionary key written as a string.
            if bytes[i] == '"' && quoted[i] {
                let name = name_at(i + 1);
                let end = i + 1 + name.chars().count();
                if !name.is_empty() && bytes.get(end) == Some(&'"') && bytes.get(end + 1) == Some(&':') {
                    defined.insert(name);
                }
            }
        }
    }
}

/// The names in `read` that are neither in `model`, nor defined by the layouts, nor Typst's.
fn unknown<'a>(read: &'a BTreeSet<String>, defined: &BTreeSet<String>, model: &BTreeSet<String>) -> Vec<&'a String> {
    read.iter()
        .filter(|name| !model.contains(*name) && !defined.contains(*name) && !TYPST.contains(&name.as_str()))
        .filter(|name| !name.ends_with("typ") && !name.ends_with("json"))
        .collect()
}

// Every field the layouts read exists in the model (or is a Typst method, a theme or strings
// key, or a key the layouts define themselves): a renamed model field fails here, not in print.
#[test]
fn layouts_read_only_fields_the_model_has() {
    let root = crate::common::root();
    let session = Session::open(&root, crate::common::EDITION).expect("the edition opens");
    let mut model = BTreeSet::new();
    keys(&serde_json::to_value(&session.model).unwrap(), &mut model);
    // And the fields the model writes only when set (`skip_serializing_if`), by their
    // kebab-case names, from the model's own structs.
    let source = std::fs::read_to_string(root.join("src/model.rs")).unwrap();
    model.extend(source.lines().filter_map(|l| {
        let field = l.trim().strip_prefix("pub ")?.split_once(':')?.0;
        field.chars().all(|c| c.is_ascii_lowercase() || c == '_').then(|| field.replace('_', "-"))
    }));
    let (read, defined) = layout_names();
    let unknown = unknown(&read, &defined, &model);
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
    let json = serde_json::to_string(&session.model).unwrap();
    for (field, renamed) in [("\"cover-goals\":", "\"cover-goal\":"), ("\"slug\":", "\"id-slug\":")] {
        assert!(json.contains(field), "the model has {field}");
        let model = json.replace(field, renamed).into_bytes();
        let maps = session.edition.generated.clone();
        let files = std::iter::once((rapport::typeset::world::MODEL, model))
            .chain(maps.iter().map(|(p, b)| (p.as_str(), b.clone())));
        session.world.set_virtual(files);
        assert!(session.world.compile().output.is_err(), "the layouts compile with {field} renamed");
    }
}

// A layout reading a field no one has is found, by a dot or by `.at("…")`, though the name
// is also written in a string or in running text.
#[test]
fn a_read_of_a_missing_field_is_found() {
    let layout = "#let x = chapter.at(\"titel\") + chapter.undertittel\n#let note = \"titel, undertittel: er ny\"\n";
    let (mut read, mut defined) = (BTreeSet::new(), BTreeSet::new());
    names_in(layout, &mut read, &mut defined);
    let model = BTreeSet::from(["title".to_string()]);
    assert_eq!(unknown(&read, &defined, &model), ["titel", "undertittel"]);
    // A dictionary key the layout writes itself, bare or quoted, is a definition.
    names_in("#let d = (titel: 1, \"undertittel\": 2)\n", &mut read, &mut defined);
    assert!(unknown(&read, &defined, &model).is_empty());
}

/// The values the number formats are held to: signs, zeros, halves, grouping, units.
const NUMBERS: &[(f64, u8, Option<&str>, bool)] = &[
    (0.0, 0, None, false),
    (-0.0, 1, None, false),
    (-0.04, 1, Some("%"), false),
    (15.1, 1, Some("%"), false),
    (-0.7, 1, Some("%"), false),
    (2524.0, 0, None, false),
    (2524.0, 0, None, true),
    (56693.0, 0, None, false),
    (1234567.0, 0, Some("kr"), false),
    (-12345.678, 2, None, false),
    (12.5, 0, None, false),
    (-12.5, 0, Some("%"), false),
    (0.125, 2, None, false),
    (0.145, 2, None, false),
    (1.005, 2, None, false),
    (0.145 * 100.0, 0, None, false),
    (2.675, 2, Some("mill. kr"), false),
    (999.95, 1, None, false),
    (9999.5, 0, None, false),
    (0.000123, 4, None, false),
    (7.0, 3, Some("m²"), false),
    (100000.0, 0, None, false),
];

// The layouts' one number format (layout/numbers.typ) prints every value of a table as Rust's
// (src/inputs/value.rs) does, so a chart's axis and the model's numbers cannot drift apart.
#[test]
fn the_layouts_format_numbers_as_rust_does() {
    let root = crate::common::root();
    let mut session = Session::open(&root, crate::common::EDITION).expect("the edition opens");
    let calls: String = NUMBERS
        .iter()
        .map(|(value, decimals, unit, group)| {
            let unit = unit.map_or("none".to_string(), |u| format!("{u:?}"));
            format!("format-number({value:?}, decimals: {decimals}, unit: {unit}, group-four: {group}, lang: \"nb\"),")
        })
        .collect();
    let source = format!("#import \"/layout/numbers.typ\": format-number\n#metadata(({calls})) <numbers>\n");
    let values = rapport::typeset::theme::evaluate(&mut session.world, std::iter::empty(), &source, "numbers")
        .unwrap_or_else(|errors| panic!("the probe compiles: {errors:?}"));
    let Some(typst::foundations::Value::Array(printed)) = values.into_iter().next() else {
        panic!("the probe has a value")
    };
    assert_eq!(printed.len(), NUMBERS.len());
    let differ: Vec<String> = NUMBERS
        .iter()
        .zip(printed.iter())
        .filter_map(|(&(value, decimals, unit, group), typst)| {
            let rust = rapport::inputs::value::format_number(value, decimals, unit, group);
            let typst = match typst {
                typst::foundations::Value::Str(s) => s.to_string(),
                other => format!("{other:?}"),
            };
            (rust != typst).then(|| format!("{value} ({decimals} decimals): Rust `{rust}`, Typst `{typst}`"))
        })
        .collect();
    assert!(differ.is_empty(), "the two number formats differ:\n{}", differ.join("\n"));
}

// The web edition's file sizes («1,2 kB») are numbers in the one number format: a decimal
// comma, a no-break space before the unit, a decimal only where it is not 0.
#[test]
fn file_sizes_use_the_one_number_format() {
    let root = crate::common::root();
    let mut session = Session::open(&root, crate::common::EDITION).expect("the edition opens");
    let sizes: [(u64, &str); 7] = [
        (830, "830\u{a0}B"),
        (1234, "1,2\u{a0}kB"),
        (2000, "2\u{a0}kB"),
        (12_345, "12,3\u{a0}kB"),
        (999_960, "1000\u{a0}kB"),
        (1_000_000, "1\u{a0}MB"),
        (2_540_000, "2,5\u{a0}MB"),
    ];
    let calls: String = sizes.iter().map(|(n, _)| format!("file-size({n}),")).collect();
    let source = format!("#import \"/layout/numbers.typ\": file-size\n#metadata(({calls})) <sizes>\n");
    let values = rapport::typeset::theme::evaluate(&mut session.world, std::iter::empty(), &source, "sizes")
        .unwrap_or_else(|errors| panic!("the probe compiles: {errors:?}"));
    let Some(typst::foundations::Value::Array(printed)) = values.into_iter().next() else {
        panic!("the probe has a value")
    };
    let printed: Vec<String> = printed.iter().map(|v| v.clone().cast::<String>().unwrap_or_default()).collect();
    let expected: Vec<&str> = sizes.iter().map(|(_, s)| *s).collect();
    assert_eq!(printed, expected);
}
