//! Issue 32: the project runs where it is cloned. The CI recipes' edition steps pass on a
//! project whose final editions are sound and fail when one is broken; every relative link of
//! the README and the user guide resolves; a missing tool names the command that installs it.

use std::fs;
use std::path::{Path, PathBuf};

use rapport::inputs::paths::files_below;

use crate::common::{copy_dir, fixture_project, rapport, replace, root};

/// The `rapport …` lines of a CI recipe in `docs/ci/`, in order, as argument lists.
fn edition_steps(recipe: &str) -> Vec<Vec<String>> {
    let text = fs::read_to_string(root().join("docs/ci").join(recipe)).expect("the recipe");
    text.lines()
        .map(|line| line.trim().trim_start_matches("- ").trim_start_matches("run: ").trim())
        .filter_map(|line| line.strip_prefix("rapport "))
        .map(|args| args.split_whitespace().map(String::from).collect())
        .collect()
}

/// Runs every step in `project`, returning the first failing one with its exit code and output.
fn run_steps(project: &Path, steps: &[Vec<String>]) -> Result<(), String> {
    for step in steps {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        let (code, _, stderr) = rapport(project, &args);
        if code != 0 {
            return Err(format!("`rapport {}` exited {code}: {stderr}", step.join(" ")));
        }
    }
    Ok(())
}

// Both recipes run the same edition steps: check every final edition, build, archive all.
#[test]
fn the_recipes_run_the_same_edition_steps() {
    let github = edition_steps("github-actions.yml");
    assert_eq!(github, edition_steps("gitlab-ci.yml"), "the two recipes differ");
    let lines: Vec<String> = github.iter().map(|step| step.join(" ")).collect();
    assert_eq!(lines, ["check --all", "build", "archive --all"]);
}

// The recipe's edition steps are green on sound final editions beside a broken draft (skipped
// by name), and red, naming the edition, when one final edition is broken.
#[test]
fn the_recipe_skips_drafts_and_fails_on_a_broken_final_edition() {
    let steps = edition_steps("github-actions.yml");
    let project = fixture_project();
    let data = project.path().join("data");
    // A draft whose table is broken: the pipeline must not turn red for it.
    copy_dir(&data.join("mini"), &data.join("utkast"));
    let draft = data.join("utkast/edition.toml");
    replace(&draft, "id = \"mini\"", "id = \"utkast\"");
    replace(&draft, "output = \"testrapport\"", "output = \"utkast\"");
    replace(&draft, "status = \"final\"", "status = \"draft\"");
    fs::write(data.join("utkast/key-figures/en.csv"), "ikke,en,tabell\n\"\n").unwrap();
    run_steps(project.path(), &steps).unwrap_or_else(|err| panic!("{err}"));
    let (_, stdout, _) = rapport(project.path(), &["check", "--all"]);
    assert!(stdout.contains("skipped utkast: a draft is not checked by --all"), "{stdout}");
    assert!(stdout.contains("ok: 2 final edition(s) checked, no errors"), "{stdout}");
    assert!(project.path().join("out/archive/mini/manifest.json").is_file(), "archived");
    assert!(!project.path().join("out/archive/utkast").exists(), "a draft is not archived");
    // One final edition broken: the first step fails and says which.
    fs::write(data.join("mini2/key-figures/to.csv"), "ikke,en,tabell\n\"\n").unwrap();
    let err = run_steps(project.path(), &steps).expect_err("a broken final edition fails the pipeline");
    assert!(err.starts_with("`rapport check --all` exited 1"), "{err}");
    assert!(err.contains("1 of 2 final edition(s) failed the check: mini2"), "{err}");
}

/// README.md, data/README.md and every Markdown file under docs/.
fn documents() -> Vec<PathBuf> {
    let mut found = vec![root().join("README.md"), root().join("data/README.md")];
    found.extend(
        files_below(&root().join("docs")).into_iter().filter(|path| path.extension().is_some_and(|ext| ext == "md")),
    );
    found
}

/// The targets of a Markdown text's inline links and images, outside code blocks and spans.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Code spans hold examples, not links.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            targets.push(rest[..end].split_whitespace().next().unwrap_or_default().to_string());
            rest = &rest[end..];
        }
    }
    targets
}

// Every relative link and image of the README and the user guide points at a file that exists.
#[test]
fn every_relative_link_in_the_docs_resolves() {
    let documents = documents();
    assert!(documents.len() > 3, "the user guide is in docs/: {documents:?}");
    let mut broken = Vec::new();
    for doc in &documents {
        let text = fs::read_to_string(doc).unwrap();
        for target in link_targets(&text) {
            let path = target.split('#').next().unwrap_or_default();
            if path.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !doc.parent().unwrap().join(path).exists() {
                broken.push(format!("{}: {target}", doc.strip_prefix(root()).unwrap().display()));
            }
        }
    }
    assert!(broken.is_empty(), "links to nothing:\n{}", broken.join("\n"));
}

// The link check finds a broken link (it could fail).
#[test]
fn the_link_check_sees_links_and_skips_code() {
    let text =
        "See [the guide](docs/guide.md#data) and ![a spread](img.png).\n`[not](a-link)`\n```\n[nor](this)\n```\n";
    assert_eq!(link_targets(text), ["docs/guide.md#data", "img.png"]);
}

// A test whose tool is missing fails with one line naming the command that installs it.
#[test]
#[should_panic(expected = "`rapport-no-such-tool` is not installed: run `cargo xtask setup`")]
fn a_missing_tool_names_the_install_command() {
    crate::common::tool("rapport-no-such-tool");
}

// The README stays a page a newcomer reads in two minutes.
#[test]
fn the_readme_is_short() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.lines().count() < 150, "README.md has {} lines", readme.lines().count());
    assert!(readme.contains("cargo xtask test"), "the README names the test command");
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(ci.lines().any(|line| line.trim() == "cargo xtask test"), ".ci/run calls the README's test command");
}

// No test, example or script of the repository reads the developers' `shared/` folder.
#[test]
fn nothing_reads_outside_the_repository() {
    // Spelt in pieces, so that this file does not name them itself.
    let (sibling, variable) = (["..", "/shared"].concat(), ["RAPPORT", "_SHARED"].concat());
    let mut offenders = Vec::new();
    for dir in ["tests/suite", "examples", "src", "xtask", ".ci", "docs"] {
        for file in files_below(&root().join(dir)) {
            let text = fs::read_to_string(&file).unwrap_or_default();
            if text.contains(&sibling) || text.contains(&variable) {
                offenders.push(file.display().to_string());
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
