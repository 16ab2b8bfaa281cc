//! The shape of the code: only `cmd/` writes to the terminal, the modules and the files form
//! no cycle, the stages import only earlier stages, and the stage folders hold their modules.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::root;

/// Every Rust file under `src/`, with its path relative to `src/` and its code without
/// line comments.
fn sources() -> Vec<(String, String)> {
    let src = root().join("src");
    rapport::inputs::paths::files_below(&src)
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
        .filter(|(name, _)| !name.starts_with("cmd/") && name != "cmd.rs" && name != "main.rs")
        .filter_map(|(name, code)| writes.iter().find(|w| code.contains(*w)).map(|w| format!("{name}: {w}")))
        .collect();
    assert!(offenders.is_empty(), "only cmd/ may write to the terminal: {offenders:?}");
    // The check sees what it looks for.
    assert!(sources().iter().any(|(name, code)| name == "cmd.rs" && code.contains("io::stdout")));
}

// Issue 31: standard output is written in one place (`cmd::print_stdout` in cmd.rs, which
// escapes control characters), never by `println!` in a command.
#[test]
fn stdout_is_written_in_one_place() {
    let writes = ["println!", "print!(", "io::stdout", "eprintln!", "eprint!("];
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(name, _)| name.starts_with("cmd/"))
        .filter_map(|(name, code)| writes.iter().find(|w| code.contains(*w)).map(|w| format!("{name}: {w}")))
        .collect();
    assert!(offenders.is_empty(), "commands print through cmd::say and cmd::print_stdout: {offenders:?}");
}

/// The folders that group modules by stage; a stage's module is named with its stage
/// (`crate::inputs::table`), never re-exported at the crate's root.
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
        (
            "inputs",
            &["edition", "text", "blocks", "table", "value", "keyfigures", "corrections", "paths", "maps", "geo"][..],
        ),
        ("typeset", &["world", "session", "introspect", "pages", "theme", "pdf", "appearance"]),
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

/// The modules at the crate's root that belong to no stage: what every stage shares (the one
/// diagnostic and error types, the message tables, the cache), which imports only its like.
const SHARED: [&str; 4] = ["diag", "error", "lang", "memo"];

/// The modules at the crate's root that run the stages: the one build, the jobs, the command
/// line and its commands. They may import any stage; no stage imports them.
const ORCHESTRATION: [&str; 4] = ["build", "jobs", "cli", "cmd"];

// Every module at the crate's root is a stage, the model, shared or orchestration: a new
// module takes its place in the order, or the order says where it goes.
#[test]
fn every_root_module_has_its_place() {
    let src = root().join("src");
    let mut roots: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".rs").to_string())
        .filter(|m| m != "lib" && m != "main")
        .collect();
    roots.sort();
    roots.dedup();
    let placed = |m: &str| STAGES.contains(&m) || m == "model" || SHARED.contains(&m) || ORCHESTRATION.contains(&m);
    let unplaced: Vec<&String> = roots.iter().filter(|m| !placed(m)).collect();
    assert!(unplaced.is_empty(), "modules at the crate's root with no place in the stage order: {unplaced:?}");
    assert!(roots.len() >= 12 && roots.contains(&"cmd".to_string()), "the test sees the root: {roots:?}");
    // Shared code imports only shared code.
    for (file, code) in sources() {
        let Some(module) = module_of(file.split('/')) else { continue };
        if SHARED.contains(&module.as_str()) {
            let reached: Vec<String> =
                imports(&code).into_iter().filter(|m| *m != module && !SHARED.contains(&m.as_str())).collect();
            assert!(reached.is_empty(), "{file} is shared but imports {reached:?}");
        }
    }
}

/// The stage of a file under `src/`, in the order data flows: inputs (0), the model (1),
/// typesetting (2), then the outputs and the checks (3). Shared code and the orchestration
/// have none.
fn stage_of(module: &str, file: &str) -> Option<(u8, &'static str)> {
    let first = file.split('/').next()?.trim_end_matches(".rs");
    let module_stage = |m: &str| {
        let src = root().join("src");
        STAGES.iter().find(|s| src.join(s).join(format!("{m}.rs")).is_file() || src.join(s).join(m).is_dir()).copied()
    };
    let stage = if STAGES.contains(&first) { Some(first) } else { module_stage(module) };
    match (stage, module) {
        (Some("inputs"), _) => Some((0, "inputs")),
        (_, "model") => Some((1, "model")),
        (Some("typeset"), _) => Some((2, "typeset")),
        (Some("outputs"), _) => Some((3, "outputs")),
        (Some("checks"), _) => Some((3, "checks")),
        _ => None,
    }
}

/// Every module a file imports through `crate::` (by the module [`module_of`] names).
fn imports(code: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .filter_map(|(i, _)| {
            let path: String =
                code[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            module_of(path.split("::"))
        })
        .collect()
}

/// Crossings of the stage order still to be undone, each asserted still present so that a
/// fixed one must leave (none now: issue 35 undid the last).
const KNOWN_CROSSINGS: &[&str] = &[];

// Data flows one way, inputs → model → typeset → outputs: a stage imports no later stage and
// no orchestration (`build`, `jobs`, `cmd`); the checks read PDFs but import no output.
#[test]
fn stages_import_only_earlier_stages() {
    let mut crossings = BTreeSet::new();
    for (file, code) in sources() {
        let Some(module) = module_of(file.split('/')) else { continue };
        let Some((rank, stage)) = stage_of(&module, &file) else { continue };
        for import in imports(&code) {
            let orchestration = ORCHESTRATION.contains(&import.as_str());
            let later =
                stage_of(&import, &import).is_some_and(|(r, s)| r > rank || (stage == "checks" && s == "outputs"));
            if import != module && (orchestration || later) {
                crossings.insert(format!("{file} imports {import}"));
            }
        }
    }
    let known: BTreeSet<String> = KNOWN_CROSSINGS.iter().map(|s| s.to_string()).collect();
    let new: Vec<&String> = crossings.difference(&known).collect();
    assert!(new.is_empty(), "stage order broken (inputs → model → typeset → outputs): {new:?}");
    let undone: Vec<&String> = known.difference(&crossings).collect();
    assert!(undone.is_empty(), "fixed, so take them off KNOWN_CROSSINGS: {undone:?}");
    // The check sees a crossing where there is one.
    assert!(
        stage_of("print", "outputs/print/mod.rs")
            .is_some_and(|(r, _)| r > stage_of("table", "inputs/table.rs").unwrap().0)
    );
}

/// The file a module path names, relative to `src/`: the longest prefix of `path` that is
/// a file (`a/b.rs` or `a/b/mod.rs`).
fn file_of(path: &[String], files: &BTreeSet<String>) -> Option<String> {
    (1..=path.len()).rev().find_map(|n| {
        let stem = path[..n].join("/");
        [format!("{stem}.rs"), format!("{stem}/mod.rs")].into_iter().find(|f| files.contains(f))
    })
}

/// The module path of a file: `inputs/edition/loader.rs` → `[inputs, edition, loader]`.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every path a file's code names from `crate::` or `super::`, with `use` groups
/// (`use super::{a, b::c}`) spelled out, as module paths from the crate's root.
fn named_paths(file: &str, code: &str) -> Vec<Vec<String>> {
    let here = module_path(file);
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(['c', 's']) {
        let at = &rest[i..];
        let starts = (at.starts_with("crate::") || at.starts_with("super::"))
            && !rest[..i].ends_with(|c: char| ident(c) || c == ':');
        if !starts {
            rest = &at[1..];
            continue;
        }
        // The path up to its end, with a `{…}` group taken whole.
        let (mut depth, mut end) = (0, 0);
        for (j, c) in at.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                c if depth == 0 && !(ident(c) || c == ':') => break,
                _ => {}
            }
            end = j + c.len_utf8();
        }
        for path in expand(&at[..end]) {
            let mut parts: Vec<String> =
                path.split("::").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
            let mut base = here.clone();
            if parts.first().is_some_and(|p| p == "crate") {
                parts.remove(0);
                base.clear();
            }
            while parts.first().is_some_and(|p| p == "super") {
                parts.remove(0);
                base.pop();
            }
            base.extend(parts.into_iter().filter(|p| p != "self"));
            out.push(base);
        }
        rest = &at[end.max(1)..];
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else { return vec![path.to_string()] };
    let (head, inner) = (&path[..open], &path[open + 1..path.rfind('}').unwrap_or(path.len())]);
    let (mut items, mut depth, mut from) = (Vec::new(), 0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[from..]);
    items.into_iter().filter(|i| !i.trim().is_empty()).flat_map(|i| expand(&format!("{head}{}", i.trim()))).collect()
}

// No two source files import each other, directly or through others (a module's own parent
// is its namespace, not an import).
#[test]
fn files_form_no_cycle() {
    let sources = sources();
    let files: BTreeSet<String> = sources.iter().map(|(f, _)| f.clone()).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, code) in &sources {
        let ancestors: Vec<String> = {
            let path = module_path(file);
            (0..path.len()).filter_map(|n| file_of(&path[..n.max(1)], &files)).collect()
        };
        let edges = named_paths(file, code)
            .into_iter()
            .filter(|p| !p.is_empty())
            .filter_map(|p| file_of(&p, &files))
            .filter(|to| to != file && !ancestors.contains(to) && to != "lib.rs");
        graph.entry(file.clone()).or_default().extend(edges);
    }
    assert!(graph["typeset/session.rs"].contains("typeset/world.rs"), "the graph sees the imports: {graph:?}");
    let mut cycles = BTreeSet::new();
    for start in graph.keys() {
        let (mut seen, mut todo) = (BTreeSet::new(), vec![(start.clone(), vec![start.clone()])]);
        while let Some((file, trail)) = todo.pop() {
            for next in graph.get(&file).into_iter().flatten() {
                if next == start {
                    let mut cycle = trail.clone();
                    // One name per cycle: from its smallest file.
                    let min = cycle.iter().enumerate().min_by_key(|(_, f)| *f).map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    cycles.insert(cycle.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut trail = trail.clone();
                    trail.push(next.clone());
                    todo.push((next.clone(), trail));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "files importing each other: {cycles:?}");
}

/// The most lines a command's file may have: it parses nothing itself (clap does), calls the
/// library and renders what it returns (mdBook's `build` command is about 30 lines).
const COMMAND_LINES: usize = 80;

// A command is thin: its work is a library job (`jobs/`) or a function of its stage, so
// another front end (a test, a server) can call it. Every file of `cmd/` is a command (what
// they share is cmd.rs; the diagnostics' renderer and `watch --web`'s server are cli/'s).
#[test]
fn commands_are_thin() {
    let src = root().join("src");
    let commands: Vec<String> =
        sources().into_iter().map(|(name, _)| name).filter(|name| name.starts_with("cmd/")).collect();
    assert!(commands.iter().any(|name| name == "cmd/build.rs"), "the test sees the commands");
    let thick: Vec<String> = commands
        .into_iter()
        .filter(|name| std::fs::read_to_string(src.join(name)).unwrap().lines().count() > COMMAND_LINES)
        .collect();
    assert!(thick.is_empty(), "commands over {COMMAND_LINES} lines (move their work into a library job): {thick:?}");
}
