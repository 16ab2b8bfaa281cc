//! The shape of the code: only `cmd/` writes to the terminal, the modules form no cycle, and
//! the stage folders hold their modules.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::root;

/// Every Rust file under `src/`, with its path relative to `src/` and its code without
/// line comments.
fn sources() -> Vec<(String, String)> {
    let src = root().join("src");
    rapport::files_below(&src)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| {
            let name = f.strip_prefix(&src).unwrap().display().to_string();
            let text = std::fs::read_to_string(&f).unwrap();
            let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect();
            (name, code.join("\n"))
        })
        .collect()
}

// The library returns diagnostics and reports; only the commands print them.
#[test]
fn only_cmd_writes_to_the_terminal() {
    let writes = ["println!", "eprintln!", "print!(", "eprint!(", "dbg!", "io::stderr", "io::stdout", "stderr("];
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(name, _)| !name.starts_with("cmd/") && name != "main.rs")
        .filter_map(|(name, code)| writes.iter().find(|w| code.contains(*w)).map(|w| format!("{name}: {w}")))
        .collect();
    assert!(offenders.is_empty(), "only cmd/ may write to the terminal: {offenders:?}");
    // The check sees what it looks for.
    assert!(sources().iter().any(|(name, code)| name.starts_with("cmd/") && code.contains("io::stdout")));
}

// Issue 31: standard output is written in one place (`cmd::print_stdout`, which escapes
// control characters), never by `println!` in a command.
#[test]
fn stdout_is_written_in_one_place() {
    let writes = ["println!", "print!(", "io::stdout", "eprintln!", "eprint!("];
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(name, _)| name.starts_with("cmd/") && name != "cmd/mod.rs")
        .filter_map(|(name, code)| writes.iter().find(|w| code.contains(*w)).map(|w| format!("{name}: {w}")))
        .collect();
    assert!(offenders.is_empty(), "commands print through cmd::say and cmd::print_stdout: {offenders:?}");
}

/// The folders that group modules by stage; their modules are re-exported at the crate's
/// root, so `crate::table` and `crate::inputs::table` name the same module.
const STAGES: [&str; 4] = ["inputs", "typeset", "outputs", "checks"];

/// The module a path inside `src/` or after `crate::` names: its first component, or the
/// second when the first is a stage folder (`inputs/edition/loader.rs` → `edition`).
fn module_of<'a>(mut parts: impl Iterator<Item = &'a str>) -> Option<String> {
    let first = parts.next()?.trim_end_matches(".rs");
    let module = if STAGES.contains(&first) { parts.next()?.trim_end_matches(".rs") } else { first };
    Some(module.to_string())
}

// The stage folders hold what the README says they hold.
#[test]
fn stages_hold_their_modules() {
    let src = root().join("src");
    for (stage, modules) in [
        ("inputs", &["edition", "text", "blocks", "table", "value", "keyfigures", "corrections", "paths"][..]),
        ("typeset", &["world", "session", "introspect", "theme"]),
        ("outputs", &["print", "archive", "files"]),
        ("checks", &["lint", "preflight", "fonts", "assets"]),
    ] {
        for module in modules {
            let here = src.join(stage);
            assert!(
                here.join(format!("{module}.rs")).is_file() || here.join(module).is_dir(),
                "src/{stage}/ lacks {module}"
            );
        }
    }
}

// No two modules import each other, directly or through others.
#[test]
fn modules_form_no_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, code) in sources() {
        let Some(module) = module_of(name.split('/')) else { continue };
        if module == "lib" || module == "main" || STAGES.contains(&module.as_str()) {
            continue;
        }
        let uses = code.match_indices("crate::").filter_map(|(i, _)| {
            let path: String =
                code[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            module_of(path.split("::"))
        });
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(uses.filter(|u| *u != module));
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for edges in graph.values_mut() {
        edges.retain(|m| modules.contains(m));
    }
    assert!(
        graph["cmd"].contains("build") && graph["session"].contains("world"),
        "the graph sees the imports: {graph:?}"
    );
    // A module reaches itself through its imports: a cycle.
    for start in &modules {
        let (mut seen, mut todo) = (BTreeSet::new(), vec![start.clone()]);
        while let Some(module) = todo.pop() {
            for next in &graph[&module] {
                assert!(next != start, "an import cycle through `{start}` and `{module}`: {graph:?}");
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
    }
}
