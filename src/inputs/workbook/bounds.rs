//! What a workbook may inflate to, checked before calamine allocates anything for it.
//!
//! calamine sizes its grids by the cells a sheet names: two cells at opposite corners of a
//! sheet ask for 17 billion cells, and an ODS repeat count expands one cell into millions. So
//! a workbook is first measured here: every ZIP member inflated (bounded, its checksum
//! checked), and an ODS sheet's repeats counted; a workbook over a limit is refused with the
//! limit, never read.

use std::io::{Cursor, Read};

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::CellAt;
use super::code::{CellMeta, Format, FormatCode, builtin};

/// The most bytes one member of a workbook's ZIP file may inflate to.
pub const MAX_MEMBER_BYTES: u64 = 64 << 20;
/// The most bytes all members of a workbook's ZIP file may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 256 << 20;
/// The most cells (rows × columns) a range, or the filled part of a sheet, may span.
pub const MAX_CELLS: u64 = 100_000;
/// The most cells a workbook's sheets may span together, or a sheet may name.
pub const MAX_WORKBOOK_CELLS: u64 = 1_000_000;
/// The most problems of a workbook reported one by one; the rest are counted.
pub const MAX_REPORTED: usize = 20;

/// The members of a ZIP workbook a reader looks into (XML and relationships), inflated.
pub struct Members(pub Vec<(String, Vec<u8>)>);

impl Members {
    /// The member called `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, bytes)| bytes.as_slice())
    }
}

/// Whether `bytes` are a ZIP file (.xlsx, .xlsm, .ods).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Inflates every member of a ZIP workbook, at most [`MAX_MEMBER_BYTES`] each and
/// [`MAX_INFLATED_BYTES`] in all, each checked against its checksum; keeps the XML ones.
pub fn unpack(bytes: &[u8]) -> Result<Members, String> {
    let damaged =
        |err: &dyn std::fmt::Display| format!("expected a readable workbook, found a damaged ZIP file: {err}");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| damaged(&err))?;
    let mut total = 0u64;
    let mut kept = Vec::new();
    let mut buffer = vec![0u8; 64 << 10];
    for index in 0..archive.len() {
        let mut member = archive.by_index(index).map_err(|err| damaged(&err))?;
        let name = member.name().to_string();
        let shown = crate::diag::shorten(&name);
        let too_large = || {
            format!(
                "expected the parts of a workbook to inflate to at most {} MB each, found `{shown}`, which inflates to more",
                MAX_MEMBER_BYTES >> 20
            )
        };
        if member.size() > MAX_MEMBER_BYTES {
            return Err(too_large());
        }
        let keep = name.ends_with(".xml") || name.ends_with(".rels");
        let mut inflated = Vec::new();
        let mut size = 0u64;
        loop {
            let read = match member.read(&mut buffer) {
                Ok(read) => read,
                Err(err) if err.to_string().contains("checksum") => {
                    return Err(format!(
                        "expected a workbook whose parts match their checksums, found `{shown}` damaged (its checksum does not match its contents)"
                    ));
                }
                Err(err) => return Err(damaged(&format!("`{shown}`: {err}"))),
            };
            if read == 0 {
                break;
            }
            size += read as u64;
            total += read as u64;
            if size > MAX_MEMBER_BYTES {
                return Err(too_large());
            }
            if total > MAX_INFLATED_BYTES {
                return Err(format!(
                    "expected a workbook that inflates to at most {} MB in all, found one that inflates to more",
                    MAX_INFLATED_BYTES >> 20
                ));
            }
            if keep {
                inflated.extend_from_slice(&buffer[..read]);
            }
        }
        if keep {
            kept.push((name, inflated));
        }
    }
    Ok(Members(kept))
}

/// The most shared strings an .xlsx workbook may hold (calamine keeps each as a `String`,
/// so an empty one, five bytes of XML, costs more memory than its bytes).
pub const MAX_SHARED_STRINGS: usize = 1_000_000;

/// Refuses an .xlsx workbook of more than [`MAX_SHARED_STRINGS`] shared strings.
pub fn check_shared_strings(members: &Members) -> Result<(), String> {
    let Some(xml) = members.get("xl/sharedStrings.xml") else { return Ok(()) };
    let strings = xml.windows(4).filter(|w| w == b"<si>" || w == b"<si/").count();
    if strings > MAX_SHARED_STRINGS {
        return Err(format!("expected a workbook of at most {MAX_SHARED_STRINGS} shared strings, found {strings}"));
    }
    Ok(())
}

/// Refuses a ZIP workbook whose XML declares a document type (`<!DOCTYPE …>`, a DTD): no
/// spreadsheet program writes one, and its entities can expand a few bytes into gigabytes, so
/// the workbook is refused by name before calamine reads it (calamine would only say it cannot
/// detect the file's format). UTF-16 XML is searched too.
pub fn check_no_dtd(members: &Members) -> Result<(), String> {
    let declares = |xml: &[u8]| {
        let narrow: Vec<u8> = xml.iter().copied().filter(|b| *b != 0).collect();
        narrow.windows(9).any(|w| w.eq_ignore_ascii_case(b"<!DOCTYPE"))
    };
    match members.0.iter().find(|(_, xml)| declares(xml)) {
        Some((name, _)) => Err(format!(
            "expected a workbook without a document type declaration, found a DTD (`<!DOCTYPE`) in `{}`: the workbook is refused, as a DTD can declare entities that expand without limit; open it in Excel or LibreOffice and save it again",
            crate::diag::shorten(name)
        )),
        None => Ok(()),
    }
}

/// Counts the cells calamine would expand an ODS workbook's `content.xml` to (repeated rows
/// and cells included), and refuses a sheet over [`MAX_WORKBOOK_CELLS`] or sheets over it
/// together, naming the sheet.
pub fn check_ods_extent(content: &[u8]) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let bad = |err: &dyn std::fmt::Display| format!("expected a readable ODS workbook, found damaged XML: {err}");
    let mut sheet = String::new();
    // Rows through the last filled one, the widest filled row, and the current row's state.
    let (mut rows, mut filled_rows, mut width) = (0u64, 0u64, 0u64);
    let (mut column, mut row_width, mut row_repeats) = (0u64, 0u64, 1u64);
    let mut total = 0u64;
    let too_many = |sheet: &str, cells: u64| {
        format!(
            "expected sheet `{sheet}` to span at most {MAX_WORKBOOK_CELLS} cells once its repeated rows and cells are counted, found {cells}"
        )
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|err| bad(&err))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(e) if e.name().as_ref() == b"table:table" => {
                let cells = filled_rows.saturating_mul(width);
                total = total.saturating_add(cells);
                if cells > MAX_WORKBOOK_CELLS {
                    return Err(too_many(&sheet, cells));
                }
                if total > MAX_WORKBOOK_CELLS {
                    return Err(format!(
                        "expected the sheets of a workbook to span at most {MAX_WORKBOOK_CELLS} cells together, found more"
                    ));
                }
                (None, false)
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                rows = rows.saturating_add(row_repeats);
                if row_width > 0 {
                    filled_rows = rows;
                    width = width.max(row_width);
                }
                if filled_rows.saturating_mul(width) > MAX_WORKBOOK_CELLS {
                    return Err(too_many(&sheet, filled_rows.saturating_mul(width)));
                }
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(e) = start else {
            buf.clear();
            continue;
        };
        match e.name().as_ref() {
            b"table:table" => {
                sheet = attribute(e, b"table:name").unwrap_or_default();
                (rows, filled_rows, width) = (0, 0, 0);
            }
            b"table:table-row" => {
                row_repeats = repeats(e, b"table:number-rows-repeated")?;
                (column, row_width) = (0, 0);
                if empty {
                    rows = rows.saturating_add(row_repeats);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                column = column.saturating_add(repeats(e, b"table:number-columns-repeated")?);
                let filled = !empty
                    || e.attributes().flatten().any(|a| {
                        matches!(a.key.as_ref(), b"office:value-type" | b"table:formula" | b"calcext:value-type")
                    });
                if filled {
                    row_width = column;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// An attribute's value, unescaped where it can be.
pub(super) fn attribute(e: &BytesStart, name: &[u8]) -> Option<String> {
    let value = e.try_get_attribute(name).ok()??;
    let raw = String::from_utf8_lossy(&value.value);
    Some(quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |v| v.into_owned()))
}

/// A repeat count (1 when absent).
fn repeats(e: &BytesStart, name: &[u8]) -> Result<u64, String> {
    match attribute(e, name) {
        None => Ok(1),
        Some(written) => written.trim().parse::<u64>().map_err(|_| {
            format!(
                "expected `{}` to be a count, found `{}`",
                String::from_utf8_lossy(name),
                crate::diag::shorten(&written)
            )
        }),
    }
}

/// The signature of a compound file (an Excel 97–2003 .xls workbook).
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from here up are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// Walks an .xls workbook's compound file and its sheets' records the way calamine will,
/// before it does: every sector chain it follows must end (a cycle would never stop), every
/// length it reserves room for must fit in the file, and the cells a sheet names or declares
/// (its `DIMENSIONS`) must number at most [`MAX_WORKBOOK_CELLS`]. Where calamine would stop
/// with an error of its own, this stops too and leaves the message to it.
pub fn check_xls(bytes: &[u8]) -> Result<SheetFormats, String> {
    if !bytes.starts_with(CFB) || bytes.len() < 512 {
        return Ok(SheetFormats::new());
    }
    let damaged = |what: &str| Err(format!("expected a readable workbook, found a damaged .xls file ({what})"));
    let u16_at = |at: usize| bytes.get(at..at + 2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |at: usize| bytes.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let size: usize = match u16_at(30) {
        9 => 512,
        12 => 4096,
        _ => return Ok(SheetFormats::new()),
    };
    let file = bytes.len();
    let max_id = file / size;
    // Sector `id`, as calamine reads it: after the header, cut short at the end of the file.
    let sector = |id: u32| -> Option<&[u8]> {
        let start = size + (id as usize).checked_mul(size)?;
        ((id as usize) <= max_id).then(|| &bytes[start.min(file)..(start + size).min(file)])
    };
    let words =
        |data: &[u8]| data.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect::<Vec<_>>();
    let (dir_len, fat_len, dir_start) = (u32_at(40) as usize, u32_at(44) as usize, u32_at(48));
    let (mini_fat_start, mini_fat_len) = (u32_at(60), u32_at(64) as usize);
    let difat_len = u32_at(62) as usize;
    if fat_len > max_id || dir_len.saturating_mul(size) > file || mini_fat_len.saturating_mul(size) > file {
        return damaged("its header counts more sectors than the file has");
    }
    if difat_len > 1 << 25 {
        return damaged("its header counts more sectors than the file has");
    }
    let mut difat = words(&bytes[76..512]);
    let mut id = u32_at(68);
    let mut steps = 0;
    while id < RESERVED {
        let Some(data) = sector(id) else { return Ok(SheetFormats::new()) };
        difat.extend(words(data));
        id = difat.pop().unwrap_or(END_OF_CHAIN);
        steps += 1;
        if steps > max_id + 1 {
            return damaged("its sector table runs in a circle");
        }
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let Some(data) = sector(id) else { return Ok(SheetFormats::new()) };
        fat.extend(words(data));
    }
    // A chain of sectors through `table` from `start`, each read by `read`: `None` where
    // calamine stops with an error; an error where it would never stop or reserve too much.
    fn chain<'b>(
        start: u32,
        len: usize,
        table: &[u32],
        limit: usize,
        file: usize,
        read: impl Fn(u32) -> Option<&'b [u8]>,
    ) -> Result<Option<Vec<u8>>, String> {
        if len > file {
            return Err("expected a readable workbook, found a damaged .xls file (a part longer than the file)".into());
        }
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id != END_OF_CHAIN {
            let Some(data) = read(id) else { return Ok(None) };
            out.extend_from_slice(data);
            let Some(next) = table.get(id as usize) else { return Ok(None) };
            id = *next;
            steps += 1;
            if steps > limit {
                return Err(
                    "expected a readable workbook, found a damaged .xls file (a chain of its sectors runs in a circle)"
                        .into(),
                );
            }
        }
        if len > 0 {
            out.truncate(len);
        }
        Ok(Some(out))
    }
    let Some(dirs) = chain(dir_start, dir_len * size, &fat, max_id + 1, file, sector)? else {
        return Ok(SheetFormats::new());
    };
    // Each directory entry: its name, first sector and length.
    let entries: Vec<(String, u32, usize)> = dirs
        .chunks(128)
        .filter(|e| e.len() >= 128)
        .map(|e| {
            let units: Vec<u16> = e[..64].chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
            let name: String = char::decode_utf16(units.into_iter().take_while(|u| *u != 0)).flatten().collect();
            let start = u32::from_le_bytes([e[116], e[117], e[118], e[119]]);
            let len = if size == 512 {
                u32::from_le_bytes([e[120], e[121], e[122], e[123]]) as usize
            } else {
                usize::try_from(u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8]))).unwrap_or(usize::MAX)
            };
            (name, start, len)
        })
        .collect();
    let Some(root) = entries.first() else { return Ok(SheetFormats::new()) };
    let (mut mini_fat, mut mini_stream) = (Vec::new(), Vec::new());
    if mini_fat_len > 0 {
        let Some(stream) = chain(root.1, root.2, &fat, max_id + 1, file, sector)? else {
            return Ok(SheetFormats::new());
        };
        let Some(table) = chain(mini_fat_start, mini_fat_len * size, &fat, max_id + 1, file, sector)? else {
            return Ok(SheetFormats::new());
        };
        (mini_stream, mini_fat) = (stream, words(&table));
    }
    let mini = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_mul(64)?;
        ((id as usize) <= max_id * 8)
            .then(|| &mini_stream[start.min(mini_stream.len())..(start + 64).min(mini_stream.len())])
    };
    for name in ["Workbook", "Book"] {
        let Some((_, start, len)) = entries.iter().find(|(n, _, _)| n == name) else { continue };
        let stream = if *len < 4096 {
            chain(*start, *len, &mini_fat, max_id * 8 + 1, file, mini)?
        } else {
            chain(*start, *len, &fat, max_id + 1, file, sector)?
        };
        if let Some(stream) = stream {
            return check_biff(&stream);
        }
    }
    Ok(SheetFormats::new())
}

/// The number format of each formatted cell of an .xls workbook, by sheet and place.
pub type SheetFormats = HashMap<String, HashMap<CellAt, CellMeta>>;

/// The records of an .xls workbook stream as calamine reads them: the sheets' positions from
/// the workbook's records, then each sheet's cells and declared dimensions, counted; and on
/// the way, the number format of each number cell (which calamine does not report).
fn check_biff(stream: &[u8]) -> Result<SheetFormats, String> {
    let u16_at = |data: &[u8], at: usize| data.get(at..at + 2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at =
        |data: &[u8], at: usize| data.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    // The records from `at` to the first EOF record (or the end, or a record cut short).
    let records = |at: usize| {
        let mut rest = stream.get(at..).unwrap_or(&[]);
        std::iter::from_fn(move || {
            let kind = u16_at(rest, 0);
            let len = u16_at(rest, 2) as usize;
            if rest.len() < 4 + len || kind == 0x000A {
                return None;
            }
            let data = &rest[4..4 + len];
            rest = &rest[4 + len..];
            Some((kind, data))
        })
    };
    // A BIFF8 string of `count` characters at `data[at..]`, its flags byte first.
    let text = |data: &[u8], count: usize, at: usize| -> String {
        let Some(&flags) = data.get(at) else { return String::new() };
        let chars = data.get(at + 1..).unwrap_or(&[]);
        if flags & 1 == 1 {
            let units: Vec<u16> = chars.chunks_exact(2).take(count).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
            String::from_utf16_lossy(&units)
        } else {
            chars.iter().take(count).map(|b| char::from(*b)).collect()
        }
    };
    let (mut sheets, mut custom, mut xfs) = (Vec::new(), HashMap::new(), Vec::new());
    for (kind, data) in records(0) {
        match kind {
            0x0085 if data.len() >= 8 => sheets.push((u32_at(data, 0) as usize, text(data, data[6] as usize, 7))),
            0x041E if data.len() >= 5 => {
                let code = FormatCode::parse(&text(data, u16_at(data, 2) as usize, 4));
                custom.insert(u16_at(data, 0), std::sync::Arc::new(code));
            }
            0x00E0 if data.len() >= 4 && xfs.len() < 100_000 => xfs.push(u16_at(data, 2)),
            _ => {}
        }
    }
    // A cell's format: its code when it says anything of a number, else a built-in format's.
    let format = |xf: u16| -> Option<CellMeta> {
        let &id = xfs.get(xf as usize)?;
        match custom.get(&id) {
            Some(code) => code.says_anything().then(|| CellMeta::coded(code)),
            None => Some(CellMeta { format: builtin(u32::from(id)), ..CellMeta::default() })
                .filter(|meta| meta.format != Format::General),
        }
    };
    let mut formats = SheetFormats::new();
    let mut total = 0u64;
    for (at, name) in sheets {
        let sheet_formats = formats.entry(name).or_default();
        let mut keep = |row: u16, col: u16, xf: u16| {
            if let Some(meta) = format(xf) {
                sheet_formats.insert((u32::from(row), u32::from(col)), meta);
            }
        };
        let (mut cells, mut rows, mut cols) = (0u64, (u32::MAX, 0u32), (u32::MAX, 0u32));
        let mut mark = |row: u32, col: u32| {
            rows = (rows.0.min(row), rows.1.max(row));
            cols = (cols.0.min(col), cols.1.max(col));
        };
        for (kind, data) in records(at) {
            match kind {
                0x0200 => {
                    let (first_row, last_row, first_col, last_col) = match data.len() {
                        10 => (
                            u16_at(data, 0) as u32,
                            u16_at(data, 2) as u32,
                            u16_at(data, 4) as u32,
                            u16_at(data, 6) as u32,
                        ),
                        14 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8) as u32, u16_at(data, 10) as u32),
                        _ => continue,
                    };
                    let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
                    let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
                        (last_row - 1, last_col - 1)
                    } else {
                        (first_row, first_col)
                    };
                    let height = u64::from(end_row.wrapping_sub(first_row).wrapping_add(1));
                    let width = u64::from(end_col.wrapping_sub(first_col).wrapping_add(1));
                    let declared = height.saturating_mul(width);
                    if declared > MAX_WORKBOOK_CELLS {
                        return Err(format!(
                            "expected the sheets of a workbook to declare at most {MAX_WORKBOOK_CELLS} cells each, found one declaring {declared}"
                        ));
                    }
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                    cells += 1;
                    mark(u16_at(data, 0) as u32, u16_at(data, 2) as u32);
                    if matches!(kind, 0x0203 | 0x027E | 0x0006) && data.len() >= 6 {
                        keep(u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
                    }
                }
                0x00BD if data.len() >= 6 => {
                    cells += (data.len() as u64 - 6) / 6;
                    mark(u16_at(data, 0) as u32, u16_at(data, 2) as u32);
                    mark(u16_at(data, 0) as u32, u16_at(data, data.len() - 2) as u32);
                    let first = u16_at(data, 2);
                    for (i, rk) in data[4..data.len() - 2].chunks_exact(6).enumerate() {
                        keep(u16_at(data, 0), first.saturating_add(i as u16), u16::from_le_bytes([rk[0], rk[1]]));
                    }
                }
                _ => {}
            }
        }
        let spanned = if rows.0 <= rows.1 {
            u64::from(rows.1 - rows.0 + 1).saturating_mul(u64::from(cols.1 - cols.0 + 1))
        } else {
            0
        };
        total = total.saturating_add(spanned.max(cells));
        if spanned.max(cells) > MAX_WORKBOOK_CELLS || total > MAX_WORKBOOK_CELLS {
            return Err(format!(
                "expected the sheets of a workbook to span at most {MAX_WORKBOOK_CELLS} cells together, found {}",
                spanned.max(cells)
            ));
        }
    }
    Ok(formats)
}
