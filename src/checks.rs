//! Checks: the layout lint of the laid-out pages, the printer's preflight of a PDF, and the
//! checks of the fonts and SVG assets an edition uses.

pub mod assets;
pub mod finished;
pub mod fonts;
pub mod lint;
pub mod preflight;
