//! Edited copies of a document: `fgcheck annotate` (findings as Word comments) and
//! `fgcheck fix` (the fixes declared safe in [`crate::rules::fixes`]).
//!
//! Every edit streams the parts it changes (quick-xml events in, events out, never a tree of
//! untrusted XML) and copies every other part of the zip with its compressed bytes as they
//! were. The input is only read; what is written goes to a temporary file beside the target
//! that is renamed into place once complete ([`output`]).

pub mod anchor;
pub mod annotate;
pub mod comments;
pub mod fix;
pub mod output;
pub mod xmlio;
pub mod zipout;

use std::fmt;

use crate::package::PackageError;

/// Why an edited copy was not made.
#[derive(Debug)]
pub enum EditError {
    /// The input cannot be read: the same error `check` reports for it.
    Package(PackageError),
    /// What would be written crosses a package limit.
    Limit(String),
    /// The copy could not be written.
    Write(String),
    /// Refused before anything was written (the output exists, it is the input...).
    Refused(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Package(error) => error.fmt(f),
            EditError::Limit(detail) => write!(f, "not written: {detail}"),
            EditError::Write(detail) | EditError::Refused(detail) => f.write_str(detail),
        }
    }
}

impl std::error::Error for EditError {}

impl From<PackageError> for EditError {
    fn from(error: PackageError) -> Self {
        EditError::Package(error)
    }
}

/// Where the input comes from: a file (opened read-only, twice: once through the package
/// reader with its limits, once for raw copies) or bytes in memory (the web page).
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    Path(&'a std::path::Path),
    Bytes(&'a [u8]),
}

/// A readable, seekable view of a [`Source`].
pub trait ReadSeek: std::io::Read + std::io::Seek {}
impl<T: std::io::Read + std::io::Seek> ReadSeek for T {}

impl<'a> Source<'a> {
    pub fn open(self) -> Result<Box<dyn ReadSeek + 'a>, EditError> {
        match self {
            Source::Path(path) => std::fs::File::open(path)
                .map(|file| {
                    Box::new(std::io::BufReader::with_capacity(64 * 1024, file))
                        as Box<dyn ReadSeek>
                })
                .map_err(|e| EditError::Package(PackageError::Io(e.to_string()))),
            Source::Bytes(bytes) => Ok(Box::new(std::io::Cursor::new(bytes))),
        }
    }
}
