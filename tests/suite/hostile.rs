//! Hostile and faulty inputs (issue 21): every command answers in bounded time and memory
//! with a refusal that names the file, and never reads or writes outside the project.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use crate::common::root;
use crate::no_panics::Random as Rng;

/// How long any command may take on a hostile input.
const TIME_CAP: Duration = Duration::from_secs(20);
/// How much memory (address space) a command may take, in bytes.
const MEMORY_CAP: u64 = 4 << 30;

/// Runs `rapport args… --project project` under [`TIME_CAP`] and [`MEMORY_CAP`]; a hang or
/// an abort fails the test. Returns (exit code, stdout, stderr).
pub fn rapport_capped(project: &Path, args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--as={MEMORY_CAP}"))
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--project")
        .arg(project)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run rapport under prlimit");
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).ok();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for rapport") {
            break status;
        }
        if start.elapsed() > TIME_CAP {
            child.kill().ok();
            child.wait().ok();
            panic!("rapport {args:?} took more than {TIME_CAP:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    let code = status.code().unwrap_or_else(|| panic!("rapport {args:?} was killed ({status}):\n{err}"));
    assert!(!err.contains("memory allocation") && !err.contains("panicked"), "rapport {args:?} aborted:\n{err}");
    (code, out, err)
}

/// A minimal PDF: a catalog, a page tree and pages built by `pages` from the document (which
/// returns the page dictionaries; `Parent` is set unless present).
fn pdf(pages: impl FnOnce(&mut Document) -> Vec<Dictionary>) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let tree = doc.new_object_id();
    let kids: Vec<Object> = pages(&mut doc)
        .into_iter()
        .map(|mut page| {
            if page.get(b"Parent").is_err() {
                page.set("Parent", Object::Reference(tree));
            }
            Object::Reference(doc.add_object(page))
        })
        .collect();
    let count = kids.len() as i64;
    doc.objects.insert(tree, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A4 and the print boxes around it, in points: room for marks, then 3 mm of bleed, then
/// the trim, as preflight asks of a print file.
fn page_box() -> Object {
    rect([0.0, 0.0, 632.0, 879.0])
}
const BLEED: [f64; 4] = [10.0, 10.0, 622.0, 869.0];
const TRIM: [f64; 4] = [18.504, 18.504, 613.496, 860.496];

fn rect(r: [f64; 4]) -> Object {
    Object::Array(r.iter().map(|v| Object::Real(*v as f32)).collect())
}

/// A page with print boxes and `content` (a stream's id).
fn page(content: lopdf::ObjectId, resources: Dictionary) -> Dictionary {
    dictionary! {
        "Type" => "Page", "MediaBox" => page_box(), "BleedBox" => rect(BLEED), "TrimBox" => rect(TRIM),
        "Contents" => content, "Resources" => resources,
    }
}

fn four(doc: &mut Document, make: impl Fn(&mut Document) -> Dictionary) -> Vec<Dictionary> {
    (0..4).map(|_| make(doc)).collect()
}

/// Deflated `data`, `layers` times over.
fn deflate(data: &[u8], layers: usize) -> Vec<u8> {
    let mut bytes = data.to_vec();
    for _ in 0..layers {
        bytes = deflate_repeated(&bytes, 1);
    }
    bytes
}

/// `chunk` repeated `times`, deflated, without holding the whole in memory.
fn deflate_repeated(chunk: &[u8], times: usize) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..times {
        encoder.write_all(chunk).unwrap();
    }
    encoder.finish().unwrap()
}

/// `rapport preflight FILE` on `bytes` answers in time, exit 1, with an error naming `what`.
fn refuses(name: &str, bytes: &[u8], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let (code, out, err) = rapport_capped(&root(), &["preflight", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{name}: expected exit 1, found {code}:\n{out}\n{err}");
    assert!(!out.contains("passes preflight"), "{name} passed:\n{out}");
    assert!(out.contains(what) || err.contains(what), "{name}: expected `{what}`, found:\n{out}\n{err}");
}

// The fixture's pages have the boxes a print file has (trim, 3 mm bleed, room for marks):
// a case is refused for what it breaks, not for its boxes.
#[test]
fn the_fixture_page_has_print_boxes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blank.pdf");
    let blank =
        pdf(|doc| four(doc, |doc| page(doc.add_object(Stream::new(Dictionary::new(), Vec::new())), Dictionary::new())));
    std::fs::write(&file, blank).unwrap();
    let (_, out, err) = rapport_capped(&root(), &["preflight", file.to_str().unwrap()]);
    assert!(out.contains("4 pages"), "preflight read the blank file:\n{out}\n{err}");
    for code in [" boxes ", " bleed ", " trim-size ", " page-count ", " unreadable "] {
        assert!(!out.contains(code), "the blank fixture trips `{}`:\n{out}", code.trim());
    }
}

#[test]
fn preflight_answers_hostile_pdfs_in_bounded_time() {
    // A page tree whose /Parent points to itself.
    refuses(
        "self-parent.pdf",
        &pdf(|doc| {
            four(doc, |doc| {
                let content = doc.add_object(Stream::new(Dictionary::new(), b"0 0 m 1 1 l S".to_vec()));
                let id = doc.new_object_id();
                let mut p = page(content, Dictionary::new());
                p.remove(b"MediaBox");
                p.set("Parent", Object::Reference(id));
                doc.objects.insert(id, Object::Dictionary(p.clone()));
                p
            })
        }),
        "leads back to itself",
    );
    // A form XObject that draws itself, many times over.
    refuses(
        "self-form.pdf",
        &pdf(|doc| {
            let form = doc.new_object_id();
            let draws = "/F Do ".repeat(50);
            let mut stream = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => page_box(),
                "Resources" => dictionary! { "XObject" => dictionary! { "F" => form } } },
                draws.as_bytes().to_vec(),
            );
            stream.allows_compression = false;
            doc.objects.insert(form, Object::Stream(stream));
            four(doc, |doc| {
                let content = doc.add_object(Stream::new(Dictionary::new(), b"/F Do".to_vec()));
                page(content, dictionary! { "XObject" => dictionary! { "F" => form } })
            })
        }),
        "drawing itself",
    );
    // Two forms drawing each other 50 times: a fan-out, not only a cycle.
    refuses(
        "fan-out.pdf",
        &pdf(|doc| {
            let ids: Vec<_> = (0..10).map(|_| doc.new_object_id()).collect();
            for (i, id) in ids.iter().enumerate() {
                let (content, resources) = match ids.get(i + 1) {
                    Some(next) => ("/F Do ".repeat(60), dictionary! { "XObject" => dictionary! { "F" => *next } }),
                    None => ("0 0 m 1 1 l S ".repeat(10), Dictionary::new()),
                };
                let dict = dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => page_box(), "Resources" => resources };
                doc.objects.insert(*id, Object::Stream(Stream::new(dict, content.into_bytes())));
            }
            let first = ids[0];
            four(doc, |doc| {
                let content = doc.add_object(Stream::new(Dictionary::new(), b"/F Do".to_vec()));
                page(content, dictionary! { "XObject" => dictionary! { "F" => first } })
            })
        }),
        "operators",
    );
    // A huge font-width array: ranges over all codes, repeated.
    refuses(
        "widths.pdf",
        &pdf(|doc| {
            let mut w = Vec::new();
            for _ in 0..20_000 {
                w.extend([Object::Integer(0), Object::Integer(2_000_000_000), Object::Integer(500)]);
            }
            let w = doc.add_object(Object::Array(w));
            let fonts: Vec<_> = (0..40)
                .map(|i| {
                    let cid = doc.add_object(dictionary! {
                        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => format!("F{i}"), "W" => w,
                    });
                    doc.add_object(dictionary! {
                        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => format!("F{i}"),
                        "DescendantFonts" => vec![Object::Reference(cid)],
                    })
                })
                .collect();
            let mut font_dict = Dictionary::new();
            let mut shows = String::new();
            for (i, f) in fonts.iter().enumerate() {
                font_dict.set(format!("F{i}"), *f);
                shows.push_str(&format!("BT /F{i} 10 Tf (ab) Tj ET "));
            }
            four(doc, |doc| {
                let content = doc.add_object(Stream::new(Dictionary::new(), shows.clone().into_bytes()));
                page(content, dictionary! { "Font" => font_dict.clone() })
            })
        }),
        "operators to read",
    );
    // Nested Flate: a few KB that decode layer by layer to gigabytes.
    let bomb = deflate(&deflate_repeated(&[b' '; 1 << 16], 1 << 12), 1);
    assert!(bomb.len() < 20_000, "the bomb is {} bytes", bomb.len());
    refuses(
        "flate-bomb.pdf",
        &pdf(|doc| {
            let mut stream = Stream::new(
                dictionary! { "Filter" => vec![Object::Name(b"FlateDecode".to_vec()), Object::Name(b"FlateDecode".to_vec())] },
                bomb.clone(),
            );
            stream.allows_compression = false;
            let content = doc.add_object(stream);
            four(doc, |_| page(content, Dictionary::new()))
        }),
        "decodes to more than",
    );
    // A /Contents array repeating one stream.
    refuses(
        "repeated-contents.pdf",
        &pdf(|doc| {
            let mut stream =
                Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&b"0 0 m ".repeat(1 << 20), 1));
            stream.allows_compression = false;
            let one = doc.add_object(stream);
            let contents: Vec<Object> = (0..2000).map(|_| Object::Reference(one)).collect();
            four(doc, |_| {
                let mut p = page(one, Dictionary::new());
                p.set("Contents", contents.clone());
                p
            })
        }),
        "more than",
    );
    // An image declaring 100 000 × 100 000 pixels.
    refuses(
        "image-bomb.pdf",
        &pdf(|doc| {
            let image = doc.add_object(Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 100_000, "Height" => 100_000,
                "ColorSpace" => "DeviceCMYK", "BitsPerComponent" => 8, "Filter" => "FlateDecode" },
                deflate(&[0; 4096], 1),
            ));
            four(doc, |doc| {
                let content = doc.add_object(Stream::new(Dictionary::new(), b"q 100 0 0 100 0 0 cm /I Do Q".to_vec()));
                page(content, dictionary! { "XObject" => dictionary! { "I" => image } })
            })
        }),
        "100000 × 100000",
    );
}

#[test]
fn preflight_never_passes_a_file_it_could_not_read() {
    let blank = |doc: &mut Document| {
        four(doc, |doc| page(doc.add_object(Stream::new(Dictionary::new(), Vec::new())), Dictionary::new()))
    };
    refuses("no-pages.pdf", &pdf(|_| Vec::new()), "0 pages");
    // A missing /Root.
    let mut doc = Document::load_mem(&pdf(blank)).unwrap();
    let catalog = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.objects.remove(&catalog);
    doc.trailer.remove(b"Root");
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    refuses("no-root.pdf", &bytes, "expected a PDF with a document catalog (/Root)");
    // An encrypted file.
    let mut doc = Document::load_mem(&pdf(blank)).unwrap();
    let encrypt = doc.add_object(dictionary! { "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128 });
    doc.trailer.set("Encrypt", encrypt);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    refuses("encrypted.pdf", &bytes, "expected an unencrypted PDF");
    // Zero-size and absurd page boxes.
    for (name, media) in [("zero-box.pdf", [0, 0, 0, 0]), ("absurd-box.pdf", [0, 0, 2_000_000_000, 842])] {
        refuses(
            name,
            &pdf(|doc| {
                four(doc, |doc| {
                    let mut p = page(doc.add_object(Stream::new(Dictionary::new(), Vec::new())), Dictionary::new());
                    let r = Object::Array(media.iter().map(|v| Object::Integer(*v)).collect());
                    for key in ["MediaBox", "BleedBox", "TrimBox"] {
                        p.set(key, r.clone());
                    }
                    p
                })
            }),
            "pt a side",
        );
    }
    // Content that cannot be decoded.
    refuses(
        "bad-content.pdf",
        &pdf(|doc| {
            four(doc, |doc| {
                let mut stream = Stream::new(dictionary! { "Filter" => "FlateDecode" }, b"not deflate at all".to_vec());
                stream.allows_compression = false;
                page(doc.add_object(stream), Dictionary::new())
            })
        }),
        "readable page content",
    );
    // A corrupt embedded font.
    refuses(
        "bad-font.pdf",
        &pdf(|doc| {
            let program = doc.add_object(Stream::new(Dictionary::new(), b"garbage, not a TrueType font".to_vec()));
            let descriptor =
                doc.add_object(dictionary! { "Type" => "FontDescriptor", "FontName" => "Bad", "FontFile2" => program });
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Bad", "FontDescriptor" => descriptor,
            });
            four(doc, |doc| {
                let content =
                    doc.add_object(Stream::new(Dictionary::new(), b"BT /F 10 Tf 100 100 Td (a) Tj ET".to_vec()));
                page(content, dictionary! { "Font" => dictionary! { "F" => font } })
            })
        }),
        "usable font program",
    );
}

#[cfg(unix)]
#[test]
fn preflight_reads_only_regular_files() {
    let (code, _, err) = rapport_capped(&root(), &["preflight", "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/dev/zero") && err.contains("regular file"), "{err}");
}

/// Every file in `dir`, with its SHA-256, for comparing a folder before and after.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    use sha2::{Digest, Sha256};
    let mut files: Vec<_> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| (e.path(), std::fs::read(e.path()).unwrap())).collect();
    let mut files: Vec<_> = files.drain(..).map(|(p, b)| (p, format!("{:x}", Sha256::digest(b)))).collect();
    files.sort();
    files
}

// A failing archive leaves the last archive as it was, PDF and manifest together; `--all`
// exits non-zero and names the edition that failed.
#[cfg(unix)]
#[test]
fn archive_is_all_or_nothing() {
    let project = crate::common::fixture_project();
    let (code, _, err) = rapport_capped(project.path(), &["archive", "--edition", "mini"]);
    assert_eq!(code, 0, "{err}");
    let dir = project.path().join("out/archive/mini");
    let before = snapshot(&dir);
    assert_eq!(before.len(), 2, "{before:?}");
    // The report changes, and one input cannot be read once the PDF is made.
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::replace(&toml, "title = \"Testrapport\"", "title = \"Endret testrapport\"");
    std::os::unix::fs::symlink("nowhere.csv", project.path().join("data/mini/tables/broken.csv")).unwrap();
    let (code, _, err) = rapport_capped(project.path(), &["archive", "--edition", "mini"]);
    assert_ne!(code, 0, "{err}");
    assert_eq!(snapshot(&dir), before, "a failed archive changed the last one");
    let (code, _, err) = rapport_capped(project.path(), &["archive", "--all"]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("failed to archive: mini") && !err.contains("archive: mini, mini2"), "{err}");
    assert_eq!(snapshot(&dir), before, "a failed archive --all changed the last one");
    // No temporary folder is left beside the archive.
    let left: Vec<_> =
        std::fs::read_dir(project.path().join("out/archive")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().starts_with('.')), "{left:?}");
}

/// A file outside any project, and a link to it at `link`.
#[cfg(unix)]
fn link_outside(outside: &Path, link: &Path, text: &str) {
    let file = outside.join("secret.csv");
    std::fs::write(&file, text).unwrap();
    std::fs::remove_file(link).ok();
    std::os::unix::fs::symlink(&file, link).unwrap();
}

// No command reads or writes outside the project through a link (issue 21), one case each.
#[cfg(unix)]
#[test]
fn no_path_leaves_the_project() {
    let outside = tempfile::tempdir().unwrap();
    let project = crate::common::fixture_project();
    let p = project.path();
    let chapter = p.join("data/mini/chapters/en.md");

    // new-edition: a chapter linked to a file outside is refused, and no half edition is left.
    let kept = std::fs::read(&chapter).unwrap();
    link_outside(outside.path(), &chapter, "HEMMELIG");
    let (code, _, err) = rapport_capped(p, &["new-edition", "neste", "--from", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("chapters/en.md") && err.contains("leads out"), "{err}");
    assert!(!p.join("data/neste").exists());
    assert!(
        std::fs::read_dir(p.join("data")).unwrap().flatten().all(|e| !e.file_name().to_string_lossy().starts_with('.'))
    );

    // archive: a linked file outside is never hashed into the manifest.
    let stray = p.join("data/mini/tables/stray.csv");
    link_outside(outside.path(), &stray, "a;b\n1;2\n");
    std::fs::remove_file(&chapter).unwrap();
    std::fs::write(&chapter, &kept).unwrap();
    let (code, _, err) = rapport_capped(p, &["archive", "--edition", "mini"]);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("tables/stray.csv") && err.contains("leads out"), "{err}");
    assert!(!p.join("out/archive/mini").exists());
    std::fs::remove_file(&stray).unwrap();

    // previous: an edition id, never a path.
    let toml = p.join("data/mini/edition.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replacen("title = ", "previous = \"../../..\"\ntitle = ", 1)).unwrap();
    let (code, _, err) = rapport_capped(p, &["check", "--edition", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("previous") && err.contains("edition.toml"), "{err}");
    std::fs::write(&toml, &text).unwrap();

    // fonts/: a link to a font elsewhere is not loaded.
    std::fs::copy(p.join("fonts/Inter-Light.otf"), outside.path().join("Outside.otf")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("Outside.otf"), p.join("fonts/Outside.otf")).unwrap();
    let (code, out, err) = rapport_capped(p, &["fonts"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Outside.otf") && out.contains("Inter-Light.otf"), "{out}");

    // Two asset links to `.` do not make a command walk forever.
    std::os::unix::fs::symlink(".", p.join("assets/a")).unwrap();
    std::os::unix::fs::symlink(".", p.join("assets/b")).unwrap();

    // out: a link leading outside is refused, not written through.
    std::os::unix::fs::symlink(outside.path(), p.join("out")).unwrap();
    let (code, _, err) = rapport_capped(p, &["build", "--edition", "mini"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("output folder inside the project"), "{err}");
    // `list` keeps its to-do counts in out/.render-cache/: not through the link.
    let (code, _, err) = rapport_capped(p, &["list"]);
    assert_eq!(code, 0, "{err}");
    let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(written.iter().all(|n| n == "secret.csv" || n == "Outside.otf"), "{written:?}");
    std::fs::remove_file(p.join("out")).unwrap();
    let (code, _, err) = rapport_capped(p, &["check", "--edition", "mini"]);
    assert!(code == 0 || code == 1, "{err}");
}

// One stray Windows-1252 byte in a UTF-8 chapter is refused at its line and column, with the
// byte, instead of turning every æøå into mojibake.
#[test]
fn a_stray_byte_in_utf8_is_refused_where_it_is() {
    let project = crate::common::fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    let mut bytes = std::fs::read(&chapter).unwrap();
    // "Brødtekst" is UTF-8 already; a Windows-1252 en dash (0x96) after "Et avsnitt".
    let heading = bytes.windows(13).position(|w| w == b"## Et avsnitt").unwrap() + 13;
    bytes.splice(heading..heading, [b' ', 0x96, b' ', b'x']);
    std::fs::write(&chapter, &bytes).unwrap();
    let (code, _, err) = rapport_capped(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("chapters/en.md") && err.contains("0x96") && err.contains("line 6, column 15"), "{err}");
}

/// The mini edition with a `::: photo` of `file` (written with `bytes`) and `alt`.
fn with_photo(file: &str, bytes: &[u8], alt: Option<&str>) -> tempfile::TempDir {
    let project = crate::common::fixture_project();
    let path = project.path().join("data/mini").join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let alt = alt.map(|a| format!("alt = \"{a}\"\n")).unwrap_or_default();
    let block = format!("\n::: photo\nfile = \"{file}\"\n{alt}credit = \"Ola\"\n:::\n");
    crate::common::append(&project.path().join("data/mini/chapters/en.md"), &block);
    project
}

// Pictures are checked by what their header declares before anything decodes them: a PNG or
// JPEG of 100 000 × 100 000 pixels, an SVG entity bomb, a pipe instead of a file.
#[test]
fn picture_bombs_are_refused_before_decoding() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(100_000u32.to_be_bytes());
    png.extend(100_000u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8];
    jpeg.extend(50_000u16.to_be_bytes());
    jpeg.extend(60_000u16.to_be_bytes());
    jpeg.extend([1, 1, 0x11, 0, 0xFF, 0xD9]);
    let entity = "x".repeat(10_000);
    let svg = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"{entity}\">]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>{}</text></svg>",
        "&a;".repeat(20_000)
    );
    for (file, bytes, what) in [
        ("photos/huge.png", png, "100000 × 100000"),
        ("photos/huge.jpg", jpeg, "60000 × 50000"),
        ("photos/bomb.svg", svg.into_bytes(), "entity"),
    ] {
        let project = with_photo(file, &bytes, Some("Et bilde"));
        for command in ["check", "build"] {
            let (code, _, err) = rapport_capped(project.path(), &[command, "--edition", "mini"]);
            assert_eq!(code, 1, "{command} {file}: {err}");
            assert!(err.contains(file) && err.contains(what), "{command} {file}: {err}");
        }
    }
    #[cfg(unix)]
    {
        let project = with_photo("photos/pipe.png", b"", Some("Et bilde"));
        let pipe = project.path().join("data/mini/photos/pipe.png");
        std::fs::remove_file(&pipe).unwrap();
        assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
        let (code, _, err) = rapport_capped(project.path(), &["check", "--edition", "mini"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("pipe.png") && err.contains("regular file"), "{err}");
    }
}

// `check` finds what `build` would fail on inside the layouts: a photo with a file but no
// `alt`, at its block.
#[test]
fn a_photo_without_alt_is_a_data_error() {
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(4, 4))
        .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let project = with_photo("photos/a.jpg", &jpeg, None);
    let (code, _, err) = rapport_capped(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("chapters/en.md:") && err.contains("`alt`"), "{err}");
}

// Characters no font of the theme has (Arabic, emoji) are data errors at their line in
// `check`, not failures inside the layouts at `build`.
#[test]
fn characters_the_fonts_cannot_show_are_data_errors() {
    let project = crate::common::fixture_project();
    let chapter = project.path().join("data/mini/chapters/en.md");
    crate::common::append(&chapter, "Hilsen: مرحبا og 😀.");
    let lines = std::fs::read_to_string(&chapter).unwrap().lines().count();
    let (code, _, err) =
        rapport_capped(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("chapters/en.md:{lines}:")) && err.contains("U+0645"), "{err}");
    assert!(err.contains("U+1F600"), "{err}");
}

// Terminal control characters from a file (here a PDF's font name) are never printed raw.
#[test]
fn control_characters_from_files_are_never_printed_raw() {
    let name = "Evil\u{1b}]0;owned\u{7}\u{1b}[2J";
    let bytes = pdf(|doc| {
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => Object::Name(name.as_bytes().to_vec()) });
        four(doc, |doc| {
            let content = doc.add_object(Stream::new(Dictionary::new(), b"BT /F 10 Tf 100 100 Td (a) Tj ET".to_vec()));
            page(content, dictionary! { "Font" => dictionary! { "F" => font } })
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.pdf");
    std::fs::write(&file, bytes).unwrap();
    let (code, out, err) = rapport_capped(&root(), &["preflight", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Evil") && !out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

// `--ppi` outside 10–600 is a usage error, not gigabytes of pixels.
#[test]
fn ppi_out_of_range_is_refused() {
    for ppi in ["0", "-5", "100000", "NaN"] {
        let (code, _, err) = rapport_capped(&root(), &["proof", "--print-pages", "1", "--ppi", ppi]);
        assert_eq!(code, 2, "--ppi {ppi}: {err}");
        assert!(err.contains("pixels per inch") || err.contains("unexpected argument"), "{err}");
    }
}

// new-edition rolls a `years` written over several lines.
#[test]
fn new_edition_rolls_multi_line_years() {
    let project = crate::common::fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::replace(&toml, "years = [2021, 2022]", "years = [\n  2021,\n  2022,\n]");
    let (code, _, err) = rapport_capped(project.path(), &["new-edition", "mini9", "--from", "mini"]);
    assert_eq!(code, 0, "{err}");
    let rolled = std::fs::read_to_string(project.path().join("data/mini9/edition.toml")).unwrap();
    assert!(rolled.contains("  2023,\n  2024,\n]"), "{rolled}");
}

/// A profile with a valid CMYK output header and only the tags in `tags` (each 12 bytes).
fn header_only_profile(tags: &[&[u8; 4]]) -> Vec<u8> {
    let mut icc = vec![0u8; 128];
    icc[12..16].copy_from_slice(b"prtr");
    icc[16..20].copy_from_slice(b"CMYK");
    icc[20..24].copy_from_slice(b"Lab ");
    icc[36..40].copy_from_slice(b"acsp");
    icc.extend((tags.len() as u32).to_be_bytes());
    let data_at = 132 + tags.len() * 12;
    for (i, tag) in tags.iter().enumerate() {
        icc.extend(*tag);
        icc.extend(((data_at + i * 12) as u32).to_be_bytes());
        icc.extend(12u32.to_be_bytes());
    }
    for _ in tags {
        icc.extend(b"XYZ \0\0\0\0\0\0\0\0");
    }
    let len = icc.len() as u32;
    icc[0..4].copy_from_slice(&len.to_be_bytes());
    icc
}

// An output profile is checked as a usable CMYK profile, tags and all, not only its header:
// by `build --print` for the one it embeds, and by `preflight` in any PDF.
#[test]
fn an_output_profile_needs_its_tags() {
    let project = crate::common::fixture_project();
    let path = project.path().join("header-only.icc");
    for (profile, what) in [(header_only_profile(&[]), "tag table"), (header_only_profile(&[b"desc"]), "A2B0")] {
        std::fs::write(&path, profile).unwrap();
        let (code, _, err) = rapport_capped(project.path(), &crate::common::mini_print_build(&path));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("header-only.icc") && err.contains(what), "{err}");
    }
    // The same profile inside a PDF's output intent fails preflight.
    let good = crate::common::cmyk_output_profile("Test press CMYK");
    std::fs::write(&path, &good).unwrap();
    let (code, _, err) = rapport_capped(project.path(), &crate::common::mini_print_build(&path));
    assert_eq!(code, 0, "{err}");
    let pdf = project.path().join("out/testrapport-trykk.pdf");
    let mut doc = Document::load(&pdf).unwrap();
    let intents = doc.catalog().unwrap().get(b"OutputIntents").unwrap().as_array().unwrap().clone();
    let intent = doc.get_dictionary(intents[0].as_reference().unwrap()).unwrap();
    let id = intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap();
    doc.objects.insert(id, Object::Stream(Stream::new(dictionary! { "N" => 4 }, header_only_profile(&[b"desc"]))));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    refuses("bad-intent.pdf", &bytes, "usable CMYK output profile");
}

/// `bytes` mutated: bytes flipped, a piece repeated, cut short, or a number made huge.
fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len());
        match rng.below(5) {
            0 => out[at] ^= 1 << rng.below(8),
            1 => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                let piece = out[at..end].to_vec();
                for _ in 0..rng.below(50) {
                    out.splice(at..at, piece.iter().copied());
                }
            }
            2 => out.truncate(at.max(1)),
            3 => {
                if let Some(digit) = out[at..].iter().position(u8::is_ascii_digit) {
                    out.splice(at + digit..at + digit, b"99999999".iter().copied());
                }
            }
            _ => out.splice(at..at, b" 1 0 R [/Parent 1 0 R] ".iter().copied()).for_each(drop),
        }
    }
    out
}

// The fuzz test of issue 21: generated hostile PDFs (to preflight), pictures (to check and
// build) and links (to every command), each under the time and memory cap; none aborts,
// hangs, or touches anything outside the project.
#[cfg(unix)]
#[test]
fn fuzz_every_command_with_hostile_inputs() {
    let mut rng = Rng(0x2021_0021_dead_beef);
    let seed_pdf = pdf(|doc| {
        let form = doc.new_object_id();
        let inner = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => page_box(),
            "Resources" => dictionary! { "XObject" => dictionary! { "G" => form } } },
            b"0 0 m 10 10 l S /G Do".to_vec(),
        );
        doc.objects.insert(form, Object::Stream(inner));
        four(doc, |doc| {
            let content =
                doc.add_object(Stream::new(dictionary! {}, b"q 1 0 0 1 0 0 cm /G Do Q BT /F 9 Tf (x) Tj ET".to_vec()));
            page(content, dictionary! { "XObject" => dictionary! { "G" => form } })
        })
    });
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let file = dir.path().join(format!("fuzz-{i}.pdf"));
        std::fs::write(&file, mutate(&mut rng, &seed_pdf)).unwrap();
        let (code, out, err) = rapport_capped(&root(), &["preflight", file.to_str().unwrap()]);
        assert!((0..=2).contains(&code), "fuzz-{i}.pdf: exit {code}\n{out}{err}");
    }

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.csv"), "a;b\n1;2\n").unwrap();
    let before: Vec<_> = std::fs::read_dir(outside.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(4u32.to_be_bytes());
    png.extend(4u32.to_be_bytes());
    png.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    let svg =
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>";
    for i in 0..12 {
        let (file, bytes) =
            if i % 2 == 0 { ("photos/p.png", mutate(&mut rng, &png)) } else { ("photos/p.svg", mutate(&mut rng, svg)) };
        let project = with_photo(file, &bytes, Some("Et bilde"));
        let p = project.path();
        // And a link: out of the project, to a device, or to a folder above.
        let link = p.join("data/mini/tables/link.csv");
        match i % 3 {
            0 => std::os::unix::fs::symlink(outside.path().join("secret.csv"), &link).unwrap(),
            1 => std::os::unix::fs::symlink("/dev/zero", &link).unwrap(),
            _ => std::os::unix::fs::symlink("..", p.join("assets/up")).unwrap(),
        }
        for args in [
            &["check", "--edition", "mini"][..],
            &["build", "--edition", "mini"],
            &["archive", "--edition", "mini"],
            &["new-edition", "neste", "--from", "mini"],
            &["proof"],
            &["fonts"],
        ] {
            let (code, out, err) = rapport_capped(p, args);
            assert!((0..=2).contains(&code), "case {i} {args:?}: exit {code}\n{out}{err}");
        }
        let after: Vec<_> = std::fs::read_dir(outside.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(after, before, "case {i} wrote outside the project");
    }
}

// A KOMMUNEPLANENS MÅL box of more rows than a few pages hold is an error at the first row
// too many, never a box cut short.
#[test]
fn a_key_figure_box_too_long_is_an_error() {
    let project = crate::common::fixture_project();
    let file = project.path().join("data/mini/key-figures/en.csv");
    let rows: String = (0..10_000).map(|i| format!("indicator;Nøkkeltall {i};> 10 %;15,1 %;Ikke målt\n")).collect();
    crate::common::append(&file, rows.trim_end());
    let (code, _, err) =
        rapport_capped(project.path(), &["check", "--edition", "mini", "--diagnostic-format", "short"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("key-figures/en.csv:") && err.contains("at most 200 rows"), "{err}");
}

// Issue 31: control characters in edition.toml (a title that sets the terminal's title and
// clears the screen) are shown escaped by `list` on standard output, not sent raw.
#[test]
fn list_escapes_control_characters_on_stdout() {
    let project = crate::common::fixture_project();
    let toml = project.path().join("data/mini/edition.toml");
    crate::common::replace(&toml, "title = \"Testrapport\"", "title = \"Test\\u001B]0;eid\\u0007\\u001B[2Jrapport\"");
    crate::common::replace(&toml, "title = \"Første kapittel\"", "title = \"Kapittel\\u009B31m\"");
    let (code, out, err) = rapport_capped(project.path(), &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Test\\u{1B}]0;eid\\u{7}\\u{1B}[2Jrapport"), "shown escaped: {out:?}");
    assert!(out.contains("Kapittel\\u{9B}31m"), "a C1 control too: {out:?}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{9b}'), "{out:?}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

// Issue 31: `data/default` (and an edition.toml) linked to a file outside the project is
// refused by the one resolver, and the target's text is never printed.
#[cfg(unix)]
#[test]
fn data_default_is_not_followed_out_of_the_project() {
    let outside = tempfile::tempdir().unwrap();
    let project = crate::common::fixture_project();
    link_outside(outside.path(), &project.path().join("data/default"), "HEMMELIG-PASSORD\n");
    link_outside(outside.path(), &project.path().join("data/mini2/edition.toml"), "HEMMELIG-PASSORD\n");
    for args in [&["list"][..], &["check"][..]] {
        let (code, out, err) = rapport_capped(project.path(), args);
        assert!(!out.contains("HEMMELIG") && !err.contains("HEMMELIG"), "{args:?} printed the target: {out}{err}");
        assert!(err.contains("data/default") && err.contains("leads out"), "{args:?}: {err}");
        assert!(args == ["list"] || code == 2, "{args:?}: {err}");
    }
    let (_, out, err) = rapport_capped(project.path(), &["list"]);
    assert!(out.contains("mini  final") && !out.contains("mini2"), "{out}");
    assert!(
        err.contains("data/mini2/edition.toml: expected a file inside data/, found a link that leads out"),
        "{err}"
    );
}

// Issue 31: a huge `data/default` (a sparse file of 8 GiB) is read with a limit: `list`
// answers, naming the file, instead of aborting on memory.
#[test]
fn a_huge_data_default_is_refused_not_read() {
    let project = crate::common::fixture_project();
    let file = std::fs::File::create(project.path().join("data/default")).unwrap();
    file.set_len(8 << 30).unwrap();
    let (code, out, err) = rapport_capped(project.path(), &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("mini  final"), "the editions are still listed: {out}");
    assert!(err.contains("data/default") && err.contains("at most"), "{err}");
    let (code, _, err) = rapport_capped(project.path(), &["check"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("data/default") && err.contains("at most"), "{err}");
}

/// An SVG photo carrying every kind of active content a browser would run or fetch.
const ACTIVE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="30" viewBox="0 0 40 30" onload="alert('onload')">
<style>@import url(http://evil.example/a.css); .c { fill: url(http://evil.example/p.svg#g); }</style>
<script>alert('script')</script>
<script xlink:href="http://evil.example/x.js"/>
<a href="javascript:alert('href')"><rect class="c" x="0" y="0" width="20" height="30" fill="#3a7" onclick="alert('click')" onmouseover="alert('over')"/></a>
<a xlink:href="javascript:alert('xlink')"><circle cx="30" cy="15" r="5" fill="#a37"/></a>
<a href="http://evil.example/"><rect x="20" y="0" width="5" height="5" fill="#37a"/></a>
<a xlink:href="file:///etc/hostname"><rect x="25" y="0" width="5" height="5" fill="#37a"/></a>
<use href="http://evil.example/sprite.svg#icon"/>
<foreignObject width="40" height="30"><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://evil.example/"></iframe><embed xmlns="http://www.w3.org/1999/xhtml" src="http://evil.example/x.swf"/></foreignObject>
<iframe src="javascript:alert('iframe')"/>
<embed src="http://evil.example/x.swf"/>
<set attributeName="onmouseover" to="alert('set')"/>
<animate attributeName="href" to="javascript:alert('animate')"/>
</svg>"##;

// Issue 31: an SVG photo's scripts, event attributes, `javascript:` links, foreign objects,
// frames and external references are not published in the web edition: its copy is
// re-serialised, and only the drawing is left.
#[test]
fn the_web_edition_publishes_no_active_svg_content() {
    let project = with_photo("photos/aktiv.svg", ACTIVE_SVG.as_bytes(), Some("Et bilde"));
    let (code, _, err) = rapport_capped(project.path(), &["build", "--web", "--edition", "mini"]);
    assert_eq!(code, 0, "{err}");
    let web = project.path().join("out/web");
    let svg = std::fs::read_to_string(web.join("img/photos/aktiv.svg")).expect("the photo is published");
    assert!(svg.contains("<path") || svg.contains("<rect"), "the drawing is kept: {svg}");
    assert!(svg.contains("viewBox=\"0 0 40 30\""), "it scales to the page: {svg}");
    for file in
        rapport::inputs::paths::files_below(&web).into_iter().filter(|f| f.extension().is_some_and(|e| e == "svg"))
    {
        let text = std::fs::read_to_string(&file).unwrap().to_lowercase();
        for active in
            ["<script", " on", "javascript:", "foreignobject", "<iframe", "<embed", "@import", "http://evil", "file:"]
        {
            let found = match active {
                // An event attribute: ` onload=`, ` onclick=`…
                " on" => text.match_indices(" on").any(|(i, _)| {
                    text[i + 3..].chars().take_while(|c| c.is_ascii_alphabetic()).count() > 0
                        && text[i + 3..].trim_start_matches(|c: char| c.is_ascii_alphabetic()).starts_with('=')
                }),
                _ => text.contains(active),
            };
            assert!(!found, "{} publishes `{active}`: {text}", file.display());
        }
    }
}

// An editor's lock link (`.#en.md`, a dangling symlink Emacs makes) and other dot-files in a
// data folder are ignored: `archive` and `new-edition` work, and the link is not copied.
#[cfg(unix)]
#[test]
fn editor_lock_links_in_data_are_ignored() {
    let project = crate::common::fixture_project();
    let chapters = project.path().join("data/mini/chapters");
    std::os::unix::fs::symlink("ola@maskin.4711:1700000000", chapters.join(".#en.md")).unwrap();
    std::fs::write(chapters.join(".en.md.swp"), b"\0\x01vim swap").unwrap();
    let (code, _, err) = rapport_capped(project.path(), &["archive", "--edition", "mini"]);
    assert_eq!(code, 0, "{err}");
    let manifest = std::fs::read_to_string(project.path().join("out/archive/mini/manifest.json")).unwrap();
    assert!(!manifest.contains(".#en.md") && !manifest.contains(".swp"), "{manifest}");
    let (code, _, err) = rapport_capped(project.path(), &["new-edition", "mini3", "--from", "mini"]);
    assert_eq!(code, 0, "{err}");
    let copied = project.path().join("data/mini3/chapters");
    assert!(copied.join("en.md").is_file() && std::fs::symlink_metadata(copied.join(".#en.md")).is_err());
    assert!(!copied.join(".en.md.swp").exists());
}
