//! The blocks of chapter text described in TOML (`::: table`, `::: chart`, …): their keys,
//! each with what it means. Unknown keys are errors.

use serde::{Deserialize, Serialize};

use crate::inputs::table::ColumnType;

/// A `::: table` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TableSpec {
    /// The CSV file, relative to the edition folder; or a workbook (`.xlsx`, `.xls`,
    /// `.ods`), read at `sheet` and `range`.
    pub file: String,
    /// A workbook's sheet; may be left out when it has one sheet.
    #[serde(default)]
    pub sheet: Option<String>,
    /// A workbook's cells, e.g. `A3:D12`; default: all the sheet's filled cells.
    #[serde(default)]
    pub range: Option<String>,
    /// Written after each number of a workbook's number columns, e.g. `%` (the default of
    /// every number column; `column` gives one its own).
    #[serde(default)]
    pub unit: Option<String>,
    /// Each number of a workbook's number columns is multiplied by it: `100` for cells that
    /// show `15,1 %` and store `0.151`.
    #[serde(default, deserialize_with = "scale")]
    pub scale: Option<f64>,
    /// How many decimals a workbook's numbers are printed with; default: the cell's format's.
    #[serde(default, deserialize_with = "decimals")]
    pub decimals: Option<u8>,
    /// One number column's own unit, scale and decimals, by its header (or its letter):
    /// `column."Andel" = { unit = "%", scale = 100, decimals = 1 }`.
    #[serde(default)]
    pub column: std::collections::BTreeMap<String, NumberFormat>,
    /// Rows named like a sum (`Sum`, `Totalt`, `Samlet`) that are not the sum of the rows above them.
    #[serde(default)]
    pub not_sums: Vec<String>,
    /// Rows whose name may or may not mean a sum (`Samlet`, `Asker totalt`) that are the sum
    /// of the rows above them, checked as such: `sum-rows = ["Samlet"]`.
    #[serde(default)]
    pub sum_rows: Vec<String>,
    /// Rows above a sum row whose empty cells mean «nothing» (no such item that year), not a
    /// figure left out: `empty-parts = ["Oppgaveutvalg Skogsborg"]`.
    #[serde(default)]
    pub empty_parts: Vec<String>,
    /// Sum rows whose parts are rounded whole numbers (amounts shown without their decimals),
    /// so that the sum may differ from them by their rounding: `rounded-parts = ["Sum"]`.
    /// Without it, a sum of whole numbers in no unit or a unit of counts must match exactly.
    #[serde(default)]
    pub rounded_parts: Vec<String>,
    /// How a number column's figure in a sum row is formed, by the column's header, where it is
    /// not the sum of the rows above (a percentage, a rate): `totals = { "Andel" = "average" }`.
    /// The row's other columns are still checked as sums.
    #[serde(default)]
    pub totals: std::collections::BTreeMap<String, crate::inputs::table::ColumnTotal>,
    /// Percent columns of shares (a header or title that says `andel`) whose numbers may
    /// pass 100 %, by their header: `over-100 = ["Andel av inntekt"]`.
    #[serde(default)]
    pub over_100: Vec<String>,
    /// The printed title (upper case), may be empty.
    #[serde(default)]
    pub title: String,
    /// The text after `Kilde:`, may be empty.
    #[serde(default)]
    pub source: String,
    /// Whether the block leaves out `title`, and `source` (an import that found none): each
    /// is an item left to do until the block says it, if only as `""` (a table without one).
    #[serde(skip)]
    pub left_out: [bool; 2],
    /// How many lines form the header.
    #[serde(default = "one")]
    pub header_rows: usize,
    /// The type of each column; default: first text, the rest numbers.
    #[serde(default)]
    pub columns: Option<Vec<ColumnType>>,
    /// A remark printed under the table.
    #[serde(default)]
    pub note: Option<String>,
    /// Also draw the table's numbers as a chart of this kind (the table stays, for reading
    /// the exact figures and for accessibility).
    #[serde(default)]
    pub chart: Option<ChartKind>,
}

fn one() -> usize {
    1
}

impl TableSpec {
    /// The table-wide default of a workbook's number columns.
    pub fn numbers(&self) -> NumberFormat {
        NumberFormat { unit: self.unit.clone(), scale: self.scale, decimals: self.decimals, over_100: false }
    }
}

/// How the numbers of a workbook's number column are printed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(try_from = "ColumnSettings")]
pub struct NumberFormat {
    /// Written after each number, e.g. `%`; `""` for none.
    pub unit: Option<String>,
    /// Each number is multiplied by it: `100` for cells that store `0.151` for `15,1 %`.
    pub scale: Option<f64>,
    /// How many decimals the numbers are printed with (0–10); default: the cell's format's,
    /// else as many as they have.
    pub decimals: Option<u8>,
    /// With `unit = "%"` and `scale = 100`, fractions over 1 are meant: `1.25` prints `125 %`
    /// (a growth index) instead of being refused as a percentage typed as a number.
    pub over_100: bool,
}

/// `column."…" = { … }` as written, checked into a [`NumberFormat`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ColumnSettings {
    #[serde(default)]
    unit: Option<String>,
    #[serde(default, deserialize_with = "scale")]
    scale: Option<f64>,
    #[serde(default, deserialize_with = "decimals")]
    decimals: Option<u8>,
    #[serde(default)]
    over_100: bool,
}

impl TryFrom<ColumnSettings> for NumberFormat {
    type Error = String;

    /// `over-100` says something only of fractions printed as percentages.
    fn try_from(settings: ColumnSettings) -> Result<Self, String> {
        let ColumnSettings { unit, scale, decimals, over_100 } = settings;
        if over_100 && !(unit.as_deref().map(str::trim) == Some("%") && scale == Some(100.0)) {
            return Err("expected `over-100 = true` together with `unit = \"%\"` and `scale = 100` (fractions printed as percentages), found it without them".into());
        }
        Ok(NumberFormat { unit, scale, decimals, over_100 })
    }
}

/// The most decimals a number is printed with.
pub const MAX_DECIMALS: u8 = 10;

/// The largest factor a `scale` may be (and the smallest, 1 / this): a thousand million
/// turns units into billions; beyond it every number of the column would overflow or vanish.
pub const MAX_SCALE: f64 = 1e9;

/// A `scale`: a finite number other than zero (a scale of 0 would print every number as 0),
/// of at most [`MAX_SCALE`] and at least 1 / [`MAX_SCALE`] in size, so that a scale that
/// would make every cell's number overflow or vanish is one error at its line, not one at
/// every cell.
fn scale<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    let scale = f64::deserialize(deserializer)?;
    if !scale.is_finite() || scale == 0.0 {
        return Err(serde::de::Error::custom(format!(
            "expected `scale` to be a number other than 0 (e.g. `100`), found `{scale}`"
        )));
    }
    if !(1.0 / MAX_SCALE..=MAX_SCALE).contains(&scale.abs()) {
        return Err(serde::de::Error::custom(format!(
            "expected `scale` from 0.000000001 to 1000000000 in size (e.g. `100` for fractions shown as percent, `0.001` for thousands), found `{scale:e}`"
        )));
    }
    Ok(Some(scale))
}

/// `decimals`: 0 to [`MAX_DECIMALS`].
fn decimals<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let decimals = i64::deserialize(deserializer)?;
    match u8::try_from(decimals) {
        Ok(places) if places <= MAX_DECIMALS => Ok(Some(places)),
        _ => Err(serde::de::Error::custom(format!("expected `decimals` from 0 to {MAX_DECIMALS}, found `{decimals}`"))),
    }
}

/// The kinds of chart the layouts draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    Donut,
    Share,
    Bar,
    GroupedBar,
    StackedColumns,
    Line,
}

/// A `::: chart` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChartSpec {
    /// What kind of chart.
    pub kind: ChartKind,
    /// The data, relative to the edition folder; absent when the seed gives no numbers.
    #[serde(default)]
    pub file: Option<String>,
    /// The printed title.
    #[serde(default)]
    pub title: String,
    /// The text after `Kilde:`.
    #[serde(default)]
    pub source: String,
    /// The unit of the values, e.g. `tonn CO₂e`.
    #[serde(default)]
    pub unit: Option<String>,
    /// The series or categories printed in the chart's legend.
    #[serde(default)]
    pub legend: Vec<String>,
    /// What the printed chart showed that the data does not give.
    #[serde(default)]
    pub note: Option<String>,
}

/// How large a photo is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhotoSize {
    /// The rest of its page.
    Page,
    /// About half a page's height.
    Half,
    /// A picture in the text column.
    #[default]
    Column,
    /// A small picture beside a short section, e.g. one of the four values.
    Small,
}

/// A `::: photo` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhotoSpec {
    /// The photographer, printed as `Foto: …`.
    #[serde(default)]
    pub credit: Option<String>,
    /// An image (PNG, JPEG or SVG) relative to the edition folder, e.g. `photos/forord.jpg`;
    /// without it a marked placeholder is drawn. In the model: its project path.
    #[serde(default)]
    pub file: Option<String>,
    /// How large the photo is.
    #[serde(default)]
    pub size: PhotoSize,
    /// Words printed on the picture.
    #[serde(default)]
    pub text: Vec<String>,
    /// What the picture shows (alternative text).
    #[serde(default)]
    pub alt: Option<String>,
}

/// A `::: figure` block: a diagram of the printed edition that the seed does not contain.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FigureSpec {
    /// What the printed figure shows, e.g. `Plansystemet i Asker kommune`.
    pub description: String,
    /// The id the text refers to it by (`[Figuren under](#plansystemet)`), where it has no
    /// file to take its id from.
    #[serde(default)]
    pub id: Option<String>,
    /// The figure as an image (PNG, JPEG or SVG) relative to the edition folder; without it a
    /// marked placeholder is drawn. In the model: its project path.
    #[serde(default)]
    pub file: Option<String>,
    /// How large it is.
    #[serde(default)]
    pub size: PhotoSize,
}

/// A `::: map` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MapSpec {
    /// Which map: its data files are named in the edition.
    pub id: String,
    /// The printed title.
    pub title: String,
    /// The legend entries as printed.
    #[serde(default)]
    pub legend: Vec<String>,
    /// The data source credited on the map.
    #[serde(default)]
    pub source: Option<String>,
    /// The municipality's average as printed, e.g. `65 %` (survey maps by local area).
    #[serde(default)]
    pub average: Option<String>,
    /// What the printed map showed that the data does not give.
    #[serde(default)]
    pub note: Option<String>,
}

/// A `::: key-figures` block: the KOMMUNEPLANENS MÅL box, from the file edition.toml names
/// for the chapter; when that file is a workbook, where in it the figures are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KeyFiguresSpec {
    /// A workbook's sheet; may be left out when it has one sheet.
    #[serde(default)]
    pub sheet: Option<String>,
    /// A workbook's cells, e.g. `A1:G14`; default: all the sheet's filled cells.
    #[serde(default)]
    pub range: Option<String>,
    /// How a workbook stores its percent figures: `true` as fractions (cells formatted as
    /// percent: `15,1 %` is `0.151`, multiplied by 100), `false` as the percentage typed as
    /// a number. Required once a row whose target is in `%` has a number cell: a workbook
    /// does not say which, and a guess would change the figure a hundredfold.
    #[serde(default)]
    pub percent_as_fraction: Option<bool>,
    /// Nøkkeltall, by their text, that are shares (`… som andel av …`) and may pass 100 %
    /// (net debt of income): `over-100 = ["Netto lånegjeld som andel av brutto driftsinntekter"]`.
    #[serde(default)]
    pub over_100: Vec<String>,
}

/// A `::: goals` block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GoalsSpec {
    /// The goal numbers, 1–17.
    pub goals: Vec<u8>,
}
