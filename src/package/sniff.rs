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
    if let Some(owner) = lock_file(head, file_name) {
        return Container::Other(PackageError::LockFile { owner });
    }
    Container::Other(PackageError::NotOoxml(describe_other(head)))
}

/// The size of the owner file Word keeps next to an open document.
const OWNER_FILE_BYTES: usize = 162;

/// Word's lock ("owner") file: `Some(owner name, when readable)`, else `None`.
///
/// Word names it after the document with `~$` in front (replacing the first two characters
/// of a long name); copies often carry a prefix (`3fa1c2d4_~$T4N-I-012.docx`), so the
/// marker may be anywhere in the name. A renamed one is known by its content: 162 bytes,
/// a length byte and the user name in the local code page, then the same name in UTF-16LE
/// from byte 54.
#[expect(
    clippy::option_option,
    reason = "not a lock file, or a lock file whose owner may be unreadable: the two levels the caller matches"
)]
fn lock_file(head: &[u8], file_name: &str) -> Option<Option<String>> {
    let owner = owner_name(head);
    if file_name.contains("~$") || owner.is_some() {
        Some(owner)
    } else {
        None
    }
}

fn owner_name(head: &[u8]) -> Option<String> {
    if head.len() != OWNER_FILE_BYTES {
        return None;
    }
    let length = usize::from(*head.first()?);
    if length == 0 || length > 53 {
        return None;
    }
    let ansi = head.get(1..1 + length)?;
    if ansi.iter().any(u8::is_ascii_control) {
        return None;
    }
    // The same name in UTF-16LE after its 16-bit length, from byte 54 on; its ASCII
    // letters must be the ANSI name's.
    for start in 54..head.len() {
        let Some([low, high]) = head.get(start..start + 2) else {
            break;
        };
        if usize::from(u16::from_le_bytes([*low, *high])) != length {
            continue;
        }
        let Some(units) = head.get(start + 2..start + 2 + 2 * length) else {
            break;
        };
        let wide: Vec<u16> = units
            .chunks_exact(2)
            .map(|pair| match pair {
                [low, high] => u16::from_le_bytes([*low, *high]),
                _ => 0,
            })
            .collect();
        let Ok(name) = String::from_utf16(&wide) else {
            continue;
        };
        let agrees = name
            .chars()
            .zip(ansi)
            .all(|(c, b)| !b.is_ascii() || c == char::from(*b));
        if agrees && !name.chars().any(char::is_control) && !name.trim().is_empty() {
            return Some(name.trim().to_string());
        }
    }
    None
}

fn describe_other(head: &[u8]) -> String {
    if head.is_empty() {
        return "the file is empty".into();
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

    /// An owner file as Word writes it: length, ANSI name padded to byte 54, then the
    /// length and the name in UTF-16LE, padded to 162 bytes.
    fn owner_file(name: &str) -> Vec<u8> {
        let length = u8::try_from(name.len()).expect("a short test name");
        let mut bytes = vec![length];
        bytes.extend(name.bytes());
        bytes.resize(54, b' ');
        bytes.extend(u16::from(length).to_le_bytes());
        bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        while bytes.len() < OWNER_FILE_BYTES {
            bytes.extend([b' ', 0]);
        }
        bytes.truncate(OWNER_FILE_BYTES);
        bytes
    }

    #[test]
    fn word_lock_files_by_name_or_content() {
        let lock = owner_file("Alice Example");
        let owner = Some("Alice Example".to_string());
        for name in [
            "~$T4N-I-012.docx",
            "3fa1c2d4_~$T4N-I-012.docx",
            "renamed.docx",
        ] {
            assert_eq!(
                sniff(&lock, name),
                Container::Other(PackageError::LockFile {
                    owner: owner.clone()
                }),
                "{name}"
            );
        }
        // Named like one, but not readable as one (or empty): still Word's lock file.
        for bytes in [&b""[..], &[0u8, 159, 146, 150][..]] {
            assert_eq!(
                sniff(bytes, "~$T4N-I-012.docx"),
                Container::Other(PackageError::LockFile { owner: None })
            );
        }
        // A real document is a document whatever its name.
        assert_eq!(sniff(b"PK\x03\x04rest", "~$T4N-I-012.docx"), Container::Zip);
        // 162 bytes of something else are not a lock file.
        let mut other = lock.clone();
        other[60] = b'X';
        other[62] = b'Y';
        assert!(matches!(
            sniff(&other, "x.docx"),
            Container::Other(PackageError::NotOoxml(_))
        ));
        assert!(matches!(
            sniff(&[b'a'; OWNER_FILE_BYTES], "x.docx"),
            Container::Other(PackageError::NotOoxml(_))
        ));
    }
}
