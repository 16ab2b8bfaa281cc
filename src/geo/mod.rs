//! Maps drawn from geographic data (being written).
