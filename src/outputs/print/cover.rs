//! The cover of a perfect-bound book as its own file: the printer prints the cover (outside
//! front, spine, outside back and the two inside covers) on cover stock as one spread, and
//! the book block without it. The spine is as wide as the block is thick: its leaves (two
//! pages each) times the paper's caliper, or its pages divided by the paper's pages per inch;
//! plus what glue and board add (`spine-allowance-mm`, 0.5 mm unless the edition says); or
//! as wide as the printer quotes it (`spine-mm`: board and glue included).
//! A book of few pages is saddle-stitched: one file, cover included.

use crate::inputs::edition::config::{Binding, PrintConfig};

use super::geometry::PT_PER_MM;

/// The most pages a saddle stitch binds well; `binding = "auto"` binds more with glue.
pub const SADDLE_STITCH_MAX: usize = 64;

/// The measures of a cover spread, in millimetres, and the block it wraps.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// One page's trim.
    pub width_mm: f64,
    pub height_mm: f64,
    pub spine_mm: f64,
    /// How the spine's width came about: the paper's share and the glue and board allowance
    /// added to it, or none when the printer's quote (`spine-mm`) stands as given.
    pub paper_mm: Option<(f64, f64)>,
    /// The book block's pages, blank pages to the sheet included.
    pub block_pages: usize,
}

impl Spread {
    /// The spread's measures for a block of `block_pages` (padded to `page_multiple`) on the
    /// paper of `print`; an impossible paper is an error naming the key.
    pub fn new(print: &PrintConfig, page: (f64, f64), block_pages: usize) -> Result<Spread, String> {
        let multiple = (print.page_multiple as usize).max(1);
        let block_pages = block_pages.div_ceil(multiple) * multiple;
        let spine_mm = match (print.spine_mm, print.pages_per_inch) {
            // The printer's quote stands as given (to a hundredth of a millimetre).
            (Some(spine), _) if spine.is_finite() && (1.0..=100.0).contains(&spine) => {
                return Ok(Spread {
                    width_mm: page.0,
                    height_mm: page.1,
                    spine_mm: (spine * 100.0).round() / 100.0,
                    paper_mm: None,
                    block_pages,
                });
            }
            (Some(spine), _) => {
                return Err(format!("[print] `spine-mm`: expected a spine of 1 to 100 mm, found {spine}"));
            }
            (None, Some(ppi)) if ppi.is_finite() && ppi > 0.0 => block_pages as f64 / ppi * 25.4,
            (None, Some(ppi)) => {
                return Err(format!("[print] `pages-per-inch`: expected a number above 0, found {ppi}"));
            }
            (None, None) if print.paper_caliper_um.is_finite() && (10.0..=1000.0).contains(&print.paper_caliper_um) => {
                block_pages.div_ceil(2) as f64 * print.paper_caliper_um / 1000.0
            }
            (None, None) => {
                return Err(format!(
                    "[print] `paper-caliper-um`: expected a leaf's thickness of 10 to 1000 µm, found {}",
                    print.paper_caliper_um
                ));
            }
        };
        let allowance = print.spine_allowance_mm;
        if !(allowance.is_finite() && (0.0..=10.0).contains(&allowance)) {
            return Err(format!("[print] `spine-allowance-mm`: expected 0 to 10 mm, found {allowance}"));
        }
        // A tenth of a millimetre is what a cover is cut to.
        let tenth = |mm: f64| (mm * 10.0).round() / 10.0;
        let paper_mm = tenth(spine_mm);
        Ok(Spread {
            width_mm: page.0,
            height_mm: page.1,
            spine_mm: tenth(paper_mm + allowance),
            paper_mm: Some((paper_mm, tenth(allowance))),
            block_pages,
        })
    }

    /// What layout/cover-file.typ reads at /cover.json.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({ "width": self.width_mm, "height": self.height_mm, "spine": self.spine_mm })
    }

    /// Where the spine's two folds lie, in points from the spread's left trim edge.
    pub fn folds_pt(&self) -> Vec<f64> {
        vec![self.width_mm * PT_PER_MM, (self.width_mm + self.spine_mm) * PT_PER_MM]
    }
}

/// Whether a book of `pages` pages (its cover among them) is perfect bound.
pub fn perfect_bound(binding: Binding, pages: usize) -> bool {
    match binding {
        Binding::Perfect => true,
        Binding::SaddleStitch => false,
        Binding::Auto => pages > SADDLE_STITCH_MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spine_is_the_blocks_leaves_times_the_caliper_or_its_pages_by_the_ppi() {
        let mut print = PrintConfig { paper_caliper_um: 100.0, spine_allowance_mm: 0.0, ..PrintConfig::default() };
        // 110 pages padded to 112: 56 leaves of 0.1 mm.
        let spread = Spread::new(&print, (210.0, 297.0), 110).unwrap();
        assert_eq!((spread.block_pages, spread.spine_mm), (112, 5.6));
        print.pages_per_inch = Some(508.0);
        assert_eq!(Spread::new(&print, (210.0, 297.0), 112).unwrap().spine_mm, 5.6);
        // Glue and board add their allowance to the paper's width.
        print.spine_allowance_mm = 0.8;
        let spread = Spread::new(&print, (210.0, 297.0), 112).unwrap();
        assert_eq!((spread.spine_mm, spread.paper_mm), (6.4, Some((5.6, 0.8))));
        print.spine_allowance_mm = -1.0;
        assert!(Spread::new(&print, (210.0, 297.0), 112).unwrap_err().contains("spine-allowance-mm"));
        print.spine_allowance_mm = 0.0;
        print.pages_per_inch = Some(0.0);
        assert!(Spread::new(&print, (210.0, 297.0), 112).unwrap_err().contains("pages-per-inch"));
        print.spine_mm = Some(7.25);
        assert_eq!(Spread::new(&print, (210.0, 297.0), 112).unwrap().spine_mm, 7.25, "the printer's quote stands");
        print.spine_allowance_mm = 1.0;
        assert_eq!(Spread::new(&print, (210.0, 297.0), 112).unwrap().spine_mm, 7.25, "the quote holds glue and board");
        print.spine_mm = None;
        print.pages_per_inch = None;
        print.paper_caliper_um = -3.0;
        assert!(Spread::new(&print, (210.0, 297.0), 112).unwrap_err().contains("paper-caliper-um"));
    }

    #[test]
    fn few_pages_are_stitched_many_are_glued() {
        assert!(!perfect_bound(Binding::Auto, 64));
        assert!(perfect_bound(Binding::Auto, 68));
        assert!(perfect_bound(Binding::Perfect, 8));
        assert!(!perfect_bound(Binding::SaddleStitch, 200));
    }
}
