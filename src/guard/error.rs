//! How reading an untrusted file fails: one error for the package, XML and budget layers,
//! each variant reported under one package rule (the mapping to rules lives in
//! `rules::package`, above this layer).

use std::io;

/// Why a file could not be read at all. Each variant is one package rule (see
/// `rules::package`, where `PackageError::rule` names it), so a user always gets a
/// specific, stable rule.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PackageError {
    #[error(
        "this is not a Word document (.docx): {0}; save it from Word as \"Word Document (*.docx)\""
    )]
    NotOoxml(String),
    /// Word's lock ("owner") file, `~$...`, with the owner's name when it can be read.
    #[error("{}", lock_file_message(owner.as_deref()))]
    LockFile { owner: Option<String> },
    #[error("{}", legacy_doc_message(*encrypted))]
    LegacyDoc { encrypted: bool },
    #[error(
        "this document is password-protected (encrypted); remove the password (File > Info > Protect Document) and send it again"
    )]
    Encrypted,
    /// A zip entry encrypted with a zip password (PKWARE or AES): not Word's protection.
    #[error("{}", zip_encrypted_message(part))]
    ZipEncrypted { part: String },
    #[error("the file is a damaged zip package: {0}")]
    CorruptZip(String),
    #[error("the package has no main document part: {0}")]
    MissingDocumentPart(String),
    #[error("part {part} is not well-formed XML: {detail}")]
    CorruptXml { part: String, detail: String },
    #[error("{}", zip_bomb_message(part, detail))]
    ZipBomb { part: String, detail: String },
    #[error(
        "part {part} declares a DOCTYPE or entities ({detail}); Word never writes them and fgcheck refuses to expand them"
    )]
    XmlBomb { part: String, detail: String },
    #[error("part {part} nests elements deeper than {depth} levels; refused as hostile")]
    TooDeep { part: String, depth: usize },
    #[error("the file could not be read: {0}")]
    Io(String),
    #[error("checking stopped after {seconds:.1} s, the per-file time budget (--timeout-per-file)")]
    TooSlow { seconds: f64 },
    /// The server's request ran out of time before this file's turn.
    #[error(
        "not checked: the request's time ({seconds:.0} s for all its files) ran out before this file's turn; send it again alone"
    )]
    NotChecked { seconds: f64 },
}

fn lock_file_message(owner: Option<&str>) -> String {
    match owner {
        Some(owner) => format!(
            "this is Word's lock file (left by {owner:?} while the document was open), not the document: check the document itself"
        ),
        None => "this is Word's lock file, left while the document was open, not the document: check the document itself".to_string(),
    }
}

fn legacy_doc_message(encrypted: bool) -> &'static str {
    if encrypted {
        "this is a password-protected Word 97-2003 binary document (.doc); remove the password and save it as \"Word Document (*.docx)\""
    } else {
        "this is a Word 97-2003 binary document (.doc); save it as \"Word Document (*.docx)\""
    }
}

fn zip_encrypted_message(part: &str) -> String {
    if part.is_empty() {
        "the zip's central directory is encrypted with a zip password (zip encryption, not Word's password protection); send the document as saved from Word".to_string()
    } else {
        format!(
            "entry {part} is encrypted with a zip password (zip encryption, not Word's password protection, which Word never applies this way); send the document as saved from Word"
        )
    }
}

fn zip_bomb_message(part: &str, detail: &str) -> String {
    if part.is_empty() {
        format!("the package is beyond the safety limits: {detail}")
    } else {
        format!("part {part} is beyond the safety limits: {detail}")
    }
}

impl PackageError {
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

/// Raised inside a part stream when a limit is crossed; carried through `io::Error` so that
/// the XML reader can stop wherever it is and the cause is recovered intact.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LimitExceeded(pub String);

/// If an I/O error came from a part stream's limit (`package::LimitedRead`), the limit's
/// description.
pub fn limit_of(error: &io::Error) -> Option<String> {
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<LimitExceeded>())
        .map(|limit| limit.0.clone())
}
