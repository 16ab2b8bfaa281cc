//! Maps: projection, simplification and drawing from real inputs.

use std::path::PathBuf;

use geo::{Area as _, BooleanOps, BoundingRect, Centroid, GeodesicArea};
use rapport::geo::*;

use crate::common::root;

fn real_file() -> PathBuf {
    root().join("../shared/data/geo/asker-region-2024.geojson")
}

#[test]
fn scratch_metrics() {
    let areas = load_boundaries(&real_file()).unwrap();
    let utm = Utm33::new().unwrap();
    let asker = areas.iter().find(|a| a.name == "Asker").unwrap();
    let p = utm.multi_polygon(&asker.shape).unwrap();
    let r = p.bounding_rect().unwrap();
    println!("bbox {:?} {:?}", r.min(), r.max());
    println!("area proj {} geodesic {}", p.unsigned_area() / 1e6, asker.shape.geodesic_area_unsigned() / 1e6);
    let schematic = load_boundaries(&root().join("data/2020-2023/maps/asker-schematic.geojson")).unwrap();
    let s = utm.multi_polygon(&schematic[0].shape).unwrap();
    let inter = s.intersection(&p).unsigned_area();
    let uni = s.union(&p).unsigned_area();
    println!("schematic area {} iou {}", s.unsigned_area() / 1e6, inter / uni);
    let (c1, c2) = (s.centroid().unwrap(), p.centroid().unwrap());
    println!("centroid distance {}", ((c1.x() - c2.x()).powi(2) + (c1.y() - c2.y()).powi(2)).sqrt());
    // where is the schematic wrong: by latitude band, area only in schematic / only in real
    let miny = r.min().y;
    for band in 0..10 {
        let y0 = miny + band as f64 * 5000.0;
        let rect = geo::Rect::new(geo::Coord { x: 0.0, y: y0 }, geo::Coord { x: 1e6, y: y0 + 5000.0 }).to_polygon();
        let sb = s.intersection(&geo::MultiPolygon::new(vec![rect.clone()]));
        let pb = p.intersection(&geo::MultiPolygon::new(vec![rect]));
        println!(
            "band {band}: only schematic {:.1} only real {:.1} both {:.1}",
            sb.difference(&pb).unsigned_area() / 1e6,
            pb.difference(&sb).unsigned_area() / 1e6,
            sb.intersection(&pb).unsigned_area() / 1e6
        );
    }
    let places = load_places(&root().join("data/2020-2023/maps/places.csv")).unwrap();
    println!("{:?}", check_places_inside(&places, &[asker], 0.0, &root().join("places.csv")));
    println!("{:?}", check_places_inside(&places, &[&schematic[0]], 0.0, &root().join("places.csv")));
}
