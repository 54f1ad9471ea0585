//! Package rules: the file cannot be read as a Word document at all. The checks live in
//! `package/` (the reader must stop at the first of these); the rules' documentation lives
//! here, and each [`crate::package::PackageError`] names its rule by slug.

use crate::diag::Severity;
use crate::guard::PackageError;
use crate::rules::{Area, Rule, RuleId};

const SOURCE: &str = "TSB Circular 260: inputs are sent electronically as Word documents made with the FG base template";

pub static NOT_OOXML: Rule = Rule {
    id: RuleId::NotOoxml,
    code: "FG001",
    slug: "not-ooxml",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the file is not a Word document (.docx) at all",
    why: "The secretariat posts Word documents made from the template. A PDF, RTF, text file or an empty file cannot be checked, edited or posted as an input.",
    fix: "Open the document in Word and use File > Save As > Word Document (*.docx).",
    source: SOURCE,
    bad: "A file named QIT4N-I-012.docx that holds PDF bytes, or is empty.",
    good: "A .docx saved by Word, LibreOffice or another OOXML producer.",
    check: None,
};

pub static LEGACY_DOC: Rule = Rule {
    id: RuleId::LegacyDoc,
    code: "FG002",
    slug: "legacy-doc",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the file is a Word 97-2003 binary document (.doc)",
    why: "The FG template is a .docx template; the binary .doc format hides content fgcheck and the secretariat's tools cannot inspect, and can carry macros.",
    fix: "Open it in Word and save it as Word Document (*.docx).",
    source: SOURCE,
    bad: "An OLE compound file with a WordDocument stream, whatever its extension.",
    good: "The same document saved as .docx.",
    check: None,
};

pub static ENCRYPTED: Rule = Rule {
    id: RuleId::Encrypted,
    code: "FG003",
    slug: "encrypted",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the document is password-protected (encrypted)",
    why: "The secretariat cannot open, check or post an encrypted document.",
    fix: "In Word: File > Info > Protect Document > Encrypt with Password, clear the password, save, and send again.",
    source: SOURCE,
    bad: "An OLE container holding EncryptionInfo and EncryptedPackage streams.",
    good: "A .docx without a password to open.",
    check: None,
};

pub static CORRUPT_ZIP: Rule = Rule {
    id: RuleId::CorruptZip,
    code: "FG004",
    slug: "corrupt-zip",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the .docx package (a zip) is damaged",
    why: "A truncated download, a broken e-mail attachment or a tampered file: Word may refuse it or silently lose content.",
    fix: "Save the document again from Word and re-send it; check that the attachment arrived whole.",
    source: "ECMA-376 Part 2 (Open Packaging Conventions); ISO/IEC 21320-1 (zip)",
    bad: "A zip with no end-of-central-directory record, a bad CRC, two entries with the same name, or an entry named ../x.",
    good: "A zip that every entry of can be read and whose names stay inside the package.",
    check: None,
};

pub static MISSING_DOCUMENT_PART: Rule = Rule {
    id: RuleId::MissingDocumentPart,
    code: "FG005",
    slug: "missing-document-part",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the package has no main Word document part",
    why: "OPC finds the document through _rels/.rels and [Content_Types].xml; without them, or with a part that is not a Word document, there is nothing to read.",
    fix: "Save the document again from Word as .docx.",
    source: "ECMA-376 Part 2, 8.3 (package relationships) and 10.1.2 (content types)",
    bad: "A zip of XML files without _rels/.rels, or whose officeDocument relationship points to a missing part.",
    good: "A package whose officeDocument relationship points to a WordprocessingML main part (it may be word/document2.xml).",
    check: None,
};

pub static CORRUPT_XML: Rule = Rule {
    id: RuleId::CorruptXml,
    code: "FG006",
    slug: "corrupt-xml",
    severity: Severity::Error,
    area: Area::Package,
    summary: "a part of the document is not well-formed XML",
    why: "Word reports such a file as unreadable content and may drop text when it repairs it.",
    fix: "Open the document in Word, accept the repair if offered, check the content, and save it again.",
    source: "W3C XML 1.0; ECMA-376 Part 1",
    bad: "<w:p><w:r><w:t>text</w:p> (an unclosed element), or an undefined entity &nbsp;.",
    good: "Well-formed XML, as every Office producer writes it.",
    check: None,
};

pub static ZIP_BOMB: Rule = Rule {
    id: RuleId::ZipBomb,
    code: "FG007",
    slug: "zip-bomb",
    severity: Severity::Error,
    area: Area::Package,
    summary: "a part inflates beyond the safety limits (zip bomb)",
    why: "A few kilobytes that inflate to gigabytes can take down the secretariat's machines; no real contribution comes near the limits.",
    fix: "If the document is genuine, remove huge embedded content and save again; otherwise discard the file.",
    source: "fgcheck limits (docs/limits.md)",
    bad: "A 1 MB entry that inflates past 256 MiB, or past 250:1.",
    good: "A 200,000-paragraph document.xml of 57 MB, deflated about 15:1.",
    check: None,
};

pub static XML_BOMB: Rule = Rule {
    id: RuleId::XmlBomb,
    code: "FG008",
    slug: "xml-bomb",
    severity: Severity::Error,
    area: Area::Package,
    summary: "a part declares a DOCTYPE or entities (XML bomb or external entity)",
    why: "Entity expansion (billion laughs) and external entities (XXE) attack the reader; Word never writes a DOCTYPE in a .docx.",
    fix: "Discard the file and ask for one saved directly from Word.",
    source: "ECMA-376 Part 2 8.1.4 (DTD declarations are forbidden in OPC parts)",
    bad: "<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>",
    good: "A part with no DOCTYPE.",
    check: None,
};

pub static TOO_DEEP: Rule = Rule {
    id: RuleId::TooDeep,
    code: "FG009",
    slug: "too-deep",
    severity: Severity::Error,
    area: Area::Package,
    summary: "XML elements are nested deeper than the safety limit",
    why: "Hundreds of thousands of nested elements are a denial-of-service pattern; real documents stay under a hundred levels.",
    fix: "Discard the file and ask for one saved directly from Word.",
    source: "fgcheck limits (docs/limits.md): 512 levels",
    bad: "<a><a><a>... 100,000 levels",
    good: "Tables in tables in text boxes: a few dozen levels.",
    check: None,
};

pub static IO_ERROR: Rule = Rule {
    id: RuleId::IoError,
    code: "FG010",
    slug: "io-error",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the file could not be read from disk",
    why: "A file that cannot be opened (permissions, a vanished file) has not been checked.",
    fix: "Check that the file exists and is readable, then run fgcheck again.",
    source: "fgcheck",
    bad: "A path without read permission.",
    good: "A readable file.",
    check: None,
};

pub static TOO_SLOW: Rule = Rule {
    id: RuleId::TooSlow,
    code: "FG011",
    slug: "too-slow",
    severity: Severity::Error,
    area: Area::Package,
    summary: "checking the file took longer than the per-file time budget",
    why: "One pathological file must not hold up a batch of a hundred; real contributions take milliseconds.",
    fix: "Raise --timeout-per-file if the document is genuinely huge; otherwise discard the file.",
    source: "fgcheck (--timeout-per-file)",
    bad: "A file still being read after the budget.",
    good: "Any ordinary contribution.",
    check: None,
};

pub static WORD_LOCK_FILE: Rule = Rule {
    id: RuleId::WordLockFile,
    code: "FG013",
    slug: "word-lock-file",
    severity: Severity::Error,
    area: Area::Package,
    summary: "the file is Word's lock file (~$...), not a document",
    why: "While a document is open, Word keeps a small hidden owner file next to it, named after the document with its first two characters replaced by ~$ (QIT4N-I-012.docx gets ~$T4N-I-012.docx). It holds only the name of the person who opened the document; copied or uploaded with the contributions, it looks like a .docx but there is nothing in it to check.",
    fix: "This is Word's lock file, not the document: check the document itself. Close the document in Word (the lock file then goes away) and leave any ~$ file out of what you check or send.",
    source: "Microsoft Word owner files (~$name.docx, 162 bytes)",
    bad: "~$T4N-I-012.docx, or a copy of it renamed 3fa1c2d4_~$T4N-I-012.docx, in the inbox.",
    good: "QIT4N-I-012.docx itself.",
    check: None,
};

pub static INTERNAL_ERROR: Rule = Rule {
    id: RuleId::InternalError,
    code: "FG012",
    slug: "internal-error",
    severity: Severity::Error,
    area: Area::Package,
    summary: "fgcheck failed on this file (a bug in fgcheck, not in the document)",
    why: "The batch goes on, but this file was not checked; the bug should be reported with the file.",
    fix: "Report the file to the fgcheck maintainers; check it by hand meanwhile.",
    source: "fgcheck",
    bad: "Any file that makes a check fail unexpectedly.",
    good: "Every other file.",
    check: None,
};

// The read error lives below the rules (in `guard`); which rule reports it is decided here.
impl PackageError {
    /// The rule this error is reported under.
    pub fn rule(&self) -> RuleId {
        match self {
            PackageError::NotOoxml(_) => RuleId::NotOoxml,
            PackageError::LockFile { .. } => RuleId::WordLockFile,
            PackageError::LegacyDoc { .. } => RuleId::LegacyDoc,
            PackageError::Encrypted | PackageError::ZipEncrypted { .. } => RuleId::Encrypted,
            PackageError::CorruptZip(_) => RuleId::CorruptZip,
            PackageError::MissingDocumentPart(_) => RuleId::MissingDocumentPart,
            PackageError::CorruptXml { .. } => RuleId::CorruptXml,
            PackageError::ZipBomb { .. } => RuleId::ZipBomb,
            PackageError::XmlBomb { .. } => RuleId::XmlBomb,
            PackageError::TooDeep { .. } => RuleId::TooDeep,
            PackageError::Io(_) => RuleId::IoError,
            PackageError::TooSlow { .. } | PackageError::NotChecked { .. } => RuleId::TooSlow,
        }
    }
}
