//! Tiny workbooks written by the tests themselves (with the `zip` crate calamine uses), so
//! each hostile or faulty case is a few lines of XML next to its test, not a binary file.

use std::io::Write;

use zip::write::SimpleFileOptions;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The cell styles of [`xlsx`]: 0 General, 1 `0.0%`, 2 `#,##0`, 3 `0%` (4 is `0.0`), 5
/// `#,##0\ "kr"`, 6 `0.0 "mill. kr"`, 7 `#,##0.0,, "mill.kr"` (millions of stored kroner).
pub const GENERAL: u32 = 0;
pub const PERCENT_1: u32 = 1;
pub const THOUSANDS: u32 = 2;
pub const PERCENT_0: u32 = 3;
pub const KRONER: u32 = 5;
pub const MILLIONS: u32 = 6;
pub const IN_MILLIONS: u32 = 7;

const STYLES: &str = r##"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="5"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0"/><numFmt numFmtId="166" formatCode="#,##0\ &quot;kr&quot;"/><numFmt numFmtId="167" formatCode="0.0 &quot;mill. kr&quot;"/><numFmt numFmtId="168" formatCode="#,##0.0,, &quot;mill.kr&quot;"/></numFmts><cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="3" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/><xf numFmtId="167" applyNumberFormat="1"/><xf numFmtId="168" applyNumberFormat="1"/></cellXfs></styleSheet>"##;

/// A cell of a sheet.
pub enum C<'a> {
    /// A number with a style (one of the constants above).
    N(f64, u32),
    /// Text.
    T(&'a str),
    /// A formula stored without its computed value, as programs write workbooks.
    F(&'a str),
    /// A formula with an empty value element (`<v></v>`), as openpyxl writes one.
    Fv(&'a str),
    /// Nothing.
    E,
}

/// The XML of one cell at `reference`.
pub fn cell(reference: &str, value: &C) -> String {
    match value {
        C::N(number, style) => format!(r#"<c r="{reference}" s="{style}"><v>{number}</v></c>"#),
        C::T(text) => format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#),
        C::F(formula) => format!(r#"<c r="{reference}"><f>{formula}</f></c>"#),
        C::Fv(formula) => format!(r#"<c r="{reference}"><f>{formula}</f><v></v></c>"#),
        C::E => String::new(),
    }
}

/// The `sheetData` of rows starting at A1.
pub fn rows(rows: &[&[C]]) -> String {
    rows.iter()
        .enumerate()
        .map(|(r, cells)| {
            let cells: String = cells
                .iter()
                .enumerate()
                .map(|(c, value)| cell(&format!("{}{}", char::from(b'A' + c as u8), r + 1), value))
                .collect();
            format!(r#"<row r="{}">{cells}</row>"#, r + 1)
        })
        .collect()
}

/// An .xlsx workbook of one sheet `Ark1` with `data` in its `sheetData` and `after` after it
/// (e.g. `<mergeCells>`), deflated.
pub fn xlsx(data: &str, after: &str) -> Vec<u8> {
    xlsx_with(data, after, zip::CompressionMethod::Deflated)
}

/// [`xlsx`] with the members compressed by `method`.
pub fn xlsx_with(data: &str, after: &str, method: zip::CompressionMethod) -> Vec<u8> {
    xlsx_styled(data, after, STYLES, method)
}

/// An .xlsx workbook as [`xlsx`] whose cell styles 1, 2, … have the custom number format
/// codes `codes` (as Excel stores them: `.` for the decimal point, `,` for thousands); style 0
/// is General.
pub fn xlsx_codes(data: &str, codes: &[&str]) -> Vec<u8> {
    let escape =
        |code: &str| code.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    let formats: String = codes
        .iter()
        .enumerate()
        .map(|(i, code)| format!(r#"<numFmt numFmtId="{}" formatCode="{}"/>"#, 164 + i, escape(code)))
        .collect();
    let xfs: String =
        (0..codes.len()).map(|i| format!(r#"<xf numFmtId="{}" applyNumberFormat="1"/>"#, 164 + i)).collect();
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts count="{}">{formats}</numFmts><cellXfs count="{}"><xf numFmtId="0"/>{xfs}</cellXfs></styleSheet>"#,
        codes.len(),
        codes.len() + 1
    );
    xlsx_styled(data, "", &styles, zip::CompressionMethod::Deflated)
}

/// An .xlsx workbook of one sheet `Ark1` with `data`, `after` and the styles part `styles`.
fn xlsx_styled(data: &str, after: &str, styles: &str, method: zip::CompressionMethod) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData>{after}</worksheet>"#
    );
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#),
        ),
        ("xl/styles.xml", styles.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    zipped(files.iter().map(|(name, text)| (*name, text.as_bytes())), method)
}

/// An .ods workbook whose `content.xml` holds the automatic styles `styles` and `table` (a
/// `table:table` element).
pub fn ods(styles: &str, table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let files: [(&str, &[u8]); 3] = [
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ];
    zipped(files.into_iter(), zip::CompressionMethod::Stored)
}

/// A ZIP file of `files`.
pub fn zipped<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>, method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let method = if name == "mimetype" { zip::CompressionMethod::Stored } else { method };
        let options =
            SimpleFileOptions::default().compression_method(method).large_file(bytes.len() > u32::MAX as usize);
        writer.start_file(name, options).expect("start a member");
        writer.write_all(bytes).expect("write a member");
    }
    writer.finish().expect("finish the ZIP file").into_inner()
}

/// The ZIP file `workbook` with one more member, `name` holding `bytes`, deflated.
pub fn with_member(workbook: &[u8], name: &str, bytes: &[u8]) -> Vec<u8> {
    let members = members(workbook);
    let files = members.iter().map(|(n, b)| (n.as_str(), b.as_slice())).chain([(name, bytes)]);
    zipped(files, zip::CompressionMethod::Deflated)
}

/// The ZIP file `workbook` with its member `name` changed by `change`, deflated.
pub fn with_changed_member(workbook: &[u8], name: &str, change: impl Fn(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let members: Vec<(String, Vec<u8>)> =
        members(workbook).into_iter().map(|(n, b)| if n == name { (n, change(b)) } else { (n, b) }).collect();
    zipped(members.iter().map(|(n, b)| (n.as_str(), b.as_slice())), zip::CompressionMethod::Deflated)
}

/// The members of the ZIP file `workbook`, inflated: name and bytes.
fn members(workbook: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(workbook)).expect("a ZIP file");
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).expect("a member");
        let mut inflated = Vec::new();
        std::io::Read::read_to_end(&mut member, &mut inflated).expect("a readable member");
        members.push((member.name().to_string(), inflated));
    }
    members
}

/// `bytes` with a ZIP file's member `name` (written stored) given one changed byte of its
/// data, its checksum left as it was.
pub fn corrupt_member(mut bytes: Vec<u8>, inside: &str, from: &str, to: &str) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let data = inside.as_bytes();
    let at = bytes.windows(data.len()).position(|w| w == data).expect("the member's text is in the file");
    let offset = at + inside.find(from).expect("the text to change");
    bytes[offset..offset + from.len()].copy_from_slice(to.as_bytes());
    bytes
}

/// An Excel 97–2003 workbook (a compound file of 512-byte sectors: the sector table, the
/// directory, then an 8-sector `Workbook` stream) whose one sheet `Ark1` declares the rows
/// `first_row..last_row` and 256 columns in its `DIMENSIONS` record. With `circular`, the
/// stream's chain of sectors leads back to its start.
pub fn xls(first_row: u32, last_row: u32, circular: bool) -> Vec<u8> {
    xls_with(first_row, last_row, circular, &[])
}

/// [`xls`] whose sheet holds `cells` at (row, column) from A1, numbers with the cell format
/// of `xls`'s styles: [`GENERAL`], [`PERCENT_1`] (`0.0%`) or [`THOUSANDS`] (`#,##0`).
pub fn xls_with(first_row: u32, last_row: u32, circular: bool, cells: &[(u16, u16, C)]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    let record = |kind: u16, data: &[u8]| {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    };
    let bof = |kind: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &kind.to_le_bytes(), &[0; 12]].concat());
    // The cell formats: a custom `0.0%` (164), then the styles 0 General, 1 `0.0%`, 2 `#,##0`.
    let mut globals = record(0x041E, &[&164u16.to_le_bytes()[..], &4u16.to_le_bytes(), &[0], b"0.0%"].concat());
    for format in [0u16, 164, 3] {
        globals.extend(record(0x00E0, &[&0u16.to_le_bytes()[..], &format.to_le_bytes(), &[0; 16]].concat()));
    }
    // The workbook's records, then the sheet's at `at`.
    let at = (bof(5).len() + globals.len() + 4 + 12 + 4) as u32;
    let mut stream = bof(5);
    stream.extend(globals);
    stream.extend(record(0x0085, &[&at.to_le_bytes()[..], &[0, 0, 4, 0], b"Ark1"].concat()));
    stream.extend(record(0x000A, &[]));
    stream.extend(bof(0x10));
    let dimensions =
        [&first_row.to_le_bytes()[..], &last_row.to_le_bytes(), &0u16.to_le_bytes(), &256u16.to_le_bytes(), &[0, 0]]
            .concat();
    stream.extend(record(0x0200, &dimensions));
    for (row, col, cell) in cells {
        let at = [row.to_le_bytes(), col.to_le_bytes()].concat();
        match cell {
            C::N(number, style) => {
                let data = [&at[..], &(*style as u16).to_le_bytes(), &number.to_le_bytes()].concat();
                stream.extend(record(0x0203, &data));
            }
            C::T(text) => {
                let data =
                    [&at[..], &0u16.to_le_bytes(), &(text.len() as u16).to_le_bytes(), &[0], text.as_bytes()].concat();
                stream.extend(record(0x0204, &data));
            }
            C::F(_) | C::Fv(_) | C::E => {}
        }
    }
    stream.extend(record(0x000A, &[]));
    stream.resize(4096, 0);
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let mut put = |at: usize, value: &[u8]| header[at..at + value.len()].copy_from_slice(value);
    put(24, &0x003Eu16.to_le_bytes());
    put(26, &3u16.to_le_bytes());
    put(28, &0xFFFEu16.to_le_bytes());
    put(30, &9u16.to_le_bytes());
    put(32, &6u16.to_le_bytes());
    put(44, &1u32.to_le_bytes()); // one sector of the sector table
    put(48, &1u32.to_le_bytes()); // the directory at sector 1
    put(56, &4096u32.to_le_bytes());
    put(60, &END.to_le_bytes());
    put(68, &END.to_le_bytes());
    for slot in 0..109 {
        put(76 + slot * 4, &(if slot == 0 { 0u32 } else { 0xFFFF_FFFF }).to_le_bytes());
    }
    let mut fat = vec![0xFFFF_FFFFu32; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = END;
    for (sector, next) in fat.iter_mut().enumerate().take(9).skip(2) {
        *next = sector as u32 + 1;
    }
    fat[9] = if circular { 2 } else { END };
    let mut directory = vec![0u8; 512];
    let mut entry = |index: usize, name: &str, kind: u8, start: u32, len: u32| {
        let at = index * 128;
        let units: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
        directory[at..at + units.len()].copy_from_slice(&units);
        directory[at + 64..at + 66].copy_from_slice(&(units.len() as u16).to_le_bytes());
        directory[at + 66] = kind;
        for sibling in [68, 72, 76] {
            directory[at + sibling..at + sibling + 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        directory[at + 116..at + 120].copy_from_slice(&start.to_le_bytes());
        directory[at + 120..at + 124].copy_from_slice(&len.to_le_bytes());
    };
    entry(0, "Root Entry", 5, END, 0);
    entry(1, "Workbook", 2, 2, 4096);
    let mut bytes = header;
    bytes.extend(fat.iter().flat_map(|w| w.to_le_bytes()));
    bytes.extend(directory);
    bytes.extend(stream);
    bytes
}
