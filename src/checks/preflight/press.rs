//! The checks a printer's preflight adds for a job that goes to press as delivered: ink
//! where registration matters (small type, thin lines, reversed type, black text that must
//! overprint, rich black) and art that must run into the bleed.

use super::scan::{PageScan, TextRun, inks_used};
use super::{REVERSED_TEXT_PT, Report, Rules, SINGLE_INK_LINE_PT, SINGLE_INK_TEXT_PT};
use crate::diag::Severity;
use crate::typeset::appearance::{self, NEUTRAL_CHROMA, chroma, cmyk_to_lab};
use crate::typeset::pdf::{PT_PER_MM, Rect};

/// `C35 M15 Y15 K55 (120 %)`.
fn named(ink: &[f64; 4]) -> String {
    format!("{} ({:.0} %)", appearance::named(&ink.map(|v| v as f32)), ink.iter().sum::<f64>() * 100.0)
}

fn solid_black(ink: &[f64; 4]) -> bool {
    ink[3] >= 0.995 && ink[..3].iter().all(|v| *v <= 0.0005)
}

fn rich_black(ink: &[f64; 4]) -> bool {
    ink[3] >= 0.995 && ink[..3].iter().any(|v| *v > 0.0005)
}

fn white(ink: &[f64; 4]) -> bool {
    ink.iter().all(|v| *v <= 0.0005)
}

/// Whether small type in `ink` risks registration: a build of three or more inks (not a rich
/// black, an error of its own) unless one of them shapes the letters
/// ([`appearance::one_dominant_ink`]) in a colour, or two that make a neutral grey, which
/// prints in black ink alone. Two inks of a colour keep its hue.
fn too_many_inks(ink: &[f64; 4]) -> bool {
    let cmyk = ink.map(|v| v as f32);
    let grey = chroma(cmyk_to_lab(cmyk)) < NEUTRAL_CHROMA;
    match inks_used(ink) {
        0 | 1 => false,
        2 => grey,
        _ => !rich_black(ink) && (grey || !appearance::one_dominant_ink(&cmyk)),
    }
}

/// The glyphs of `runs` and an example of their ink and size.
fn summary(runs: &[&TextRun]) -> (usize, String) {
    let glyphs = runs.iter().map(|r| r.glyphs).sum();
    let example = runs.first().and_then(|r| r.ink.map(|ink| format!("{} at {:.1} pt", named(&ink), r.size)));
    (glyphs, example.unwrap_or_default())
}

/// The press checks of page `n`.
pub fn page_checks(n: usize, scanned: &PageScan, boxes: Option<(Rect, Rect)>, rules: &Rules, report: &mut Report) {
    let inked = |r: &&TextRun| r.ink.is_some();
    let rich: Vec<&TextRun> =
        scanned.text.iter().filter(inked).filter(|r| r.ink.is_some_and(|i| rich_black(&i))).collect();
    if !rich.is_empty() {
        let (glyphs, example) = summary(&rich);
        let message = format!(
            "expected text in black ink only (K100), found {glyphs} glyph(s) in rich black, e.g. {example}: four plates out of register blur it"
        );
        report.add(Severity::Error, "rich-black", Some(n), message);
    }
    let small: Vec<&TextRun> = scanned
        .text
        .iter()
        .filter(|r| r.size < SINGLE_INK_TEXT_PT && r.ink.is_some_and(|i| too_many_inks(&i)))
        .collect();
    if !small.is_empty() {
        let (glyphs, example) = summary(&small);
        let message = format!(
            "expected text under {SINGLE_INK_TEXT_PT} pt in one ink (a grey) or two (a colour), found {glyphs} glyph(s) in more, e.g. {example}: a registration risk"
        );
        report.add(Severity::Warning, "small-type-ink", Some(n), message);
    }
    let thin = scanned.strokes.iter().filter(|s| s.width < SINGLE_INK_LINE_PT && s.inks > 1).count();
    if thin > 0 {
        let message = format!(
            "expected lines under {SINGLE_INK_LINE_PT} pt in one ink, found {thin} in more: a registration risk"
        );
        report.add(Severity::Warning, "thin-line-ink", Some(n), message);
    }
    let knockout: Vec<&TextRun> =
        scanned.text.iter().filter(|r| !r.overprint && r.ink.is_some_and(|i| solid_black(&i))).collect();
    if !knockout.is_empty() {
        let (glyphs, _) = summary(&knockout);
        let message = format!(
            "expected black text to overprint, found {glyphs} glyph(s) knocking out what lies under them: a white edge shows where the plates miss"
        );
        report.add(Severity::Warning, "overprint", Some(n), message);
    }
    let white_text: usize = scanned.text.iter().filter(|r| r.overprint && r.ink.is_some_and(|i| white(&i))).count();
    if white_text + scanned.white_overprint > 0 {
        let message = format!(
            "expected white to knock out, found {} white object(s) set to overprint ({white_text} text run(s)): on press they vanish",
            white_text + scanned.white_overprint
        );
        report.add(Severity::Error, "overprint", Some(n), message);
    }
    reversed(n, scanned, report);
    if let Some((trim, bleed)) = boxes {
        into_the_bleed(n, scanned, &trim, &bleed, rules, report);
    }
}

/// Reversed (white) type under 8 pt on a field of more than two inks: the field under a run
/// is the last fill painted before it that holds its middle.
fn reversed(n: usize, scanned: &PageScan, report: &mut Report) {
    let mut worst: Option<(usize, [f64; 4])> = None;
    let mut glyphs = 0;
    for run in scanned.text.iter().filter(|r| r.size < REVERSED_TEXT_PT && r.ink.is_some_and(|i| white(&i))) {
        let (x, y) = ((run.bounds.x0 + run.bounds.x1) / 2.0, (run.bounds.y0 + run.bounds.y1) / 2.0);
        let field = scanned
            .fills
            .iter()
            .rev()
            .filter(|f| f.order < run.order)
            .find(|f| f.bounds.x0 <= x && x <= f.bounds.x1 && f.bounds.y0 <= y && y <= f.bounds.y1);
        if let Some(ink) = field.and_then(|f| f.ink).filter(|i| inks_used(i) > 2) {
            glyphs += run.glyphs;
            worst.get_or_insert((run.glyphs, ink));
        }
    }
    if let Some((_, ink)) = worst {
        let message = format!(
            "expected reversed (white) type under {REVERSED_TEXT_PT} pt on a field of at most two inks, found {glyphs} glyph(s) on more, e.g. on {}",
            named(&ink)
        );
        report.add(Severity::Warning, "reversed-type", Some(n), message);
    }
}

/// The bleed is there, and art that touches the trim runs into it.
fn into_the_bleed(n: usize, scanned: &PageScan, trim: &Rect, bleed: &Rect, rules: &Rules, report: &mut Report) {
    let wanted = rules.bleed_mm * PT_PER_MM;
    let sides = [trim.x0 - bleed.x0, bleed.x1 - trim.x1, trim.y0 - bleed.y0, bleed.y1 - trim.y1];
    let least = sides.iter().copied().fold(f64::MAX, f64::min);
    if wanted > 0.0 && least < wanted - 0.1 * PT_PER_MM {
        let message = format!(
            "expected a bleed of {} mm around the trim (BleedBox), found {:.1} mm",
            rules.bleed_mm,
            least.max(0.0) / PT_PER_MM
        );
        report.add(Severity::Error, "bleed", Some(n), message);
    }
    // A fill or picture reaching a trim edge from inside must go on to the bleed's edge.
    let e = 0.5;
    let reach = (wanted - e).max(0.0);
    let cut = scanned.fills.iter().filter(|f| f.ink.is_none_or(|i| !white(&i))).find(|f| {
        let b = &f.bounds;
        let across = b.y1 > trim.y0 + e && b.y0 < trim.y1 - e;
        let along = b.x1 > trim.x0 + e && b.x0 < trim.x1 - e;
        (across && (b.x0 - trim.x0).abs() <= e && trim.x0 - b.x0 < reach)
            || (across && (b.x1 - trim.x1).abs() <= e && b.x1 - trim.x1 < reach)
            || (along && (b.y0 - trim.y0).abs() <= e && trim.y0 - b.y0 < reach)
            || (along && (b.y1 - trim.y1).abs() <= e && b.y1 - trim.y1 < reach)
    });
    if let Some(fill) = cut {
        let what = fill.ink.map_or("a picture".to_string(), |i| format!("a fill in {}", named(&i)));
        let message = format!(
            "expected art that touches the trim to run {} mm into the bleed, found {what} that stops at the trim",
            rules.bleed_mm
        );
        report.add(Severity::Error, "bleed", Some(n), message);
    }
}
