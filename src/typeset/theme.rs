//! What Rust reads of the layouts' theme: the fonts it names (checked against `fonts/`) and
//! the map colours (through the layout's own `themed-svg`). Both are evaluated by Typst from
//! a small source that imports the layout, so there is one theme and no copy of it in Rust.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use typst::World;
use typst::diag::Warned;
use typst::foundations::{Dict, Repr, Value};
use typst::text::{FontStyle, FontVariant, FontWeight};

use crate::diag::{Diagnostic, Diagnostics, Origin};
use crate::memo::Memo;
use crate::typeset::introspect::metadata;
use crate::typeset::world::ReportWorld;

/// The virtual entry point of these small sources.
const PROBE: &str = "/layout/rapport-probe.typ";

/// The theme file the probes read.
const THEME: &str = "layout/theme.typ";

/// What a probe returns: its values, or why it could not run (Typst's errors, or a value of
/// the wrong shape), never nothing in silence.
pub type Probed<T> = Result<T, Vec<Diagnostic>>;

/// Compiles `source` (which may import the layouts) with the virtual files `extra` and
/// returns the values of the metadata labelled `label` in it.
pub fn evaluate<'a>(
    world: &mut ReportWorld,
    extra: impl IntoIterator<Item = (&'a str, Vec<u8>)>,
    source: &str,
    label: &str,
) -> Probed<Vec<Value>> {
    world.set_virtual(std::iter::once((PROBE, source.as_bytes().to_vec())).chain(extra));
    world.set_main(PROBE);
    let Warned { output, .. } = world.compile();
    world.set_main(crate::typeset::world::MAIN);
    let document = output.map_err(|errors| world.diagnostics(&errors))?;
    Ok(metadata(&document, label))
}

/// Evaluates `source` and returns the one value labelled `label`; a probe that yields no
/// value is an error naming `what` it read.
fn probe(world: &mut ReportWorld, source: &str, label: &str, what: &str) -> Probed<Value> {
    let values = evaluate(world, std::iter::empty(), source, label).map_err(|mut errors| {
        errors.push(unreadable(what, "the layouts above do not compile"));
        errors
    })?;
    values.into_iter().next().ok_or_else(|| vec![unreadable(what, "the probe found no value")])
}

/// The error of a theme value that cannot be read.
fn unreadable(what: &str, why: &str) -> Diagnostic {
    Diagnostic::error(Origin::Layout, format!("cannot read {what} from {THEME}: {why}"))
}

/// A theme value of the wrong shape.
fn malformed(what: &str, expected: &str, found: &Value) -> Vec<Diagnostic> {
    let found = found.repr();
    let found: String = found.chars().take(80).collect();
    vec![Diagnostic::error(Origin::Layout, format!("expected {what} in {THEME} to be {expected}, found `{found}`"))]
}

/// The edition's maps as the report shows them: each drawn SVG with the theme's colours and
/// font put in by the layout's `themed-svg` (`components/map-frame.typ`), so a designer's
/// change to `theme.typ` reaches the previews too.
pub fn themed_maps(world: &mut ReportWorld, generated: &[(String, Vec<u8>)]) -> Probed<Vec<(String, String)>> {
    let paths: Vec<String> = generated.iter().map(|(path, _)| path.clone()).collect();
    let reads: Vec<String> = paths.iter().map(|p| format!("themed-svg(read({p:?})),")).collect();
    let source = format!(
        "#import \"/layout/components/map-frame.typ\": themed-svg\n#metadata(({})) <themed-maps>\n",
        reads.concat()
    );
    let extra = generated.iter().map(|(path, bytes)| (path.as_str(), bytes.clone()));
    let svgs = evaluate(world, extra, &source, "themed-maps")?
        .into_iter()
        .flat_map(|value| if let Value::Array(items) = value { items.into_iter().collect() } else { Vec::new() })
        .filter_map(|item| if let Value::Str(svg) = item { Some(svg.to_string()) } else { None });
    Ok(paths.into_iter().zip(svgs).collect())
}

/// What Rust reads of the theme, once per load of the edition, with one probe: the fonts it
/// names, the text area the layout lint measures against and the text/background pairs it
/// asks to be checked for contrast.
#[derive(Debug, Clone)]
pub struct Theme {
    /// The font families `theme.fonts` names.
    pub families: Vec<String>,
    /// The variants every family must have (`theme.fonts.variants`; default: regular).
    pub variants: Vec<FontVariant>,
    /// The text area and body size (`theme.page.margin`, `theme.sizes.body`).
    pub geometry: Geometry,
    /// `theme.contrast-pairs`, each with its ratio by the theme's own `contrast`.
    pub contrast_pairs: Vec<ContrastPair>,
    /// The languages the layouts have words for (the keys of `strings` in layout/strings.typ).
    pub languages: Vec<String>,
}

/// A text colour on a background, and their contrast by the theme's `contrast`, the one the
/// layouts choose text colours with, so WCAG's formula is written once.
#[derive(Debug, Clone, PartialEq)]
pub struct ContrastPair {
    pub fg: String,
    pub bg: String,
    /// Large text (18 pt, or 14 pt bold), which needs less contrast.
    pub large: bool,
    pub ratio: f64,
}

/// The least contrast WCAG AA asks of text, and of large text. Norwegian public bodies must
/// meet WCAG AA.
pub const TEXT_CONTRAST: f64 = 4.5;
pub const LARGE_TEXT_CONTRAST: f64 = 3.0;

impl Theme {
    /// Reads the theme; one that cannot be read, or has a value of the wrong shape, is an
    /// error, so no check passes by checking nothing.
    pub fn read(world: &mut ReportWorld) -> Probed<Theme> {
        let source = r#"#import "/layout/theme.typ": theme, contrast
#import "/layout/strings.typ": strings
#metadata((
  languages: strings.keys(),
  fonts: theme.fonts,
  geometry: (margin: theme.page.margin, body: theme.sizes.body, outdent: theme.page.at("outdent", default: 0pt), column: theme.page.at("margin-column", default: none)),
  pairs: theme.at("contrast-pairs", default: ()).map(((fg, bg, large)) => (fg.to-hex(), bg.to-hex(), large, contrast(fg, bg))),
)) <theme>
"#;
        let what = "the theme (`theme.fonts`, `theme.page.margin`, `theme.sizes.body`, `theme.contrast-pairs`)";
        let value = probe(world, source, "theme", what)?;
        let Value::Dict(dict) = &value else { return Err(malformed("the theme", "a dictionary", &value)) };
        let field = |name: &str| dict.get(name).cloned().unwrap_or(Value::None);
        let fonts = match field("fonts") {
            Value::Dict(fonts) => fonts,
            other => return Err(malformed("`theme.fonts`", "a dictionary of font families", &other)),
        };
        let families = fonts.iter().filter_map(|(_, v)| if let Value::Str(f) = v { Some(f.to_string()) } else { None });
        Ok(Theme {
            families: families.collect(),
            variants: variants(&fonts),
            geometry: geometry(&field("geometry"))?,
            contrast_pairs: contrast_pairs(&field("pairs"))?,
            languages: match field("languages") {
                Value::Array(keys) => keys.iter().filter_map(|k| k.clone().cast::<String>().ok()).collect(),
                other => return Err(malformed("the keys of `strings` in layout/strings.typ", "languages", &other)),
            },
        })
    }

    /// Checks that every font family the theme names is in `fonts/`, in every variant it
    /// asks for, so no text silently falls back to another font or weight. Diagnostics
    /// point at `layout/theme.typ`.
    pub fn check_fonts(&self, world: &ReportWorld, project: &Path) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let theme_path = Path::new(THEME);
        let text: Arc<str> = std::fs::read_to_string(project.join(theme_path)).unwrap_or_default().into();
        let book = world.book();
        for family in &self.families {
            let at = text.find(&format!("\"{family}\"")).map_or(0..0, |i| i..i + family.len() + 2);
            if !book.contains_family(&family.to_lowercase()) {
                let message = format!("expected the font family `{family}` among the fonts in fonts/, found none");
                problems.error(theme_path, &text, at, message);
                continue;
            }
            for variant in &self.variants {
                let exact = book
                    .select_family(&family.to_lowercase())
                    .filter_map(|i| book.info(i))
                    .any(|info| info.variant.weight == variant.weight && info.variant.style == variant.style);
                if !exact {
                    let message = format!(
                        "expected `{family}` in weight {} and style {:?} among the fonts in fonts/, found none",
                        variant.weight.to_number(),
                        variant.style
                    );
                    problems.error(theme_path, &text, at.clone(), message);
                }
            }
        }
        problems
    }

    /// Every character of the edition's text files (chapters, tables, edition.toml) that no
    /// font of the theme's families can show (Arabic, emoji…), as an error at its line: the
    /// data's mistake, found by `check`, not a failure inside the layouts. At most three a file.
    pub fn check_coverage(&self, world: &ReportWorld, project: &Path, edition_dir: &Path) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let book = world.book();
        let infos: Vec<_> = self
            .families
            .iter()
            .flat_map(|family| book.select_family(&family.to_lowercase()).collect::<Vec<_>>())
            .filter_map(|i| book.info(i))
            .collect();
        if infos.is_empty() {
            return problems;
        }
        let text_file =
            |p: &Path| p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "md" | "csv" | "toml"));
        // Each character is looked up in the fonts once (the edition's text is checked on
        // every reload of `rapport watch`).
        let mut known: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
        let mut covered =
            |c: char| *known.entry(c).or_insert_with(|| infos.iter().any(|info| info.coverage.contains(u32::from(c))));
        let fonts = typst::utils::hash128(&(&self.families, &infos));
        for file in crate::inputs::paths::files_below(edition_dir).into_iter().filter(|p| text_file(p)) {
            let Ok(real) = crate::inputs::paths::inside(edition_dir, &file) else { continue };
            let Ok(bytes) = crate::inputs::paths::read_regular(&real, "the file", 64 << 20) else { continue };
            let Ok(text) = crate::inputs::table::decode(&bytes) else { continue };
            // A file whose every character the fonts have is not looked through again until
            // it or the fonts change.
            let key = typst::utils::hash128(&(&bytes, fonts));
            let Err(runs) = COVERED.get_or_try(key, || missing_runs(&text, &mut covered)) else { continue };
            let shown = crate::inputs::paths::relative(project, &file);
            let mut families = self.families.clone();
            families.dedup();
            for (range, chars) in runs {
                let points: Vec<String> = chars.iter().take(4).map(|c| format!("U+{:04X}", u32::from(*c))).collect();
                let message = format!(
                    "expected characters the report's fonts ({}) can show, found `{}` ({}{}), which none of them has",
                    families.join(", "),
                    text[range.clone()].escape_debug(),
                    points.join(" "),
                    if chars.len() > 4 { " …" } else { "" }
                );
                problems.error(&shown, &text, range, message);
            }
        }
        problems
    }

    /// Every contrast pair below the WCAG AA minimum, as lint warnings.
    pub fn contrast_findings(&self) -> Vec<Diagnostic> {
        let mut findings = Vec::new();
        for ContrastPair { fg, bg, large, ratio } in &self.contrast_pairs {
            let minimum = if *large { LARGE_TEXT_CONTRAST } else { TEXT_CONTRAST };
            if *ratio < minimum {
                let kind = if *large { "large text" } else { "text" };
                let message =
                    format!("{kind} {fg} on {bg} has a contrast of {ratio:.2}:1, below the {minimum}:1 WCAG AA asks");
                findings.push(Diagnostic::warning(Origin::Lint, message).with_code("contrast"));
            }
        }
        findings
    }
}

/// The edition's text files whose every character the report's fonts have, by the hash of
/// the file and the fonts: `rapport watch` checks the edition again after every save.
static COVERED: Memo<()> = Memo::new(4096);

/// Where in a file characters without a glyph run, and which they are.
type MissingRun = (Range<usize>, Vec<char>);

/// Runs of characters in `text` without a glyph (`covered` says which have one), each run
/// one error (a word in Arabic is one), at most three; `Ok` when there are none.
fn missing_runs(text: &str, covered: &mut impl FnMut(char) -> bool) -> Result<(), Vec<MissingRun>> {
    let mut runs: Vec<MissingRun> = Vec::new();
    let missing = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace() && !c.is_control() && *c != '\u{FEFF}')
        .filter(|(_, c)| !covered(*c));
    for (at, c) in missing {
        let full = runs.len() == 3;
        match runs.last_mut() {
            Some((range, chars)) if text[range.end..at].chars().all(char::is_whitespace) => {
                range.end = at + c.len_utf8();
                chars.push(c);
            }
            _ if full => break,
            _ => runs.push((at..at + c.len_utf8(), vec![c])),
        }
    }
    if runs.is_empty() { Ok(()) } else { Err(runs) }
}

/// The variants `theme.fonts.variants` asks for: `((weight: 400, style: "normal"), …)`.
fn variants(fonts: &Dict) -> Vec<FontVariant> {
    let regular = FontVariant { style: FontStyle::Normal, weight: FontWeight::REGULAR, ..FontVariant::default() };
    let Ok(Value::Array(list)) = fonts.get("variants").cloned() else { return vec![regular] };
    list.into_iter()
        .filter_map(|item| {
            let Value::Dict(dict) = item else { return None };
            let weight = match dict.get("weight").ok()? {
                Value::Int(n) => FontWeight::from_number(u16::try_from(*n).ok()?),
                _ => return None,
            };
            let style = match dict.get("style").ok() {
                Some(Value::Str(s)) if s.as_str() == "italic" => FontStyle::Italic,
                _ => FontStyle::Normal,
            };
            Some(FontVariant { style, weight, ..regular })
        })
        .collect()
}

/// The print file's inks: each theme colour (`theme.colors`) with its CMYK ink from
/// `layout/print.typ` (`inks`, by the same name) and each SDG icon colour with its ink
/// (`sdg-inks`). Also returns the theme colours that have no ink there.
pub fn print_inks(world: &mut ReportWorld) -> Probed<(crate::typeset::appearance::Inks, Vec<String>)> {
    let source = r#"#import "/layout/theme.typ": theme
#import "/layout/print.typ": inks, sdg-inks
#let cmyk-of(c) = c.components().map(r => r / 100%)
#let rgb-of(c) = rgb(c).components().slice(0, 3).map(r => calc.round(r / 100% * 255))
#let pairs = ()
#let missing = ()
#for (name, screen) in theme.colors {
  let ink = inks.at(name, default: none)
  if ink == none { missing.push(name); continue }
  if type(screen) == array {
    for (i, s) in screen.enumerate() {
      let c = ink.at(i, default: none)
      if c == none { missing.push(name + "." + str(i)) } else { pairs.push((rgb-of(s), cmyk-of(c))) }
    }
  } else { pairs.push((rgb-of(screen), cmyk-of(ink))) }
}
#for (screen, ink) in sdg-inks { pairs.push((rgb-of(screen), cmyk-of(ink))) }
#metadata((pairs: pairs, missing: missing)) <print-inks>
"#;
    let found = match probe(world, source, "print-inks", "the print inks (layout/print.typ)")? {
        Value::Dict(found) => found,
        other => return Err(malformed("the print inks", "a dictionary", &other)),
    };
    let numbers = |value: &Value| -> Vec<f64> {
        match value {
            Value::Array(items) => items
                .iter()
                .filter_map(|v| match v {
                    Value::Int(n) => Some(*n as f64),
                    Value::Float(f) => Some(*f),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut pairs = Vec::new();
    if let Ok(Value::Array(items)) = found.get("pairs") {
        for item in items.iter() {
            let Value::Array(pair) = item else { continue };
            let pair: Vec<&Value> = pair.iter().collect();
            let [screen, ink] = pair.as_slice() else { continue };
            let (screen, ink) = (numbers(screen), numbers(ink));
            if let ([r, g, b], [c, m, y, k]) = (screen.as_slice(), ink.as_slice()) {
                let byte = |v: f64| v.clamp(0.0, 255.0) as u8;
                pairs.push(([byte(*r), byte(*g), byte(*b)], [*c as f32, *m as f32, *y as f32, *k as f32]));
            }
        }
    }
    let missing = match found.get("missing") {
        Ok(Value::Array(items)) => {
            items.iter().filter_map(|v| if let Value::Str(s) = v { Some(s.to_string()) } else { None }).collect()
        }
        _ => Vec::new(),
    };
    Ok((crate::typeset::appearance::Inks::new(pairs), missing))
}

/// The text area of the pages, in points: what the lint measures body text against.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub top: f64,
    pub bottom: f64,
    pub inside: f64,
    /// The outside margin less what the wide measure may take of it.
    pub outside: f64,
    /// The body text size.
    pub body: f64,
    /// The margin column (`theme.page.margin-column`) as distances from the outer trim edge:
    /// its edge near the trim and its edge near the text; `None` where the theme has none.
    /// Pull quotes stand in it.
    pub column: Option<(f64, f64)>,
}

/// The text area and body size from `theme.page.margin` and `theme.sizes.body`.
fn geometry(value: &Value) -> Probed<Geometry> {
    let read = |dict: &Dict| -> Option<Geometry> {
        let pt = |v: &Value| if let Value::Length(l) = v { Some(l.abs.to_pt()) } else { None };
        let Value::Dict(margin) = dict.get("margin").ok()? else { return None };
        let side = |name: &str| margin.get(name).ok().and_then(pt);
        let outside = side("outside")?;
        Some(Geometry {
            top: side("top")?,
            bottom: side("bottom")?,
            inside: side("inside")?,
            // The wide measure reaches into the outside margin (key-figure boxes, wide tables).
            outside: outside - dict.get("outdent").ok().and_then(pt).unwrap_or(0.0),
            body: pt(dict.get("body").ok()?)?,
            column: match dict.get("column").ok()? {
                Value::Dict(column) => {
                    let (gap, width) = (pt(column.get("gap").ok()?)?, pt(column.get("width").ok()?)?);
                    Some((outside - gap - width, outside - gap))
                }
                _ => None,
            },
        })
    };
    let expected = "margins `top`, `bottom`, `inside` and `outside` and a body size, as absolute lengths";
    match value {
        Value::Dict(dict) => read(dict).ok_or_else(|| malformed("the page geometry", expected, value)),
        _ => Err(malformed("the page geometry", expected, value)),
    }
}

/// `theme.contrast-pairs` as the probe returns them: `(fg, bg, large, ratio)`.
fn contrast_pairs(value: &Value) -> Probed<Vec<ContrastPair>> {
    let Value::Array(pairs) = value else {
        return Err(malformed("`theme.contrast-pairs`", "an array of (text, background, large) colours", value));
    };
    let mut out = Vec::new();
    for pair in pairs.iter() {
        let items: Vec<&Value> = match pair {
            Value::Array(items) => items.iter().collect(),
            _ => Vec::new(),
        };
        let [Value::Str(fg), Value::Str(bg), Value::Bool(large), Value::Float(ratio)] = items.as_slice() else {
            return Err(malformed("a pair of `theme.contrast-pairs`", "(text colour, background colour, large)", pair));
        };
        out.push(ContrastPair { fg: fg.to_string(), bg: bg.to_string(), large: *large, ratio: *ratio });
    }
    Ok(out)
}
