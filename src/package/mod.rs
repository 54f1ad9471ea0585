//! The package layer: turns untrusted bytes into named, size-limited XML part streams.
//!
//! A `.docx` is an OPC package (a zip). Everything here assumes a hostile sender: the file
//! is classified by content, never by extension; the main part is found the way OPC says
//! (package relationships, then content types), which is how Strict Open XML and
//! producers that name the part `document2.xml` are read correctly; nothing is extracted
//! to disk; every part is inflated through [`LimitedRead`], which stops at the limits in
//! [`limits`] instead of trusting the sizes the zip declares.

pub mod opc;
pub mod sniff;
mod zipcheck;

use std::borrow::Cow;
use std::collections::HashMap;

use std::io::{self, BufReader, Read, Seek};

use zip::ZipArchive;
use zip::result::ZipError;

pub use crate::guard::{LimitExceeded, PackageError, limit_of, limits};
pub use opc::{ContentTypes, Relationship};

/// Counts inflated bytes and refuses to go past the per-part size, the file's remaining
/// budget, or the compression ratio limit. Sizes declared in the zip are not trusted.
pub struct LimitedRead<R> {
    inner: R,
    read: u64,
    compressed: u64,
    budget: u64,
}

impl<R: Read> Read for LimitedRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > limits::MAX_PART_BYTES {
            return Err(limit_error(format!(
                "more than {} MiB inflated",
                limits::MAX_PART_BYTES >> 20
            )));
        }
        if self.read > self.budget {
            return Err(limit_error(format!(
                "the parts read inflate to more than {} MiB in all",
                limits::MAX_TOTAL_BYTES >> 20
            )));
        }
        if self.read > limits::RATIO_FLOOR_BYTES
            && self.read / self.compressed.max(1) > limits::MAX_RATIO
        {
            return Err(limit_error(format!(
                "compression ratio above {}:1 ({} bytes from {} compressed)",
                limits::MAX_RATIO,
                self.read,
                self.compressed
            )));
        }
        Ok(n)
    }
}

fn limit_error(detail: String) -> io::Error {
    io::Error::other(LimitExceeded(detail))
}

/// An opened, validated OPC package.
pub struct Package<R: Read + Seek> {
    zip: ZipArchive<R>,
    /// Part names (no leading slash) by their lower-cased form: OPC part names compare
    /// case-insensitively.
    parts: HashMap<String, String>,
    pub content_types: ContentTypes,
    /// The main document part, found through the package relationships.
    pub main_part: String,
    pub main_content_type: String,
    /// Relationships of the package root (`_rels/.rels`).
    pub root_rels: Vec<Relationship>,
    inflated_total: u64,
}

impl<R: Read + Seek> Package<R> {
    /// Opens a zip, checks its entry names, reads content types and relationships, and
    /// locates the main document part. Every failure is a specific [`PackageError`].
    pub fn open(mut reader: R) -> Result<Package<R>, PackageError> {
        // The end-of-central-directory record is read first, by us: its words for a damaged
        // file are better than the zip crate's, and a huge central directory is refused
        // before anything parses it.
        let file_len = zipcheck::check_end_record(&mut reader)?;
        let entries = {
            let mut probe = ZipArchive::new(&mut reader).map_err(zip_error)?;
            if probe.len() > limits::MAX_ENTRIES {
                return Err(too_many_entries(probe.len()));
            }
            zipcheck::entries(&mut probe).map_err(zip_error)?
        };
        // Every local header must agree with its central-directory entry (name, method,
        // sizes): a reader that trusts one and Word the other would see different files.
        zipcheck::check_local_headers(&mut reader, &entries, file_len)?;
        let zip = ZipArchive::new(reader).map_err(zip_error)?;
        if zip.len() > limits::MAX_ENTRIES {
            return Err(too_many_entries(zip.len()));
        }
        if zip.has_duplicate_names() {
            return Err(PackageError::CorruptZip(
                "two entries have the same name".into(),
            ));
        }
        let names: usize = zip
            .file_names()
            .map(|n| n.map_or(0, |n| 2 * n.len() + 64))
            .sum();
        crate::guard::budget::charge(names, "the zip's central directory")?;
        let mut parts = HashMap::with_capacity(zip.len());
        for name in zip.file_names() {
            let name = name.map_err(zip_error)?;
            check_entry_name(&name)?;
            if name.ends_with('/') {
                continue;
            }
            if parts
                .insert(name.to_ascii_lowercase(), name.to_string())
                .is_some()
            {
                return Err(PackageError::CorruptZip(format!(
                    "two entries have the same part name, ignoring case: {name}"
                )));
            }
        }
        let mut package = Package {
            zip,
            parts,
            content_types: ContentTypes::default(),
            main_part: String::new(),
            main_content_type: String::new(),
            root_rels: Vec::new(),
            inflated_total: 0,
        };
        let content_types = match package.part_reader("[Content_Types].xml")? {
            Some(reader) => opc::read_content_types(reader, "[Content_Types].xml")?,
            None => {
                return Err(PackageError::MissingDocumentPart(
                    "the zip has no [Content_Types].xml, so it is not an Office package".into(),
                ));
            }
        };
        package.content_types = content_types;
        let root_rels = match package.part_reader("_rels/.rels")? {
            Some(reader) => opc::read_relationships(reader, "_rels/.rels", "")?,
            None => {
                return Err(PackageError::MissingDocumentPart(
                    "the package has no relationships part (_rels/.rels)".into(),
                ));
            }
        };
        package.root_rels = root_rels;
        let main = package
            .root_rels
            .iter()
            .find(|rel| rel.is_type("officeDocument") && !rel.external)
            .map(|rel| rel.target.clone())
            .ok_or_else(|| {
                PackageError::MissingDocumentPart(
                    "_rels/.rels has no officeDocument relationship".into(),
                )
            })?;
        if !package.has_part(&main) {
            return Err(PackageError::MissingDocumentPart(format!(
                "_rels/.rels points to {main}, which is not in the zip"
            )));
        }
        let content_type = package.content_types.of(&main).unwrap_or_default();
        if !opc::is_wordprocessing_main(&content_type) {
            return Err(PackageError::MissingDocumentPart(format!(
                "the main part {main} has content type \"{content_type}\", not a Word document"
            )));
        }
        package.main_part = package.canonical_name(&main).unwrap_or(main);
        package.main_content_type = content_type;
        Ok(package)
    }

    pub fn has_part(&self, name: &str) -> bool {
        self.parts
            .contains_key(&name.trim_start_matches('/').to_ascii_lowercase())
    }

    /// The part name as stored in the zip.
    pub fn canonical_name(&self, name: &str) -> Option<String> {
        self.parts
            .get(&name.trim_start_matches('/').to_ascii_lowercase())
            .cloned()
    }

    /// All part names, as stored.
    pub fn part_names(&self) -> impl Iterator<Item = &str> {
        self.parts.values().map(String::as_str)
    }

    /// Opens a part for streaming, or `None` when it is absent. The reader stops at the
    /// limits; a declared size already over them is refused before inflating anything.
    pub fn part_reader(
        &mut self,
        name: &str,
    ) -> Result<Option<BufReader<LimitedRead<zip::read::ZipFile<'_, R>>>>, PackageError> {
        let Some(stored) = self.canonical_name(name) else {
            return Ok(None);
        };
        let budget = limits::MAX_TOTAL_BYTES.saturating_sub(self.inflated_total);
        let file = self.zip.by_name(&stored).map_err(|error| match error {
            ZipError::InvalidPassword
            | ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => {
                PackageError::ZipEncrypted {
                    part: stored.clone(),
                }
            }
            other => zip_error(other),
        })?;
        if file.encrypted() {
            return Err(PackageError::ZipEncrypted { part: stored });
        }
        let declared = file.size();
        if declared > limits::MAX_PART_BYTES {
            return Err(PackageError::ZipBomb {
                part: stored,
                detail: format!(
                    "declares {declared} bytes inflated (limit {} MiB)",
                    limits::MAX_PART_BYTES >> 20
                ),
            });
        }
        // Charge the declared size now; the true size is enforced while reading.
        self.inflated_total = self.inflated_total.saturating_add(declared);
        let compressed = file.compressed_size();
        Ok(Some(BufReader::with_capacity(
            64 * 1024,
            LimitedRead {
                inner: file,
                read: 0,
                compressed,
                budget,
            },
        )))
    }

    /// Reads a small part fully (relationships, properties); bounded by the same limits.
    pub fn read_small_part(
        &mut self,
        name: &str,
        max: u64,
    ) -> Result<Option<Vec<u8>>, PackageError> {
        let Some(reader) = self.part_reader(name)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        reader
            .take(max)
            .read_to_end(&mut bytes)
            .map_err(|error| io_to_package(error, name))?;
        Ok(Some(bytes))
    }

    /// The relationships of a part (`word/_rels/document.xml.rels` for `word/document.xml`),
    /// with targets resolved to part names. Absent rels part: no relationships.
    pub fn relationships_of(&mut self, part: &str) -> Result<Vec<Relationship>, PackageError> {
        let rels_name = opc::rels_part_name(part);
        let base = opc::folder_of(part).to_string();
        match self.part_reader(&rels_name)? {
            Some(reader) => opc::read_relationships(reader, &rels_name, &base),
            None => Ok(Vec::new()),
        }
    }
}

/// Maps an I/O error met while reading a part to the package error it stands for.
pub fn io_to_package(error: io::Error, part: &str) -> PackageError {
    if let Some(detail) = limit_of(&error) {
        return PackageError::ZipBomb {
            part: part.to_string(),
            detail,
        };
    }
    let text = error.to_string();
    if text.to_ascii_lowercase().contains("checksum") || text.contains("CRC") {
        PackageError::CorruptZip(format!("part {part} fails its CRC check"))
    } else {
        PackageError::CorruptZip(format!("part {part} cannot be inflated: {text}"))
    }
}

fn too_many_entries(count: usize) -> PackageError {
    PackageError::ZipBomb {
        part: String::new(),
        detail: format!(
            "the zip has {count} entries (limit {}); a Word document has a few dozen",
            limits::MAX_ENTRIES
        ),
    }
}

fn zip_error(error: ZipError) -> PackageError {
    match error {
        ZipError::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof => PackageError::CorruptZip(
            "the file ends in the middle of a zip structure: it is truncated".into(),
        ),
        ZipError::Io(io) => match limit_of(&io) {
            Some(detail) => PackageError::ZipBomb {
                part: String::new(),
                detail,
            },
            None => PackageError::CorruptZip(format!("the zip cannot be read: {io}")),
        },
        ZipError::InvalidPassword | ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) => {
            PackageError::ZipEncrypted {
                part: String::new(),
            }
        }
        other => PackageError::CorruptZip(describe_zip_error(&other)),
    }
}

/// The zip crate's errors in words: no type names, no internal jargon.
fn describe_zip_error(error: &ZipError) -> String {
    let text: Cow<'_, str> = match error {
        ZipError::InvalidArchive(why) => why.clone(),
        ZipError::UnsupportedArchive(why) => {
            return format!("the zip uses something fgcheck does not read ({why})");
        }
        ZipError::CompressionMethodNotSupported(method) => {
            return format!(
                "an entry is compressed with method {method}, which Word never uses (Word writes deflate)"
            );
        }
        other => other.to_string().into(),
    };
    let lower = text.to_ascii_lowercase();
    if lower.contains("unexpected end of") {
        let what = if lower.contains("centralentry") {
            "a central directory entry"
        } else if lower.contains("localentry") {
            "a local file header"
        } else if lower.contains("cde") || lower.contains("locator") {
            "the end-of-central-directory record"
        } else {
            "a zip structure"
        };
        format!("{what} is cut short: the file is truncated or damaged")
    } else if lower.contains("invalid central directory header") || lower.contains("no cdfh") {
        "the central directory is not where the end-of-central-directory record says: the file is damaged".into()
    } else if lower.contains("invalid local file header") {
        "an entry's local header is not where the central directory says: the file is damaged"
            .into()
    } else if lower.contains("invalid cdfh offset") {
        "the end-of-central-directory record points to no central directory: the file is damaged"
            .into()
    } else if lower.contains("could not find eocd")
        || lower.contains("missing end of central directory")
    {
        "no end-of-central-directory record: the file is truncated or not a zip".into()
    } else {
        // Whatever else the crate says, never a Rust path.
        let cleaned: Vec<&str> = text
            .split_whitespace()
            .filter(|word| !word.contains("::"))
            .collect();
        format!("the zip structure is damaged ({})", cleaned.join(" "))
    }
}

/// OPC forbids `..` segments and absolute names; a zip that carries them is an attack on
/// tools that extract, and never something Word wrote.
fn check_entry_name(name: &str) -> Result<(), PackageError> {
    let bad = name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\0')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split(['/', '\\']).any(|segment| segment == "..");
    if bad {
        Err(PackageError::CorruptZip(format!(
            "entry name {name:?} escapes the package (absolute path or \"..\")"
        )))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages users and snapshots see, word for word.
    #[test]
    fn package_errors_say_what_they_always_said() {
        let part = || "word/document.xml".to_string();
        let cases: Vec<(PackageError, &str)> = vec![
            (
                PackageError::NotOoxml("it is empty".into()),
                "this is not a Word document (.docx): it is empty; save it from Word as \"Word Document (*.docx)\"",
            ),
            (
                PackageError::LockFile {
                    owner: Some("A. Example".into()),
                },
                "this is Word's lock file (left by \"A. Example\" while the document was open), not the document: check the document itself",
            ),
            (
                PackageError::LockFile { owner: None },
                "this is Word's lock file, left while the document was open, not the document: check the document itself",
            ),
            (
                PackageError::LegacyDoc { encrypted: false },
                "this is a Word 97-2003 binary document (.doc); save it as \"Word Document (*.docx)\"",
            ),
            (
                PackageError::LegacyDoc { encrypted: true },
                "this is a password-protected Word 97-2003 binary document (.doc); remove the password and save it as \"Word Document (*.docx)\"",
            ),
            (
                PackageError::Encrypted,
                "this document is password-protected (encrypted); remove the password (File > Info > Protect Document) and send it again",
            ),
            (
                PackageError::ZipEncrypted {
                    part: String::new(),
                },
                "the zip's central directory is encrypted with a zip password (zip encryption, not Word's password protection); send the document as saved from Word",
            ),
            (
                PackageError::ZipEncrypted { part: part() },
                "entry word/document.xml is encrypted with a zip password (zip encryption, not Word's password protection, which Word never applies this way); send the document as saved from Word",
            ),
            (
                PackageError::CorruptZip("bad CRC".into()),
                "the file is a damaged zip package: bad CRC",
            ),
            (
                PackageError::MissingDocumentPart("no _rels/.rels".into()),
                "the package has no main document part: no _rels/.rels",
            ),
            (
                PackageError::CorruptXml {
                    part: part(),
                    detail: "unclosed".into(),
                },
                "part word/document.xml is not well-formed XML: unclosed",
            ),
            (
                PackageError::ZipBomb {
                    part: String::new(),
                    detail: "too many entries".into(),
                },
                "the package is beyond the safety limits: too many entries",
            ),
            (
                PackageError::ZipBomb {
                    part: part(),
                    detail: "ratio".into(),
                },
                "part word/document.xml is beyond the safety limits: ratio",
            ),
            (
                PackageError::XmlBomb {
                    part: part(),
                    detail: "DOCTYPE".into(),
                },
                "part word/document.xml declares a DOCTYPE or entities (DOCTYPE); Word never writes them and fgcheck refuses to expand them",
            ),
            (
                PackageError::TooDeep {
                    part: part(),
                    depth: 512,
                },
                "part word/document.xml nests elements deeper than 512 levels; refused as hostile",
            ),
            (
                PackageError::Io("denied".into()),
                "the file could not be read: denied",
            ),
            (
                PackageError::TooSlow { seconds: 10.04 },
                "checking stopped after 10.0 s, the per-file time budget (--timeout-per-file)",
            ),
            (
                PackageError::NotChecked { seconds: 29.6 },
                "not checked: the request's time (30 s for all its files) ran out before this file's turn; send it again alone",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
        assert_eq!(LimitExceeded("over".into()).to_string(), "over");
    }

    #[test]
    fn entry_names_that_escape_are_refused() {
        for name in [
            "../evil.xml",
            "word/../../x",
            "/etc/passwd",
            "C:/x",
            "\\\\srv\\x",
        ] {
            assert!(check_entry_name(name).is_err(), "{name}");
        }
        for name in [
            "word/document.xml",
            "[Content_Types].xml",
            "word/media/a..b.png",
        ] {
            assert!(check_entry_name(name).is_ok(), "{name}");
        }
    }
}
