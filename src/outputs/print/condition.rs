//! Whether an output profile is of the printing condition it is given for, by its colours, not
//! its name: the paper, the black solid and the four-colour black, converted through the
//! profile by littleCMS (absolute colorimetric, as printed on the condition's paper) and
//! compared with the condition's characterisation data
//! ([`PrintingCondition::reference`]).
//!
//! The tolerance sits between what a profile made from a condition's data prints (the tests'
//! FOGRA39, built by ArgyllCMS's colprof from FOGRA39L.ti3: ΔE2000 0.04 at most) and the
//! nearest two conditions apart (FOGRA39 and FOGRA51, both coated: the paper ΔE2000 3.9, the
//! four-colour black 3.6; FOGRA28's low-weight coated paper from FOGRA39: 4.2).

use lcms2::{CIExyY, GlobalContext, Intent, PixelFormat, Profile, Transform};

use crate::inputs::edition::config::PrintingCondition;
use crate::typeset::appearance::delta_e2000;

/// The most (ΔE2000) a reference patch printed through the profile may differ from the
/// condition's characterisation data.
pub const TOLERANCE: f64 = 3.0;

/// A reference patch of a condition, as the profile prints it.
#[derive(Debug, Clone)]
pub struct Patch {
    /// `paper`, `K100`, `C100 M100 Y100 K100`.
    pub name: &'static str,
    pub reference: [f64; 3],
    pub printed: [f64; 3],
    pub delta_e: f64,
}

/// The condition's reference patches as the CMYK output profile `icc` prints them.
pub fn patches(icc: &[u8], condition: PrintingCondition) -> Result<Vec<Patch>, String> {
    let profile = Profile::new_icc(icc)
        .map_err(|err| format!("a profile littleCMS cannot read ({})", crate::typeset::pdf::lcms_failure(&err)))?;
    let d50 = CIExyY { x: 0.3457, y: 0.3585, Y: 1.0 };
    let lab = Profile::new_lab4_context(GlobalContext::new(), &d50)
        .map_err(|err| format!("no Lab profile in littleCMS ({})", crate::typeset::pdf::lcms_failure(&err)))?;
    let t: Transform<[f64; 4], [f64; 3]> =
        Transform::new(&profile, PixelFormat::CMYK_DBL, &lab, PixelFormat::Lab_DBL, Intent::AbsoluteColorimetric)
            .map_err(|err| {
                format!(
                    "a profile littleCMS cannot convert CMYK to CIELAB with ({})",
                    crate::typeset::pdf::lcms_failure(&err)
                )
            })?;
    let reference = condition.reference();
    let cmyk: Vec<[f64; 4]> = reference.iter().map(|(_, cmyk, _)| *cmyk).collect();
    let mut printed = vec![[0f64; 3]; cmyk.len()];
    t.transform_pixels(&cmyk, &mut printed);
    Ok(reference
        .iter()
        .zip(printed)
        .map(|((name, _, lab), printed)| Patch { name, reference: *lab, printed, delta_e: delta_e2000(printed, *lab) })
        .collect())
}

/// Checks that `icc` prints `condition`: every reference patch within [`TOLERANCE`]. Else
/// what it prints instead (`paper L* 95.8 a* 0.6 b* -2.3 (FOGRA52: L* 93.5 …, ΔE2000 6.5)`), with the condition it does print, if it is one of [`PrintingCondition::ALL`].
pub fn check(icc: &[u8], condition: PrintingCondition) -> Result<(), String> {
    let patches = patches(icc, condition)?;
    let off: Vec<String> = patches
        .iter()
        .filter(|p| p.delta_e.is_nan() || p.delta_e > TOLERANCE)
        .map(|p| {
            format!(
                "{} {} ({}: {}, ΔE2000 {:.1})",
                p.name,
                lab(p.printed),
                condition.identifier(),
                lab(p.reference),
                p.delta_e
            )
        })
        .collect();
    if off.is_empty() {
        return Ok(());
    }
    let mut found = format!("colours of another paper or press: {}", off.join("; "));
    if let Some(other) = printed_condition(icc) {
        found.push_str(&format!("; they are {}'s", other.identifier()));
    }
    Err(found)
}

/// The condition whose reference patches `icc` prints within [`TOLERANCE`], if any.
pub fn printed_condition(icc: &[u8]) -> Option<PrintingCondition> {
    PrintingCondition::ALL
        .into_iter()
        .find(|c| patches(icc, *c).is_ok_and(|patches| patches.iter().all(|p| p.delta_e <= TOLERANCE)))
}

/// `L* 95.0 a* 0.0 b* -2.0`.
fn lab([l, a, b]: [f64; 3]) -> String {
    format!("L* {l:.1} a* {a:.1} b* {b:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    // The conditions' reference colours are apart by more than the tolerance, each from each:
    // one profile cannot pass for two of them.
    #[test]
    fn the_conditions_are_told_apart() {
        for (i, x) in PrintingCondition::ALL.iter().enumerate() {
            for y in &PrintingCondition::ALL[i + 1..] {
                let apart = x
                    .reference()
                    .iter()
                    .zip(y.reference())
                    .map(|((_, _, a), (_, _, b))| delta_e2000(*a, b))
                    .fold(0.0, f64::max);
                assert!(apart > TOLERANCE, "{} and {}: {apart:.2}", x.identifier(), y.identifier());
            }
        }
    }
}
