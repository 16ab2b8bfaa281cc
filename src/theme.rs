//! What Rust reads of the layouts' theme: the fonts it names (checked against `fonts/`) and
//! the map colours (through the layout's own `themed-svg`). Both are evaluated by Typst from
//! a small source that imports the layout, so there is one theme and no copy of it in Rust.

use std::sync::Arc;

use typst::World;
use typst::diag::Warned;
use typst::foundations::{Dict, Value};
use typst::text::{FontStyle, FontVariant, FontWeight};

use crate::diag::Problems;
use crate::session::{Failure, Session, metadata};

/// The virtual entry point of these small sources.
const PROBE: &str = "/layout/rapport-probe.typ";

/// Compiles `source` (which may import the layouts) and returns the values of the metadata
/// labelled `label` in it.
pub fn evaluate(session: &mut Session, source: &str, label: &str) -> Result<Vec<Value>, Failure> {
    let generated = session.edition.generated.iter().map(|(path, bytes)| (path.as_str(), bytes.clone()));
    session.world.set_virtual(std::iter::once((PROBE, source.as_bytes().to_vec())).chain(generated));
    session.world.set_main(PROBE);
    let Warned { output, .. } = crate::session::compile_guarded(&session.world);
    session.world.set_main(crate::world::MAIN);
    Ok(metadata(&output.map_err(Failure::Typst)?, label))
}

/// The edition's maps as the report shows them: each drawn SVG with the theme's colours and
/// font put in by the layout's `themed-svg` (`components/map-frame.typ`), so a designer's
/// change to `theme.typ` reaches the previews too.
pub fn themed_maps(session: &mut Session) -> Result<Vec<(String, String)>, Failure> {
    let paths: Vec<String> = session.edition.generated.iter().map(|(path, _)| path.clone()).collect();
    let reads: Vec<String> = paths.iter().map(|p| format!("themed-svg(read({p:?})),")).collect();
    let source = format!(
        "#import \"/layout/components/map-frame.typ\": themed-svg\n#metadata(({})) <themed-maps>\n",
        reads.concat()
    );
    let svgs = evaluate(session, &source, "themed-maps")?
        .into_iter()
        .flat_map(|value| if let Value::Array(items) = value { items.into_iter().collect() } else { Vec::new() })
        .filter_map(|item| if let Value::Str(svg) = item { Some(svg.to_string()) } else { None });
    Ok(paths.into_iter().zip(svgs).collect())
}

/// Checks that every font family `theme.fonts` names is in `fonts/`, in every variant its
/// `variants` list asks for (default: regular), so no text silently falls back to another
/// font or weight. Problems point at `layout/theme.typ`.
pub fn check_theme_fonts(session: &mut Session) -> Problems {
    let mut problems = Problems::default();
    let source = "#import \"/layout/theme.typ\": theme\n#metadata(theme.fonts) <fonts>\n";
    let Ok(values) = evaluate(session, source, "fonts") else { return problems };
    let Some(Value::Dict(fonts)) = values.into_iter().next() else { return problems };
    let theme_path = std::path::Path::new("layout/theme.typ");
    let text: Arc<str> = std::fs::read_to_string(session.project.join(theme_path)).unwrap_or_default().into();
    let variants = variants(&fonts);
    for (_, family) in fonts.iter() {
        let Value::Str(family) = family else { continue };
        let at = text.find(&format!("\"{family}\"")).map_or(0..0, |i| i..i + family.len() + 2);
        let book = session.world.book();
        if !book.contains_family(&family.to_lowercase()) {
            let message = format!("expected the font family `{family}` among the fonts in fonts/, found none");
            problems.error(theme_path, &text, at, message);
            continue;
        }
        for variant in &variants {
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
pub fn print_inks(session: &mut Session) -> Result<(crate::print::Inks, Vec<String>), Failure> {
    let source = r#"#import "/layout/theme.typ": theme
#import "/layout/print.typ": inks, sdg-inks, other-inks
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
#for (screen, ink) in sdg-inks + other-inks { pairs.push((rgb-of(screen), cmyk-of(ink))) }
#metadata((pairs: pairs, missing: missing)) <print-inks>
"#;
    let values = evaluate(session, source, "print-inks")?;
    let Some(Value::Dict(found)) = values.into_iter().next() else { return Ok(Default::default()) };
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
    Ok((crate::print::Inks::new(pairs), missing))
}

/// The text area and body size from `theme.page.margin` and `theme.sizes.body`, for the
/// layout lint.
pub fn geometry(session: &mut Session) -> Option<crate::lint::Geometry> {
    let source = "#import \"/layout/theme.typ\": theme\n#metadata((margin: theme.page.margin, body: theme.sizes.body, outdent: theme.page.at(\"outdent\", default: 0pt))) <geometry>\n";
    let value = evaluate(session, source, "geometry").ok()?.into_iter().next()?;
    let Value::Dict(dict) = value else { return None };
    let pt = |v: &Value| if let Value::Length(l) = v { Some(l.abs.to_pt()) } else { None };
    let Value::Dict(margin) = dict.get("margin").ok()? else { return None };
    let side = |name: &str| margin.get(name).ok().and_then(pt);
    Some(crate::lint::Geometry {
        top: side("top")?,
        bottom: side("bottom")?,
        inside: side("inside")?,
        // The wide measure reaches into the outside margin (key-figure boxes, wide tables).
        outside: side("outside")? - dict.get("outdent").ok().and_then(pt).unwrap_or(0.0),
        body: pt(dict.get("body").ok()?)?,
    })
}

/// Every text and background pair of `theme.contrast-pairs` (`(fg, bg, large)`) below the
/// WCAG AA minimum, as lint findings; none when the theme lists no pairs.
pub fn contrast_findings(session: &mut Session) -> Vec<crate::lint::Finding> {
    let source = "#import \"/layout/theme.typ\": theme\n#metadata(theme.at(\"contrast-pairs\", default: ()).map(((fg, bg, large)) => (fg.to-hex(), bg.to-hex(), large))) <pairs>\n";
    let Ok(values) = evaluate(session, source, "pairs") else { return Vec::new() };
    let Some(Value::Array(pairs)) = values.into_iter().next() else { return Vec::new() };
    let mut findings = Vec::new();
    for pair in pairs {
        let Value::Array(items) = pair else { continue };
        let items: Vec<Value> = items.into_iter().collect();
        let (Some(Value::Str(fg)), Some(Value::Str(bg)), Some(Value::Bool(large))) =
            (items.first(), items.get(1), items.get(2))
        else {
            continue;
        };
        let (Ok(a), Ok(b)) =
            (crate::geo::parse_hex(&fg[..7.min(fg.len())]), crate::geo::parse_hex(&bg[..7.min(bg.len())]))
        else {
            continue;
        };
        let ratio = crate::lint::contrast::ratio(a, b);
        let minimum = crate::lint::contrast::minimum(*large);
        if ratio < minimum {
            let kind = if *large { "large text" } else { "text" };
            findings.push(crate::lint::Finding {
                page: 0,
                kind: "contrast",
                message: format!(
                    "{kind} {fg} on {bg} has a contrast of {ratio:.2}:1, below the {minimum}:1 WCAG AA asks"
                ),
            });
        }
    }
    findings
}
