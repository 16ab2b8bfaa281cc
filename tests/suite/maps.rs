//! Maps: projection, simplification and drawing from real inputs — Kartverket's 2024
//! boundaries of Asker and its neighbours (`assets/geo/`, and the default edition's file
//! derived from it) and the default edition's places — and the label
//! placement, measured with the glyphs Typst sets.

use std::path::{Path, PathBuf};

use geo::{Area as _, BooleanOps, BoundingRect, Contains, GeodesicArea, Point};
use rapport::inputs::geo::*;
use resvg::usvg;

use crate::common::root;

/// Kartverket's municipal boundaries 2024 (WGS84), the source of the default edition's map data.
fn real_file() -> PathBuf {
    root().join("assets/geo/asker-region-2024.geojson")
}

fn maps_dir() -> PathBuf {
    root().join("data/2020-2023/maps")
}

fn real_areas() -> Vec<Area> {
    load_boundaries(&real_file()).expect("Kartverket's boundaries load")
}

fn real_asker(areas: &[Area]) -> &Area {
    areas.iter().find(|a| a.name == "Asker").expect("Asker is in Kartverket's boundaries")
}

/// The default edition's boundary file, derived from Kartverket's.
fn shipped_file() -> PathBuf {
    maps_dir().join("asker-region-2024.geojson")
}

/// Asker as the default edition ships it.
fn shipped_asker() -> Area {
    let areas = load_boundaries(&shipped_file()).expect("the shipped boundaries load");
    areas.into_iter().find(|a| a.name == "Asker").expect("Asker is in the shipped boundaries")
}

/// Parses an SVG the way Typst does (usvg), with the report's fonts, and returns the tree.
fn parse_svg(svg: &str) -> usvg::Tree {
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_fonts_dir(root().join("fonts"));
    usvg::Tree::from_str(svg, &options).unwrap_or_else(|e| panic!("usvg cannot parse the map: {e}"))
}

/// The texts of a usvg tree whose glyphs were found (a text without glyphs renders blank).
fn set_texts(group: &usvg::Group, out: &mut usize, blank: &mut usize) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => set_texts(g, out, blank),
            usvg::Node::Text(t) if t.flattened().children().is_empty() => *blank += 1,
            usvg::Node::Text(_) => *out += 1,
            _ => {}
        }
    }
}

/// Writes a drawn map next to the test PDF, for a look by eye.
fn keep(name: &str, svg: &str) {
    let dir = root().join("target/test-out/maps");
    std::fs::create_dir_all(&dir).expect("create target/test-out/maps");
    std::fs::write(dir.join(name), svg).expect("write the SVG");
}

// Asker lands where it should in UTM 33N (a wrong zone, radians mix-up or swapped axes would not).
#[test]
fn real_asker_projects_to_plausible_utm33_coordinates() {
    let areas = real_areas();
    let projected = Utm33::new().unwrap().multi_polygon(&real_asker(&areas).shape).unwrap();
    let bbox = projected.bounding_rect().unwrap();
    // Measured: easting 236 520 – 252 693 m, northing 6 602 362 – 6 650 012 m.
    assert!((230_000.0..240_000.0).contains(&bbox.min().x), "west edge {}", bbox.min().x);
    assert!((248_000.0..258_000.0).contains(&bbox.max().x), "east edge {}", bbox.max().x);
    assert!((6_595_000.0..6_610_000.0).contains(&bbox.min().y), "south edge {}", bbox.min().y);
    assert!((6_643_000.0..6_656_000.0).contains(&bbox.max().y), "north edge {}", bbox.max().y);
    // The peninsula runs north–south: about 16 km wide and 48 km long.
    assert!(bbox.height() > 2.5 * bbox.width(), "{} × {} m", bbox.width(), bbox.height());
}

// The projected area matches Asker's official 376 km² and its geodesic area on the ellipsoid.
#[test]
fn real_asker_area_is_kept_by_the_projection() {
    let areas = real_areas();
    let asker = real_asker(&areas);
    // UTM distorts areas by well under 1 % this close to the zone's central meridian (15° E).
    let projected = Utm33::new().unwrap().multi_polygon(&asker.shape).unwrap().unsigned_area() / 1e6;
    let geodesic = asker.shape.geodesic_area_unsigned() / 1e6;
    assert!((projected / 376.0 - 1.0).abs() < 0.03, "projected area {projected:.1} km², expected about 376");
    assert!((projected / geodesic - 1.0).abs() < 0.005, "projected {projected:.2} km² vs geodesic {geodesic:.2} km²");
}

// Every default place lies inside the real Asker boundary and inside the shipped one, and
// every school on the map is one the report names.
#[test]
fn default_places_lie_inside_real_and_shipped_asker() {
    let areas = real_areas();
    let file = maps_dir().join("places.csv");
    let places = load_places(&file).expect("places.csv loads");
    assert!(places.iter().any(|p| p.kind == PlaceKind::Kommunesenter && p.name == "Asker sentrum"));
    for name in ["Borgen", "Tofte", "Heggedal", "Holmen", "Slemmestad", "Sætre", "Asker sentrum"] {
        assert!(places.iter().any(|p| p.name == name && p.kind == PlaceKind::Innbyggertorg), "innbyggertorg {name}");
    }
    assert!(places.iter().any(|p| p.name == "Spikkestad" && p.kind == PlaceKind::InnbyggertorgKommer));
    check_places_inside(&places, &[real_asker(&areas)], 0.0, &file).expect("inside the real Asker");
    check_places_inside(&places, &[&shipped_asker()], 0.0, &file).expect("inside the shipped Asker");
    // And the loader does the same check.
    MapInput::load(&shipped_file(), Some(&file), Some("Asker")).expect("the default map loads");
    let seed = crate::common::seed();
    for school in places.iter().filter(|p| PlaceKind::SCHOOLS.contains(&p.kind)) {
        let first = school.name.split(' ').next().unwrap();
        assert!(seed.contains(first), "{} is not named in the report", school.name);
    }
}

// The shipped boundaries are what the documented derivation makes of Kartverket's file, and
// keep Asker's real shape (the Hurum peninsula, the fjord arms, the islands).
#[test]
fn shipped_boundaries_are_derived_from_kartverket() {
    let text = std::fs::read_to_string(real_file()).unwrap();
    let derived = derive_region(&text, &real_file(), &Derivation::default()).expect("the derivation runs");
    let shipped = std::fs::read_to_string(shipped_file()).unwrap();
    assert!(
        derived == shipped,
        "maps/asker-region-2024.geojson is not what `cargo run --example derive-boundaries` makes of assets/geo/asker-region-2024.geojson"
    );
    assert!(shipped.contains("Kartverket, Kommunegrenser 2024 (CC BY 4.0)"), "the file credits its source");
    assert!(shipped.len() < text.len(), "derived, not copied: {} bytes of {}", shipped.len(), text.len());
    let utm = Utm33::new().unwrap();
    let areas = real_areas();
    let real = utm.multi_polygon(&real_asker(&areas).shape).unwrap();
    let ours = utm.multi_polygon(&shipped_asker().shape).unwrap();
    let iou = ours.intersection(&real).unsigned_area() / ours.union(&real).unsigned_area();
    assert!(iou > 0.99, "intersection over union {iou:.4}");
    assert!((ours.unsigned_area() / real.unsigned_area() - 1.0).abs() < 0.01);
    assert!(ours.0.len() >= 3, "Asker keeps its islands: {} polygons", ours.0.len());
    // The neighbours are there as context, clipped to the map's surroundings.
    let names: Vec<String> = load_boundaries(&shipped_file()).unwrap().into_iter().map(|a| a.name).collect();
    for neighbour in ["Lier", "Bærum", "Drammen", "Frogn", "Nesodden", "Holmestrand", "Oslo"] {
        assert!(names.iter().any(|n| n == neighbour), "{neighbour} in {names:?}");
    }
}

// Simplifying the real boundary for print drops vertices but keeps its area within 1 %.
#[test]
fn simplification_reduces_vertices_and_keeps_area() {
    let areas = real_areas();
    let real = Utm33::new().unwrap().multi_polygon(&real_asker(&areas).shape).unwrap();
    // Kartverket's file here is medium quality (200 vertices for Asker): only small scales thin it much.
    let before = vertex_count(&real);
    // 0.3 mm at 1:250 000 is 75 m on the ground; at 1:1 000 000, 300 m.
    let report = simplify_for_print(&real, 0.004, 0.3);
    let small = simplify_for_print(&real, 0.001, 0.3);
    let tiny = simplify_for_print(&real, 0.0005, 0.3);
    assert!(
        vertex_count(&report) <= before && vertex_count(&small) < before * 3 / 4,
        "{before} → {}",
        vertex_count(&small)
    );
    assert!(vertex_count(&tiny) < vertex_count(&small) && vertex_count(&small) < vertex_count(&report));
    for simple in [&report, &small, &tiny] {
        let ratio = simple.unsigned_area() / real.unsigned_area();
        assert!((ratio - 1.0).abs() < 0.01, "area changed by {:.2} %", (ratio - 1.0) * 100.0);
    }
}

// A legend entry names its place kind by the places file's word, spaces for its hyphens, in
// any case; an entry that names no kind (areas, a line) has none.
#[test]
fn legend_entries_name_kinds_by_their_csv_words() {
    for (entry, kind) in [
        ("Kommunesenter", Some(PlaceKind::Kommunesenter)),
        ("Innbyggertorg kommer", Some(PlaceKind::InnbyggertorgKommer)),
        ("  privat   SKOLE ", Some(PlaceKind::PrivatSkole)),
        ("alternativ-skole", Some(PlaceKind::AlternativSkole)),
        ("Lokalområder", None),
        ("— Gjennomsnitt for kommunen", None),
    ] {
        assert_eq!(PlaceKind::parse(entry), kind, "{entry}");
    }
}

// The real region with neighbours and places draws as an SVG usvg parses, labels set in Inter.
#[test]
fn real_region_renders_to_svg_usvg_parses() {
    let mut map = MapInput { areas: real_areas(), highlight: Some("Asker".into()), ..MapInput::default() };
    map.places = load_places(&maps_dir().join("places.csv")).unwrap();
    let style = MapStyle { credit: "Kartverket 2024, CC BY 4.0".into(), ..MapStyle::default() };
    let svg = render_svg(&map, &style).expect("the map draws");
    keep("real-region.svg", &svg);
    assert!(svg.starts_with("<svg") && !svg.contains("href"), "standalone, no external references");
    assert!(svg.contains(r#"font-family="Inter""#));
    for text in ["Asker sentrum", "Sætre", "Kartverket 2024, CC BY 4.0", ">N<"] {
        assert!(svg.contains(text), "{text} is on the map");
    }
    // The legend is the layout's, in the edition's words: none is drawn into the map.
    assert!(!svg.contains("Innbyggertorg kommer") && !svg.contains(r#"class="legend""#), "{svg}");
    let tree = parse_svg(&svg);
    let size = tree.size();
    // 136 × 180 mm at usvg's 96 dpi.
    assert!((size.width() - 136.0 / 25.4 * 96.0).abs() < 1.0 && (size.height() - 180.0 / 25.4 * 96.0).abs() < 1.0);
    let (mut set, mut blank) = (0, 0);
    set_texts(tree.root(), &mut set, &mut blank);
    assert!(set > 20 && blank == 0, "{set} texts set, {blank} without glyphs");
}

/// The texts of a drawn map as usvg sets them with Inter's glyphs: each text and its box, in
/// millimetres (usvg works in px at 96 dpi).
fn set_text_boxes(svg: &str) -> Vec<(String, BoxMm)> {
    fn walk(group: &usvg::Group, out: &mut Vec<(String, BoxMm)>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    let r = t.abs_bounding_box();
                    let mm = 25.4 / 96.0;
                    let text: String = t.chunks().iter().map(|c| c.text()).collect();
                    let b = BoxMm {
                        x0: f64::from(r.left()) * mm,
                        y0: f64::from(r.top()) * mm,
                        x1: f64::from(r.right()) * mm,
                        y1: f64::from(r.bottom()) * mm,
                    };
                    out.push((text, b));
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(parse_svg(svg).root(), &mut out);
    out
}

/// Every collision of a drawn map, measured on the glyphs usvg (and so Typst) sets: a text
/// over another text, a label over a symbol, the legend or the north arrow, a label across
/// an outline (coast or border), a leader line through another label.
fn collisions(svg: &str, layout: &MapLayout) -> Vec<String> {
    let texts = set_text_boxes(svg);
    // A label set over two lines is one text, whose lines usvg joins without the space.
    let same = |a: &str, b: &str| a.replace(' ', "") == b.replace(' ', "");
    let labels: Vec<(&String, &BoxMm, Option<Segment>)> = texts
        .iter()
        .filter_map(|(t, b)| layout.labels.iter().find(|(n, ..)| same(n, t)).map(|(_, _, leader)| (t, b, *leader)))
        .collect();
    let mut found = Vec::new();
    if labels.len() != layout.labels.len() {
        found.push(format!("{} labels drawn, {} found among the set texts", layout.labels.len(), labels.len()));
    }
    for (i, (a, ab)) in texts.iter().enumerate() {
        for (b, bb) in &texts[i + 1..] {
            if ab.overlap(bb) > 0.0 {
                let drawn = |t: &str| layout.labels.iter().find(|(n, ..)| same(n, t)).map(|(_, b, _)| *b);
                found.push(format!("«{a}» overlaps «{b}»: set {ab:?} {bb:?}, placed {:?} {:?}", drawn(a), drawn(b)));
            }
        }
    }
    for (name, b, own) in &labels {
        if layout.symbols.iter().chain(&layout.furniture).any(|s| b.overlap(s) > 0.0) {
            found.push(format!("«{name}» lies over a symbol or the furniture"));
        }
        if layout.outline.iter().any(|s| b.crosses(s)) {
            found.push(format!("«{name}» crosses the coastline or a border"));
        }
        if layout.leaders.iter().any(|s| Some(*s) != *own && b.crosses(s)) {
            found.push(format!("a leader line runs through «{name}»"));
        }
    }
    found
}

// The default edition's two maps draw Asker's real shape, every label clear of every other
// label, symbol and the coastline, with a scale bar, a north arrow and Kartverket's credit.
#[test]
fn default_edition_maps_have_no_collisions() {
    use serde::Deserialize;
    let edition = root().join("data").join(crate::common::EDITION);
    let toml: toml::Value = toml::from_str(&std::fs::read_to_string(edition.join("edition.toml")).unwrap()).unwrap();
    let maps = toml.get("maps").and_then(|m| m.as_array()).expect("the edition's [[maps]]");
    for name in ["senterstruktur", "grunnskoler"] {
        let entry = maps.iter().find(|m| m.get("id").and_then(|i| i.as_str()) == Some(name)).expect("the map");
        let config = rapport::inputs::maps::MapConfig::deserialize(entry.clone()).expect("a [[maps]] entry");
        // Drawn as the report draws it: its size, its credit, the theme's colour tokens.
        let style = rapport::inputs::maps::token_style(&config);
        let kinds: Vec<PlaceKind> = config.kinds.iter().map(|k| PlaceKind::parse(k).unwrap()).collect();
        let places = config.places.as_ref().map(|p| edition.join(p));
        let map = MapInput::load(&edition.join(&config.boundaries), places.as_deref(), config.highlight.as_deref())
            .unwrap()
            .with_kinds(&kinds);
        assert!(!map.places.is_empty() && map.places.iter().all(|p| kinds.contains(&p.kind)));
        let (svg, layout) = render_svg_with_layout(&map, &style).expect("the map draws");
        // The layout sets the map in the theme's body font, Inter.
        let svg = svg.replace(rapport::inputs::maps::FONT_TOKEN, "Inter");
        keep(&format!("{name}.svg"), &svg);
        let found = collisions(&svg, &layout);
        assert!(found.is_empty() && layout.crowded.is_empty(), "{name}: {found:#?} {:?}", layout.crowded);
        for part in
            [r#"class="scale-bar""#, r#"class="north-arrow""#, "Kartverket, Kommunegrenser 2024 (CC BY 4.0)", "<desc>"]
        {
            assert!(svg.contains(part), "{name}: {part}");
        }
        assert!(layout.labels.len() >= 8, "{name}: {} labels", layout.labels.len());
    }
}

// 40 places in a small area (tests/fixtures/maps/dense): no label overlaps another label, a
// symbol or the coastline; labels that cannot sit by their point get a leader line.
#[test]
fn dense_map_labels_never_collide() {
    let dir = root().join("tests/fixtures/maps/dense");
    let map = MapInput::load(&dir.join("area.geojson"), Some(&dir.join("places.csv")), Some("Utsnitt")).unwrap();
    let names: std::collections::HashSet<&str> = map.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 40);
    let (svg, layout) = render_svg_with_layout(&map, &MapStyle::default()).expect("the map draws");
    keep("dense.svg", &svg);
    assert_eq!(layout.labels.len(), 40);
    let found = collisions(&svg, &layout);
    assert!(found.is_empty() && layout.crowded.is_empty(), "{found:#?} crowded: {:?}", layout.crowded);
    assert!(!layout.leaders.is_empty(), "a crowded map needs leader lines");
    // Each leader starts at its symbol and ends at its label.
    for ((x0, y0), (x1, y1)) in &layout.leaders {
        let near = |x: f64, y: f64, b: &BoxMm| x >= b.x0 - 1.5 && x <= b.x1 + 1.5 && y >= b.y0 - 1.5 && y <= b.y1 + 1.5;
        assert!(layout.symbols.iter().any(|s| near(*x0, *y0, s)), "leader from ({x0}, {y0})");
        assert!(layout.labels.iter().any(|(_, b, _)| near(*x1, *y1, b)), "leader to ({x1}, {y1})");
    }
}

/// The error for a places CSV with these lines after the header.
fn places_error(body: &str) -> MapError {
    parse_places(format!("{PLACES_HEADER}\n{body}").as_bytes(), Path::new("maps/places.csv")).unwrap_err()
}

// A bad coordinate or CSV line names file, line, column, what was expected and what was found.
#[test]
fn bad_coordinates_are_named() {
    let err = places_error("Asker sentrum;kommunesenter;59,8333;10.435\n");
    assert!(matches!(err, MapError::Line { line: 2, column: 29, .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.starts_with("maps/places.csv:2:29: expected a latitude"), "{text}");
    assert!(text.contains("found `59,8333`") && text.contains("`59.8333`"), "{text}");
    for (body, found) in [
        ("A;lokalsenter;NaN;10.4\n", "found `NaN`"),
        ("A;lokalsenter;59.8;inf\n", "found `inf`"),
        ("A;lokalsenter;95;10.4\n", "between -90 and 90"),
        ("A;lokalsenter;59.8;\n", "found ``"),
        ("A;lokalsenter;59.8\n", "expected 4 cells"),
        ("A;torg;59.8;10.4\n", "found `torg`"),
        (";lokalsenter;59.8;10.4\n", "expected a place name"),
    ] {
        let err = places_error(body).to_string();
        assert!(err.starts_with("maps/places.csv:2:") && err.contains(found), "{body:?}: {err}");
    }
    let header = parse_places(b"navn;type;lat;lon\n", Path::new("p.csv")).unwrap_err().to_string();
    assert!(header.starts_with("p.csv:1:1: expected the header `name;kind;lat;lon`"), "{header}");
    for empty in [&b""[..], b"name;kind;lat;lon\n"] {
        assert!(matches!(parse_places(empty, Path::new("p.csv")), Err(MapError::Empty { .. })));
    }
}

// A place outside the boundary is named with its line and distance; swapped lat/lon get a hint.
#[test]
fn place_outside_the_boundary_is_named() {
    let areas = real_areas();
    let asker = real_asker(&areas);
    let file = Path::new("maps/places.csv");
    // Drøbak lies across the fjord, in Frogn.
    let places = parse_places(
        format!("{PLACES_HEADER}\nSætre;lokalsenter;59.683;10.52\nDrøbak;lokalsenter;59.663;10.630\n").as_bytes(),
        file,
    )
    .unwrap();
    let err = check_places_inside(&places, &[asker], 0.0, file).unwrap_err();
    let MapError::Outside { line, ref place, distance_m, .. } = err else { panic!("{err:?}") };
    assert_eq!((line, place.as_str()), (3, "Drøbak"));
    assert!((500.0..5000.0).contains(&distance_m), "{distance_m} m");
    assert!(
        err.to_string().starts_with("maps/places.csv:3:1: expected `Drøbak` inside the boundary of Asker"),
        "{err}"
    );
    // A generous tolerance lets it pass, as for a coarse coast.
    check_places_inside(&places, &[asker], 10_000.0, file).unwrap();
    let swapped =
        parse_places(format!("{PLACES_HEADER}\nAsker;kommunesenter;10.435;59.8333\n").as_bytes(), file).unwrap();
    let err = check_places_inside(&swapped, &[asker], 0.0, file).unwrap_err().to_string();
    assert!(err.contains("look swapped"), "{err}");
}

/// The error for this GeoJSON text.
fn geojson_error(text: &str) -> String {
    parse_boundaries(text, Path::new("maps/omriss.geojson")).unwrap_err().to_string()
}

// Malformed or unusable GeoJSON gives an error naming the file and the line or feature.
#[test]
fn bad_geojson_is_named() {
    let err = geojson_error("{\"type\": \"FeatureCollection\",\n \"features\": [\n}");
    assert!(err.starts_with("maps/omriss.geojson:3:1: expected a GeoJSON FeatureCollection"), "{err}");
    let one = |props: &str, geometry: &str| {
        format!(r#"{{"type": "Feature", "properties": {props}, "geometry": {geometry}}}"#)
    };
    let collection =
        |features: &[String]| format!(r#"{{"type": "FeatureCollection", "features": [{}]}}"#, features.join(", "));
    let feature = |props: &str, geometry: &str| collection(&[one(props, geometry)]);
    let square = r#"{"type": "Polygon", "coordinates": [[[10, 59], [11, 59], [11, 60], [10, 59]]]}"#;
    parse_boundaries(&feature(r#"{"name": "A"}"#, square), Path::new("x")).expect("a good feature");
    for (props, geometry, expected) in [
        (
            r#"{"name": "A"}"#,
            r#"{"type": "LineString", "coordinates": [[10, 59], [11, 60]]}"#,
            "feature 0 (`A`): expected a Polygon or MultiPolygon geometry, found a LineString",
        ),
        (r#"{"name": "A"}"#, r#"{"type": "Point", "coordinates": [10, 59]}"#, "found a Point"),
        (r#"{"name": "A"}"#, "null", "found none"),
        (r#"{"navn": "A"}"#, square, "feature 0: expected a `name` property, found none"),
        (r#"{"name": 3}"#, square, "expected a `name` property with text, found `3`"),
        (
            r#"{"name": "A"}"#,
            r#"{"type": "Polygon", "coordinates": [[[10, 59], [11, 59], [11, 60], [10, 60]]]}"#,
            "expected a closed ring",
        ),
        (
            r#"{"name": "A"}"#,
            r#"{"type": "Polygon", "coordinates": [[[10, 59], [11, 59], [10, 59]]]}"#,
            "at least 4 positions, found 3",
        ),
        (
            r#"{"name": "A"}"#,
            r#"{"type": "Polygon", "coordinates": [[[10, 59], [11, 99], [11, 60], [10, 59]]]}"#,
            "found [11, 99]",
        ),
        (r#"{"name": "A"}"#, r#"{"type": "Polygon", "coordinates": []}"#, "found no rings"),
    ] {
        let err = geojson_error(&feature(props, geometry));
        assert!(err.starts_with("maps/omriss.geojson: feature 0") && err.contains(expected), "{expected}: {err}");
    }
    // JSON has no NaN: it is a syntax error with its position.
    let nan = geojson_error(&feature(r#"{"name": "A"}"#, r#"{"type": "Polygon", "coordinates": [[[NaN, 59]]]}"#));
    assert!(nan.starts_with("maps/omriss.geojson:1:"), "{nan}");
    let twice = collection(&[one(r#"{"name": "A"}"#, square), one(r#"{"name": "A"}"#, square)]);
    let err = geojson_error(&twice);
    assert!(err.contains("feature 1 (`A`): expected a unique `name`"), "{err}");
    for empty in ["", "  \n", r#"{"type": "FeatureCollection", "features": []}"#] {
        assert!(matches!(parse_boundaries(empty, Path::new("x")), Err(MapError::Empty { .. })), "{empty:?}");
    }
    let missing = MapInput::load(Path::new("maps/finnes-ikke.geojson"), None, None).unwrap_err().to_string();
    assert!(missing.starts_with("maps/finnes-ikke.geojson: cannot read this file"), "{missing}");
    let not_there = MapInput::load(&real_file(), None, Some("Hurum")).unwrap_err().to_string();
    assert!(not_there.contains("expected a feature named `Hurum`, found Oslo, Vestby, Asker"), "{not_there}");
}

// Truncated files, odd bytes, degenerate shapes and bad styles give errors, never a panic.
#[test]
fn no_input_panics() {
    let good = std::fs::read_to_string(shipped_file()).unwrap();
    for cut in (0..good.len()).step_by(37).filter(|&i| good.is_char_boundary(i)) {
        let _ = parse_boundaries(&good[..cut], Path::new("x"));
    }
    let places = std::fs::read(maps_dir().join("places.csv")).unwrap();
    for cut in (0..places.len()).step_by(13) {
        let _ = parse_places(&places[..cut], Path::new("x"));
    }
    for bytes in [
        &b"\xff\xfe\x00"[..],
        b"name;kind;lat;lon\n\"open;quote\n",
        b"\n\n\n",
        b"name;kind;lat;lon\nA;lokalsenter;1e400;0\n",
    ] {
        let _ = parse_places(bytes, Path::new("x"));
    }
    // A degenerate area (all one point) and a tiny one draw or fail cleanly.
    let point = r#"{"type": "Feature", "properties": {"name": "P"}, "geometry": {"type": "Polygon", "coordinates": [[[10, 59], [10, 59], [10, 59], [10, 59]]]}}"#;
    let areas = parse_boundaries(point, Path::new("x")).unwrap();
    assert!(render_svg(&MapInput { areas, ..MapInput::default() }, &MapStyle::default()).is_err());
    let asker_map = MapInput { areas: vec![shipped_asker()], ..MapInput::default() };
    for style in [
        MapStyle { width_mm: 0.0, ..MapStyle::default() },
        MapStyle { height_mm: f64::NAN, ..MapStyle::default() },
        MapStyle { margin_mm: 100.0, ..MapStyle::default() },
        MapStyle { land: "teal".into(), ..MapStyle::default() },
    ] {
        assert!(matches!(render_svg(&asker_map, &style), Err(MapError::Options { .. })), "{style:?}");
    }
    let tiny = MapStyle { width_mm: 5.0, height_mm: 5.0, margin_mm: 0.0, ..MapStyle::default() };
    let _ = render_svg(&asker_map, &tiny);
    assert!(render_svg(&MapInput::default(), &MapStyle::default()).is_err());
    let far = MapInput { highlight: Some("Lier".into()), ..asker_map };
    assert!(render_svg(&far, &MapStyle::default()).is_err());
    // Far from zone 33 the projection still gives numbers or an error, not a panic.
    let utm = Utm33::new().unwrap();
    for (lon, lat) in [(-179.0, 89.9), (179.0, -89.9), (0.0, 0.0)] {
        let _ = utm.point(geo::Coord { x: lon, y: lat });
    }
    assert!(shipped_asker().shape.contains(&Point::new(10.435, 59.8333)));
}

/// The fixture project with a map `sentre` of Asker (the shipped boundaries) with these
/// places, shown by a `::: map` block with this legend.
fn project_with_map(places: &str, legend: &str) -> tempfile::TempDir {
    use std::fs;
    let project = crate::common::fixture_project();
    let dir = project.path().join("data/mini");
    fs::create_dir_all(dir.join("maps")).unwrap();
    fs::copy(shipped_file(), dir.join("maps/omriss.geojson")).unwrap();
    fs::write(dir.join("maps/steder.csv"), format!("name;kind;lat;lon\n{places}")).unwrap();
    let toml = fs::read_to_string(dir.join("edition.toml")).unwrap()
        + "\n[[maps]]\nid = \"sentre\"\nboundaries = \"maps/omriss.geojson\"\nplaces = \"maps/steder.csv\"\nkinds = [\"kommunesenter\", \"lokalsenter\", \"barneskole\"]\nhighlight = \"Asker\"\ncredit = \"Kartverket\"\n";
    fs::write(dir.join("edition.toml"), toml).unwrap();
    let text = fs::read_to_string(dir.join("chapters/en.md")).unwrap()
        + &format!("\n::: map\nid = \"sentre\"\ntitle = \"SENTRE\"\nlegend = {legend}\n:::\n");
    fs::write(dir.join("chapters/en.md"), text).unwrap();
    project
}

// A place outside the municipality is a `rapport check` error naming the file and the place.
#[test]
fn check_reports_a_place_outside_the_map() {
    let project = project_with_map(
        "Asker sentrum;kommunesenter;59.8333;10.4356\nDrøbak;lokalsenter;59.6628;10.6300\n",
        r#"["Kommunesenter", "Lokalsenter"]"#,
    );
    let session = rapport::typeset::session::Session::open(project.path(), "mini").unwrap();
    let problems = session.problems.to_string();
    assert!(problems.contains("steder.csv:3") && problems.contains("Drøbak"), "{problems}");
}

// A legend entry the map draws nothing of is left out of the legend, and `rapport check`
// names it as a warning at its block.
#[test]
fn legend_lists_only_what_is_drawn() {
    let project = project_with_map(
        "Asker sentrum;kommunesenter;59.8333;10.4356\nHeggedal;lokalsenter;59.7860;10.4440\n",
        r#"["Kommunesenter", "Lokalsenter", "Barneskole", "Lokalområder"]"#,
    );
    let session = rapport::typeset::session::Session::open(project.path(), "mini").unwrap();
    assert!(session.problems.is_empty(), "{}", session.problems);
    let warnings = session.warnings.to_string();
    for entry in ["«Barneskole»", "«Lokalområder»"] {
        assert!(warnings.contains(entry) && warnings.contains("left out of the legend"), "{entry}: {warnings}");
    }
    assert!(!warnings.contains("«Lokalsenter»"), "{warnings}");
    let model = serde_json::to_string(&session.model).unwrap();
    assert!(model.contains(r#""legend":["Kommunesenter","Lokalsenter"]"#), "{model}");
    assert!(model.contains(r#""legend-kinds":["kommunesenter","lokalsenter"]"#), "{model}");
    let (code, _, stderr) = crate::common::rapport(project.path(), &["check", "--edition", "mini"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning") && stderr.contains("«Lokalområder»") && stderr.contains("chapters/en.md"),
        "{stderr}"
    );
    assert!(!stderr.contains("ikke i kartdataene"), "{stderr}");
}

// In the report, each map is a figure whose alt text names the places it shows, and stays
// vector: no picture on the map pages.
#[test]
fn report_maps_have_alt_text_with_their_places() {
    let report = crate::common::report();
    let doc = lopdf::Document::load(&report.pdf).expect("the report loads");
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| lopdf::decode_text_string(a).ok())
        .filter(|t| t.starts_with("Kart: "))
        .collect();
    let centres = alts.iter().find(|a| a.contains("SENTERSTRUKTUR")).expect("the centre map's alt text");
    assert!(centres.contains("Stedene på kartet: Asker sentrum, Borgen, Holmen"), "{centres}");
    let schools = alts.iter().find(|a| a.contains("GRUNNSKOLER")).expect("the school map's alt text");
    assert!(schools.contains("Hvalstad skole") && schools.contains("Risenga ungdomsskole"), "{schools}");
    let pages = doc.get_pages();
    let kart = report.chapter_pages.iter().find(|(slug, _)| slug == "kart").expect("the chapter Kart").1 as u32;
    for page in [kart, kart + 1] {
        let id = pages[&page];
        let images = doc.get_page_images(id).map(|i| i.len()).unwrap_or(0);
        assert_eq!(images, 0, "page {page} has {images} picture(s)");
    }
}

// The layout's `themed-svg` replaces every placeholder a map is drawn in (the list Rust
// serves at /maps/tokens.json): the report's maps keep none of them.
#[test]
fn themed_maps_keep_no_placeholder() {
    let mut session =
        rapport::typeset::session::Session::open(&root(), crate::common::EDITION).expect("the edition opens");
    let generated = session.edition.generated.clone();
    // The drawings hold placeholders: the check sees what it looks for.
    assert!(
        generated
            .iter()
            .any(|(_, svg)| String::from_utf8_lossy(svg).contains(rapport::inputs::maps::THEME_TOKENS[8].1))
    );
    let themed = rapport::typeset::theme::themed_maps(&mut session.world, &generated).expect("the maps are themed");
    assert!(
        !themed.is_empty() && themed.len() == generated.len(),
        "{} of {} maps themed",
        themed.len(),
        generated.len()
    );
    for (path, svg) in themed {
        for (name, token) in rapport::inputs::maps::THEME_TOKENS {
            assert!(!svg.contains(token), "{path}: the placeholder of `{name}` ({token}) is left");
        }
        assert!(!svg.contains(rapport::inputs::maps::FONT_TOKEN), "{path}: the font placeholder is left");
    }
}

/// A colour of `theme.colors` as `#rrggbb`, read from layout/theme.typ (`name: rgb("#…")`).
fn theme_colour(name: &str) -> String {
    let theme = std::fs::read_to_string(root().join("layout/theme.typ")).unwrap();
    let line = theme
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{name}: rgb(\"#")))
        .unwrap_or_else(|| panic!("theme.colors.{name}"));
    let at = line.find("#").unwrap();
    line[at..at + 7].to_lowercase()
}

/// The WCAG contrast ratio of two `#rrggbb` colours.
fn wcag_contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The value of attribute `name` in the SVG element `element`.
fn svg_attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let at = element.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&element[at..at + element[at..].find('"')?])
}

// Auditor, session 10 (1, WCAG 1.4.11): on the default edition's maps, drawn in the theme's
// colours (layout/theme.typ through the placeholders), every place symbol of every kind stands
// 3:1 against land, water and neighbours by its fill or its edge (the innbyggertorg squares
// were 2.75:1 on the sea), and the coastline (the areas' outline) stands 3:1 against all three.
#[test]
fn s10_map_symbols_and_the_coast_stand_three_to_one() {
    use serde::Deserialize;
    let edition = root().join("data").join(crate::common::EDITION);
    let toml: toml::Value = toml::from_str(&std::fs::read_to_string(edition.join("edition.toml")).unwrap()).unwrap();
    let maps = toml.get("maps").and_then(|m| m.as_array()).expect("the edition's [[maps]]");
    let mut kinds_seen = std::collections::BTreeSet::new();
    // The edition's places draw six kinds: a file of its own places, each another kind, draws
    // every kind the maps know.
    let dir = tempfile::tempdir().unwrap();
    let every = dir.path().join("every-kind.csv");
    let own = std::fs::read_to_string(edition.join("maps/places.csv")).unwrap();
    let mut spots: Vec<&str> = own.lines().skip(1).map(|l| l.splitn(3, ';').nth(2).unwrap()).collect();
    spots.dedup();
    let rows: Vec<String> =
        PlaceKind::ALL.iter().zip(&spots).enumerate().map(|(i, (k, at))| format!("Sted {i};{};{at}", k.id())).collect();
    std::fs::write(&every, format!("name;kind;lat;lon\n{}\n", rows.join("\n"))).unwrap();
    for name in ["senterstruktur", "grunnskoler", "every-kind"] {
        let id = if name == "every-kind" { "senterstruktur" } else { name };
        let entry = maps.iter().find(|m| m.get("id").and_then(|i| i.as_str()) == Some(id)).expect("the map");
        let config = rapport::inputs::maps::MapConfig::deserialize(entry.clone()).expect("a [[maps]] entry");
        let style = rapport::inputs::maps::token_style(&config);
        let kinds: Vec<PlaceKind> = if name == "every-kind" {
            PlaceKind::ALL.to_vec()
        } else {
            config.kinds.iter().map(|k| PlaceKind::parse(k).unwrap()).collect()
        };
        let places =
            if name == "every-kind" { Some(every.clone()) } else { config.places.as_ref().map(|p| edition.join(p)) };
        let map = MapInput::load(&edition.join(&config.boundaries), places.as_deref(), config.highlight.as_deref())
            .unwrap()
            .with_kinds(&kinds);
        let mut svg = render_svg(&map, &style).expect("the map draws");
        for (colour, token) in rapport::inputs::maps::THEME_TOKENS {
            svg = svg.replace(token, &theme_colour(colour));
        }
        // The grounds: the sea (the first rectangle), the highlighted area, its neighbours.
        let water = svg_attr(&svg[svg.find("</defs><rect").unwrap()..], "fill").unwrap().to_string();
        let areas: Vec<&str> = svg.split("<path data-name=").skip(1).map(|p| &p[..p.find("/>").unwrap()]).collect();
        let land = svg_attr(areas.iter().find(|a| a.starts_with("\"Asker\"")).unwrap(), "fill").unwrap().to_string();
        let grounds: Vec<String> =
            areas.iter().map(|a| svg_attr(a, "fill").unwrap().to_string()).chain([water]).collect();
        assert!(grounds.contains(&land));
        for area in &areas {
            let coast = svg_attr(area, "stroke").unwrap();
            for ground in &grounds {
                assert!(wcag_contrast(coast, ground) >= 3.0, "{name}: the outline {coast} on {ground}");
            }
        }
        // Each symbol: its outermost shape, by its fill or its edge.
        let places = &svg[svg.find("<g class=\"places\">").unwrap()..];
        let symbols: Vec<&str> = places.split("<g class=\"symbol\"").skip(1).collect();
        assert!(symbols.len() >= 5, "{name}: {} symbols", symbols.len());
        for symbol in symbols {
            let kind = svg_attr(symbol, "data-kind").unwrap();
            kinds_seen.insert(kind.to_string());
            let shape = &symbol[symbol.find("><").unwrap() + 1..];
            let shape = &shape[..shape.find("/>").unwrap()];
            for ground in &grounds {
                let fill =
                    svg_attr(shape, "fill").filter(|f| f.starts_with('#')).map_or(0.0, |f| wcag_contrast(f, ground));
                let edge = svg_attr(shape, "stroke").map_or(0.0, |s| wcag_contrast(s, ground));
                assert!(fill.max(edge) >= 3.0, "{name}: a {kind} on {ground}: fill {fill:.2}, edge {edge:.2}: {shape}");
                // A symbol filled in colour stands by its fill alone (the auditor measured fills).
                let coloured =
                    svg_attr(shape, "fill").is_some_and(|f| f.starts_with('#') && !f.eq_ignore_ascii_case("#ffffff"));
                assert!(!coloured || fill >= 3.0, "{name}: a {kind} filled {fill:.2}:1 on {ground}: {shape}");
            }
        }
    }
    assert_eq!(kinds_seen.len(), 8, "every kind of place: {kinds_seen:?}");
}
