//! Documents members attach: PDF and office files (docx, xlsx, pptx, odt, ods), recognised
//! by their content whatever their name says, and the name they are downloaded under.
//!
//! Office files are ZIP archives: OOXML names its main part's type in `[Content_Types].xml`,
//! ODF in a `mimetype` entry. Only those two small entries are ever decompressed, with a
//! cap, and the archive's directory is refused when it claims more entries than a document
//! has, so a crafted archive cannot make the check itself expensive.

use std::io::{self, Read, Seek, SeekFrom};

/// A kind of document the portal accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
}

impl DocumentKind {
    pub fn media_type(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            DocumentKind::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            DocumentKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            DocumentKind::Odt => "application/vnd.oasis.opendocument.text",
            DocumentKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            DocumentKind::Pdf => "pdf",
            DocumentKind::Docx => "docx",
            DocumentKind::Xlsx => "xlsx",
            DocumentKind::Pptx => "pptx",
            DocumentKind::Odt => "odt",
            DocumentKind::Ods => "ods",
        }
    }

    /// The kind a stored file name says: names are given the real extension at upload.
    pub fn from_file_name(name: &str) -> Option<DocumentKind> {
        let (_, ext) = name.rsplit_once('.')?;
        [
            DocumentKind::Pdf,
            DocumentKind::Docx,
            DocumentKind::Xlsx,
            DocumentKind::Pptx,
            DocumentKind::Odt,
            DocumentKind::Ods,
        ]
        .into_iter()
        .find(|k| k.extension().eq_ignore_ascii_case(ext))
    }
}

/// What the file input offers to choose (the server judges by content all the same).
pub const ACCEPT: &str = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,application/pdf,\
application/vnd.openxmlformats-officedocument.wordprocessingml.document,\
application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,\
application/vnd.openxmlformats-officedocument.presentationml.presentation,\
application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet";

/// Why an uploaded file was not taken as a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentRefusal {
    /// No file, or an empty one.
    Missing,
    /// Larger than the cap.
    TooLarge,
    /// Not PDF or one of the office formats by content, whatever its name.
    NotADocument,
    /// Damaged or incomplete (a PDF without its end, a broken archive).
    Unreadable,
}

/// The most entries an office archive may list: real documents have a few dozen to a few
/// thousand (spreadsheets with many sheets and images).
const MAX_ENTRIES: u64 = 20_000;
/// How much of `[Content_Types].xml` or `mimetype` is read.
const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;
/// A PDF's `%%EOF` is in its last kilobyte (PDF 1.7, 7.5.5, as readers tolerate it).
const PDF_TAIL: u64 = 1024;

const OOXML_MAIN_TYPES: [(&str, DocumentKind); 3] = [
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        DocumentKind::Docx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        DocumentKind::Xlsx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        DocumentKind::Pptx,
    ),
];

/// What `file` is, judged by its bytes alone. Errors are those of reading our own
/// temporary file; a bad upload is a refusal.
pub fn identify<R: Read + Seek>(mut file: R) -> io::Result<Result<DocumentKind, DocumentRefusal>> {
    let len = file.seek(SeekFrom::End(0))?;
    if len == 0 {
        return Ok(Err(DocumentRefusal::Missing));
    }
    let mut head = [0u8; 5];
    file.seek(SeekFrom::Start(0))?;
    let n = read_up_to(&mut file, &mut head)?;
    let head = &head[..n];
    if head.starts_with(b"%PDF-") {
        return pdf_complete(&mut file, len).map(|complete| {
            if complete {
                Ok(DocumentKind::Pdf)
            } else {
                Err(DocumentRefusal::Unreadable)
            }
        });
    }
    if head.starts_with(b"PK\x03\x04") {
        return office_kind(&mut file, len);
    }
    Ok(Err(DocumentRefusal::NotADocument))
}

fn read_up_to<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Whether the PDF reaches its end marker: one cut off in transfer is refused rather than
/// published broken.
fn pdf_complete<R: Read + Seek>(file: &mut R, len: u64) -> io::Result<bool> {
    let start = len.saturating_sub(PDF_TAIL);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::with_capacity(PDF_TAIL as usize);
    file.take(PDF_TAIL).read_to_end(&mut tail)?;
    Ok(tail.windows(5).any(|w| w == b"%%EOF"))
}

fn office_kind<R: Read + Seek>(
    file: &mut R,
    len: u64,
) -> io::Result<Result<DocumentKind, DocumentRefusal>> {
    match directory_entries(file, len)? {
        Some(n) if n <= MAX_ENTRIES => {}
        _ => return Ok(Err(DocumentRefusal::Unreadable)),
    }
    file.seek(SeekFrom::Start(0))?;
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(Err(DocumentRefusal::Unreadable));
    };
    // Macros are code: a document that carries them is not published, whatever it claims.
    if archive
        .file_names()
        .filter_map(Result::ok)
        .any(|name| name.to_ascii_lowercase().ends_with("vbaproject.bin"))
    {
        return Ok(Err(DocumentRefusal::NotADocument));
    }
    if let Some(mimetype) = entry_text(&mut archive, "mimetype") {
        return Ok(match mimetype.trim() {
            "application/vnd.oasis.opendocument.text" => Ok(DocumentKind::Odt),
            "application/vnd.oasis.opendocument.spreadsheet" => Ok(DocumentKind::Ods),
            _ => Err(DocumentRefusal::NotADocument),
        });
    }
    let Some(types) = entry_text(&mut archive, "[Content_Types].xml") else {
        return Ok(Err(DocumentRefusal::NotADocument));
    };
    let mut kinds = OOXML_MAIN_TYPES
        .iter()
        .filter(|(media_type, _)| types.contains(media_type))
        .map(|&(_, kind)| kind);
    Ok(match (kinds.next(), kinds.next()) {
        (Some(kind), None) => Ok(kind),
        _ => Err(DocumentRefusal::NotADocument),
    })
}

/// The number of entries the archive's end record announces, or `None` when there is no
/// end record (not a whole archive) or it needs ZIP64, which no office document of our size
/// does.
fn directory_entries<R: Read + Seek>(file: &mut R, len: u64) -> io::Result<Option<u64>> {
    // The end record is 22 bytes plus a comment of at most 65535.
    let start = len.saturating_sub(22 + 65_535);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::new();
    file.take(len - start).read_to_end(&mut tail)?;
    let Some(at) = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .filter(|&at| at + 22 <= tail.len())
    else {
        return Ok(None);
    };
    let total = u16::from_le_bytes([tail[at + 10], tail[at + 11]]);
    Ok((total != u16::MAX).then_some(u64::from(total)))
}

fn entry_text<R: Read + Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_MANIFEST_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// The name a document is downloaded under: the uploaded name without folders or control
/// characters, with the extension of what the file really is.
pub fn download_name(uploaded: &str, kind: DocumentKind) -> String {
    let base = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let stem = match clean.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => clean.as_str(),
    };
    let stem = stem.trim().trim_matches('.');
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}.{}", kind.extension())
}

/// A title from an uploaded file name: its stem, with `_` read as a space.
pub fn title_from_name(uploaded: &str) -> String {
    let base = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let title: String = stem
        .chars()
        .map(|c| if c == '_' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Content-Disposition` for a download named `name` (RFC 6266): an ASCII `filename` for
/// old clients and the exact name as UTF-8 in `filename*`. Always `attachment`, PDF too:
/// shown in place, a PDF would be a page of ours under our CSP, which (rightly) blocks the
/// plugin and inline styles Chrome's viewer needs; downloaded, it opens in the reader.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        // RFC 8187 attr-char: everything else is percent-encoded.
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::{SimpleFileOptions, ZipWriter};

    /// A ZIP with these entries (deflated, as office programs write them).
    pub fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn ooxml(main_type: &str, main_part: &str) -> Vec<u8> {
        let types = format!(
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{main_part}" ContentType="{main_type}"/></Types>"#
        );
        archive(&[
            ("[Content_Types].xml", types.as_bytes()),
            (main_part, b"<x/>"),
        ])
    }

    fn kind(bytes: &[u8]) -> Result<DocumentKind, DocumentRefusal> {
        identify(Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn every_accepted_kind_is_recognised_by_content() {
        assert_eq!(
            kind(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
            Ok(DocumentKind::Pdf)
        );
        for (main_type, part, expected) in [
            (
                OOXML_MAIN_TYPES[0].0,
                "word/document.xml",
                DocumentKind::Docx,
            ),
            (OOXML_MAIN_TYPES[1].0, "xl/workbook.xml", DocumentKind::Xlsx),
            (
                OOXML_MAIN_TYPES[2].0,
                "ppt/presentation.xml",
                DocumentKind::Pptx,
            ),
        ] {
            assert_eq!(kind(&ooxml(main_type, part)), Ok(expected));
        }
        for (mimetype, expected) in [
            ("application/vnd.oasis.opendocument.text", DocumentKind::Odt),
            (
                "application/vnd.oasis.opendocument.spreadsheet",
                DocumentKind::Ods,
            ),
        ] {
            let odf = archive(&[("mimetype", mimetype.as_bytes()), ("content.xml", b"<x/>")]);
            assert_eq!(kind(&odf), Ok(expected));
        }
    }

    #[test]
    fn impostors_and_damaged_files_are_refused() {
        assert_eq!(kind(b""), Err(DocumentRefusal::Missing));
        assert_eq!(
            kind(b"<!doctype html><script>alert(1)</script>"),
            Err(DocumentRefusal::NotADocument)
        );
        assert_eq!(
            kind(b"%PDF-1.7\n1 0 obj <<"),
            Err(DocumentRefusal::Unreadable),
            "a PDF cut short"
        );
        assert_eq!(
            kind(&archive(&[("notes.txt", b"hello")])),
            Err(DocumentRefusal::NotADocument),
            "a plain ZIP"
        );
        let macro_doc = ooxml(
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "word/document.xml",
        );
        assert_eq!(kind(&macro_doc), Err(DocumentRefusal::NotADocument));
        let with_macros = {
            let types = format!(
                r#"<Types><Override PartName="/word/document.xml" ContentType="{}"/></Types>"#,
                OOXML_MAIN_TYPES[0].0
            );
            archive(&[
                ("[Content_Types].xml", types.as_bytes()),
                ("word/vbaProject.bin", b"\x00"),
            ])
        };
        assert_eq!(kind(&with_macros), Err(DocumentRefusal::NotADocument));
        let presentation = archive(&[(
            "mimetype",
            b"application/vnd.oasis.opendocument.presentation".as_slice(),
        )]);
        assert_eq!(kind(&presentation), Err(DocumentRefusal::NotADocument));
        let whole = ooxml(OOXML_MAIN_TYPES[0].0, "word/document.xml");
        assert_eq!(
            kind(&whole[..whole.len() - 30]),
            Err(DocumentRefusal::Unreadable),
            "an archive cut short"
        );
    }

    #[test]
    fn names_keep_the_real_extension_and_headers_are_safe() {
        assert_eq!(
            download_name("C:\\x\\report.PDF", DocumentKind::Pdf),
            "report.pdf"
        );
        assert_eq!(download_name("data.pdf", DocumentKind::Xlsx), "data.xlsx");
        assert_eq!(download_name("", DocumentKind::Odt), "document.odt");
        assert_eq!(download_name("..", DocumentKind::Pdf), "document.pdf");
        assert_eq!(
            title_from_name("annual_report_2019.pdf"),
            "annual report 2019"
        );
        assert_eq!(
            content_disposition("รายงาน \"final\".docx"),
            "attachment; filename=\"______ _final_.docx\"; \
             filename*=UTF-8''%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99%20%22final%22.docx"
        );
    }
}
