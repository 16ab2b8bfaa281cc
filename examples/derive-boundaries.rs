//! Derives the default edition's boundary file from Kartverket's municipal boundaries 2024
//! (CC BY 4.0): Asker whole, its neighbours clipped to the map's surroundings, simplified
//! and rounded (`rapport::inputs::geo::Derivation::default()`; see data/README.md, *Maps*).
//!
//! Run: `cargo run --example derive-boundaries [-- SOURCE.geojson [OUT.geojson]]`; the
//! source defaults to `assets/geo/asker-region-2024.geojson`, the output to
//! `data/2020-2023/maps/asker-region-2024.geojson`. A test derives it again and compares.

use std::path::PathBuf;

use rapport::inputs::geo::{Derivation, derive_region};

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1).map(PathBuf::from);
    let source = args.next().unwrap_or_else(|| root.join("assets/geo/asker-region-2024.geojson"));
    let out = args.next().unwrap_or_else(|| root.join("data/2020-2023/maps/asker-region-2024.geojson"));
    let text = std::fs::read_to_string(&source)?;
    let derived = derive_region(&text, &source, &Derivation::default())?;
    std::fs::write(&out, &derived)?;
    println!("{} → {} ({} bytes)", source.display(), out.display(), derived.len());
    Ok(())
}
