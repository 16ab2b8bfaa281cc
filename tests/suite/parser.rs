//! The shapes the chapter-text parser and the table reader produce, and what the layouts get
//! of them (the model's blocks, made from the parsed ones).

use std::path::Path;
use std::sync::Arc;

use rapport::diag::Diagnostics;
use rapport::inputs::table::load_table;
use rapport::inputs::text::{Block, parse_chapter};
use serde_json::{Value, json};

/// The blocks of a chapter text as parsed.
fn parse_tree(text: &str) -> Vec<Block> {
    parse_chapter(Path::new("chapters/x.md"), &Arc::from(text), &mut Diagnostics::default())
}

/// The blocks of a chapter text as the layouts see them (the model's, as JSON; no file
/// loaded), and the problems found.
fn parse(text: &str) -> (Value, String) {
    let mut problems = Diagnostics::default();
    let blocks = parse_chapter(Path::new("chapters/x.md"), &Arc::from(text), &mut problems);
    let model: Vec<rapport::model::Block> = blocks.iter().map(rapport::model::Block::from_parsed).collect();
    (serde_json::to_value(&model).unwrap(), problems.to_string())
}

/// A one-run inline text.
fn plain(text: &str) -> Value {
    json!([{ "text": text }])
}

// Each line kind becomes its block: paragraphs join lines, lists join continued items, a
// blank line parts two lists, a quote keeps its source, highlights and headings stand alone.
#[test]
fn line_kinds_become_blocks() {
    let text = "Første linje\nandre linje.\n\n## Del\n\n- en\n  fortsatt\n- to\n\n- tre\n→ Pil\n> «Sitat\n> går videre»\n> (Kilde 2016)\n### Under\n";
    let (blocks, problems) = parse(text);
    assert_eq!(problems, "");
    assert_eq!(
        blocks,
        json!([
            { "block": "paragraph", "text": plain("Første linje andre linje.") },
            { "block": "heading", "level": 2, "text": plain("Del") },
            { "block": "list", "items": [plain("en fortsatt"), plain("to")] },
            { "block": "list", "items": [plain("tre")] },
            { "block": "highlight", "text": plain("Pil") },
            { "block": "quote", "text": plain("«Sitat går videre»"), "source": "(Kilde 2016)" },
            { "block": "heading", "level": 3, "text": plain("Under") },
        ])
    );
}

// Bold runs and lost-text marks split inline text into runs.
#[test]
fn inline_runs() {
    let (blocks, problems) = parse("Før **fet [[lost-text]] tekst** etter\n");
    assert_eq!(problems, "");
    assert_eq!(
        blocks[0]["text"],
        json!([
            { "text": "Før " },
            { "text": "fet ", "strong": true },
            { "text": "[…]", "strong": true, "lost": true },
            { "text": " tekst", "strong": true },
            { "text": " etter" },
        ])
    );
    let (_, problems) = parse("Åpen **fet\n");
    assert!(problems.contains("chapters/x.md:1:1: expected a closing `**`"), "{problems}");
}

// Fenced blocks: a conclusion holds items; a table block its TOML keys with defaults; a
// key-figure box and a page break have none. A table or key-figure box whose data is not
// loaded reaches the model as a missing block, never as one with `null` data.
#[test]
fn fenced_blocks() {
    let text = "::: conclusion\n- Første\n  punkt\n- Andre\n:::\n::: table\nfile = \"tables/t.csv\"\ntitle = \"TITTEL\"\nsource = \"SSB\"\n:::\n::: key-figures\n:::\n::: pagebreak\n:::\n";
    let (blocks, problems) = parse(text);
    assert_eq!(problems, "");
    assert_eq!(blocks[0], json!({ "block": "conclusion", "items": [plain("Første punkt"), plain("Andre")] }));
    let tree = parse_tree(text);
    let Block::Table { spec, table: None, figure_id: Some(id), .. } = &tree[1] else { panic!("{tree:?}") };
    assert_eq!((spec.file.as_str(), spec.title.as_str(), spec.source.as_str()), ("tables/t.csv", "TITTEL", "SSB"));
    assert_eq!((spec.header_rows, &spec.columns, &spec.note, spec.chart, id.as_str()), (1, &None, &None, None, "t"));
    assert_eq!(
        blocks[1],
        json!({ "block": "missing", "kind": "table", "reason": "the table `tables/t.csv` did not load" })
    );
    assert_eq!(
        blocks[2],
        json!({ "block": "missing", "kind": "key-figures", "reason": "the key figures did not load" })
    );
    assert_eq!(blocks[3], json!({ "block": "pagebreak" }));
}

// A block that is never closed is named at its opening line, and parsing stops there.
#[test]
fn unclosed_block_is_named() {
    let (blocks, problems) = parse("Tekst.\n\n::: table\nfile = \"x.csv\"\n");
    assert_eq!(blocks.as_array().unwrap().len(), 1);
    assert!(problems.contains("chapters/x.md:3:1: expected a closing `:::` for the `::: table` block"), "{problems}");
}

// Two header lines give column groups (colspan) and cells spanning both lines (rowspan); a
// row with only its first cell is a group row; four-digit numbers are grouped in every column.
#[test]
fn table_header_groups_and_spans() {
    let csv =
        "Kommune;Møter;;Saker;\n;2021;2022;2021;2022\nOmråde Nord;;;;\nAsker;505;1 200;3157;80\nBærum;;;12 000;\n";
    let mut problems = Diagnostics::default();
    let table = load_table(Path::new("t.csv"), &Arc::from(csv), 2, None, &Default::default(), &mut problems)
        .expect("the table loads");
    assert_eq!(problems.to_string(), "");
    let json = serde_json::to_value(&table).unwrap();
    assert_eq!(
        json["header"],
        json!([
            [
                { "text": "Kommune", "colspan": 1, "rowspan": 2 },
                { "text": "Møter", "colspan": 2, "rowspan": 1 },
                { "text": "Saker", "colspan": 2, "rowspan": 1 },
            ],
            [
                { "text": "2021", "colspan": 1, "rowspan": 1 },
                { "text": "2022", "colspan": 1, "rowspan": 1 },
                { "text": "2021", "colspan": 1, "rowspan": 1 },
                { "text": "2022", "colspan": 1, "rowspan": 1 },
            ],
        ])
    );
    assert_eq!(json["rows"][0]["group"], json!(true));
    assert_eq!(json["rows"][1]["group"], json!(false));
    let texts: Vec<&str> =
        json["rows"][1]["cells"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    // Every four-digit number of a table is grouped (no-break space), whether or not its
    // column holds a five-digit one, and whether or not it was typed grouped.
    assert_eq!(texts, ["Asker", "505", "1\u{a0}200", "3\u{a0}157", "80"]);
    assert_eq!(
        json["rows"][1]["cells"][1]["value"],
        json!({ "kind": "number", "value": 505.0, "decimals": 0, "unit": null, "text": "505" })
    );
}

// A reference `[words](#id)` names a figure of its chapter: its printed words and id are kept,
// whether the figure comes after it is noted, and the figure carries the id; a bracket that
// is no reference stays text, and an id the chapter does not have is an error at its place.
#[test]
fn references_name_figures_of_their_chapter() {
    let text = "Se [Tabellen til høyre](#t) og [ikke dette] nå.\n\n::: table\nfile = \"tables/t.csv\"\ntitle = \"T\"\nsource = \"S\"\n:::\n";
    let (blocks, problems) = parse(text);
    assert_eq!(problems, "");
    let runs = &blocks[0]["text"];
    assert_eq!(runs[1]["text"], "Tabellen til høyre");
    assert_eq!(runs[1]["refers"]["id"], "t");
    assert_eq!(runs[1]["refers"]["after"], true);
    assert_eq!(runs[2]["text"], " og [ikke dette] nå.");
    let tree = parse_tree(text);
    assert!(matches!(&tree[1], Block::Table { figure_id: Some(id), .. } if id == "t"), "{tree:?}");
    let (_, problems) = parse("Se [Tabellen under](#borte) her.\n");
    assert!(problems.contains("chapters/x.md:1:22: expected the id of a table, chart, figure or map"), "{problems}");
}
