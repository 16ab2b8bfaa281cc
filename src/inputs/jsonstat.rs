//! A JSON-stat 2.0 dataset as Statistics Norway's PxWebApi v2 serves it
//! (`outputFormat=json-stat2`), read into a table of the edition (`rapport import ssb`).
//!
//! Read with `serde_json` into its value tree and checked field by field, so every problem
//! names its JSON path (`ssb-07984.json: $.value: 12 values, but size gives 16`). The cells
//! are counted from `size` and checked against `value` and a cap before anything is
//! allocated for them.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use crate::inputs::value::{Vocabulary, format_number, normalise_unit};

/// The most cells an import reads: SSB hands out at most 800 000 per query; a report's table
/// holds a few dozen.
pub const MAX_CELLS: usize = 1_000_000;

/// The largest JSON file an import reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// What a dimension is to the dataset (`role` in JSON-stat).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Time,
    Geo,
    Metric,
    Other,
}

/// The unit of a category of the metric dimension: its name (`base`) and decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub base: String,
    pub decimals: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub code: String,
    pub label: String,
    pub unit: Option<Unit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub label: String,
    pub role: Role,
    pub categories: Vec<Category>,
}

/// A dataset: its dimensions in the order of `id`, and per cell (row-major, the last
/// dimension fastest) its number and status symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub label: String,
    /// SSB's table number (`07984`).
    pub table: String,
    pub dimensions: Vec<Dimension>,
    pub values: Vec<Option<f64>>,
    pub status: Vec<Option<String>>,
}

/// SSB's symbols for a cell, with what each means (SSB's explanation of symbols, in bokmål):
/// the words printed in the cell instead of a number.
pub const SYMBOLS: [(&str, &str); 6] = [
    (".", "Tall kan ikke forekomme"),
    ("..", "Tall mangler"),
    ("...", "Oppgave mangler"),
    (":", "Vises ikke av konfidensialitetshensyn"),
    ("-", "Null"),
    ("*", "Foreløpige tall"),
];

/// What an SSB symbol means, or `None` for one SSB does not use.
pub fn meaning(symbol: &str) -> Option<&'static str> {
    SYMBOLS.iter().find(|(s, _)| *s == symbol).map(|(_, m)| *m)
}

/// The JSON type of a value, as messages name it.
fn kind(value: &Json) -> String {
    match value {
        Json::Null => "null".into(),
        Json::Bool(_) => "true or false".into(),
        Json::Number(n) => format!("the number {n}"),
        Json::String(s) => format!("the text `{s}`"),
        Json::Array(_) => "an array".into(),
        Json::Object(_) => "an object".into(),
    }
}

/// `{file}: {path}: expected {what}, found {the JSON there}`.
fn expected(file: &str, path: &str, what: &str, found: Option<&Json>) -> String {
    let found = found.map_or_else(|| "nothing".to_string(), kind);
    format!("{file}: {path}: expected {what}, found {found}")
}

fn object<'a>(file: &str, path: &str, value: Option<&'a Json>) -> Result<&'a Map<String, Json>, String> {
    value.and_then(Json::as_object).ok_or_else(|| expected(file, path, "an object", value))
}

fn text<'a>(file: &str, path: &str, value: Option<&'a Json>) -> Result<&'a str, String> {
    value.and_then(Json::as_str).ok_or_else(|| expected(file, path, "a text", value))
}

/// Reads a JSON-stat 2.0 dataset. `file` names it in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Dataset, String> {
    let root: Json = serde_json::from_slice(bytes).map_err(|err| json_error(file, &err))?;
    let root = object(file, "$", Some(&root))?;
    let version = root.get("version");
    if version.and_then(Json::as_str) != Some("2.0") {
        return Err(expected(file, "$.version", "`2.0` (JSON-stat 2.0: `outputFormat=json-stat2`)", version));
    }
    let class = root.get("class");
    if class.and_then(Json::as_str) != Some("dataset") {
        return Err(expected(file, "$.class", "`dataset`", class));
    }
    let label = root.get("label").and_then(Json::as_str).unwrap_or_default().to_string();
    let table = table_number(root, &label)
        .ok_or_else(|| expected(file, "$.extension.px.tableid", "SSB's table number (`07984`)", None))?;

    let ids =
        root.get("id").and_then(Json::as_array).ok_or_else(|| expected(file, "$.id", "an array", root.get("id")))?;
    let sizes = root
        .get("size")
        .and_then(Json::as_array)
        .ok_or_else(|| expected(file, "$.size", "an array", root.get("size")))?;
    if ids.len() != sizes.len() {
        return Err(format!("{file}: $.size: {} sizes, but id names {} dimensions", sizes.len(), ids.len()));
    }
    // The cells, counted before anything is allocated for them.
    let mut cells: usize = 1;
    let mut size_of = Vec::with_capacity(sizes.len().min(64));
    for (i, size) in sizes.iter().enumerate() {
        let n = size
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| expected(file, &format!("$.size[{i}]"), "a whole number", Some(size)))?;
        cells = cells.saturating_mul(n);
        size_of.push(n);
    }
    if cells > MAX_CELLS {
        return Err(format!(
            "{file}: $.size: {cells} cells, more than the {MAX_CELLS} an import reads: query fewer values"
        ));
    }
    let roles = roles(file, root)?;
    let dims_json = object(file, "$.dimension", root.get("dimension"))?;
    let mut dimensions = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let id = text(file, &format!("$.id[{i}]"), Some(id))?;
        let path = format!("$.dimension.{id}");
        let dim = object(file, &path, dims_json.get(id))?;
        let role = roles.get(id).copied().unwrap_or(Role::Other);
        dimensions.push(dimension(file, &path, id, dim, role, size_of[i])?);
    }

    let values = values(file, root.get("value"), cells)?;
    let status = status(file, root.get("status"), cells)?;
    Ok(Dataset { label, table, dimensions, values, status })
}

/// serde_json's error in words staff read, its line and column kept: `ikke JSON: linje 1,
/// kolonne 1: ventet en JSON-verdi …` (serde_json's own words are English; each kind here
/// has its bokmål in the message table).
fn json_error(file: &str, err: &serde_json::Error) -> String {
    let raw = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let kind = raw.strip_suffix(&position).unwrap_or(&raw);
    let words = if kind.starts_with("EOF while parsing") {
        "the file ends before the JSON does: it was cut off; download or save it again".to_string()
    } else if kind == "expected value" {
        "expected a JSON value (`{`, `[`, a number or a text in quotes), found something else: is it SSB's JSON-stat file (`outputFormat=json-stat2`), not a web page or CSV?".to_string()
    } else if kind == "trailing characters" {
        "expected the end of the file after the JSON, found more text".to_string()
    } else if let Some(rest) = kind.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.split_once(", expected ").unwrap_or((rest, "another kind"));
        format!("a value of the wrong kind: expected {wanted}, found {found}")
    } else if kind == "expected `,` or `}`" {
        "expected `,` or `}` after a value in an object".to_string()
    } else if kind == "expected `,` or `]`" {
        "expected `,` or `]` after a value in a list".to_string()
    } else if kind == "expected `:`" {
        "expected `:` after a key".to_string()
    } else if kind == "key must be a string" {
        "expected a key in quotes (`\"key\"`)".to_string()
    } else if kind == "trailing comma" {
        "a comma before `}` or `]`, which JSON does not allow".to_string()
    } else if kind == "invalid number" || kind == "number out of range" {
        "expected a number, found a malformed one".to_string()
    } else if kind.starts_with("control character") {
        "a line break or control character inside a text in quotes".to_string()
    } else if kind.starts_with("invalid escape")
        || kind.starts_with("invalid unicode")
        || kind.starts_with("lone leading")
    {
        "an invalid `\\` escape in a text in quotes".to_string()
    } else if kind == "recursion limit exceeded" {
        "JSON nested too deep".to_string()
    } else {
        // A kind not named above: said as serde_json says it, rather than not at all.
        format!("expected valid JSON, found this: {kind}")
    };
    if err.line() == 0 {
        return format!("{file}: not JSON: {words}");
    }
    format!("{file}: not JSON: line {}, column {}: {words}", err.line(), err.column())
}

/// SSB's table number: `extension.px.tableid`, else the label's leading `07984:`.
fn table_number(root: &Map<String, Json>, label: &str) -> Option<String> {
    let from_extension = root.get("extension").and_then(|e| e.pointer("/px/tableid")).and_then(Json::as_str);
    let from_label = label.split_once(':').map(|(n, _)| n.trim());
    let number = from_extension.or(from_label)?;
    (!number.is_empty() && number.len() <= 10 && number.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| number.to_string())
}

/// The dimensions' roles: `role.time`, `role.geo`, `role.metric` (arrays of ids).
fn roles(file: &str, root: &Map<String, Json>) -> Result<BTreeMap<String, Role>, String> {
    let mut out = BTreeMap::new();
    let Some(role) = root.get("role") else { return Ok(out) };
    let role = object(file, "$.role", Some(role))?;
    for (name, kind) in [("time", Role::Time), ("geo", Role::Geo), ("metric", Role::Metric)] {
        let Some(ids) = role.get(name) else { continue };
        let path = format!("$.role.{name}");
        let ids = ids.as_array().ok_or_else(|| expected(file, &path, "an array", Some(ids)))?;
        for (i, id) in ids.iter().enumerate() {
            out.insert(text(file, &format!("{path}[{i}]"), Some(id))?.to_string(), kind);
        }
    }
    Ok(out)
}

fn dimension(
    file: &str,
    path: &str,
    id: &str,
    dim: &Map<String, Json>,
    role: Role,
    size: usize,
) -> Result<Dimension, String> {
    let label = dim.get("label").and_then(Json::as_str).unwrap_or(id).to_string();
    let category = object(file, &format!("{path}.category"), dim.get("category"))?;
    let index_path = format!("{path}.category.index");
    // The codes by position: `index` as an array of codes, or an object code → position.
    let codes: Vec<String> = match category.get("index") {
        Some(Json::Array(codes)) => codes
            .iter()
            .enumerate()
            .map(|(i, c)| text(file, &format!("{index_path}[{i}]"), Some(c)).map(str::to_string))
            .collect::<Result<_, _>>()?,
        Some(Json::Object(map)) => {
            if map.len() != size {
                return Err(format!("{file}: {index_path}: {} categories, but size gives {size}", map.len()));
            }
            let mut codes = vec![None; size];
            for (code, position) in map {
                let at = position.as_u64().and_then(|p| usize::try_from(p).ok()).filter(|p| *p < size);
                let at = at.ok_or_else(|| {
                    expected(
                        file,
                        &format!("{index_path}.{code}"),
                        &format!("a position from 0 to {}", size.saturating_sub(1)),
                        Some(position),
                    )
                })?;
                if codes[at].replace(code.clone()).is_some() {
                    return Err(format!("{file}: {index_path}.{code}: position {at} is given twice"));
                }
            }
            codes.into_iter().flatten().collect()
        }
        // One category may be given by its label alone.
        None if size == 1 => match category.get("label").and_then(Json::as_object) {
            Some(labels) if labels.len() == 1 => labels.keys().cloned().collect(),
            _ => return Err(expected(file, &index_path, "an object or an array", None)),
        },
        other => return Err(expected(file, &index_path, "an object or an array", other)),
    };
    if codes.len() != size {
        return Err(format!("{file}: {index_path}: {} categories, but size gives {size}", codes.len()));
    }
    let labels = category.get("label").and_then(Json::as_object);
    let units = category.get("unit").and_then(Json::as_object);
    let mut categories = Vec::with_capacity(size);
    for code in codes {
        let label = year_ranges(labels.and_then(|l| l.get(&code)).and_then(Json::as_str).unwrap_or(&code));
        let unit = match units.and_then(|u| u.get(&code)) {
            None => None,
            Some(unit) => {
                let unit_path = format!("{path}.category.unit.{code}");
                let unit = object(file, &unit_path, Some(unit))?;
                let base = unit.get("base").or_else(|| unit.get("label"));
                let base = text(file, &format!("{unit_path}.base"), base)?.to_string();
                let decimals = unit.get("decimals");
                let decimals = decimals.and_then(Json::as_u64).filter(|d| *d <= 10).ok_or_else(|| {
                    expected(file, &format!("{unit_path}.decimals"), "a number of decimals from 0 to 10", decimals)
                })?;
                Some(Unit { base, decimals: decimals as u8 })
            }
        };
        categories.push(Category { code, label, unit });
    }
    Ok(Dimension { id: id.to_string(), label, role, categories })
}

/// A label's year ranges with the en dash the report prints ranges with: SSB writes `Hurum
/// (-2019)` and `Asker (2020-2023)` with a hyphen, which the tables would print as a minus
/// («(−2019)»). Only a hyphen between a year (or a parenthesis) and a year is a range.
fn year_ranges(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    let year_before = |i: usize| i >= 4 && chars[i - 4..i].iter().all(char::is_ascii_digit);
    let year_after = |i: usize| chars.len() > i + 4 && chars[i + 1..i + 5].iter().all(char::is_ascii_digit);
    let digit_free = |c: Option<&char>| c.is_none_or(|c| !c.is_ascii_digit());
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let before = year_before(i) && digit_free(i.checked_sub(5).and_then(|j| chars.get(j)));
            let after = year_after(i) && digit_free(chars.get(i + 5));
            let opens = i > 0 && chars[i - 1] == '(';
            let closes = chars.get(i + 1) == Some(&')');
            let range = (before && (after || closes)) || (opens && after);
            if *c == '-' && range { '–' } else { *c }
        })
        .collect()
}

/// `value`: an array of `cells` numbers or nulls, or an object `{"flat index": number}`.
fn values(file: &str, value: Option<&Json>, cells: usize) -> Result<Vec<Option<f64>>, String> {
    let number = |path: String, v: &Json| -> Result<Option<f64>, String> {
        match v {
            Json::Null => Ok(None),
            Json::Number(n) => {
                n.as_f64().filter(|f| f.is_finite()).map(Some).ok_or_else(|| expected(file, &path, "a number", Some(v)))
            }
            _ => Err(expected(file, &path, "a number or null", Some(v))),
        }
    };
    match value {
        Some(Json::Array(list)) => {
            if list.len() != cells {
                return Err(format!("{file}: $.value: {} values, but size gives {cells}", list.len()));
            }
            list.iter().enumerate().map(|(i, v)| number(format!("$.value[{i}]"), v)).collect()
        }
        Some(Json::Object(map)) => {
            let mut out = vec![None; cells];
            for (key, v) in map {
                let at = flat_index(file, "$.value", key, cells)?;
                out[at] = number(format!("$.value.{key}"), v)?;
            }
            Ok(out)
        }
        other => Err(expected(file, "$.value", "an array or an object", other)),
    }
}

fn flat_index(file: &str, path: &str, key: &str, cells: usize) -> Result<usize, String> {
    key.parse::<usize>().ok().filter(|i| *i < cells).ok_or_else(|| {
        format!("{file}: {path}: expected a cell's position from 0 to {}, found `{key}`", cells.saturating_sub(1))
    })
}

/// `status`: absent, one text for every cell, an array (one per cell, null for none), or an
/// object `{"flat index": symbol}`.
fn status(file: &str, status: Option<&Json>, cells: usize) -> Result<Vec<Option<String>>, String> {
    let symbol = |path: String, v: &Json| -> Result<Option<String>, String> {
        match v {
            Json::Null => Ok(None),
            Json::String(s) if s.is_empty() => Ok(None),
            Json::String(s) if meaning(s).is_some() => Ok(Some(s.clone())),
            Json::String(s) => Err(format!(
                "{file}: {path}: unknown status symbol `{s}` (SSB's symbols are {})",
                SYMBOLS.iter().map(|(s, _)| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            )),
            _ => Err(expected(file, &path, "a status symbol", Some(v))),
        }
    };
    match status {
        None | Some(Json::Null) => Ok(vec![None; cells]),
        Some(Json::String(_)) => {
            let one = symbol("$.status".into(), status.unwrap_or(&Json::Null))?;
            Ok(vec![one; cells])
        }
        Some(Json::Array(list)) => {
            if list.len() != cells {
                return Err(format!("{file}: $.status: {} symbols, but size gives {cells}", list.len()));
            }
            list.iter().enumerate().map(|(i, v)| symbol(format!("$.status[{i}]"), v)).collect()
        }
        Some(Json::Object(map)) => {
            let mut out = vec![None; cells];
            for (key, v) in map {
                let at = flat_index(file, "$.status", key, cells)?;
                out[at] = symbol(format!("$.status.{key}"), v)?;
            }
            Ok(out)
        }
        Some(other) => Err(expected(file, "$.status", "an object, an array or a text", Some(other))),
    }
}

/// Which region an import takes: one code, or codes joined by year
/// (`3025:2020-2023,3203:2024-`).
#[derive(Debug, Clone, PartialEq)]
pub enum Region {
    One(String),
    /// (code, first year, last year or open).
    Joined(Vec<(String, u16, Option<u16>)>),
}

impl Region {
    /// Reads a `--region` value.
    pub fn parse(text: &str) -> Result<Region, String> {
        let wrong = || {
            format!(
                "expected --region as CODE or CODE:FIRST-LAST,CODE:FIRST- (`3025:2020-2023,3203:2024-`), found `{text}`"
            )
        };
        let code_ok = |c: &str| {
            !c.is_empty() && c.len() <= 40 && c.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !text.contains(':') {
            return if code_ok(text) { Ok(Region::One(text.to_string())) } else { Err(wrong()) };
        }
        let mut parts = Vec::new();
        for part in text.split(',') {
            let (code, years) = part.split_once(':').ok_or_else(wrong)?;
            let (first, last) = years.split_once('-').ok_or_else(wrong)?;
            let first: u16 = first.parse().map_err(|_| wrong())?;
            let last: Option<u16> = if last.is_empty() { None } else { Some(last.parse().map_err(|_| wrong())?) };
            if !code_ok(code) || last.is_some_and(|l| l < first) {
                return Err(wrong());
            }
            parts.push((code.to_string(), first, last));
        }
        parts.sort_by_key(|p| p.1);
        for pair in parts.windows(2) {
            if pair[0].2.is_none_or(|last| last >= pair[1].1) {
                return Err(format!("--region {text}: the years of {} and {} overlap", pair[0].0, pair[1].0));
            }
        }
        Ok(Region::Joined(parts))
    }

    /// The `--region` value that gives this region (`3025`, `3025:2020-2023,3203:2024-`).
    pub fn text(&self) -> String {
        match self {
            Region::One(code) => code.clone(),
            Region::Joined(parts) => joined_text(parts),
        }
    }

    /// The code that holds `year`.
    fn code_for(&self, year: u16) -> Option<&str> {
        match self {
            Region::One(code) => Some(code),
            Region::Joined(parts) => parts
                .iter()
                .find(|(_, first, last)| year >= *first && last.is_none_or(|l| year <= l))
                .map(|(c, _, _)| c.as_str()),
        }
    }
}

/// A table made from a dataset: its CSV text and what the `::: table` block says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub csv: String,
    pub title: String,
    pub source: String,
    /// Sentences for the block's `note` (joined regions, symbols, provisional numbers).
    pub note: Vec<String>,
    pub rows: usize,
    pub columns: usize,
    /// How many cells hold a number (the rest hold a status word).
    pub numbers: usize,
}

impl Imported {
    /// The `::: table` block that shows the table from `file` (its path in the edition's
    /// folder), for the user to paste into a chapter.
    pub fn block(&self, file: &str) -> String {
        let quote = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
        let mut block = format!(
            "::: table\nfile = \"{file}\"\ntitle = \"{}\"\nsource = \"{}\"\n",
            quote(&self.title),
            quote(&self.source)
        );
        if !self.note.is_empty() {
            block.push_str(&format!("note = \"{}\"\n", quote(&self.note.join(" "))));
        }
        block.push_str(":::");
        block
    }
}

/// How `rapport import ssb` made a table, kept beside its CSV as `<name>.import.toml`
/// ([`record_path`]), so that `rapport check --ssb NEWER.json` finds the table by SSB's table
/// number and imports the newer file the same way, in memory.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Record {
    /// SSB's table number (`07984`).
    pub table: String,
    /// The CSV written, a file name in the record's folder.
    pub csv: String,
    /// The JSON kept beside it, a file name in the record's folder.
    pub json: String,
    /// The JSON's SHA-256 (so the record changes when the numbers' file does).
    pub json_sha256: String,
    /// The `--region` values, as given (none: every region of the file).
    pub regions: Vec<String>,
}

/// The ending of an import's record file.
pub const RECORD_ENDING: &str = ".import.toml";

/// Where the record of the table `csv` is kept: `tables/ssb-07984.csv` →
/// `tables/ssb-07984.import.toml`.
pub fn record_path(csv: &std::path::Path) -> std::path::PathBuf {
    let stem = csv.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    csv.with_file_name(format!("{stem}{RECORD_ENDING}"))
}

impl Record {
    /// The record's file: a comment saying what it is, then its keys.
    pub fn to_toml(&self) -> String {
        let keys = toml::to_string(self).unwrap_or_default();
        format!(
            "# How `rapport import ssb` wrote {} (SSB table {}): `rapport check --ssb NEWER.json`\n# reads it to import a newer file the same way. Written by the import: do not edit.\n{keys}",
            self.csv, self.table
        )
    }

    /// The regions the import was given, read back.
    pub fn regions(&self) -> Result<Vec<Region>, String> {
        self.regions.iter().map(|r| Region::parse(r)).collect()
    }
}

/// The SHA-256 of `bytes`, in hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A number of a committed table that a newer file gives otherwise: its row's label, its
/// column's header, and the cell's text in the table and in the newer file (`None` where the
/// row or column is only in the other).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub row: String,
    pub column: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The cells of a committed table (`old`) that the newer import (`new`) gives otherwise, row
/// by row: both grids have a header row of column names (its first cell left out) and a label
/// in each row's first cell; rows are matched by label, columns by name. Two cells are the
/// same when their text is, or when both are numbers of the same value, decimals and unit
/// (`1225` and `1 225`), as the book would print them.
pub fn changes(old: &[Vec<String>], new: &[Vec<String>], vocabulary: &Vocabulary) -> Vec<Change> {
    let header = |grid: &[Vec<String>]| -> Vec<String> {
        grid.first().map(|h| h.iter().skip(1).map(|c| c.trim().to_string()).collect()).unwrap_or_default()
    };
    // Each row by its label and which of that label it is (a label may be there twice).
    let keyed = |grid: &[Vec<String>]| -> Vec<((String, usize), Vec<String>)> {
        let mut seen: Vec<String> = Vec::new();
        grid.iter()
            .skip(1)
            .map(|row| {
                let label = row.first().map(|l| l.trim().to_string()).unwrap_or_default();
                let n = seen.iter().filter(|l| **l == label).count();
                seen.push(label.clone());
                ((label, n), row.iter().skip(1).map(|c| c.trim().to_string()).collect())
            })
            .collect()
    };
    let (old_columns, new_columns) = (header(old), header(new));
    let (old_rows, new_rows) = (keyed(old), keyed(new));
    let mut columns = new_columns.clone();
    columns.extend(old_columns.iter().filter(|c| !new_columns.contains(c)).cloned());
    let mut keys: Vec<&(String, usize)> = new_rows.iter().map(|(k, _)| k).collect();
    keys.extend(old_rows.iter().map(|(k, _)| k).filter(|k| !new_rows.iter().any(|(n, _)| n == *k)));
    let cell = |rows: &[((String, usize), Vec<String>)], names: &[String], key: &(String, usize), column: &str| {
        let row = rows.iter().find(|(k, _)| k == key)?;
        let at = names.iter().position(|c| c == column)?;
        Some(row.1.get(at).cloned().unwrap_or_default())
    };
    let mut out = Vec::new();
    for key in keys {
        for column in &columns {
            let old = cell(&old_rows, &old_columns, key, column);
            let new = cell(&new_rows, &new_columns, key, column);
            if !same_cell(old.as_deref(), new.as_deref(), vocabulary) {
                out.push(Change { row: key.0.clone(), column: column.clone(), old, new });
            }
        }
    }
    out
}

/// Whether a table's `source` cites SSB's table `table`: it names SSB (`SSB`, `Statistisk
/// sentralbyrå`) and the table's number as a word of its own (`SSB 07984`, `SSB 11823/12906`).
pub fn cites(source: &str, table: &str) -> bool {
    let names_ssb = source.contains("SSB") || source.to_lowercase().contains("statistisk sentralbyrå");
    names_ssb && source.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word == table)
}

/// The codes of the dataset's regions (its `geo` dimension, or `Region`, or KOSTRA's
/// `KOKkommuneregion…`), in order; none when it has no such dimension.
pub fn region_codes(data: &Dataset) -> Vec<String> {
    let geo = data
        .dimensions
        .iter()
        .find(|d| d.role == Role::Geo)
        .or_else(|| data.dimensions.iter().find(|d| d.id == "Region" || d.id.starts_with("KOKkommuneregion")));
    geo.map(|d| d.categories.iter().map(|c| c.code.clone()).collect()).unwrap_or_default()
}

/// A table typed by hand, matched with a newer file's table by its rows' labels and its
/// columns' headers, each matched only where one label of each side is the same (case, spaces
/// and a range's hyphen aside): never guessed.
#[derive(Debug, Clone, PartialEq)]
pub struct HandMatch {
    /// The hand-typed table's matched rows and columns (header row first, labels first).
    pub old: Vec<Vec<String>>,
    /// The newer file's cells at the same places, under the hand-typed table's labels.
    pub new: Vec<Vec<String>>,
    /// The hand-typed table's rows and columns the newer file has no match for.
    pub rows_left: Vec<String>,
    pub columns_left: Vec<String>,
    /// The newer file's columns the hand-typed table does not have (a newer year).
    pub columns_new: Vec<String>,
    /// How many matched cells of the newer file hold a number (not a status word).
    pub figures: usize,
}

/// Matches the hand-typed table `hand` with the newer file's table `import` (both with a header
/// row and a label column; see [`HandMatch`]); `None` when no row or no column matches.
pub fn match_hand(hand: &[Vec<String>], import: &[Vec<String>], vocabulary: &Vocabulary) -> Option<HandMatch> {
    use crate::inputs::value::{Value, parse_value};
    let key = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace('-', "–");
    let unique = |labels: &[String], at: usize| {
        let k = key(&labels[at]);
        !k.is_empty() && labels.iter().filter(|l| key(l) == k).count() == 1
    };
    // Each label of `ours` with the place of the one same label of `theirs`.
    let pair = |ours: &[String], theirs: &[String]| -> Vec<Option<usize>> {
        (0..ours.len())
            .map(|i| {
                if !unique(ours, i) {
                    return None;
                }
                (0..theirs.len()).find(|&j| unique(theirs, j) && key(&theirs[j]) == key(&ours[i]))
            })
            .collect()
    };
    let header = |grid: &[Vec<String>]| -> Vec<String> {
        grid.first().map(|h| h.iter().skip(1).cloned().collect()).unwrap_or_default()
    };
    let labels = |grid: &[Vec<String>]| -> Vec<String> {
        grid.iter().skip(1).map(|r| r.first().cloned().unwrap_or_default()).collect()
    };
    let (hand_columns, import_columns) = (header(hand), header(import));
    let (hand_rows, import_rows) = (labels(hand), labels(import));
    let columns = pair(&hand_columns, &import_columns);
    let rows = pair(&hand_rows, &import_rows);
    if columns.iter().all(Option::is_none) || rows.iter().all(Option::is_none) {
        return None;
    }
    let cell = |grid: &[Vec<String>], r: usize, c: usize| -> String {
        grid.get(r + 1).and_then(|row| row.get(c + 1)).map(|t| t.trim().to_string()).unwrap_or_default()
    };
    let matched_columns: Vec<(usize, usize)> =
        columns.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j))).collect();
    let mut old = vec![
        std::iter::once(String::new()).chain(matched_columns.iter().map(|(i, _)| hand_columns[*i].clone())).collect(),
    ];
    let mut new = old.clone();
    let mut figures = 0;
    for (r, other) in rows.iter().enumerate() {
        let Some(other) = other else { continue };
        let mut old_row = vec![hand_rows[r].clone()];
        let mut new_row = vec![hand_rows[r].clone()];
        for (i, j) in &matched_columns {
            old_row.push(cell(hand, r, *i));
            let theirs = cell(import, *other, *j);
            if matches!(parse_value(&theirs, vocabulary), Ok(Value::Number { .. })) {
                figures += 1;
            }
            new_row.push(theirs);
        }
        old.push(old_row);
        new.push(new_row);
    }
    let left = |labels: &[String], pairs: &[Option<usize>]| -> Vec<String> {
        labels.iter().zip(pairs).filter(|(l, p)| p.is_none() && !l.trim().is_empty()).map(|(l, _)| l.clone()).collect()
    };
    let columns_new = import_columns
        .iter()
        .enumerate()
        .filter(|(j, _)| !columns.contains(&Some(*j)))
        .map(|(_, c)| c.clone())
        .collect();
    Some(HandMatch {
        old,
        new,
        rows_left: left(&hand_rows, &rows),
        columns_left: left(&hand_columns, &columns),
        columns_new,
        figures,
    })
}

/// Whether two cells print the same (see [`changes`]).
fn same_cell(old: Option<&str>, new: Option<&str>, vocabulary: &Vocabulary) -> bool {
    use crate::inputs::value::{Value, parse_value};
    let (Some(old), Some(new)) = (old, new) else { return old == new };
    if old == new {
        return true;
    }
    match (parse_value(old, vocabulary), parse_value(new, vocabulary)) {
        (
            Ok(Value::Number { value: a, decimals: da, unit: ua, .. }),
            Ok(Value::Number { value: b, decimals: db, unit: ub, .. }),
        ) => a == b && da == db && ua == ub,
        _ => false,
    }
}

/// The colophon's credit of SSB's numbers, under their licence.
pub const CREDIT: &str = "Tall fra Statistisk sentralbyrå (SSB), lisens CC BY 4.0";

/// The line of the checksum file beside an imported table: the SHA-256 of the JSON `name`'s
/// `bytes`, as `sha256sum` writes it, so the CSV is traced to the file it came from.
pub fn checksum_line(bytes: &[u8], name: &str) -> String {
    format!("{}  {name}\n", sha256_hex(bytes))
}

/// Whether a colophon gives SSB the credit its licence asks for.
pub fn credited(colophon: &[String]) -> bool {
    colophon.iter().any(|l| l.contains("Statistisk sentralbyrå") || l.contains("SSB"))
}

/// The numbers' unit in the report's spelling, from an SSB unit: `Some("")` for counts
/// (printed bare), `None` for a unit neither SSB's usual ones nor the edition's.
fn report_unit(base: &str, vocabulary: &Vocabulary) -> Option<String> {
    let lower = base.trim().to_lowercase();
    let known = match lower.as_str() {
        "prosent" | "%" | "prosent (%)" | "percent" | "per cent" => Some("%"),
        "promille" | "‰" => Some("‰"),
        "kroner" | "kr" | "nok" => Some("kr"),
        "1000 kroner" | "1 000 kroner" | "1000 kr" | "1 000 kr" => None,
        "mill. kr" | "millioner kroner" | "mill. kroner" => Some("mill. kr"),
        "personer" | "antall" | "antall personer" | "persons" | "number" => Some(""),
        "år" => Some("år"),
        "dager" => Some("dager"),
        "timer" => Some("timer"),
        "tonn" => Some("tonn"),
        "km" | "kilometer" => Some("km"),
        "kvadratmeter" | "m2" | "m²" => Some("m²"),
        _ => None,
    };
    if let Some(unit) = known {
        return Some(unit.to_string());
    }
    let normal = normalise_unit(base.trim());
    vocabulary.units.iter().find(|u| **u == normal).cloned()
}

/// Builds the table: the years as columns, one row per value of the one other dimension that
/// has several (regions first, then the metric, then any other), the region as `region` says.
pub fn table(
    file: &str,
    data: &Dataset,
    region: Option<&[Region]>,
    vocabulary: &Vocabulary,
) -> Result<Imported, String> {
    let position = |role: Role, ids: &[&str]| {
        data.dimensions
            .iter()
            .position(|d| d.role == role)
            .or_else(|| data.dimensions.iter().position(|d| ids.contains(&d.id.as_str())))
    };
    let time = position(Role::Time, &["Tid"]).ok_or_else(|| {
        format!("{file}: $.role.time: expected a dimension of years (role time, or `Tid`), found none")
    })?;
    let geo = position(Role::Geo, &["Region"])
        .or_else(|| data.dimensions.iter().position(|d| d.id.starts_with("KOKkommuneregion")));
    let metric = position(Role::Metric, &["ContentsCode"]);
    let years = &data.dimensions[time];

    // The regions: each a list of (category position per column) and its label.
    let mut regions: Vec<(Vec<usize>, String)> = Vec::new();
    let mut note = Vec::new();
    if let Some(g) = geo {
        let dim = &data.dimensions[g];
        let find =
            |code: &str| dim.categories.iter().position(|c| c.code == code).ok_or_else(|| no_region(file, dim, code));
        match region {
            None | Some([]) => {
                for (i, c) in dim.categories.iter().enumerate() {
                    regions.push((vec![i; years.categories.len()], c.label.clone()));
                }
            }
            Some(chosen) => {
                for r in chosen {
                    match r {
                        Region::One(code) => {
                            let i = find(code)?;
                            regions.push((vec![i; years.categories.len()], dim.categories[i].label.clone()));
                        }
                        Region::Joined(parts) => {
                            let mut per_year = Vec::with_capacity(years.categories.len());
                            for (y, year) in years.categories.iter().enumerate() {
                                let number: u16 = year.code.get(..4).and_then(|y| y.parse().ok()).ok_or_else(|| {
                                    format!(
                                        "{file}: $.dimension.{}.category.index[{y}]: expected a year (`2023`) to join regions by, found `{}`",
                                        years.id, year.code
                                    )
                                })?;
                                let code = r.code_for(number).ok_or_else(|| {
                                    format!("{file}: $.dimension.{}: the year {number} is in none of the years of --region {}", years.id, joined_text(parts))
                                })?;
                                per_year.push(find(code)?);
                            }
                            // Labelled as the newest code is.
                            let (newest, _, _) = parts.last().cloned().unwrap_or_default();
                            let label = dim.categories[find(&newest)?].label.clone();
                            let spans: Vec<String> = parts
                                .iter()
                                .map(|(code, first, last)| match last {
                                    Some(last) if last == first => format!("{code} for {first}"),
                                    Some(last) => format!("{code} for {first}–{last}"),
                                    None => format!("{code} fra {first}"),
                                })
                                .collect();
                            note.push(format!(
                                "{label}: kommunenummer {} (tallene er slått sammen etter år).",
                                spans.join(", ")
                            ));
                            regions.push((per_year, label));
                        }
                    }
                }
            }
        }
    }

    // The dimensions other than years and regions: one may have several values (the rows,
    // when the regions have one); every other must have one.
    let several_regions = regions.len() > 1;
    let mut rows_dim: Option<usize> = None;
    let mut order: Vec<usize> = Vec::new();
    order.extend(metric);
    order.extend((0..data.dimensions.len()).filter(|i| Some(*i) != metric));
    for i in order {
        if i == time || Some(i) == geo || data.dimensions[i].categories.len() <= 1 {
            continue;
        }
        if several_regions || rows_dim.is_some() {
            let dim = &data.dimensions[i];
            let labels: Vec<&str> = dim.categories.iter().map(|c| c.label.as_str()).take(10).collect();
            // Several regions because none was chosen: the region is what to choose.
            if let (Some(g), true, None | Some([])) = (geo, several_regions, region) {
                let regions_dim = &data.dimensions[g];
                let first = regions_dim.categories.first().map(|c| c.code.clone()).unwrap_or_default();
                return Err(format!(
                    "{file}: $.dimension.{}: the file has {} regions ({}) and {} values of {} ({}); a table has rows of one of them: choose the region with --region (e.g. `--region {first}`), or join the regions by year (`--region 3025:2020-2023,3203:2024-`)",
                    regions_dim.id,
                    regions_dim.categories.len(),
                    region_list(regions_dim),
                    dim.categories.len(),
                    dim.label,
                    labels.join(", "),
                ));
            }
            let example = dim.categories.first().map(|c| c.code.as_str()).unwrap_or_default();
            if several_regions {
                return Err(format!(
                    "{file}: $.dimension.{}: --region is given {} times and {} has {} values ({}); a table has rows of one of them: give one --region, or ask SSB for one value of {} (in the query's address: `valueCodes[{}]={example}`)",
                    dim.id,
                    regions.len(),
                    dim.label,
                    dim.categories.len(),
                    labels.join(", "),
                    dim.label,
                    dim.id,
                ));
            }
            return Err(format!(
                "{file}: $.dimension.{}: choose one value for {} ({} values: {}): ask SSB for one only (in the query's address: `valueCodes[{}]={example}`)",
                dim.id,
                dim.label,
                dim.categories.len(),
                labels.join(", "),
                dim.id
            ));
        }
        rows_dim = Some(i);
    }
    if regions.is_empty() {
        regions.push((Vec::new(), String::new()));
    }

    // Each row: its label, the category of every dimension for each column.
    struct Row {
        label: String,
        cells: Vec<Vec<usize>>,
    }
    let columns = years.categories.len();
    let mut rows = Vec::new();
    let base = |col: usize, region: &(Vec<usize>, String)| -> Vec<usize> {
        let mut at = vec![0; data.dimensions.len()];
        at[time] = col;
        if let (Some(g), Some(r)) = (geo, region.0.get(col)) {
            at[g] = *r;
        }
        at
    };
    match rows_dim {
        Some(d) => {
            for (k, category) in data.dimensions[d].categories.iter().enumerate() {
                let cells = (0..columns)
                    .map(|c| {
                        let mut at = base(c, &regions[0]);
                        at[d] = k;
                        at
                    })
                    .collect();
                rows.push(Row { label: category.label.clone(), cells });
            }
        }
        None => {
            for region in &regions {
                let cells = (0..columns).map(|c| base(c, region)).collect();
                // One region and nothing else: the row is the metric's.
                let label = if regions.len() == 1 {
                    metric.map_or_else(|| region.1.clone(), |m| data.dimensions[m].categories[0].label.clone())
                } else {
                    region.1.clone()
                };
                rows.push(Row { label, cells });
            }
        }
    }

    let metric_of = |at: &[usize]| metric.and_then(|m| data.dimensions[m].categories.get(at[m]));
    let mut csv = String::new();
    let header = match rows_dim {
        Some(d) if Some(d) != metric => capitalised(&data.dimensions[d].label),
        None if regions.len() > 1 => geo.map(|g| capitalised(&data.dimensions[g].label)).unwrap_or_default(),
        _ => String::new(),
    };
    csv.push_str(&cell(&header));
    // Never an empty column header: a year without a label is headed by its code; one
    // without either is refused.
    for (y, year) in years.categories.iter().enumerate() {
        let header = [year.label.trim(), year.code.trim()].into_iter().find(|h| !h.is_empty()).ok_or_else(|| {
            format!(
                "{file}: $.dimension.{}.category.index[{y}]: expected a year to head column {}, found an empty one",
                years.id,
                y + 2
            )
        })?;
        csv.push(';');
        csv.push_str(&cell(header));
    }
    csv.push('\n');
    let mut symbols_used: Vec<&str> = Vec::new();
    let mut provisional: Vec<String> = Vec::new();
    // A cell SSB left without a number and without a symbol.
    let mut unmarked = false;
    let mut numbers = 0;
    for row in &rows {
        csv.push_str(&cell(&row.label));
        for (c, at) in row.cells.iter().enumerate() {
            let flat = at.iter().zip(&data.dimensions).fold(0usize, |acc, (i, d)| acc * d.categories.len() + i);
            let path = format!("$.value[{flat}]");
            let value = data.values[flat];
            let symbol = data.status[flat].as_deref();
            let text = match (symbol, value) {
                (Some("*"), Some(v)) => {
                    let year = years.categories[c].label.clone();
                    if !provisional.contains(&year) {
                        provisional.push(year);
                    }
                    numbers += 1;
                    number(file, &path, v, metric_of(at), vocabulary)?
                }
                (Some("*"), None) => {
                    return Err(format!(
                        "{file}: $.status.{flat}: `*` marks a provisional number, found no number (null)"
                    ));
                }
                // A symbol says what the cell is, whatever number stands beside it (SSB has
                // given 0 with `..`): never printed as a number.
                (Some(symbol), _) => {
                    status_word(file, &format!("$.status.{flat}"), symbol, vocabulary, &mut symbols_used)?
                }
                (None, Some(v)) => {
                    numbers += 1;
                    number(file, &path, v, metric_of(at), vocabulary)?
                }
                // No number and no symbol: missing, said as SSB's `..` says it.
                (None, None) => {
                    unmarked = true;
                    status_word(file, &path, "..", vocabulary, &mut Vec::new())?
                }
            };
            csv.push(';');
            csv.push_str(&cell(&text));
        }
        csv.push('\n');
    }
    for symbol in &symbols_used {
        note.push(format!("«{}»: SSBs symbol «{symbol}».", meaning(symbol).unwrap_or_default()));
    }
    if unmarked {
        note.push(format!("«{}»: ingen verdi fra SSB.", meaning("..").unwrap_or_default()));
    }
    if !provisional.is_empty() {
        note.push(format!("Foreløpige tall for {} (SSBs symbol «*»).", provisional.join(", ")));
    }
    // SSB's title without its number and its list of dimensions (`…, etter region og år`),
    // then the value of each dimension of one value the table prints nowhere (`Befolkning,
    // etter region, kjønn, alder …` for one age is not the whole population): the years are the
    // columns, the rows' dimension its rows, the one region the report's own, and the
    // statistic the row's label when it is the only row.
    // Only a leading table number is cut (`07459: Befolkning …`), not a title's own colon
    // (`Befolkning: folkemengde 1. januar`).
    let title = match data.label.split_once(':') {
        Some((number, rest)) if !number.trim().is_empty() && number.trim().chars().all(|c| c.is_ascii_digit()) => rest,
        _ => data.label.as_str(),
    };
    let title = title.split_once(", etter ").map_or(title, |(t, _)| t).trim();
    let title = if title.is_empty() { data.label.trim() } else { title };
    let metric_printed = rows_dim.is_none() && regions.len() == 1;
    let fixed: Vec<&str> = data
        .dimensions
        .iter()
        .enumerate()
        .filter(|(i, dim)| {
            Some(*i) != rows_dim
                && *i != time
                && Some(*i) != geo
                && !(Some(*i) == metric && metric_printed)
                && dim.categories.len() == 1
        })
        .map(|(_, dim)| dim.categories[0].label.trim())
        .filter(|label| !label.is_empty() && !title.to_lowercase().contains(&label.to_lowercase()))
        .collect();
    let title = [title].into_iter().chain(fixed).collect::<Vec<_>>().join(", ").to_uppercase();
    Ok(Imported {
        csv,
        title,
        source: format!("Statistisk sentralbyrå (SSB), tabell {}", data.table),
        note,
        rows: rows.len(),
        columns,
        numbers,
    })
}

/// The regions of a dimension as a reader finds them: `3025 Asker (2020–2023), 3203 Asker`
/// (the first 20, then how many more).
fn region_list(dim: &Dimension) -> String {
    let mut list: Vec<String> = dim.categories.iter().take(20).map(|c| format!("{} {}", c.code, c.label)).collect();
    if dim.categories.len() > 20 {
        list.push(format!("… (+{})", dim.categories.len() - 20));
    }
    list.join(", ")
}

/// A `--region` the file does not have: the regions it has, and the closest of them (the same
/// number with or without SSB's `K-`, a region named as typed, or a code one typing mistake
/// away).
fn no_region(file: &str, dim: &Dimension, code: &str) -> String {
    let bare = |c: &str| c.trim_start_matches("K-").trim_start_matches("k-").to_lowercase();
    let typed = code.to_lowercase();
    let label_of = |c: &Category| c.label.split(" (").next().unwrap_or_default().trim().to_lowercase();
    let codes: Vec<&str> = dim.categories.iter().map(|c| c.code.as_str()).collect();
    let near = dim
        .categories
        .iter()
        .find(|c| bare(&c.code) == bare(code))
        .or_else(|| dim.categories.iter().find(|c| label_of(c) == typed))
        // Two digits swapped (`3052` for `3025`).
        .or_else(|| {
            let sorted = |c: &str| {
                let mut chars: Vec<char> = bare(c).chars().collect();
                chars.sort_unstable();
                chars
            };
            dim.categories.iter().find(|c| sorted(&c.code) == sorted(code))
        })
        .or_else(|| {
            crate::inputs::edition::catalog::closest(code, &codes)
                .and_then(|near| dim.categories.iter().find(|c| c.code == near))
        });
    let hint = near.map(|c| format!("; did you mean `--region {}` ({})?", c.code, c.label)).unwrap_or_default();
    format!(
        "{file}: $.dimension.{}.category.index: no region `{code}` in the file: found {}{hint}",
        dim.id,
        region_list(dim)
    )
}

fn joined_text(parts: &[(String, u16, Option<u16>)]) -> String {
    parts
        .iter()
        .map(|(c, f, l)| format!("{c}:{f}-{}", l.map(|l| l.to_string()).unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(",")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A CSV cell: `;`, quotes and line breaks are quoted.
fn cell(text: &str) -> String {
    if text.contains([';', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

/// A number with the decimals and unit of its metric, Norwegian style as typed in a CSV file.
fn number(
    file: &str,
    path: &str,
    value: f64,
    metric: Option<&Category>,
    vocabulary: &Vocabulary,
) -> Result<String, String> {
    let Some(unit) = metric.and_then(|m| m.unit.as_ref()) else {
        return Err(format!(
            "{file}: {path}: expected the unit and decimals of the number's statistic (`category.unit` of the metric dimension), found none"
        ));
    };
    let shown = report_unit(&unit.base, vocabulary).ok_or_else(|| {
        format!(
            "{file}: {path}: the unit `{}` is not one of the edition's units ({}): add it to `units` in edition.toml if the report should print it",
            unit.base,
            vocabulary.units.join(", ")
        )
    })?;
    let unit = (!shown.is_empty()).then_some(shown.as_str());
    Ok(format_number(value, unit_decimals(metric), unit, true)
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace(crate::inputs::value::MINUS, "-"))
}

fn unit_decimals(metric: Option<&Category>) -> u8 {
    metric.and_then(|m| m.unit.as_ref()).map_or(0, |u| u.decimals)
}

/// The words a symbol prints as: its meaning, which must be one of the edition's status words.
fn status_word(
    file: &str,
    path: &str,
    symbol: &str,
    vocabulary: &Vocabulary,
    used: &mut Vec<&'static str>,
) -> Result<String, String> {
    let Some((symbol, words)) = SYMBOLS.iter().find(|(s, _)| *s == symbol) else {
        return Err(format!("{file}: {path}: unknown status symbol `{symbol}`"));
    };
    if !vocabulary.status_words.iter().any(|w| w == words) {
        return Err(format!(
            "{file}: {path}: `{symbol}` means «{words}», which is not one of the edition's status-words: add \"{words}\" to `status-words` in edition.toml"
        ));
    }
    if !used.contains(symbol) {
        used.push(symbol);
    }
    Ok(words.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset of `dims` (id, role, codes) with `value` and `status` as JSON.
    fn json(dims: &[(&str, &str, &[&str])], value: &str, status: &str) -> String {
        let ids: Vec<String> = dims.iter().map(|d| format!("\"{}\"", d.0)).collect();
        let sizes: Vec<String> = dims.iter().map(|d| d.2.len().to_string()).collect();
        let mut role: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut dimension = Vec::new();
        for (id, r, codes) in dims {
            if !r.is_empty() {
                role.entry(r).or_default().push(format!("\"{id}\""));
            }
            let index: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
            let unit = if *r == "metric" {
                let u: Vec<String> =
                    codes.iter().map(|c| format!("\"{c}\":{{\"base\":\"personer\",\"decimals\":0}}")).collect();
                format!(",\"unit\":{{{}}}", u.join(","))
            } else {
                String::new()
            };
            dimension.push(format!(
                "\"{id}\":{{\"label\":\"{id}\",\"category\":{{\"index\":[{}]{unit}}}}}",
                index.join(",")
            ));
        }
        let role: Vec<String> = role.iter().map(|(k, v)| format!("\"{k}\":[{}]", v.join(","))).collect();
        format!(
            "{{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"99999: Test\",\"id\":[{}],\"size\":[{}],\"role\":{{{}}},\"dimension\":{{{}}},\"value\":{value}{status}}}",
            ids.join(","),
            sizes.join(","),
            role.join(","),
            dimension.join(",")
        )
    }

    fn vocabulary(words: &[&str]) -> Vocabulary {
        Vocabulary::new(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>(), &[])
    }

    // The last dimension runs fastest: value[1] is the first region's second year.
    #[test]
    fn values_are_row_major() {
        let text = json(
            &[("Region", "geo", &["1", "2"]), ("ContentsCode", "metric", &["A"]), ("Tid", "time", &["2021", "2022"])],
            "[1,2,3,4]",
            "",
        );
        let data = parse("t.json", text.as_bytes()).unwrap();
        let table = table("t.json", &data, None, &vocabulary(&[])).unwrap();
        assert_eq!(table.csv, "Region;2021;2022\n1;1;2\n2;3;4\n");
    }

    // `index` as an object gives each code its position, whatever the order of its keys.
    #[test]
    fn index_as_object() {
        let text = json(&[("ContentsCode", "metric", &["A"]), ("Tid", "time", &["2021", "2022"])], "[5,6]", "")
            .replace("\"index\":[\"2021\",\"2022\"]", "\"index\":{\"2022\":1,\"2021\":0}");
        let data = parse("t.json", text.as_bytes()).unwrap();
        assert_eq!(data.dimensions[1].categories[0].code, "2021");
        let text = text.replace("\"2022\":1", "\"2022\":0");
        assert!(parse("t.json", text.as_bytes()).unwrap_err().contains("position 0 is given twice"));
    }

    // A value count that does not match size is refused with the JSON path.
    #[test]
    fn size_against_value() {
        let text = json(&[("ContentsCode", "metric", &["A"]), ("Tid", "time", &["2021", "2022"])], "[5]", "");
        assert_eq!(parse("t.json", text.as_bytes()).unwrap_err(), "t.json: $.value: 1 values, but size gives 2");
    }

    // Sizes whose product passes the cap are refused before anything is allocated.
    #[test]
    fn huge_sizes_are_refused() {
        let text = json(&[("ContentsCode", "metric", &["A"]), ("Tid", "time", &["2021", "2022"])], "[5,6]", "")
            .replace("\"size\":[1,2]", "\"size\":[4000000000,4000000000]");
        assert!(
            parse("t.json", text.as_bytes())
                .unwrap_err()
                .contains("$.size: 16000000000000000000 cells, more than the 1000000")
        );
    }

    // Status as an object, an array or one text; an unknown form or symbol is an error.
    #[test]
    fn status_forms() {
        let dims: &[(&str, &str, &[&str])] = &[("ContentsCode", "metric", &["A"]), ("Tid", "time", &["2021", "2022"])];
        let object = parse("t.json", json(dims, "[null,6]", ",\"status\":{\"0\":\":\"}").as_bytes()).unwrap();
        assert_eq!(object.status, vec![Some(":".to_string()), None]);
        let array = parse("t.json", json(dims, "[null,6]", ",\"status\":[\"..\",null]").as_bytes()).unwrap();
        assert_eq!(array.status, vec![Some("..".to_string()), None]);
        let one = parse("t.json", json(dims, "[5,6]", ",\"status\":\"*\"").as_bytes()).unwrap();
        assert_eq!(one.status, vec![Some("*".to_string()); 2]);
        let err = parse("t.json", json(dims, "[5,6]", ",\"status\":7").as_bytes()).unwrap_err();
        assert_eq!(err, "t.json: $.status: expected an object, an array or a text, found the number 7");
        let err = parse("t.json", json(dims, "[5,6]", ",\"status\":{\"1\":\"x\"}").as_bytes()).unwrap_err();
        assert!(err.starts_with("t.json: $.status.1: unknown status symbol `x`"), "{err}");
    }

    // A symbol prints its meaning, never the number beside it; a meaning the edition lacks is refused.
    #[test]
    fn symbols_print_their_meaning() {
        let dims: &[(&str, &str, &[&str])] = &[("ContentsCode", "metric", &["A"]), ("Tid", "time", &["2021", "2022"])];
        let data = parse("t.json", json(dims, "[0,6]", ",\"status\":{\"0\":\":\"}").as_bytes()).unwrap();
        let table = table("t.json", &data, None, &vocabulary(&["Vises ikke av konfidensialitetshensyn"])).unwrap();
        assert_eq!(table.csv, ";2021;2022\nA;Vises ikke av konfidensialitetshensyn;6\n");
        let err = table_err(&data, &[]);
        assert!(err.contains("add \"Vises ikke av konfidensialitetshensyn\" to `status-words`"), "{err}");
    }

    fn table_err(data: &Dataset, words: &[&str]) -> String {
        table("t.json", data, None, &vocabulary(words)).unwrap_err()
    }

    // A second dimension of several values besides the rows is named.
    #[test]
    fn one_value_per_other_dimension() {
        let dims: &[(&str, &str, &[&str])] =
            &[("Kjonn", "", &["1", "2"]), ("ContentsCode", "metric", &["A", "B"]), ("Tid", "time", &["2021"])];
        let data = parse("t.json", json(dims, "[1,2,3,4]", "").as_bytes()).unwrap();
        assert!(table_err(&data, &[]).starts_with("t.json: $.dimension.Kjonn: choose one value for Kjonn (2 values"));
    }

    // SSB's year ranges in labels get the report's en dash; other hyphens stay.
    #[test]
    fn year_ranges_in_labels() {
        assert_eq!(year_ranges("Hurum (-2019)"), "Hurum (–2019)");
        assert_eq!(year_ranges("Asker (2020-2023)"), "Asker (2020–2023)");
        assert_eq!(year_ranges("Asker (2024-)"), "Asker (2024–)");
        assert_eq!(year_ranges("K-3203 Asker"), "K-3203 Asker");
        assert_eq!(year_ranges("6-15 år"), "6-15 år");
        assert_eq!(year_ranges("Nord-Fron"), "Nord-Fron");
    }

    // Joined regions take each year from the code that holds it.
    #[test]
    fn regions_joined_by_year() {
        let dims: &[(&str, &str, &[&str])] = &[
            ("Region", "geo", &["3025", "3203"]),
            ("ContentsCode", "metric", &["A"]),
            ("Tid", "time", &["2023", "2024"]),
        ];
        let data = parse("t.json", json(dims, "[1,null,null,2]", "").as_bytes()).unwrap();
        let region = Region::parse("3025:2020-2023,3203:2024-").unwrap();
        let table = table("t.json", &data, Some(&[region]), &vocabulary(&[])).unwrap();
        assert_eq!(table.csv, ";2023;2024\nA;1;2\n");
        assert_eq!(
            table.note,
            vec!["3203: kommunenummer 3025 for 2020–2023, 3203 fra 2024 (tallene er slått sammen etter år)."]
        );
        assert!(Region::parse("3025:2020-2024,3203:2024-").unwrap_err().contains("overlap"));
        assert!(Region::parse("3025,3203").is_err());
    }
}
