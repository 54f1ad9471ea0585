//! Writes the edited copy of a package: every entry the edit does not touch is copied with
//! its compressed bytes as they are (same data, same compression method, same place in the
//! zip); the parts an edit changes are written in their original slot with their original
//! method; new parts go at the end. The package limits hold for what is written.

use std::collections::BTreeMap;
use std::io::{self, Read, Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::edit::EditError;
use crate::guard::limits;

/// Streams a part's new content into the zip entry.
pub type StreamFn<'a> = Box<dyn FnMut(&mut dyn Write) -> Result<(), EditError> + 'a>;

/// What an edited part holds: bytes made beforehand, or a writer that streams them.
pub enum Content<'a> {
    Bytes(Vec<u8>),
    Stream(StreamFn<'a>),
}

/// The edits of one package: parts replaced (by their name as stored) and parts added.
#[derive(Default)]
pub struct Changes<'a> {
    pub replaced: BTreeMap<String, Content<'a>>,
    pub added: Vec<(String, Vec<u8>)>,
}

impl Changes<'_> {
    pub fn is_empty(&self) -> bool {
        self.replaced.is_empty() && self.added.is_empty()
    }
}

/// Counts what is written into one entry and stops at the per-part limit.
struct Limited<'w, W: Write> {
    inner: &'w mut W,
    written: u64,
}

impl<W: Write> Write for Limited<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.written += buf.len() as u64;
        if self.written > limits::MAX_PART_BYTES {
            return Err(io::Error::other(format!(
                "an edited part would be larger than {} MiB",
                limits::MAX_PART_BYTES >> 20
            )));
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn zip_failure(error: zip::result::ZipError) -> EditError {
    EditError::Write(format!("the copy could not be written: {error}"))
}

/// Copies `source` into `out` with `changes` applied. Returns the finished writer.
pub fn write<R: Read + Seek, W: Write + Seek>(
    source: &mut ZipArchive<R>,
    out: W,
    mut changes: Changes<'_>,
) -> Result<W, EditError> {
    let entries = source.len() + changes.added.len();
    if entries > limits::MAX_ENTRIES {
        return Err(EditError::Limit(format!(
            "the copy would hold {entries} entries (limit {})",
            limits::MAX_ENTRIES
        )));
    }
    let mut zip = ZipWriter::new(out);
    zip.set_raw_comment(source.comment().to_vec().into_boxed_slice())
        .map_err(zip_failure)?;
    for index in 0..source.len() {
        let entry = source.by_index_raw(index).map_err(zip_failure)?;
        let name = entry.name().map_err(zip_failure)?.to_string();
        match changes.replaced.remove(&name) {
            None => zip.raw_copy_file(entry).map_err(zip_failure)?,
            Some(content) => {
                let method = match entry.compression() {
                    CompressionMethod::Stored => CompressionMethod::Stored,
                    _ => CompressionMethod::Deflated,
                };
                let modified = entry.last_modified().unwrap_or_default();
                drop(entry);
                write_entry(&mut zip, &name, method, modified, content)?;
            }
        }
    }
    if let Some(name) = changes.replaced.keys().next() {
        return Err(EditError::Write(format!(
            "the package has no part {name} to replace"
        )));
    }
    for (name, bytes) in changes.added {
        write_entry(
            &mut zip,
            &name,
            CompressionMethod::Deflated,
            DateTime::default(),
            Content::Bytes(bytes),
        )?;
    }
    zip.finish().map_err(zip_failure)
}

fn write_entry<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    name: &str,
    method: CompressionMethod,
    modified: DateTime,
    content: Content<'_>,
) -> Result<(), EditError> {
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(modified);
    zip.start_file(name, options).map_err(zip_failure)?;
    let mut limited = Limited {
        inner: zip,
        written: 0,
    };
    match content {
        Content::Bytes(bytes) => limited
            .write_all(&bytes)
            .map_err(|e| EditError::Limit(e.to_string()))?,
        Content::Stream(mut stream) => stream(&mut limited)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn package(entries: &[(&str, &[u8], CompressionMethod)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes, method) in entries {
            let options = SimpleFileOptions::default().compression_method(*method);
            zip.start_file(*name, options).expect("entry");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    fn raw(bytes: &[u8]) -> Vec<(String, CompressionMethod, Vec<u8>)> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).expect("zip");
        (0..archive.len())
            .map(|i| {
                let mut entry = archive.by_index_raw(i).expect("entry");
                let mut data = Vec::new();
                entry.read_to_end(&mut data).expect("read");
                (
                    entry.name().expect("name").to_string(),
                    entry.compression(),
                    data,
                )
            })
            .collect()
    }

    #[test]
    fn untouched_entries_keep_their_bytes_method_and_order() {
        let input = package(&[
            ("a.xml", b"<a/>", CompressionMethod::Deflated),
            ("b.bin", &[7u8; 300], CompressionMethod::Stored),
            ("c.xml", b"<c>old</c>", CompressionMethod::Stored),
        ]);
        let mut archive = ZipArchive::new(Cursor::new(input.as_slice())).expect("zip");
        let mut changes = Changes::default();
        changes
            .replaced
            .insert("c.xml".into(), Content::Bytes(b"<c>new</c>".to_vec()));
        changes.added.push(("d.xml".into(), b"<d/>".to_vec()));
        let output = write(&mut archive, Cursor::new(Vec::new()), changes)
            .expect("copy")
            .into_inner();
        let before = raw(&input);
        let after = raw(&output);
        assert_eq!(after.len(), 4);
        assert_eq!(before[0], after[0]);
        assert_eq!(before[1], after[1]);
        assert_eq!(after[2].0, "c.xml");
        assert_eq!(after[2].1, CompressionMethod::Stored);
        assert_eq!(after[2].2, b"<c>new</c>");
        assert_eq!(after[3].0, "d.xml");
    }

    #[test]
    fn a_part_to_replace_must_exist() {
        let input = package(&[("a.xml", b"<a/>", CompressionMethod::Deflated)]);
        let mut archive = ZipArchive::new(Cursor::new(input.as_slice())).expect("zip");
        let mut changes = Changes::default();
        changes
            .replaced
            .insert("zz.xml".into(), Content::Bytes(Vec::new()));
        assert!(write(&mut archive, Cursor::new(Vec::new()), changes).is_err());
    }
}
