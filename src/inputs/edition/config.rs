//! The schema of `edition.toml`, and finding and reading it. Errors here are configuration
//! errors (exit code 2): without a readable edition file nothing else can be checked.

use std::path::{Path, PathBuf};

use anyhow::bail;
use serde::{Deserialize, Serialize};

use crate::inputs::paths::relative;

/// `edition.toml`: one edition of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EditionConfig {
    /// The folder name, e.g. `2020-2023`.
    pub id: String,
    /// The report's title.
    pub title: String,
    /// The line under the title on the cover.
    #[serde(default)]
    pub subtitle: String,
    /// The municipality publishing the report.
    pub municipality: String,
    /// The file stem of the PDF.
    pub output: String,
    /// The edition's fixed date: the PDF's date, so builds are reproducible.
    pub date: toml::value::Datetime,
    /// The document language (`nb`).
    pub language: String,
    /// The years the key-figure tables cover.
    pub years: Vec<i32>,
    /// Words allowed in number cells.
    #[serde(default)]
    pub status_words: Vec<String>,
    /// Units allowed after numbers besides the built-in ones (`value::UNITS`).
    #[serde(default)]
    pub units: Vec<String>,
    /// The goals shown on the cover.
    #[serde(default)]
    pub cover_goals: Vec<u8>,
    /// The cover photo (PNG, JPEG or SVG), relative to the edition folder; without it the
    /// cover shows a marked place for it.
    #[serde(default)]
    pub cover_photo: Option<String>,
    /// The municipality's logo (SVG, PNG or JPEG), relative to the edition folder, shown on
    /// the cover; without it the cover sets the municipality's name in its place.
    #[serde(default)]
    pub logo: Option<String>,
    /// Proper names never hyphenated, besides the places the maps name (e.g. `Skogsborg`).
    #[serde(default)]
    pub no_hyphenate: Vec<String>,
    /// Lines of the colophon (editor, design, photo, print).
    #[serde(default)]
    pub colophon: Vec<String>,
    /// Lines of the back cover (addresses).
    #[serde(default)]
    pub back_cover: Vec<String>,
    /// The edition this one was started from (`rapport new-edition` sets it): while it is
    /// set, `rapport check` warns of every file still unchanged from that edition, and a
    /// final edition refuses its unchanged chapters, tables and charts unless `[confirm]`
    /// names them.
    #[serde(default)]
    pub previous: Option<String>,
    /// `[confirm]`: what a final edition keeps on purpose — files unchanged from `previous`,
    /// nøkkeltall without figures — each named, so that confirming one never silences the rest.
    #[serde(default)]
    pub confirm: ConfirmConfig,
    /// Whether the edition is finished: a draft (the default) carries «UTKAST» on every page,
    /// is never the default edition while a final one exists, and is never archived.
    #[serde(default)]
    pub status: Status,
    /// The parts of the report, in order.
    pub parts: Vec<PartConfig>,
    /// The data of the maps drawn in the report.
    #[serde(default)]
    pub maps: Vec<crate::inputs::maps::MapConfig>,
    /// `[print]`: how `rapport build --print` makes the print file; every key has a default.
    #[serde(default)]
    pub print: PrintConfig,
    /// `[web]`: what the web edition says that the edition file alone knows.
    #[serde(default)]
    pub web: WebConfig,
}

/// `[confirm]` in edition.toml: what is left as it is on purpose, by name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfirmConfig {
    /// Files unchanged from `previous` that are meant to stay so, by their path in the
    /// edition folder (`chapters/okonomi.md`, `tables/klima/utslipp.csv`).
    #[serde(default)]
    pub unchanged: Vec<String>,
    /// Nøkkeltall that have no figures in this edition on purpose, by their text as the
    /// key-figure file writes it.
    #[serde(default)]
    pub no_figures: Vec<String>,
}

/// `[web]` of edition.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WebConfig {
    /// The day the web edition was last checked against the accessibility requirements, which
    /// its accessibility statement gives as the statement's date; unset, the statement says
    /// that the date is not given (never the publication date in its place).
    #[serde(default)]
    pub statement_date: Option<toml::value::Datetime>,
    /// How the web edition was tested on `statement_date` (tools, screen widths, what was
    /// done by hand), in the edition's language, which the accessibility statement gives with
    /// the date; unset, it gives the date alone.
    #[serde(default)]
    pub statement_method: Option<String>,
    /// The address of the web edition's own statement in Uutilsynet's register, an https
    /// address on uustatus.no, which the accessibility statement links; unset, it links the
    /// register's front page only.
    #[serde(default)]
    pub statement_url: Option<String>,
}

/// `[print]` in edition.toml: the print file's bleed, marks, page count and output profile.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PrintConfig {
    /// How far pictures and colour fields run past the trim, in millimetres (3).
    pub bleed: f64,
    /// Whether crop marks are drawn at the corners of every page (true).
    pub crop_marks: bool,
    /// The gap between the bleed's edge and the start of a crop mark, in millimetres (3; 1 to
    /// 20): the marks start this far past the bleed, 6 mm from the trim with 3 mm of bleed.
    pub mark_offset: f64,
    /// The length of a crop mark, in millimetres (5).
    pub mark_length: f64,
    /// Whether registration marks are drawn in the middle of each side (false).
    pub registration_marks: bool,
    /// Whether a slug line with the job, the edition, the page and the date is drawn below the
    /// trim, outside the bleed (true).
    pub slug: bool,
    /// The page count is padded with blank pages to a multiple of this (4; 1 pads nothing).
    pub page_multiple: u32,
    /// Nothing that must be read lies closer to the trim than this, in millimetres (5):
    /// `rapport preflight` checks it.
    pub safe_zone: f64,
    /// The most ink (C + M + Y + K) a colour or pixel may have, in percent: the printer's
    /// limit for the paper, which `rapport preflight` checks. Unset: the printing
    /// condition's (see [`PrintingCondition::ink_limit`]), else 300. Read it with
    /// [`PrintConfig::ink_limit`].
    #[serde(rename = "ink-limit")]
    pub ink_limit_set: Option<f64>,
    /// The printing condition the job is separated for (`FOGRA39`, `FOGRA51`, `FOGRA52`): it
    /// names the output intent (its characterisation in the ICC registry), sets the ink limit
    /// its standard implies, and picks its ECI profile from the project's `profiles/` folder
    /// when the user has put it there (profiles are not shipped: their licence forbids it).
    pub printing_condition: Option<PrintingCondition>,
    /// What becomes of a CMYK photo with pixels over the ink limit: `re-separate` (the
    /// default: through the output profile and held to the limit, and the build names it) or
    /// `refuse` (the build fails, naming the photo and its ink).
    pub over_limit_photos: OverLimit,
    /// The printer's ICC output profile (a CMYK output profile), relative to the edition
    /// folder; with it the print file is PDF/X-4.
    pub output_intent: Option<String>,
    /// How photos are converted to the output profile (`relative-colorimetric`, the
    /// default; `perceptual`, `saturation`, `absolute-colorimetric`).
    pub rendering_intent: RenderingIntent,
    /// Whether the conversion maps the photo's black to the paper's darkest black (true).
    pub black_point_compensation: bool,
    /// Whether greyscale photos print in four inks through the output profile (false: on the
    /// black plate alone, a grey that cannot take a colour cast on press).
    pub four_colour_greys: bool,
    /// How the book is bound: `perfect` (glued: the cover is its own file, with a spine),
    /// `saddle-stitch` (stapled: one file), or `auto` (the default: stapled up to 64 pages,
    /// the most a saddle stitch holds well, glued above).
    pub binding: Binding,
    /// The thickness of one leaf (two pages) of the paper, in micrometres (100): the spine
    /// is the book block's leaves times this. The printer gives it for the chosen paper.
    pub paper_caliper_um: f64,
    /// Pages per inch of the paper, as some printers give it instead (none); when set, the
    /// spine is the pages divided by this, in inches.
    pub pages_per_inch: Option<f64>,
    /// The spine's width as the printer quotes it, in millimetres (none): board and glue
    /// included; when set, it is the spine, whatever the paper gives.
    pub spine_mm: Option<f64>,
    /// What the glue and the cover board add to the spine the paper gives, in millimetres
    /// (0.5; 0 to 10): added to the paper's width (`paper-caliper-um` or `pages-per-inch`),
    /// not to `spine-mm`, which is the printer's whole quote.
    pub spine_allowance_mm: f64,
    /// Words of the tables that stand where a number is still to come (`["Tall kommer"]`):
    /// `build --print` and `preflight` count them and name their folios, so a job with
    /// numbers missing does not go to the printer unnoticed.
    pub pending_words: Vec<String>,
    /// Whether the print job is refused while it holds such words (false: a warning): for the
    /// final job. `--allow-placeholders` (a proof) lets it through.
    pub refuse_pending: bool,
}

impl PrintConfig {
    /// The ink limit in percent: `ink-limit`, else the printing condition's, else 300.
    pub fn ink_limit(&self) -> f64 {
        self.ink_limit_set.unwrap_or_else(|| self.printing_condition.map_or(300.0, PrintingCondition::ink_limit))
    }
}

/// What becomes of a CMYK photo over the ink limit, as `[print] over-limit-photos` names it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverLimit {
    #[default]
    ReSeparate,
    Refuse,
}

/// A characterised printing condition of the ICC's registry (<https://www.color.org>), as
/// `[print] printing-condition` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum PrintingCondition {
    /// Offset on coated paper (paper types 1 and 2), ISO 12647-2:2004/Amd 1: ECI's ISO Coated v2.
    #[serde(rename = "FOGRA39")]
    Fogra39,
    /// Offset on premium coated paper, ISO 12647-2:2013 (PSO Coated v3).
    #[serde(rename = "FOGRA51")]
    Fogra51,
    /// Offset on wood-free uncoated paper, ISO 12647-2:2013 (PSO Uncoated v3).
    #[serde(rename = "FOGRA52")]
    Fogra52,
}

impl PrintingCondition {
    /// Its reference name in the ICC's characterisation data registry: the output intent's
    /// `OutputConditionIdentifier`.
    pub fn identifier(self) -> &'static str {
        match self {
            PrintingCondition::Fogra39 => "FOGRA39",
            PrintingCondition::Fogra51 => "FOGRA51",
            PrintingCondition::Fogra52 => "FOGRA52",
        }
    }

    /// The registry that defines [`Self::identifier`] (the output intent's `RegistryName`).
    pub const REGISTRY: &'static str = "http://www.color.org";

    /// The condition in words, for the output intent's `OutputCondition`.
    pub fn condition(self) -> &'static str {
        match self {
            PrintingCondition::Fogra39 => {
                "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, offset, paper types 1 and 2, gloss or matte coated)"
            }
            PrintingCondition::Fogra51 => "PSO Coated v3 (FOGRA51, ISO 12647-2:2013, offset, premium coated paper)",
            PrintingCondition::Fogra52 => {
                "PSO Uncoated v3 (FOGRA52, ISO 12647-2:2013, offset, wood-free uncoated paper)"
            }
        }
    }

    /// The most ink (percent) the condition's ECI profile separates to: ISO Coated v2 330 %,
    /// PSO Coated v3 and PSO Uncoated v3 300 % (ECI's profile notes; docs/print.md).
    pub fn ink_limit(self) -> f64 {
        match self {
            PrintingCondition::Fogra39 => 330.0,
            PrintingCondition::Fogra51 | PrintingCondition::Fogra52 => 300.0,
        }
    }

    /// The file name of the condition's ECI profile, as ECI's download names it.
    pub fn eci_profile(self) -> &'static str {
        match self {
            PrintingCondition::Fogra39 => "ISOcoated_v2_eci.icc",
            PrintingCondition::Fogra51 => "PSOcoated_v3.icc",
            PrintingCondition::Fogra52 => "PSOuncoated_v3_FOGRA52.icc",
        }
    }

    /// The condition's colours in its characterisation data, the ICC registry's
    /// (<https://registry.color.org/profile-registry/chardata/>, `FOGRA39.txt`, `FOGRA51.txt`,
    /// `FOGRA52.txt`; FOGRA39's also in Debian's icc-profiles-free, `FOGRA39L.ti3`): CIELAB
    /// (D50, 2°) of the paper (patch 1), the black solid (K100, patch 1260) and the
    /// four-colour black (C M Y K 100, patch 1286). CMYK in percent.
    pub fn reference(self) -> [(&'static str, [f64; 4], [f64; 3]); 3] {
        let (paper, black, four) = match self {
            PrintingCondition::Fogra39 => ([95.0, 0.0, -2.0], [16.0, 0.0, 0.0], [8.71, -0.07, 2.06]),
            PrintingCondition::Fogra51 => ([95.0, 1.5, -6.0], [16.0, 0.07, -0.33], [12.71, 0.53, 4.89]),
            PrintingCondition::Fogra52 => ([93.5, 2.5, -10.0], [32.69, 1.24, 0.11], [26.36, 1.5, 1.35]),
        };
        [("paper", [0.0; 4], paper), ("K100", [0.0, 0.0, 0.0, 100.0], black), ("C100 M100 Y100 K100", [100.0; 4], four)]
    }

    /// Every condition, in the order of the registry's numbers.
    pub const ALL: [PrintingCondition; 3] =
        [PrintingCondition::Fogra39, PrintingCondition::Fogra51, PrintingCondition::Fogra52];

    /// Whether an ICC profile's description names this condition: its reference name, or the
    /// name of the ECI profile made for it (letters and digits compared, case ignored).
    pub fn described_by(self, description: &str) -> bool {
        let plain = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
        let description = plain(description);
        let names: &[&str] = match self {
            PrintingCondition::Fogra39 => &["FOGRA39", "ISO Coated v2"],
            PrintingCondition::Fogra51 => &["FOGRA51", "PSO Coated v3"],
            PrintingCondition::Fogra52 => &["FOGRA52", "PSO Uncoated v3"],
        };
        names.iter().any(|name| description.contains(&plain(name)))
    }
}

/// The ICC rendering intents, as `[print] rendering-intent` names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RenderingIntent {
    Perceptual,
    #[default]
    RelativeColorimetric,
    Saturation,
    AbsoluteColorimetric,
}

impl RenderingIntent {
    /// The intent as `[print]` writes it.
    pub fn name(self) -> &'static str {
        match self {
            RenderingIntent::Perceptual => "perceptual",
            RenderingIntent::RelativeColorimetric => "relative colorimetric",
            RenderingIntent::Saturation => "saturation",
            RenderingIntent::AbsoluteColorimetric => "absolute colorimetric",
        }
    }
}

/// How the printed book is bound, as `[print] binding` names it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Binding {
    #[default]
    Auto,
    Perfect,
    SaddleStitch,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            bleed: 3.0,
            crop_marks: true,
            mark_offset: 3.0,
            mark_length: 5.0,
            registration_marks: false,
            slug: true,
            page_multiple: 4,
            safe_zone: 5.0,
            ink_limit_set: None,
            printing_condition: None,
            over_limit_photos: OverLimit::default(),
            output_intent: None,
            rendering_intent: RenderingIntent::default(),
            black_point_compensation: true,
            four_colour_greys: false,
            binding: Binding::default(),
            paper_caliper_um: 100.0,
            pages_per_inch: None,
            spine_mm: None,
            spine_allowance_mm: 0.5,
            pending_words: vec!["Tall kommer".into()],
            refuse_pending: false,
        }
    }
}

/// A part of the report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PartConfig {
    /// The part's title.
    pub title: String,
    /// Its chapters, in order.
    pub chapters: Vec<ChapterConfig>,
}

/// A chapter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChapterConfig {
    /// Its id and the name of its files.
    pub slug: String,
    /// Its title as printed.
    pub title: String,
    /// The sustainability goals it serves.
    #[serde(default)]
    pub goals: Vec<u8>,
    /// Its text file, relative to the edition folder.
    pub text: String,
    /// Its KOMMUNEPLANENS MÅL file, relative to the edition folder.
    #[serde(default)]
    pub key_figures: Option<String>,
    /// The page it starts on in the printed edition.
    #[serde(default)]
    pub expected_page: Option<u32>,
    /// Whether it is listed in the table of contents.
    #[serde(default = "yes")]
    pub in_toc: bool,
    /// Its entry in the table of contents where the print words it differently.
    #[serde(default)]
    pub toc_title: Option<String>,
    /// How it opens: `photo` (its first photo across the top of the opening page) or `page`.
    #[serde(default)]
    pub opener: Opener,
}

fn yes() -> bool {
    true
}

impl EditionConfig {
    /// What number cells of this edition may hold besides numbers.
    pub fn vocabulary(&self) -> crate::inputs::value::Vocabulary {
        crate::inputs::value::Vocabulary::new(&self.status_words, &self.units)
    }

    /// Every chapter, in reading order.
    pub fn chapters(&self) -> impl Iterator<Item = &ChapterConfig> {
        self.parts.iter().flat_map(|p| &p.chapters)
    }
}

/// Whether `name` can be a file name on every system: ASCII letters, digits, `-`, `_` and
/// `.`, not starting with `.` or `-`.
pub fn is_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with(['.', '-'])
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads and checks `edition.toml`; returns the edition's folder and its configuration.
pub fn load_config(project: &Path, id: &str) -> anyhow::Result<(PathBuf, EditionConfig)> {
    read_config(project, id).map(|(dir, config, _)| (dir, config))
}

/// The largest edition.toml read, in bytes.
pub const MAX_EDITION_FILE: u64 = 4 << 20;

/// [`load_config`], also returning the file's text (for problems pointing at its lines).
pub fn read_config(project: &Path, id: &str) -> anyhow::Result<(PathBuf, EditionConfig, String)> {
    if !is_file_name(id) {
        bail!("expected an edition id, the name of a folder in data/, found `{}`", id.escape_debug());
    }
    let data = project.join("data");
    let dir = data.join(id);
    // The folder, or a link named like it, and its edition.toml must not lead out of data/:
    // both through the one resolver.
    if let Err(crate::inputs::paths::PathError::Escapes) = crate::inputs::paths::inside(&data, &dir) {
        bail!("data/{id} leads outside the project's data/ folder; an edition must lie inside it");
    }
    let path = dir.join("edition.toml");
    let shown = relative(project, &path);
    let real = match crate::inputs::paths::inside(&data, &path) {
        Ok(real) => real,
        Err(crate::inputs::paths::PathError::Escapes) => {
            bail!("{}: expected a file inside data/, found a link that leads out of it", shown.display())
        }
        Err(err) => bail!("cannot read the edition file {}: {err}", shown.display()),
    };
    let bytes = crate::inputs::paths::read_regular(&real, "the edition file", MAX_EDITION_FILE)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: expected UTF-8 text, found bytes that are not", shown.display()))?;
    let config: EditionConfig = toml::from_str(&text).map_err(|err| {
        let (line, column) = err.span().map_or((1, 1), |s| crate::diag::line_column(&text, s.start));
        let message = err.message().trim();
        match misplaced(message) {
            Some(hint) => anyhow::anyhow!("{}:{line}:{column}: {message}: {hint}", shown.display()),
            None => anyhow::anyhow!("{}:{line}:{column}: {message}", shown.display()),
        }
    })?;
    if config.id != id {
        bail!("{}: `id` is `{}` but the folder is `{id}`; they must match", shown.display(), config.id);
    }
    Ok((dir, config, text))
}

/// For a key edition.toml has in the wrong table (`unknown field `previous`, expected `title`
/// or `chapters``: `previous` typed below `[[parts]]`), where it belongs, when one table of
/// edition.toml has it: each table's keys are the ones its own refusal of an unknown key lists.
fn misplaced(message: &str) -> Option<String> {
    let key = message.strip_prefix("unknown field `")?.split('`').next()?;
    /// The keys a table of edition.toml takes, as serde lists them refusing one it does not.
    fn keys<T: serde::de::DeserializeOwned>() -> Vec<String> {
        let Err(err) = toml::from_str::<T>("\"?\" = 0") else { return Vec::new() };
        let message = err.message().to_string();
        let Some((_, listed)) = message.split_once(", expected") else { return Vec::new() };
        listed.split('`').skip(1).step_by(2).map(str::to_string).collect()
    }
    let places = [
        (
            keys::<EditionConfig>(),
            "at the top of edition.toml, above the first `[…]` or `[[…]]` line (a key below such a line belongs to its table)",
        ),
        (keys::<PartConfig>(), "in a `[[parts]]` entry"),
        (keys::<ChapterConfig>(), "in a chapter's `[[parts.chapters]]` entry"),
        (keys::<ConfirmConfig>(), "under `[confirm]`"),
        (keys::<PrintConfig>(), "under `[print]`"),
        (keys::<WebConfig>(), "under `[web]`"),
        (keys::<crate::inputs::maps::MapConfig>(), "in a `[[maps]]` entry"),
    ];
    let mut found = places.iter().filter(|(keys, _)| keys.iter().any(|k| k == key));
    let (_, place) = found.next()?;
    // A key several tables take (`title`) says nothing of where this one belongs.
    if found.next().is_some() {
        return None;
    }
    Some(format!("`{key}` belongs {place}"))
}

/// `status` in edition.toml: whether an edition is finished.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being written: every page is marked «UTKAST», and `archive` refuses it.
    #[default]
    Draft,
    /// Finished and published.
    Final,
}

impl Status {
    /// `draft` or `final`, as edition.toml writes it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
}

/// How a chapter opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Opener {
    /// The chapter's first photo across the top of its opening page, the title under it
    /// (`spread`, the name of an earlier two-page design, is read as this).
    #[serde(alias = "spread")]
    Photo,
    /// The title at the top of a new page.
    #[default]
    Page,
}

#[cfg(test)]
mod tests {
    use super::*;

    // A key typed in the wrong table is told the one it belongs in (each table's keys read from
    // its own refusal, so a new key needs no list); a key of several tables, or of none, is not.
    #[test]
    fn a_misplaced_key_is_told_where_it_belongs() {
        let hint = |key: &str| misplaced(&format!("unknown field `{key}`, expected `title` or `chapters`"));
        assert_eq!(
            hint("previous").as_deref(),
            Some(
                "`previous` belongs at the top of edition.toml, above the first `[…]` or `[[…]]` line (a key below such a line belongs to its table)"
            )
        );
        assert_eq!(
            hint("key-figures").as_deref(),
            Some("`key-figures` belongs in a chapter's `[[parts.chapters]]` entry")
        );
        assert_eq!(hint("unchanged").as_deref(), Some("`unchanged` belongs under `[confirm]`"));
        assert_eq!(hint("title"), None);
        assert_eq!(hint("nonsense"), None);
    }

    // A name becomes a file name only when every system takes it.
    #[test]
    fn file_names() {
        for good in ["4-arsrapport-2020-2023", "okonomi", "a_b.c"] {
            assert!(is_file_name(good), "{good}");
        }
        for bad in ["", "../x", "/etc/x", "a/b", ".hidden", "-flag", "æ", "a\u{7}", "a b"] {
            assert!(!is_file_name(bad), "{bad}");
        }
    }
    // The ink limit is `ink-limit` when set, else the printing condition's, else 300 %.
    #[test]
    fn the_ink_limit_follows_the_printing_condition() {
        let mut print = PrintConfig::default();
        assert_eq!(print.ink_limit(), 300.0);
        print.printing_condition = Some(PrintingCondition::Fogra39);
        assert_eq!(print.ink_limit(), 330.0);
        print.printing_condition = Some(PrintingCondition::Fogra52);
        assert_eq!(print.ink_limit(), 300.0);
        print.ink_limit_set = Some(280.0);
        assert_eq!(print.ink_limit(), 280.0);
    }

    // A profile is of a condition when its description names the condition or ECI's profile.
    #[test]
    fn profiles_are_matched_to_their_condition_by_name() {
        assert!(PrintingCondition::Fogra39.described_by("ISO Coated v2 (ECI)"));
        assert!(PrintingCondition::Fogra39.described_by("Coated FOGRA39 (ISO 12647-2:2004)"));
        assert!(PrintingCondition::Fogra51.described_by("PSO Coated v3"));
        assert!(PrintingCondition::Fogra52.described_by("PSO Uncoated v3 (FOGRA52)"));
        assert!(!PrintingCondition::Fogra51.described_by("PSO Uncoated v3 (FOGRA52)"));
        assert!(!PrintingCondition::Fogra52.described_by("ISO Coated v2 (ECI)"));
    }
}
