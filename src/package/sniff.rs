//! Classifies a file by its first bytes, never by its extension: a `.docx` may be a renamed
//! `.doc`, a password-protected package (which is an OLE container, not a zip), or not an
//! Office file at all.

use std::io::{Read, Seek};

use crate::package::PackageError;

/// What the first bytes say the file is.
#[derive(Debug, PartialEq)]
pub enum Container {
    Zip,
    /// OLE Compound File Binary: Word 97-2003, or an encrypted OOXML package.
    Cfb,
    Other(PackageError),
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn sniff(head: &[u8], file_name: &str) -> Container {
    if head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"PK\x05\x06")
        || head.starts_with(b"PK\x07\x08")
    {
        return Container::Zip;
    }
    if head.starts_with(CFB_MAGIC) {
        return Container::Cfb;
    }
    Container::Other(PackageError::NotOoxml(describe_other(head, file_name)))
}

fn describe_other(head: &[u8], file_name: &str) -> String {
    if head.is_empty() {
        return "the file is empty".into();
    }
    if file_name.starts_with("~$") {
        return "this is a Word lock file (~$...), left while a document is open; send the document itself".into();
    }
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("{\\rtf") {
        "this is an RTF document".into()
    } else if lower.starts_with("%pdf") {
        "this is a PDF document".into()
    } else if lower.starts_with("<?xml")
        || lower.starts_with("<w:document")
        || lower.starts_with("<pkg:package")
    {
        "this is a single XML file (Word XML / Flat OPC), not a zipped .docx package".into()
    } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        "this is an HTML page".into()
    } else if head
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
    {
        "this is plain text".into()
    } else {
        "its first bytes match neither a zip package nor an OLE container".into()
    }
}

/// Tells a Word 97-2003 document from a password-protected OOXML package, both of which
/// are OLE compound files.
pub fn classify_cfb(bytes: &[u8]) -> PackageError {
    let Ok(mut compound) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return classify_damaged_cfb(bytes);
    };
    if compound.is_stream("/EncryptedPackage") || compound.is_stream("/EncryptionInfo") {
        return PackageError::Encrypted;
    }
    if compound.is_stream("/WordDocument") {
        return PackageError::LegacyDoc {
            encrypted: fib_encrypted(&mut compound),
        };
    }
    PackageError::NotOoxml(
        "it is an OLE compound file without a Word document stream (another Office 97-2003 file?)"
            .into(),
    )
}

/// Some producers write OLE containers whose FAT a strict reader rejects (seen on
/// encrypted packages in the corpus). Directory entries still name their streams in
/// UTF-16LE, 128-byte aligned; look for the names Word and Office encryption use.
fn classify_damaged_cfb(bytes: &[u8]) -> PackageError {
    let has = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.chunks(128).any(|entry| entry.starts_with(&needle))
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        PackageError::Encrypted
    } else if has("WordDocument") {
        PackageError::LegacyDoc { encrypted: false }
    } else {
        PackageError::NotOoxml(
            "it starts like an OLE compound file but its directory cannot be read".into(),
        )
    }
}

/// The File Information Block's `fEncrypted` flag (bit 8 of the 16-bit word at 0x0A).
fn fib_encrypted<R: Read + Seek>(compound: &mut cfb::CompoundFile<R>) -> bool {
    let Ok(mut stream) = compound.open_stream("/WordDocument") else {
        return false;
    };
    let mut fib = [0u8; 12];
    if stream.read_exact(&mut fib).is_err() {
        return false;
    }
    let flags = u16::from_le_bytes([fib[10], fib[11]]);
    flags & 0x0100 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest", "a.doc"), Container::Zip);
        assert_eq!(sniff(CFB_MAGIC, "a.docx"), Container::Cfb);
        for (bytes, says) in [
            (&b""[..], "empty"),
            (b"{\\rtf1\\ansi", "RTF"),
            (b"%PDF-1.7", "PDF"),
            (b"hello world\n", "plain text"),
            (b"<?xml version='1.0'?><pkg:package", "Flat OPC"),
            (&[0u8, 159, 146, 150][..], "neither"),
        ] {
            match sniff(bytes, "x.docx") {
                Container::Other(PackageError::NotOoxml(text)) => {
                    assert!(text.contains(says), "{text}")
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
