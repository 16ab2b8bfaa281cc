//! The PDF is tagged: headings, tables with header rows, lists, quotes and figures appear
//! in its structure tree (what screen readers and PDF/UA checks read).

use crate::common::report;

/// How many structure elements of each kind `pdfinfo -struct` lists.
fn count(tree: &str, tag: &str) -> usize {
    tree.lines()
        .filter(|l| {
            l.trim_start().trim_end_matches(':') == tag
                || l.trim_start().starts_with(&format!("{tag} "))
                || l.trim() == format!("{tag}:")
        })
        .count()
}

// Chapters are H1, sections H2, tables have header rows, and lists, quotes and figures are tagged.
#[test]
fn tag_tree_shows_the_structure() {
    let out =
        crate::common::tool("pdfinfo").arg("-struct").arg(&report().pdf).output().expect("pdfinfo (poppler-utils)");
    let tree = String::from_utf8_lossy(&out.stdout);
    let chapters = report().chapter_pages.len();
    assert!(count(&tree, "H1") >= chapters, "H1: {} < {chapters} chapters", count(&tree, "H1"));
    assert!(count(&tree, "H2") >= 50, "H2: {}", count(&tree, "H2"));
    assert!(count(&tree, "Table") >= 50, "Table: {}", count(&tree, "Table"));
    // Every table has header cells: a header row, or (a piece of a key-figure box) row headers.
    let tables: Vec<&str> = tree.split(" Table").skip(1).collect();
    let headless = tables.iter().filter(|t| !t.contains("TH")).count();
    assert_eq!(headless, 0, "{headless} of {} tables have no header cell", tables.len());
    assert!(count(&tree, "TH") >= 100, "TH: {}", count(&tree, "TH"));
    assert!(
        count(&tree, "L") >= 30 && count(&tree, "LI") >= 200,
        "lists: L {} LI {}",
        count(&tree, "L"),
        count(&tree, "LI")
    );
    assert!(count(&tree, "Quote") >= 25, "Quote: {}", count(&tree, "Quote"));
    assert!(count(&tree, "Figure") >= 20, "Figure: {}", count(&tree, "Figure"));
}
