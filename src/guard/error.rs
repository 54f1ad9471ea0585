//! How reading an untrusted file fails: one error for the package, XML and budget layers,
//! each variant reported under one package rule (the mapping to rules lives in
//! `rules::package`, above this layer).

use std::fmt;
use std::io;

/// Why a file could not be read at all. Each variant is one package rule (see
/// `rules::package`), so a user always gets a specific, stable slug.
#[derive(Clone, Debug, PartialEq)]
pub enum PackageError {
    NotOoxml(String),
    /// Word's lock ("owner") file, `~$...`, with the owner's name when it can be read.
    LockFile {
        owner: Option<String>,
    },
    LegacyDoc {
        encrypted: bool,
    },
    Encrypted,
    /// A zip entry encrypted with a zip password (PKWARE or AES): not Word's protection.
    ZipEncrypted {
        part: String,
    },
    CorruptZip(String),
    MissingDocumentPart(String),
    CorruptXml {
        part: String,
        detail: String,
    },
    ZipBomb {
        part: String,
        detail: String,
    },
    XmlBomb {
        part: String,
        detail: String,
    },
    TooDeep {
        part: String,
        depth: usize,
    },
    Io(String),
    TooSlow {
        seconds: f64,
    },
    /// The server's request ran out of time before this file's turn.
    NotChecked {
        seconds: f64,
    },
}

impl PackageError {
    /// The rule slug this error is reported under.
    pub fn slug(&self) -> &'static str {
        match self {
            PackageError::NotOoxml(_) => "not-ooxml",
            PackageError::LockFile { .. } => "word-lock-file",
            PackageError::LegacyDoc { .. } => "legacy-doc",
            PackageError::Encrypted | PackageError::ZipEncrypted { .. } => "encrypted",
            PackageError::CorruptZip(_) => "corrupt-zip",
            PackageError::MissingDocumentPart(_) => "missing-document-part",
            PackageError::CorruptXml { .. } => "corrupt-xml",
            PackageError::ZipBomb { .. } => "zip-bomb",
            PackageError::XmlBomb { .. } => "xml-bomb",
            PackageError::TooDeep { .. } => "too-deep",
            PackageError::Io(_) => "io-error",
            PackageError::TooSlow { .. } | PackageError::NotChecked { .. } => "too-slow",
        }
    }

    /// The part the problem is in, when there is one.
    pub fn part(&self) -> &str {
        match self {
            PackageError::CorruptXml { part, .. }
            | PackageError::ZipEncrypted { part }
            | PackageError::ZipBomb { part, .. }
            | PackageError::XmlBomb { part, .. }
            | PackageError::TooDeep { part, .. } => part,
            _ => "",
        }
    }
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::NotOoxml(what) => write!(
                f,
                "this is not a Word document (.docx): {what}; save it from Word as \"Word Document (*.docx)\""
            ),
            PackageError::LockFile { owner: Some(owner) } => write!(
                f,
                "this is Word's lock file (left by {owner:?} while the document was open), not the document: check the document itself"
            ),
            PackageError::LockFile { owner: None } => f.write_str(
                "this is Word's lock file, left while the document was open, not the document: check the document itself",
            ),
            PackageError::LegacyDoc { encrypted: false } => f.write_str(
                "this is a Word 97-2003 binary document (.doc); save it as \"Word Document (*.docx)\"",
            ),
            PackageError::LegacyDoc { encrypted: true } => f.write_str(
                "this is a password-protected Word 97-2003 binary document (.doc); remove the password and save it as \"Word Document (*.docx)\"",
            ),
            PackageError::Encrypted => f.write_str(
                "this document is password-protected (encrypted); remove the password (File > Info > Protect Document) and send it again",
            ),
            PackageError::ZipEncrypted { part } if part.is_empty() => f.write_str(
                "the zip's central directory is encrypted with a zip password (zip encryption, not Word's password protection); send the document as saved from Word",
            ),
            PackageError::ZipEncrypted { part } => write!(
                f,
                "entry {part} is encrypted with a zip password (zip encryption, not Word's password protection, which Word never applies this way); send the document as saved from Word"
            ),
            PackageError::CorruptZip(detail) => {
                write!(f, "the file is a damaged zip package: {detail}")
            }
            PackageError::MissingDocumentPart(detail) => {
                write!(f, "the package has no main document part: {detail}")
            }
            PackageError::CorruptXml { part, detail } => {
                write!(f, "part {part} is not well-formed XML: {detail}")
            }
            PackageError::ZipBomb { part, detail } if part.is_empty() => {
                write!(f, "the package is beyond the safety limits: {detail}")
            }
            PackageError::ZipBomb { part, detail } => {
                write!(f, "part {part} is beyond the safety limits: {detail}")
            }
            PackageError::XmlBomb { part, detail } => write!(
                f,
                "part {part} declares a DOCTYPE or entities ({detail}); Word never writes them and fgcheck refuses to expand them"
            ),
            PackageError::TooDeep { part, depth } => write!(
                f,
                "part {part} nests elements deeper than {depth} levels; refused as hostile"
            ),
            PackageError::Io(detail) => write!(f, "the file could not be read: {detail}"),
            PackageError::NotChecked { seconds } => write!(
                f,
                "not checked: the request's time ({seconds:.0} s for all its files) ran out before this file's turn; send it again alone"
            ),
            PackageError::TooSlow { seconds } => write!(
                f,
                "checking stopped after {seconds:.1} s, the per-file time budget (--timeout-per-file)"
            ),
        }
    }
}

impl std::error::Error for PackageError {}

/// Raised inside a part stream when a limit is crossed; carried through `io::Error` so that
/// the XML reader can stop wherever it is and the cause is recovered intact.
#[derive(Debug)]
pub struct LimitExceeded(pub String);

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LimitExceeded {}

/// If an I/O error came from a [`LimitedRead`], the limit's description.
pub fn limit_of(error: &io::Error) -> Option<String> {
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<LimitExceeded>())
        .map(|limit| limit.0.clone())
}
