//! The web edition's fonts: an OpenType font (Inter, from `fonts/`) served as a WOFF2 file
//! that holds only the glyphs the site's pages use, with what a browser needs to set them as
//! the PDF does — the characters' map (`cmap`), the kerning of every pair of those glyphs
//! (`kern`), the contextual alternates a neighbour calls (`calt`: Inter raises a dash between
//! figures, a hyphen or parenthesis beside capitals) and the tabular figures the tables ask
//! for (`tnum`). Same font and characters, same bytes.
//!
//! The outlines, metrics and names are cut down by `subsetter` (the subsetter Typst uses for
//! the PDF, which leaves out what a PDF does not need: `cmap`, `OS/2` and the layout tables);
//! this module adds those back for the kept glyphs, measuring kerning, alternates and tabular
//! figures by shaping with `rustybuzz` (Typst's shaper) so that they are the original font's, and
//! writes the result as WOFF2 (the table data as one Brotli stream, no transforms: a CFF font
//! has none to apply).

use std::collections::{BTreeMap, BTreeSet};

use rustybuzz::ttf_parser;
use write_fonts::tables::gpos::builders::{PairPosBuilder, ValueRecordBuilder};
use write_fonts::tables::gpos::{Gpos, PositionLookup, PositionLookupList};
use write_fonts::tables::gsub::builders::SingleSubBuilder;
use write_fonts::tables::gsub::{Gsub, SubstitutionLookup, SubstitutionLookupList};
use write_fonts::tables::layout::builders::Builder;
use write_fonts::tables::layout::{
    ChainedSequenceContext, CoverageTable, Feature, FeatureList, FeatureRecord, LangSys, Lookup, LookupFlag, Script,
    ScriptList, ScriptRecord, SequenceLookupRecord,
};
use write_fonts::tables::variations::ivs_builder::VariationStoreBuilder;
use write_fonts::types::{GlyphId, GlyphId16, Tag};

/// What a subset holds: its glyph count, kerning pairs, contextual alternates and tabular
/// figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Subset {
    /// The WOFF2 file.
    pub woff2: Vec<u8>,
    /// Glyphs in the subset, `.notdef` included.
    pub glyphs: usize,
    /// Kerning pairs kept (pairs of the subset's glyphs the font kerns).
    pub kerning_pairs: usize,
    /// Figures with a tabular form kept for `font-variant-numeric: tabular-nums`.
    pub tabular: usize,
    /// Glyphs with an alternate their neighbour calls, each (glyph, alternate) once.
    pub alternates: usize,
}

/// Characters a browser may set with the font on any page, used or not: printable ASCII (its
/// digits and full stop number an ordered list), the list bullets and the hyphen `hyphens:
/// auto` adds.
pub fn always_kept() -> impl Iterator<Item = char> {
    (' '..='~').chain(['\u{a0}', '•', '◦', '▪', '‐', '–', '…'])
}

/// The characters of some pages' text (tags and attributes included, numeric entities read),
/// with each letter's other case (`text-transform: uppercase` sets a text's capitals) and
/// [`always_kept`].
pub fn characters_of<'a>(pages: impl IntoIterator<Item = &'a str>) -> BTreeSet<char> {
    static ENTITY: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").unwrap());
    let mut found = std::collections::HashSet::new();
    for page in pages {
        found.extend(page.chars());
        if page.contains("&#") {
            found.extend(ENTITY.captures_iter(page).filter_map(|c| {
                let code = match c[1].strip_prefix('x') {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => c[1].parse().ok()?,
                };
                char::from_u32(code)
            }));
        }
    }
    let mut chars: BTreeSet<char> = always_kept().collect();
    for c in found {
        chars.insert(c);
        chars.extend(c.to_uppercase());
        chars.extend(c.to_lowercase());
    }
    chars.retain(|c| !c.is_control());
    chars
}

/// The subsets made so far, by the hash of their font and characters: `rapport watch --web`
/// builds the site on every save, and makes a font again only when the pages' characters
/// change (setting every pair of them takes a second or two a font).
static SUBSETS: crate::memo::Memo<Subset> = crate::memo::Memo::new(16);

/// The OpenType font `otf` as a WOFF2 file of the glyphs of `chars` (those the font has).
pub fn woff2_subset(otf: &[u8], chars: &BTreeSet<char>) -> Result<Subset, String> {
    SUBSETS.get_or_try(typst::utils::hash128(&(otf, chars)), || subset(otf, chars))
}

fn subset(otf: &[u8], chars: &BTreeSet<char>) -> Result<Subset, String> {
    let face = rustybuzz::Face::from_slice(otf, 0).ok_or("not an OpenType font")?;
    // The characters the font has, each with its glyph; none that is default-ignorable (a
    // browser draws nothing for a soft hyphen, and the font's glyph for it, given its
    // features, would show as a gap).
    let mapped: Vec<(char, u16)> = chars
        .iter()
        .filter(|&&c| !ignorable(c))
        .filter_map(|&c| face.glyph_index(c).map(|g| (c, g.0)))
        .filter(|(_, g)| *g != 0)
        .collect();
    let tabular = tabular_figures(&face, &mapped);
    let Pairs { kerning, calls } = pairs(&face, &mapped);
    // Each (glyph, alternate) a context calls, numbered: its single substitution's lookup.
    let alternates: BTreeSet<(u16, u16)> = calls.keys().map(|c| (c.glyph, c.alternate)).collect();
    let space_glyph = face.glyph_index(' ').map(|g| g.0);

    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    let mut kept: BTreeSet<u16> = mapped.iter().map(|(_, g)| *g).collect();
    kept.extend(tabular.values());
    kept.extend(alternates.iter().map(|(_, to)| *to));
    for glyph in &kept {
        remapper.remap(*glyph);
    }
    let new = |g: u16| GlyphId16::new(remapper.get(g).expect("a kept glyph is remapped"));
    let sfnt = subsetter::subset(otf, 0, &remapper).map_err(|err| format!("cannot subset the font: {err}"))?;
    let mut tables = read_tables(&sfnt)?;

    let cmap = write_fonts::tables::cmap::Cmap::from_mappings(
        mapped.iter().map(|&(c, g)| (c, GlyphId::new(u32::from(new(g).to_u16())))),
    )
    .map_err(|err| format!("cannot map the characters: {err}"))?;
    tables.insert(*b"cmap", dump(&cmap)?);

    // OS/2 as the font has it, with its first and last character those of the subset.
    if let Some(os2) = face.raw_face().table(ttf_parser::Tag::from_bytes(b"OS/2")) {
        let mut os2 = os2.to_vec();
        let bmp: Vec<u16> = mapped.iter().filter_map(|(c, _)| u16::try_from(u32::from(*c)).ok()).collect();
        if os2.len() >= 68 && !bmp.is_empty() {
            os2[64..66].copy_from_slice(&bmp.iter().min().unwrap().to_be_bytes());
            os2[66..68].copy_from_slice(&bmp.iter().max().unwrap().to_be_bytes());
        }
        tables.insert(*b"OS/2", os2);
    }

    let mut pairs = PairPosBuilder::default();
    for (&(first, second), &value) in &kerning {
        pairs.insert_pair(
            new(first),
            ValueRecordBuilder::new().with_x_advance(value),
            new(second),
            ValueRecordBuilder::new(),
        );
    }
    let mut store = VariationStoreBuilder::new(0);
    if !kerning.is_empty() {
        let lookup = PositionLookup::Pair(Lookup::new(LookupFlag::empty(), pairs.build(&mut store)));
        let kern = FeatureList::new(vec![FeatureRecord::new(Tag::new(b"kern"), Feature::new(None, vec![0]))]);
        let gpos = Gpos::new(scripts(1), kern, PositionLookupList::new(vec![lookup]));
        tables.insert(*b"GPOS", dump(&gpos)?);
    }
    // GSUB: calt's contexts (lookup 0) calling a single substitution each (lookups 1…n), then
    // tnum's figures (lookup n + 1).
    let mut single = |pairs: &mut dyn Iterator<Item = (u16, u16)>| {
        let mut builder = SingleSubBuilder::default();
        for (from, to) in pairs {
            builder.insert(new(from), new(to));
        }
        SubstitutionLookup::Single(Lookup::new(LookupFlag::empty(), builder.build(&mut store)))
    };
    let mut lookups = Vec::new();
    let mut feature_lookups: Vec<(&[u8; 4], u16)> = Vec::new();
    if !alternates.is_empty() {
        let coverage = |glyphs: &BTreeSet<u16>| glyphs.iter().map(|&g| new(g)).collect::<CoverageTable>();
        let call = |pair: &(u16, u16)| {
            let index = alternates.iter().position(|a| a == pair).expect("a numbered alternate");
            vec![SequenceLookupRecord::new(0, index as u16 + 1)]
        };
        // First every context that keeps the glyph as it is (a rule that calls no lookup stops
        // the others there), then the alternates by the neighbour that calls them.
        let one = |g: u16| coverage(&BTreeSet::from([g]));
        let (mut ignore, mut rules) = (Vec::new(), Vec::new());
        for (call_key, groups) in &calls {
            let Call { glyph, alternate, side, space } = *call_key;
            for (stops, neighbours) in groups {
                // The space between where there is one, then the neighbour: the order of both a
                // lookahead and a backtrack (nearest first).
                let mut near: Vec<CoverageTable> = space_glyph.filter(|_| space).map(one).into_iter().collect();
                near.push(coverage(neighbours));
                let (back, ahead) = match side {
                    Side::Before => (vec![], near),
                    Side::After => (near, vec![]),
                };
                if !stops.is_empty() {
                    let (b, a) = match side {
                        Side::Before => (vec![coverage(stops)], ahead.clone()),
                        Side::After => (back.clone(), vec![coverage(stops)]),
                    };
                    ignore.push(ChainedSequenceContext::format_3(b, vec![one(glyph)], a, vec![]));
                }
                rules.push(ChainedSequenceContext::format_3(back, vec![one(glyph)], ahead, call(&(glyph, alternate))));
            }
        }
        let subtables = ignore.into_iter().chain(rules).map(Into::into).collect();
        lookups.push(SubstitutionLookup::ChainContextual(Lookup::new(LookupFlag::empty(), subtables)));
        for pair in &alternates {
            lookups.push(single(&mut std::iter::once(*pair)));
        }
        feature_lookups.push((b"calt", 0));
    }
    if !tabular.is_empty() {
        lookups.push(single(&mut tabular.iter().map(|(a, b)| (*a, *b))));
        feature_lookups.push((b"tnum", lookups.len() as u16 - 1));
    }
    if !lookups.is_empty() {
        let list = FeatureList::new(
            feature_lookups
                .iter()
                .map(|(tag, lookup)| FeatureRecord::new(Tag::new(tag), Feature::new(None, vec![*lookup])))
                .collect(),
        );
        let gsub = Gsub::new(scripts(feature_lookups.len()), list, SubstitutionLookupList::new(lookups));
        tables.insert(*b"GSUB", dump(&gsub)?);
    }
    // head: bit 11 of its flags says the font went through a WOFF2 encoder.
    let head = tables.get_mut(b"head").ok_or("the subset has no head table")?;
    if head.len() < 54 {
        return Err("the subset's head table is short".into());
    }
    let flags = u16::from_be_bytes([head[16], head[17]]) | 1 << 11;
    head[16..18].copy_from_slice(&flags.to_be_bytes());

    let woff2 = woff2(&tables)?;
    Ok(Subset {
        woff2,
        glyphs: kept.len() + 1,
        kerning_pairs: kerning.len(),
        tabular: tabular.len(),
        alternates: alternates.len(),
    })
}

fn dump<T: write_fonts::FontWrite + write_fonts::validate::Validate>(table: &T) -> Result<Vec<u8>, String> {
    write_fonts::dump_table(table).map_err(|err| format!("cannot write a font table: {err}"))
}

/// The default script and Latin, each with every one of `features` features.
fn scripts(features: usize) -> ScriptList {
    let script = || Script::new(Some(LangSys::new((0..features as u16).collect())), vec![]);
    ScriptList::new(vec![
        ScriptRecord::new(Tag::new(b"DFLT"), script()),
        ScriptRecord::new(Tag::new(b"latn"), script()),
    ])
}

/// A shaper set up as a browser sets Norwegian text, with some features on or off.
struct Shaper<'a> {
    face: &'a rustybuzz::Face<'a>,
    plan: rustybuzz::ShapePlan,
}

impl<'a> Shaper<'a> {
    fn new(face: &'a rustybuzz::Face<'a>, features: &[rustybuzz::Feature]) -> Self {
        let language: rustybuzz::Language = "nb".parse().expect("a language tag");
        let plan = rustybuzz::ShapePlan::new(
            face,
            rustybuzz::Direction::LeftToRight,
            Some(rustybuzz::script::LATIN),
            Some(&language),
            features,
        );
        Shaper { face, plan }
    }

    /// Each glyph of `text` with its advance.
    fn shape(&self, text: &str) -> Vec<(u16, i32)> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        buffer.set_language("nb".parse().expect("a language tag"));
        let shaped = rustybuzz::shape_with_plan(self.face, &self.plan, buffer);
        shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(i, p)| (i.glyph_id as u16, p.x_advance))
            .collect()
    }
}

/// Features off while measuring: the ligatures, compositions and local forms the subset does
/// not keep (Inter's are of arrows, marks and other languages).
fn plain() -> Vec<rustybuzz::Feature> {
    [b"liga", b"clig", b"rlig", b"ccmp", b"locl"]
        .iter()
        .map(|t| rustybuzz::Feature::new(ttf_parser::Tag::from_bytes(t), 0, ..))
        .collect()
}

/// Each kept glyph's tabular form, where `tnum` gives it one.
fn tabular_figures(face: &rustybuzz::Face, mapped: &[(char, u16)]) -> BTreeMap<u16, u16> {
    let mut on = plain();
    on.push(rustybuzz::Feature::new(ttf_parser::Tag::from_bytes(b"tnum"), 1, ..));
    let shaper = Shaper::new(face, &on);
    let mut out = BTreeMap::new();
    for &(c, glyph) in mapped {
        if let [(tabular, _)] = shaper.shape(c.encode_utf8(&mut [0; 4]))[..]
            && tabular != glyph
            && tabular != 0
        {
            out.insert(glyph, tabular);
        }
    }
    out
}

/// What setting every ordered pair of the kept characters shows.
struct Pairs {
    /// The kerning of each pair of glyphs as set (alternates included): the change to the
    /// first's advance, where it is not zero.
    kerning: BTreeMap<(u16, u16), i16>,
    /// Each call of an alternate, with its neighbours grouped by the glyphs that, on the far
    /// side, keep the glyph as it is: (those glyphs → the neighbours that call it).
    calls: BTreeMap<Call, BTreeMap<BTreeSet<u16>, BTreeSet<u16>>>,
}

/// A glyph that becomes its alternate beside a neighbour (a space between, or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Call {
    glyph: u16,
    alternate: u16,
    /// Where the neighbour stands: the glyph is before it, or after it.
    side: Side,
    space: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Before,
    After,
}

/// Sets every ordered pair of the kept characters as a browser does (contextual alternates
/// and kerning on), side by side and with a space between, and notes what it shows: the
/// alternates a neighbour calls and the kerning of the glyphs set, and the kerning of the
/// glyphs as they are. Then it sets each call with every kept character on its far side, to
/// know which keep the glyph as it is (Inter keeps a hyphen after a figure as it is before a
/// small letter). A pair set as one glyph (a ligature) is left out.
/// Whether a character is default-ignorable (Unicode's `Default_Ignorable_Code_Point`: the
/// soft hyphen, zero-width and joining marks, variation selectors): a shaper draws it as an
/// invisible space of no width, so paired with it every glyph would seem kerned by minus its
/// own advance; a subset maps none.
fn ignorable(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff0}'..='\u{fff8}')
}

fn pairs(face: &rustybuzz::Face, mapped: &[(char, u16)]) -> Pairs {
    let shaper = Shaper::new(face, &plain());
    let mut off = plain();
    off.push(rustybuzz::Feature::new(ttf_parser::Tag::from_bytes(b"calt"), 0, ..));
    let as_they_are = Shaper::new(face, &off);
    let advance = |g: u16| i32::from(face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0));
    let mut kerning = BTreeMap::new();
    let mut found: BTreeMap<Call, BTreeSet<(char, u16)>> = BTreeMap::new();
    let mut text = String::new();
    for &(a, ga) in mapped {
        for &(b, gb) in mapped {
            for space in [false, true] {
                text.clear();
                text.push(a);
                if space {
                    text.push(' ');
                }
                text.push(b);
                let shaped = shaper.shape(&text);
                let (Some(&(first, x)), Some(&(second, _))) = (shaped.first(), shaped.last()) else { continue };
                if shaped.len() != text.chars().count() {
                    continue;
                }
                if first != ga {
                    found
                        .entry(Call { glyph: ga, alternate: first, side: Side::Before, space })
                        .or_default()
                        .insert((b, gb));
                }
                if second != gb {
                    found
                        .entry(Call { glyph: gb, alternate: second, side: Side::After, space })
                        .or_default()
                        .insert((a, ga));
                }
                if !space {
                    for (g1, g2, x) in [(first, second, x), (ga, gb, as_they_are.shape(&text)[0].1)] {
                        if let Ok(kern) = i16::try_from(x - advance(g1))
                            && kern != 0
                        {
                            kerning.insert((g1, g2), kern);
                        }
                    }
                }
            }
        }
    }
    // The kept characters that, set on the far side of a call, keep the glyph as it is. The
    // font's contextual alternates tell glyphs apart only by the coverages of their contexts
    // (where `contexts` can tell them): glyphs in the same ones set alike, so one of each such
    // kind is set, for one neighbour of each kind.
    let char_of: BTreeMap<u16, char> = mapped.iter().rev().map(|&(c, g)| (g, c)).collect();
    let context = contexts(face);
    let kind = |g: u16| -> Vec<usize> {
        match &context {
            Some(coverages) => coverages
                .iter()
                .enumerate()
                .filter(|(_, c)| c.contains(ttf_parser::GlyphId(g)))
                .map(|(i, _)| i)
                .collect(),
            None => vec![usize::from(g)],
        }
    };
    let mut kinds: BTreeMap<Vec<usize>, (char, BTreeSet<u16>)> = BTreeMap::new();
    for &(c, g) in mapped {
        kinds.entry(kind(g)).or_insert((c, BTreeSet::new())).1.insert(g);
    }
    let stops = |call: &Call, near: char| -> BTreeSet<u16> {
        let (glyph, space) = (char_of[&call.glyph], if call.space { " " } else { "" });
        kinds
            .values()
            .filter(|(far, _)| {
                let (text, at) = match call.side {
                    Side::Before => (format!("{far}{glyph}{space}{near}"), 1),
                    Side::After => (format!("{near}{space}{glyph}{far}"), 1 + space.len()),
                };
                let shaped = shaper.shape(&text);
                shaped.len() == text.chars().count() && shaped[at].0 == call.glyph
            })
            .flat_map(|(_, glyphs)| glyphs.iter().copied())
            .collect()
    };
    let calls = found
        .into_iter()
        .map(|(call, neighbours)| {
            // The far side's stops, set once for each kind of neighbour.
            let mut by_kind: BTreeMap<Vec<usize>, BTreeSet<u16>> = BTreeMap::new();
            let mut groups: BTreeMap<BTreeSet<u16>, BTreeSet<u16>> = BTreeMap::new();
            for (c, g) in neighbours {
                let stop = by_kind.entry(kind(g)).or_insert_with(|| stops(&call, c)).clone();
                groups.entry(stop).or_default().insert(g);
            }
            (call, groups)
        })
        .collect();
    Pairs { kerning, calls }
}

/// The coverages of every context the font's contextual alternates (`calt`) look at, where
/// its lookups tell contexts by coverage alone and skip no glyph (Inter's do): a glyph in none
/// of them sets as the start of the text would. None where they cannot be told so (contexts
/// by glyph or class): then every glyph may matter.
fn contexts<'a>(face: &'a rustybuzz::Face<'a>) -> Option<Vec<ttf_parser::opentype_layout::Coverage<'a>>> {
    use ttf_parser::gsub::SubstitutionSubtable;
    use ttf_parser::opentype_layout::ChainedContextLookup;
    let gsub = face.tables().gsub?;
    let mut out = Vec::new();
    for feature in gsub.features.into_iter().filter(|f| f.tag == ttf_parser::Tag::from_bytes(b"calt")) {
        for index in feature.lookup_indices {
            let lookup = gsub.lookups.get(index)?;
            if lookup.flags.0 != 0 {
                return None;
            }
            for subtable in lookup.subtables.into_iter::<SubstitutionSubtable>() {
                match subtable {
                    SubstitutionSubtable::ChainContext(ChainedContextLookup::Format3 {
                        coverage,
                        backtrack_coverages,
                        input_coverages,
                        lookahead_coverages,
                        ..
                    }) => {
                        out.push(coverage);
                        out.extend(backtrack_coverages.into_iter().chain(input_coverages).chain(lookahead_coverages));
                    }
                    // A ligature sets its glyphs as one: never a glyph kept as it is.
                    SubstitutionSubtable::Ligature(_) | SubstitutionSubtable::Single(_) => {}
                    _ => return None,
                }
            }
        }
    }
    Some(out)
}

/// The tables of an sfnt by their tags.
fn read_tables(sfnt: &[u8]) -> Result<BTreeMap<[u8; 4], Vec<u8>>, String> {
    let u16_at = |at: usize| sfnt.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |at: usize| sfnt.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let count = u16_at(4).ok_or("a short font")?;
    let mut tables = BTreeMap::new();
    for i in 0..usize::from(count) {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = sfnt.get(record..record + 4).ok_or("a short font")?.try_into().unwrap();
        let (offset, length) = (u32_at(record + 8).ok_or("a short font")?, u32_at(record + 12).ok_or("a short font")?);
        tables.insert(tag, sfnt.get(offset..offset + length).ok_or("a table outside the font")?.to_vec());
    }
    Ok(tables)
}

/// The sum of a table's 32-bit words, as the sfnt's table directory gives it.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// The size an sfnt of these tables has: its header, directory and tables padded to four bytes.
fn sfnt_size(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> usize {
    12 + 16 * tables.len() + tables.values().map(|t| t.len().next_multiple_of(4)).sum::<usize>()
}

/// An OpenType font with CFF outlines (`OTTO`) of these tables, with its checksums and the
/// head table's checksum adjustment.
fn sfnt(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Vec<u8> {
    let count = tables.len() as u16;
    let selector = 15 - count.leading_zeros() as u16;
    let range = (1u16 << selector) * 16;
    let mut out = Vec::with_capacity(sfnt_size(tables));
    out.extend_from_slice(b"OTTO");
    for v in [count, range, selector, count * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        let mut data = data.clone();
        if tag == b"head" {
            data[8..12].fill(0);
            head_at = Some(offset + 8);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(&data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (tag, data) in tables {
        let start = out.len();
        out.extend_from_slice(data);
        if tag == b"head" {
            out[start + 8..start + 12].fill(0);
        }
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
        out[at..at + 4].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The tags WOFF2 knows by their index (its table directory's flags).
const KNOWN_TAGS: [&[u8; 4]; 63] = [
    b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"OS/2", b"post", b"cvt ", b"fpgm", b"glyf", b"loca",
    b"prep", b"CFF ", b"VORG", b"EBDT", b"EBLC", b"gasp", b"hdmx", b"kern", b"LTSH", b"PCLT", b"VDMX", b"vhea",
    b"vmtx", b"BASE", b"GDEF", b"GPOS", b"GSUB", b"EBSC", b"JSTF", b"MATH", b"CBDT", b"CBLC", b"COLR", b"CPAL",
    b"SVG ", b"sbix", b"acnt", b"avar", b"bdat", b"bloc", b"bsln", b"cvar", b"fdsc", b"feat", b"fmtx", b"fvar",
    b"gvar", b"hsty", b"just", b"lcar", b"mort", b"morx", b"opbd", b"prop", b"trak", b"Zapf", b"Silf", b"Glat",
    b"Gloc", b"Feat", b"Sill",
];

/// A number as WOFF2's UIntBase128: seven bits a byte, the most significant first, the high
/// bit set on all but the last.
fn base128(mut n: u32, out: &mut Vec<u8>) {
    let mut bytes = vec![(n & 0x7f) as u8];
    n >>= 7;
    while n > 0 {
        bytes.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.extend(bytes.iter().rev());
}

/// A WOFF2 file of an OpenType (CFF) font's tables: every table untransformed, in the order
/// of their tags, as one Brotli stream (font mode, the highest quality); the file padded to
/// four bytes.
fn woff2(tables: &BTreeMap<[u8; 4], Vec<u8>>) -> Result<Vec<u8>, String> {
    // The head table as the sfnt has it, with its checksum adjustment.
    let whole = sfnt(tables);
    let head = read_tables(&whole)?.remove(b"head").ok_or("no head table")?;
    let mut tables = tables.clone();
    tables.insert(*b"head", head);

    let mut directory = Vec::new();
    let mut stream = Vec::new();
    for (tag, data) in &tables {
        // Transform version 0: the null transform for every table but glyf and loca, which a
        // CFF font does not have.
        match KNOWN_TAGS.iter().position(|t| *t == tag) {
            Some(index) => directory.push(index as u8),
            None => {
                directory.push(63);
                directory.extend_from_slice(tag);
            }
        }
        if matches!(tag, b"glyf" | b"loca") {
            return Err("only fonts with CFF outlines are written as WOFF2 here".into());
        }
        base128(data.len() as u32, &mut directory);
        stream.extend_from_slice(data);
    }
    let mut params = brotli::enc::BrotliEncoderInitParams();
    params.quality = 11;
    params.lgwin = 22;
    params.mode = brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_FONT;
    params.size_hint = stream.len();
    let mut compressed = Vec::new();
    brotli::BrotliCompress(&mut stream.as_slice(), &mut compressed, &params)
        .map_err(|err| format!("cannot compress the font: {err}"))?;

    let length = (48 + directory.len() + compressed.len()).next_multiple_of(4);
    let mut out = Vec::with_capacity(length);
    out.extend_from_slice(b"wOF2");
    out.extend_from_slice(b"OTTO");
    out.extend_from_slice(&(length as u32).to_be_bytes());
    out.extend_from_slice(&(tables.len() as u16).to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&(sfnt_size(&tables) as u32).to_be_bytes());
    out.extend_from_slice(&(compressed.len() as u32).to_be_bytes());
    // Version 1.0 of the font; no metadata, no private data.
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&[0; 20]);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&compressed);
    out.resize(length, 0);
    Ok(out)
}

/// The OpenType font a WOFF2 file holds, for a file of this module (no transformed tables,
/// no collection): its tables read back into an sfnt. For checks of what the site serves.
pub fn sfnt_of_woff2(woff2: &[u8]) -> Result<Vec<u8>, String> {
    if woff2.get(..4) != Some(b"wOF2") || woff2.len() < 48 {
        return Err("not a WOFF2 file".into());
    }
    let count = usize::from(u16::from_be_bytes([woff2[12], woff2[13]]));
    let compressed = u32::from_be_bytes([woff2[20], woff2[21], woff2[22], woff2[23]]) as usize;
    let mut at = 48;
    let mut entries = Vec::new();
    for _ in 0..count {
        let flags = *woff2.get(at).ok_or("a short directory")?;
        at += 1;
        let tag: [u8; 4] = if flags & 63 == 63 {
            at += 4;
            woff2.get(at - 4..at).ok_or("a short directory")?.try_into().unwrap()
        } else {
            *KNOWN_TAGS[usize::from(flags & 63)]
        };
        if flags >> 6 != 0 {
            return Err("a transformed table".into());
        }
        let mut length = 0u32;
        loop {
            let byte = *woff2.get(at).ok_or("a short directory")?;
            at += 1;
            length = length << 7 | u32::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                break;
            }
        }
        entries.push((tag, length as usize));
    }
    let mut stream = Vec::new();
    brotli::BrotliDecompress(&mut woff2.get(at..at + compressed).ok_or("short data")?, &mut stream)
        .map_err(|err| format!("cannot decompress: {err}"))?;
    let mut tables = BTreeMap::new();
    let mut offset = 0;
    for (tag, length) in entries {
        tables.insert(tag, stream.get(offset..offset + length).ok_or("a table past the data")?.to_vec());
        offset += length;
    }
    Ok(sfnt(&tables))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inter() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/Inter-Regular.otf")).unwrap()
    }

    // A subset is a WOFF2 file a font parser reads back: the characters asked for map to
    // glyphs with the original's advances, the figures have their tabular forms and the
    // pairs their kerning; the same characters give the same bytes.
    #[test]
    fn a_subset_reads_back_with_its_kerning_and_tabular_figures() {
        let otf = inter();
        let texts = [
            "4-årsrapport 2020–2023",
            "(Sætre)",
            "A-B",
            "AVTo Årsrapport æøå",
            "PDF-utgaven",
            "IKT-satsing",
            "ledelse – 4 mål",
            "← Forsiden",
            "kl. 10:30",
            "3×4",
        ];
        let chars: BTreeSet<char> = texts.concat().chars().collect();
        let subset = woff2_subset(&otf, &chars).unwrap();
        assert_eq!(&subset.woff2[..4], b"wOF2");
        assert!(subset.woff2.len() < 12_000, "{} bytes", subset.woff2.len());
        assert_eq!(subset.woff2, super::subset(&otf, &chars).unwrap().woff2, "the same bytes, made again");
        let sfnt = sfnt_of_woff2(&subset.woff2).unwrap();
        let original = ttf_parser::Face::parse(&otf, 0).unwrap();
        let face = ttf_parser::Face::parse(&sfnt, 0).expect("a font");
        assert_eq!(face.number_of_glyphs() as usize, subset.glyphs);
        for c in chars {
            let glyph = face.glyph_index(c).unwrap_or_else(|| panic!("{c} is mapped"));
            let advance = original.glyph_hor_advance(original.glyph_index(c).unwrap());
            assert_eq!(face.glyph_hor_advance(glyph), advance, "{c}");
        }
        assert!(face.glyph_index('w').is_none(), "nothing more");
        assert!(subset.tabular >= 5, "0 to 4 (and punctuation) have tabular forms: {}", subset.tabular);
        let shaped = rustybuzz::Face::from_slice(&sfnt, 0).unwrap();
        let print_face = rustybuzz::Face::from_slice(&otf, 0).unwrap();
        let kern = |pair: &str| {
            let from = Shaper::new(&print_face, &plain()).shape(pair);
            let to = Shaper::new(&shaped, &plain()).shape(pair);
            (from[0].1, to[0].1)
        };
        // Set as a browser sets them, the subset's glyphs have the original's advances and
        // outlines' bounds: the dash raised between figures, the parentheses and hyphen beside
        // capitals but not before a small letter (calt, with a space between too), the pairs
        // kerned, alternates or not.
        let set = |face: &rustybuzz::Face, text: &str| -> Vec<(i32, Option<ttf_parser::Rect>)> {
            let shaped = Shaper::new(face, &[]).shape(text);
            shaped.iter().map(|&(g, x)| (x, face.glyph_bounding_box(ttf_parser::GlyphId(g)))).collect()
        };
        for text in texts {
            assert_eq!(set(&print_face, text), set(&shaped, text), "{text}");
        }
        assert!(subset.alternates >= 4, "{}", subset.alternates);
        let (print, web) = kern("AV");
        let a = i32::from(original.glyph_hor_advance(original.glyph_index('A').unwrap()).unwrap());
        assert!(print < a && print == web, "AV kerned as in the font: {print} {web}, A {a}");
        assert_eq!(kern("To").0, kern("To").1);
        assert!(subset.kerning_pairs > 5, "{}", subset.kerning_pairs);
        let mut on = plain();
        on.push(rustybuzz::Feature::new(ttf_parser::Tag::from_bytes(b"tnum"), 1, ..));
        let widths: BTreeSet<i32> = Shaper::new(&shaped, &on).shape("0230").iter().map(|g| g.1).collect();
        assert_eq!(widths.len(), 1, "tabular figures are one width: {widths:?}");
    }

    // A soft hyphen among the characters (the web's headings carry them) kerns nothing: the
    // spaces keep their width (a soft hyphen, shaped as an invisible space, once gave every
    // pair of a space and a letter a kerning of minus a space).
    #[test]
    fn a_soft_hyphen_leaves_the_spaces_their_width() {
        let otf = inter();
        let chars: BTreeSet<char> = "Sam\u{ad}funns\u{ad}tjenester og rapport".chars().collect();
        let sfnt = sfnt_of_woff2(&woff2_subset(&otf, &chars).unwrap().woff2).unwrap();
        let set = |font: &[u8]| {
            let face = rustybuzz::Face::from_slice(font, 0).unwrap();
            Shaper::new(&face, &[]).shape("og rapport").iter().map(|g| g.1).collect::<Vec<_>>()
        };
        assert_eq!(set(&otf), set(&sfnt), "the advances of «og rapport»");
        // Nor is it mapped: a browser draws nothing for it (the font's glyph, with tabular
        // figures on, showed as a gap in the key figures' names).
        assert!(ttf_parser::Face::parse(&sfnt, 0).unwrap().glyph_index('\u{ad}').is_none());
    }

    #[test]
    fn base128_is_big_endian_sevens() {
        let mut out = Vec::new();
        base128(63, &mut out);
        base128(128, &mut out);
        base128(16_383, &mut out);
        assert_eq!(out, [63, 0x81, 0, 0xff, 0x7f]);
    }
}
