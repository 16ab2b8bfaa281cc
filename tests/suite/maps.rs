//! Maps: projection, simplification and drawing from real inputs (being written).
